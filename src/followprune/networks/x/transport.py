"""The HTTP session under tweepy: points it at the configured base URL and sets timeouts.

tweepy hard-codes `https://api.twitter.com` and sets no timeout. The URL is rewritten in
`request()` *before* requests prepares it, so an OAuth 1.0a signature covers the URL that is
actually sent (signing happens while the request is prepared).
"""

from __future__ import annotations

import json
from typing import Any

import requests

_HARD_CODED_HOSTS = ("https://api.twitter.com", "https://api.x.com")


class XSession(requests.Session):
    def __init__(self, base_url: str, timeout_seconds: float) -> None:
        super().__init__()
        self.base_url = base_url.rstrip("/")
        # (connect, read): a dead host fails fast, a slow page gets the full read timeout.
        self.timeout = (min(10.0, timeout_seconds), timeout_seconds)

    def rewrite(self, url: str) -> str:
        for prefix in _HARD_CODED_HOSTS:
            if url.startswith(prefix):
                return self.base_url + url[len(prefix):]
        return url

    def request(
        self, method: str | bytes, url: str | bytes, *args: Any, **kwargs: Any
    ) -> requests.Response:
        if isinstance(url, bytes):
            url = url.decode()
        kwargs.setdefault("timeout", self.timeout)
        response = super().request(method, self.rewrite(url), *args, **kwargs)
        readable_by_tweepy(response)
        return response


def readable_by_tweepy(response: requests.Response) -> None:
    """Make a failed answer one tweepy can raise its exception for.

    tweepy reads every non-2xx answer itself before it raises: `int()` of the
    x-rate-limit-reset of a 429, and `errors`, `error` and `detail` of a JSON body, which it
    takes to be an object holding a list of error objects or texts and a text. Anything
    else (`[]`, `null`, `{"errors": 5}`, `{"detail": 7}`, a reset of `soon`), from X or a
    proxy in front of it, made tweepy fail with a TypeError or ValueError instead, shown as
    an internal error. What tweepy cannot read is dropped here, so the answer still ends
    as the error its status calls for (problems.translate); nothing readable is lost: a
    reset that is no whole number means no reset time to ratelimit.py as well."""
    if 200 <= response.status_code < 300:
        return
    reset = response.headers.get("x-rate-limit-reset")
    if reset is not None and not _whole_number(reset):
        del response.headers["x-rate-limit-reset"]
    if not response.content:
        return
    try:
        body = response.json()
    except ValueError:
        return  # not JSON: tweepy handles that (its message is the status line)
    kept = _tweepy_safe(body)
    if kept != body:
        response._content = json.dumps(kept).encode()
        response.encoding = "utf-8"


def _whole_number(text: str) -> bool:
    try:
        int(text)
    except ValueError:
        return False
    return True


def _tweepy_safe(body: object) -> dict[str, Any]:
    """`body` without the fields tweepy cannot read (an empty object if it is none)."""
    if not isinstance(body, dict):
        return {}
    kept = dict(body)

    def error_ok(error: object) -> bool:
        return isinstance(error, str) or (
            isinstance(error, dict) and isinstance(error.get("message", ""), str))

    errors = kept.get("errors", [])
    if not isinstance(errors, list) or not all(error_ok(e) for e in errors):
        kept.pop("errors", None)
    if "error" in kept and not error_ok(kept["error"]):
        kept.pop("error")
    if "detail" in kept and not isinstance(kept["detail"], str):
        kept.pop("detail")
    return kept
