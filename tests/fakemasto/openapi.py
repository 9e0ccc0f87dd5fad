"""Enough of OpenAPI 3.1 (and its JSON Schema) to check every request the client sends and
every answer the fake gives against ../shared/mastodon/openapi.json."""

from __future__ import annotations

import json
import re
from datetime import date, datetime
from pathlib import Path
from typing import Any

SPEC = Path(__file__).resolve().parents[2].parent / "shared" / "mastodon" / "openapi.json"


def _format_ok(fmt: str, value: str) -> bool:
    try:
        if fmt == "date-time":
            datetime.fromisoformat(value.replace("Z", "+00:00"))
        elif fmt == "date":
            date.fromisoformat(value[:10])
        elif fmt == "uri":
            return re.fullmatch(r"[a-z][a-z0-9+.-]*:\S+", value) is not None
    except ValueError:
        return False
    return True


class Operation:
    def __init__(self, method: str, template: str, spec: dict[str, Any]) -> None:
        self.method, self.template, self.spec = method, template, spec
        pattern = re.sub(r"\\\{[^/]+?\\\}", r"[^/]+", re.escape(template))
        self.pattern = re.compile(pattern + r"\Z")
        self.key = f"{method} {template}"


class OpenApi:
    def __init__(self, path: Path = SPEC) -> None:
        self.doc: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
        self.operations = [Operation(method.upper(), template, op)
                           for template, item in self.doc["paths"].items()
                           for method, op in item.items() if isinstance(op, dict)]
        # Literal paths before templated ones (/accounts/relationships vs /accounts/{id}).
        self.operations.sort(key=lambda op: op.template.count("{"))

    def find(self, method: str, path: str) -> Operation | None:
        for op in self.operations:
            if op.method == method and op.pattern.match(path):
                return op
        return None

    def _deref(self, schema: dict[str, Any]) -> dict[str, Any]:
        while "$ref" in schema:
            node: Any = self.doc
            for part in schema["$ref"].removeprefix("#/").split("/"):
                node = node[part]
            schema = node
        return schema

    def validate(self, schema: dict[str, Any], value: Any, at: str = "$") -> list[str]:
        schema = self._deref(schema)
        for key in ("oneOf", "anyOf"):
            if key in schema:
                options = [self.validate(option, value, at) for option in schema[key]]
                return [] if any(not o for o in options) else \
                    [f"{at}: matches none of {key}", *min(options, key=len)]
        errors: list[str] = []
        for part in schema.get("allOf", []):
            errors += self.validate(part, value, at)
        kinds = schema.get("type")
        if kinds is None:
            return errors
        kinds = kinds if isinstance(kinds, list) else [kinds]
        if value is None:
            return errors if "null" in kinds else [*errors, f"{at}: null where {kinds}"]
        kind = _kind_of(value)
        if kind not in kinds and not (kind == "integer" and "number" in kinds):
            return [*errors, f"{at}: expected {'/'.join(kinds)}, got {kind}"]
        if "enum" in schema and value not in schema["enum"]:
            errors.append(f"{at}: {value!r} not one of {schema['enum']}")
        if kind == "object":
            errors += [f"{at}: missing {key}" for key in schema.get("required", [])
                       if key not in value]
            for key, sub in schema.get("properties", {}).items():
                if key in value:
                    errors += self.validate(sub, value[key], f"{at}.{key}")
        elif kind == "array" and "items" in schema:
            for i, item in enumerate(value):
                errors += self.validate(schema["items"], item, f"{at}[{i}]")
        elif kind == "string" and "format" in schema and not _format_ok(schema["format"], value):
            errors.append(f"{at}: {value!r} is not a {schema['format']}")
        return errors

    # -- requests -----------------------------------------------------------------------------
    def params(self, op: Operation,
               query: dict[str, list[str]]) -> tuple[dict[str, Any], list[str]]:
        """Query values typed as the operation says (Rails style: `id[]` is the array `id`,
        booleans as 1/0/true/false), and what is wrong with them."""
        declared = {p["name"]: p for p in op.spec.get("parameters", []) if p.get("in") == "query"}
        typed: dict[str, Any] = {}
        errors: list[str] = []
        for raw, values in query.items():
            name = raw.removesuffix("[]")
            param = declared.get(name)
            if param is None:
                errors.append(f"params: unknown {raw}")
                continue
            schema = self._deref(param.get("schema", {}))
            value, problem = _typed(self, schema, values, raw.endswith("[]"))
            if problem:
                errors.append(f"params.{name}: {problem}")
                continue
            typed[name] = value
            errors += self.validate(schema, value, f"params.{name}")
        errors += [f"params: missing {name}" for name, p in declared.items()
                   if p.get("required") and name not in typed]
        return typed, errors

    def body(self, op: Operation, form: dict[str, list[str]] | None,
             data: Any) -> tuple[dict[str, Any], list[str]]:
        """A form or JSON body, typed and checked against the operation's request schema."""
        request = op.spec.get("requestBody") or {}
        schema = ((request.get("content") or {}).get("application/json") or {}).get("schema")
        if schema is None:
            given = data if data is not None else form
            return ({} if not isinstance(given, dict) else given,
                    [] if not given else ["body: this operation takes none"])
        schema = self._deref(schema)
        if data is None:
            props = schema.get("properties", {})
            data = {}
            errors: list[str] = []
            for raw, values in (form or {}).items():
                name = raw.removesuffix("[]")
                if name not in props:
                    errors.append(f"body: unknown {raw}")
                    continue
                value, problem = _typed(self, self._deref(props[name]), values,
                                        raw.endswith("[]"))
                if problem:
                    errors.append(f"body.{name}: {problem}")
                else:
                    data[name] = value
        else:
            errors = []
        if not data and not request.get("required"):
            return {}, errors
        return data, errors + self.validate(schema, data, "body")

    def response(self, op: Operation, status: int, body: Any) -> list[str]:
        answer = op.spec.get("responses", {}).get(str(status))
        if answer is None:
            return [f"answer: {status} is not a documented status"]
        schema = ((answer.get("content") or {}).get("application/json") or {}).get("schema")
        if schema is None:
            return []
        return self.validate(schema, body, "answer")


def _kind_of(value: Any) -> str:
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, int):
        return "integer"
    if isinstance(value, float):
        return "number"
    if isinstance(value, str):
        return "string"
    if isinstance(value, list):
        return "array"
    if isinstance(value, dict):
        return "object"
    return type(value).__name__


def _typed(api: OpenApi, schema: dict[str, Any], values: list[str],
           bracketed: bool) -> tuple[Any, str]:
    kinds = schema.get("type")
    kinds = kinds if isinstance(kinds, list) else [kinds]
    if "array" in kinds:
        item = api._deref(schema.get("items", {}))
        out = []
        for v in values:
            typed, problem = _typed(api, item, [v], False)
            if problem:
                return None, problem
            out.append(typed)
        return out, ""
    if bracketed or len(values) > 1:
        return None, "given as a list, but it is not an array"
    value = values[-1]
    if "integer" in kinds:
        try:
            return int(value), ""
        except ValueError:
            return None, f"{value!r} is not an integer"
    if "boolean" in kinds:
        if value in ("1", "true"):
            return True, ""
        if value in ("0", "false"):
            return False, ""
        return None, f"{value!r} is not a boolean"
    return value, ""
