"""Measure the relevance component against hand labels, per persona.

Reads the personas (tests/fixtures/relevance/personas.toml: each one's `[interests]` keywords,
written down before any bio was read) and the hand-labelled bios
(tests/fixtures/relevance/labels.tsv), scores all bios as one follow list for each persona with
`score_relevance`, and prints, for each tuning set and each blind batch separately:

* AUC: the chance that a relevant bio scores above an irrelevant one (ties count half);
* lowest: the share of relevant bios given the lowest relevance value any bio gets (what the
  reviewer sees as "bio matches none of your interests");
* none: the share of relevant bios whose reason is "bio matches none of your interests".

    PYTHONPATH=src python scripts/eval_relevance.py [--split tune|blind|blind2|tune2|all]
        [--show-misses] [--semantic MODEL_PATH]

`--semantic` also runs the optional semantic backend (scoring/semantic.py) with the model2vec
model in MODEL_PATH (needs `pip install "followprune[semantic]"`), as `[interests] semantic`
does in a run.

The blind batches ('blind', 'blind2') were kept aside while tuning: report them, do not tune to
them. The tuning batches ('tune', 'tune2') may be looked at; `--show-misses` lists only their
bios. The first labelled batch (tune and blind) is scored as one follow list; each later batch
('blind2', then 'tune2') as a list of its own, so that adding one leaves the other batches'
figures as they were.
"""

from __future__ import annotations

import argparse
import sys
import tomllib
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import numpy.typing as npt

from followprune.errors import FollowpruneError
from followprune.scoring.relevance import MATCH_FLOOR, InterestProfile, score_relevance
from followprune.scoring.semantic import SemanticModel, lift_relevance, load_model

FIXTURES = Path(__file__).resolve().parents[1] / "tests" / "fixtures" / "relevance"
NO_MATCH_TEXT = "bio matches none of your interests"
# Splits labelled after the first batch, each scored as its own follow list.
LATER_BATCHES = ("blind2", "tune2")
SPLITS = ("tune", "blind", *LATER_BATCHES)
# Splits that may be looked at bio by bio while tuning; the others are blind.
TUNING_SPLITS = ("tune", "tune2")


@dataclass(frozen=True, slots=True)
class Bio:
    source: str
    id: str
    split: str
    labels: dict[str, bool]
    text: str


def read_labels(path: Path) -> list[Bio]:
    rows = [line.rstrip("\n") for line in path.open(encoding="utf-8") if not line.startswith("#")]
    header = rows[0].split("\t")
    personas = header[3:-1]
    bios = []
    for row in rows[1:]:
        fields = row.split("\t")
        labels = {p: fields[3 + i] == "1" for i, p in enumerate(personas)}
        bios.append(Bio(fields[0], fields[1], fields[2], labels, fields[-1]))
    return bios


def read_personas(path: Path) -> dict[str, tuple[str, ...]]:
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    return {name: tuple(entry["keywords"]) for name, entry in data.items()}


def auc(scores: npt.NDArray[np.float64], positive: npt.NDArray[np.bool_]) -> float:
    """Mann-Whitney AUC with ties counted half; nan when a class is empty."""
    pos, neg = scores[positive], scores[~positive]
    if len(pos) == 0 or len(neg) == 0:
        return float("nan")
    greater = (pos[:, None] > neg[None, :]).sum()
    ties = (pos[:, None] == neg[None, :]).sum()
    return float((greater + 0.5 * ties) / (len(pos) * len(neg)))


@dataclass(frozen=True, slots=True)
class Result:
    persona: str
    split: str
    relevant: int
    total: int
    auc: float
    lowest: float  # share of relevant bios at the lowest value
    none: float  # share of relevant bios told "matches none of your interests"


def _score(
    bios: Sequence[Bio], batch: npt.NDArray[np.str_], keywords: tuple[str, ...],
    semantic: SemanticModel | None = None,
) -> tuple[npt.NDArray[np.float64], npt.NDArray[np.bool_]]:
    """Each bio's relevance value and whether it was told "matches none", each batch scored
    as one follow list."""
    values = np.zeros(len(bios))
    said_none = np.zeros(len(bios), dtype=bool)
    profile = InterestProfile(keywords=keywords)
    for name in dict.fromkeys(batch.tolist()):
        where = np.flatnonzero(batch == name)
        texts = [bios[i].text for i in where]
        components = score_relevance(profile, texts)
        if semantic is not None:
            components = lift_relevance(components, profile, texts, semantic)
        values[where] = [c.value for c in components]
        said_none[where] = [c.reasons[0].text == NO_MATCH_TEXT for c in components]
    return values, said_none


def evaluate(
    bios: Sequence[Bio], personas: dict[str, tuple[str, ...]], splits: Sequence[str],
    semantic: SemanticModel | None = None,
) -> list[Result]:
    results = []
    batch = np.array([b.split if b.split in LATER_BATCHES else "" for b in bios])
    for persona, keywords in personas.items():
        values, said_none = _score(bios, batch, keywords, semantic)
        # Lowest within its own list: what that list's reviewer sees as the bottom.
        at_lowest = np.zeros(len(bios), dtype=bool)
        for name in set(batch.tolist()):
            in_list = batch == name
            at_lowest[in_list] = values[in_list] == values[in_list].min()
        labels = np.array([b.labels[persona] for b in bios])
        for split in splits:
            mask = np.array([split == "all" or b.split == split for b in bios])
            pos = labels & mask
            n_pos = int(pos.sum())
            results.append(
                Result(
                    persona,
                    split,
                    n_pos,
                    int(mask.sum()),
                    auc(values[mask], labels[mask]),
                    float(at_lowest[pos].sum() / max(n_pos, 1)),
                    float(said_none[pos].sum() / max(n_pos, 1)),
                )
            )
    return results


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--split", choices=(*SPLITS, "all", "both"), default="both",
                        help="'both' (the default) prints every split, the tuning and the blind"
                        " ones")
    parser.add_argument("--fixtures", type=Path, default=FIXTURES)
    parser.add_argument("--show-misses", action="store_true",
                        help="list relevant tuning bios (tune, tune2) told 'matches none' and"
                        " irrelevant ones scored high (never blind ones)")
    parser.add_argument("--semantic", type=Path, metavar="MODEL_PATH",
                        help="also lift bios with this local model2vec model (semantic backend)")
    args = parser.parse_args(argv)
    semantic = None
    if args.semantic is not None:
        try:
            # A folder is never fetched, so no cache is written to.
            semantic = load_model(str(args.semantic), args.semantic)
        except FollowpruneError as exc:
            print(f"eval_relevance: {exc.message}", file=sys.stderr)
            return 2
    try:
        bios = read_labels(args.fixtures / "labels.tsv")
        personas = read_personas(args.fixtures / "personas.toml")
    except (OSError, KeyError, IndexError, tomllib.TOMLDecodeError) as exc:
        print(f"eval_relevance: cannot read fixtures in {args.fixtures}: {exc}", file=sys.stderr)
        return 2
    splits = SPLITS if args.split == "both" else (args.split,)
    print(f"{'persona':<10}{'split':<7}{'relevant':>9}{'AUC':>7}{'lowest':>8}{'none':>7}")
    for r in evaluate(bios, personas, splits, semantic):
        print(
            f"{r.persona:<10}{r.split:<7}{r.relevant:>4}/{r.total:<4}{r.auc:>7.3f}"
            f"{r.lowest:>8.1%}{r.none:>7.1%}"
        )
    if args.show_misses:
        batch = np.array([b.split if b.split in LATER_BATCHES else "" for b in bios])
        for persona, keywords in personas.items():
            values, said_none = _score(bios, batch, keywords, semantic)
            for bio, value, told_none in zip(bios, values, said_none, strict=True):
                if bio.split not in TUNING_SPLITS:
                    continue
                if bio.labels[persona] and told_none:
                    print(f"  miss {persona} {bio.split}: {bio.text[:110]}")
                elif not bio.labels[persona] and value > MATCH_FLOOR:
                    print(f"  high {persona} {bio.split} {value:.2f}: {bio.text[:110]}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
