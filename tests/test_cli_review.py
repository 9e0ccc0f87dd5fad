"""The review journey through the CLI on the demo network."""

from __future__ import annotations

import csv
import io
import sqlite3
from pathlib import Path

import pytest

from followprune.cli.main import cli
from tests.conftest import Invoke, proposals_json


def test_help_lists_every_command_with_help(invoke: Invoke) -> None:
    result = invoke("--help")
    assert result.exit_code == 0
    for name, command in cli.commands.items():
        assert name in result.output
        assert command.get_short_help_str(), f"{name} has no help text"


def test_version(invoke: Invoke) -> None:
    result = invoke("--version")
    assert result.exit_code == 0
    assert result.output.startswith("prune, version ")


def test_version_is_looked_up_only_when_asked() -> None:
    # `prune --help` and every run import the package and the CLI; importlib.metadata, which
    # only the version needs, is left out of that start-up (issue 17).
    import importlib.metadata
    import subprocess
    import sys

    import followprune

    probe = "import sys, followprune.cli.main; print('importlib.metadata' in sys.modules)"
    started = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True,
                             check=True)
    assert started.stdout.strip() == "False"
    assert followprune.__version__ == importlib.metadata.version("followprune")
    with pytest.raises(AttributeError, match="no attribute 'no_such_name'"):
        _ = followprune.no_such_name


def test_demo_dry_run_shows_table_and_summary(invoke: Invoke) -> None:
    result = invoke("--demo", "--dry-run")
    assert result.exit_code == 0, result.output
    assert "Following 544 accounts on demo" in result.stdout
    assert "proposed" in result.stdout
    assert "Dry run: nothing was changed." in result.stderr
    # Table header and at least one reason in words.
    assert "last active" in result.stdout and "why" in result.stdout


def test_json_lists_proposals_worst_first_with_reasons(invoke: Invoke) -> None:
    data = proposals_json(invoke("--demo", "--format", "json"))
    accounts = data["accounts"]
    assert data["followed"] == 544
    assert 0 < len(accounts) <= 50
    dead = [a for a in accounts if a["dead"]]
    assert accounts[: len(dead)] == dead, "dead accounts come first"
    alive = [a["keep"] for a in accounts if not a["dead"]]
    assert alive == sorted(alive)
    assert all(a["proposed"] and a["reasons"] and a["action"] == "unfollow" for a in accounts)
    assert set(accounts[0]["components"]) == {"relevance", "interaction", "geography", "quality"}


def test_json_changes_nothing_without_yes(invoke: Invoke, isolated_env: Path) -> None:
    invoke("--demo", "--format", "json")
    db = sqlite3.connect(isolated_env / "followprune.sqlite3")
    assert db.execute("SELECT COUNT(*) FROM actions").fetchone() == (0,)


@pytest.mark.parametrize("fmt", ["json", "csv", "html"])
def test_a_document_on_stdout_stays_whole_when_the_run_acts(invoke: Invoke, fmt: str) -> None:
    """`--format json --yes | jq` must parse: what was done goes to stderr, after the
    document, not into it (probe round 10: 'Done: …' ended the JSON as extra data)."""
    import json

    result = invoke("--demo", "--format", fmt, "--yes", "--limit", "2")
    assert result.exit_code == 0, result.output
    assert "Done: 2 unfollow." in result.stderr and "Done" not in result.stdout
    if fmt == "json":
        assert len(json.loads(result.stdout)["accounts"]) == 2
    elif fmt == "csv":
        assert len(list(csv.DictReader(io.StringIO(result.stdout)))) == 2
    else:
        assert result.stdout.rstrip().endswith("</html>")


def test_csv_and_limit(invoke: Invoke) -> None:
    result = invoke("--demo", "--format", "csv", "--limit", "7")
    assert result.exit_code == 0
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert len(rows) == 7
    assert {"handle", "keep", "relevance", "reasons"} <= set(rows[0])


def test_all_needs_a_machine_format(invoke: Invoke) -> None:
    result = invoke("--demo", "--all")
    assert result.exit_code == 2
    assert "--all only works with --format json, csv or html" in result.stderr


def test_without_terminal_or_yes_nothing_happens(invoke: Invoke, isolated_env: Path) -> None:
    result = invoke("--demo")
    assert result.exit_code == 8
    assert "nobody can confirm" in result.stderr
    assert "--dry-run" in result.stderr and "--yes" in result.stderr
    db = sqlite3.connect(isolated_env / "followprune.sqlite3")
    assert db.execute("SELECT COUNT(*) FROM actions").fetchone() == (0,)


def test_quit_changes_nothing(invoke: Invoke, interactive: None, isolated_env: Path) -> None:
    result = invoke("--demo", "--limit", "5", input="quit\n")
    assert result.exit_code == 0, result.output
    assert "Quit: nothing was changed." in result.stderr
    db = sqlite3.connect(isolated_env / "followprune.sqlite3")
    assert db.execute("SELECT COUNT(*) FROM actions").fetchone() == (0,)


def test_keep_mute_then_apply(invoke: Invoke, interactive: None) -> None:
    before = proposals_json(invoke("--demo", "--format", "json", "--limit", "6"))["accounts"]
    handles = [a["handle"] for a in before]
    answers = f"bogus\nkeep 1,3-4\nmute @{handles[1]}\nall\n"
    result = invoke("--demo", "--limit", "6", input=answers)
    assert result.exit_code == 0, result.output
    assert "unknown command 'bogus'" in result.stdout
    assert "Done: 1 mute, 2 unfollow." in result.stdout
    history = invoke("--demo", "history", "--csv")
    rows = list(csv.DictReader(io.StringIO(history.stdout)))
    acted = {(r["handle"], r["kind"], r["state"]) for r in rows}
    assert acted == {
        (handles[1], "mute", "done"),
        (handles[4], "unfollow", "done"),
        (handles[5], "unfollow", "done"),
    }


def test_explain_shows_components_and_verdict(invoke: Invoke) -> None:
    worst = proposals_json(invoke("--demo", "--format", "json", "--limit", "1"))["accounts"][0]
    result = invoke("explain", "--demo", "@" + worst["handle"])
    assert result.exit_code == 0, result.output
    for word in ("relevance", "interaction", "geography", "quality", "keep score", "proposed"):
        assert word in result.stdout


def test_explain_unknown_handle(invoke: Invoke) -> None:
    result = invoke("explain", "--demo", "@nobody_here")
    assert result.exit_code == 2
    assert "@nobody_here is not among the 544 accounts you follow on demo" in result.stderr


def test_history_before_any_run(invoke: Invoke) -> None:
    result = invoke("history", "--demo")
    assert result.exit_code == 2
    assert "no runs on demo yet" in result.stderr


def test_undo_needs_confirmation_off_terminal(invoke: Invoke) -> None:
    # Mutes: the demo's worst two are gone accounts, which an undo would not follow again.
    env = {"FOLLOWPRUNE_PROPOSALS_ACTION": "mute"}
    assert invoke("--demo", "--yes", "--limit", "2", env=env).exit_code == 0
    result = invoke("undo", "--demo")
    assert result.exit_code == 8
    assert "add --yes" in result.stderr


def test_undo_with_nothing_to_undo(invoke: Invoke) -> None:
    invoke("--demo", "--dry-run")
    result = invoke("undo", "--demo", "--yes")
    assert result.exit_code == 0
    assert "Nothing to undo" in result.stdout


def test_from_file_is_read_only(invoke: Invoke, tmp_path: Path) -> None:
    path = tmp_path / "users.jsonl"
    path.write_text(
        '{"id": "1", "username": "a", "description": "rust", "public_metrics":'
        ' {"followers_count": 5, "following_count": 4000, "tweet_count": 3, "listed_count": 0}}\n'
        '{"id": "2", "username": "b", "description": "python", "public_metrics":'
        ' {"followers_count": 500, "following_count": 400, "tweet_count": 3000,'
        ' "listed_count": 9}}\n',
        encoding="utf-8",
    )
    data = proposals_json(invoke("--from", str(path), "--all", "--format", "json"))
    assert {a["handle"] for a in data["accounts"]} == {"a", "b"}
    assert invoke("--from", str(tmp_path / "missing.jsonl")).exit_code == 2


@pytest.mark.parametrize("bad", [
    "not json\n", "[1, 2]\n", '{"username": "x"}\n',
    # No account has a trillion followers: 2**63 - 1 is no count (probe round 10).
    '{"id": "1", "username": "x", "public_metrics": {"followers_count": 9223372036854775807}}\n',
])
def test_from_file_bad_lines(invoke: Invoke, tmp_path: Path, bad: str) -> None:
    path = tmp_path / "bad.jsonl"
    path.write_text(bad, encoding="utf-8")
    result = invoke("--from", str(path))
    assert result.exit_code == 2
    assert f"{path}, line 1" in result.stderr


def test_undo_of_an_unknown_run(invoke: Invoke) -> None:
    invoke("--demo", "--dry-run")
    result = invoke("undo", "--demo", "--run", "9999", "--yes")
    assert result.exit_code == 2
    assert "there is no run 9999" in result.stderr


def test_config_init_into_an_unwritable_place(invoke: Invoke) -> None:
    result = invoke("config", "init", "--path", "/proc/no/such/config.toml")
    assert result.exit_code == 2
    assert "cannot write /proc/no/such/config.toml" in result.stderr


def test_an_internal_error_is_one_line_not_a_traceback(
    invoke: Invoke, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(*args: object, **kwargs: object) -> None:
        raise ZeroDivisionError("simulated bug")

    monkeypatch.setattr("followprune.app.review.score_all", broken)
    result = invoke("--demo", "--dry-run")
    assert result.exit_code == 1
    assert "Error: internal error: ZeroDivisionError: simulated bug" in result.stderr
    assert "Traceback" not in result.output


@pytest.mark.parametrize("encoding", ["cp1252", "ascii"])
def test_an_output_encoding_without_every_character_shows_question_marks_not_an_error(
    isolated_env: Path, encoding: str
) -> None:
    """A Windows console or PYTHONIOENCODING=ascii cannot show a score bar or an emoji: the
    run goes on with "?" there (probe round 10: exit 1, blamed on the store)."""
    import os
    import subprocess
    import sys

    env = {**os.environ, "PYTHONIOENCODING": encoding, "FOLLOWPRUNE_HOME": str(isolated_env)}
    for args in (["--demo", "--dry-run"], ["locate", "東京"]):
        run = subprocess.run([sys.executable, "-m", "followprune", *args], env=env,
                             capture_output=True, timeout=120)
        assert run.returncode == 0, run.stderr.decode(encoding, "replace")
        assert b"store" not in run.stderr
    assert b"Tokyo" in run.stdout
