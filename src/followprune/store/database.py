"""Opening the store, transactions, identities."""

from __future__ import annotations

import os
import sqlite3
import tempfile
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from followprune.errors import InputError, StoreError
from followprune.store.migrations import apply_migrations, foreign_tables

SQLITE_HEADER = b"SQLite format 3\x00"


@dataclass(frozen=True)
class Identity:
    """One account on one network, whose follow list this store keeps."""

    id: int
    network: str
    account_id: str
    handle: str


def to_text(moment: datetime | None) -> str | None:
    return None if moment is None else moment.astimezone(UTC).isoformat()


def fits_sqlite(number: int) -> bool:
    """Whether an integer fits SQLite's 64-bit INTEGER (binding a larger one overflows)."""
    return -(2**63) <= number < 2**63


def from_text(text: str | None) -> datetime | None:
    return None if text is None else datetime.fromisoformat(text)


class Store:
    def __init__(self, path: Path) -> None:
        self.path = path
        in_memory = str(path) == ":memory:"  # SQLite's name for a store that is no file
        if not in_memory:
            _check_usable(path)
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            if not in_memory and not path.exists():
                _create(path)
            self.conn = _open(path)
        except sqlite3.DatabaseError as exc:
            if _is_readonly(exc):
                raise _permission_error(path) from None
            if is_disk_full(exc):
                raise disk_full_error(path) from None
            raise StoreError(
                f"cannot open the store {path}: {exc}",
                hint="FOLLOWPRUNE_HOME chooses another folder; move a damaged file aside",
            ) from None
        except UnicodeDecodeError:
            # SQLite's own error message quoted a garbled schema page, so not even the message
            # decodes: the file is damaged.
            raise StoreError(
                f"the store {path} is damaged: its schema is not readable",
                hint="move the store file aside (FOLLOWPRUNE_HOME chooses another folder) and"
                " restore it from a backup",
            ) from None
        except OSError as exc:
            if isinstance(exc, PermissionError):
                raise _permission_error(path) from None
            raise StoreError(
                f"cannot open the store {path}: {exc.strerror or exc}",
                hint="FOLLOWPRUNE_HOME chooses another folder",
            ) from None
        from followprune.store.demo_state import DemoState
        from followprune.store.journal import Journal
        from followprune.store.keeps import Keeps
        from followprune.store.parked import Parked
        from followprune.store.runs import Runs
        from followprune.store.snapshots import Snapshots
        from followprune.store.stream import Stream

        self.snapshots = Snapshots(self)
        self.runs = Runs(self)
        self.journal = Journal(self)
        self.demo = DemoState(self)
        self.keeps = Keeps(self)
        self.stream = Stream(self)
        self.parked = Parked(self)

    def close(self) -> None:
        self.conn.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """All or nothing; nested use joins the outer transaction."""
        if self.conn.in_transaction:
            yield self.conn
            return
        try:
            self.conn.execute("BEGIN IMMEDIATE")
        except sqlite3.OperationalError as exc:
            # The file or its folder became read-only while we ran (it was checked at open).
            if _is_readonly(exc):
                raise _permission_error(self.path) from None
            if is_disk_full(exc):
                raise disk_full_error(self.path) from None
            raise
        try:
            yield self.conn
        except sqlite3.OperationalError as exc:
            self.conn.execute("ROLLBACK")
            if _is_readonly(exc):
                raise _permission_error(self.path) from None
            if is_disk_full(exc):
                raise disk_full_error(self.path) from None
            raise
        except BaseException:
            self.conn.execute("ROLLBACK")
            raise
        self.conn.execute("COMMIT")

    def identity(self, network: str, account_id: str, handle: str) -> Identity:
        with self.transaction() as conn:
            conn.execute(
                "INSERT INTO identities (network, account_id, handle) VALUES (?, ?, ?)"
                " ON CONFLICT (network, account_id) DO UPDATE SET handle = excluded.handle",
                (network, account_id, handle),
            )
            row = conn.execute(
                "SELECT id FROM identities WHERE network = ? AND account_id = ?",
                (network, account_id),
            ).fetchone()
        return Identity(int(row[0]), network, account_id, handle)

    def find_identity(self, network: str, account: str | None = None) -> Identity | None:
        """The newest identity `account` names on a network (handle, with or without @, or
        id), else the newest on it: a guess, for what only needs a likely one (how the last
        account synced spelt X's fields); commands use `stored_identity`."""
        found = self.identities_named(network, account)
        return found[0] if found else None

    def stored_identity(self, network: str, account: str | None = None) -> Identity | None:
        """The stored account a command on `network` works on: the one `account` (--account)
        names, or the only one; None when none is. Several and no choice, or a choice that
        names several, is the person's to settle (InputError naming them): whose follows to
        prune, undo or keep is never guessed."""
        return self.one_of(network, account, self.identities_named(network, account))

    def one_of(self, network: str, account: str | None,
               found: list[Identity]) -> Identity | None:
        """`stored_identity` for identities already read with `identities_named(network,
        account)`: the one they hold, None for none, InputError for several."""
        if not found and account:
            stored = self.identities_named(network)
            if stored:
                # Had been "no runs on demo yet" for a store holding fifty: the name was
                # wrong, not the store empty.
                names = ", ".join(f"@{i.handle}" for i in stored)
                raise InputError(f"--account {account} names no {network} account in the"
                                 f" store (it holds {names})",
                                 hint="give one of those, or leave --account out")
        if len(found) <= 1:
            return found[0] if found else None
        names = ", ".join(f"@{i.handle} (id {i.account_id})" for i in found)
        if account:
            raise InputError(f"--account {account} names several {network} accounts in the"
                             f" store ({names})", hint="give the account's id instead")
        raise InputError(f"several {network} accounts are in the store ({names}): which one?",
                         hint="choose one with --account HANDLE")

    def identities_named(self, network: str, account: str | None = None) -> list[Identity]:
        """Every identity on a network that `account` names (handle, with or without @, or
        id), or every identity on it when `account` is None; newest first."""
        if account:
            wanted = account.strip().lstrip("@").lower()
            rows = self.conn.execute(
                "SELECT id, network, account_id, handle FROM identities WHERE network = ?"
                " AND (lower(handle) = ? OR account_id = ?) ORDER BY id DESC",
                (network, wanted, account.strip()),
            ).fetchall()
        else:
            rows = self.conn.execute(
                "SELECT id, network, account_id, handle FROM identities WHERE network = ?"
                " ORDER BY id DESC",
                (network,),
            ).fetchall()
        return [Identity(int(r[0]), r[1], r[2], r[3]) for r in rows]

    def get_state(self, identity: Identity, key: str) -> str | None:
        row = self.conn.execute(
            "SELECT value FROM sync_state WHERE identity_id = ? AND key = ?", (identity.id, key)
        ).fetchone()
        return None if row is None else str(row[0])

    def set_state(self, identity: Identity, key: str, value: str) -> None:
        with self.transaction() as conn:
            conn.execute(
                "INSERT INTO sync_state VALUES (?, ?, ?, ?) ON CONFLICT (identity_id, key)"
                " DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at",
                (identity.id, key, value, datetime.now(UTC).isoformat()),
            )

    def states_with_prefix(self, identity: Identity, prefix: str) -> list[str]:
        """The values of every state key starting with `prefix`, in key order."""
        return [
            str(row[0]) for row in self.conn.execute(
                "SELECT value FROM sync_state WHERE identity_id = ? AND key >= ? AND key < ?"
                " ORDER BY key", (identity.id, prefix, prefix + "\U0010ffff"),
            )
        ]

    def delete_states(self, identity: Identity, *, keys: Iterable[str] = (),
                      prefixes: Iterable[str] = ()) -> None:
        """Forget these state keys and every key starting with one of `prefixes`, together."""
        with self.transaction() as conn:
            for key in keys:
                conn.execute("DELETE FROM sync_state WHERE identity_id = ? AND key = ?",
                             (identity.id, key))
            for prefix in prefixes:
                conn.execute(
                    "DELETE FROM sync_state WHERE identity_id = ? AND key >= ? AND key < ?",
                    (identity.id, prefix, prefix + "\U0010ffff"))

    def identity_of(self, network: str, account_id: str) -> Identity | None:
        """The stored identity of this account, without creating or renaming one."""
        row = self.conn.execute(
            "SELECT id, network, account_id, handle FROM identities WHERE network = ?"
            " AND account_id = ?", (network, account_id),
        ).fetchone()
        return None if row is None else Identity(int(row[0]), row[1], row[2], row[3])


def _text_reader(path: Path) -> Callable[[bytes], str]:
    """Text columns decoded strictly, a damaged byte named as a damaged store (not a crash):
    SQLite stores whatever bytes a damaged page holds."""

    def read(raw: bytes) -> str:
        try:
            return raw.decode("utf-8")
        except UnicodeDecodeError:
            raise StoreError(
                f"the store {path} is damaged: a text value is not valid UTF-8",
                hint="restore it from a backup, or move it aside to start a new one (the"
                " action journal, and so undo, go with it)",
            ) from None

    return read


def _open(path: Path) -> sqlite3.Connection:
    # isolation_level=None: we open transactions ourselves, so a journal entry is durable the
    # moment its statement returns.
    conn = sqlite3.connect(path, isolation_level=None, timeout=30)
    conn.text_factory = _text_reader(path)
    try:
        # Before the first write (switching to WAL rewrites the header): another
        # application's database must not be turned into a store, nor half into one.
        foreign = foreign_tables(conn)
        if foreign:
            shown = ", ".join(foreign[:5]) + (", …" if len(foreign) > 5 else "")
            raise StoreError(
                f"{path} is not a followprune store: it holds another application's tables"
                f" ({shown}) and no followprune schema record; it was left unchanged",
                hint="point FOLLOWPRUNE_HOME at another folder, or move the file elsewhere"
                " to start a new store in its place")
        conn.execute("PRAGMA journal_mode=WAL")
        conn.execute("PRAGMA synchronous=FULL")
        conn.execute("PRAGMA foreign_keys=ON")
        try:
            apply_migrations(conn)
        except StoreError as exc:
            raise StoreError(f"{exc.message}: {path}", hint=exc.hint) from None
        except sqlite3.Error:
            if conn.in_transaction:
                conn.execute("ROLLBACK")
            raise
    except BaseException:
        conn.close()
        raise
    return conn


def _create(path: Path) -> None:
    """A new store appears complete or not at all.

    SQLite creates an empty file on connect and writes the schema afterwards, so a run killed
    in between would leave a zero-length store, which the next run refuses (see
    `_check_usable`). Built beside it and hard-linked into place instead: the link fails if
    another run created the store meanwhile, and that one is kept.
    """
    fd, name = tempfile.mkstemp(prefix=path.name + ".new-", dir=path.parent)
    os.close(fd)
    temp = Path(name)
    try:
        conn = _open(temp)
        conn.execute("PRAGMA journal_mode=DELETE")  # no -wal file left beside the temp
        conn.close()
        try:
            os.link(temp, path)
        except FileExistsError:
            pass  # another run created it meanwhile: theirs stays
        except OSError:
            pass  # no hard links on this file system: SQLite creates it in place, as before
    finally:
        # The -wal and -shm too: a store that could not be built (a full disk) leaves
        # nothing behind.
        for leftover in (temp, *(temp.with_name(temp.name + suffix)
                                 for suffix in ("-journal", "-wal", "-shm"))):
            leftover.unlink(missing_ok=True)


def _check_usable(path: Path) -> None:
    """Refuse a store that cannot work, with what is wrong, before SQLite gives a vague error."""
    blocker = next((p for p in path.parents if p.exists() and not p.is_dir()), None)
    if blocker is not None:
        raise StoreError(f"cannot open the store {path}: {blocker} is a file, not a folder",
                         hint="FOLLOWPRUNE_HOME chooses another folder")
    if path.is_dir():
        raise StoreError(f"the store {path} is a directory, not a file",
                         hint="move the folder aside, or FOLLOWPRUNE_HOME chooses another folder")
    if path.exists() and not path.is_file():
        # A named pipe or a link to /dev/null had been "empty (0 bytes)", with a hint to
        # delete it.
        raise StoreError(f"the store {path} is not a regular file (a pipe or a device?)",
                         hint="FOLLOWPRUNE_HOME chooses another folder; the store is a file"
                              " followprune creates there")
    if path.exists() and path.stat().st_size == 0:
        # Never taken for a new store: an empty file where the store was is most likely one
        # cut short (a full disk, a bad copy), and starting afresh would lose the journal
        # `prune undo` needs without a word. The person decides.
        raise StoreError(
            f"the store {path} is empty (0 bytes); refusing to start a new one in its place",
            hint="restore it from a backup, or delete the empty file to start a new store"
                 " (history and undo start over)",
        )
    folder = path.parent
    if path.exists() and not os.access(path, os.R_OK | os.W_OK):
        raise _permission_error(path)
    if path.exists() and not _has_sqlite_header(path):
        # SQLite takes a file of a few bytes for a new database and overwrites it; a file
        # that is not ours stays as it is.
        raise StoreError(
            f"cannot open the store {path}: not a SQLite database (it does not start with"
            " the SQLite header)",
            hint="FOLLOWPRUNE_HOME chooses another folder; move a damaged file aside",
        )
    # SQLite writes its -wal and -shm files beside the store, so the folder must be
    # writable too, even when the store file is.
    if folder.is_dir() and not os.access(folder, os.W_OK | os.X_OK):
        raise _permission_error(path)


def _has_sqlite_header(path: Path) -> bool:
    try:
        with path.open("rb") as handle:
            return handle.read(len(SQLITE_HEADER)) == SQLITE_HEADER
    except PermissionError:
        raise _permission_error(path) from None
    except OSError as exc:
        raise StoreError(f"cannot read the store {path}: {exc.strerror or exc}") from None


def _permission_error(path: Path) -> StoreError:
    folder = path.parent
    if path.exists() and not os.access(path, os.W_OK):
        what = f"the store {path} is read-only (or not yours)"
        fix = f"make it writable (chmod u+rw {path})"
    else:
        what = f"the folder {folder} of the store is not writable"
        fix = f"make it writable (chmod u+rwx {folder})"
    return StoreError(f"cannot write to the store: {what}",
                      hint=f"{fix}, or FOLLOWPRUNE_HOME chooses another folder")


def is_disk_full(exc: sqlite3.Error) -> bool:
    code = getattr(exc, "sqlite_errorcode", None)
    return (code is not None and code & 0xFF == sqlite3.SQLITE_FULL) or "disk is full" in str(exc)


_OUR_CODE = os.path.join("", "followprune", "")
_STORE_CODE = os.path.join(_OUR_CODE, "store", "")


def damaged_store_error(exc: BaseException, path: Path | None) -> StoreError | None:
    """A StoreError for `exc` if it came from the store's contents rather than from a bug:
    SQLite finding the file damaged (a cut or garbled page, a table gone), or a value in an
    otherwise sound row that the store's own code cannot read back (a date that is no date,
    an unknown action kind, JSON that is not JSON), told by the innermost followprune
    frame being store code. None for anything else."""
    where = f" {path}" if path else ""
    hint = ("move the store file aside (FOLLOWPRUNE_HOME chooses another folder) and restore"
            " it from a backup")
    if isinstance(exc, sqlite3.DatabaseError):
        return StoreError(f"the store{where} is damaged: {exc}", hint=hint)
    if isinstance(exc, UnicodeEncodeError) and exc.encoding.replace("-", "").lower() == "utf8":
        # Writing, not reading: a text from outside held a lone surrogate, which SQLite's
        # UTF-8 cannot hold. The write was rolled back; the store is as sound as before.
        shown = ascii(exc.object[exc.start:exc.end])
        return StoreError(f"a text to be written to the store{where} is not valid Unicode"
                          f" ({shown}); nothing of it was written",
                          hint="the store is intact: the text came from a file or a server"
                               " answer; check that, and report it if it came from a server")
    if not isinstance(exc, (ValueError, KeyError, TypeError)):
        return None
    innermost = None
    trace = exc.__traceback__
    while trace is not None:
        name = trace.tb_frame.f_code.co_filename
        if _OUR_CODE in name:
            innermost = name
        trace = trace.tb_next
    if innermost is None or _STORE_CODE not in innermost:
        return None
    text = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
    return StoreError(f"the store{where} holds a value it cannot read back: {text[:200]}",
                      hint=hint)


def disk_full_error(path: Path) -> StoreError:
    """Not damage: SQLite rolled the unfinished write back, and the store holds what the
    last complete one left."""
    return StoreError(f"cannot write to the store {path}: the disk is full",
                      hint="free some space and run again; the store keeps what its last"
                      " complete write left (FOLLOWPRUNE_HOME chooses another folder)")


def _is_readonly(exc: sqlite3.Error) -> bool:
    code = getattr(exc, "sqlite_errorcode", None)
    if code is not None and code & 0xFF in (sqlite3.SQLITE_READONLY, sqlite3.SQLITE_PERM):
        return True
    return "readonly" in str(exc)
