"""The store owns its SQL: no module outside `store/` touches the database connection."""

from __future__ import annotations

import re
from pathlib import Path

SOURCE = Path(__file__).parents[1] / "src" / "followprune"


def test_no_sql_outside_the_store() -> None:
    offenders = []
    for path in SOURCE.rglob("*.py"):
        if path.relative_to(SOURCE).parts[0] == "store":
            continue
        text = path.read_text(encoding="utf-8")
        for number, line in enumerate(text.splitlines(), 1):
            if re.search(r"\.conn\b|\bsqlite3\.connect\b|\bexecute\(", line):
                offenders.append(f"{path.relative_to(SOURCE)}:{number}: {line.strip()}")
    assert not offenders, "SQL outside store/:\n" + "\n".join(offenders)
