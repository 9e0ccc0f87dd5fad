"""A small validator for AT Protocol lexicons: enough of the schema language to check every
request the client sends and every answer the fake gives against the published schemas."""

from __future__ import annotations

import json
import re
from datetime import datetime
from pathlib import Path
from typing import Any

LEXICONS = Path(__file__).resolve().parents[2].parent / "shared" / "bluesky" / "lexicons"

_FORMATS: dict[str, re.Pattern[str]] = {
    "did": re.compile(r"did:[a-z]+:[A-Za-z0-9._:%-]+"),
    "handle": re.compile(r"([A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)+[A-Za-z]+"),
    "at-uri": re.compile(r"at://\S+"),
    "nsid": re.compile(r"[a-zA-Z]+(\.[a-zA-Z0-9-]+)+"),
    "record-key": re.compile(r"[A-Za-z0-9._:~-]{1,512}"),
    "cid": re.compile(r"[a-zA-Z0-9+=]{8,}"),
    "uri": re.compile(r"[a-z][a-z0-9+.-]*:\S+"),
}


def _format_ok(fmt: str, value: str) -> bool:
    if fmt == "datetime":
        try:
            datetime.fromisoformat(value.replace("Z", "+00:00"))
        except ValueError:
            return False
        return True
    if fmt == "at-identifier":
        return _format_ok("did", value) or _format_ok("handle", value)
    pattern = _FORMATS.get(fmt)
    return pattern is None or pattern.fullmatch(value) is not None


class Lexicons:
    def __init__(self, root: Path = LEXICONS) -> None:
        self.docs: dict[str, dict[str, Any]] = {}
        for file in root.rglob("*.json"):
            doc = json.loads(file.read_text(encoding="utf-8"))
            self.docs[doc["id"]] = doc

    def main(self, nsid: str) -> dict[str, Any] | None:
        doc = self.docs.get(nsid)
        return None if doc is None else doc["defs"]["main"]

    def _resolve(self, ref: str, here: str) -> tuple[dict[str, Any], str]:
        nsid, _, name = ref.partition("#")
        nsid = nsid or here
        return self.docs[nsid]["defs"][name or "main"], nsid

    def validate(self, schema: dict[str, Any], value: Any, here: str, at: str = "$") -> list[str]:
        kind = schema.get("type")
        bad = [f"{at}: expected {kind}, got {type(value).__name__}"]
        if kind in ("object", "params"):
            if not isinstance(value, dict):
                return bad
            errors = [f"{at}: missing {key}" for key in schema.get("required", [])
                      if key not in value]
            for key, sub in schema.get("properties", {}).items():
                if key in value:
                    errors += self.validate(sub, value[key], here, f"{at}.{key}")
            return errors
        if kind == "ref":
            target, nsid = self._resolve(schema["ref"], here)
            return self.validate(target, value, nsid, at)
        if kind == "record":
            return self.validate(schema["record"], value, here, at)
        if kind == "union":
            if not isinstance(value, dict) or "$type" not in value:
                return [f"{at}: a union member needs $type"]
            refs = {r if not r.startswith("#") else here + r for r in schema["refs"]}
            member = value["$type"]
            if member in refs or member + "#main" in refs:
                target, nsid = self._resolve(member, here)
                return self.validate(target, value, nsid, at)
            return [f"{at}: {member} not in a closed union"] if schema.get("closed") else []
        if kind == "string":
            if not isinstance(value, str):
                return bad
            errors = []
            if "maxLength" in schema and len(value.encode()) > schema["maxLength"]:
                errors.append(f"{at}: longer than {schema['maxLength']} bytes")
            if "enum" in schema and value not in schema["enum"]:
                errors.append(f"{at}: {value!r} not one of {schema['enum']}")
            if "format" in schema and not _format_ok(schema["format"], value):
                errors.append(f"{at}: {value!r} is not a {schema['format']}")
            return errors
        if kind == "integer":
            if not isinstance(value, int) or isinstance(value, bool):
                return bad
            errors = []
            if "minimum" in schema and value < schema["minimum"]:
                errors.append(f"{at}: below {schema['minimum']}")
            if "maximum" in schema and value > schema["maximum"]:
                errors.append(f"{at}: above {schema['maximum']}")
            return errors
        if kind == "boolean":
            return [] if isinstance(value, bool) else bad
        if kind == "array":
            if not isinstance(value, list):
                return bad
            errors = []
            if "maxLength" in schema and len(value) > schema["maxLength"]:
                errors.append(f"{at}: more than {schema['maxLength']} items")
            for i, item in enumerate(value):
                errors += self.validate(schema["items"], item, here, f"{at}[{i}]")
            return errors
        if kind == "unknown":
            return [] if isinstance(value, dict) else bad
        return []  # blob, bytes, cid-link, token: not used by the methods served

    def params(self, nsid: str, query: dict[str, list[str]]) -> tuple[dict[str, Any], list[str]]:
        """Query-string values typed as the method's params say, and what is wrong with them."""
        main = self.main(nsid) or {}
        props = (main.get("parameters") or {}).get("properties", {})
        typed: dict[str, Any] = {}
        errors = [f"params: unknown {key}" for key in query if key not in props]
        for key, values in query.items():
            kind = props.get(key, {}).get("type")
            try:
                if kind == "array":
                    typed[key] = values
                elif kind == "integer":
                    typed[key] = int(values[-1])
                elif kind == "boolean":
                    if values[-1] not in ("true", "false"):
                        raise ValueError(values[-1])
                    typed[key] = values[-1] == "true"
                else:
                    typed[key] = values[-1]
            except ValueError:
                errors.append(f"params.{key}: {values[-1]!r} is not a {kind}")
        if main.get("parameters"):
            errors += self.validate(main["parameters"], typed, nsid, "params")
        return typed, errors
