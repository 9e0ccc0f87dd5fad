"""Calls, resources and price of syncing 5,000 and 50,000 followed accounts from a fake X.

    python benchmarks/bench_x_sync.py [N ...]

Runs an in-process FakeX (real HTTP on loopback, rate limits raised so nothing waits) and
the real sync code. The lower bound for a first sync is ⌈N/1000⌉ following pages; the goal
is at most that plus 5 calls (profile, own posts, mentions, likes), and no list call at all
on a second sync within the freshness window.
"""

from __future__ import annotations

import math
import os
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from tests.fakex import FakeX, ServerConfig, make_state
from tests.fakex.server import DEFAULT_RATE_LIMITS


def bench(n: int) -> dict[str, object]:
    from followprune.app.context import App
    from followprune.app.sync import sync_graph
    from followprune.config import load_settings
    from followprune.paths import resolve_paths

    started = time.perf_counter()
    state = make_state(n, seed=1, posts_per_user=1, n_my_posts=50, n_likes=50, n_mentions=20)
    generated = time.perf_counter() - started
    limits = {key: limit * 1000 for key, limit in DEFAULT_RATE_LIMITS.items()}
    with FakeX(state, config=ServerConfig(rate_limits=limits)) as fx, \
            tempfile.TemporaryDirectory() as home:
        os.environ.update({"FOLLOWPRUNE_HOME": home, "FOLLOWPRUNE_X_API_BASE_URL": fx.base_url,
                           "X_BEARER_TOKEN": "fake-user-access-token"})
        results: dict[str, object] = {"n": n, "lower_bound": math.ceil(n / 1000)}
        for run in ("first", "second"):
            paths = resolve_paths()
            app = App(paths, load_settings(paths))
            try:
                network = app.network("x")
                before = len(fx.requests)
                t0 = time.perf_counter()
                plan = network.plan_sync(app.now)
                report = sync_graph(app.store, network, app.now, plan=plan)
                seconds = time.perf_counter() - t0
                calls = fx.requests[before:]
                usage = report.usage
                assert usage is not None
                results[run] = {
                    "calls": len(calls),
                    "list_calls": sum(1 for r in calls
                                      if r.path.endswith(("/following", "/followers"))),
                    "resources": usage.resources_read,
                    "estimate": plan.estimate,
                    "actual": round(usage.cost, 3),
                    "following": report.change.following,
                    "seconds": round(seconds, 2),
                }
            finally:
                app.close()
        results["generate_seconds"] = round(generated, 1)
        return results


def main(argv: list[str]) -> int:
    sizes = [int(a) for a in argv] or [5_000, 50_000]
    print("| followed | lower bound | 1st sync calls | list calls | resources | estimate $"
          " | actual $ | time s | 2nd sync calls | 2nd list calls |")
    print("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    ok = True
    for n in sizes:
        r = bench(n)
        first, second = r["first"], r["second"]
        assert isinstance(first, dict) and isinstance(second, dict)
        print(f"| {n:,} | {r['lower_bound']} | {first['calls']} | {first['list_calls']} |"
              f" {first['resources']:,} | {first['estimate']:.2f} | {first['actual']:.2f} |"
              f" {first['seconds']} | {second['calls']} | {second['list_calls']} |")
        ok &= (first["calls"] <= int(r["lower_bound"]) + 5  # type: ignore[call-overload]
               and second["list_calls"] == 0 and first["following"] == n)
    print("goal met" if ok else "GOAL MISSED")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
