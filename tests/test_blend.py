"""Interaction component and the blend's guards."""

from __future__ import annotations

import itertools
from datetime import UTC, datetime, timedelta

from followprune.models import Account, Direction, Interaction, InteractionKind, Relationship
from followprune.scoring.blend import ScoringPolicy, score_all
from followprune.scoring.interaction import score_interaction
from followprune.scoring.relevance import InterestProfile

NOW = datetime(2026, 11, 1, tzinfo=UTC)
WEIGHTS = {"relevance": 0.35, "interaction": 0.35, "geography": 0.15, "quality": 0.15}


def event(direction: Direction, days_ago: float, kind: InteractionKind = InteractionKind.REPLY,
          account_id: str = "1") -> Interaction:
    return Interaction(account_id=account_id, kind=kind, direction=direction,
                       at=NOW - timedelta(days=days_ago), source_id=f"{direction}{days_ago}")


def test_interaction_directions() -> None:
    one_way = score_interaction(Relationship(account_id="1"), [], NOW, 90)
    mutual = score_interaction(Relationship(account_id="1", follows_you=True), [], NOW, 90)
    engaged = score_interaction(Relationship(account_id="1", follows_you=True),
                                [event(Direction.FROM_THEM, 10)], NOW, 90)
    both = score_interaction(Relationship(account_id="1", follows_you=True),
                             [event(Direction.FROM_THEM, 10), event(Direction.FROM_YOU, 10)],
                             NOW, 90)
    assert one_way.value < mutual.value < engaged.value < both.value <= 1.0
    assert one_way.reasons[0].text == "never engaged with you, and you never engaged with them"


def test_interaction_decays_with_half_life() -> None:
    rel = Relationship(account_id="1")
    recent = score_interaction(rel, [event(Direction.FROM_THEM, 1)], NOW, 90)
    old = score_interaction(rel, [event(Direction.FROM_THEM, 800)], NOW, 90)
    assert recent.value > old.value
    assert "last 2 years ago" in " ".join(r.text for r in old.reasons)


def test_interaction_counts_in_words() -> None:
    events = [event(Direction.FROM_THEM, d) for d in (1, 2, 3)] + [
        event(Direction.FROM_YOU, 4, InteractionKind.LIKE)]
    texts = [r.text for r in score_interaction(Relationship(account_id="1"), events, NOW,
                                                90).reasons]
    assert "engaged with you 3 times (3 replies), last yesterday" in texts
    assert "you engaged with them 1 time (1 like), last 4 days ago" in texts


def policy(**changes: object) -> ScoringPolicy:
    base: dict[str, object] = {"weights": WEIGHTS, "threshold": 0.99,
                               "interests": InterestProfile(keywords=("rust",))}
    base.update(changes)
    return ScoringPolicy(**base)  # type: ignore[arg-type]


def score_one(account: Account, rel: Relationship, events: list[Interaction],
              pol: ScoringPolicy) -> object:
    return score_all([account], [rel], events, pol, NOW)[0]


def test_guards_keep_list_grace_and_engaged_mutual() -> None:
    account = Account(id="1", handle="Alice", last_active_at=NOW)
    old = Relationship(account_id="1", first_seen=NOW - timedelta(days=400))
    kept = score_all([account], [old], [], policy(keep_handles=frozenset({"alice"})), NOW)[0]
    assert kept.guard == "on your keep-list" and not kept.proposed

    new = Relationship(account_id="1", first_seen=NOW - timedelta(days=3))
    grace = score_all([account], [new], [], policy(), NOW)[0]
    assert not grace.proposed and grace.guard and "grace period" in grace.guard

    mutual = old.model_copy(update={"follows_you": True})
    engaged = score_all([account], [mutual], [event(Direction.FROM_THEM, 40)], policy(), NOW)[0]
    assert not engaged.proposed
    assert engaged.guard == "mutual who engaged with you 6 weeks ago"

    plain = score_all([account], [old], [], policy(), NOW)[0]
    assert plain.proposed and plain.guard is None


def test_dead_accounts_are_proposed_first() -> None:
    from followprune.models import AccountState

    accounts = [
        Account(id="1", handle="fine", bio="rust", last_active_at=NOW),
        Account(id="2", handle="gone", state=AccountState.SUSPENDED),
    ]
    rels = [Relationship(account_id=a.id) for a in accounts]
    scores = score_all(accounts, rels, [], policy(threshold=0.0), NOW)
    assert [s.account.handle for s in scores] == ["gone", "fine"]
    assert scores[0].proposed and scores[0].dead and not scores[1].proposed
    assert scores[0].reasons()[0] == "account suspended"


def test_a_follow_behind_a_block_is_proposed_whatever_its_score_but_keeps_its_guards() -> None:
    account = Account(id="1", handle="Alice", bio="rust", last_active_at=NOW)
    old = Relationship(account_id="1", first_seen=NOW - timedelta(days=400))
    lenient = policy(threshold=0.0)
    for tie, reason in ((old.model_copy(update={"blocks_you": True}),
                         "blocks you: you cannot see its posts"),
                        (old.model_copy(update={"blocked": True}),
                         "you block it: its posts are hidden from you")):
        score = score_one(account, tie, [], lenient)
        assert score.proposed and not score.dead and score.guard is None
        assert score.reasons()[0] == reason
        # A mute does not hide it from the review: the block is news the mute predates.
        muted = score_one(account, tie.model_copy(update={"muted": True}), [], lenient)
        assert muted.proposed == tie.blocks_you
        kept = score_one(account, tie, [], policy(threshold=0.0,
                                                  keep_handles=frozenset({"alice"})))
        assert kept.guard == "on your keep-list" and not kept.proposed
    plain = score_one(account, old, [], lenient)
    assert not plain.proposed


def test_unknown_profile_is_neutral_not_punished() -> None:
    account = Account(id="1", handle="1", profile_known=False)
    score = score_all([account], [Relationship(account_id="1")], [], policy(), NOW)[0]
    for name in ("relevance", "geography", "quality"):
        assert score.components[name].value == 0.5


def test_keep_by_rule_mutuals_verified_and_places() -> None:
    from followprune.scoring.geography import resolve_setting

    old = NOW - timedelta(days=400)
    accounts = [
        Account(id="1", handle="mutual", last_active_at=NOW),
        Account(id="2", handle="checked", verified=True, last_active_at=NOW),
        Account(id="3", handle="local", location="Kreuzberg, Berlin", last_active_at=NOW),
        Account(id="4", handle="elsewhere", location="Lyon, France", last_active_at=NOW),
    ]
    rels = [Relationship(account_id=a.id, first_seen=old, follows_you=a.id == "1")
            for a in accounts]
    pol = policy(keep_mutuals=True, keep_verified=True,
                 keep_places=(resolve_setting("Berlin"),))
    guards = {s.account.handle: s.guard for s in score_all(accounts, rels, [], pol, NOW)}
    assert guards["mutual"] == "follows you back (keep_mutuals)"
    assert guards["checked"] == "verified (keep_verified)"
    assert guards["local"] is not None and guards["local"].startswith("located in Berlin")
    assert guards["elsewhere"] is None


def test_keep_places_setting_must_be_a_place() -> None:
    from click.testing import CliRunner

    from followprune.cli.main import cli

    result = CliRunner().invoke(cli, ["--demo", "--dry-run"],
                                env={"FOLLOWPRUNE_PROPOSALS_KEEP_PLACES": "in your heart"})
    assert result.exit_code == 2
    assert "proposals.keep_places: 'in your heart' is not a place" in result.stderr


def test_an_account_silent_for_a_year_is_proposed_whatever_its_topic_and_place() -> None:
    from followprune.scoring.blend import gone_cap
    from followprune.scoring.geography import resolve_setting

    created = NOW - timedelta(days=3000)
    old = NOW - timedelta(days=400)

    def local(handle: str, silent_days: float) -> Account:
        return Account(id=handle, handle=handle, bio="rust developer and open source",
                       location="Kreuzberg, Berlin", created_at=created, post_count=5000,
                       followers_count=600, following_count=400, listed_count=20,
                       like_count=900, last_active_at=NOW - timedelta(days=silent_days))

    accounts = [local("quiet_months", 200), local("gone_year", 370), local("gone_years", 2500)]
    rels = [Relationship(account_id=a.id, first_seen=old, follows_you=True) for a in accounts]
    pol = policy(threshold=0.3, home=(resolve_setting("Berlin"),))
    by = {s.account.handle: s for s in score_all(accounts, rels, [], pol, NOW)}
    # On topic, in your city, following you back: a few quiet months are no fault...
    assert not by["quiet_months"].proposed
    # ...but a year of silence is, and the longer the lower.
    assert by["gone_year"].proposed and by["gone_years"].proposed
    assert by["gone_years"].keep < by["gone_year"].keep < pol.threshold
    assert by["gone_years"].reasons()[0].startswith("silent for")
    # The cap never rises as the silence grows, and is no cap within the year.
    caps = [gone_cap(p / 100, 0.3) for p in range(0, 101)]
    assert all(a >= b for a, b in itertools.pairwise(caps))
    assert caps[79] == 1.0 and caps[80] < 0.3 and caps[100] == 0.15
