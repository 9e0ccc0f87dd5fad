"""How `prune explain` words its verdict."""

from __future__ import annotations

from followprune.app.explain import _apart


def test_a_verdict_never_reads_as_a_contradiction() -> None:
    # "keep score 0.30 is below the threshold 0.30" was a 0.2967 rounded.
    assert _apart(0.2967, 0.3) == ("0.297", "0.300")
    assert _apart(0.29999, 0.3) == ("0.29999", "0.30000")
    assert _apart(0.23, 0.3) == ("0.23", "0.30")
    assert _apart(0.3, 0.3) == ("0.30", "0.30")  # equal is kept, and says so
