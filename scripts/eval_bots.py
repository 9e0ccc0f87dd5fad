"""Measure how well the quality component separates genuine accounts from bought fake followers.

Reads the cresci-2015 labelled sets (humans.csv, fake_followers.csv: Twitter API v1.1 user
fields), scores every account with `score_quality` as of its crawl time, and prints the ROC AUC
of the component and of each bot signal, genuine being the positive (keep) class.

    PYTHONPATH=src python scripts/eval_bots.py [--data DIR]

The data has no last-post time, so the activity part cannot be measured here.
"""

from __future__ import annotations

import argparse
import csv
import sys
import time
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import numpy as np
import numpy.typing as npt

from followprune.models import Account
from followprune.scoring.quality import score_quality

DEFAULT_DATA = (
    Path(__file__).resolve().parents[1].parent / "shared" / "data" / "bot-labels-cresci2015"
)
FILES = {"humans.csv": 1, "fake_followers.csv": 0}  # file → label (1 = genuine, keep)


@dataclass(frozen=True, slots=True)
class Labelled:
    account: Account
    now: datetime
    genuine: bool


@dataclass(frozen=True, slots=True)
class Evaluation:
    n_genuine: int
    n_fake: int
    auc: float
    # signal name → (AUC, share of genuine where it fired, share of fakes where it fired)
    signals: dict[str, tuple[float, float, float]]
    seconds_per_account: float


def _int(text: str) -> int | None:
    text = text.strip()
    return int(text) if text and text != "NULL" else None


def _flag(text: str) -> bool:
    return text.strip() in {"1", "true", "True"}


def row_to_account(row: dict[str, str]) -> tuple[Account, datetime]:
    """One v1.1 user row → (Account, crawl time to score it at)."""
    created = row.get("created_at", "").strip()
    account = Account(
        id=row["id"],
        handle=row["screen_name"],
        name=row.get("name", ""),
        bio=row.get("description", ""),
        location=row.get("location", ""),
        url=row.get("url", ""),
        created_at=(datetime.strptime(created, "%a %b %d %H:%M:%S %z %Y") if created else None),
        followers_count=_int(row.get("followers_count", "")),
        following_count=_int(row.get("friends_count", "")),
        post_count=_int(row.get("statuses_count", "")),
        listed_count=_int(row.get("listed_count", "")),
        like_count=_int(row.get("favourites_count", "")),
        verified=_flag(row.get("verified", "")),
        protected=_flag(row.get("protected", "")),
        default_avatar=_flag(row.get("default_profile_image", "")),
    )
    # "14-02-2015 10.40": when the profile was crawled, so the counts are as of then.
    now = datetime.strptime(row["updated"].strip(), "%d-%m-%Y %H.%M").replace(tzinfo=UTC)
    return account, now


def load_accounts(data_dir: Path = DEFAULT_DATA) -> list[Labelled]:
    """All labelled accounts in `data_dir`; FileNotFoundError when a file is missing."""
    out: list[Labelled] = []
    for name, label in FILES.items():
        with (data_dir / name).open(newline="", encoding="utf-8") as fh:
            for row in csv.DictReader(fh):
                account, now = row_to_account(row)
                out.append(Labelled(account, now, bool(label)))
    return out


def roc_auc(scores: Sequence[float] | npt.NDArray[np.float64], labels: Iterable[bool]) -> float:
    """Probability that a random positive outscores a random negative, ties counting half
    (the Mann-Whitney U statistic over n_pos·n_neg)."""
    s = np.asarray(scores, dtype=np.float64)
    y = np.fromiter(labels, dtype=bool)
    n_pos = int(y.sum())
    n_neg = len(y) - n_pos
    if n_pos == 0 or n_neg == 0:
        raise ValueError("AUC needs both classes")
    # Average ranks (1-based) so tied scores share their rank.
    _, inverse, counts = np.unique(s, return_inverse=True, return_counts=True)
    upper = np.cumsum(counts)
    average_rank = upper - (counts - 1) / 2.0
    rank_sum = float(average_rank[inverse][y].sum())
    return (rank_sum - n_pos * (n_pos + 1) / 2.0) / (n_pos * n_neg)


def evaluate(labelled: Sequence[Labelled]) -> Evaluation:
    start = time.perf_counter()
    components = [score_quality(item.account, item.now) for item in labelled]
    elapsed = time.perf_counter() - start

    labels = [item.genuine for item in labelled]
    genuine = np.array(labels, dtype=bool)
    values = np.array([c.value for c in components])

    # Read once per account: a component works its signals out again each time they are read.
    fired_signals = [_signals(c.facts) for c in components]
    names = sorted({k for s in fired_signals for k in s})
    signals: dict[str, tuple[float, float, float]] = {}
    for name in names:
        # Signals are log-odds of "bot", so the keep-score is their negation.
        evidence = np.array([s.get(name, 0.0) for s in fired_signals])
        fired = evidence != 0.0
        signals[name] = (
            roc_auc(-evidence, labels),
            float(fired[genuine].mean()),
            float(fired[~genuine].mean()),
        )
    return Evaluation(
        n_genuine=int(genuine.sum()),
        n_fake=int((~genuine).sum()),
        auc=roc_auc(values, labels),
        signals=signals,
        seconds_per_account=elapsed / max(len(labelled), 1),
    )


def _signals(facts: object) -> Mapping[str, float]:
    # Facts are a Mapping, not necessarily a dict: quality builds them when they are read.
    signals = facts.get("signals", {}) if isinstance(facts, Mapping) else {}
    return signals if isinstance(signals, Mapping) else {}


def _lines(result: Evaluation) -> Iterator[str]:
    yield f"accounts: {result.n_genuine} genuine, {result.n_fake} fake"
    yield f"quality component AUC: {result.auc:.3f}"
    yield f"scoring time: {result.seconds_per_account * 1e6:.1f} µs/account"
    yield ""
    yield f"{'signal':<16} {'AUC':>6} {'fires: genuine':>15} {'fake':>6}"
    for name, (auc, on_genuine, on_fake) in result.signals.items():
        yield f"{name:<16} {auc:>6.3f} {on_genuine:>15.1%} {on_fake:>6.1%}"


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA, help="cresci-2015 directory")
    args = parser.parse_args(argv)
    try:
        labelled = load_accounts(args.data)
    except FileNotFoundError as exc:
        print(f"no labelled data: {exc}", file=sys.stderr)
        return 2
    for line in _lines(evaluate(labelled)):
        print(line)
    return 0


if __name__ == "__main__":
    sys.exit(main())
