"""Numbered schema migrations, each recorded in `schema_migrations` once applied.

Append new migrations at the end; never edit one that has shipped.
"""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime

from followprune.errors import StoreError

MIGRATIONS: list[tuple[int, str, str]] = [
    (
        1,
        "initial schema",
        """
        CREATE TABLE identities (
            id INTEGER PRIMARY KEY,
            network TEXT NOT NULL,
            account_id TEXT NOT NULL,
            handle TEXT NOT NULL,
            UNIQUE (network, account_id)
        );
        -- Profiles as last read; one row per account per identity.
        CREATE TABLE accounts (
            identity_id INTEGER NOT NULL REFERENCES identities(id),
            account_id TEXT NOT NULL,
            handle TEXT NOT NULL,
            profile TEXT NOT NULL,
            fetched_at TEXT NOT NULL,
            PRIMARY KEY (identity_id, account_id)
        );
        CREATE INDEX accounts_by_handle ON accounts (identity_id, handle COLLATE NOCASE);
        -- The snapshot of the following list: when each tie was first and last seen.
        CREATE TABLE follows (
            identity_id INTEGER NOT NULL REFERENCES identities(id),
            account_id TEXT NOT NULL,
            following INTEGER NOT NULL,
            follows_you INTEGER NOT NULL DEFAULT 0,
            muted INTEGER NOT NULL DEFAULT 0,
            blocked INTEGER NOT NULL DEFAULT 0,
            first_seen TEXT NOT NULL,
            last_seen TEXT NOT NULL,
            PRIMARY KEY (identity_id, account_id)
        );
        CREATE TABLE interactions (
            identity_id INTEGER NOT NULL REFERENCES identities(id),
            account_id TEXT NOT NULL,
            kind TEXT NOT NULL,
            direction TEXT NOT NULL,
            at TEXT,
            source_id TEXT NOT NULL,
            PRIMARY KEY (identity_id, account_id, kind, direction, source_id)
        );
        CREATE TABLE my_posts (
            identity_id INTEGER NOT NULL REFERENCES identities(id),
            post_id TEXT NOT NULL,
            text TEXT NOT NULL,
            PRIMARY KEY (identity_id, post_id)
        );
        CREATE TABLE runs (
            id INTEGER PRIMARY KEY,
            identity_id INTEGER NOT NULL REFERENCES identities(id),
            mode TEXT NOT NULL,
            started_at TEXT NOT NULL,
            followed INTEGER NOT NULL DEFAULT 0,
            proposed INTEGER NOT NULL DEFAULT 0,
            summary TEXT NOT NULL DEFAULT '{}'
        );
        CREATE TABLE scores (
            run_id INTEGER NOT NULL REFERENCES runs(id),
            account_id TEXT NOT NULL,
            handle TEXT NOT NULL,
            keep REAL NOT NULL,
            relevance REAL NOT NULL,
            interaction REAL NOT NULL,
            geography REAL NOT NULL,
            quality REAL NOT NULL,
            proposed INTEGER NOT NULL,
            reasons TEXT NOT NULL,
            PRIMARY KEY (run_id, account_id)
        );
        -- The action journal: an action row and its 'intent' entry are written before the
        -- network call, a 'done' or 'failed' entry after it. Both tables are append-only.
        CREATE TABLE actions (
            id INTEGER PRIMARY KEY,
            run_id INTEGER NOT NULL REFERENCES runs(id),
            identity_id INTEGER NOT NULL REFERENCES identities(id),
            account_id TEXT NOT NULL,
            handle TEXT NOT NULL,
            kind TEXT NOT NULL,
            rule TEXT,
            undo_of INTEGER REFERENCES actions(id),
            created_at TEXT NOT NULL
        );
        CREATE TABLE journal (
            seq INTEGER PRIMARY KEY,
            action_id INTEGER NOT NULL REFERENCES actions(id),
            phase TEXT NOT NULL CHECK (phase IN ('intent', 'done', 'failed')),
            at TEXT NOT NULL,
            detail TEXT NOT NULL DEFAULT ''
        );
        CREATE INDEX journal_by_action ON journal (action_id);
        CREATE TRIGGER actions_append_only_u BEFORE UPDATE ON actions
            BEGIN SELECT RAISE(ABORT, 'the action journal is append-only'); END;
        CREATE TRIGGER actions_append_only_d BEFORE DELETE ON actions
            BEGIN SELECT RAISE(ABORT, 'the action journal is append-only'); END;
        CREATE TRIGGER journal_append_only_u BEFORE UPDATE ON journal
            BEGIN SELECT RAISE(ABORT, 'the action journal is append-only'); END;
        CREATE TRIGGER journal_append_only_d BEFORE DELETE ON journal
            BEGIN SELECT RAISE(ABORT, 'the action journal is append-only'); END;
        -- Small per-identity key/value state: sync cursors, since_ids, freshness stamps.
        CREATE TABLE sync_state (
            identity_id INTEGER NOT NULL REFERENCES identities(id),
            key TEXT NOT NULL,
            value TEXT NOT NULL,
            updated_at TEXT NOT NULL,
            PRIMARY KEY (identity_id, key)
        );
        -- The demo network's changes to its bundled data, so demo actions persist.
        CREATE TABLE demo_state (
            account_id TEXT PRIMARY KEY,
            following INTEGER NOT NULL,
            muted INTEGER NOT NULL
        );
        """,
    ),
    (
        2,
        "rule matches",
        """
        -- Which automatic rule matched which account in a run (auto runs only). With the
        -- proposals in `scores` it drives the cooling-off period: an account is acted on
        -- automatically only after two runs some hours apart proposed or matched it.
        CREATE TABLE rule_matches (
            run_id INTEGER NOT NULL REFERENCES runs(id),
            account_id TEXT NOT NULL,
            handle TEXT NOT NULL,
            rule TEXT NOT NULL,
            action TEXT NOT NULL,
            reasons TEXT NOT NULL,
            PRIMARY KEY (run_id, account_id)
        );
        CREATE INDEX rule_matches_by_account ON rule_matches (account_id);
        """,
    ),
    (
        3,
        "compact scores",
        """
        -- Only proposals are kept per run now (issue 17): nothing ever read the rest, and it
        -- was most of the store's growth. The cooling-off lookup reads proposals by account.
        DELETE FROM scores WHERE proposed = 0;
        CREATE INDEX scores_proposed_by_account ON scores (account_id) WHERE proposed = 1;
        CREATE INDEX runs_by_identity ON runs (identity_id, id);
        """,
    ),
    (
        4,
        "keep-list",
        """
        -- Accounts the person decided to keep: `keep` at the review prompt, `prune keep add`.
        -- Restores by undo are kept too, derived from the journal; a row with active = 0 is
        -- the person taking an account off the list, which also overrides such a restore.
        CREATE TABLE keeps (
            identity_id INTEGER NOT NULL REFERENCES identities(id),
            account_id TEXT NOT NULL,
            handle TEXT NOT NULL,
            note TEXT NOT NULL,
            added_at TEXT NOT NULL,
            active INTEGER NOT NULL,
            PRIMARY KEY (identity_id, account_id)
        );
        """,
    ),
    (
        5,
        "components as one column",
        """
        -- A score's components in one JSON object instead of a column each: adding a
        -- component (followprune/components.py) then needs no migration of its own.
        CREATE TABLE scores_by_component (
            run_id INTEGER NOT NULL REFERENCES runs(id),
            account_id TEXT NOT NULL,
            handle TEXT NOT NULL,
            keep REAL NOT NULL,
            components TEXT NOT NULL,
            proposed INTEGER NOT NULL,
            reasons TEXT NOT NULL,
            PRIMARY KEY (run_id, account_id)
        );
        INSERT INTO scores_by_component
            SELECT run_id, account_id, handle, keep,
                   json_object('relevance', relevance, 'interaction', interaction,
                               'geography', geography, 'quality', quality),
                   proposed, reasons
            FROM scores;
        DROP TABLE scores;
        ALTER TABLE scores_by_component RENAME TO scores;
        CREATE INDEX scores_proposed_by_account ON scores (account_id) WHERE proposed = 1;
        """,
    ),
    (
        6,
        "stream rates",
        """
        -- Each followed account's post count at three moments (issue 12): the change
        -- between the oldest and the latest is its recent posting rate, at no extra call.
        -- One row an account, rewritten in place each sync, so the store does not grow:
        -- the oldest point rolls forward to the middle one once past [store] keep_days.
        CREATE TABLE post_counts (
            identity_id INTEGER NOT NULL REFERENCES identities(id),
            account_id TEXT NOT NULL,
            first_count INTEGER NOT NULL,
            first_at TEXT NOT NULL,
            middle_count INTEGER NOT NULL,
            middle_at TEXT NOT NULL,
            last_count INTEGER NOT NULL,
            last_at TEXT NOT NULL,
            PRIMARY KEY (identity_id, account_id)
        ) WITHOUT ROWID;
        -- The latest sample of the home timeline: who appeared, how often, as what.
        CREATE TABLE timeline_counts (
            identity_id INTEGER NOT NULL REFERENCES identities(id),
            account_id TEXT NOT NULL,
            originals INTEGER NOT NULL,
            reposts INTEGER NOT NULL,
            replies INTEGER NOT NULL,
            PRIMARY KEY (identity_id, account_id)
        ) WITHOUT ROWID;
        CREATE TABLE timeline_samples (
            identity_id INTEGER PRIMARY KEY REFERENCES identities(id),
            sampled_at TEXT NOT NULL,
            window_days REAL NOT NULL
        );
        """,
    ),
    (
        7,
        "parked accounts",
        """
        -- Accounts unfollowed for silence, or muted (issue 16): how they were when parked,
        -- kept apart from `accounts` (whose profile a later read overwrites), and how a
        -- later lookup or sync found them, so `suggest` and the review can say one is back.
        CREATE TABLE parked (
            identity_id INTEGER NOT NULL REFERENCES identities(id),
            account_id TEXT NOT NULL,
            handle TEXT NOT NULL,
            why TEXT NOT NULL CHECK (why IN ('silent', 'muted')),
            action_id INTEGER NOT NULL REFERENCES actions(id),
            parked_at TEXT NOT NULL,
            last_active_then TEXT,
            posts_then INTEGER,
            checked_at TEXT,
            last_active_now TEXT,
            posts_now INTEGER,
            PRIMARY KEY (identity_id, account_id)
        ) WITHOUT ROWID;
        """,
    ),
    (
        8,
        "proposal reasons once",
        """
        -- Run after run the same accounts are proposed for the same reasons: each distinct
        -- list of reasons is kept once and a proposal points at it (issue 17: a sync of
        -- 5,000 follows grew the store by ~105 KB, most of it these texts again). Keyed
        -- by (run, account) alone, without a rowid and the index that duplicated the key.
        CREATE TABLE reason_sets (
            id INTEGER PRIMARY KEY,
            reasons TEXT NOT NULL UNIQUE
        );
        INSERT INTO reason_sets (reasons) SELECT DISTINCT reasons FROM scores;
        CREATE TABLE scores_with_reason_sets (
            run_id INTEGER NOT NULL REFERENCES runs(id),
            account_id TEXT NOT NULL,
            handle TEXT NOT NULL,
            keep REAL NOT NULL,
            components TEXT NOT NULL,
            proposed INTEGER NOT NULL,
            reason_set INTEGER NOT NULL REFERENCES reason_sets(id),
            PRIMARY KEY (run_id, account_id)
        ) WITHOUT ROWID;
        INSERT INTO scores_with_reason_sets
            SELECT s.run_id, s.account_id, s.handle, s.keep, s.components, s.proposed, r.id
            FROM scores s JOIN reason_sets r ON r.reasons = s.reasons;
        DROP TABLE scores;
        ALTER TABLE scores_with_reason_sets RENAME TO scores;
        CREATE INDEX scores_proposed_by_account ON scores (account_id) WHERE proposed = 1;
        """,
    ),
    (
        9,
        "ties that block you, and follow-back unknown",
        """
        -- Bluesky and Mastodon say when a followed account blocks you; such a follow shows
        -- you nothing, and the review proposes it. And follows_you may be unknown (NULL): a
        -- relationship an instance left out, a profile without viewer state, read on a
        -- first sync, had been stored as "doesn't follow you back". SQLite changes a
        -- column's constraint only by building the table again.
        CREATE TABLE follows_9 (
            identity_id INTEGER NOT NULL REFERENCES identities(id),
            account_id TEXT NOT NULL,
            following INTEGER NOT NULL,
            follows_you INTEGER,
            muted INTEGER NOT NULL DEFAULT 0,
            blocked INTEGER NOT NULL DEFAULT 0,
            blocks_you INTEGER NOT NULL DEFAULT 0,
            first_seen TEXT NOT NULL,
            last_seen TEXT NOT NULL,
            PRIMARY KEY (identity_id, account_id)
        );
        INSERT INTO follows_9 (identity_id, account_id, following, follows_you, muted, blocked,
                               first_seen, last_seen)
            SELECT identity_id, account_id, following, follows_you, muted, blocked, first_seen,
                   last_seen
            FROM follows ORDER BY rowid;
        DROP TABLE follows;
        ALTER TABLE follows_9 RENAME TO follows;
        """,
    ),
]


def foreign_tables(conn: sqlite3.Connection) -> list[str]:
    """The tables of a database some other application made; [] for a followprune store or
    a database with no tables yet.

    A store is told by its bookkeeping: `schema_migrations` with the columns ours has, and a
    step recorded in it once any other table exists (each step's tables and its record are
    committed together). Read only: nothing is written to a database that is not ours.
    """
    tables = [
        str(name) for (name,) in conn.execute(
            "SELECT name FROM sqlite_master WHERE type IN ('table', 'view') ORDER BY name")
        if not str(name).lower().startswith("sqlite_")  # SQLite's own, in any database
    ]
    others = [name for name in tables if name.lower() != "schema_migrations"]
    if len(others) == len(tables):
        return tables
    columns = {str(row[1]).lower() for row in conn.execute("PRAGMA table_info(schema_migrations)")}
    if not {"version", "name", "applied_at"} <= columns:
        return tables  # another tool's table of that name (Rails and others keep one)
    if others and conn.execute("SELECT 1 FROM schema_migrations LIMIT 1").fetchone() is None:
        return others
    return []


def apply_migrations(conn: sqlite3.Connection) -> list[int]:
    """Apply every migration not yet recorded; returns the versions applied now."""
    conn.execute(
        "CREATE TABLE IF NOT EXISTS schema_migrations ("
        " version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)"
    )
    recorded = dict(conn.execute("SELECT version, name FROM schema_migrations").fetchall())
    done = set(recorded)
    known = max(version for version, _, _ in MIGRATIONS)
    ours = {version: name for version, name, _ in MIGRATIONS}
    for version, name in sorted(recorded.items()):
        if version in ours and ours[version] != name:
            # A store made by a development build numbered its changes differently: going
            # on would apply ours over tables that already have another shape.
            raise StoreError(
                f"the store's schema step {version} is {name!r}, where this followprune's"
                f" is {ours[version]!r}: it was written by another build",
                hint="set FOLLOWPRUNE_HOME to another folder to start a separate store, or"
                " use the build that wrote it")
    newer = max((v for v in done if isinstance(v, int)), default=0)
    if newer > known:
        # Tables a later version changed would be read (and written) as this one knows
        # them: refused before anything is touched.
        raise StoreError(
            f"the store was written by a newer followprune (schema {newer}; this version"
            f" knows up to {known})",
            hint="upgrade followprune (pip install -U followprune), or set FOLLOWPRUNE_HOME"
            " to another folder to start a separate store")
    applied = []
    for version, name, sql in MIGRATIONS:
        if version in done:
            continue
        # executescript commits first; wrap in an explicit transaction so a failing
        # migration leaves nothing half-applied.
        conn.executescript(
            "BEGIN;\n"
            + sql
            + f"\nINSERT INTO schema_migrations VALUES ({version}, '{name}',"
            f" '{datetime.now(UTC).isoformat()}');\nCOMMIT;"
        )
        applied.append(version)
    return applied


def schema_version(conn: sqlite3.Connection) -> int:
    row = conn.execute("SELECT MAX(version) FROM schema_migrations").fetchone()
    return int(row[0] or 0)
