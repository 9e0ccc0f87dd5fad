"""The one place every X API call goes through: auth, pacing, retries, billing and logging.

A thin layer over `tweepy.Client.request`: tweepy signs the request (OAuth 1.0a) or sends the
bearer token and maps statuses to exceptions; everything else — timeouts (the session),
rate-limit waits, retries with back-off, renewing a token on 401, counting calls and money,
turning failures into FollowpruneErrors — happens here. tweepy's own `wait_on_rate_limit`
stays off: it ignores usage caps and never paces before a 429.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from typing import Any

import requests
import tweepy

from followprune.errors import ApiError, CostLimitExceeded, OutcomeUnknown
from followprune.networks.shapes import SeenCursors, UnreadableAnswer, WrongShape
from followprune.networks.x.auth import Authenticator
from followprune.networks.x.costs import Prices, Resource, Usage
from followprune.networks.x.problems import is_usage_capped, rejected_parameters, translate
from followprune.networks.x.ratelimit import RateLimits
from followprune.networks.x.timing import Timing
from followprune.networks.x.transport import XSession
from followprune.networks.x.wire import Items, checked_answer

log = logging.getLogger("followprune.x")
# tweepy's debug lines carry the Authorization header: never let them through.
logging.getLogger("tweepy").setLevel(logging.INFO)

MAX_ATTEMPTS = 5  # for 5xx, timeouts and dropped connections
MAX_THROTTLED = 3  # 429s in a row for one call before giving up
BACKOFF_SECONDS = 2.0
BACKOFF_CAP_SECONDS = 60.0

JSON = dict[str, Any]


@dataclass(frozen=True)
class Billing:
    """How a response is charged: the resource its `data` items are, and whether
    `includes` (expanded users and posts) are billed too."""

    data: Resource | None
    includes: bool = True


class BadParameters(ApiError):
    """A 400 naming query parameters; callers may retry with another field spelling."""

    def __init__(self, message: str, parameters: set[str]) -> None:
        super().__init__(message)
        self.parameters = parameters


class XClient:
    def __init__(
        self,
        auth: Authenticator,
        session: XSession,
        prices: Prices,
        limits: RateLimits,
        timing: Timing,
    ) -> None:
        self.auth = auth
        self.prices = prices
        self.limits = limits
        self.timing = timing
        self.usage = Usage()
        # Most this client may spend on reads; None: no limit (actions, or a confirmed plan).
        self.budget: float | None = None
        self.session = session
        self._tweepy = auth.make_client()
        self._tweepy.session = session

    def close(self) -> None:
        self.session.close()

    def call(
        self,
        method: str,
        route: str,
        *,
        key: str,
        what: str,
        params: Mapping[str, str | int] | None = None,
        json: JSON | None = None,
        billing: Billing | None = None,
        expected_cost: float = 0.0,
        action: bool = False,
        one: bool = False,
    ) -> JSON:
        """One API call, retried as needed; returns the JSON body or raises a
        FollowpruneError. `key` names the endpoint for rate limits and counts; `what` says
        what the call is for, in error messages ("reading your following list"). The answer
        to a read is checked to have the shape of one (wire.py), its `data` a single object
        when `one`, so that what X (or a proxy in front of it) sends wrong is named as
        such and never read as an empty page."""
        self._check_budget(expected_cost, what)
        failures = throttled = 0
        renewed = False
        while True:
            self.limits.before_call(key, what)
            self.auth.before_call(self._tweepy)
            self.usage.calls[key] += 1
            try:
                response = self._tweepy.request(method, route, params=dict(params or {}),
                                                json=json, user_auth=self.auth.user_auth)
            except tweepy.TooManyRequests as exc:
                log.info("%s %s: 429", method, key)
                if is_usage_capped(exc.response) or throttled >= MAX_THROTTLED:
                    raise translate(exc.response, what=what, action=action) from None
                throttled += 1
                self.limits.after_429(key, exc.response.headers, what)
                continue
            except tweepy.Unauthorized as exc:
                log.info("%s %s: 401", method, key)
                if not renewed and self.auth.after_unauthorized(self._tweepy):
                    renewed = True
                    continue
                raise translate(exc.response, what=what, action=action) from None
            except tweepy.TwitterServerError as exc:
                failures += 1
                log.info("%s %s: %d (attempt %d)", method, key, exc.response.status_code,
                         failures)
                if failures >= MAX_ATTEMPTS:
                    error = translate(exc.response, what=what, action=action)
                    if action:  # X may have done it before failing
                        raise OutcomeUnknown(error.message, hint=error.hint) from None
                    raise error from None
                self._back_off(failures, f"X answered {exc.response.status_code}")
                continue
            except tweepy.BadRequest as exc:
                log.info("%s %s: 400", method, key)
                error = translate(exc.response, what=what, action=action)
                names = rejected_parameters(exc.response)
                if names and not action:
                    raise BadParameters(error.message, names) from None
                raise error from None
            except tweepy.HTTPException as exc:
                log.info("%s %s: %d", method, key, exc.response.status_code)
                self.limits.record(key, exc.response.headers)
                raise translate(exc.response, what=what, action=action) from None
            except (requests.Timeout, requests.ConnectionError,
                    requests.exceptions.ChunkedEncodingError) as exc:
                failures += 1
                reason = "timed out" if isinstance(exc, requests.Timeout) else "connection lost"
                log.info("%s %s: %s (attempt %d)", method, key, reason, failures)
                if failures >= MAX_ATTEMPTS:
                    # An action's request may have arrived before the connection failed.
                    raise (OutcomeUnknown if action else ApiError)(
                        f"cannot reach X while {what}: {reason}, {failures} times",
                        hint="check the connection (and x.api_base_url); what was read so far"
                        " is kept",
                    ) from None
                self._back_off(failures, reason)
                continue
            self.limits.record(key, response.headers)
            body = self._body(response, what, billing, action=action, one=one)
            self._bill(body, billing)
            # The rate-limit key names the method already ("GET /2/users/me").
            log.info("%s: %d, remaining %s", key, response.status_code,
                     response.headers.get("x-rate-limit-remaining", "?"))
            return body

    @staticmethod
    def _body(response: requests.Response, what: str, billing: Billing | None, *,
              action: bool, one: bool) -> JSON:
        """The answer's JSON, checked to have the shape of one (wire.py) when it is read."""
        if not response.content:
            if action:
                return {}
            raise UnreadableAnswer(f"X sent an empty answer while {what}")
        try:
            body = response.json()
        except ValueError:
            if action:  # whether it was done is for the caller to find out
                return {}
            raise UnreadableAnswer(f"X sent something that is not JSON while {what}") from None
        if action:  # read by the caller, which finds out whether it was done
            return body if isinstance(body, dict) else {}
        data = billing.data if billing is not None else None
        items: Items = ("users" if data in (Resource.USER, Resource.OWNED_USER)
                        else "posts" if data in (Resource.POST, Resource.OWNED_POST) else None)
        try:
            return checked_answer(body, items, one=one)
        except WrongShape as wrong:
            raise UnreadableAnswer(f"X sent an answer followprune cannot read while {what}:"
                                   f" {wrong.why}") from None

    def pages(
        self,
        route: str,
        *,
        key: str,
        what: str,
        params: Mapping[str, str | int],
        billing: Billing,
        start_token: str | None = None,
        max_pages: int | None = None,
        expected_cost: float = 0.0,
        sizing: Callable[[], tuple[int, float]] | None = None,
    ) -> Iterator[tuple[JSON, str | None]]:
        """Pages of a list endpoint with the token for the next one (None after the last).
        `sizing`, asked before each page: its max_results and the most it may cost."""
        token = start_token
        count = 0
        tokens = SeenCursors("X", what.removeprefix("reading "))
        if token:
            tokens.check(token)
        while max_pages is None or count < max_pages:
            query = dict(params)
            if sizing is not None:
                query["max_results"], expected_cost = sizing()
            if token:
                query["pagination_token"] = token
            body = self.call("GET", route, key=key, what=what, params=query, billing=billing,
                             expected_cost=expected_cost)
            count += 1
            token = (body.get("meta") or {}).get("next_token")
            if token:
                tokens.check(token)  # before the page is handed on: a repeat is not kept
            yield body, token
            if not token:
                return

    def _back_off(self, failures: int, why: str) -> None:
        seconds = min(BACKOFF_CAP_SECONDS, BACKOFF_SECONDS * 2 ** (failures - 1))
        self.limits.wait(seconds, f"{why}; retrying")

    def _bill(self, body: JSON, billing: Billing | None) -> None:
        if billing is None:
            return
        data = body.get("data")
        if billing.data is not None and data is not None:
            count = len(data) if isinstance(data, list) else 1
            self.usage.add(billing.data, count, self.prices.unit(billing.data))
        if billing.includes:
            includes = body.get("includes") or {}
            users = len(includes.get("users") or [])
            posts = len(includes.get("tweets") or []) + len(includes.get("posts") or [])
            self.usage.add(Resource.USER, users, self.prices.unit(Resource.USER))
            self.usage.add(Resource.POST, posts, self.prices.unit(Resource.POST))

    def _check_budget(self, expected_cost: float, what: str) -> None:
        if self.budget is None:
            return
        if self.usage.cost + expected_cost > self.budget + 1e-9:
            after = self.usage.cost + expected_cost
            # Cents alone can read "about $0.16, over the $0.16 allowed".
            digits = 3 if f"{after:.2f}" == f"{self.budget:.2f}" else 2
            raise CostLimitExceeded(
                f"stopped before {what}: it would take the spending of this run to about"
                f" ${after:.{digits}f}, over the ${self.budget:.{digits}f} allowed"
                f" (spent so far: ${self.usage.cost:.2f})",
                hint="what was read is kept and the next sync resumes from it; allow more"
                " with --max-cost or x.max_cost",
            )
