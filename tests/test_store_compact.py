"""Issue 17: a compact store. Only proposals are kept per run, old runs lose them past the
[store] retention settings, the cooling-off lookup reads only what it needs, and
`prune store vacuum` gives the space back."""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime, timedelta
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from followprune.components import component_names
from followprune.store import Store
from followprune.store.migrations import MIGRATIONS, apply_migrations
from followprune.store.runs import RuleMatchRow, ScoreRow
from tests.conftest import Invoke

NOW = datetime(2026, 6, 1, 12, tzinfo=UTC)


def _row(account_id: str, proposed: bool = True) -> ScoreRow:
    return ScoreRow(account_id, f"h{account_id}", 0.2, dict.fromkeys(component_names(), 0.2),
                    proposed, ["why"])


def test_a_review_keeps_only_its_proposals(invoke: Invoke, isolated_env: Path) -> None:
    result = invoke("--demo", "--dry-run")
    assert result.exit_code == 0
    db = sqlite3.connect(isolated_env / "followprune.sqlite3")
    followed, proposed = db.execute("SELECT followed, proposed FROM runs").fetchone()
    rows, kept = db.execute("SELECT COUNT(*), SUM(proposed) FROM scores").fetchone()
    db.close()
    assert followed == 544
    assert rows == kept > 0  # every stored row is a proposal
    assert rows >= proposed  # all proposals, not only the ones shown after --limit


def _old_flagged(store: Store, identity_id: int, wanted: set[str]) -> dict[str, list[str]]:
    """The lookup as written before issue 17 (a scan of every run), as the reference."""
    seen: dict[str, list[str]] = {}
    for account_id, started in store.conn.execute(
        "SELECT x.account_id, r.started_at FROM ("
        " SELECT run_id, account_id FROM scores WHERE proposed = 1"
        " UNION SELECT run_id, account_id FROM rule_matches"
        ") x JOIN runs r ON r.id = x.run_id WHERE r.identity_id = ? ORDER BY r.started_at",
        (identity_id,),
    ):
        if account_id in wanted:
            seen.setdefault(account_id, []).append(started)
    return seen


@settings(max_examples=40, deadline=None)
@given(
    runs=st.lists(
        st.tuples(
            st.integers(0, 200),  # hours before NOW
            st.sets(st.sampled_from("abcdef"), max_size=4),  # proposed
            st.sets(st.sampled_from("abcdef"), max_size=3),  # rule-matched
            st.booleans(),  # other identity
        ),
        max_size=8,
    ),
    wanted=st.sets(st.sampled_from("abcdefg"), max_size=7),
)
def test_flagged_times_says_what_the_full_scan_said(
    tmp_path_factory: object, runs: list[tuple[int, set[str], set[str], bool]], wanted: set[str]
) -> None:
    import tempfile

    with tempfile.TemporaryDirectory() as folder, Store(Path(folder) / "s.sqlite3") as store:
        me, other = store.identity("x", "1", "me"), store.identity("x", "2", "other")
        for hours, proposed, matched, elsewhere in runs:
            run = store.runs.start(other if elsewhere else me, "auto",
                                   NOW - timedelta(hours=hours))
            store.runs.save_scores(run, [_row(a) for a in sorted(proposed)])
            store.runs.save_rule_matches(
                run, [RuleMatchRow(a, a, "r", "unfollow", []) for a in sorted(matched)])
        found = store.runs.flagged_times(me, wanted)
        expected = _old_flagged(store, me.id, wanted)
        assert {k: sorted(t.isoformat() for t in v) for k, v in found.items()} == {
            k: sorted(v) for k, v in expected.items()}
        for times in found.values():
            assert times == sorted(times)


def test_retention_keeps_recent_runs_and_the_cooling_off_window(tmp_path: Path) -> None:
    with Store(tmp_path / "s.sqlite3") as store:
        me = store.identity("x", "1", "me")
        ids = []
        for day in range(40, -1, -1):  # one run a day, oldest first
            run = store.runs.start(me, "auto", NOW - timedelta(days=day))
            store.runs.save_scores(run, [_row("a"), _row("b")])
            store.runs.save_rule_matches(run, [RuleMatchRow("a", "a", "r", "unfollow", [])])
            ids.append(run)
        trimmed = store.runs.apply_retention(me, keep_runs=5, keep_days=10, now=NOW)
        kept = {r[0] for r in store.conn.execute("SELECT DISTINCT run_id FROM scores")}
        # Runs of the last 10 days stay (days 10 to 0: the edge is kept).
        assert kept == set(ids[-11:])
        assert trimmed == len(ids) - len(kept)
        assert len(store.runs.recent(me, limit=100)) == len(ids)  # history keeps every run
        # keep_runs wins when it keeps more; the cooling-off window is never cut into.
        store.runs.apply_retention(me, keep_runs=100, keep_days=1, now=NOW)
        assert {r[0] for r in store.conn.execute("SELECT DISTINCT run_id FROM scores")} == kept
        store.runs.apply_retention(me, keep_runs=1, keep_days=1, now=NOW, min_hours=72)
        left = {r[0] for r in store.conn.execute("SELECT DISTINCT run_id FROM scores")}
        assert left == set(ids[-4:])
        matched = {r[0] for r in store.conn.execute("SELECT DISTINCT run_id FROM rule_matches")}
        assert matched == left


def _store_before(path: Path, version: int) -> sqlite3.Connection:
    """A store as followprune left it before migration `version`."""
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY,"
                 " name TEXT NOT NULL, applied_at TEXT NOT NULL)")
    for number, name, sql in MIGRATIONS:
        if number < version:
            conn.executescript(sql)
            conn.execute("INSERT INTO schema_migrations VALUES (?, ?, '')", (number, name))
    return conn


def test_migration_3_drops_the_rows_nothing_reads(tmp_path: Path) -> None:
    conn = _store_before(tmp_path / "old.sqlite3", 3)
    conn.execute("INSERT INTO identities VALUES (1, 'x', '1', 'me')")
    conn.execute("INSERT INTO runs (id, identity_id, mode, started_at) VALUES (1, 1, 'auto', ?)",
                 (NOW.isoformat(),))
    for account, proposed in (("a", 1), ("b", 0), ("c", 0)):
        conn.execute("INSERT INTO scores VALUES (1, ?, ?, .2, .2, .2, .2, .2, ?, '[]')",
                     (account, account, proposed))
    assert 3 in apply_migrations(conn)
    assert conn.execute("SELECT account_id FROM scores").fetchall() == [("a",)]
    # Migration 5 moved the component columns into one JSON object.
    assert conn.execute("SELECT json_extract(components, '$.quality') FROM scores"
                        ).fetchall() == [(0.2,)]
    conn.close()


def test_store_vacuum_reclaims_space(invoke: Invoke, isolated_env: Path) -> None:
    for _ in range(3):
        assert invoke("--demo", "--dry-run").exit_code == 0
    result = invoke("store", "vacuum",
                    env={"FOLLOWPRUNE_STORE_KEEP_RUNS": "1", "FOLLOWPRUNE_STORE_KEEP_DAYS": "1",
                         "FOLLOWPRUNE_AUTO_COOLING_OFF_HOURS": "0"})
    assert result.exit_code == 0, result.output
    assert "reclaimed" in result.stdout and "old runs trimmed" in result.stdout
    db = sqlite3.connect(isolated_env / "followprune.sqlite3")
    runs_with_rows = db.execute("SELECT COUNT(DISTINCT run_id) FROM scores").fetchone()[0]
    runs = db.execute("SELECT COUNT(*) FROM runs").fetchone()[0]
    db.close()
    assert runs == 3
    assert runs_with_rows == 3  # all three runs are from today: keep_days still holds them


def test_store_settings_have_ranges(invoke: Invoke) -> None:
    result = invoke("store", "vacuum", env={"FOLLOWPRUNE_STORE_KEEP_RUNS": "0"})
    assert result.exit_code == 2
    assert "store.keep_runs" in result.stderr


def test_a_from_file_is_scored_without_being_copied_into_the_store(
    invoke: Invoke, tmp_path: Path, isolated_env: Path
) -> None:
    import json

    path = tmp_path / "follows.jsonl"
    path.write_text("".join(
        json.dumps({"id": str(100 + i), "username": f"u{i}", "description": "rust",
                    "public_metrics": {"followers_count": 3, "following_count": 4000,
                                       "tweet_count": 2, "listed_count": 0}}) + "\n"
        for i in range(20)), encoding="utf-8")
    result = invoke("--from", str(path), "--all", "--format", "json",
                    env={"FOLLOWPRUNE_PROPOSALS_THRESHOLD": "0.9"})
    assert result.exit_code == 0, result.output
    db = sqlite3.connect(isolated_env / "followprune.sqlite3")
    counts = {table: db.execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0]
              for table in ("accounts", "follows", "runs")}
    proposed = db.execute("SELECT proposed FROM runs").fetchone()[0]
    stored = db.execute("SELECT COUNT(*) FROM scores").fetchone()[0]
    db.close()
    assert counts == {"accounts": 0, "follows": 0, "runs": 1}
    assert stored == proposed == json.loads(result.stdout)["proposed"] > 0


def test_a_run_reads_back_what_it_recorded_and_repeated_reasons_are_kept_once(
    tmp_path: Path
) -> None:
    with Store(tmp_path / "s.sqlite3") as store:
        me = store.identity("x", "1", "me")
        silent = ["silent for 2 years", "bio matches none of your interests"]
        runs = []
        for day in range(3):
            run = store.runs.start(me, "auto", NOW - timedelta(days=3 - day))
            rows = [ScoreRow("a", "ha", 0.1, dict.fromkeys(component_names(), 0.1), True,
                             silent),
                    ScoreRow("b", "hb", 0.2, dict.fromkeys(component_names(), 0.3), True,
                             [f"follows {day},000, followed by 5"])]
            store.runs.save_scores(run, rows)
            assert store.runs.proposals(run) == rows
            runs.append(run)
        # One list of reasons for "a" across the three runs, one per run for "b".
        assert store.conn.execute("SELECT COUNT(*) FROM reason_sets").fetchone() == (4,)
        store.runs.apply_retention(me, keep_runs=1, keep_days=0, now=NOW)
        assert store.runs.proposals(runs[0]) == []
        # The lists only the dropped runs used go with them.
        assert store.conn.execute("SELECT COUNT(*) FROM reason_sets").fetchone() == (2,)
        assert [r.reasons for r in store.runs.proposals(runs[-1])] == [
            silent, ["follows 2,000, followed by 5"]]


def test_migration_8_keeps_every_proposal_and_its_reasons(tmp_path: Path) -> None:
    conn = _store_before(tmp_path / "old.sqlite3", 8)
    conn.execute("INSERT INTO identities VALUES (1, 'x', '1', 'me')")
    for run in (1, 2):
        conn.execute("INSERT INTO runs (id, identity_id, mode, started_at)"
                     " VALUES (?, 1, 'auto', ?)", (run, NOW.isoformat()))
        for account in ("a", "b"):
            conn.execute("INSERT INTO scores VALUES (?, ?, ?, .25, ?, 1, ?)",
                         (run, account, f"h{account}", '{"quality": 0.5}',
                          f'["why {account}"]'))
    assert apply_migrations(conn) == [8, 9]
    conn.close()
    with Store(tmp_path / "old.sqlite3") as store:
        for run in (1, 2):
            assert store.runs.proposals(run) == [
                ScoreRow(a, f"h{a}", 0.25, {"quality": 0.5}, True, [f"why {a}"])
                for a in ("a", "b")]
        assert store.conn.execute("SELECT COUNT(*) FROM reason_sets").fetchone() == (2,)


def test_a_store_numbered_by_another_build_is_refused_untouched(
    invoke: Invoke, isolated_env: Path
) -> None:
    store = isolated_env / "followprune.sqlite3"
    store.parent.mkdir(parents=True, exist_ok=True)
    conn = sqlite3.connect(store, isolation_level=None)
    conn.execute("CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY,"
                 " name TEXT NOT NULL, applied_at TEXT NOT NULL)")
    for version, name, sql in MIGRATIONS:
        if version < 4:
            conn.executescript(sql)
            conn.execute("INSERT INTO schema_migrations VALUES (?, ?, '')", (version, name))
    # A development build that had the keep-list as its fifth step, not its fourth.
    conn.executescript(MIGRATIONS[3][2])
    conn.execute("INSERT INTO schema_migrations VALUES (5, ?, '')", (MIGRATIONS[3][1],))
    before = list(conn.iterdump())
    conn.close()
    result = invoke("--demo", "--dry-run")
    assert result.exit_code == 1, result.output
    assert "schema step 5 is 'keep-list'" in result.output
    assert "written by another build" in result.output
    assert "Traceback" not in result.output
    conn = sqlite3.connect(store)
    assert list(conn.iterdump()) == before  # nothing applied over it
    conn.close()


def test_migration_9_keeps_every_tie_and_stores_whether_it_blocks_you(tmp_path: Path) -> None:
    conn = _store_before(tmp_path / "old.sqlite3", 9)
    conn.execute("INSERT INTO identities VALUES (1, 'bluesky', 'did:plc:me', 'me')")
    conn.execute("INSERT INTO follows (identity_id, account_id, following, follows_you, muted,"
                 " blocked, first_seen, last_seen) VALUES (1, 'did:plc:a', 1, 1, 0, 0, ?, ?)",
                 (NOW.isoformat(), NOW.isoformat()))
    assert apply_migrations(conn) == [9]
    assert conn.execute("SELECT account_id, follows_you, blocks_you FROM follows").fetchall() \
        == [("did:plc:a", 1, 0)]
    conn.close()
