"""`prune suggest` on the demo network: ranking with reasons, formats, confirm-to-follow with
caps and undo, nothing followed without a person, and parked accounts that come back."""

from __future__ import annotations

import csv
import io
import json
import sqlite3
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest

from followprune.models import Account
from followprune.networks.demo import DemoNetwork
from tests.conftest import Invoke


def suggestions(invoke: Invoke, *args: str) -> dict[str, Any]:
    result = invoke("suggest", "--demo", "--format", "json", *args)
    assert result.exit_code == 0, result.output
    data: dict[str, Any] = json.loads(result.stdout)
    return data


def journal(home: Path) -> list[tuple[str, str, str, int | None]]:
    """(kind, account id, latest phase, undo_of) of every action, oldest first."""
    db = sqlite3.connect(home / "followprune.sqlite3")
    return [(r[0], r[1], r[2], r[3]) for r in db.execute(
        "SELECT a.kind, a.account_id, (SELECT phase FROM journal j WHERE j.action_id = a.id"
        " ORDER BY seq DESC LIMIT 1), a.undo_of FROM actions a ORDER BY a.id")]


def test_suggestions_are_ranked_with_reasons_and_leave_out_what_pruning_would_propose(
    invoke: Invoke,
) -> None:
    data = suggestions(invoke, "--limit", "200")
    assert data["kind"] == "suggestions" and data["network"] == "demo"
    rows = data["suggestions"]
    assert data["ranked"] == len(rows) > 100
    ranks = [r["rank"] for r in rows]
    assert ranks == sorted(ranks, reverse=True)
    assert all(r["reasons"] for r in rows)
    # The simulated set holds deactivated accounts, silent ones and follower-seekers: none
    # of them is suggested, and the summary says how many were left out and why.
    assert data["left_out"]["dead"] == 3
    assert data["left_out"]["silent"] > 0
    assert data["left_out"]["bot-like or follower-seeking"] > 0
    assert data["considered"] == data["ranked"] + sum(data["left_out"].values())
    # The best ones are tied to you, and their reasons say how before anything else.
    top = rows[0]
    assert top["connection"] > 0.4
    assert any(w in top["reasons"][0] for w in ("follows you", "replied", "mentioned",
                                                "quoted", "reposted", "engaged by"))
    # Someone who follows you says so; a reason from the score follows the ties.
    follower = next(r for r in rows if r["follows_you"])
    assert "follows you; you don't follow back" in follower["reasons"]
    assert any("bio mentions" in why for r in rows[:10] for why in r["reasons"])


def test_connection_raises_the_rank_of_an_otherwise_equal_account(invoke: Invoke) -> None:
    rows = suggestions(invoke, "--limit", "200")["suggestions"]
    tied = [r for r in rows if r["connection"] >= 0.5]
    loose = [r for r in rows if r["connection"] == 0.0]
    assert tied and loose
    assert max(r["keep"] for r in loose) < 1.0
    # Rank is half score, half connection.
    for r in rows:
        assert r["rank"] == pytest.approx(0.5 * r["keep"] + 0.5 * r["connection"], abs=2e-4)


def test_formats_table_csv_and_html(invoke: Invoke) -> None:
    table = invoke("suggest", "--demo", "--limit", "5")
    assert table.exit_code == 0, table.output
    assert "worth suggesting" in table.stdout and "why" in table.stdout
    assert "Nothing was followed: on a terminal" in table.stderr
    rows = list(csv.DictReader(io.StringIO(invoke("suggest", "--demo", "--format", "csv",
                                                  "--limit", "5").stdout)))
    assert len(rows) == 5 and rows[0]["row"] == "1" and rows[0]["reasons"]
    page = invoke("suggest", "--demo", "--format", "html", "--limit", "5").stdout
    assert page.startswith("<!doctype html>") and "People worth following on demo" in page
    assert page.count('<tr><td>') == 5


def test_nothing_is_followed_without_a_person(invoke: Invoke, isolated_env: Path) -> None:
    for fmt in ("table", "json", "csv", "html"):
        assert invoke("suggest", "--demo", "--format", fmt, "--yes").exit_code == 0
    assert journal(isolated_env) == []


def test_follow_the_rows_picked_then_undo(
    invoke: Invoke, interactive: None, isolated_env: Path
) -> None:
    before = suggestions(invoke)["suggestions"]
    picked = {before[0]["account_id"], before[2]["account_id"], before[3]["account_id"]}
    result = invoke("suggest", "--demo", input="follow 99\nlist\nfollow 1,3-4\n")
    assert result.exit_code == 0, result.output
    assert "row 99 is outside the table" in result.stdout
    assert "Done: 3 follow." in result.stdout
    acted = journal(isolated_env)
    assert {(k, a, p) for k, a, p, _ in acted} == {("follow", a, "done") for a in picked}
    # Followed now: in the follow list, no longer suggested.
    review = json.loads(invoke("--demo", "--format", "json", "--all").stdout)
    assert picked <= {a["account_id"] for a in review["accounts"]}
    assert review["followed"] == 547
    assert not picked & {r["account_id"] for r in suggestions(invoke, "--limit", "500")
                         ["suggestions"]}
    # `prune undo` unfollows them again.
    undone = invoke("undo", "--demo", "--yes")
    assert undone.exit_code == 0, undone.output
    after = journal(isolated_env)
    assert sorted(a for k, a, p, u in after if k == "unfollow" and p == "done"
                  and u is not None) == sorted(picked)
    assert json.loads(invoke("--demo", "--format", "json", "--all").stdout)["followed"] == 544


def test_quit_follows_no_one(invoke: Invoke, interactive: None, isolated_env: Path) -> None:
    result = invoke("suggest", "--demo", input="help\nquit\n")
    assert result.exit_code == 0
    assert "follow 1,3-5 @alice" in result.stdout
    assert "Nothing was followed." in result.stderr
    assert journal(isolated_env) == []


def test_the_daily_follow_cap_holds_across_runs(
    invoke: Invoke, interactive: None, isolated_env: Path
) -> None:
    env = {"FOLLOWPRUNE_SUGGEST_FOLLOWS_PER_DAY": "3"}
    first = invoke("suggest", "--demo", input="follow 1-2\n", env=env)
    assert first.exit_code == 0, first.output
    second = invoke("suggest", "--demo", input="follow 1-4\n", env=env)
    assert second.exit_code == 4  # partial: the cap stopped it
    assert "Only 1 more follows are allowed" in second.stderr
    assert "daily follow cap of 3 reached" in second.stderr
    follows = [a for k, a, p, _ in journal(isolated_env) if k == "follow" and p == "done"]
    assert len(follows) == 3


def test_no_automatic_rule_can_follow(invoke: Invoke, isolated_env: Path) -> None:
    isolated_env.mkdir(parents=True, exist_ok=True)
    config = isolated_env / "config.toml"
    config.write_text('[[auto.rules]]\nname = "grow"\naction = "follow"\ndead = false\n',
                      encoding="utf-8")
    refused = invoke("--config", str(config), "--demo", "--auto")
    assert refused.exit_code == 2
    assert "auto.rules" in refused.stderr and "follow" in refused.stderr
    # A rule that matches nearly everyone still only unfollows or mutes.
    config.write_text('[auto]\ncooling_off_hours = 0\n[[auto.rules]]\nname = "all"\n'
                      'keep_below = 1.0\n', encoding="utf-8")
    invoke("--config", str(config), "--demo", "--auto")  # the first run only cools off
    ran = invoke("--config", str(config), "--demo", "--auto")
    assert ran.exit_code in (0, 4), ran.output
    kinds = {k for k, _, _, _ in journal(isolated_env)}
    assert kinds and kinds <= {"unfollow", "mute"}


def test_a_silent_account_unfollowed_then_back_is_suggested_with_its_story(
    invoke: Invoke, isolated_env: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Unfollow what the review proposes: the demo's silent accounts among them.
    assert invoke("--demo", "--yes", "--limit", "100").exit_code in (0, 4)
    db = sqlite3.connect(isolated_env / "followprune.sqlite3")
    assert invoke("suggest", "--demo", "--format", "json").exit_code == 0
    parked = db.execute("SELECT account_id, handle, why, last_active_then, posts_then"
                        " FROM parked").fetchall()
    assert parked and {row[2] for row in parked} == {"silent"}
    account_id, handle = parked[0][0], parked[0][1]
    posts_then = parked[0][4] or 0
    # The demo's data is fixed; here the lookup sees the account posting again.
    real_lookup = DemoNetwork.lookup

    def posting_again(self: DemoNetwork, ids: Any) -> list[Account]:
        found = real_lookup(self, ids)
        return [a.model_copy(update={"last_active_at": self._now - timedelta(days=2),
                                     "post_count": posts_then + 30})
                if a.id == account_id else a for a in found]

    monkeypatch.setattr(DemoNetwork, "lookup", posting_again)
    data = suggestions(invoke, "--limit", "500")
    back = next(r for r in data["suggestions"] if r["account_id"] == account_id)
    assert back["came_back"].startswith(f"@{handle} was silent for ")
    assert back["came_back"].endswith("when you unfollowed it; it has posted 30 times since")
    assert back["reasons"][0] == back["came_back"]
    # Other unfollowed accounts stay out: you decided about them.
    assert data["left_out"]["unfollowed by you"] >= 1
    # The review says so too.
    review = invoke("--demo", "--dry-run")
    assert f"@{handle} was silent for " in review.stderr


def test_an_imported_archive_suggests_its_followers_and_people_you_talked_to(
    invoke: Invoke, tmp_path: Path
) -> None:
    from tests.archive_factory import tweet
    from tests.test_archive import ERIN, T0, sample

    archive = sample(followers=["101", "104", "107"], tweets=[
        tweet(1_700_000_000_000_000_011, T0, "hello", mentions=[ERIN]),
        tweet(1_700_000_000_000_000_012, T0 + timedelta(days=1), "indeed", reply_to=ERIN),
    ])
    imported = invoke("import-archive", str(archive.write_folder(tmp_path / "archive")))
    assert imported.exit_code == 0, imported.output
    # No X login: suggest works from what the import stored, and reads nothing.
    result = invoke("suggest", "--network", "x", "--format", "json")
    assert result.exit_code == 0, result.output
    rows = {r["account_id"]: r for r in json.loads(result.stdout)["suggestions"]}
    assert set(rows) == {"105", "107"}  # erin, and a follower you don't follow back
    assert rows["107"]["reasons"][0] == "follows you; you don't follow back"
    assert rows["105"]["handle"] == "erin"
    assert rows["105"]["reasons"][0] == "you mentioned them once, you replied to them once"


def test_muted_accounts_back_from_silence_are_offered_an_unmute_capped_and_undone(
    invoke: Invoke, isolated_env: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("FOLLOWPRUNE_PROPOSALS_ACTION", "mute")
    assert invoke("--demo", "--yes", "--limit", "100").exit_code in (0, 4)
    db = sqlite3.connect(isolated_env / "followprune.sqlite3")
    parked = db.execute("SELECT account_id, handle, why FROM parked ORDER BY account_id"
                        ).fetchall()
    assert len(parked) >= 2 and {row[2] for row in parked} == {"muted"}
    back = {row[0]: row[1] for row in parked[:2]}
    # Muted accounts are still followed: the demo's next read of the list sees two posting.
    real_following = DemoNetwork.following

    def posting_again(self: DemoNetwork) -> Any:
        for account, tie in real_following(self):
            if account.id in back:
                account = account.model_copy(update={
                    "last_active_at": self._now - timedelta(days=1),
                    "post_count": (account.post_count or 0) + 12})
            yield account, tie

    monkeypatch.setattr(DemoNetwork, "following", posting_again)
    data = suggestions(invoke)
    offers = data["muted_comebacks"]
    assert [o["row"] for o in offers] == [1, 2] and {o["account_id"] for o in offers} == set(back)
    assert all(o["came_back"].startswith(f"@{o['handle']} was silent for ") for o in offers)
    unmuted, still = offers[0], offers[1]
    page = invoke("suggest", "--demo", "--format", "html").stdout
    assert "Muted, and back from silence" in page and offers[1]["came_back"] in page
    first = data["suggestions"][0]["account_id"]
    monkeypatch.setattr("followprune.render.console.stdin_is_interactive", lambda: True)
    # The same prompt unmutes (by row or handle of the muted list), then follows.
    result = invoke("suggest", "--demo",
                    input=f"unmute 3\nunmute @{unmuted['handle']}\nfollow 1\n")
    assert result.exit_code == 0, result.output
    assert "row 3 is outside the table" in result.stdout
    assert "Done: 1 unmute." in result.stdout and "Done: 1 follow." in result.stdout
    acted = [(k, a, p) for k, a, p, u in journal(isolated_env) if k in ("unmute", "follow")]
    assert acted == [("unmute", unmuted["account_id"], "done"), ("follow", first, "done")]
    run_id, summary = db.execute("SELECT id, summary FROM runs WHERE mode = 'suggest'"
                                 " ORDER BY id DESC LIMIT 1").fetchone()
    assert json.loads(summary)["done"] == 2
    # Unmuted now, so no longer offered; the other one is, but today's cap is used up.
    assert [o["account_id"] for o in suggestions(invoke)["muted_comebacks"]] == [
        still["account_id"]]
    capped = invoke("suggest", "--demo", input="unmute 1\n",
                    env={"FOLLOWPRUNE_SUGGEST_FOLLOWS_PER_DAY": "1"})
    assert capped.exit_code == 4
    assert "Only 0 more unmutes are allowed" in capped.stderr
    assert "daily unmute cap of 1 reached" in capped.stderr
    assert [a for k, a, p, u in journal(isolated_env) if k == "unmute"] == [
        unmuted["account_id"]]
    # `prune undo` takes back both: it mutes the account again and unfollows.
    assert invoke("undo", "--demo", "--yes", "--run", str(run_id)).exit_code == 0
    undone = {(k, a) for k, a, p, u in journal(isolated_env) if u is not None and p == "done"}
    assert undone == {("mute", unmuted["account_id"]), ("unfollow", first)}
    assert db.execute("SELECT following, muted FROM demo_state WHERE account_id = ?",
                      (unmuted["account_id"],)).fetchone() == (1, 1)


def test_suggest_reads_the_account_it_is_asked_for(invoke: Invoke, tmp_path: Path) -> None:
    # Two accounts' archives in one store: --account picks whose followers are suggested
    # (it used to take the newest identity, and would follow on the other account's behalf).
    from tests.archive_factory import FakeArchive

    for name, me, follower in (("ana", "1500000000000000001", "2000000077"),
                               ("bea", "1500000000000000002", "2000000099")):
        archive = FakeArchive(following=["2000000001"], followers=[follower], account_id=me,
                              username=name)
        imported = invoke("import-archive", str(archive.write_folder(tmp_path / name)))
        assert imported.exit_code == 0, imported.output
    for name, follower in (("ana", "2000000077"), ("bea", "2000000099")):
        result = invoke("--account", name, "suggest", "--network", "x", "--format", "json")
        assert result.exit_code == 0, result.output
        assert [r["account_id"] for r in json.loads(result.stdout)["suggestions"]] == [follower]


def test_a_candidate_is_last_active_no_earlier_than_its_latest_post_toward_you() -> None:
    from datetime import UTC, datetime

    from followprune.app.suggest import merge_candidates
    from followprune.models import Direction, Interaction, InteractionKind
    from followprune.networks.base import Candidate

    now = datetime(2026, 11, 30, 12, tzinfo=UTC)
    reply = Interaction(account_id="7", kind=InteractionKind.REPLY,
                        direction=Direction.FROM_THEM, at=now - timedelta(days=3),
                        source_id="r1")
    # Likes are no posts, and what you did is not their activity.
    like = Interaction(account_id="7", kind=InteractionKind.LIKE,
                       direction=Direction.FROM_THEM, at=now - timedelta(days=1),
                       source_id="l1")
    yours = Interaction(account_id="7", kind=InteractionKind.REPLY,
                        direction=Direction.FROM_YOU, at=now - timedelta(hours=1),
                        source_id="y1")
    unknown = Account(id="7", handle="wetlandwatch", profile_known=True)
    [found] = merge_candidates([Candidate(account=unknown, interactions=(reply, like, yours))])
    # Persona round 16: "last active: unknown" beside "replied to you 3 days ago".
    assert found.account.last_active_at == now - timedelta(days=3)
    assert found.account.handle == "wetlandwatch"

    later = unknown.model_copy(update={"last_active_at": now - timedelta(hours=5)})
    [kept] = merge_candidates([Candidate(account=later, interactions=(reply,))])
    assert kept.account is later  # the profile's own, later moment stays

    [quiet] = merge_candidates([Candidate(account=unknown, interactions=(like, yours))])
    assert quiet.account.last_active_at is None
