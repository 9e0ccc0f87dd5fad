"""`prune --from PATH`: score a follow list exported by another tool, read-only.

Accepts JSON lines of X API v2 user objects, or twarc2's page-per-line output
(`{"data": [users], "includes": {...}, "meta": {...}, "__twarc": {...}}` on each line).

A file is read once, straight into models, and scored without being copied into the store.
Every user object is checked field by field before it becomes an Account: a file written by
hand or by another tool can hold anything, and a wrong type must end in one message naming
the line and the key, never a traceback or a silently wrong score.

A file with bad lines is refused as a whole, naming the first bad line and how many there
are, since scoring the rest would rank a list the person did not mean; `skip_bad` scores the
good lines and counts the others in `skipped`.

The moment the file was captured (`captured_at`) is twarc2's `__twarc.retrieved_at` (the
latest page's), or what the person gives with `--as-of`; scoring is done as of that moment,
so "silent for 3 years" means three years before the capture, not before today.
"""

from __future__ import annotations

import contextlib
import gzip
import hashlib
import os
import unicodedata
import zlib
from collections.abc import Iterable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any, BinaryIO

import orjson

from followprune.errors import InputError
from followprune.models import Account, AccountState, Interaction, Relationship
from followprune.networks.base import Network
from followprune.networks.shapes import WrongShape, kind_of
from followprune.networks.x.convert import (
    X_LAUNCH,
    account_from_user,
    earliest_follow_time,
    relationship_from_user,
    snowflake_time,
)
from followprune.networks.x.wire import MAX_COUNT, METRICS, checked_user, iso_time


@dataclass(frozen=True)
class BadLine:
    line: int
    why: str


class FileNetwork(Network):
    name = "file"
    paced = False
    # Scored where it is read: nothing of the file is kept in the store but the run.
    kept_in_store = False

    def __init__(self, path: Path, *, skip_bad: bool = False,
                 as_of: datetime | None = None) -> None:
        if not path.is_file():
            raise InputError(f"{path}: is a folder, not a file" if path.is_dir()
                             else f"{path}: not a regular file (a pipe or a device?)"
                             if path.exists() else f"{path}: no such file",
                             hint="--from reads a file of JSON lines, not standard input"
                             if str(path) == "-" else None)
        self.path = path
        self.skip_bad = skip_bad
        self.as_of = as_of
        self.retrieved_at: datetime | None = None  # from twarc2 pages, once read
        # Only the first bad line is kept, and a count: a binary file can have millions.
        self.first_bad: BadLine | None = None
        # The file's first line that is not blank: what a file of no user at all is said to
        # look like (a JSON array, Mastodon's CSV export).
        self.first_line = b""
        self.skipped = 0
        self.accounts_read = 0
        # Users met again (same id) after their first line; each is scored once, as first met.
        self.repeated = 0
        # Whether the last reading of the whole file met one user a line (blank lines
        # aside; a page of one user counts), none repeated, no line bad: then a user's
        # number is its line's (`user_chunks`).
        self.one_user_a_line = False

    @property
    def captured_at(self) -> datetime | None:
        """When the file's data was true: --as-of, else what twarc2 recorded, else unknown."""
        return self.as_of or self.retrieved_at

    def whoami(self) -> Account:
        # A file has no owner; one identity per file keeps its runs apart in the store.
        digest = hashlib.sha1(str(self.path.resolve()).encode()).hexdigest()[:12]
        return Account(id=f"file-{digest}", handle=self.path.stem)

    def following(self) -> Iterable[tuple[Account, Relationship]]:
        """Every account of the file once. Raises after the last line if the file had bad
        lines (unless skip_bad) or no accounts at all, so a caller that reads everything
        before acting on it never acts on a partial list."""
        seen: set[str] = set()
        self._start_reading()
        # The newest moment the file itself shows (an account made, a post written): an
        # --as-of before it cannot be when the file was captured.
        newest, newest_handle = X_LAUNCH, ""
        dated = self.as_of is not None
        for account, rel in self._users():
            if account.id in seen:
                self.one_user_a_line = False
                self.repeated += 1
                continue  # twarc2 files may repeat a user across pages
            seen.add(account.id)
            self.accounts_read += 1
            if dated:
                # Read with their zone (iso_time, snowflake_time), so compared as they are.
                for moment in (rel.first_seen, account.last_active_at):
                    if moment is not None and moment > newest:
                        newest, newest_handle = moment, account.handle
            yield account, rel
        first = self.first_bad
        if first is not None and not self.skip_bad:
            more = f" ({self.skipped:,} bad lines in all)" if self.skipped > 1 else ""
            look = _looks_like(self.first_line) if not seen else None
            raise InputError(
                f"{self.path}, line {first.line}: {first.why}{more}"
                + (f"; {look[0]}" if look else ""),
                hint=look[1] if look else
                "fix the file, or pass --skip-bad to score the lines that are right",
            )
        if self.as_of is not None and newest > self.as_of + _CLOCK_SKEW:
            raise InputError(
                f"--as-of {self.as_of:%Y-%m-%d %H:%M} is before what {self.path} shows:"
                f" @{newest_handle} was created or posted on"
                f" {newest.astimezone(UTC):%Y-%m-%d %H:%M} UTC",
                hint="give the moment the file was captured, or leave --as-of out",
            )
        if not seen:
            look = _looks_like(self.first_line) if self.skipped else None
            raise InputError(
                f"{self.path}: the file held no accounts"
                + (f" ({self.skipped:,} bad lines skipped)" if self.skipped else "")
                + (f"; {look[0]}" if look else ""),
                hint=look[1] if look else
                "--from reads JSON lines of X API v2 user objects or twarc2 output",
            )

    def after_as_of(self, account: Account, rel: Relationship) -> bool:
        """Whether the account shows a moment after --as-of (as `following` checks every
        account: then the moment given cannot be when the file was captured)."""
        if self.as_of is None:
            return False
        latest = self.as_of + _CLOCK_SKEW
        return latest < X_LAUNCH or any(moment is not None and moment > latest
                   for moment in (rel.first_seen, account.last_active_at))

    def read_plainly(self, accounts: int) -> None:
        """Record a whole reading made elsewhere (`user_chunks` in two processes) that met
        `accounts` users, one a line, none repeated, no line bad and no time in a page: the
        state `following` leaves after reading such a file."""
        self._start_reading()
        self.accounts_read = accounts

    def _start_reading(self) -> None:
        self.first_bad, self.skipped, self.accounts_read, self.repeated = None, 0, 0, 0
        self.first_line = b""
        self.one_user_a_line = True

    def user_chunks(
        self, size: int, wanted: int
    ) -> Iterator[list[tuple[Account, Relationship]] | int]:
        """The users of a file read whole before with `one_user_a_line`, `size` at a time:
        the chunks whose number is `wanted` modulo 2 built as `following` builds them, of
        the others only how many users they hold, their lines not even parsed (issue 17:
        two processes scoring alternate chunks). A line that no longer holds a user means
        the file changed since: InputError."""
        no_posts: dict[str, Any] = {}
        places: dict[str, str] = {}
        built: list[tuple[Account, Relationship]] = []
        number = counted = 0
        with self._lines() as lines:
            for raw in lines:
                if raw.isspace():
                    continue
                if number % 2 != wanted:
                    counted += 1
                    if counted == size:
                        yield counted
                        number, counted = number + 1, 0
                    continue
                try:
                    record = _parse(raw)
                    if type(record) is not dict:
                        raise WrongShape("not an object")
                    if "data" in record or ("errors" in record and "id" not in record):
                        pairs = self._page(record, places)
                        if len(pairs) != 1:
                            raise WrongShape("not one user")
                        built.append(pairs[0])
                    else:
                        built.append(_read_user(record, no_posts, places))
                except WrongShape:
                    raise InputError(f"{self.path}: the file changed while it was being read",
                                     hint="score a copy that nothing else writes to") from None
                if len(built) == size:
                    yield built
                    number, built = number + 1, []
        if built:
            yield built
        elif counted:
            yield counted

    def text_size(self) -> int:
        """How many bytes of text the file holds: a gzip file's own count of what it unpacks
        to (its last four bytes: the size modulo 4 GiB, so never less than the packed size),
        else the file's size. OSError if it cannot be read."""
        with self.path.open("rb") as handle:
            if handle.read(2) != _GZIP_MAGIC:
                return os.fstat(handle.fileno()).st_size
            packed = handle.seek(0, os.SEEK_END)
            if packed < 22:  # not even a header and a trailer: reading says what is wrong
                return packed
            handle.seek(-4, os.SEEK_END)
            return max(packed, int.from_bytes(handle.read(4), "little"))

    @contextmanager
    def _lines(self) -> Iterator[Iterator[bytes]]:
        """The file's lines as bytes: a gzip file (as `gzip` or twarc2 pipelines leave it)
        read through, and a UTF-8 byte order mark at the start (what Windows tools write)
        skipped. A damaged gzip file ends in InputError, not a traceback."""
        try:
            handle: BinaryIO = self.path.open("rb")
        except OSError as exc:
            raise InputError(f"{self.path}: cannot read: {exc.strerror}") from None
        with handle:
            if handle.read(2) == _GZIP_MAGIC:
                handle.seek(0)
                yield _unzipped(self.path, handle)
                return
            handle.seek(0)
            if handle.read(len(_BOM)) != _BOM:
                handle.seek(0)
            yield iter(handle)

    def _users(self) -> Iterator[tuple[Account, Relationship]]:
        """Every user of the file, checked and built, with bad lines counted."""
        no_posts: dict[str, Any] = {}
        # A list repeats the same few thousand places: each is kept once (~50 bytes an account).
        places: dict[str, str] = {}
        with self._lines() as lines:
            for number, raw in enumerate(lines, start=1):
                if raw.isspace():  # a line is never empty: it has its newline at least
                    continue
                if not self.first_line:
                    self.first_line = raw[:200]
                try:
                    record = _parse(raw)
                    if not isinstance(record, dict):
                        raise WrongShape(f"expected a JSON object, got {kind_of(record)}")
                    if "data" in record or ("errors" in record and "id" not in record):
                        pairs = self._page(record, places)
                        if len(pairs) != 1:  # a page of one user rides along a pinned post
                            self.one_user_a_line = False
                    else:
                        pairs = [_read_user(record, no_posts, places)]
                except WrongShape as bad:
                    self.one_user_a_line = False
                    self.skipped += 1
                    if self.first_bad is None:
                        self.first_bad = BadLine(number, bad.why)
                    continue
                yield from pairs

    def _page(
        self, page: dict[str, Any], places: dict[str, str]
    ) -> list[tuple[Account, Relationship]]:
        """A twarc2 page's users, read, with its included posts' texts; WrongShape for the
        first problem in the order a reader meets them: the users, then `includes`, then
        `__twarc`."""
        data = page.get("data")
        if data is None:
            data = []  # a page of nothing but `errors` (accounts X would not return)
        if not isinstance(data, list):
            raise WrongShape(f"\"data\": expected a list of user objects, got {kind_of(data)}")
        # The posts are needed to build the users, but a wrong user is named before them.
        try:
            posts: Mapping[str, Any] = _included_posts(page.get("includes"))
            wrong_posts = None
        except WrongShape as bad:
            posts, wrong_posts = {}, bad
        pairs = []
        for index, user in enumerate(data):
            try:
                # Checked as it is built: each user is looked at once.
                pairs.append(_read_user(user, posts, places))
            except WrongShape as bad:
                raise WrongShape(f"user {index + 1} of the page: {bad.why}") from None
        if wrong_posts is not None:
            raise wrong_posts
        self._note_retrieved(page.get("__twarc"))
        return pairs

    def _note_retrieved(self, meta: Any) -> None:
        if not isinstance(meta, dict):
            return
        when = meta.get("retrieved_at")
        if when is None:
            return
        if not isinstance(when, str):
            # A number had been skipped without a word, scoring the file as of now.
            raise WrongShape(f"\"__twarc.retrieved_at\": expected an ISO 8601 time, got"
                             f" {kind_of(when)}")
        moment = iso_time(when)
        if moment is None:
            # Without a zone it is UTC, as --as-of reads the same text (probe round 11).
            with contextlib.suppress(ValueError):
                naive = datetime.fromisoformat(when)
                if naive.tzinfo is None:
                    moment = naive.replace(tzinfo=UTC)
        if moment is None:
            raise WrongShape(f"\"__twarc.retrieved_at\": expected an ISO 8601 time,"
                             f" got {when!r}")
        # Checked as --as-of is: scored as of year 9999 every account is "silent for
        # millennia", as of 1970 every one is in its grace period. A day of clock skew is
        # allowed; a time --as-of overrides is not used, so not checked.
        if self.as_of is None and (
                moment < X_LAUNCH or moment > datetime.now(UTC) + _CLOCK_SKEW):
            raise WrongShape(f"\"__twarc.retrieved_at\": {when!r} is"
                             f" {'before X existed' if moment < X_LAUNCH else 'in the future'};"
                             " --as-of DATE scores the file as of another time")
        # The follow list is as of the last page read.
        if self.retrieved_at is None or moment > self.retrieved_at:
            self.retrieved_at = moment

    def followers(self) -> set[str] | None:
        return None

    def interactions(self) -> Iterable[Interaction]:
        return []

    def ensure_can_act(self) -> None:
        raise InputError("a --from file is read-only: nothing can be unfollowed from it")

    def _read_only(self, account_id: str) -> None:
        self.ensure_can_act()

    unfollow = follow = mute = unmute = _read_only


_GZIP_MAGIC = b"\x1f\x8b"
# How far the file's own times may pass --as-of, or twarc2's retrieved_at pass now:
# clocks and time zones written without an offset.
_CLOCK_SKEW = timedelta(days=1)
_BOM = b"\xef\xbb\xbf"


def _unzipped(path: Path, raw: BinaryIO) -> Iterator[bytes]:
    """The lines of a gzip file, a byte order mark at the start skipped."""
    try:
        with gzip.GzipFile(fileobj=raw, mode="rb") as unzipped:
            first = True
            for line in unzipped:
                if first and line.startswith(_BOM):
                    line = line[len(_BOM):]
                first = False
                yield line
    except (OSError, EOFError, zlib.error) as exc:
        # BadGzipFile is an OSError; a file cut short ends in EOFError.
        raise InputError(f"{path}: a damaged gzip file ({exc})",
                         hint="unpack it with gunzip to see how much of it is left") from None


def _looks_like(first_line: bytes) -> tuple[str, str] | None:
    """What a file that holds no user object looks like, going by its first line, and what
    to do instead: (said after the error, hint); None when it looks like nothing known."""
    text = first_line.decode("utf-8", "replace").strip()
    if text.lower().startswith("account address,"):
        return ("it looks like Mastodon's export of the accounts you follow"
                " (following_accounts.csv), which holds their addresses only, nothing to"
                " score them by",
                "connect your Mastodon account and read the list from your instance: `prune"
                " auth login --network mastodon --instance https://your.instance`, then"
                " `prune --network mastodon sync` (or `prune --network mastodon` to review)")
    if text.startswith("["):
        return ("it looks like a JSON array; --from reads JSON lines, one user object (or"
                " twarc2 page) a line",
                "write the array's items one a line, e.g. `jq -c '.[]' FILE > users.jsonl`,"
                " and give that file to --from")
    if text == "{":
        return ("it looks like one JSON object written over several lines; --from reads"
                " JSON lines, one user object (or twarc2 page) a line",
                "write it on one line, e.g. `jq -c . FILE > users.jsonl`, and give that file"
                " to --from")
    return None


def _parse(raw: bytes) -> Any:
    try:
        return orjson.loads(raw)
    except orjson.JSONDecodeError as exc:
        try:
            raw.decode("utf-8")
        except UnicodeDecodeError as undecodable:
            raise WrongShape(f"not UTF-8 text (byte 0x{raw[undecodable.start]:02x} at column"
                             f" {undecodable.start + 1}); is this a binary file?") from None
        if "recursion" in str(exc).lower() or "depth limit" in str(exc).lower():
            raise WrongShape("nested too deeply to be a user object") from None
        raise WrongShape(f"not JSON ({exc.msg} at column {exc.colno})") from None


def _included_posts(includes: Any) -> Mapping[str, Any]:
    if includes is None:
        return {}
    if not isinstance(includes, dict):
        raise WrongShape(f"\"includes\": expected an object, got {kind_of(includes)}")
    posts: dict[str, Any] = {}
    for key in ("tweets", "posts"):
        listed = includes.get(key)
        if listed is None:
            continue
        if not isinstance(listed, list):
            raise WrongShape(f"\"includes.{key}\": expected a list of posts,"
                             f" got {kind_of(listed)}")
        for post in listed:
            if not isinstance(post, dict) or "id" not in post:
                raise WrongShape(f"\"includes.{key}\": expected posts with an \"id\","
                                 f" got {kind_of(post)}")
            text = post.get("text")
            if text is not None and not isinstance(text, str):
                raise WrongShape(f"\"includes.{key}\" post {post['id']}: \"text\": expected"
                                 f" text, got {kind_of(text)}")
            posts[str(post["id"])] = post
    return posts


def _read_user(
    user: Any, posts: Mapping[str, Any], places: dict[str, str] | None = None
) -> tuple[Account, Relationship]:
    """The Account and Relationship of one user object; WrongShape naming the key if it is
    wrong.

    Most objects are right: `_built` checks and builds them in one pass. Anything it does not
    take as it is goes the careful way, which names the first wrong key in the object's own
    order (or builds the rare object that is right in a way the quick pass does not expect)."""
    built = _built(user, posts, places) if type(user) is dict else None
    if built is not None:
        return built
    checked_file_user(user)
    account = account_from_user(user, posts)
    # A file has no follow dates; without this every account would be first seen today and
    # sit in the grace period.
    since = earliest_follow_time(account.created_at, snowflake_time(account.id))
    rel = relationship_from_user(user, since)
    # Without connection_status a file says nothing about who follows back.
    if "connection_status" not in user:
        rel = rel.model_copy(update={"follows_you": None})
    return account, rel


# Marks that print as nothing on their own (variation selectors, the combining grapheme
# joiner) and the Hangul and Braille fillers, which are letters that show blank.
_INVISIBLE = frozenset({"Mn", "Me", "Cf"})
_BLANK_LETTERS = frozenset("\u115f\u1160\u3164\uffa0\u2800")


def checked_file_user(user: Any) -> dict[str, Any]:
    """`user` if it is a user object a file may hold: as `checked_user` checks it, and with
    a `username`, which X gives every user object; else WrongShape naming the key. Without
    one the account was shown under its id as a handle, and nothing said the line was wrong
    (persona review)."""
    checked = checked_user(user)
    username = checked.get("username")
    if username is None:
        raise WrongShape("not an X user object (no \"username\")")
    if not username.strip():
        raise WrongShape(f"\"username\": expected a handle, got {kind_of(username)}")
    hidden = next((ch for ch in username if ch.isspace() or not ch.isprintable()
                   or ch in _BLANK_LETTERS or unicodedata.category(ch) in _INVISIBLE), None)
    if hidden is not None:
        # "ali\u200bce" shows as "alice" in every table, and `keep @alice` would not find
        # it: X's handles are letters, digits and underscores, so the line was altered.
        raise WrongShape(f"\"username\": {username!r} holds an invisible character"
                         f" (U+{ord(hidden):04X}); X handles are letters, digits and _")
    return checked


# What account_from_user and relationship_from_user give pydantic, as the models record it
# (one set for every model, as pydantic never adds to a frozen model's set in place: the set
# costs ~700 bytes, a quarter of an Account, when each model has its own).
_ACCOUNT_GIVEN = {
    "id", "handle", "name", "bio", "location", "url", "created_at", "followers_count",
    "following_count", "post_count", "listed_count", "like_count", "last_active_at",
    "verified", "protected", "default_avatar", "pinned_text",
}
_RELATIONSHIP_GIVEN = {"account_id", "you_follow", "follows_you", "muted", "blocked",
                       "first_seen"}
_ACTIVE = AccountState.ACTIVE
_new = object.__new__
_set = object.__setattr__


def _shared_keys_dict(model: type[Any], keys: Iterable[str]) -> dict[str, Any]:
    """An empty-valued `__dict__` for `model` whose copies share one table of keys.

    A dict filled by attribute assignment keeps its keys in a table the class shares, so it
    holds only its values: an Account's dict is 288 bytes that way, 464 as the dict pydantic
    (or a literal) makes. Copies of such a dict keep sharing the table as long as only those
    keys are assigned, which is all `_built` does; at a million accounts that is 0.2 GB."""
    template = _new(model)
    for key in keys:
        _set(template, key, None)
    values: dict[str, Any] = template.__dict__
    return values


_ACCOUNT_DICT = _shared_keys_dict(Account, Account.model_fields)
_RELATIONSHIP_DICT = _shared_keys_dict(Relationship, Relationship.model_fields)


def _built(
    user: dict[str, Any], posts: Mapping[str, Any], places: dict[str, str] | None = None
) -> tuple[Account, Relationship] | None:
    """account_from_user and relationship_from_user for a user object that is right, checked
    as `checked_file_user` checks it; None for anything else.

    Validating an Account with pydantic cost more than reading its line: every value here is
    checked to have the type the model declares, so the models are made the way
    `model_construct` makes them, without its per-field look-ups. tests/test_file_fast_read.py
    holds this to the careful path for every kind of object."""
    get = user.get
    uid = get("id")
    if type(uid) is str:
        if not uid or uid.isspace() or len(uid) > 64:
            return None
        account_id = uid
    elif type(uid) is int and uid >= 0:
        account_id = str(uid)
    else:
        return None
    username = get("username")
    name = get("name")
    description = get("description")
    location = get("location")
    url = get("url")
    image = get("profile_image_url")
    if type(username) is not str or not username or not username.isascii() \
            or not username.isprintable() or " " in username:
        return None  # named by `checked_file_user`, or a rare handle built the careful way
    for text in (name, description, location, url, image):
        if text is not None and type(text) is not str:
            return None
    verified = get("verified")
    protected = get("protected")
    if (verified is not None and type(verified) is not bool) or (
        protected is not None and type(protected) is not bool
    ):
        return None
    pinned_id = get("pinned_post_id")
    other = get("pinned_tweet_id")
    recent_id = get("most_recent_post_id")
    other_recent = get("most_recent_tweet_id")
    for some_id in (pinned_id, other, recent_id, other_recent):
        if some_id is not None and not _id_ok(some_id):
            return None
    if pinned_id is None:
        pinned_id = other
    if recent_id is None:
        recent_id = other_recent
    created = get("created_at")
    created_at = None
    if created is not None:
        if type(created) is not str:
            return None
        created_at = iso_time(created)
        if created_at is None:
            return None
        if (created_at if created_at.tzinfo is not None
                else created_at.replace(tzinfo=UTC)) < X_LAUNCH:
            created_at = None  # a placeholder (0001-01-01, 1970), as convert reads it
    metrics = get("public_metrics")
    if metrics is None:
        metrics = {}
    elif type(metrics) is not dict:
        return None
    else:
        for count in metrics.values():
            if type(count) is not int or not 0 <= count <= MAX_COUNT:
                # Something other than a count: fine where it is not one of ours.
                for key in METRICS:
                    count = metrics.get(key)
                    if count is not None and (type(count) is not int
                                              or not 0 <= count <= MAX_COUNT):
                        return None
                break
    status = get("connection_status")
    if status is not None:
        if type(status) is not list:
            return None
        for state in status:
            if type(state) is not str:
                return None

    post_count = metrics.get("post_count")
    if post_count is None:
        post_count = metrics.get("tweet_count")
    pinned = posts.get(str(pinned_id)) if pinned_id else None
    last_active_at = snowflake_time(recent_id)
    values = _ACCOUNT_DICT.copy()
    values["id"] = account_id
    values["handle"] = username
    values["name"] = name or ""
    values["bio"] = description or ""
    if not location:
        location = ""
    elif places is not None:
        location = places.setdefault(location, location)
    values["location"] = location
    values["url"] = url or ""
    values["created_at"] = created_at
    values["followers_count"] = metrics.get("followers_count")
    values["following_count"] = metrics.get("following_count")
    values["post_count"] = post_count
    values["listed_count"] = metrics.get("listed_count")
    values["like_count"] = metrics.get("like_count")
    values["last_active_at"] = last_active_at
    values["verified"] = bool(verified)
    values["protected"] = bool(protected)
    values["default_avatar"] = image is not None and "default_profile_images" in image
    values["pinned_text"] = (pinned or {}).get("text") or ""
    values["recent_posts_per_day"] = None
    values["state"] = _ACTIVE
    values["moved_to"] = ""
    values["moved_to_id"] = ""
    values["profile_known"] = True
    values["moderation"] = ()
    values["location_field"] = True
    values["automated"] = False
    account = _new(Account)
    _set(account, "__dict__", values)
    _set(account, "__pydantic_fields_set__", _ACCOUNT_GIVEN)
    _set(account, "__pydantic_extra__", None)
    _set(account, "__pydantic_private__", None)

    # earliest_follow_time: the latest of X's launch, the account's creation and its id's.
    since = X_LAUNCH
    for moment in (created_at, snowflake_time(account_id)):
        if moment is not None and moment > since:
            since = moment
    if status is None:
        status = []
    values = _RELATIONSHIP_DICT.copy()
    values["account_id"] = account_id
    values["you_follow"] = True
    # Without connection_status a file says nothing about who follows back.
    values["follows_you"] = "followed_by" in status if "connection_status" in user else None
    values["muted"] = "muting" in status
    values["blocked"] = "blocking" in status
    values["blocks_you"] = False  # no file says so
    values["first_seen"] = since
    rel = _new(Relationship)
    _set(rel, "__dict__", values)
    _set(rel, "__pydantic_fields_set__", _RELATIONSHIP_GIVEN)
    _set(rel, "__pydantic_extra__", None)
    _set(rel, "__pydantic_private__", None)
    return account, rel


def _id_ok(value: Any) -> bool:
    if type(value) is int:
        return value >= 0
    return type(value) is str and bool(value) and not value.isspace() and len(value) <= 64
