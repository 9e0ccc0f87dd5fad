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
    assert "Finished 1 action an interrupted run had left in flight." in again.stderr


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


def test_a_paced_run_says_how_long_it_will_wait_and_why_before_the_first_wait(
    configured: Path, invoke: Invoke, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Found: a cron log showed only "sleeping 40.0s (pacing)" after each action, nowhere
    # why the run would take minutes or which settings made it so.
    from followprune.networks.demo import DemoNetwork

    monkeypatch.setattr(DemoNetwork, "paced", True)
    configured.write_text(configured.read_text().replace("delay_seconds = 0",
                                                         "delay_seconds = 40"))
    slept: list[float] = []
    monkeypatch.setattr("followprune.app.actions.pause", slept.append)
    invoke("--auto")
    result = invoke("--auto")
    assert result.exit_code == 4, result.output  # the per-run cap of 3
    said = ("pacing 3 actions: 40 s apart (actions.delay_seconds, actions.jitter_seconds), at"
            " most 15 in any 15 minutes (actions.per_15_minutes): about 80 s of waiting in all")
    assert result.stderr.count(said) == 1, result.stderr
    assert result.stderr.index(said) < result.stderr.index("sleeping ")
    assert len(slept) == 2


def test_the_expected_wait_counts_the_15_minute_cap(tmp_path: Path) -> None:
    from followprune.app.actions import Pacer
    from followprune.config import ActionSettings
    from followprune.store import Store

    with Store(tmp_path / "s.sqlite3") as store:
        me = store.identity("x", "1", "me")
        settings = ActionSettings(per_run=10, per_15_minutes=4, delay_seconds=2,
                                  jitter_seconds=2)
        pacer = Pacer(settings, store, me)
        # 9 pauses of 3 s on average, and the cap of 4 fills twice: two 15-minute windows.
        assert pacer.expected_wait(10) == 9 * 3 + 2 * 900
        assert pacer.expected_wait(50) == pacer.expected_wait(10)  # at most per_run
        assert pacer.expected_wait(1) == 0
        assert Pacer(settings, store, me, paced=False).expected_wait(10) == 0
        # Near the daily cap only what is left of it is paced (and announced): 5 of 10.
        daily = ActionSettings(per_run=10, per_day=5, per_15_minutes=4, delay_seconds=2,
                               jitter_seconds=2)
        near = Pacer(daily, store, me)
        assert near.actions_left(10) == 5
        assert near.expected_wait(10) == 4 * 3 + 1 * 900
