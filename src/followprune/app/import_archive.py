"""Importing the X personal data archive: the follow graph and your side of the interactions,
without paying for API reads.

Everything is read and checked first; only then is the store written, in one transaction,
so a bad archive leaves the store exactly as it was.
"""

from __future__ import annotations

import heapq
import tempfile
from collections import Counter
from collections.abc import Iterable, Iterator
from contextlib import AbstractContextManager, nullcontext
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import IO, TYPE_CHECKING, Protocol

from followprune.app.lock import account_lock
from followprune.errors import InputError
from followprune.models import Account, Direction, Graph, Interaction, InteractionKind, Relationship
from followprune.networks.archive import (
    AS_SENT_HINT,
    MANIFEST,
    ArchivePost,
    InteractionDeriver,
    Limits,
    XArchive,
)
from followprune.networks.x.convert import earliest_follow_time, snowflake_time
from followprune.networks.x.progress import FOLLOWING_SYNCED_AT
from followprune.scoring.wording import plural
from followprune.store import Identity, Store
from followprune.store.database import from_text
from followprune.store.snapshots import SnapshotChange

if TYPE_CHECKING:
    from followprune.paths import Paths

NETWORK = "x"
# Your newest own posts (not reposts) feed the interest profile; older ones add little.
MY_POSTS_KEPT = 100
_WRITE_BATCH = 2_000
# The day the last archive imported was made (its manifest's generationDate).
_GENERATED_AT = "archive.generated_at"
# A believable generation date: X went live on 2006-03-21, and no archive is made after now
# (a day's slack for clocks and time zones). A future date, once stored, would make every
# later archive and sync look older and be refused.
_X_BEGAN = datetime(2006, 3, 21, tzinfo=UTC)
_CLOCK_SLACK = timedelta(days=1)
_RETRY_HINT = ("request a new archive from X (Settings, Your account, Download an archive), or"
               " `prune sync --network x` reads the list as it is now; nothing was imported")
_OPTIONAL_KINDS = {
    "follower": "no follower list: nobody counts as following you back",
    "block": "no block list",
    "mute": "no mute list",
    "tweets": "no posts: no replies, mentions, quotes or reposts to learn from",
    "like": "no likes",
}


class ImportProgress(Protocol):
    def start(self, total_bytes: int) -> None: ...

    def advance(self, read_bytes: int) -> None: ...


@dataclass(frozen=True)
class ImportReport:
    identity: Identity
    generated_at: datetime | None
    # following, followers, blocked, muted, posts, likes: as found in the archive.
    counts: dict[str, int]
    interactions: dict[InteractionKind, int]  # all Direction.FROM_YOU
    first_post_at: datetime | None
    last_post_at: datetime | None
    change: SnapshotChange
    profiles_kept: int  # profiles already read from X, not replaced by id-only ones
    warnings: list[str] = field(default_factory=list)


class _Spool:
    """Interactions parked in a temporary file until the store is written, so memory stays
    flat however many posts the archive holds (350k pydantic models would take ~400 MB)."""

    def __init__(self) -> None:
        # Closed by close(), which import_archive always calls.
        self._file: IO[str] = tempfile.TemporaryFile("w+", encoding="utf-8")  # noqa: SIM115
        self.counts: Counter[InteractionKind] = Counter()

    def add(self, interaction: Interaction) -> None:
        # Ids are digits only (checked by the reader), so tabs cannot occur inside fields.
        at = interaction.at.isoformat() if interaction.at else ""
        self._file.write(f"{interaction.account_id}\t{interaction.kind.value}\t{at}\t"
                         f"{interaction.source_id}\n")
        self.counts[interaction.kind] += 1

    def __iter__(self) -> Iterator[Interaction]:
        self._file.seek(0)
        for line in self._file:
            account_id, kind, at, source_id = line.rstrip("\n").split("\t")
            yield Interaction.model_construct(
                account_id=account_id, kind=InteractionKind(kind), direction=Direction.FROM_YOU,
                at=datetime.fromisoformat(at) if at else None, source_id=source_id,
            )

    def close(self) -> None:
        self._file.close()


@dataclass
class _Parsed:
    """Everything read from the archive, before any of it reaches the store."""

    me: Account
    generated_at: datetime | None
    following: list[str]
    followers: set[str]
    blocked: set[str]
    muted: set[str]
    handles: dict[str, str]
    spool: _Spool
    posts: int = 0
    likes: int = 0
    first_post_at: datetime | None = None
    last_post_at: datetime | None = None
    my_posts: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


def import_archive(
    store: Store,
    path: Path,
    now: datetime,
    *,
    progress: ImportProgress | None = None,
    limits: Limits | None = None,
    paths: Paths | None = None,
) -> ImportReport:
    """Read the archive at `path` (zip or folder) into the store; InputError if it is bad.

    With `paths`, the account's run lock is held from the moment the archive says whose it
    is until the store is written (LockedError, exit 7, if another run holds it): a run
    acting on the follow list must not have it replaced under it."""
    counter = progress.advance if progress is not None else None
    with XArchive(path, limits, counter) as archive:
        total = archive.check()
        me = archive.me()
        _check_generated_at(archive.manifest.generated_at, now)
        with _locked(paths, me.id):
            if progress is not None:
                progress.start(total)
            parsed = _read(archive, me)
            try:
                return _write(store, parsed, now)
            finally:
                parsed.spool.close()


def _locked(paths: Paths | None, account_id: str) -> AbstractContextManager[None]:
    return nullcontext() if paths is None else account_lock(paths, NETWORK, account_id)


def _check_generated_at(made: datetime | None, now: datetime) -> None:
    if made is None or _X_BEGAN <= made <= now + _CLOCK_SLACK:
        return
    said = f"{MANIFEST}: says the archive was made on {made.date().isoformat()}"
    if made < _X_BEGAN:
        raise InputError(f"{said}, before X existed ({_X_BEGAN.date().isoformat()})",
                         hint=AS_SENT_HINT)
    raise InputError(
        f"{said}, in the future; kept, that date would make every later archive and sync look"
        " older and be refused",
        hint=f"use the archive as X sent it, or check this computer's clock (it says"
             f" {now.date().isoformat()}); nothing was imported")


def _read(archive: XArchive, me: Account) -> _Parsed:
    following = list(dict.fromkeys(archive.account_ids("following")))
    if not following:
        # As `--from` with no accounts: far likelier a broken or edited archive than yours.
        files = ", ".join(part.file_name for part in archive.manifest.parts["following"])
        raise InputError(f"{files}: lists nobody you follow; importing it would end every"
                         " follow the store holds and lose when each began",
                         hint=AS_SENT_HINT)
    spool = _Spool()
    try:
        parsed = _Parsed(
            me=me,
            generated_at=archive.manifest.generated_at,
            following=following,
            followers=set(archive.account_ids("follower")),
            blocked=set(archive.account_ids("block")),
            muted=set(archive.account_ids("mute")),
            handles={},
            spool=spool,
            likes=archive.like_count(),
        )
        _read_posts(archive.posts(), parsed)
    except BaseException:
        spool.close()
        raise
    parsed.warnings += _warnings(archive, parsed)
    return parsed


def _read_posts(posts: Iterable[ArchivePost], parsed: _Parsed) -> None:
    deriver = InteractionDeriver(parsed.me.id, parsed.me.handle)
    newest: list[tuple[float, str, str]] = []  # a min-heap of (time, id, text)
    for post in posts:
        parsed.posts += 1
        for interaction in deriver.add(post):
            parsed.spool.add(interaction)
        if post.at is not None:
            if parsed.first_post_at is None or post.at < parsed.first_post_at:
                parsed.first_post_at = post.at
            if parsed.last_post_at is None or post.at > parsed.last_post_at:
                parsed.last_post_at = post.at
        if post.repost_of is None and post.text:
            entry = (post.at.timestamp() if post.at else 0.0, post.id, post.text)
            if len(newest) < MY_POSTS_KEPT:
                heapq.heappush(newest, entry)
            else:
                heapq.heappushpop(newest, entry)
    for interaction in deriver.finish():
        parsed.spool.add(interaction)
    parsed.handles = deriver.handles
    parsed.my_posts = [text for _, _, text in sorted(newest, reverse=True)]
    for kind, n in sorted(deriver.unresolved.items()):
        parsed.warnings.append(
            f"{plural(n, kind.value)} skipped: the archive names their account only by a screen"
            " name none of your posts gives an id for"
        )


def _warnings(archive: XArchive, parsed: _Parsed) -> list[str]:
    warnings = [_OPTIONAL_KINDS[kind] for kind in archive.missing_kinds()
                if kind in _OPTIONAL_KINDS]
    if archive.manifest.partial:
        warnings.append("X marked this archive as partial: some data may be missing")
    if archive.manifest.generated_at is None:
        warnings.append("the archive does not say when it was made (no generationDate in"
                        f" {MANIFEST}): a later archive cannot be checked against it")
    if archive.skipped_ids:
        warnings.append(f"{archive.skipped_ids:,} mentions or replies of deleted or unknown"
                        " accounts (no valid id) were skipped")
    if parsed.likes:
        warnings.append(f"{parsed.likes:,} likes not used: the archive does not say whose"
                        " posts you liked")
    return warnings


# --- writing ---------------------------------------------------------------------------------


def _held_as_of(store: Store, identity: Identity) -> datetime | None:
    """When the follow list the store holds was true: the last full read from X or the
    newest archive imported, whichever is later; None if neither is known."""
    found = [from_text(store.get_state(identity, key))
             for key in (FOLLOWING_SYNCED_AT, _GENERATED_AT)]
    return max((moment for moment in found if moment is not None), default=None)


def _refuse_older(store: Store, identity: Identity, parsed: _Parsed) -> None:
    """An archive older than what the store holds would put back accounts unfollowed since
    and drop those followed since, and the next runs would act on that list."""
    held = _held_as_of(store, identity)
    made = parsed.generated_at
    if made is None:
        # Its age cannot be compared: only a store with no list to lose may take it.
        if not store.snapshots.has_follows(identity):
            return
        as_of = f" (as of {held:%Y-%m-%d %H:%M} UTC)" if held is not None else ""
        raise InputError(
            f"this archive does not say when it was made (no generationDate in {MANIFEST}),"
            f" so it cannot be checked against the follow list the store already holds{as_of};"
            " an older archive would bring back accounts unfollowed since and drop those"
            " followed since", hint=_RETRY_HINT)
    if held is None or made >= held:
        return
    raise InputError(
        f"this archive was made on {made.date().isoformat()}, before the follow list the store"
        f" already holds (as of {held:%Y-%m-%d %H:%M} UTC); importing it would bring back"
        " accounts unfollowed since and drop those followed since", hint=_RETRY_HINT)


def _write(store: Store, parsed: _Parsed, now: datetime) -> ImportReport:
    snapshots = store.snapshots
    with store.transaction():
        identity = store.identity(NETWORK, parsed.me.id, parsed.me.handle)
        _refuse_older(store, identity, parsed)
        first_import = snapshots.find_account(identity, parsed.me.id) is None
        relationships = _relationships(parsed, first_import)
        # The people in your replies and mentions you don't follow: kept by id and screen
        # name, so `prune suggest` can put them to you (issue 16).
        tied = {r.account_id for r in relationships}
        partners = sorted(set(parsed.handles) - tied - {parsed.me.id})
        known = _known_profiles(store, identity, [*tied, *partners])
        if parsed.me.id not in _known_profiles(store, identity, [parsed.me.id]):
            snapshots.save_profiles(identity, [parsed.me], now)
        graph = Graph(
            me=parsed.me,
            # Only the profiles to (re)write: a profile read from X is better than an id.
            accounts=[
                Account(id=account_id, handle=parsed.handles.get(account_id, account_id),
                        profile_known=False)
                for account_id in [*(r.account_id for r in relationships), *partners]
                if account_id not in known
            ],
            relationships=relationships,
            interactions=[],
            my_posts=parsed.my_posts,
        )
        change = snapshots.save_graph(identity, graph, now)
        # In batches, so no list of every interaction is ever built.
        for batch in _batched(parsed.spool, _WRITE_BATCH):
            snapshots.add_interactions(identity, batch)
        store.set_state(identity, "archive.imported_at", now.isoformat())
        if parsed.generated_at is not None:
            store.set_state(identity, _GENERATED_AT, parsed.generated_at.isoformat())
    return ImportReport(
        identity=identity,
        generated_at=parsed.generated_at,
        counts={
            "following": len(parsed.following),
            "followers": len(parsed.followers),
            "blocked": len(parsed.blocked),
            "muted": len(parsed.muted),
            "posts": parsed.posts,
            "likes": parsed.likes,
        },
        interactions=dict(parsed.spool.counts),
        first_post_at=parsed.first_post_at,
        last_post_at=parsed.last_post_at,
        change=change,
        profiles_kept=len(known),
        warnings=parsed.warnings,
    )


def _relationships(parsed: _Parsed, first_import: bool) -> list[Relationship]:
    following = set(parsed.following)
    # Followers you don't follow back are kept as ties too (not followed): `prune suggest`
    # puts them to you (issue 16).
    others = sorted((parsed.blocked | parsed.muted | parsed.followers) - following)
    return [
        Relationship(
            account_id=account_id,
            you_follow=account_id in following,
            follows_you=account_id in parsed.followers,
            muted=account_id in parsed.muted,
            blocked=account_id in parsed.blocked,
            first_seen=_first_seen(parsed, account_id, first_import)
            if account_id in following else None,
        )
        for account_id in [*parsed.following, *others]
    ]


def _first_seen(parsed: _Parsed, account_id: str, first_import: bool) -> datetime | None:
    """The archive has no follow dates. A first import uses the earliest moment the follow
    could have happened; later, a tie new since the last import was first seen when this
    archive was made. (The store keeps first_seen of ties it already knows.)"""
    if not first_import:
        return parsed.generated_at
    return earliest_follow_time(parsed.me.created_at, snowflake_time(account_id))


def _known_profiles(store: Store, identity: Identity, account_ids: list[str]) -> set[str]:
    known = set()
    for account_id in account_ids:
        account = store.snapshots.find_account(identity, account_id)
        # find_account also matches handles; an id-only handle equals the id.
        if account is not None and account.id == account_id and account.profile_known:
            known.add(account_id)
    return known


def _batched(items: Iterable[Interaction], size: int) -> Iterator[list[Interaction]]:
    batch: list[Interaction] = []
    for item in items:
        batch.append(item)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch
