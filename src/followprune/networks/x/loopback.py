"""The one-shot local web server the browser is redirected to after approving the app."""

from __future__ import annotations

import time
from http.server import BaseHTTPRequestHandler, HTTPServer
from types import TracebackType
from urllib.parse import urlsplit

from followprune.errors import AuthError, InputError
from followprune.networks.x.oauth2 import code_from_redirect

LOOPBACK_HOSTS = ("127.0.0.1", "localhost", "::1", "[::1]")
_PAGE = (b"<html><body><h2>followprune is connected.</h2>"
         b"<p>You can close this tab and return to the terminal.</p></body></html>")


def is_loopback(redirect_uri: str) -> bool:
    parts = urlsplit(redirect_uri)
    return parts.scheme == "http" and parts.hostname in LOOPBACK_HOSTS


class LoopbackListener:
    """Listens on the redirect URI's port *before* the browser is sent to X, so the redirect
    can never arrive too early; serves until one request to the redirect path arrives."""

    def __init__(self, redirect_uri: str) -> None:
        parts = urlsplit(redirect_uri)
        if not is_loopback(redirect_uri) or parts.port is None:
            raise InputError(
                f"the redirect URI {redirect_uri} is not a loopback address with a port",
                hint="use --paste, or set x.redirect_uri to e.g. http://127.0.0.1:8723/callback",
            )
        self.path = parts.path or "/"
        self.received: str | None = None
        listener = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                if urlsplit(self.path).path != listener.path:
                    self.send_error(404)
                    return
                listener.received = self.path  # only its query string matters
                self.send_response(200)
                self.send_header("Content-Type", "text/html; charset=utf-8")
                self.send_header("Content-Length", str(len(_PAGE)))
                self.end_headers()
                self.wfile.write(_PAGE)

            def log_message(self, format: str, *args: object) -> None:
                pass  # the query string holds the code: keep it off stderr

        host = "127.0.0.1" if parts.hostname == "localhost" else str(parts.hostname).strip("[]")
        try:
            self.server = HTTPServer((host, parts.port), Handler)
        except OSError as exc:
            raise AuthError(
                f"cannot listen on {host}:{parts.port} for the login redirect ({exc.strerror})",
                hint="free that port, change x.redirect_uri (and the app's callback URL),"
                " or use --paste",
            ) from None
        self.server.timeout = 0.2

    def wait(self, expected_state: str, timeout: float) -> str:
        """The authorization code, once the browser comes back; AuthError on timeout."""
        deadline = time.monotonic() + timeout
        while self.received is None:
            if time.monotonic() > deadline:
                raise AuthError(
                    f"no answer from the browser within {timeout:.0f} s",
                    hint="run `prune auth login` again, or `prune auth login --paste`",
                )
            self.server.handle_request()
        return code_from_redirect(self.received, expected_state)

    def close(self) -> None:
        self.server.server_close()

    def __enter__(self) -> LoopbackListener:
        return self

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        self.close()

