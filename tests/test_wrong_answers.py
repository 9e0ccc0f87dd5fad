"""A server (or a proxy in front of it) that answers a read with something that is not the
answer: an HTML page with 200, an empty body, `null`, an object without the list asked for,
fields of the wrong kind. On every network the run stops with exit 6 and a message naming
the server and the call, never "internal error", and never reads it as an empty page: a
follow list of garbage must not become "you follow no one" (networks/shapes.py).

Real HTTP on loopback: each fake server sits behind a forwarding proxy that garbles the
answers to one path and passes everything else through.
"""

from __future__ import annotations

import http.client
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest

from followprune.errors import ApiError, AuthError
from tests.conftest import Invoke, proposals_json
from tests.fakebsky import FakeBluesky
from tests.fakebsky import make_state as bluesky_state
from tests.fakebsky.server import APP_PASSWORD
from tests.fakemasto import FakeMastodon
from tests.fakemasto import make_state as mastodon_state
from tests.fakex import FakeX
from tests.fakex import make_state as x_state
from tests.fakex.harness import USER_TOKEN

N = 30

# Bodies of a 200 answer, with a content type each.
GARBAGE: dict[str, tuple[str, bytes]] = {
    "html page": ("text/html", b"<html><body>Welcome to nginx!</body></html>"),
    "empty body": ("application/json", b""),
    "empty object": ("application/json", b"{}"),
    "null": ("application/json", b"null"),
    "list of junk": ("application/json", b'[1, "a", null, {"id": null}]'),
    "wrong kinds": ("application/json",
                    b'{"data": "x", "meta": [], "did": 5, "handle": [], "accessJwt": 3,'
                    b' "records": 7, "profiles": {}, "notifications": "no", "id": []}'),
}


@dataclass
class Garbling:
    """A proxy to `upstream` answering requests whose path contains `path` with `body`."""

    upstream: str
    path: str = ""
    body: tuple[str, bytes] = ("application/json", b"{}")
    hits: list[str] = field(default_factory=list)
    method: str = ""  # only requests of this method are garbled; "": all
    passes: bool = False  # the request reaches the server first: only its answer is lost

    def start(self) -> str:
        proxy = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args: Any) -> None:
                pass

            def _answer(self) -> None:
                length = int(self.headers.get("Content-Length") or 0)
                sent = self.rfile.read(length) if length else None
                garbled = (proxy.path and proxy.path in self.path
                           and proxy.method in ("", self.command))
                if garbled and proxy.passes:
                    self._forward(sent)
                if garbled:
                    proxy.hits.append(self.path)
                    kind, data = proxy.body
                    self.send_response(200)
                    self.send_header("Content-Type", kind)
                    self.send_header("Content-Length", str(len(data)))
                    self.end_headers()
                    self.wfile.write(data)
                    return
                status, headers, data = self._forward(sent)
                self.send_response(status)
                for key, value in headers:
                    if key.lower() not in ("transfer-encoding", "content-length", "connection",
                                           "date", "server"):
                        self.send_header(key, value)
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            def _forward(self, sent: bytes | None) -> tuple[int, list[tuple[str, str]], bytes]:
                parts = urlsplit(proxy.upstream)
                upstream = http.client.HTTPConnection(parts.hostname or "", parts.port,
                                                      timeout=30)
                headers = {k: v for k, v in self.headers.items() if k.lower() != "host"}
                upstream.request(self.command, self.path, body=sent, headers=headers)
                answer = upstream.getresponse()
                data = answer.read()
                upstream.close()
                return answer.status, answer.getheaders(), data

            do_GET = do_POST = do_DELETE = _answer

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        threading.Thread(target=self.server.serve_forever, daemon=True).start()
        return f"http://127.0.0.1:{self.server.server_address[1]}"

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture(params=["x", "bluesky", "mastodon"])
def served(request: pytest.FixtureRequest,
           monkeypatch: pytest.MonkeyPatch) -> Iterator[tuple[str, Garbling, Any]]:
    """A fake server of the network behind a Garbling proxy, followprune pointed at the
    proxy."""
    network: str = request.param
    monkeypatch.setenv("FOLLOWPRUNE_NETWORK", network)
    monkeypatch.setenv("FOLLOWPRUNE_ACTIONS_DELAY_SECONDS", "0")
    monkeypatch.setenv("FOLLOWPRUNE_ACTIONS_JITTER_SECONDS", "0")
    server: Any
    if network == "x":
        server = FakeX(x_state(N, seed=7, n_followers=20)).start()
        proxy = Garbling(server.base_url)
        monkeypatch.setenv("FOLLOWPRUNE_X_API_BASE_URL", proxy.start())
        monkeypatch.setenv("FOLLOWPRUNE_X_TIMEOUT_SECONDS", "5")
        monkeypatch.setenv("X_BEARER_TOKEN", USER_TOKEN)
    elif network == "bluesky":
        server = FakeBluesky(bluesky_state(N)).start()
        proxy = Garbling(server.base_url)
        monkeypatch.setenv("FOLLOWPRUNE_BLUESKY_SERVICE", proxy.start())
        monkeypatch.setenv("FOLLOWPRUNE_BLUESKY_TIMEOUT_SECONDS", "5")
        monkeypatch.setenv("BLUESKY_HANDLE", "me.bsky.social")
        monkeypatch.setenv("BLUESKY_APP_PASSWORD", APP_PASSWORD)
    else:
        server = FakeMastodon(mastodon_state(N)).start()
        proxy = Garbling(server.base_url)
        monkeypatch.setenv("FOLLOWPRUNE_MASTODON_INSTANCE", proxy.start())
        monkeypatch.setenv("FOLLOWPRUNE_MASTODON_TIMEOUT_SECONDS", "5")
        monkeypatch.setenv("MASTODON_ACCESS_TOKEN", server.issue_token())
    yield network, proxy, server
    proxy.close()
    server.close()


# The reads a dry run makes on each network: who you are, the follow list, and the rest.
READS = {
    "x": ["/2/users/me", "/following", "/liked_tweets", "/mentions"],
    "bluesky": ["com.atproto.server.createSession", "app.bsky.actor.getProfile?",
                "com.atproto.repo.listRecords", "app.bsky.actor.getProfiles",
                "app.bsky.notification.listNotifications"],
    "mastodon": ["/verify_credentials", "/following", "/relationships", "/statuses",
                 "/notifications"],
}
# Where the follow list itself comes from.
FOLLOW_LIST = {"x": "/following", "bluesky": "com.atproto.repo.listRecords",
               "mastodon": "/following"}
SERVER = {"x": "X", "bluesky": "the Bluesky service", "mastodon": "the Mastodon instance"}


@pytest.mark.parametrize("garbage", list(GARBAGE))
def test_a_garbled_read_stops_the_run_naming_the_server(
    served: tuple[str, Garbling, Any], invoke: Invoke, garbage: str
) -> None:
    network, proxy, _ = served
    proxy.body = GARBAGE[garbage]
    for path in READS[network]:
        proxy.path, proxy.hits = path, []
        result = invoke("--dry-run", "--all", "--format", "json")
        assert proxy.hits, path
        # An answer that holds nothing wrong for this read (Mastodon's `[...]` of junk
        # items is caught, a bare `[]` page would not be): it must never be an internal
        # error, and where it stops, it says why.
        assert "internal error" not in result.output, (path, result.output)
        assert result.exit_code == 6, (path, garbage, result.output)
        assert SERVER[network] in result.output, (path, result.output)
        assert ("cannot read" in result.output or "not JSON" in result.output
                or "empty answer" in result.output), (path, result.output)


def test_a_garbled_follow_list_is_never_read_as_following_no_one(
    served: tuple[str, Garbling, Any], invoke: Invoke, isolated_env: Path
) -> None:
    network, proxy, _ = served
    first = proposals_json(invoke("--dry-run", "--all", "--format", "json"))
    assert first["followed"] == N
    # --refresh: X's data read today would not be read again.
    proxy.path, proxy.body = FOLLOW_LIST[network], GARBAGE["empty object"]
    result = invoke("--dry-run", "--all", "--format", "json", "--refresh")
    assert proxy.hits
    assert result.exit_code == 6, result.output
    # The next good read finds every follow where it was.
    proxy.path = ""
    again = proposals_json(invoke("--dry-run", "--all", "--format", "json", "--refresh"))
    assert again["followed"] == N
    assert {a["account_id"] for a in again["accounts"]} == {
        a["account_id"] for a in first["accounts"]}


# Where an unfollow goes, and the garbled answers that cannot be read as done.
UNFOLLOW = {"x": ("DELETE", "/following/"), "bluesky": ("POST", "com.atproto.repo.deleteRecord"),
            "mastodon": ("POST", "/unfollow")}


def followed_on(server: Any) -> set[str]:
    following = server.state.following
    return set(following() if callable(following) else following)


@pytest.mark.parametrize("passes", [False, True], ids=["lost on the way", "done, answer lost"])
@pytest.mark.parametrize("garbage", ["html page", "null"])
def test_an_unfollow_whose_answer_is_garbled_is_journaled_as_what_happened(
    served: tuple[str, Garbling, Any], invoke: Invoke, monkeypatch: pytest.MonkeyPatch,
    garbage: str, passes: bool
) -> None:
    """A proxy that loses the request, or loses only X's answer, leaves an answer that says
    nothing: the journal records the unfollow done exactly when it happened (so undo finds
    what it must re-follow), asking the server where the answer does not say."""
    network, proxy, server = served
    monkeypatch.setenv("FOLLOWPRUNE_ACTIONS_PER_RUN", "1")
    before = followed_on(server)
    proxy.method, proxy.path = UNFOLLOW[network]
    proxy.body, proxy.passes = GARBAGE[garbage], passes
    result = invoke("--yes")
    assert proxy.hits, result.output
    assert "internal error" not in result.output
    proxy.path = ""
    history = proposals_json(invoke("history", "--format", "json"))
    [action] = [a for a in history["actions"] if a["kind"] == "unfollow"]
    gone = before - followed_on(server)
    if passes:
        assert gone == {action["account_id"]}, result.output
        assert action["state"] == "done", result.output
    else:
        assert gone == set(), result.output
        assert action["state"] == "failed", result.output
        assert result.exit_code != 0


@pytest.mark.parametrize("garbage", ["empty object", "null", "wrong kinds"])
@pytest.mark.parametrize("path", ["/oauth/token", "/verify_credentials"])
def test_a_mastodon_login_answered_with_garbage_stores_nothing(
    isolated_env: Path, garbage: str, path: str
) -> None:
    from followprune.networks.login import LoginOptions
    from followprune.networks.mastodon.login import FLOW
    from tests.test_mastodon import Prompts, login_deps

    with FakeMastodon(mastodon_state(1)) as fake:
        proxy = Garbling(fake.base_url, path=path, body=GARBAGE[garbage])
        deps = login_deps(isolated_env, proxy.start())
        try:
            # The token exchange's garbage is Mastodon.py's to refuse ("refused the code").
            with pytest.raises((ApiError, AuthError), match=r"Mastodon instance|refused the"):
                FLOW.login(deps, LoginOptions(), Prompts(fake))
        finally:
            proxy.close()
        assert proxy.hits
        assert FLOW.status(deps) == []
