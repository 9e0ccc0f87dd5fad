"""Benchmark `prune import-archive` on a generated X archive of 500,000 posts.

    python benchmarks/bench_archive_import.py [--posts 500000] [--following 5000] [--zip]

The archive is written in the real format (tests/archive_factory.py: pretty-printed parts of
about 40,000 posts, like X's split `tweets-partN.js`) into a temporary folder, or a zip with
--zip. The import then runs in a fresh interpreter, so the generator's memory never counts:
it reports the import's wall time, the peak of Python allocations (tracemalloc, which also
slows the run, so it is measured in a second, separate run) and the process's peak resident
memory (ru_maxrss, which includes the interpreter and its libraries).
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]


def _generate(folder: Path, posts: int, following: int, as_zip: bool) -> Path:
    sys.path.insert(0, str(REPO))
    from tests.archive_factory import big_archive

    archive = big_archive(posts, following)
    if as_zip:
        return archive.write_zip(folder / "twitter-archive.zip")
    return archive.write_folder(folder / "twitter-archive")


def _size(path: Path) -> int:
    if path.is_file():
        return path.stat().st_size
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file())


def _import_once(archive: str, store: str, trace: bool) -> None:
    """Runs in the child interpreter: one import, its figures as JSON on stdout."""
    import tracemalloc

    from followprune.app.import_archive import import_archive
    from followprune.store import Store

    if trace:
        tracemalloc.start()
    start = time.perf_counter()
    with Store(Path(store)) as db:
        report = import_archive(db, Path(archive), datetime.now(UTC))
    seconds = time.perf_counter() - start
    figures = {
        "seconds": seconds,
        "posts": report.counts["posts"],
        "interactions": sum(report.interactions.values()),
        # Linux reports ru_maxrss in KiB, macOS in bytes.
        "maxrss_mib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        / (1024 * 1024 if sys.platform == "darwin" else 1024),
    }
    if trace:
        figures["traced_peak_mib"] = tracemalloc.get_traced_memory()[1] / 2**20
    print(json.dumps(figures))


def _child(archive: Path, store: Path, trace: bool) -> dict[str, float]:
    output = subprocess.run(
        [sys.executable, __file__, "--child", str(archive), str(store)]
        + (["--trace"] if trace else []),
        check=True, capture_output=True, text=True,
    ).stdout
    figures: dict[str, float] = json.loads(output)
    return figures


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--posts", type=int, default=500_000)
    parser.add_argument("--following", type=int, default=5_000)
    parser.add_argument("--zip", action="store_true", help="Import a zip, not a folder.")
    parser.add_argument("--child", nargs=2, help=argparse.SUPPRESS)
    parser.add_argument("--trace", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        _import_once(args.child[0], args.child[1], args.trace)
        return
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        start = time.perf_counter()
        archive = _generate(folder, args.posts, args.following, args.zip)
        print(f"generated {args.posts:,} posts, {args.following:,} following:"
              f" {_size(archive) / 2**20:,.0f} MiB {'zip' if args.zip else 'folder'}"
              f" in {time.perf_counter() - start:.1f}s")
        plain = _child(archive, folder / "plain.sqlite3", trace=False)
        print(f"import: {plain['seconds']:.1f}s, {plain['posts']:,.0f} posts,"
              f" {plain['interactions']:,.0f} interactions;"
              f" peak RSS {plain['maxrss_mib']:,.0f} MiB")
        traced = _child(archive, folder / "traced.sqlite3", trace=True)
        print(f"traced: peak Python allocations {traced['traced_peak_mib']:,.1f} MiB"
              f" (run under tracemalloc: {traced['seconds']:.1f}s)")


if __name__ == "__main__":
    main()
