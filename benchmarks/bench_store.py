"""The store over time: growth per sync, and the `--auto` history lookup on a year of runs.

    python benchmarks/bench_store.py [--follows 5000] [--syncs 10] [--runs-per-day 6]

Growth: a fresh store syncs and reviews a list of `--follows` accounts `--syncs` times, as
`prune` does (snapshot, score, record the run and its proposals), with the churn of a real
list between syncs: 1 % of profiles change (bio, counts), 0.2 % unfollowed, 0.2 % new. The
size is the database file after a checkpoint (the write-ahead log folded in).

History lookup: a store holding a year of runs (`--runs-per-day` a day, each proposing 5 %
of the list, a rule matching half of those) answers `Runs.flagged_times` for the accounts
one run matches, first with every proposal kept, then after retention with the defaults.
The query the store used before issue 17 is timed on the same data for comparison.
"""

from __future__ import annotations

import argparse
import importlib.util
import itertools
import os
import random
import sqlite3
import sys
import tempfile
import time
from datetime import timedelta
from pathlib import Path

HERE = Path(__file__).resolve().parent
OLD_QUERY = (
    "SELECT x.account_id, r.started_at FROM ("
    " SELECT run_id, account_id FROM scores WHERE proposed = 1"
    " UNION SELECT run_id, account_id FROM rule_matches"
    ") x JOIN runs r ON r.id = x.run_id WHERE r.identity_id = ? ORDER BY r.started_at"
)


def _load(name: str) -> object:
    spec = importlib.util.spec_from_file_location(name, HERE / f"{name}.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


def _db_size(path: Path) -> int:
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.close()
    return path.stat().st_size


def growth(follows: int, syncs: int, folder: Path) -> list[int]:
    os.environ["FOLLOWPRUNE_HOME"] = str(folder)
    from followprune.app.context import App
    from followprune.app.review import prepare_review
    from followprune.config import load_settings
    from followprune.networks.file import FileNetwork
    from followprune.paths import resolve_paths

    follow_file = _load("follow_file")
    users = [u for u, _ in follow_file.users(follows, 7)]  # type: ignore[attr-defined]
    rng = random.Random(11)
    next_id = 90_000_000
    sizes = []
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "follows.jsonl"
    start = follow_file.NOW  # type: ignore[attr-defined]
    import json

    class Synced(FileNetwork):
        kept_in_store = True  # as a real network: snapshot, then score from the store

    for sync in range(syncs):
        path.write_text("".join(json.dumps(u) + "\n" for u in users), encoding="utf-8")
        paths = resolve_paths()
        app = App(paths, load_settings(paths, None, {}), now=start + timedelta(hours=4 * sync))
        prepare_review(app, Synced(path), mode="dry-run")
        app.close()
        sizes.append(_db_size(paths.store_file))
        for user in rng.sample(users, len(users) // 100):
            user["description"] = (user["description"] or "") + " updated"
            user["public_metrics"]["followers_count"] += rng.randint(1, 50)
        for _ in range(len(users) // 500):
            users.pop(rng.randrange(len(users)))
            fresh = dict(rng.choice(users), id=str(next_id), username=f"new{next_id}")
            next_id += 1
            users.append(fresh)
    return sizes


def year_store(folder: Path, follows: int, per_day: int) -> tuple[object, object]:
    """A store with a year of runs, written straight through the Runs API."""
    from followprune.components import component_names
    from followprune.store import Store
    from followprune.store.runs import RuleMatchRow, ScoreRow

    store = Store(folder / "year.sqlite3")
    identity = store.identity("x", "1", "me")
    follow_file = _load("follow_file")
    now = follow_file.NOW  # type: ignore[attr-defined]
    rng = random.Random(5)
    ids = [str(10_000_000 + i) for i in range(follows)]
    # The same accounts tend to be proposed run after run: a stable core plus some drift.
    core = rng.sample(ids, follows // 25)
    runs = 365 * per_day
    for index in range(runs):
        started = now - timedelta(hours=24 * 365 * (runs - index) / runs)
        run_id = store.runs.start(identity, "auto", started)
        proposed = list(dict.fromkeys(core + rng.sample(ids, follows // 100)))
        store.runs.save_scores(run_id, (
            ScoreRow(a, f"h{a}", 0.2, dict.fromkeys(component_names(), 0.2), True,
                     ["silent for 2 years", "bio matches none of your interests",
                      "doesn't follow you back"])
            for a in proposed
        ))
        store.runs.save_rule_matches(run_id, (
            RuleMatchRow(a, f"h{a}", "stale", "unfollow", ["silent for 2 years"])
            for a in proposed[: len(proposed) // 2]
        ))
        store.runs.finish(run_id, follows, len(proposed))
    return store, identity


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--follows", type=int, default=5000)
    parser.add_argument("--syncs", type=int, default=10)
    parser.add_argument("--runs-per-day", type=int, default=6)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as scratch:
        folder = Path(scratch)
        sizes = growth(args.follows, args.syncs, folder / "growth")
        deltas = [b - a for a, b in itertools.pairwise(sizes)]
        print(f"store after sync 1: {sizes[0] / 1024:,.0f} KB; after {args.syncs}:"
              f" {sizes[-1] / 1024:,.0f} KB; growth per later sync: mean"
              f" {sum(deltas) / len(deltas) / 1024:,.1f} KB, max {max(deltas) / 1024:,.1f} KB")

        started = time.perf_counter()
        store, identity = year_store(folder, args.follows, args.runs_per_day)
        built = time.perf_counter() - started
        from followprune.store import Store

        assert isinstance(store, Store)
        wanted = [r[0] for r in store.conn.execute(
            "SELECT account_id FROM rule_matches WHERE run_id = (SELECT MAX(id) FROM runs)")]
        size = _db_size(store.path)
        for label in ("every proposal of the year kept", "after retention (defaults)"):
            started = time.perf_counter()
            seen = store.runs.flagged_times(identity, wanted)  # type: ignore[arg-type]
            new = time.perf_counter() - started
            started = time.perf_counter()
            store.conn.execute(OLD_QUERY, (identity.id,)).fetchall()  # type: ignore[attr-defined]
            old = time.perf_counter() - started
            rows = store.conn.execute("SELECT COUNT(*) FROM scores").fetchone()[0]
            print(f"{label}: {rows:,} proposal rows, store {size / 2**20:,.1f} MB;"
                  f" flagged_times for {len(wanted)} accounts {new * 1000:,.1f} ms"
                  f" ({sum(map(len, seen.values())):,} run times); the old query"
                  f" {old * 1000:,.0f} ms")
            from followprune.config import StoreSettings

            defaults = StoreSettings()
            last = store.runs.recent(identity, 1)[0].started_at  # type: ignore[attr-defined]
            store.runs.apply_retention(identity, defaults.keep_runs,  # type: ignore[attr-defined]
                                       defaults.keep_days, last, min_hours=20)
            _before, after = store.runs.vacuum()  # type: ignore[attr-defined]
            size = after
        print(f"(a year of {365 * args.runs_per_day:,} runs built in {built:.0f} s)")


if __name__ == "__main__":
    main()
