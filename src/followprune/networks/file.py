"""`prune --from PATH`: score a follow list exported by another tool, read-only.

Accepts JSON lines of X API v2 user objects, or twarc2's page-per-line output
(`{"data": [users], "includes": {...}, "meta": {...}}` on each line).
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from followprune.errors import InputError
from followprune.models import Account, Interaction, Relationship
from followprune.networks.base import Network
from followprune.networks.x.convert import (
    account_from_user,
    earliest_follow_time,
    relationship_from_user,
    snowflake_time,
)


class FileNetwork(Network):
    name = "file"
    paced = False

    def __init__(self, path: Path) -> None:
        if not path.is_file():
            raise InputError(f"{path}: no such file")
        self.path = path

    def whoami(self) -> Account:
        # A file has no owner; one identity per file keeps its runs apart in the store.
        digest = hashlib.sha1(str(self.path.resolve()).encode()).hexdigest()[:12]
        return Account(id=f"file-{digest}", handle=self.path.stem)

    def following(self) -> Iterable[tuple[Account, Relationship]]:
        seen: set[str] = set()
        for user, posts in self._users():
            if str(user.get("id")) in seen:
                continue  # twarc2 files may repeat a user across pages
            seen.add(str(user.get("id")))
            account = account_from_user(user, posts)
            # A file has no follow dates; without this every account would be first seen
            # today and sit in the grace period.
            since = earliest_follow_time(account.created_at, snowflake_time(account.id))
            rel = relationship_from_user(user, since)
            # Without connection_status a file says nothing about who follows back.
            if "connection_status" not in user:
                rel = rel.model_copy(update={"follows_you": None})
            yield account, rel

    def _users(self) -> Iterator[tuple[dict[str, Any], dict[str, Any]]]:
        try:
            handle = self.path.open(encoding="utf-8")
        except OSError as exc:
            raise InputError(f"{self.path}: cannot read: {exc.strerror}") from None
        with handle:
            for number, line in enumerate(handle, start=1):
                if not line.strip():
                    continue
                try:
                    record = json.loads(line)
                except json.JSONDecodeError as exc:
                    raise InputError(f"{self.path}, line {number}: not JSON ({exc.msg})") from None
                if not isinstance(record, dict):
                    raise InputError(f"{self.path}, line {number}: expected a JSON object")
                if "data" in record:  # a twarc2 page
                    includes = record.get("includes") or {}
                    posts = {str(p.get("id")): p for p in includes.get("tweets") or []}
                    users = record["data"] if isinstance(record["data"], list) else []
                    for user in users:
                        yield _checked(user, number, self.path), posts
                else:
                    yield _checked(record, number, self.path), {}

    def followers(self) -> set[str] | None:
        return None

    def interactions(self) -> Iterable[Interaction]:
        return []

    def ensure_can_act(self) -> None:
        raise InputError("a --from file is read-only: nothing can be unfollowed from it")

    def _read_only(self, account_id: str) -> None:
        self.ensure_can_act()

    unfollow = follow = mute = unmute = _read_only


def _checked(user: Any, line: int, path: Path) -> dict[str, Any]:
    if not isinstance(user, dict) or "id" not in user:
        raise InputError(f"{path}, line {line}: not an X user object (no \"id\")")
    return user
