"""The persona evaluation runs on its committed fixtures: every labelled handle is in its
follow list, and the agreement each list reached when its round's fixes landed holds, a
little below, as a floor against regressions."""

from __future__ import annotations

import importlib.util
import json
import sys
from pathlib import Path
from types import ModuleType

import pytest

SCRIPT = Path(__file__).parents[1] / "scripts" / "eval_persona.py"


def _script() -> ModuleType:
    spec = importlib.util.spec_from_file_location("eval_persona", SCRIPT)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["eval_persona"] = module
    spec.loader.exec_module(module)
    return module


# Each list's agreement when its round's fixes landed, less a label or two: Lagos 94.0 %
# (2026-12-04), Bogotá 80.5 %, Berlin 83.6 %, India 88.5 %, Japan 81.7 %, Chicago 90.2 %
# (2026-12-05).
FLOORS = {"lagos": 0.93, "bogota": 0.78, "berlin": 0.82, "india": 0.87, "japan": 0.80,
          "chicago": 0.88, "brazil": 0.89, "cairo": 0.82}


def test_every_persona_list_has_a_floor_and_a_date() -> None:
    script = _script()
    folders = {p.name for p in script.PERSONAS.iterdir() if p.is_dir()}
    assert folders == set(FLOORS) <= set(script.AS_OF)


@pytest.mark.parametrize("name", sorted(FLOORS))
def test_every_label_names_an_account_of_the_list(name: str) -> None:
    folder = _script().PERSONAS / name
    handles = set()
    for line in (folder / "follows.jsonl").open(encoding="utf-8"):
        found = json.loads(line)
        # A user object, or a page of them with their pinned posts (as twarc2 writes it).
        users = found.get("data", [found])
        handles |= {user["username"].lower() for user in users}
    labels = [json.loads(line) for line in (folder / "labels.jsonl").open(encoding="utf-8")]
    assert len(labels) >= 100
    assert {label["handle"].lower() for label in labels} <= handles
    assert {label["label"] for label in labels} == {"keep", "unfollow"}


@pytest.mark.parametrize("name", sorted(FLOORS))
def test_each_list_keeps_its_agreement(name: str, capsys: pytest.CaptureFixture[str]) -> None:
    script = _script()
    share = script.evaluate(script.PERSONAS / name)
    assert share >= FLOORS[name]
    assert f"{name}:" in capsys.readouterr().out
