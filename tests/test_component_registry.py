"""A component plugs in at one place: register it, and scores, storage, JSON, CSV, the table
and explain all carry it."""

from __future__ import annotations

import csv
import io
import json
import sqlite3
from collections.abc import Iterator, Sequence
from pathlib import Path

import pytest

from followprune import components
from followprune.scoring.components import Component, Reason
from followprune.scoring.context import ScoringContext
from tests.conftest import Invoke

STUB = components.ComponentSpec(
    "stub", 0.05, "stub", "stubbed", "a component made up by the tests",
    scorer="tests.test_component_registry:stub_of_list", needs_profile=False,
)


def stub_of_list(context: ScoringContext) -> Sequence[Component]:
    """Longer handles score higher: enough to see the component move and explain itself."""
    return [
        Component(min(1.0, len(a.handle) / 20), (Reason(f"handle of {len(a.handle)} letters",
                                                         0.01),),
                  {"letters": len(a.handle)})
        for a in context.accounts
    ]


@pytest.fixture
def stub() -> Iterator[None]:
    components.register(STUB)
    yield
    components.unregister("stub")


def test_a_registered_component_is_scored_stored_and_shown(
    invoke: Invoke, stub: None, isolated_env: Path
) -> None:
    data = json.loads(invoke("--demo", "--dry-run", "--format", "json", "--all").stdout)
    first = data["accounts"][0]
    assert list(first["components"]) == ["relevance", "interaction", "geography", "quality",
                                         "stub"]
    assert first["components"]["stub"] == round(min(1.0, len(first["handle"]) / 20), 4)

    rows = list(csv.DictReader(io.StringIO(
        invoke("--demo", "--dry-run", "--format", "csv").stdout)))
    assert "stub" in rows[0]

    html = invoke("--demo", "--dry-run", "--format", "html", "--limit", "3").stdout
    assert ">stub<" in html or "stub" in html.split("<table", 1)[-1]

    table = invoke("--demo", "--dry-run", "--limit", "3").stdout
    assert "stub" in table.splitlines()[0] or "stub" in table

    explained = invoke("explain", "--demo", f"@{first['handle']}")
    assert explained.exit_code == 0, explained.output
    assert "stub" in explained.stdout and "handle of " in explained.stdout
    as_json = json.loads(invoke("explain", "--demo", f"@{first['handle']}", "--format",
                                "json").stdout)
    assert as_json["components"]["stub"]["weight"] == STUB.weight
    assert as_json["components"]["stub"]["facts"] == {"letters": len(first["handle"])}

    with sqlite3.connect(isolated_env / "followprune.sqlite3") as db:
        stored = db.execute("SELECT components FROM scores LIMIT 1").fetchone()[0]
    assert "stub" in json.loads(stored)


def test_without_the_stub_the_four_built_ins_remain(invoke: Invoke) -> None:
    data = json.loads(invoke("--demo", "--dry-run", "--format", "json", "--limit", "1").stdout)
    assert list(data["accounts"][0]["components"]) == list(components.component_names())
    assert components.component_names() == ("relevance", "interaction", "geography",
                                            "quality")


def test_weights_in_the_config_follow_the_registry(invoke: Invoke, isolated_env: Path) -> None:
    isolated_env.mkdir(parents=True, exist_ok=True)
    (isolated_env / "config.toml").write_text("[weights]\npopularity = 1.0\n", encoding="utf-8")
    result = invoke("config", "show")
    assert result.exit_code == 2
    # The [weights] keys are the components registered when the config module was loaded.
    assert "weights.popularity: unknown key (expected one of: relevance, interaction," \
        " geography, quality" in result.stderr
