"""Pruning to a stream budget: `select_for_budget` on a large follow list.

    python benchmarks/bench_stream_budget.py [--accounts 100000] [--repeat 5] [--seed 7]

Generates `--accounts` candidates with a heavy-tailed posting rate (most accounts post a
few times a week, a few hundred times a day: a log-normal), a keep value in 0..1 and one in
six guarded, then asks for budgets of a half, a tenth and a hundredth of the timeline. The
best of `--repeat` runs is reported (the figure least disturbed by other jobs).
"""

from __future__ import annotations

import argparse
import random
import time

from followprune.scoring.stream import Candidate, select_for_budget


def candidates(n: int, seed: int) -> list[Candidate]:
    rng = random.Random(seed)
    return [
        Candidate(str(10_000_000 + i), rng.lognormvariate(0.0, 1.6), rng.random(),
                  rng.random() < 1 / 6)
        for i in range(n)
    ]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--accounts", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    pool = candidates(args.accounts, args.seed)
    total = sum(c.posts_per_day for c in pool)
    print(f"{args.accounts:,} accounts, timeline {total:,.0f} posts a day")
    for fraction in (0.5, 0.1, 0.01):
        budget = total * fraction
        best = float("inf")
        for _ in range(args.repeat):
            start = time.perf_counter()
            choice = select_for_budget(pool, budget)
            best = min(best, time.perf_counter() - start)
        print(f"budget {fraction:>5.0%}: {best * 1000:7.1f} ms, {len(choice.selected):,} chosen,"
              f" met {choice.met}, after {choice.after:,.0f}")


if __name__ == "__main__":
    main()
