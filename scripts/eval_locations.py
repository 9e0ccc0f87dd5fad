"""Evaluate the profile-location resolver on the labelled fixture and list its misses.

    python scripts/eval_locations.py [path/to/locations.tsv]

Coverage: share of places that got any country. Precision: share of those that got the right
one. Accuracy: right country over all places. False-positive rate: share of non-places
(blank, jokes, pronouns, URLs…) that were given a country.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))
from followprune.scoring.geography import Place, resolve_location  # noqa: E402

FIXTURE = ROOT / "tests" / "fixtures" / "locations.tsv"


def read_fixture(path: Path = FIXTURE) -> list[tuple[str, str | None]]:
    """(text, expected alpha-2 or None) rows; the header and '#' comments are skipped."""
    rows: list[tuple[str, str | None]] = []
    for line in path.read_text(encoding="utf-8").split("\n"):
        if not line or line.startswith("#") or line == "location\tcountry":
            continue
        text, _, expected = line.partition("\t")
        rows.append((text, expected.strip() or None))
    return rows


@dataclass(frozen=True, slots=True)
class Report:
    places: int
    resolved: int
    correct: int
    non_places: int
    false_positives: int
    misses: list[tuple[str, str | None, Place]]

    @property
    def coverage(self) -> float:
        return self.resolved / self.places if self.places else 0.0

    @property
    def precision(self) -> float:
        return self.correct / self.resolved if self.resolved else 0.0

    @property
    def accuracy(self) -> float:
        return self.correct / self.places if self.places else 0.0

    @property
    def false_positive_rate(self) -> float:
        return self.false_positives / self.non_places if self.non_places else 0.0


def evaluate(rows: list[tuple[str, str | None]]) -> Report:
    places = resolved = correct = non_places = false_positives = 0
    misses: list[tuple[str, str | None, Place]] = []
    for text, expected in rows:
        got = resolve_location(text)
        if expected is None:
            non_places += 1
            if got.known:
                false_positives += 1
                misses.append((text, expected, got))
            continue
        places += 1
        resolved += got.known
        if got.country == expected:
            correct += 1
        else:
            misses.append((text, expected, got))
    return Report(places, resolved, correct, non_places, false_positives, misses)


def main() -> None:
    path = Path(sys.argv[1]) if len(sys.argv) > 1 else FIXTURE
    report = evaluate(read_fixture(path))
    print(f"places {report.places}, non-places {report.non_places}")
    print(f"coverage            {report.coverage:.3f}")
    print(f"precision           {report.precision:.3f}")
    print(f"accuracy            {report.accuracy:.3f}")
    print(f"false-positive rate {report.false_positive_rate:.3f}")
    if report.misses:
        print("\nmisses (text → expected / got [rule]):")
    for text, expected, got in report.misses:
        print(f"  {text!r:40} → {expected or '-'} / {got.country or '-'} [{got.rule}]")


if __name__ == "__main__":
    main()
