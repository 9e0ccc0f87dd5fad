"""The whole loop: review → confirm 10 unfollows → they are gone → undo → they are back."""

from __future__ import annotations

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

    undo = invoke("undo", "--demo", input="y\n")
    assert undo.exit_code == 0, undo.output
    assert "Done: 10 follow." in undo.stdout

    back = proposals_json(invoke("--demo", "--format", "json", "--all"))
    assert back["followed"] == first["followed"]
    assert set(proposed) <= {a["handle"] for a in back["accounts"]}

    history = invoke("history", "--demo")
    assert history.exit_code == 0
    assert "10 unfollow done" in history.stdout and "10 follow done" in history.stdout
    # A second undo finds nothing left to reverse.
    assert "Nothing to undo" in invoke("undo", "--demo", "--yes").stdout
