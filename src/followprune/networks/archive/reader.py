"""The X archive: its manifest, and every part of the data types followprune uses.

`XArchive` only reads; it knows nothing of the store. Parts stream entry by entry, and every
part is located and size-checked (`check`) before the first byte of data is read.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from types import TracebackType
from typing import Any

from followprune.errors import InputError
from followprune.models import Account
from followprune.networks.archive.derive import ArchivePost, status_author
from followprune.networks.archive.jsarray import JsAssignment
from followprune.networks.archive.source import (
    AS_SENT_HINT,
    ByteCounter,
    Limits,
    MissingFile,
    check_name,
    open_source,
)
from followprune.networks.x.convert import snowflake_time

MANIFEST = "data/manifest.js"

# Our name for each kind → the manifest's data type names for it (newest spelling first),
# and the key wrapping each entry of its files.
_DATA_TYPES: dict[str, tuple[str, ...]] = {
    "account": ("account",),
    "following": ("following",),
    "follower": ("follower",),
    "block": ("block",),
    "mute": ("mute",),
    "like": ("like",),
    "tweets": ("tweets", "tweet"),
}
_ENTRY_KEY = {
    "account": "account", "following": "following", "follower": "follower",
    "block": "blocking", "mute": "muting", "like": "like", "tweets": "tweet",
}
# File names X uses for each kind: tweets.js, the older tweet.js, and large ones split.
_FILE_NAME = {
    kind: re.compile(rf"data/{'tweets?' if kind == 'tweets' else kind}(?:-part[1-9][0-9]*)?\.js")
    for kind in _DATA_TYPES
}
_GLOBAL_NAME = re.compile(r"YTD\.[A-Za-z_]+\.part[0-9]+")
REQUIRED = ("account", "following")
_ID = re.compile(r"[1-9][0-9]{0,19}")
_TWEET_TIME = "%a %b %d %H:%M:%S %z %Y"
# JSON may escape half of a UTF-16 pair on its own ("\ud800"); UTF-8, and so the store,
# cannot hold one.
_LONE_SURROGATE = re.compile("[\ud800-\udfff]")


@dataclass(frozen=True)
class Part:
    kind: str
    file_name: str
    global_name: str


@dataclass(frozen=True)
class Manifest:
    parts: dict[str, list[Part]]  # by kind; absent when the archive lacks the type
    generated_at: datetime | None
    account_id: str | None
    partial: bool


def as_id(value: Any) -> str | None:
    """A numeric id as X writes it (a string of digits); None for "-1", "" and the like."""
    text = str(value) if isinstance(value, int | str) and not isinstance(value, bool) else ""
    return text if _ID.fullmatch(text) else None


def _object(value: Any) -> dict[str, Any]:
    """An optional JSON object; anything else counts as absent."""
    return value if isinstance(value, dict) else {}


def _time(text: Any, fmt: str | None = None) -> datetime | None:
    """A moment in UTC; one without a time zone is UTC, as every time X writes is."""
    if not isinstance(text, str):
        return None
    try:
        moment = (datetime.strptime(text, fmt) if fmt
                  else datetime.fromisoformat(text.replace("Z", "+00:00")))
        return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment.astimezone(UTC)
    except (ValueError, OverflowError):  # OverflowError: an offset that leaves year 1..9999
        return None


def _generation_date(value: Any) -> datetime | None:
    """When X made the archive; None if the manifest does not say, InputError if what it
    says is no date (X always writes one like 2024-05-01T10:00:00.000Z)."""
    if value is None or value == "":
        return None
    moment = _time(value)
    if moment is None:
        raise InputError(f"{MANIFEST}: archiveInfo.generationDate {str(value)[:60]!r} is not a"
                         " date; an archive X made always has one",
                         hint=AS_SENT_HINT)
    return moment


def _free_text(value: Any) -> str:
    """Text shown to a person (posts, names): a lone surrogate becomes U+FFFD, as a bad byte
    would, so one odd character does not cost the whole import."""
    return _LONE_SURROGATE.sub("\ufffd", value) if isinstance(value, str) else ""


def _is_name(value: Any) -> bool:
    return isinstance(value, str) and bool(value) and not _LONE_SURROGATE.search(value)


class XArchive:
    """An X personal data archive, zipped or unpacked. Use as a context manager."""

    def __init__(
        self, path: Path, limits: Limits | None = None, counter: ByteCounter | None = None
    ) -> None:
        self._limits = limits or Limits()
        self._source = open_source(path, self._limits)
        self._counter = counter
        self.skipped_ids = 0  # ids in posts that are not real ids ("-1" for deleted users)
        try:
            self.manifest = self._read_manifest()
        except BaseException:
            self._source.close()
            raise

    def __enter__(self) -> XArchive:
        return self

    def __exit__(
        self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()

    def close(self) -> None:
        self._source.close()

    # --- manifest and checks -----------------------------------------------------------------

    def _read_manifest(self) -> Manifest:
        try:
            stream = self._source.open(MANIFEST, cap=self._limits.max_manifest_bytes)
        except MissingFile:
            raise InputError(f"{self._source.label}: no {MANIFEST}; not an X archive",
                             hint="give the archive .zip, or the folder holding data/") from None
        reader = JsAssignment(stream, MANIFEST, self._limits.max_manifest_bytes)
        try:
            if reader.read_target() != "window.__THAR_CONFIG":
                raise InputError(f"{MANIFEST}: does not set window.__THAR_CONFIG")
            config = reader.read_value()
        finally:
            reader.close()
        if not isinstance(config, dict) or not isinstance(config.get("dataTypes"), dict):
            raise InputError(f"{MANIFEST}: has no `dataTypes`; not an X archive manifest")
        info, user = _object(config.get("archiveInfo")), _object(config.get("userInfo"))
        return Manifest(
            parts=_parts(config["dataTypes"]),
            generated_at=_generation_date(info.get("generationDate")),
            account_id=as_id(user.get("accountId")),
            partial=info.get("isPartialArchive") in (True, "true"),
        )

    def missing_kinds(self) -> list[str]:
        return [kind for kind in _DATA_TYPES if kind not in self.manifest.parts]

    def check(self) -> int:
        """Locate and size-check every part before reading any; returns the bytes to read."""
        for kind in REQUIRED:
            if kind not in self.manifest.parts:
                raise InputError(f"{MANIFEST}: lists no `{kind}` data; the archive is incomplete")
        total = 0
        for parts in self.manifest.parts.values():
            for part in parts:
                try:
                    total += self._source.size(part.file_name)
                except MissingFile:
                    raise InputError(f"{part.file_name}: listed in the manifest but missing"
                                     " from the archive") from None
        if total > self._limits.max_total_bytes:
            raise InputError(f"{self._source.label}: {total:,} bytes of data to read, more than"
                             f" the {self._limits.max_total_bytes:,} allowed")
        return total

    # --- entries -------------------------------------------------------------------------

    def _entries(self, kind: str) -> Iterator[tuple[str, int, dict[str, Any]]]:
        """(file, entry number, inner object) for every entry of every part of a kind."""
        key = _ENTRY_KEY[kind]
        for part in self.manifest.parts.get(kind, []):
            stream = self._source.open(part.file_name, self._counter)
            reader = JsAssignment(stream, part.file_name, self._limits.max_entry_chars)
            try:
                target = reader.read_target()
                if target != f"window.{part.global_name}":
                    raise InputError(f"{part.file_name}: sets {target[:80]!r}, but the manifest"
                                     f" says window.{part.global_name}; unknown variant")
                for number, entry in enumerate(reader.iter_array(), start=1):
                    inner = entry.get(key) if isinstance(entry, dict) else None
                    if not isinstance(inner, dict):
                        raise InputError(f"{part.file_name}: entry {number:,} is not a"
                                         f" {{\"{key}\": {{…}}}} object")
                    yield part.file_name, number, inner
            finally:
                reader.close()

    def me(self) -> Account:
        """You, from account.js: id, username, display name, creation date."""
        entries = list(self._entries("account"))
        if not entries:
            raise InputError("data/account.js: holds no account")
        file_name, number, account = entries[0]
        account_id, handle = as_id(account.get("accountId")), account.get("username")
        if account_id is None or not isinstance(handle, str) or not handle:
            raise InputError(f"{file_name}: entry {number} lacks accountId or username")
        if not _is_name(handle):
            # Not repaired like free text: a username identifies you (`--account`, quotes
            # and reposts of your own posts), and a guessed one would name someone else.
            raise InputError(f"{file_name}: entry {number} has a username that is not valid"
                             f" text ({handle!r}); the archive was altered",
                             hint=AS_SENT_HINT)
        if self.manifest.account_id not in (None, account_id):
            raise InputError(f"{file_name}: account {account_id} is not the manifest's"
                             f" {self.manifest.account_id}; the archive was altered")
        return Account(
            id=account_id,
            handle=handle,
            name=_free_text(account.get("accountDisplayName")),
            created_at=_time(account.get("createdAt")),
            # Bio, location and counts are not in account.js.
            profile_known=False,
        )

    def account_ids(self, kind: str) -> Iterator[str]:
        """Ids from following, follower, block or mute."""
        for file_name, number, inner in self._entries(kind):
            account_id = as_id(inner.get("accountId"))
            if account_id is None:
                raise InputError(f"{file_name}: entry {number:,} has no valid accountId")
            yield account_id

    def like_count(self) -> int:
        # Likes name the post but not its author, so they cannot be attributed: count only.
        return sum(1 for _ in self._entries("like"))

    def posts(self) -> Iterator[ArchivePost]:
        for file_name, number, tweet in self._entries("tweets"):
            yield self._post(file_name, number, tweet)

    def _post(self, file_name: str, number: int, tweet: dict[str, Any]) -> ArchivePost:
        post_id = as_id(tweet.get("id_str") or tweet.get("id"))
        if post_id is None:
            raise InputError(f"{file_name}: entry {number:,} is a post without a valid id_str")
        entities = _object(tweet.get("entities"))
        return ArchivePost(
            id=post_id,
            at=_time(tweet.get("created_at"), _TWEET_TIME) or snowflake_time(post_id),
            text=_free_text(tweet.get("full_text") or tweet.get("text")),
            reply_to_id=self._optional_id(tweet.get("in_reply_to_user_id_str")
                                          or tweet.get("in_reply_to_user_id")),
            mentions=tuple(self._mentions(file_name, number, entities.get("user_mentions"))),
            linked_names=tuple(_linked_names(entities.get("urls"))),
        )

    def _optional_id(self, value: Any) -> str | None:
        if value is None:
            return None
        account_id = as_id(value)
        if account_id is None:
            self.skipped_ids += 1
        return account_id

    def _mentions(self, file_name: str, number: int, mentions: Any) -> Iterator[tuple[str, str]]:
        for mention in mentions if isinstance(mentions, list) else []:
            if not isinstance(mention, dict):
                continue
            account_id = self._optional_id(mention.get("id_str") or mention.get("id") or "")
            name = mention.get("screen_name")
            if account_id is None or not isinstance(name, str) or not name:
                continue
            if not _is_name(name):
                # The name is stored as the account's handle and resolves quotes and
                # reposts: refused like your own username, not guessed at.
                raise InputError(f"{file_name}: entry {number:,} mentions a screen name that is"
                                 f" not valid text ({name!r}); the archive was altered",
                                 hint=AS_SENT_HINT)
            yield account_id, name


def _linked_names(urls: Any) -> Iterator[str]:
    for url in urls if isinstance(urls, list) else []:
        if isinstance(url, dict) and isinstance(url.get("expanded_url"), str):
            name = status_author(url["expanded_url"])
            if name is not None:
                yield name


def _parts(data_types: dict[str, Any]) -> dict[str, list[Part]]:
    """The manifest's files for each kind we read, each checked to be a known variant."""
    parts: dict[str, list[Part]] = {}
    for kind, type_names in _DATA_TYPES.items():
        listed = [data_types[t] for t in type_names if t in data_types]
        if not listed:
            continue
        parts[kind] = []
        for data_type in listed:
            files = data_type.get("files", []) if isinstance(data_type, dict) else None
            if not isinstance(files, list):
                raise InputError(f"{MANIFEST}: `dataTypes.{kind}.files` is not a list")
            parts[kind] += [_part(kind, entry) for entry in files]
        # An archive listing a file under both `tweet` and `tweets` is read once.
        parts[kind] = list({part.file_name: part for part in parts[kind]}.values())
    return parts


def _part(kind: str, entry: Any) -> Part:
    file_name = entry.get("fileName") if isinstance(entry, dict) else None
    global_name = entry.get("globalName") if isinstance(entry, dict) else None
    if not isinstance(file_name, str) or not isinstance(global_name, str):
        raise InputError(f"{MANIFEST}: a `{kind}` file without fileName or globalName")
    check_name(file_name)
    if not _FILE_NAME[kind].fullmatch(file_name):
        raise InputError(f"{file_name}: not a known name for `{kind}` data (unknown variant;"
                         f" expected e.g. data/{'tweets' if kind == 'tweets' else kind}.js)")
    if not _GLOBAL_NAME.fullmatch(global_name):
        raise InputError(f"{file_name}: global name {global_name[:80]!r} is not a known variant")
    return Part(kind, file_name, global_name)
