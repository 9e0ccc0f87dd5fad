"""One output layer: every command writes through render/output.py, JSON carries its schema."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import click
import pytest

from followprune.cli.main import cli
from followprune.render import output
from tests.conftest import Invoke


def _format_options() -> list[tuple[str, click.Option]]:
    found = []
    commands: list[tuple[str, click.Command]] = [("", cli)]
    for name, command in cli.commands.items():
        commands.append((name, command))
        if isinstance(command, click.Group):
            commands += [(f"{name} {sub}", c) for sub, c in command.commands.items()]
    for name, command in commands:
        for param in command.params:
            if isinstance(param, click.Option) and "--format" in param.opts:
                found.append((name, param))
    return found


def test_every_format_option_offers_what_the_output_layer_can_write() -> None:
    options = _format_options()
    assert {name for name, _ in options} >= {"", "explain", "locate", "rules check", "history"}
    for name, option in options:
        assert isinstance(option.type, click.Choice)
        offered = set(option.type.choices)
        assert any(offered == set(output.formats_of(kind)) for kind in output.WRITERS), name


@pytest.mark.parametrize("args,kind", [
    (["--demo", "--dry-run", "--format", "json", "--limit", "3"], "proposals"),
    (["locate", "Berlin", "--format", "json"], "places"),
    (["history", "--demo", "--format", "json"], "history"),
])
def test_json_documents_carry_their_schema(invoke: Invoke, args: list[str], kind: str) -> None:
    invoke("--demo", "--dry-run")  # a run, so history has something
    result = invoke(*args)
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["schema_version"] == output.SCHEMA_VERSION and data["kind"] == kind


def test_explain_as_json(invoke: Invoke) -> None:
    listed = json.loads(invoke("--demo", "--dry-run", "--format", "json", "--limit", "1").stdout)
    handle = listed["accounts"][0]["handle"]
    data = json.loads(invoke("explain", "--demo", handle, "--format", "json").stdout)
    assert data["kind"] == "explanation" and data["account"]["handle"] == handle
    assert set(data["components"]) == {"relevance", "interaction", "geography", "quality"}
    quality = data["components"]["quality"]
    assert {"value", "weight", "confidence", "reasons", "facts"} <= set(quality)
    assert data["verdict"].startswith(("proposed", "kept", "never proposed"))


def test_rules_check_as_json(invoke: Invoke, isolated_env: Path) -> None:
    isolated_env.mkdir(parents=True, exist_ok=True)
    (isolated_env / "config.toml").write_text(
        '[[auto.rules]]\nname = "gone"\ndead = true\n', encoding="utf-8")
    data = json.loads(invoke("rules", "check", "--demo", "--format", "json").stdout)
    assert data["kind"] == "rules-check" and data["rules"][0]["name"] == "gone"


def test_history_csv_by_format_and_by_the_old_flag(invoke: Invoke) -> None:
    assert invoke("--demo", "--yes", "--limit", "2").exit_code == 0
    new = invoke("history", "--demo", "--format", "csv").stdout
    old = invoke("history", "--demo", "--csv").stdout
    assert new == old
    rows = list(csv.DictReader(io.StringIO(new)))
    assert len(rows) == 2 and {r["kind"] for r in rows} == {"unfollow"}


def test_report_file_format_comes_from_the_registry(tmp_path: Path) -> None:
    assert output.format_of_file("auto-report", tmp_path / "r.md", "--report") == "markdown"
    assert output.format_of_file("auto-report", tmp_path / "r.JSON", "--report") == "json"
    from followprune.errors import InputError

    with pytest.raises(InputError, match=r"must end in one of \.html, \.json, \.md"):
        output.format_of_file("auto-report", tmp_path / "r.txt", "--report")


def test_a_new_format_plugs_in_at_one_place(invoke: Invoke,
                                            monkeypatch: pytest.MonkeyPatch) -> None:
    """A format is a Format line and a writer per document; the --format choices, help and
    dispatch follow (choices are read when the command is built, so this checks dispatch)."""
    monkeypatch.setitem(output.FORMATS, "lines", output.Format("lines", "one handle a line"))
    monkeypatch.setitem(output.WRITERS, "places", {**output.WRITERS["places"],
                                                   "lines": "tests.test_output_layer:_lines"})
    buffer = io.StringIO()
    from rich.console import Console

    from followprune.render.documents import Places
    from followprune.scoring.geography import resolve_location

    output.write("places", "lines", Places([("Berlin", resolve_location("Berlin"))]),
                 Console(file=buffer))
    assert buffer.getvalue() == "Berlin DE\n"
    assert "lines" in output.formats_of("places")


def _lines(document: object, console: object) -> None:
    from rich.console import Console

    from followprune.render.documents import Places

    assert isinstance(document, Places) and isinstance(console, Console)
    for text, place in document.resolved:
        console.file.write(f"{text} {place.country}\n")


def test_a_format_given_before_the_subcommand_carries_down(invoke: Invoke) -> None:
    review = invoke("--demo", "--dry-run", "--format", "json")
    assert review.exit_code == 0
    history = invoke("--demo", "--format", "json", "history")
    assert history.exit_code == 0, history.output
    runs = json.loads(history.stdout)["runs"]
    # The run counts every proposal, as the review's own document does, not the --limit.
    assert runs[0]["proposed"] == json.loads(review.stdout)["proposed"] > 50
    own = invoke("--demo", "--format", "json", "history", "--format", "table")
    assert own.exit_code == 0 and not own.stdout.lstrip().startswith("{")
    refused = invoke("--format", "html", "locate", "Berlin")
    assert refused.exit_code == 2
    assert "locate` cannot write html; it writes table, json" in refused.output
