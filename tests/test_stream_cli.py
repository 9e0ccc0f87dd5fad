"""Issue 12 end to end on the demo: sampled rates, the stream columns and summary, a budget."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

from tests.conftest import Invoke, proposals_json
from tests.test_rules import write_config


def test_demo_shows_sampled_rates_and_what_pruning_buys(invoke: Invoke) -> None:
    data = proposals_json(invoke("--demo", "--dry-run", "--all", "--format", "json"))
    stream = data["stream"]
    assert stream["posts_per_day"] > 0 and 0 < stream["loudest_10_share"] <= 1
    assert 0 < stream["proposals_cut_share"] < 1
    sources = {a["rate_source"] for a in data["accounts"]}
    assert "timeline" in sources  # the demo simulates a home-timeline read
    shares = [a["stream_share"] for a in data["accounts"] if a["stream_share"] is not None]
    assert sum(shares) == pytest.approx(1.0, abs=0.01)
    cut = sum(a["posts_per_day"] or 0 for a in data["accounts"]
              if a["proposed"] and a["stream_share"])
    assert cut / stream["posts_per_day"] == pytest.approx(
        stream["proposals_cut_share"], abs=0.01)

    table = invoke("--demo", "--dry-run")
    assert table.exit_code == 0
    line = next(x for x in table.stdout.splitlines() if x.startswith("Your timeline: about"))
    assert "the 10 loudest make" in line and "proposals would cut it by" in line


def test_csv_gets_the_stream_columns_at_the_end(invoke: Invoke) -> None:
    result = invoke("--demo", "--dry-run", "--format", "csv")
    assert result.exit_code == 0
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    header = result.stdout.splitlines()[0].split(",")
    assert header[-4:] == ["posts_per_day", "stream_share", "rate_source", "rate_window_days"]
    assert any(r["rate_source"] == "timeline" and float(r["rate_window_days"]) == 3.0
               for r in rows)


def test_budget_end_to_end_meets_it_and_explains_the_choice(invoke: Invoke) -> None:
    data = proposals_json(invoke("--demo", "--dry-run", "--all", "--format", "json",
                                 "--stream-budget", "3000", "--limit", "1000"))
    budget = data["stream"]["budget"]
    assert budget["met"] and budget["after"] <= 3000
    chosen = [a for a in data["accounts"] if a["proposed"]]
    assert chosen and not any(a["guard"] for a in chosen)
    remaining = data["stream"]["posts_per_day"] - sum(a["posts_per_day"] or 0 for a in chosen
                                                      if a["stream_share"])
    assert remaining <= 3000 + 1
    assert all(a["reasons"][0].endswith("chosen for your stream budget") for a in chosen)
    handle = max(chosen, key=lambda a: a["posts_per_day"] or 0)["handle"]
    explained = invoke("--demo", "--stream-budget", "3000", "explain", f"@{handle}",
                       "--format", "json")
    assert explained.exit_code == 0, explained.output
    doc = json.loads(explained.stdout)
    assert doc["proposed"] and "stream budget of 3,000 posts a day" in doc["budget_reason"]
    assert doc["verdict"].startswith("proposed: chosen for your stream budget")
    assert "of your timeline, from your timeline over the last 3 days" in doc["stream"]


def test_budget_out_of_reach_says_how_close_it_gets(invoke: Invoke) -> None:
    result = invoke("--demo", "--dry-run", "--stream-budget", "1", "--limit", "5")
    assert result.exit_code == 0
    text = " ".join(result.stdout.split())  # the console wraps long lines
    assert "cannot be met within the guards and caps: the closest is about" in text


def test_bad_budget_is_a_clear_error(invoke: Invoke) -> None:
    result = invoke("--demo", "--dry-run", "--stream-budget", "-3")
    assert result.exit_code == 2
    assert "--stream-budget" in result.output and "Traceback" not in result.output


def test_a_budget_zero_on_the_command_line_turns_the_configured_one_off(
        isolated_env: Path, invoke: Invoke) -> None:
    write_config(isolated_env, "[proposals]\nstream_budget = 3000\n")
    budgeted = proposals_json(invoke("--demo", "--dry-run", "--format", "json"))
    assert budgeted["stream"]["budget"]["selected"] == budgeted["proposed"]
    off = proposals_json(invoke("--demo", "--dry-run", "--format", "json",
                                "--stream-budget", "0"))
    assert "budget" not in off["stream"]
    empty = isolated_env.parent / "empty.toml"
    empty.write_text("", encoding="utf-8")
    plain = proposals_json(invoke("--demo", "--dry-run", "--format", "json", "--config",
                                  str(empty)))
    assert off["proposed"] == plain["proposed"]


def test_html_share_of_timeline_uses_the_stream_estimate(invoke: Invoke) -> None:
    data = proposals_json(invoke("--demo", "--dry-run", "--format", "json"))
    html = invoke("--demo", "--dry-run", "--format", "html")
    assert html.exit_code == 0
    expected = "{:.1%}".format(data["stream"]["proposals_cut_share"])
    assert f"share of your timeline proposed</dt><dd>{expected}</dd>" in html.stdout


def test_a_small_quiet_list_is_worded_in_the_singular(invoke: Invoke, tmp_path: Path) -> None:
    users = [{"id": str(i), "username": f"quiet{i}", "name": "Q", "description": "reads a lot",
              "created_at": "2012-03-01T00:00:00Z",
              "public_metrics": {"followers_count": 40, "following_count": 120,
                                 "tweet_count": count, "listed_count": 0}}
             for i, count in ((1, 5500), (2, 35))]
    source = tmp_path / "quiet.jsonl"
    source.write_text("".join(json.dumps(u) + "\n" for u in users))
    result = invoke("--from", str(source), "--as-of", "2026-06-01", "--dry-run")
    line = next(x for x in result.stdout.splitlines() if x.startswith("Your timeline:"))
    assert line.startswith("Your timeline: about 1 post a day from 2 accounts;"), line

    users[0]["public_metrics"]["tweet_count"] = 500  # type: ignore[index]
    source.write_text("".join(json.dumps(u) + "\n" for u in users))
    result = invoke("--from", str(source), "--as-of", "2026-06-01", "--dry-run")
    line = next(x for x in result.stdout.splitlines() if x.startswith("Your timeline:"))
    assert line.startswith("Your timeline: under 1 post a day from 2 accounts;"), line
