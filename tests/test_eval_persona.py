"""The persona evaluation runs on its committed fixtures: every labelled handle is in the
follow list, and the agreement reached on the Lagos list (89.7 % on 2026-12-04, from 82.9 %)
holds as a floor against regressions."""

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


def test_every_label_names_an_account_of_the_list() -> None:
    folder = _script().PERSONAS / "lagos"
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


def test_the_lagos_list_keeps_its_agreement(capsys: pytest.CaptureFixture[str]) -> None:
    script = _script()
    share = script.evaluate(script.PERSONAS / "lagos")
    assert share >= 0.93
    assert "lagos:" in capsys.readouterr().out
