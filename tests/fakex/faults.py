"""Error bodies as X sends them, and injectable faults.

Bodies follow /work/shared/reference/x-api.md (recorded from the real API).  Several of them
(`about:blank` 401/429, client-forbidden, credits-depleted, usage-capped) are *not* described
by the 2.167 OpenAPI document, whose `Problem` schema only knows `https://api.x.com/2/problems/*`
types; the spec-conformance tests list those as known gaps instead of pretending they validate.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

JSON = dict[str, Any]

PROBLEM_JSON = "application/problem+json"

UNAUTHORIZED: JSON = {"title": "Unauthorized", "type": "about:blank", "status": 401,
                      "detail": "Unauthorized"}
FORBIDDEN: JSON = {"title": "Forbidden", "type": "about:blank", "status": 403,
                   "detail": "Forbidden"}
TOO_MANY_REQUESTS: JSON = {"title": "Too Many Requests", "detail": "Too Many Requests",
                           "type": "about:blank", "status": 429}
CLIENT_NOT_ENROLLED: JSON = {
    "title": "Client Forbidden",
    "detail": "This request must be made using an approved developer account that is enrolled "
              "in the requested endpoint. Learn more by visiting our documentation.",
    "registration_url": "https://developer.x.com/en/portal/product",
    "required_enrollment": "Appropriate Level of API Access",
    "reason": "client-not-enrolled",
    "type": "https://api.twitter.com/2/problems/client-forbidden",
}
CREDITS_DEPLETED: JSON = {"title": "Payment Required", "detail": "credits depleted",
                          "type": "https://api.x.com/2/problems/credits-depleted"}
USAGE_CAPPED: JSON = {"title": "UsageCapExceeded", "detail": "Usage cap exceeded: Monthly "
                      "product cap", "period": "Monthly", "scope": "Product",
                      "type": "https://api.twitter.com/2/problems/usage-capped"}
UNSUPPORTED_AUTH: JSON = {
    "title": "Unsupported Authentication",
    "detail": "Authenticating with OAuth 2.0 Application-Only is forbidden for this endpoint.  "
              "Supported authentication types are [OAuth 1.0a User Context, "
              "OAuth 2.0 User Context].",
    "type": "https://api.twitter.com/2/problems/unsupported-authentication",
    "status": 403,
}
NOT_FOUND_PAGE: JSON = {"errors": [{"message": "Sorry, that page does not exist", "code": 34}]}
# OAuth token endpoint errors are RFC 6749 shaped, not problem+json.
INVALID_TOKEN_GRANT: JSON = {"error": "invalid_request",
                             "error_description": "Value passed for the token was invalid."}


def server_error_body(status: int) -> JSON:
    title = {500: "Internal Server Error", 502: "Bad Gateway", 503: "Service Unavailable",
             504: "Gateway Timeout"}.get(status, "Server Error")
    return {"title": title, "detail": title, "type": "about:blank", "status": status}


def invalid_request(parameter: str, values: list[str], message: str) -> JSON:
    """The real 400 shape: a list of `{parameters, message}` plus a problem envelope."""
    return {
        "errors": [{"parameters": {parameter: values}, "message": message}],
        "title": "Invalid Request",
        "detail": "One or more parameters to your request was invalid.",
        "type": "https://api.x.com/2/problems/invalid-request",
    }


def not_found_problem(resource_type: str, parameter: str, value: str) -> JSON:
    """Partial error inside a 200 (e.g. an id that does not exist in a lookup)."""
    return {
        "value": value,
        "detail": f"Could not find {resource_type} with {parameter}: [{value}].",
        "title": "Not Found Error",
        "resource_type": resource_type,
        "parameter": parameter,
        "resource_id": value,
        "type": "https://api.x.com/2/problems/resource-not-found",
    }


@dataclass
class Fault:
    """What to do instead of (or after) serving a request normally.

    status/body: reply with this instead.  drop: close the socket without any response.
    delay: sleep first (then serve normally unless status/drop is set too).
    after: run the real handler first (state mutates!) and only then fail — the ambiguous
    "did my unfollow happen?" case that retry logic must survive.
    """

    name: str
    status: int | None = None
    body: JSON | None = None
    raw_body: bytes | None = None  # non-JSON body, e.g. an HTML page from a proxy
    content_type: str = PROBLEM_JSON
    headers: dict[str, str] = field(default_factory=dict)
    drop: bool = False
    delay: float = 0.0
    after: bool = False


def server_error(status: int = 500, *, html: bool = False, after: bool = False) -> Fault:
    if html:  # what a load balancer in front of the API returns: not JSON at all
        page = f"<html><body><h1>{status} Over capacity</h1></body></html>".encode()
        return Fault(f"http-{status}-html", status=status, raw_body=page,
                     content_type="text/html; charset=utf-8", after=after)
    return Fault(f"http-{status}", status=status, body=server_error_body(status), after=after)


def dropped(*, after: bool = False) -> Fault:
    return Fault("drop-after" if after else "drop", drop=True, after=after)


def slow(seconds: float) -> Fault:
    return Fault(f"slow-{seconds}s", delay=seconds)


def client_not_enrolled() -> Fault:
    return Fault("client-not-enrolled", status=403, body=CLIENT_NOT_ENROLLED)


def credits_depleted() -> Fault:
    return Fault("credits-depleted", status=402, body=CREDITS_DEPLETED)


def usage_capped() -> Fault:
    # Served with the ordinary rate-limit headers (remaining still high): the trap is that
    # waiting for x-rate-limit-reset does not help.
    return Fault("usage-capped", status=429, body=USAGE_CAPPED)


def too_many_requests() -> Fault:
    return Fault("too-many-requests", status=429, body=TOO_MANY_REQUESTS)


def unauthorized() -> Fault:
    return Fault("unauthorized", status=401, body=UNAUTHORIZED)


def bad_request(parameter: str = "max_results", value: str = "0",
                message: str | None = None) -> Fault:
    msg = message or f"The `{parameter}` query parameter value [{value}] is not valid"
    return Fault("invalid-request", status=400, body=invalid_request(parameter, [value], msg))


FAULTS_BY_NAME = {
    "500": lambda: server_error(500), "503": lambda: server_error(503),
    "503-html": lambda: server_error(503, html=True), "drop": dropped,
    "drop-after": lambda: dropped(after=True), "500-after": lambda: server_error(500, after=True),
    "not-enrolled": client_not_enrolled, "402": credits_depleted, "usage-capped": usage_capped,
    "429": too_many_requests, "401": unauthorized, "400": bad_request,
}


def fault_from_spec(spec: str) -> Fault:
    """CLI form: a name from FAULTS_BY_NAME or `slow:SECONDS`."""
    if spec.startswith("slow:"):
        return slow(float(spec.split(":", 1)[1]))
    return FAULTS_BY_NAME[spec]()
