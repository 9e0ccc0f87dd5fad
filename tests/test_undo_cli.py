"""`prune undo` by time range after an undo (the issue 9 scenario, through the CLI), and undo
plans that meet actions a killed run left in flight."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest

from followprune.app.actions import reconcile_before, undo_plan
from followprune.errors import ActionRejected
from followprune.models import ActionKind
from followprune.store import Store
from tests.conftest import Invoke

NOW = datetime(2026, 6, 1, tzinfo=UTC)


def _follows(output: str) -> set[str]:
    return {line.split("@")[1] for line in output.splitlines() if line.startswith("  follow @")}


def test_a_range_undo_never_reverses_an_earlier_undo(invoke: Invoke) -> None:
    # The demo's eight gone accounts are the worst, so all are in the first run: the second
    # run's twelve can all be followed again.
    for _ in range(2):
        acted = invoke("--demo", "--yes", "--limit", "12")
        assert acted.exit_code == 0, acted.output
    last = invoke("undo", "--demo", "--yes")
    assert last.exit_code == 0, last.output
    restored = _follows(last.stdout)
    assert len(restored) == 12

    ranged = invoke("undo", "--demo", "--since", "2000-01-01", "--yes")
    assert ranged.exit_code == 0, ranged.output
    assert "unfollow @" not in ranged.stdout  # the undo's own follows are not reversed
    assert len(_follows(ranged.stdout)) == 4  # only the first run's live four are left
    assert "Cannot be restored, the account is gone: " in ranged.stderr
    assert not restored & _follows(ranged.stdout)

    again = invoke("undo", "--demo", "--since", "2000-01-01", "--yes")
    assert again.exit_code == 0, again.output
    assert "Nothing to undo" in again.stdout


def test_the_reversal_of_an_in_flight_action_that_never_happened_is_dropped(
    tmp_path: Path,
) -> None:
    store = Store(tmp_path / "s.sqlite3")
    me = store.identity("demo", "0", "me")
    run = store.runs.start(me, "review", NOW)
    gone = store.journal.record_intent(me, run, "404", "gone", ActionKind.UNFOLLOW, NOW)
    there = store.journal.record_intent(me, run, "7", "there", ActionKind.MUTE, NOW)
    # A kill left both in flight: an undo plans to reverse both, since either may have
    # reached the network.
    plan = undo_plan(store.journal.actions(me), store.journal.undone(me))
    assert [(a.account_id, a.kind, a.undo_of) for a in plan] == [
        ("7", ActionKind.UNMUTE, there), ("404", ActionKind.FOLLOW, gone)]

    acted: list[tuple[ActionKind, str]] = []

    class Network:
        def act(self, kind: ActionKind, account_id: str) -> None:
            if account_id == "404":
                raise ActionRejected("no such account")
            acted.append((kind, account_id))

        def is_following(self, account_id: str) -> bool | None:
            return None  # the account is gone: no tie to tell

    pending, remaining = reconcile_before(store, Network(), me, plan, NOW)  # type: ignore[arg-type]
    assert {r.id for r in pending} == {gone, there}
    # The unfollow of the missing account failed, so there is nothing to follow back.
    assert [(a.account_id, a.kind) for a in remaining] == [("7", ActionKind.UNMUTE)]
    assert acted == [(ActionKind.MUTE, "7")]
    store.close()


def test_a_run_and_a_time_range_together_are_refused(invoke: Invoke) -> None:
    result = invoke("undo", "--demo", "--run", "1", "--since", "2020-01-01", "--yes")
    assert result.exit_code == 2
    assert "--run and --since/--until choose what to undo in two ways" in result.output


def test_a_range_starting_in_the_future_has_nothing_to_undo(invoke: Invoke) -> None:
    assert invoke("--demo", "--yes", "--limit", "3").exit_code == 0
    later = invoke("undo", "--demo", "--since", "2999-01-01", "--yes")
    assert later.exit_code == 0, later.output  # as every other "nothing to undo"
    assert later.stdout.startswith("Nothing to undo in the chosen time range: --since"
                                   " 2999-01-01 00:00 is in the future (now is ")


@pytest.mark.usefixtures("interactive")
@pytest.mark.parametrize("typed,done", [("sí", True), ("si\u0301", True), ("SIM", True),
                                        ("não", False), ("", False), ("maybe\ny", True)])
def test_the_confirmation_takes_yes_in_spanish_and_portuguese(
    invoke: Invoke, typed: str, done: bool
) -> None:
    # Found: "sí" at "Go ahead?" was "Error: invalid input", asked again.
    for _ in range(2):
        assert invoke("--demo", "--yes", "--limit", "12").exit_code == 0
    result = invoke("undo", "--demo", input=typed + "\n")
    assert result.exit_code == 0, result.output
    assert ("Done: " in result.stdout) is done, result.output
    assert ("Error: invalid input" in result.output) is typed.startswith("maybe")


def test_the_plan_says_which_accounts_cannot_be_restored_before_asking(
    invoke: Invoke, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Persona round 16 stopped an undo during its pacing: nothing had said the run's gone
    # accounts were left out of the plan, which it says now with the plan, before asking.
    acted = invoke("--demo", "--yes", "--limit", "12")
    assert acted.exit_code == 0, acted.output
    monkeypatch.setattr("followprune.render.console.stdin_is_interactive", lambda: True)
    declined = invoke("undo", "--demo", input="n\n")
    assert "Cannot be restored, the account is gone: " in declined.stderr
    assert declined.stderr.count("Cannot be restored") == 1
    assert declined.output.index("Cannot be restored") < declined.output.index("Go ahead?")
    assert "Nothing was changed." in declined.stdout
