"""How often `prune` agrees with a persona's own labels, on a follow list written for it.

    python scripts/eval_persona.py                 # every persona under tests/fixtures/personas
    python scripts/eval_persona.py lagos           # one

Each persona folder holds `persona.md` (who they are, written first), `follows.jsonl` (X v2
user objects, as `prune --from` reads them), `labels.jsonl` (keep or unfollow for each handle,
and why, written before any run) and `config.toml` (the person's interests and places). The
command is run as a person runs it (`prune --from … --all --dry-run --format json`, in a fresh
store) at the date the list was written; agreement is the share of accounts where the
proposal matches the label, and every disagreement is listed with the tool's reasons.

These are tuning sets, read and worked on: persona round 15's Lagos list (written on
2026-12-04 by a helper session before any run) was 82.9 % before that day's fixes and 89.7 %
after them.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PERSONAS = ROOT / "tests" / "fixtures" / "personas"
# The day each list was written: its ages and silences are read as of then.
AS_OF = {"lagos": "2026-12-01T12:00:00Z", "bogota": "2026-12-05T00:00:00Z",
         "berlin": "2026-12-05T00:00:00Z", "india": "2026-12-05T00:00:00Z",
         "japan": "2026-12-05T00:00:00Z", "chicago": "2026-12-05T00:00:00Z",
         "brazil": "2026-12-05T00:00:00Z",
         "cairo": "2026-12-05T00:00:00Z"}


def evaluate(folder: Path) -> float:
    with tempfile.TemporaryDirectory() as home:
        env = dict(os.environ, FOLLOWPRUNE_HOME=home,
                   FOLLOWPRUNE_CONFIG=str(folder / "config.toml"),
                   PYTHONPATH=str(ROOT / "src"))
        run = subprocess.run(
            [sys.executable, "-m", "followprune", "--from", str(folder / "follows.jsonl"),
             "--all", "--dry-run", "--format", "json", "--as-of", AS_OF[folder.name]],
            env=env, capture_output=True, text=True, check=False)
    if run.returncode != 0:
        raise RuntimeError(f"{folder.name}: prune exited {run.returncode}: {run.stderr}")
    rows = json.loads(run.stdout)["accounts"]
    by_handle = {row["handle"].lstrip("@").lower(): row for row in rows}
    labels = [json.loads(line) for line in (folder / "labels.jsonl").open(encoding="utf-8")]
    agree, disputed = 0, []
    for label in labels:
        row = by_handle[label["handle"].lower()]
        if row["proposed"] == (label["label"] != "keep"):
            agree += 1
        else:
            disputed.append((label, row))
    share = agree / len(labels)
    print(f"{folder.name}: {agree}/{len(labels)} agree ({share:.1%})")
    for label, row in disputed:
        verdict = "proposed" if row["proposed"] else "kept"
        print(f"  @{label['handle']}: labelled {label['label']} ({label['why']}); {verdict},"
              f" keep {row['keep']:.2f}: {'; '.join(row['reasons'])}")
    return share


def main() -> None:
    names = sys.argv[1:] or sorted(p.name for p in PERSONAS.iterdir() if p.is_dir())
    # A list prune refuses (a config it cannot read) is said, and the others still measured.
    failed = []
    for name in names:
        try:
            evaluate(PERSONAS / name)
        except RuntimeError as error:
            print(error, file=sys.stderr)
            failed.append(name)
    if failed:
        raise SystemExit(f"not measured: {', '.join(failed)}")


if __name__ == "__main__":
    main()
