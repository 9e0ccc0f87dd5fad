"""The relevance evaluation runs on its committed fixtures, holds issue 11's goals on the
tuning set, and keeps the figures reached on the tuning set and the first blind batch as floors
against regressions (they were measured after tuning, not tuned to: see the commit history).
The second tuning batch (tune2) must meet the goals too. The second blind batch is reported by
scripts/eval_relevance.py and asserted nowhere."""

from __future__ import annotations

import importlib.util
import math
import sys
from pathlib import Path
from types import ModuleType

import numpy as np
import pytest

SCRIPT = Path(__file__).parents[1] / "scripts" / "eval_relevance.py"


def _script() -> ModuleType:
    spec = importlib.util.spec_from_file_location("eval_relevance", SCRIPT)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["eval_relevance"] = module
    spec.loader.exec_module(module)
    return module


def test_fixtures_hold_at_least_400_bios_for_at_least_three_personas() -> None:
    script = _script()
    bios = script.read_labels(script.FIXTURES / "labels.tsv")
    personas = script.read_personas(script.FIXTURES / "personas.toml")
    assert len(bios) >= 400 and len(personas) >= 3
    first = [b for b in bios if b.split not in script.LATER_BATCHES]
    blind = sum(b.split == "blind" for b in first)
    assert 0.25 * len(first) <= blind <= 0.4 * len(first)
    for persona in personas:
        assert sum(b.labels[persona] for b in bios) >= 40, persona


def test_second_blind_batch_is_new_bios() -> None:
    script = _script()
    bios = script.read_labels(script.FIXTURES / "labels.tsv")
    second = [b for b in bios if b.split == "blind2"]
    assert len(second) >= 300
    # Each bio is labelled once: a blind bio seen again in another split would not be blind.
    ids = [(b.source, b.id) for b in bios]
    assert len(ids) == len(set(ids))
    assert all(b.text.strip() for b in second)


def test_later_batch_is_scored_as_its_own_list() -> None:
    script = _script()
    bios = script.read_labels(script.FIXTURES / "labels.tsv")
    personas = script.read_personas(script.FIXTURES / "personas.toml")
    first = [b for b in bios if b.split not in script.LATER_BATCHES]
    with_later = {(r.persona, r.split): r for r in script.evaluate(bios, personas, ("tune",))}
    alone = {(r.persona, r.split): r for r in script.evaluate(first, personas, ("tune",))}
    assert with_later == alone


def test_auc_counts_ties_as_half() -> None:
    auc = _script().auc
    assert auc(np.array([0.9, 0.1]), np.array([True, False])) == 1.0
    assert auc(np.array([0.5, 0.5]), np.array([True, False])) == 0.5
    assert math.isnan(auc(np.array([0.5]), np.array([True])))


def test_tuning_set_meets_the_issue_goals() -> None:
    script = _script()
    bios = script.read_labels(script.FIXTURES / "labels.tsv")
    personas = script.read_personas(script.FIXTURES / "personas.toml")
    for result in script.evaluate(bios, personas, script.TUNING_SPLITS):
        assert result.auc >= 0.85, result
        assert result.lowest <= 0.10, result


# Reached when the lexicon was widened (issue 11, item 1): AUC at least, share of relevant bios
# at the lowest score at most. Raise them when a change does better; never lower them.
# Raised after the tune2 batch (tie reading, stem collisions, it_whole, more terms).
FLOORS = {
    ("tech", "tune"): (0.98, 0.000), ("tech", "blind"): (0.97, 0.040),
    ("sports", "tune"): (0.98, 0.000), ("sports", "blind"): (0.90, 0.112),
    ("news", "tune"): (0.98, 0.000), ("news", "blind"): (0.89, 0.100),
    ("culture", "tune"): (0.94, 0.039), ("culture", "blind"): (0.97, 0.000),
}


def test_figures_stay_at_or_above_their_floors() -> None:
    script = _script()
    bios = script.read_labels(script.FIXTURES / "labels.tsv")
    personas = script.read_personas(script.FIXTURES / "personas.toml")
    for result in script.evaluate(bios, personas, ("tune", "blind")):
        auc_floor, lowest_ceiling = FLOORS[(result.persona, result.split)]
        assert result.auc >= auc_floor, result
        assert result.lowest <= lowest_ceiling, result


def test_main_prints_both_splits(capsys: pytest.CaptureFixture[str]) -> None:
    script = _script()
    assert script.main([]) == 0
    out = capsys.readouterr().out
    assert "tune " in out and "blind " in out and "blind2" in out and "tune2" in out
    assert "AUC" in out


def test_main_fails_cleanly_without_fixtures(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert _script().main(["--fixtures", str(tmp_path)]) == 2
    err = capsys.readouterr().err
    assert "cannot read fixtures" in err and err[-1] == "\n" and err.count("\n") == 1
