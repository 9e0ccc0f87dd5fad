"""Persona round 16 (Aiko, Melbourne, Bluesky and an old X list): the CLI and review findings."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from tests.conftest import Invoke, proposals_json

# Sound people, active, none of whom shares an interest with a user who named none: nothing
# is wrong with any of them, so the default threshold proposes none.
_SOUND = [
    ("chefmarcus", "Chef. Restaurants, recipes and the odd cookbook."),
    ("naarmnightlife", "Gigs, bars and clubs around town every weekend."),
    ("stellavance", "Actor and podcaster. Opinions are my own."),
    ("sydneyrdbarber", "Barber on Sydney Road. Walk-ins welcome."),
]


def _sound_file(tmp_path: Path) -> Path:
    lines = []
    for i, (handle, bio) in enumerate(_SOUND):
        lines.append(json.dumps({
            "id": str(9000 + i), "username": handle, "name": handle.title(), "description": bio,
            "location": "Lima, Peru", "created_at": "2015-03-10T05:00:00.000Z",
            "verified": False, "protected": False,
            "profile_image_url": "https://pbs.twimg.com/profile_images/0/p_normal.jpg",
            "public_metrics": {"followers_count": 900, "following_count": 600,
                               "tweet_count": 6000, "listed_count": 12, "like_count": 3000},
            "connection_status": ["following"],
            "most_recent_tweet_id": "2126934181278646272"}))
    path = tmp_path / "follows.jsonl"
    path.write_text("\n".join(lines) + "\n")
    return path


def test_default_threshold_proposes_no_sound_account_and_says_why(invoke: Invoke,
                                                                  tmp_path: Path) -> None:
    result = invoke("--from", str(_sound_file(tmp_path)), "--as-of", "2026-12-01")
    assert result.exit_code == 0, result.output
    note = " ".join(result.stderr.split())
    assert "every account you follow scores at or above the threshold (0.30)" in note
    assert "floored just above the default threshold (0.30)" in note
    assert "a higher threshold (proposals.threshold) proposes" in note


def test_a_raised_threshold_proposes_sound_accounts_and_keep_scores_stay(
        invoke: Invoke, tmp_path: Path) -> None:
    path = _sound_file(tmp_path)
    keeps = {}
    for threshold in ("0.3", "0.45", "0.9"):
        data = proposals_json(invoke("--from", str(path), "--as-of", "2026-12-01",
                                     "--format", "json", "--all",
                                     env={"FOLLOWPRUNE_PROPOSALS_THRESHOLD": threshold}))
        keeps[threshold] = {a["handle"]: a["keep"] for a in data["accounts"]}
        if threshold == "0.3":
            assert data["proposed"] == 0
        if threshold == "0.9":
            # Every one of them scores below 0.9: a stricter cut is what was asked for.
            assert data["proposed"] == len(_SOUND), data
    assert keeps["0.3"] == keeps["0.45"] == keeps["0.9"]


# --- 2. pacing said before it waits, and what a wait mid-way leaves ------------------------

@pytest.fixture
def paced_demo(monkeypatch: pytest.MonkeyPatch) -> list[float]:
    """The demo paced like a real network, two actions in any 15 minutes, on a clock that
    the Pacer's sleeps move on (a real 15-minute wait in a test is out of the question)."""
    from followprune.app import acting
    from followprune.networks.demo import DemoNetwork

    monkeypatch.setattr(DemoNetwork, "paced", True)
    for key, value in (("PER_15_MINUTES", "2"), ("DELAY_SECONDS", "0"),
                       ("JITTER_SECONDS", "0")):
        monkeypatch.setenv(f"FOLLOWPRUNE_ACTIONS_{key}", value)
    start = datetime.now(UTC)
    slept: list[float] = []

    def now() -> datetime:
        return start + timedelta(seconds=sum(slept))

    @dataclass
    class OnFakeTime(acting.ActingCallbacks):
        clock: Callable[[], datetime] = now

    monkeypatch.setattr(acting, "ActingCallbacks", OnFakeTime)
    monkeypatch.setattr("followprune.app.actions.pause", slept.append)
    return slept


def test_the_review_says_how_long_pacing_takes_and_what_a_wait_leaves(
        invoke: Invoke, interactive: None, paced_demo: list[float]) -> None:
    result = invoke("--demo", "--limit", "5", input="all\n")
    assert result.exit_code == 0, result.output
    err = " ".join(result.stderr.split())
    # Two 15-minute windows fill (2 + 2 + 1), said once before the first action.
    assert ("Pacing 5 actions: 0 s apart (actions.delay_seconds, actions.jitter_seconds), at"
            " most 2 in any 15 minutes (actions.per_15_minutes): about 30 min of waiting in"
            " all.") in err
    assert err.count("Pacing 5 actions") == 1
    assert ("2 of 5 done; waiting 15 min 1 s: 15-minute cap of 2 actions reached"
            " (actions.per_15_minutes). Ctrl-C stops here: the 2 done stay done (`prune undo`"
            " reverses them) and the next `prune` proposes the other 3 again.") in err
    assert "4 of 5 done; waiting" in err and "the other 1 again" in err
    assert err.index("Pacing 5 actions") < err.index("2 of 5 done")
    assert paced_demo == [901.0, 901.0]


def test_undo_says_how_many_are_restored_before_it_waits(
        invoke: Invoke, paced_demo: list[float]) -> None:
    assert invoke("--demo", "--yes", "--limit", "12").exit_code == 0
    result = invoke("undo", "--demo", "--yes")
    assert result.exit_code == 0, result.output
    err = " ".join(result.stderr.split())
    restored = len([line for line in result.stdout.splitlines()
                    if line.startswith("  follow @")])
    assert f"Pacing {restored} actions:" in err
    said = re.findall(r"(\d+) of (\d+) done; waiting [^:]+: 15-minute cap of 2 actions"
                      r" reached \(actions.per_15_minutes\)\. Ctrl-C stops here: the same"
                      r" `prune undo` again restores the other (\d+)\.", err)
    # The review's unfollows fill the window, so the undo waits before its first follow too.
    assert [tuple(map(int, found)) for found in said] == [
        (0, restored, restored), (2, restored, restored - 2)], err


# --- 4. yes and no in more languages --------------------------------------------------------

@pytest.mark.parametrize("word", ["はい", "ja", "oui", "Oui"])
def test_more_yes_words_carry_out_the_review(invoke: Invoke, interactive: None,
                                             word: str) -> None:
    result = invoke("--demo", "--limit", "2", input=f"{word}\n")
    assert result.exit_code == 0, result.output
    assert "Done: 2 unfollow." in result.stdout


@pytest.mark.parametrize("word", ["いいえ", "nein", "non"])
def test_more_no_words_quit_the_review_and_refuse_an_undo(invoke: Invoke, interactive: None,
                                                         word: str) -> None:
    quit_review = invoke("--demo", "--limit", "2", input=f"{word}\n")
    assert quit_review.exit_code == 0, quit_review.output
    assert "Done:" not in quit_review.stdout
    # The demo's eight worst are gone: twelve leave four that can be followed again.
    assert invoke("--demo", "--yes", "--limit", "12").exit_code == 0
    refused = invoke("undo", "--demo", input=f"{word}\n")
    assert refused.exit_code == 0, refused.output
    assert "Nothing was changed." in refused.stdout
    accepted = invoke("undo", "--demo", input="はい\n")
    assert accepted.exit_code == 0, accepted.output
    assert "Done: " in accepted.stdout and "Nothing was changed." not in accepted.stdout


# --- 3. a cap reached is not an error -------------------------------------------------------

def test_an_interactive_review_stopped_by_its_cap_says_so_without_error(
        invoke: Invoke, interactive: None) -> None:
    result = invoke("--demo", "--limit", "5", input="all\n",
                    env={"FOLLOWPRUNE_ACTIONS_PER_RUN": "3"})
    assert result.exit_code == 4, result.output  # partial, as the README's table says
    assert "Error" not in result.stderr
    said = " ".join(result.stderr.split())
    assert ("Stopped early, as the caps say: per-run cap of 3 actions reached; the next run"
            " carries on") in said
    assert "2 not attempted (per-run cap of 3 actions reached)" in result.stdout


# --- 5. one account, not "1 accounts" -------------------------------------------------------

def test_rules_check_agrees_in_number(configured_rules: Path, invoke: Invoke) -> None:
    result = invoke("rules", "check", "--demo")
    assert result.exit_code == 0, result.output
    text = result.stdout
    counts = re.findall(r"(\d[\d,]*) (proposed accounts?|accounts?|followed accounts?|others?)\b",
                        text)
    assert counts, text
    for number, noun in counts:
        assert (number == "1") == (not noun.endswith("s")), (number, noun)
    assert re.search(r"— 1 account\n", text), text


@pytest.fixture
def configured_rules(isolated_env: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A rule matching exactly one of the demo's accounts, the worst by keep score."""
    config = isolated_env.parent / "config.toml"
    config.write_text('[[auto.rules]]\nname = "worst"\nkeep_below = 0.0001\n')
    monkeypatch.setenv("FOLLOWPRUNE_CONFIG", str(config))
    return config


def test_a_cap_of_one_is_said_in_the_singular(tmp_path: Path) -> None:
    from followprune.app.actions import Pacer
    from followprune.config import ActionSettings
    from followprune.store import Store

    with Store(tmp_path / "s.sqlite3") as store:
        pacer = Pacer(ActionSettings(per_run=1), store, store.identity("x", "1", "me"))
        pacer.after_call()
        assert pacer.stop_reason() == "per-run cap of 1 action reached"


# --- 6. after a skip, the summaries say what is left ---------------------------------------

def test_skip_and_keep_at_the_prompt_are_counted_apart_from_what_is_done(
        invoke: Invoke, interactive: None) -> None:
    before = invoke("--demo", "--dry-run", "--limit", "5")
    total = int(re.search(r"; ([\d,]+) proposed", before.stdout).group(1))  # type: ignore[union-attr]
    result = invoke("--demo", "--limit", "5", input="skip 1\nkeep 2\nall\n")
    assert result.exit_code == 0, result.output
    out = " ".join(result.stdout.split())
    assert "At the prompt: 1 skipped this time; 4 accounts left to act on." in out
    assert ("At the prompt: 1 skipped this time, 1 kept from now on; 3 accounts left to act"
            " on.") in out
    # The timeline's cut is that of the rows left, not of every proposal.
    assert f"These {total:,} proposals would cut it" in out
    assert "These 4 proposals would cut it" in out and "These 3 proposals would cut it" in out
    # The worst five were shown before any was taken out, whatever the prompt did since.
    assert out.count(f"{total} proposed (showing the worst 5)") == 3
    assert ("Done: 3 unfollow. Not acted on, as you said: 1 skipped this time, 1 kept from now"
            " on.") in out


def test_skipping_every_row_says_so(invoke: Invoke, interactive: None) -> None:
    result = invoke("--demo", "--limit", "2", input="skip 1-2\n")
    assert result.exit_code == 0, result.output
    assert "No row is left to act on (2 skipped this time): nothing was changed." in result.stdout


# --- 7. a follow restored by undo is the old follow back ----------------------------------

def _restored_and_rescored(invoke: Invoke) -> tuple[set[str], dict[str, dict[str, object]]]:
    # The demo's eight worst are gone: twelve leave four that can be followed again.
    assert invoke("--demo", "--yes", "--limit", "12").exit_code == 0
    undone = invoke("undo", "--demo", "--yes")
    assert undone.exit_code == 0, undone.output
    restored = {line.split("@", 1)[1].strip() for line in undone.stdout.splitlines()
                if line.startswith("  follow @")}
    assert len(restored) == 4
    for handle in restored:  # as persona 16 did: off the keep-list undo put them on
        removed = invoke("keep", "remove", "--demo", f"@{handle}")
        assert removed.exit_code == 0, removed.output
    data = proposals_json(invoke("--demo", "--dry-run", "--format", "json", "--all"))
    return restored, {a["handle"]: a for a in data["accounts"]}


def test_a_follow_restored_by_undo_gets_no_new_grace_period(invoke: Invoke) -> None:
    restored, accounts = _restored_and_rescored(invoke)
    for handle in restored:
        account = accounts[handle]
        assert "grace period" not in str(account["guard"]), account
        assert account["proposed"], account  # as before the unfollow and the undo


def test_on_bluesky_the_new_follow_record_does_not_restart_the_grace_period(
        invoke: Invoke, isolated_env: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from tests.fakebsky import FakeBluesky, make_state
    from tests.fakebsky import point_cli_at as bsky_cli_at

    server = FakeBluesky(make_state(30)).start()
    try:
        bsky_cli_at(server, monkeypatch)
        # A strict threshold proposes sound accounts too (the fake's live ones are sound).
        for key, value in (("ACTIONS_DELAY_SECONDS", "0"), ("ACTIONS_JITTER_SECONDS", "0"),
                           ("ACTIONS_PER_15_MINUTES", "1000"), ("PROPOSALS_THRESHOLD", "0.9"),
                           ("PROPOSALS_LIMIT", "8")):
            monkeypatch.setenv(f"FOLLOWPRUNE_{key}", value)
        before = proposals_json(invoke("--dry-run", "--format", "json", "--all"))
        live = [a for a in before["accounts"][:8] if a["proposed"] and not a["dead"]]
        assert live, "the fake list proposes no live account"
        acted = invoke("--yes")
        assert acted.exit_code == 0, acted.output
        assert invoke("undo", "--yes").exit_code == 0
        for account in live:
            assert invoke("keep", "remove", account["account_id"]).exit_code == 0
        # A sync reads the new follow record, created now.
        after = proposals_json(invoke("--dry-run", "--format", "json", "--all"))
        by_id = {a["account_id"]: a for a in after["accounts"]}
        for account in live:
            again = by_id[account["account_id"]]
            assert "grace period" not in str(again["guard"]), again
            assert again["proposed"], again
    finally:
        server.close()
    assert not server.errors, server.errors[:5]


# --- 8. long handles keep the table's columns in line ---------------------------------------

@pytest.mark.parametrize("columns", [160, 120, 100, 80])
def test_long_bluesky_handles_keep_the_columns_in_line(
        invoke: Invoke, monkeypatch: pytest.MonkeyPatch, columns: int) -> None:
    from tests.fakebsky import FakeBluesky, make_state
    from tests.fakebsky import point_cli_at as bsky_cli_at

    server = FakeBluesky(make_state(30)).start()
    try:
        bsky_cli_at(server, monkeypatch)
        # Dead accounts show by DID (34 characters with the "@"), live ones by
        # "userN.bsky.social": a strict threshold puts both in the table.
        monkeypatch.setenv("FOLLOWPRUNE_PROPOSALS_THRESHOLD", "0.9")
        result = invoke("--dry-run", "--limit", "6", env={"COLUMNS": str(columns)})
    finally:
        server.close()
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    rows = [line for line in lines if re.match(r"\s*\d+\s+@", line)]
    assert len(rows) == 6, result.stdout
    assert all(len(line.rstrip()) <= columns for line in lines), result.stdout
    header = next(line for line in lines if "handle" in line and "keep" in line)
    # Every row's action sits under the header's, and its keep bar under "keep".
    assert {row.index("unfollow") for row in rows} == {header.index("action")}, result.stdout
    bars = {re.search(r"[█░]", row).start() for row in rows}  # type: ignore[union-attr]
    assert bars == {header.index("keep")}, result.stdout
    # The whole of each handle is there to read: folded within its column in the full
    # table, on the line below in the compact one.
    if "why" in header:
        start, end = header.index("handle"), header.index("name")
        first = lines[lines.index(rows[0]):lines.index(rows[1])]
        assert "".join(line[start:end].strip() for line in first) == (
            "@did:plc:acct00000000000000000027"), result.stdout
    else:
        assert "     @did:plc:acct00000000000000000027: account deleted" in [
            line.rstrip() for line in lines], result.stdout
