"""Every command has help and is in the README; `prune --help` stays light."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import click
import pytest

from followprune.cli.main import cli

README = (Path(__file__).parents[1] / "README.md").read_text(encoding="utf-8")


def all_commands() -> list[tuple[str, click.Command]]:
    found = []
    for name, command in cli.commands.items():
        found.append((name, command))
        if isinstance(command, click.Group):
            found += [(f"{name} {sub}", c) for sub, c in command.commands.items()]
    return found


@pytest.mark.parametrize("name,command", all_commands(), ids=lambda v: str(v))
def test_every_command_has_help_and_is_documented(name: str, command: click.Command) -> None:
    assert command.help, f"`prune {name}` has no help text"
    assert f"prune {name}" in README, f"`prune {name}` is not in the README"


def test_every_option_has_help() -> None:
    for name, command in [("", cli), *all_commands()]:
        for param in command.params:
            if isinstance(param, click.Option) and param.name not in ("help", "version"):
                assert param.help, f"option {param.opts} of `prune {name}` has no help"


def test_help_imports_no_heavy_modules() -> None:
    code = (
        "import sys\n"
        "from followprune.cli.main import cli\n"
        "try:\n    cli.main(['--help'], prog_name='prune')\nexcept SystemExit:\n    pass\n"
        "heavy = [m for m in ('rich', 'pydantic', 'tweepy', 'numpy', 'sqlite3')"
        " if m in sys.modules]\n"
        "print('HEAVY', heavy)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert "HEAVY []" in out.stdout


def test_python_dash_m_runs_the_cli() -> None:
    out = subprocess.run([sys.executable, "-m", "followprune", "--version"],
                         capture_output=True, text=True, check=True)
    assert out.stdout.startswith("prune, version ")
