"""The HTTP session under tweepy: points it at the configured base URL and sets timeouts.

tweepy hard-codes `https://api.twitter.com` and sets no timeout. The URL is rewritten in
`request()` *before* requests prepares it, so an OAuth 1.0a signature covers the URL that is
actually sent (signing happens while the request is prepared).
"""

from __future__ import annotations

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
        return super().request(method, self.rewrite(url), *args, **kwargs)
