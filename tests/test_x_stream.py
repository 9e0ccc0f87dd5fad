"""Issue 12 on X: the home-timeline sample is planned, priced as post reads, held to
--max-cost, read from GET /2/users/:id/timelines/reverse_chronological, and feeds the rates."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from tests.conftest import Invoke, proposals_json
from tests.fakex.harness import connect, finish_fake, start_fake

HOME = r"/2/users/\d+/timelines/reverse_chronological"


def _estimate(stderr: str) -> float:
    found = re.search(r"estimated \$(\d+\.\d+)", stderr)
    assert found, stderr
    return float(found.group(1))


def test_off_by_default_no_timeline_call(
    monkeypatch: pytest.MonkeyPatch, invoke: Invoke, isolated_env: Path
) -> None:
    fx = start_fake(n=20)
    try:
        connect(fx, monkeypatch)
        result = invoke("sync")
        assert result.exit_code == 0, result.output
        assert fx.calls("GET", HOME) == []
        assert "home timeline" not in result.stderr
    finally:
        finish_fake(fx)


def test_sampled_timeline_is_estimated_read_and_feeds_the_rates(
    monkeypatch: pytest.MonkeyPatch, invoke: Invoke, isolated_env: Path
) -> None:
    fx = start_fake(n=20, posts_per_user=6)
    try:
        connect(fx, monkeypatch)
        monkeypatch.setenv("FOLLOWPRUNE_X_SAMPLE_TIMELINE", "true")
        monkeypatch.setenv("FOLLOWPRUNE_X_MAX_COST", "10")
        result = invoke("sync")
        assert result.exit_code == 0, result.output
        # The plan names the read and prices it as 800 post reads ($0.005 each).
        assert "your home timeline: up to 800 posts" in result.stderr
        assert _estimate(result.stderr) >= 800 * 0.005
        calls = fx.calls("GET", HOME)
        assert calls and all(c.query["max_results"] == "100" for c in calls)
        assert len(calls) <= 8
        assert "author_id" in calls[0].query["tweet.fields"]
        data = proposals_json(invoke("--dry-run", "--all", "--format", "json"))
        sampled = [a for a in data["accounts"] if a["rate_source"] == "timeline"]
        assert sampled, json.dumps(data["accounts"][:2])
        muted = set(fx.state.muting)
        assert not any(a["account_id"] in muted for a in sampled)
    finally:
        finish_fake(fx)


def test_sampling_counts_against_max_cost(
    monkeypatch: pytest.MonkeyPatch, invoke: Invoke, isolated_env: Path
) -> None:
    fx = start_fake(n=20)
    try:
        connect(fx, monkeypatch)
        cheap = invoke("sync", "--max-cost", "10")
        assert cheap.exit_code == 0, cheap.output
        without = _estimate(cheap.stderr)
        monkeypatch.setenv("FOLLOWPRUNE_X_SAMPLE_TIMELINE", "true")
        result = invoke("sync", "--refresh", "--max-cost", "1")
        assert result.exit_code != 0
        assert "more than the $1.00 allowed; nothing was read" in result.stderr
        assert fx.calls("GET", HOME) == []
        assert without < 1.0
    finally:
        finish_fake(fx)
