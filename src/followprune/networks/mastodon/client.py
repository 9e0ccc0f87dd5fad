"""Mastodon.py with our own waiting, retries and errors around every call.

Mastodon.py runs with `ratelimit_method="throw"`: its own waiting ("wait", "pace") sleeps
silently inside the library for up to five minutes, while a run must show a countdown
(deps.on_wait) and give up, exit 6, on a window that reopens too late. The library still
reads the `X-RateLimit-*` headers (the reset is an ISO time there) into `ratelimit_reset`,
which is all the waiting here needs.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from datetime import UTC
from typing import Any, TypeVar
from urllib.parse import urlsplit

# Mastodon.py's own time parser (its dependency, pinned with it): the same reading decides.
import dateutil.parser  # type: ignore[import-untyped]
import requests
from mastodon import (
    Mastodon,
    MastodonAPIError,
    MastodonNetworkError,
    MastodonNotFoundError,
    MastodonRatelimitError,
    MastodonServerError,
    MastodonUnauthorizedError,
)

from followprune.config import is_loopback  # the rule `bluesky.service` follows too
from followprune.errors import (
    AccountGone,
    ActionRejected,
    ApiError,
    AuthError,
    InputError,
    OutcomeUnknown,
)
from followprune.networks.base import Waiter
from followprune.networks.shapes import UnreadableAnswer, WrongShape, check
from followprune.networks.window import MAX_WAITS, LastCalls, until_reset, wait_shown

T = TypeVar("T")
USER_AGENT = "followprune (+https://github.com/followprune)"
# Told to Mastodon.py as the instance's version so that it never asks /api/v1/instance
# itself: in 2.3.3 log_in() does when no version is known, and when that call fails
# verify_minimum_version recurses until RecursionError. With version_check_mode="none" the
# library gates nothing on the number; followprune tells features apart by the answers
# (an account without `last_status_at` is from an instance older than 3.1).
ASSUMED_VERSION = "4.0.0"
LOGIN_HINT = "log in again: prune auth login --network mastodon --instance {instance}"


def instance_url(value: str) -> str:
    """`mastodon.social`, `https://mastodon.social/` → `https://mastodon.social`.

    Plain http is refused except on loopback (a test server or an SSH tunnel): a token sent
    in clear to a real instance could be read on the way."""
    text = value.strip().rstrip("/")
    if not text:
        raise InputError("no Mastodon instance given",
                         hint="pass --instance https://your.instance or set mastodon.instance")
    if "://" not in text:
        text = "https://" + text
    try:
        parts = urlsplit(text)
        parts.port  # noqa: B018 - parsing the port is what rejects `host:99999`
    except ValueError:  # `https://[::1`: an unclosed bracket, a port that is not one
        parts = None
    if parts is not None and "@" in parts.netloc and parts.hostname:
        # A handle (`@lena@social.example`) read as a URL is user info and a host: taking the
        # host sent the token to an address nobody gave, and "cannot be reached" (exit 6)
        # hid the slip. The person is told what an instance looks like instead.
        raise InputError(f"{value!r} is a handle, not a Mastodon instance address",
                         hint=f"give the instance it lives on, as https://{parts.hostname}")
    if (parts is None or parts.scheme not in ("https", "http") or not parts.hostname
            or parts.path not in ("", "/") or any(c.isspace() for c in text)):
        raise InputError(f"{value!r} is not a Mastodon instance address",
                         hint="give it as https://mastodon.example")
    if parts.scheme == "http" and not is_loopback(parts.hostname):
        raise InputError(f"{value!r} uses plain http; followprune only talks to an instance"
                         " over https", hint=f"use https://{parts.netloc}")
    return f"{parts.scheme}://{parts.netloc}".lower()


def instance_host(url: str) -> str:
    return urlsplit(url).netloc.lower()


def status_of(exc: MastodonAPIError) -> int | None:
    """Mastodon.py raises (message, status, reason, error text)."""
    return exc.args[1] if len(exc.args) > 1 and isinstance(exc.args[1], int) else None


def detail_of(exc: MastodonAPIError) -> str:
    """The instance's `error` text; anything else there (an object, from a proxy or another
    server software) says nothing a person can read and was shown as a Python repr."""
    detail = exc.args[3] if len(exc.args) > 3 else None
    return detail.strip() if isinstance(detail, str) else ""


class Client:
    """One instance, one token. `call` runs a Mastodon.py method and turns its failures
    into ours: 401 → AuthError (exit 5), unreachable or failing instance → ApiError naming
    it (exit 6), 404/410 on an action on one account → ActionRejected (that account only);
    a read (one with a `shape`) refused or not found is an ApiError about the instance."""

    def __init__(self, instance: str, token: str | None, timeout_seconds: float, *,
                 retries: int = 3, on_wait: Waiter | None = None,
                 sleep: Callable[[float], None] = time.sleep,
                 now: Callable[[], float] = time.time,
                 client_id: str | None = None, client_secret: str | None = None) -> None:
        self.instance = instance_url(instance)
        self.retries = retries
        self.on_wait = on_wait
        self.sleep = sleep
        self.now = now
        self.http = requests.Session()
        # The first byte of the last answer's JSON: Mastodon.py makes a list of an object
        # (`{}` becomes `[]`), which `call` must not take as an empty page.
        self._opened = b""
        # The last answer's `Link: rel="next"` address and the path it answered: Mastodon.py
        # keeps a next page only when its address holds a max_id, and an empty page none at
        # all, so whether the server announced more is read here (networks _pages).
        self.next_link: str | None = None
        self.answered_path = ""
        self.http.hooks["response"].append(self._note_answer)
        self.window = LastCalls("Mastodon")
        self.api = Mastodon(
            access_token=token, client_id=client_id, client_secret=client_secret,
            api_base_url=self.instance, ratelimit_method="throw",
            request_timeout=timeout_seconds, version_check_mode="none",
            mastodon_version=ASSUMED_VERSION,
            session=self.http, user_agent=USER_AGENT,
        )

    @property
    def host(self) -> str:
        return instance_host(self.instance)

    def call(self, what: str, run: Callable[[], T], shape: Any = None, *,
             end: bool = False, action: bool = False) -> T:
        """Every call here is safe to repeat: Mastodon's follow, unfollow, mute and unmute
        are idempotent, and reads change nothing. So 5xx, timeouts and dropped connections
        are retried with back-off, and a 429 (not carried out) is waited out.

        A read's answer is checked to have `shape` (networks/shapes.py; reads list theirs in
        answers.py) before anything is read from it; with `end`, None (Mastodon.py's "no
        next page") is an answer too. An `action` that keeps failing on the instance's side
        or the connection's may have been done: OutcomeUnknown."""
        self.window.before(what, self.now(), self._wait)
        failures, waits = 0, 0
        while True:
            last = failures >= self.retries - 1
            try:
                result = run()
            except MastodonRatelimitError:
                wait = self._until_reset()
                if wait is None or waits >= MAX_WAITS:
                    raise ApiError(f"Mastodon rate limit reached on {self.host} ({what})",
                                   hint="try again after the window reopens (300 calls"
                                   " per 5 minutes)") from None
                self._wait(wait, f"Mastodon rate limit on {what}")
                waits += 1
                continue
            except MastodonUnauthorizedError as exc:
                raise AuthError(f"the Mastodon instance {self.host} refused the login"
                                f" ({detail_of(exc) or 'HTTP 401'})",
                                hint=LOGIN_HINT.format(instance=self.instance)) from None
            except MastodonServerError as exc:
                if last:
                    raise (OutcomeUnknown if action else ApiError)(
                        f"the Mastodon instance {self.host} failed on {what}"
                        f" (HTTP {status_of(exc)})", hint="try again later") from None
            except MastodonNetworkError as exc:
                if last:
                    raise (OutcomeUnknown if action else ApiError)(
                        f"the Mastodon instance {self.host} cannot be reached"
                        f" ({_cause(exc)})",
                        hint="check the connection, or mastodon.instance in the config",
                    ) from None
            except MastodonNotFoundError as exc:
                if shape is not None:  # a read: the address has no such API, no account gone
                    raise ApiError(f"the Mastodon instance {self.host} answered {what} with"
                                   f" HTTP 404 Not Found{_detail(exc)}",
                                   hint=READ_REFUSED_HINT) from None
                if self._opened != b"{":
                    # Not Mastodon's own 404 (`{"error": "Record not found"}`) but a page (a
                    # proxy's, another server's): it says nothing of the account, which had
                    # been called gone ("not on HOST any more (Endpoint not found.)", the
                    # text Mastodon.py puts in when there is none).
                    raise ApiError(f"the Mastodon instance {self.host} answered {what} with"
                                   " HTTP 404 Not Found, and not in JSON as Mastodon does",
                                   hint=READ_REFUSED_HINT) from None
                raise AccountGone(f"{what}: the account is not on {self.host} any more"
                                     f" ({detail_of(exc) or 'HTTP 404'})") from None
            except MastodonAPIError as exc:
                status = status_of(exc)
                if status is None and str(exc.args[0] if exc.args else "").startswith(
                        "Could not parse response as JSON"):
                    raise UnreadableAnswer(f"the Mastodon instance {self.host} sent an"
                                           f" answer followprune cannot read on {what}: it is"
                                           " not JSON") from None
                if shape is not None:  # a read refused: about no one account
                    raise ApiError(f"the Mastodon instance {self.host} refused {what}"
                                   f" (HTTP {status}{_detail(exc)})",
                                   hint=READ_REFUSED_HINT) from None
                if status == 410:
                    raise AccountGone(f"{what}: gone ({detail_of(exc) or 'HTTP 410'}):"
                                         " the account or its instance no longer exists"
                                         ) from None
                if status in (403, 422):
                    raise ActionRejected(f"{what}: {self.host} refused it"
                                         f" ({detail_of(exc) or f'HTTP {status}'})") from None
                raise ApiError(f"the Mastodon instance {self.host} refused {what}"
                               f" ({detail_of(exc) or f'HTTP {status}'})") from None
            else:
                self._note_limits()
                if shape is not None and not (end and result is None):
                    try:
                        if isinstance(shape, list) and self._opened != b"[":
                            raise WrongShape("expected a list, got "
                                             + _OPENED.get(self._opened, "something else"))
                        check(result, shape)
                    except WrongShape as wrong:
                        raise UnreadableAnswer(f"the Mastodon instance {self.host} sent an"
                                               f" answer followprune cannot read on {what}:"
                                               f" {wrong.why}") from None
                return result
            self.sleep(2.0 ** failures)
            failures += 1

    def _note_answer(self, response: requests.Response, *args: Any, **kwargs: Any) -> None:
        self._opened = response.content.lstrip()[:1]
        self.next_link = next_link(response.headers.get("Link") or "")
        self.answered_path = urlsplit(response.url).path
        _drop_unreadable_times(response)

    def _note_limits(self) -> None:
        remaining = self.api.ratelimit_remaining
        reset = self.api.ratelimit_reset
        self.window.note(remaining if isinstance(remaining, int) else None,
                         float(reset) if reset else None)

    def _until_reset(self) -> float | None:
        """Seconds until the window named by X-RateLimit-Reset reopens (Mastodon.py read it
        into epoch seconds); None when it is missing or too far off to wait for."""
        reset = self.api.ratelimit_reset
        return until_reset(float(reset) if reset else None, self.now())

    def _wait(self, seconds: float, why: str) -> None:
        wait_shown(self.on_wait, self.sleep, seconds, why)

    def close(self) -> None:
        self.http.close()


READ_REFUSED_HINT = ("try again later; if it persists, check that mastodon.instance is the"
                     " address of a Mastodon instance (and nothing in between answers for it)")


def _detail(exc: MastodonAPIError) -> str:
    detail = detail_of(exc)
    return f", {detail}" if detail else ""


def next_link(header: str) -> str | None:
    """The `rel="next"` address of a Link header, read as Mastodon.py reads it."""
    if not header:
        return None
    for link in requests.utils.parse_header_links(header.rstrip(">").replace(">,<", ",<")):
        if "next" in str(link.get("rel") or "").split() and link.get("url"):
            return str(link["url"])
    return None


def _drop_unreadable_times(response: requests.Response) -> None:
    """Mastodon.py reads X-RateLimit-Reset (and Date, to correct it) of every answer and
    raises MastodonRatelimitError when it cannot parse them, even on a 200: a header from
    a proxy or another server software then ended a whole sync as "rate limit reached".
    A time that cannot be read tells nothing: dropped, the answer reads as one without
    it (a 429 without a reset time is not waited for)."""
    for name in ("X-RateLimit-Reset", "Date"):
        value = response.headers.get(name)
        if value is None:
            continue
        if name == "X-RateLimit-Reset" and value.isdigit():
            continue  # Unix seconds (GoToSocial)
        try:
            moment = dateutil.parser.parse(value)
            (moment if moment.tzinfo else moment.replace(tzinfo=UTC)).timestamp()
        except (ValueError, OverflowError):
            del response.headers[name]


_OPENED = {b"{": "an object", b"n": "null", b"\"": "a text", b"t": "true", b"f": "false"}


def _cause(exc: MastodonNetworkError) -> str:
    text = str(exc)
    for name in ("ReadTimeout", "ConnectTimeout", "ConnectionError", "Timeout"):
        if name in text:
            return name
    return "connection failed"
