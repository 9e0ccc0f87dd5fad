"""`prune undo` by time range after an undo: the issue 9 scenario, through the CLI."""

from __future__ import annotations

from tests.conftest import Invoke


def test_a_range_undo_never_reverses_an_earlier_undo(invoke: Invoke) -> None:
    for _ in range(2):
        acted = invoke("--demo", "--yes", "--limit", "3")
        assert acted.exit_code == 0, acted.output
    last = invoke("undo", "--demo", "--yes")
    assert last.exit_code == 0, last.output
    assert last.stdout.count("  follow @") == 3
    restored = {line.split("@")[1] for line in last.stdout.splitlines()
                if line.startswith("  follow @")}

    ranged = invoke("undo", "--demo", "--since", "2000-01-01", "--yes")
    assert ranged.exit_code == 0, ranged.output
    assert "unfollow @" not in ranged.stdout  # the undo's own follows are not reversed
    assert ranged.stdout.count("  follow @") == 3  # only the first run's three are left
    assert not restored & {line.split("@")[1] for line in ranged.stdout.splitlines()
                           if line.startswith("  follow @")}

    again = invoke("undo", "--demo", "--since", "2000-01-01", "--yes")
    assert again.exit_code == 0, again.output
    assert "Nothing to undo" in again.stdout
