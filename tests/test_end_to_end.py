"""The whole loop: review → confirm 10 unfollows → they are gone → undo → they are back."""

from __future__ import annotations

import csv
import io
from datetime import UTC, datetime
from pathlib import Path

from tests.conftest import Invoke, proposals_json


def test_review_unfollow_ten_then_undo(invoke: Invoke, interactive: None) -> None:
    first = proposals_json(invoke("--demo", "--format", "json", "--all"))
    proposed = [a["handle"] for a in first["accounts"] if a["proposed"]][:10]
    assert len(proposed) == 10

    result = invoke("--demo", "--limit", "10", input="all\n")
    assert result.exit_code == 0, result.output
    assert "Done: 10 unfollow." in result.stdout

    after = proposals_json(invoke("--demo", "--format", "json", "--all"))
    remaining = {a["handle"] for a in after["accounts"]}
    assert after["followed"] == first["followed"] - 10
    assert not remaining & set(proposed)

    # Accounts that are gone cannot be followed again, on the demo as on a real network:
    # the undo brings back the live ones and says which it cannot.
    gone = {a["handle"] for a in first["accounts"] if a["handle"] in proposed and a["dead"]}
    assert gone, "the demo's worst proposals include deleted or suspended accounts"
    undo = invoke("undo", "--demo", input="y\n")
    assert undo.exit_code == 0, undo.output
    assert f"Done: {10 - len(gone)} follow." in undo.stdout
    assert "Cannot be restored, the account is gone: " in undo.stderr
    for handle in gone:
        assert f"@{handle} (" in undo.stderr
    assert "prune undo` reverses" not in undo.stdout  # an undo run is not undone in turn

    back = proposals_json(invoke("--demo", "--format", "json", "--all"))
    assert back["followed"] == first["followed"] - len(gone)
    assert set(proposed) - gone <= {a["handle"] for a in back["accounts"]}

    history = invoke("history", "--demo")
    assert history.exit_code == 0
    assert "10 unfollow done" in history.stdout
    assert f"{10 - len(gone)} follow done" in history.stdout
    # The last run alone (the dry run above) and its actions: none, not every action ever
    # journaled (persona round 10).
    last = invoke("history", "--demo", "--limit", "1")
    assert "dry-run" in last.stdout and "No actions recorded." in last.stdout, last.stdout
    assert "unfollow" not in last.stdout

    # A second undo finds nothing left to reverse.
    assert "Nothing to undo" in invoke("undo", "--demo", "--yes").stdout


def test_a_review_finishes_actions_an_interrupted_run_left_in_flight(
    invoke: Invoke, isolated_env: Path
) -> None:
    """A run killed between intent and outcome: the next acting run completes that intent
    first (unfollows are idempotent) and never journals the same action twice."""
    from followprune.models import ActionKind
    from followprune.store import Store

    first = proposals_json(invoke("--demo", "--format", "json", "--limit", "3"))["accounts"]
    store = Store(isolated_env / "followprune.sqlite3")
    identity = store.find_identity("demo")
    assert identity is not None
    run = store.runs.start(identity, "review", datetime.now(UTC))
    victim = first[0]
    store.journal.record_intent(identity, run, victim["account_id"], victim["handle"],
                                ActionKind.UNFOLLOW, datetime.now(UTC))
    store.close()

    result = invoke("--demo", "--yes", "--limit", "3")
    assert result.exit_code == 0, result.output
    assert "Finished 1 action an interrupted run had left in flight." in result.stderr
    assert "Done: 2 unfollow." in result.stdout

    rows = list(csv.DictReader(io.StringIO(invoke("--demo", "history", "--csv").stdout)))
    assert sorted(r["handle"] for r in rows) == sorted(a["handle"] for a in first)
    assert {r["state"] for r in rows} == {"done"}
