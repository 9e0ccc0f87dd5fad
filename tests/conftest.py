from __future__ import annotations

import json
import os
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result

from followprune.cli.main import cli


@pytest.fixture(autouse=True)
def isolated_env(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """Every test gets its own store and config folder and no inherited settings."""
    for name in list(os.environ):
        if name.startswith(("FOLLOWPRUNE_", "X_")):
            monkeypatch.delenv(name)
    home = tmp_path / "home"
    monkeypatch.setenv("FOLLOWPRUNE_HOME", str(home))
    monkeypatch.setenv("NO_COLOR", "1")
    yield home


Invoke = Callable[..., Result]


@pytest.fixture
def invoke() -> Invoke:
    runner = CliRunner()

    def run(*args: str, input: str | None = None, env: dict[str, str] | None = None) -> Result:
        return runner.invoke(cli, list(args), input=input, env=env, catch_exceptions=False)

    return run


@pytest.fixture
def interactive(monkeypatch: pytest.MonkeyPatch) -> None:
    """Pretend stdin is a terminal so the review prompt is shown."""
    monkeypatch.setattr("followprune.render.console.stdin_is_interactive", lambda: True)


def proposals_json(result: Result) -> dict[str, Any]:
    assert result.exit_code == 0, result.output
    data: dict[str, Any] = json.loads(result.stdout)
    return data
