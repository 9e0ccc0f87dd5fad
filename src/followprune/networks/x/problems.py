"""X's error responses → one clear FollowpruneError each (never a traceback).

tweepy raises on every non-2xx but parses only v1-style `errors`; the v2 problem fields
(`type`, `title`, `detail`, `reason`) are read from the body here.
"""

from __future__ import annotations

from typing import Any

import requests

from followprune.errors import (
    AccessError,
    ActionRejected,
    ApiError,
    AuthError,
    FollowpruneError,
)

ARCHIVE_HINT = "`prune import-archive` reads your free X data archive instead, without the API"


def body_of(response: requests.Response) -> dict[str, Any]:
    try:
        body = response.json()
    except ValueError:
        return {}
    return body if isinstance(body, dict) else {}


def is_usage_capped(response: requests.Response) -> bool:
    body = body_of(response)
    return "usage-capped" in str(body.get("type", "")) or body.get("title") == "UsageCapExceeded"


def translate(response: requests.Response, *, what: str, action: bool = False) -> FollowpruneError:
    """The error for a final (not retried) failure of `what` ("reading your following list")."""
    status = response.status_code
    body = body_of(response)
    kind = str(body.get("type", ""))
    detail = str(body.get("detail") or body.get("title") or response.reason or "").strip()
    if status == 401:
        return AuthError(
            f"X did not accept the credentials while {what} (401 {detail or 'Unauthorized'})",
            hint="run `prune auth login` again, or check X_BEARER_TOKEN / the X_API_* variables",
        )
    if status == 402 or "credits-depleted" in kind:
        return AccessError(
            f"your X API credits are used up (402 credits depleted) while {what}",
            hint="add credits in the X developer console; " + ARCHIVE_HINT,
        )
    if status == 429 and is_usage_capped(response):
        period = str(body.get("period") or "").lower() or "usage"
        return AccessError(
            f"your X app reached its {period} usage cap while {what}; waiting will not help",
            hint="raise the cap in the X developer console or wait for the next period; "
            + ARCHIVE_HINT,
        )
    if status == 403 and (body.get("reason") == "client-not-enrolled"
                          or "client-forbidden" in kind):
        return AccessError(
            f"your X developer app has no access to this endpoint while {what}"
            " (403 client-not-enrolled): reading follow lists needs pay-per-use access",
            hint="enable pay-per-use for the app at developer.x.com; " + ARCHIVE_HINT,
        )
    if status == 403 and "unsupported-authentication" in kind:
        return AuthError(
            f"X needs a user login for {what}, and the token given is an app-only token",
            hint="use `prune auth login`, a user token in X_BEARER_TOKEN, or the X_API_* keys",
        )
    if action and status in (400, 403, 404):
        return ActionRejected(f"X refused {what} ({status} {detail})")
    if status == 403:
        return AccessError(
            f"X refused {what} (403 {detail})",
            hint="the login may lack a permission: run `prune auth login` again",
        )
    if status == 400:
        return ApiError(f"X rejected the request for {what}: {_parameters(body) or detail}")
    if status == 429:
        return ApiError(f"X kept answering 429 Too Many Requests while {what}",
                        hint="wait 15 minutes and run again; what was read so far is kept")
    if status >= 500:
        return ApiError(f"X is failing ({status} {detail}) while {what}, even after retries",
                        hint="try again later; what was read so far is kept")
    return ApiError(f"X answered {status} {detail} while {what}")


def _parameters(body: dict[str, Any]) -> str:
    """`invalid parameter user.fields (...)` from the errors list of a 400."""
    parts = []
    errors = body.get("errors")
    for error in errors if isinstance(errors, list) else []:
        if not isinstance(error, dict):
            continue
        names = ", ".join(_names(error))
        message = str(error.get("message") or "").strip()
        parts.append(f"invalid parameter {names}: {message}" if names else message)
    return "; ".join(p for p in parts if p)


def rejected_parameters(response: requests.Response) -> set[str]:
    """Names of the query parameters a 400 complains about."""
    names: set[str] = set()
    errors = body_of(response).get("errors")
    for error in errors if isinstance(errors, list) else []:
        if isinstance(error, dict):
            names.update(_names(error))
    return names


def _names(error: dict[str, Any]) -> list[str]:
    """The parameter names of one error: the keys of its `parameters` object (a list of
    names is taken too); anything else in that place names none, rather than failing."""
    parameters = error.get("parameters")
    if not isinstance(parameters, dict | list):
        return []
    return [name for name in parameters if isinstance(name, str)]
