"""Validate requests and responses against X's OpenAPI document (v2.167).

The spec lives outside the repo, at `<repo root>/../shared/x-api/openapi.json` (CI clones the
repo with `shared/` beside it); `FAKEX_OPENAPI_SPEC` overrides the location.

jsonschema (via openapi-schema-validator's OAS 3.0 dialect, which understands `nullable`)
over the spec's own component schemas, with `$ref`s resolved by a `referencing` registry —
loading takes ~0.2 s once per process, validating a page a few ms.  openapi-core would also
work but wants a full request/response object model for every call, which is slower and
needs adapters for both requests and our log records.

Legacy spelling: 2.167 renamed tweet -> post throughout (`public_metrics.post_count` is
*required*), so recorded real responses and the fake in `spelling="old"` fail strict
validation on that alone.  `validate_response(..., legacy=True)` first renames the old keys
to the new ones and then validates strictly — every other rule still applies.
"""

from __future__ import annotations

import functools
import json
import os
import re
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from jsonschema.exceptions import ValidationError
from openapi_schema_validator import OAS30Validator
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT4

if TYPE_CHECKING:
    from tests.fakex.server import FakeX

REPO_ROOT = Path(__file__).resolve().parents[2]
SPEC_PATH = Path(os.environ.get("FAKEX_OPENAPI_SPEC",
                                REPO_ROOT.parent / "shared" / "x-api" / "openapi.json"))
_BASE = "urn:x-api-openapi"


@functools.cache
def load_spec() -> dict[str, Any]:
    if not SPEC_PATH.exists():
        raise FileNotFoundError(
            f"X OpenAPI spec not found at {SPEC_PATH}: clone `shared/` beside the repo or set "
            "FAKEX_OPENAPI_SPEC")
    spec: dict[str, Any] = json.loads(SPEC_PATH.read_text(encoding="utf-8"))
    return spec


@functools.cache
def _registry() -> Registry:
    resource = Resource.from_contents(load_spec(), default_specification=DRAFT4)
    registry: Registry = Registry().with_resource(_BASE, resource)
    return registry


@functools.cache
def _validator(pointer: str) -> OAS30Validator:
    """Validator for a JSON pointer into the spec (cached: building one resolves refs lazily)."""
    return OAS30Validator({"$ref": f"{_BASE}#{pointer}"}, registry=_registry())


def _errors(pointer: str, instance: Any) -> list[str]:
    out = []
    for e in _validator(pointer).iter_errors(instance):
        out.append(f"{'/'.join(map(str, e.absolute_path)) or '<root>'}: {e.message[:300]}")
    return out


def schema_errors(name: str, instance: Any) -> list[str]:
    """Errors of `instance` against components.schemas[name]."""
    return _errors(f"/components/schemas/{name}", instance)


@dataclass(frozen=True)
class Operation:
    method: str
    template: str
    spec: dict[str, Any]

    @property
    def operation_id(self) -> str:
        return str(self.spec.get("operationId", ""))


@functools.cache
def _operations() -> list[tuple[re.Pattern[str], str, str]]:
    ops = []
    for template, item in load_spec()["paths"].items():
        rx = re.compile("^" + re.sub(r"\{\w+\}", "[^/]+", template) + "$")
        for method in item:
            if method in ("get", "post", "put", "delete", "patch"):
                ops.append((rx, method.upper(), template))
    # Literal segments beat parameters (/2/users/me before /2/users/{id}).
    ops.sort(key=lambda t: t[2].count("{"))
    return ops


def find_operation(method: str, path: str) -> Operation | None:
    spec = load_spec()
    for rx, m, template in _operations():
        if m == method.upper() and rx.match(path):
            return Operation(m, template, spec["paths"][template][m.lower()])
    return None


def _deref(obj: dict[str, Any]) -> dict[str, Any]:
    while "$ref" in obj:
        node: Any = load_spec()
        for part in obj["$ref"].lstrip("#/").split("/"):
            node = node[part]
        obj = node
    return obj


# --- legacy spelling -------------------------------------------------------------------------

_USER_RENAMES = {"pinned_tweet_id": "pinned_post_id", "most_recent_tweet_id": "most_recent_post_id"}
_POST_RENAMES = {"referenced_tweets": "referenced_posts",
                 "edit_history_tweet_ids": "edit_history_post_ids"}


def _rename_user(u: Any) -> None:
    if not isinstance(u, dict):
        return
    for old, new in _USER_RENAMES.items():
        if old in u:
            u[new] = u.pop(old)
    pm = u.get("public_metrics")
    if isinstance(pm, dict) and "tweet_count" in pm:
        pm["post_count"] = pm.pop("tweet_count")


def _rename_post(p: Any) -> None:
    if not isinstance(p, dict):
        return
    for old, new in _POST_RENAMES.items():
        if old in p:
            p[new] = p.pop(old)
    pm = p.get("public_metrics")
    if isinstance(pm, dict) and "retweet_count" in pm:
        pm["repost_count"] = pm.pop("retweet_count")
        # Pre-2023 recordings lack the later metrics the 2.167 schema requires.
        pm.setdefault("bookmark_count", 0)
        pm.setdefault("impression_count", 0)


def to_spec_spelling(body: Any, *, data_kind: str) -> Any:
    """Deep copy of a response body with old-spelling keys renamed to 2.167's.
    data_kind: "user" or "post" — what `data` holds.  Problem `type` URIs on the old host
    (api.twitter.com) are moved to api.x.com, which is all the spec's enums allow."""
    b = json.loads(json.dumps(body))
    if not isinstance(b, dict):
        return b
    b.pop("__twarc", None)  # twarc2's bookkeeping in recorded fixtures
    data = b.get("data")
    items = data if isinstance(data, list) else [data] if data is not None else []
    for item in items:
        (_rename_user if data_kind == "user" else _rename_post)(item)
    inc = b.get("includes")
    if isinstance(inc, dict):
        if "tweets" in inc:
            inc["posts"] = inc.pop("tweets")
        for u in inc.get("users", []):
            _rename_user(u)
        for p in inc.get("posts", []):
            _rename_post(p)
    for err in b.get("errors", []) or []:
        if isinstance(err, dict) and isinstance(err.get("type"), str):
            err["type"] = err["type"].replace("https://api.twitter.com/", "https://api.x.com/")
    return b


# --- responses ---------------------------------------------------------------------------------

# Error bodies X really sends whose `type` the spec's Problem union does not know.  They are
# checked against a minimal RFC 7807 shape instead (and listed in the report as spec gaps).
UNDOCUMENTED_PROBLEM_TYPES = {
    "about:blank",
    "https://api.twitter.com/2/problems/client-forbidden",
    "https://api.x.com/2/problems/credits-depleted",
    "https://api.twitter.com/2/problems/usage-capped",
    "https://api.twitter.com/2/problems/unsupported-authentication",
}
_MINIMAL_PROBLEM = {"type": "object", "required": ["type", "title"],
                    "properties": {"type": {"type": "string"}, "title": {"type": "string"},
                                   "detail": {"type": "string"}, "status": {"type": "integer"}}}


def validate_response(method: str, path: str, status: int, body: Any, *,
                      legacy: bool = False) -> list[str]:
    """Spec violations of one response (empty list: valid).  2xx bodies are checked against
    the operation's 200 schema; errors against `Problem` (or `Error` for `{errors:[{code}]}`
    bodies), except the undocumented problem types above."""
    op = find_operation(method, path)
    if op is None:
        return [f"no operation in the spec for {method} {path}"]
    responses = op.spec["responses"]
    if 200 <= status < 300:
        content = responses.get(str(status), responses.get("200", {})).get("content", {})
        schema = content.get("application/json", {}).get("schema")
        if schema is None:
            return [f"spec has no JSON schema for {method} {op.template} {status}"]
        data_schema = _deref(schema).get("properties", {}).get("data", {})
        item_ref = data_schema.get("items", data_schema).get("$ref", "")
        kind = "user" if item_ref.endswith("/User") else "post"
        if legacy:
            body = to_spec_spelling(body, data_kind=kind)
        return _errors(schema["$ref"].lstrip("#"), body)
    if not isinstance(body, dict):
        return [f"error body is not a JSON object: {body!r:.200}"]
    if body.get("type") in UNDOCUMENTED_PROBLEM_TYPES:
        from jsonschema import Draft4Validator

        return [e.message for e in Draft4Validator(_MINIMAL_PROBLEM).iter_errors(body)]
    if "type" in body:
        return schema_errors("Problem", body)
    # Old-style `{"errors":[{"code":..,"message":..}]}` (e.g. 404 page): the `Error` schema.
    errs = body.get("errors")
    if isinstance(errs, list) and errs:
        return [m for e in errs for m in schema_errors("Error", e)]
    return [f"unrecognised error body: {body!r:.200}"]


def validate_request_body(method: str, path: str, body: Any) -> list[str]:
    op = find_operation(method, path)
    if op is None:
        return [f"no operation in the spec for {method} {path}"]
    rb = op.spec.get("requestBody")
    if rb is None:
        return [] if body in (None, "", {}) else ["operation takes no request body"]
    schema = rb["content"]["application/json"]["schema"]
    return _errors(schema["$ref"].lstrip("#"), body)


# --- query parameters --------------------------------------------------------------------------

@functools.cache
def legacy_parameters() -> dict[str, dict[str, Any]]:
    """The pre-rename vocabulary, taken from the spec itself: 2.167's streaming endpoint
    /2/tweets/search/stream still declares `tweet.fields`, `user.fields` (with
    most_recent_tweet_id / pinned_tweet_id) and tweet `expansions` the old way.  Old *user*
    expansions appear nowhere in 2.167, so those are written out by hand."""
    params = load_spec()["paths"]["/2/tweets/search/stream"]["get"]["parameters"]
    out = {}
    for p in params:
        p = _deref(p)
        if p["name"] in ("tweet.fields", "user.fields", "expansions"):
            out["tweet.expansions" if p["name"] == "expansions" else p["name"]] = p
    out["user.expansions"] = {
        "name": "expansions", "in": "query", "style": "form", "explode": False,
        "schema": {"type": "array", "minItems": 1, "uniqueItems": True, "items": {
            "type": "string",
            "enum": ["affiliation", "most_recent_tweet_id", "pinned_tweet_id"]}}}
    return out


def operation_parameters(op: Operation) -> dict[str, dict[str, Any]]:
    return {p["name"]: p for p in (_deref(x) for x in op.spec.get("parameters", []))
            if p.get("in") == "query"}


def _coerce(value: str, schema: dict[str, Any]) -> Any:
    """A query string value as the typed instance its (form, explode=false) schema describes."""
    schema = _deref(schema)
    t = schema.get("type")
    if t == "array":
        return [_coerce(v, schema.get("items", {})) for v in value.split(",")]
    if t == "integer":
        try:
            return int(value)
        except ValueError:
            return value
    if t == "boolean":
        return {"true": True, "false": False}.get(value, value)
    return value


def validate_query(method: str, path: str, query: dict[str, str], *,
                   legacy: bool = False) -> list[str]:
    """Errors of a request's query parameters against the operation's declared parameters.
    `tweet.fields` is always accepted where `post.fields` is, with the old vocabulary.
    legacy=True: `user.fields` and `expansions` are checked against the spec's own
    old-spelling vocabulary (see `legacy_parameters`) instead of 2.167's."""
    op = find_operation(method, path)
    if op is None:
        return [f"no operation in the spec for {method} {path}"]
    declared = operation_parameters(op)
    old = legacy_parameters()
    if "post.fields" in declared:
        # 2.167 declares only post.fields, but every real client (tweepy included) sends
        # tweet.fields, and the spec's own streaming endpoints still declare it: check it
        # against that old vocabulary rather than rejecting the name.
        declared["tweet.fields"] = old["tweet.fields"]
    if legacy:
        user_op = any("UserExpansions" in json.dumps(x) for x in op.spec.get("parameters", []))
        if "user.fields" in declared:
            declared["user.fields"] = old["user.fields"]
        if "expansions" in declared:
            declared["expansions"] = old["user.expansions" if user_op else "tweet.expansions"]
    errors = []
    for name, raw in query.items():
        param = declared.get(name)
        if param is None:
            errors.append(f"{name}: not a parameter of {op.operation_id} "
                          f"({', '.join(sorted(declared))})")
            continue
        instance = _coerce(raw, param["schema"])
        # Inline parameter schemas hold document-relative refs ("#/components/..."): make them
        # point into the registered spec resource.
        schema = json.loads(json.dumps(param["schema"]).replace('"#/', f'"{_BASE}#/'))
        validator = OAS30Validator(schema, registry=_registry())
        try:
            validator.validate(instance)
        except ValidationError as e:
            errors.append(f"{name}={raw}: {e.message[:300]}")
    return errors


# The OAuth 2.0 token and revoke endpoints are not in the API v2 spec.
_OAUTH_ROUTES = ("POST /2/oauth2/token", "POST /2/oauth2/revoke")


def assert_spec_valid(fx: FakeX) -> None:
    """Every response and every accepted query string of this server, against the spec
    (when the spec is beside the repository, as in CI; see needs_spec)."""
    if not SPEC_PATH.exists():
        return
    legacy = fx.config.spelling == "old"
    problems = []
    for r in fx.requests:
        if r.status is None or r.route is None or r.route in _OAUTH_ROUTES:
            continue  # dropped, unknown path (404), or the OAuth endpoints the spec omits
        if r.content_type and "html" in r.content_type:
            continue  # the deliberate non-JSON 503 page
        errs = validate_response(r.method, r.path, r.status, r.response, legacy=legacy)
        if r.status == 200:
            errs += validate_query(r.method, r.path, r.query, legacy=legacy)
            if r.method == "POST":
                errs += validate_request_body(r.method, r.path, r.body)
        problems += [f"{r.method} {r.path} {r.status}: {e}" for e in errs]
    assert not problems, "\n".join(problems[:20])
