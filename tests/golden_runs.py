"""Outputs recorded before the issue-17 rewrite, so the fast path is shown to say the same.

    python -m tests.golden_runs --update   # re-record (only when scoring meant to change)

Each case runs the CLI in-process at a fixed moment in a fresh FOLLOWPRUNE_HOME and keeps
its stdout, gzipped, in tests/fixtures/golden/. Fields that name the run rather than the
result (the run id) are dropped before comparing.
"""

from __future__ import annotations

import argparse
import gzip
import importlib.util
import json
import os
import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import Any
from unittest import mock

from click.testing import CliRunner

from followprune.cli.main import cli

GOLDEN = Path(__file__).parent / "fixtures" / "golden"
BENCHMARKS = Path(__file__).parent.parent / "benchmarks"
# The moment bench_scoring generates its accounts relative to; the demo is dated by it too.
MOMENT = datetime(2026, 6, 1, 12, 0, tzinfo=UTC)
VOLATILE = ("run_id",)


class _Frozen(datetime):
    @classmethod
    def now(cls, tz: Any = None) -> _Frozen:  # type: ignore[override]
        moment = MOMENT if tz is not None else MOMENT.replace(tzinfo=None)
        return cls.fromtimestamp(moment.timestamp(), tz) if tz else cls.fromisoformat(
            moment.isoformat())


@contextmanager
def frozen_home(extra: dict[str, str] | None = None) -> Iterator[Path]:
    with tempfile.TemporaryDirectory() as folder:
        env = {k: v for k, v in os.environ.items() if not k.startswith(("FOLLOWPRUNE_", "X_"))}
        env.update(FOLLOWPRUNE_HOME=folder, NO_COLOR="1", COLUMNS="200", **(extra or {}))
        with mock.patch.dict(os.environ, env, clear=True), \
                mock.patch("followprune.app.context.datetime", _Frozen):
            yield Path(folder)


def follow_file(path: Path, n: int) -> Path:
    spec = importlib.util.spec_from_file_location("follow_file", BENCHMARKS / "follow_file.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    module.write(path, n, seed=7)
    return path


def run(*args: str) -> str:
    result = CliRunner().invoke(cli, list(args), catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return result.stdout


# A file has no owner profile, so interests and home come from settings; without them
# relevance and geography would be flat and the comparison would miss them.
FILE_SETTINGS = {
    "FOLLOWPRUNE_INTERESTS_KEYWORDS": "rust,python,open source,machine learning,climate,energy",
    "FOLLOWPRUNE_GEOGRAPHY_HOME": "Berlin",
    "FOLLOWPRUNE_GEOGRAPHY_REGIONS": "GB",
}


def case_env(name: str) -> dict[str, str]:
    return FILE_SETTINGS if name.startswith("10k") else {}


def cases(folder: Path) -> dict[str, list[str]]:
    """name -> argv. The file is written into `folder`."""
    ten_k = follow_file(folder / "10k.jsonl", 10_000)
    return {
        "demo-all.json": ["--demo", "--all", "--dry-run", "--format", "json"],
        "demo-table.txt": ["--demo", "--dry-run"],
        "demo-all.csv": ["--demo", "--all", "--dry-run", "--format", "csv"],
        "10k-all.json": ["--from", str(ten_k), "--all", "--dry-run", "--format", "json"],
        "10k-proposals.csv": ["--from", str(ten_k), "--dry-run", "--format", "csv"],
    }


def normalise(name: str, text: str) -> Any:
    if name.endswith(".json"):
        data = json.loads(text)
        for key in VOLATILE:
            data.pop(key, None)
        return data
    return text


def record_all(only: str | None = None) -> dict[str, str]:
    outputs = {}
    with tempfile.TemporaryDirectory() as scratch:
        for name, argv in cases(Path(scratch)).items():
            if only is not None and name != only:
                continue
            with frozen_home(case_env(name)):
                outputs[name] = run(*argv)
    return outputs


def load(name: str) -> str:
    return gzip.decompress((GOLDEN / f"{name}.gz").read_bytes()).decode("utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--update", action="store_true")
    args = parser.parse_args()
    if not args.update:
        parser.error("nothing to do without --update")
    GOLDEN.mkdir(parents=True, exist_ok=True)
    for name, text in record_all().items():
        # mtime=0: the same output always makes the same bytes, so git sees no change.
        (GOLDEN / f"{name}.gz").write_bytes(gzip.compress(text.encode("utf-8"), 9, mtime=0))
        print(f"{name}: {len(text):,} characters", file=sys.stderr)


if __name__ == "__main__":
    main()
