"""Properties of the full blend (`score_all`) that a person would agree with.

Each direction from reference/scoring.md is checked with everything else held equal: one
account is scored twice, changed in one respect, inside the same generated list (relevance is
normalised within the list, so the neighbours are held equal too).
"""

from __future__ import annotations

import importlib.util
import json
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path
from types import ModuleType
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from followprune.models import Account, Direction, Interaction, InteractionKind, Relationship
from followprune.scoring.blend import COMPONENTS, AccountScore, ScoringPolicy, score_all
from followprune.scoring.geography import UNKNOWN, resolve_location, resolve_setting
from followprune.scoring.relevance import InterestProfile
from tests.conftest import Invoke, proposals_json

ROOT = Path(__file__).resolve().parents[1]
NOW = datetime(2026, 6, 1, 12, 0, tzinfo=UTC)
WEIGHTS = {"relevance": 0.35, "interaction": 0.35, "geography": 0.15, "quality": 0.15}
POLICY = ScoringPolicy(
    weights=WEIGHTS,
    threshold=0.3,
    interests=InterestProfile(keywords=("rust", "open source", "climate")),
    home=(resolve_setting("Berlin"),),
    regions=(resolve_setting("FR"),),
)
ON_TOPIC = "Rust developer and open source maintainer, writing about compilers and tooling"
OFF_TOPIC = "Dog mum, baker of sourdough bread, weekend hiker and coffee lover"
# Profile locations that name no place (Hecht et al.: a third of real profiles).
NOT_PLACES = ("worldwide", "in your heart", "she/her", "Earth", "the internet", "remote",
              "somewhere", "online", "Hogwarts", "🌍", "https://example.com", "@home")

SETTINGS = settings(max_examples=60, deadline=None,
                    suppress_health_check=[HealthCheck.too_slow])


def _load_bench() -> ModuleType:
    """The benchmark's generator is the "typical list" the sanity bound is measured on."""
    spec = importlib.util.spec_from_file_location(
        "bench_scoring", ROOT / "benchmarks" / "bench_scoring.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["bench_scoring"] = module
    spec.loader.exec_module(module)
    return module


BENCH = _load_bench()


# --- strategies --------------------------------------------------------------------------


@st.composite
def accounts(draw: st.DrawFn, index: int = 0) -> Account:
    """An ordinary active account with realistic counts: nothing saturates a penalty, so a
    change in one respect can move the score."""
    age = draw(st.integers(200, 5_000))
    followers = draw(st.integers(20, 50_000))
    return Account(
        id=f"a{index}",
        handle=f"{draw(st.sampled_from(('ana', 'li', 'sam', 'kofi', 'yuki')))}_{index}",
        name=draw(st.sampled_from(("Ana Lopez", "Li Wei", "Sam", "Kofi A."))),
        bio=draw(st.sampled_from((ON_TOPIC, OFF_TOPIC, "Climate scientist. Views my own.",
                                  "Coffee, cats and football", "Open source at heart"))),
        location=draw(st.sampled_from(("Berlin", "Paris, France", "NYC", "", "worldwide",
                                       "Tokyo", "Munich, Germany"))),
        created_at=NOW - timedelta(days=age),
        followers_count=followers,
        following_count=draw(st.integers(20, 900)),
        post_count=int(age * draw(st.floats(0.5, 15.0))),
        listed_count=draw(st.integers(1, 50)),
        like_count=draw(st.integers(50, 20_000)),
        last_active_at=NOW - timedelta(days=draw(st.integers(0, 30))),
    )


def relationships(index: int = 0) -> st.SearchStrategy[Relationship]:
    return st.builds(
        Relationship,
        account_id=st.just(f"a{index}"),
        follows_you=st.booleans(),
        first_seen=st.integers(31, 3_000).map(lambda d: NOW - timedelta(days=d)),
    )


def events(index: int = 0, max_size: int = 3) -> st.SearchStrategy[list[Interaction]]:
    event = st.builds(
        Interaction,
        account_id=st.just(f"a{index}"),
        kind=st.sampled_from(InteractionKind),
        direction=st.sampled_from(Direction),
        # Older than the engaged-mutual guard, so the guard never hides the score.
        at=st.integers(200, 365).map(lambda d: NOW - timedelta(days=d)),
    )
    return st.lists(event, max_size=max_size)


@st.composite
def neighbours(draw: st.DrawFn) -> tuple[list[Account], list[Relationship]]:
    n = draw(st.integers(0, 6))
    return ([draw(accounts(i)) for i in range(1, n + 1)],
            [draw(relationships(i)) for i in range(1, n + 1)])


Case = tuple[Account, Relationship, list[Interaction], tuple[list[Account], list[Relationship]]]
cases = st.tuples(accounts(), relationships(), events(), neighbours())


def score(account: Account, rel: Relationship, evts: list[Interaction],
          around: tuple[list[Account], list[Relationship]],
          policy: ScoringPolicy = POLICY) -> AccountScore:
    """The score of `account` among `around`."""
    others, other_rels = around
    scores = score_all([account, *others], [rel, *other_rels], evts, policy, NOW)
    return next(s for s in scores if s.account.id == account.id)


def changed(account: Account, **update: Any) -> Account:
    return account.model_copy(update=update)


# --- directions, all else equal ------------------------------------------------------------


@SETTINGS
@given(cases)
def test_mutual_beats_one_way(case: Case) -> None:
    account, rel, evts, around = case
    one_way = score(account, rel.model_copy(update={"follows_you": False}), evts, around)
    mutual = score(account, rel.model_copy(update={"follows_you": True}), evts, around)
    assert one_way.keep < mutual.keep


@SETTINGS
@given(cases, st.sampled_from(InteractionKind), st.sampled_from(Direction),
       st.integers(0, 365))
def test_engagement_either_way_raises_the_keep_score(
    case: Case, kind: InteractionKind, direction: Direction, days_ago: int
) -> None:
    account, rel, evts, around = case
    extra = Interaction(account_id=account.id, kind=kind, direction=direction,
                        at=NOW - timedelta(days=days_ago), source_id="extra")
    before = score(account, rel, evts, around)
    after = score(account, rel, [*evts, extra], around)
    assert after.keep > before.keep
    # Engagement only ever protects: a mutual who engaged recently is never proposed.
    assert not (after.proposed and not before.proposed)


@SETTINGS
@given(cases)
def test_on_topic_beats_off_topic(case: Case) -> None:
    account, rel, evts, around = case
    on = score(changed(account, bio=ON_TOPIC), rel, evts, around)
    off = score(changed(account, bio=OFF_TOPIC), rel, evts, around)
    assert off.keep < on.keep


# Matches only "sustainability", a topic related to the policy's "climate", twice; and a bio
# of the same length naming "climate" once.
RELATED_ONLY = "Solar installer and renewable energy nerd, weekends on the allotment with the kids"
DIRECT = "Heat pump installer and a climate nerd, weekends on the allotment with the kids"
CLIMATE = "Climate campaigner, cyclist and parent of two, writing about the climate every week"


@SETTINGS
@given(cases)
def test_a_keyword_match_is_never_kept_below_a_related_only_match(case: Case) -> None:
    # A related topic alone never outranks the person's own keyword, however rare it is in the
    # list (persona review: an actress outranked a cumbia DJ for a music journalist).
    account, rel, evts, (others, other_rels) = case
    # Neighbours that name "climate" too, so it is common in the list and its idf low.
    climate = [changed(account, id=f"c{i}", handle=f"climate_{i}", bio=CLIMATE) for i in range(5)]
    around = ([*others, *climate],
              [*other_rels, *(rel.model_copy(update={"account_id": f"c{i}"}) for i in range(5))])
    related = score(changed(account, bio=RELATED_ONLY), rel, evts, around)
    direct = score(changed(account, bio=DIRECT), rel, evts, around)
    assert direct.components["relevance"].value >= related.components["relevance"].value
    assert direct.keep >= related.keep


@SETTINGS
@given(cases, st.integers(400, 3_000))
def test_long_silence_lowers_the_keep_score(case: Case, silent_days: int) -> None:
    account, rel, evts, around = case
    active = score(account, rel, evts, around)
    silent = score(changed(account, last_active_at=NOW - timedelta(days=silent_days)),
                   rel, evts, around)
    assert silent.keep < active.keep


@SETTINGS
@given(cases, st.floats(50.0, 500.0))
def test_extreme_volume_lowers_the_keep_score(case: Case, per_day: float) -> None:
    account, rel, evts, around = case
    age = (NOW - account.created_at).days if account.created_at else 1_000
    moderate = score(changed(account, post_count=5 * age), rel, evts, around)
    flood = score(changed(account, post_count=int(per_day * age)), rel, evts, around)
    assert flood.keep < moderate.keep


# A seeker follows at least ten times as many as follow it: issue 11 made the signal fire
# only from ratio 8 (ordinary people often follow 700 and are followed by 60).
@SETTINGS
@given(cases, st.integers(2_000, 8_000), st.integers(0, 200), st.booleans())
def test_follower_seeker_ranks_below_a_comparable_genuine_profile(
    case: Case, following: int, followers: int, digits: bool
) -> None:
    account, rel, evts, around = case
    # Lists are counted per follower: the same lists on fewer followers are a credit of their
    # own (hypothesis found 3 lists on 125 followers outweighing a mild 16:1 ratio), so the
    # two are compared without them.
    account = changed(account, listed_count=None)
    genuine = score(changed(account, following_count=350, followers_count=400), rel, evts,
                    around)
    seeker = changed(account, following_count=following, followers_count=followers,
                     handle=account.handle + ("84629173" if digits else ""))
    assert score(seeker, rel, evts, around).keep < genuine.keep


# Lists are what others give an account (issue 11): more never lowers it, whatever its
# followers, even past the fifth of them beyond which lists count for nothing.
@SETTINGS
@given(cases, st.integers(0, 100_000), st.integers(0, 500), st.integers(0, 3))
def test_more_lists_never_lower_the_keep_score(
    case: Case, extra: int, followers: int, listed: int
) -> None:
    account, rel, evts, around = case
    # From none at all: "on 0 lists" is evidence too.
    base = changed(account, followers_count=followers, listed_count=listed)
    fewer = score(base, rel, evts, around)
    more = score(changed(base, listed_count=listed + extra), rel, evts, around)
    assert more.keep >= fewer.keep


# Liking exactly as many posts as it writes is a repost bot's habit: no other like count,
# none at all included, scores below it.
@SETTINGS
@given(cases, st.integers(0, 200_000))
def test_likes_mirroring_the_posts_never_raise_the_keep_score(case: Case, likes: int) -> None:
    account, rel, evts, around = case
    posts = max(account.post_count or 0, 300)
    mirror = score(changed(account, post_count=posts, like_count=posts), rel, evts, around)
    other = score(changed(account, post_count=posts, like_count=likes), rel, evts, around)
    assert mirror.keep <= other.keep


@SETTINGS
@given(cases, st.sampled_from(NOT_PLACES))
def test_unknown_location_is_exactly_neutral_and_equals_blank(case: Case, where: str) -> None:
    account, rel, evts, around = case
    assert not resolve_location(where).known
    unknown = score(changed(account, location=where), rel, evts, around)
    blank = score(changed(account, location=""), rel, evts, around)
    assert unknown.components["geography"].value == UNKNOWN == 0.5
    assert unknown.keep == blank.keep
    assert unknown.proposed == blank.proposed


# --- bounds and guards over whole lists ----------------------------------------------------


@st.composite
def follow_lists(draw: st.DrawFn) -> tuple[list[Account], list[Relationship], list[Interaction]]:
    n = draw(st.integers(1, 12))
    accs = [draw(accounts(i)) for i in range(n)]
    # Anything may happen to a listed account: silent, flooding, seeking, gone quiet, new.
    accs = [changed(a, last_active_at=NOW - timedelta(days=draw(st.integers(0, 3_000))),
                    following_count=draw(st.integers(0, 10_000)),
                    post_count=draw(st.integers(0, 2_000_000)),
                    bio=draw(st.sampled_from(("", ON_TOPIC, OFF_TOPIC))),
                    default_avatar=draw(st.booleans()))
            for a in accs]
    rels = [draw(relationships(i)).model_copy(
        update={"first_seen": NOW - timedelta(days=draw(st.integers(0, 400)))})
        for i in range(n)]
    evts = [e for i in range(n) for e in draw(events(i, max_size=2))]
    return accs, rels, evts


@SETTINGS
@given(follow_lists(), st.data())
def test_components_in_unit_range_and_guards_hold(
    lists: tuple[list[Account], list[Relationship], list[Interaction]], data: st.DataObject
) -> None:
    accs, rels, evts = lists
    kept = data.draw(st.sets(st.sampled_from([a.handle.lower() for a in accs])))
    policy = ScoringPolicy(weights=WEIGHTS, threshold=0.6, keep_handles=frozenset(kept),
                           interests=POLICY.interests, home=POLICY.home)
    first_seen = {r.account_id: r.first_seen for r in rels}
    for s in score_all(accs, rels, evts, policy, NOW):
        assert 0.0 <= s.keep <= 1.0
        for name in COMPONENTS:
            assert 0.0 <= s.components[name].value <= 1.0
        seen = first_seen[s.account.id]
        in_grace = seen is not None and (NOW - seen).total_seconds() < 30 * 86400
        if s.account.handle.lower() in kept or in_grace:
            assert not s.proposed and s.guard


def _typical_scores(n: int) -> list[AccountScore]:
    follows = BENCH.generate(n, seed=11)
    return score_all(follows.accounts, follows.relationships, follows.interactions,
                     BENCH.policy(), BENCH.NOW)


def test_no_component_is_constant_over_a_varied_list() -> None:
    scores = _typical_scores(500)
    for name in COMPONENTS:
        values = {round(s.components[name].value, 6) for s in scores}
        assert len(values) > 1, f"{name} is {values} for every account"


# --- sanity bound: a typical run proposes a few per cent, not half the list ----------------
# Measured: the bundled demo proposes 72 of 544 (13.2 %); the benchmark's generated list
# proposes 11.2 % of 500, 10.1 % of 2,000 and 9.3 % of 5,000 (8-9 % before the bot signals
# were recalibrated on two labelled sets: the generator leaves bios and places empty at random,
# where real lists leave them empty mostly on bots). Before proposals needed a fault of the
# account (blend.sound_floor) it was 22 % of 2,000, mostly active people who were merely
# off-topic and never engaged.


def test_generated_typical_list_proposes_a_few_per_cent() -> None:
    scores = _typical_scores(2_000)
    share = sum(s.proposed for s in scores) / len(scores)
    assert 0.01 <= share <= 0.20, share


def test_demo_proposes_a_few_per_cent(invoke: Invoke) -> None:
    data = proposals_json(invoke("--demo", "--dry-run", "--format", "json", "--all"))
    share = data["proposed"] / data["followed"]
    assert data["followed"] == len(data["accounts"]) > 500
    assert 0.01 <= share <= 0.20, json.dumps({k: data[k] for k in ("followed", "proposed")})


# Lurking signals (sparse posting, never liking, no lists, few followers) count the strongest
# whole and the rest at a share: adding one, here never having liked a post against an
# unknown like count, still never raises the keep score, whichever becomes the strongest.
@SETTINGS
@given(cases)
def test_never_having_liked_never_raises_the_keep_score(case: Case) -> None:
    account, rel, evts, around = case
    unknown = score(changed(account, like_count=None), rel, evts, around)
    never = score(changed(account, like_count=0), rel, evts, around)
    assert never.keep <= unknown.keep
