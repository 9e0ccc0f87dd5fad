"""What `prune --auto` prints: a count of the matches left after a cap (the list goes to
--report), one line for an unexpected error (the traceback only in the log), and what Ctrl-C
says when it lands while an action is in flight."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from followprune.errors import InterruptedInFlight
from followprune.models import ActionKind
from tests.conftest import Invoke
from tests.test_auto import CAPS
from tests.test_rules import RULES_TOML, write_config


@pytest.fixture
def configured(isolated_env: Path) -> Path:
    return write_config(isolated_env, RULES_TOML + CAPS)


def test_matches_left_after_a_cap_are_counted_not_listed(configured: Path,
                                                          invoke: Invoke) -> None:
    invoke("--auto")
    report = configured.parent / "last.json"
    result = invoke("--auto", "--report", str(report))
    assert result.exit_code == 4, result.output
    data = json.loads(report.read_text(encoding="utf-8"))
    left = [a for a in data["actions"] if a["outcome"] == "not attempted"]
    assert len(left) > 3  # the cap of 3 stopped far more than it let through
    assert f"  {len(left)} matches left for the next runs" in result.stdout
    assert "not attempted " not in result.stdout  # no line per account
    assert sum(1 for line in result.stdout.splitlines() if line.startswith("  done ")) == 3


def test_an_unexpected_error_is_one_line_on_stderr(
    configured: Path, invoke: Invoke, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(*args: object, **kwargs: object) -> None:
        raise UnicodeDecodeError("utf-8", bytes(range(256)) * 16, 5, 6, "invalid start byte")

    monkeypatch.setattr("followprune.app.auto.prepare_review", broken)
    result = invoke("--auto")
    assert result.exit_code == 1
    assert "Traceback" not in result.stderr and "\\x" not in result.stderr
    errors = [line for line in result.stderr.splitlines() if line.startswith("Error:")]
    assert errors == ["Error: unexpected error: UnicodeDecodeError: 'utf-8' codec can't decode"
                      " byte 0x05 in position 5: invalid start byte"]
    assert len(result.stderr.splitlines()) <= 8  # the log lines of the run, no traceback
    log = (configured.parent / "logs" / "followprune.log").read_text(encoding="utf-8")
    assert "Traceback" in log and "auto run crashed" in log


@pytest.mark.parametrize("when", ["during the call", "after the call"])
def test_ctrl_c_with_an_action_in_flight(
    isolated_env: Path, invoke: Invoke, monkeypatch: pytest.MonkeyPatch, when: str
) -> None:
    from followprune.networks.demo import DemoNetwork

    real = DemoNetwork.act

    def interrupted(self: DemoNetwork, kind: ActionKind, account_id: str) -> None:
        if when == "after the call":
            real(self, kind, account_id)
        raise KeyboardInterrupt

    monkeypatch.setattr(DemoNetwork, "act", interrupted)
    result = invoke("--demo", "--yes", "--limit", "2")
    assert result.exit_code == 130, result.output
    assert ("Error: interrupted; the last action may have gone through; the next run checks it"
            in result.stderr)
    assert "nothing further was changed" not in result.stderr
    monkeypatch.setattr(DemoNetwork, "act", real)
    again = invoke("--demo", "--yes", "--limit", "2")
    assert again.exit_code == 0, again.output
    assert "Finished 1 actions an interrupted run had left in flight." in again.stderr


def test_ctrl_c_between_actions_changed_nothing_further(
    isolated_env: Path, invoke: Invoke, monkeypatch: pytest.MonkeyPatch
) -> None:
    def interrupted(self: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr("followprune.app.actions.Pacer.before_call", interrupted)
    result = invoke("--demo", "--yes", "--limit", "2")
    assert result.exit_code == 130
    assert "nothing further was changed" in result.stderr


def test_interrupted_in_flight_is_still_a_keyboard_interrupt() -> None:
    # Code that stops on Ctrl-C (except KeyboardInterrupt) keeps doing so.
    assert issubclass(InterruptedInFlight, KeyboardInterrupt)
