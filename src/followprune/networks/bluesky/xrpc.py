"""XRPC over `requests`: GET for queries, POST for procedures, errors turned into ours.

Plain HTTP rather than the `atproto` SDK: the handful of methods used are small JSON calls,
`requests` is already a dependency, and owning the session file (0600, refreshed in place)
is simpler than following the SDK's 0.0.x session API from release to release.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any

import requests

from followprune.errors import ApiError, AuthError
from followprune.networks.base import Waiter
from followprune.networks.bluesky.answers import ANSWERS
from followprune.networks.shapes import UnreadableAnswer, WrongShape, check
from followprune.networks.window import MAX_WAITS, LastCalls, until_reset, wait_shown

JSON = dict[str, Any]
# What `_answer` holds for a body that does not parse (JSON's own null is None).
_NOT_JSON = object()
# Answers that mean the access token has run out: refresh it and try once more.
EXPIRED = {"ExpiredToken", "InvalidToken"}


class XrpcError(ApiError):
    """The service answered with an XRPC error body (`{"error", "message"}`)."""

    def __init__(self, method: str, status: int, error: str, message: str) -> None:
        super().__init__(f"Bluesky refused {method}: {error or status}"
                         + (f" ({message})" if message else ""))
        self.status = status
        self.error = error


class RateLimited(ApiError):
    """A 429, which was not carried out. A call that is not `repeatable` gets it at once,
    with `wait` (seconds until the window reopens, from `at`; None when unknown or too far
    off): its caller checks whether an earlier attempt was done before waiting it out
    (`Xrpc.wait_out`) and sending it again."""

    def __init__(self, message: str, *, hint: str, wait: float | None, at: float) -> None:
        super().__init__(message, hint=hint)
        self.wait = wait
        self.at = at


class Xrpc:
    def __init__(self, service: str, timeout_seconds: float, *, retries: int = 3,
                 sleep: Callable[[float], None] = time.sleep,
                 now: Callable[[], float] = time.time,
                 on_wait: Waiter | None = None) -> None:
        self.service = service.rstrip("/")
        self.timeout = (min(10.0, timeout_seconds), timeout_seconds)
        self.retries = retries
        self.sleep = sleep
        self.now = now
        self.on_wait = on_wait
        self.window = LastCalls("Bluesky")
        self.http = requests.Session()

    def call(self, method: str, *, params: JSON | None = None, body: JSON | None = None,
             token: str | None = None, procedure: bool | None = None,
             repeatable: bool = True) -> JSON:
        """One XRPC call; a body (or `procedure=True` for one without input) makes it a
        POST. 5xx and dropped connections are retried with back-off when the call is
        `repeatable` (reads, deletes, mutes); a create is not, since repeating one that did
        happen makes a second record: its caller checks instead. Nor is a 429 waited out
        and sent again for it (a proxy may answer 429 to a create that was done): it is
        raised as RateLimited, and the caller checks before waiting."""
        url = f"{self.service}/xrpc/{method}"
        headers = {"Authorization": f"Bearer {token}"} if token else {}
        post = body is not None if procedure is None else procedure
        self.window.before(method, self.now(), self._wait)
        # A 429 was not carried out, so waiting it out is safe for every call; it does not
        # use up an attempt, only one of a few waits.
        attempts, failures, waits = (self.retries if repeatable else 1), 0, 0
        while True:
            last = failures == attempts - 1
            try:
                if not post:
                    response = self.http.get(url, params=params, headers=headers,
                                             timeout=self.timeout)
                else:
                    response = self.http.post(url, json=body, headers=headers,
                                              timeout=self.timeout)
            except requests.RequestException as exc:
                if last:
                    raise ApiError(
                        f"the Bluesky service {self.service} cannot be reached"
                        f" ({type(exc).__name__})",
                        hint="check the connection, or `bluesky.service` in the config",
                    ) from None
                self.sleep(2.0 ** failures)
                failures += 1
                continue
            self._note_limits(response)
            if response.status_code >= 500 and not last:
                self.sleep(2.0 ** failures)
                failures += 1
                continue
            if response.status_code == 429 and repeatable and waits < MAX_WAITS:
                wait = self._until_reset(response)
                if wait is not None:
                    self._wait(wait, f"Bluesky rate limit on {method}")
                    waits += 1
                    continue
            return self._answer(method, response)

    def _note_limits(self, response: requests.Response) -> None:
        try:
            remaining = int(response.headers["ratelimit-remaining"])
            reset = float(response.headers["ratelimit-reset"])
        except (KeyError, ValueError):
            return
        self.window.note(remaining, reset)

    def _until_reset(self, response: requests.Response) -> float | None:
        """Seconds until the window in `ratelimit-reset` opens again; None when the header
        is missing or the wait is longer than a run should sit through."""
        try:
            reset = float(response.headers.get("ratelimit-reset", ""))
        except ValueError:
            return None
        return until_reset(reset, self.now())

    def _wait(self, seconds: float, why: str) -> None:
        wait_shown(self.on_wait, self.sleep, seconds, why)

    def wait_out(self, limited: RateLimited, method: str) -> None:
        """Sleep (shown) until the window a RateLimited named reopens, if it has not yet:
        the caller's check may have waited for it already (the window was spent)."""
        if limited.wait is None:
            return
        left = limited.at + limited.wait - self.now()
        if left > 0:
            self._wait(left, f"Bluesky rate limit on {method}")

    def _answer(self, method: str, response: requests.Response) -> JSON:
        try:
            data = response.json() if response.content else {}
        except ValueError:
            data = _NOT_JSON
        shape = ANSWERS.get(method)
        if response.ok and shape is not None:
            # An answer to a read: what it must hold is checked before anything is read
            # from it, so a page of garbage is never taken as an empty list.
            try:
                if data is _NOT_JSON:
                    raise WrongShape("it is not JSON")
                check(data, shape)
            except WrongShape as wrong:
                raise UnreadableAnswer(f"the Bluesky service {self.service} sent an answer"
                                       f" followprune cannot read on {method}: {wrong.why}"
                                       ) from None
        if not isinstance(data, dict):
            data = {}
        if response.ok:
            return data
        error = _text(data.get("error"))
        message = _text(data.get("message"))
        if response.status_code == 429:
            reset = _moment(response.headers.get("ratelimit-reset", ""))
            raise RateLimited(f"Bluesky rate limit reached on {method}",
                              hint=f"try again after {reset:%Y-%m-%d %H:%M:%S} UTC" if reset
                              else "try again in a few minutes",
                              wait=self._until_reset(response), at=self.now())
        if response.status_code >= 500:
            raise ApiError(f"the Bluesky service {self.service} failed on {method}"
                           f" (HTTP {response.status_code})")
        raise XrpcError(method, response.status_code, error, message)

    def close(self) -> None:
        self.http.close()


# The most of a server's error text a message shows: a proxy's page or a runaway body is
# no message, and the error names the method and status besides.
TEXT_SHOWN = 300


def _text(value: object) -> str:
    """An XRPC error body's `error` or `message` when it is text; anything else there (a
    number, an object, null, from a proxy or another server) says nothing a person can read
    and had been shown as a Python repr ("{'a': 1}", "None")."""
    if not isinstance(value, str):
        return ""
    text = " ".join(value.split())
    return text if len(text) <= TEXT_SHOWN else text[:TEXT_SHOWN - 1] + "…"


def _moment(reset: str) -> datetime | None:
    """The moment a `ratelimit-reset` header (epoch seconds) names; None for one that is
    no such number ("soon", "nan", 1e400), which had been shown as it came."""
    try:
        return datetime.fromtimestamp(float(reset), UTC)
    except (ValueError, OverflowError, OSError):
        return None


def is_expired(exc: XrpcError) -> bool:
    return exc.error in EXPIRED or exc.status == 401


def raise_auth(exc: XrpcError) -> AuthError:
    return AuthError(f"the Bluesky session was refused ({exc.error or exc.status})",
                     hint="log in again with `prune auth login --network bluesky`, or set"
                     " BLUESKY_HANDLE and BLUESKY_APP_PASSWORD")
