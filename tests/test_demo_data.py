"""The bundled demo network: reproducible, valid against the models, and varied enough that
`prune --demo` exercises every part of the scorer.

Categories are counted from the data itself (what a scorer sees), not from generator labels,
so a change to the generator that loses a kind of account fails here.
"""

from __future__ import annotations

import gzip
import importlib.util
import json
import re
import sys
import zlib
from collections import Counter, defaultdict
from datetime import datetime, timedelta
from importlib import resources
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

from followprune.models import (
    Account,
    AccountState,
    Direction,
    Graph,
    Interaction,
    InteractionKind,
    Relationship,
)

ROOT = Path(__file__).resolve().parents[1]
SCRIPT = ROOT / "scripts" / "make_demo_data.py"
DATA = ROOT / "src" / "followprune" / "data" / "demo_network.json.gz"

JOKES = {
    "in your heart",
    "the internet",
    "worldwide",
    "somewhere over the rainbow",
    "mars",
    "localhost",
    "/dev/null",
    "earth",
    "remote",
    "online",
    "everywhere & nowhere",
    "the shire",
    "your timeline",
    "behind you 👀",
    "🌍",
    "127.0.0.1",
    "a galaxy far far away",
}
PRONOUNS = {"she/her", "he/him", "they/them", "she/they"}
FLAG = re.compile("[\U0001f1e6-\U0001f1ff]{2}")
CITY_STATE = re.compile(r"^[A-Z][\w .'-]+, [A-Z]{2}$")  # "Portland, OR"
NON_LATIN = re.compile("[\u0400-\u04ff\u3040-\u30ff\u4e00-\u9fff\uac00-\ud7af]")


def _load_script() -> ModuleType:
    spec = importlib.util.spec_from_file_location("make_demo_data", SCRIPT)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    # dataclasses resolve string annotations through sys.modules, so register before exec.
    sys.modules.setdefault(spec.name, module)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def script() -> ModuleType:
    return _load_script()


@pytest.fixture(scope="module")
def blob() -> bytes:
    return DATA.read_bytes()


@pytest.fixture(scope="module")
def net(blob: bytes) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(gzip.decompress(blob))
    return data


@pytest.fixture(scope="module")
def as_of(net: dict[str, Any]) -> datetime:
    return datetime.fromisoformat(net["as_of"])


@pytest.fixture(scope="module")
def accounts(net: dict[str, Any]) -> list[Account]:
    return [Account.model_validate(a) for a in net["accounts"]]


@pytest.fixture(scope="module")
def rels(net: dict[str, Any]) -> dict[str, Relationship]:
    return {r["account_id"]: Relationship.model_validate(r) for r in net["relationships"]}


@pytest.fixture(scope="module")
def interactions(net: dict[str, Any]) -> list[Interaction]:
    return [Interaction.model_validate(i) for i in net["interactions"]]


@pytest.fixture(scope="module")
def by_account(interactions: list[Interaction]) -> dict[str, list[Interaction]]:
    out: dict[str, list[Interaction]] = defaultdict(list)
    for i in interactions:
        out[i.account_id].append(i)
    return out


def _at(ts: datetime | None) -> datetime:
    assert ts is not None
    return ts


def _posts_per_day(a: Account) -> float:
    if not a.post_count or a.created_at is None or a.last_active_at is None:
        return 0.0
    return a.post_count / max(1.0, (a.last_active_at - a.created_at).total_seconds() / 86400)


def _bot_like(a: Account) -> bool:
    return (
        (a.following_count or 0) >= 2000
        and (a.followers_count or 0) < 500
        and a.listed_count == 0
        and not a.verified
    )


# --- reproducibility and packaging -------------------------------------------------------


def test_regenerates_byte_identically(script: ModuleType, blob: bytes) -> None:
    fresh = script.build()
    assert fresh == script.build(), "build() is not deterministic within one process"
    assert gzip.decompress(blob) == fresh, "data file is stale: run scripts/make_demo_data.py"
    # gzip header: mtime (bytes 4-8) must be zero or the bytes change on every run.
    assert blob[4:8] == b"\x00\x00\x00\x00"
    if script.compress(fresh) != blob:
        # Same JSON, different deflate stream: only a different zlib build can do that.
        pytest.skip(f"zlib {zlib.ZLIB_RUNTIME_VERSION} compresses differently from the file's")


def test_shipped_as_package_data(blob: bytes) -> None:
    packaged = resources.files("followprune").joinpath("data/demo_network.json.gz")
    assert packaged.read_bytes() == blob
    assert len(blob) < 300_000


def test_top_level_format(net: dict[str, Any]) -> None:
    assert list(net) == [
        "as_of",
        "persona",
        "me",
        "my_posts",
        "accounts",
        "relationships",
        "interactions",
    ]
    assert net["as_of"] == "2026-11-01T00:00:00+00:00"
    persona = net["persona"]
    assert 6 <= len(persona["interests"]) <= 8
    assert persona["home"] == "Berlin"
    assert persona["regions"] == ["DE", "AT", "CH", "NL"]
    assert 25 <= len(net["my_posts"]) <= 40
    assert all(isinstance(p, str) and p for p in net["my_posts"])


def test_records_round_trip_through_the_models(net: dict[str, Any]) -> None:
    # model_dump(mode="json") of what validates must give back exactly what is stored:
    # every Account field present, nothing extra, nothing lost.
    for raw in [net["me"], *net["accounts"]]:
        assert Account.model_validate(raw).model_dump(mode="json") == raw
    for raw in net["relationships"]:
        assert Relationship.model_validate(raw).model_dump(mode="json") == raw
    for raw in net["interactions"]:
        assert Interaction.model_validate(raw).model_dump(mode="json") == raw
    graph = Graph(
        me=Account.model_validate(net["me"]),
        accounts=[Account.model_validate(a) for a in net["accounts"]],
        relationships=[Relationship.model_validate(r) for r in net["relationships"]],
        interactions=[Interaction.model_validate(i) for i in net["interactions"]],
        my_posts=net["my_posts"],
    )
    assert len(graph.accounts) >= 520


def test_me(net: dict[str, Any], accounts: list[Account]) -> None:
    me = Account.model_validate(net["me"])
    assert me.id == "1000000000000000001"
    assert me.handle == "you"
    assert me.location == "Berlin"
    bio = me.bio.lower()
    assert sum(word in bio for word in ("rust", "python", "open source", "distributed")) >= 3
    assert me.following_count == len(accounts)


# --- integrity ---------------------------------------------------------------------------


def test_ids_and_handles_unique(net: dict[str, Any], accounts: list[Account]) -> None:
    ids = [a.id for a in accounts] + [net["me"]["id"]]
    assert len(ids) == len(set(ids))
    assert all(i.isdigit() for i in ids)
    handles = [a.handle.lower() for a in accounts] + ["you"]
    assert len(handles) == len(set(handles))
    assert all(re.fullmatch(r"[A-Za-z0-9_]{1,15}", a.handle) for a in accounts)
    # Newer accounts carry snowflake-sized ids, as on X.
    assert sum(len(a.id) >= 18 for a in accounts) > len(accounts) / 2


def test_one_relationship_per_account(
    accounts: list[Account], rels: dict[str, Relationship], net: dict[str, Any]
) -> None:
    assert len(net["relationships"]) == len(accounts)
    assert set(rels) == {a.id for a in accounts}
    assert all(r.you_follow and not r.blocked for r in rels.values())


def test_interactions_reference_followed_accounts(
    interactions: list[Interaction], rels: dict[str, Relationship]
) -> None:
    assert interactions
    assert all(i.account_id in rels and rels[i.account_id].you_follow for i in interactions)
    sources = [i.source_id for i in interactions]
    assert all(sources) and len(sources) == len(set(sources))


def test_timestamps_on_or_before_as_of(
    net: dict[str, Any],
    as_of: datetime,
    accounts: list[Account],
    rels: dict[str, Relationship],
    interactions: list[Interaction],
) -> None:
    stamps: list[datetime | None] = [Account.model_validate(net["me"]).created_at]
    for a in accounts:
        stamps += [a.created_at, a.last_active_at]
    stamps += [r.first_seen for r in rels.values()]
    stamps += [i.at for i in interactions]
    for ts in stamps:
        assert ts is not None and ts.utcoffset() == timedelta(0)
        assert ts <= as_of
    for a in accounts:
        assert _at(a.created_at) <= _at(a.last_active_at)
        assert _at(a.created_at) <= _at(rels[a.id].first_seen)


def test_interaction_history_is_consistent(
    as_of: datetime, accounts: list[Account], interactions: list[Interaction]
) -> None:
    by_id = {a.id: a for a in accounts}
    for i in interactions:
        at = _at(i.at)
        assert at >= as_of - timedelta(days=740)  # the past ~2 years
        acc = by_id[i.account_id]
        assert at >= _at(acc.created_at)
        if i.direction is Direction.FROM_THEM:
            assert at <= _at(acc.last_active_at), "they engaged after their last activity"


# --- variety: counted from the data --------------------------------------------------------


def test_follow_count_and_mutuals(accounts: list[Account], rels: dict[str, Relationship]) -> None:
    assert len(accounts) >= 520
    mutual = sum(r.follows_you for r in rels.values()) / len(rels)
    assert 0.28 <= mutual <= 0.42


def test_first_seen_spread_and_grace_period(as_of: datetime, rels: dict[str, Relationship]) -> None:
    seen = [_at(r.first_seen) for r in rels.values()]
    assert 15 <= sum(s > as_of - timedelta(days=30) for s in seen) <= 25
    assert len({s.year for s in seen}) >= 6


def test_locations(accounts: list[Account]) -> None:
    locs = [a.location for a in accounts if a.state is AccountState.ACTIVE]
    lower = [loc.lower() for loc in locs]
    assert 0.15 <= sum(not loc for loc in locs) / len(locs) <= 0.25
    assert sum(loc in JOKES for loc in lower) >= 10
    assert sum(loc in PRONOUNS for loc in lower) >= 3
    assert sum(bool(FLAG.search(loc)) for loc in locs) >= 5
    assert sum(bool(CITY_STATE.match(loc)) for loc in locs) >= 10
    assert sum(bool(NON_LATIN.search(loc)) for loc in locs) >= 5
    assert sum("http" in loc or "www." in loc or ".ee/" in loc for loc in lower) >= 2
    assert sum("berlin" in loc for loc in lower) >= 60
    for city in ("München", "Paris", "Tokyo", "東京", "Москва", "España", "Deutschland"):
        assert city in locs, city


def test_dead_accounts(accounts: list[Account]) -> None:
    states = Counter(a.state for a in accounts)
    dead = sum(n for s, n in states.items() if s.dead)
    assert 6 <= dead <= 10
    for s in (AccountState.SUSPENDED, AccountState.DEACTIVATED, AccountState.DELETED):
        assert states[s] >= 2


def test_silent_accounts(as_of: datetime, accounts: list[Account]) -> None:
    alive = [a for a in accounts if a.state is AccountState.ACTIVE]
    silent = [a for a in alive if _at(a.last_active_at) < as_of - timedelta(days=180)]
    assert 25 <= len(silent) <= 50
    assert any(_at(a.last_active_at) < as_of - timedelta(days=3 * 365) for a in silent)
    recently = [a for a in alive if _at(a.last_active_at) > as_of - timedelta(days=7)]
    assert len(recently) > len(alive) * 0.7


def test_hyperactive_accounts(accounts: list[Account]) -> None:
    rates = [_posts_per_day(a) for a in accounts]
    assert 10 <= sum(80 <= r <= 300 for r in rates) <= 25
    assert max(rates) <= 300


def test_bot_like_follower_seekers(accounts: list[Account], as_of: datetime) -> None:
    bots = [a for a in accounts if _bot_like(a)]
    assert 35 <= len(bots) <= 50
    assert sum(a.default_avatar for a in bots) >= 0.7 * len(bots)
    assert sum(re.search(r"\d{6,}$", a.handle) is not None for a in bots) >= 30
    assert sum(_at(a.created_at) > as_of - timedelta(days=500) for a in bots) >= 35
    spammy = ("follow back", "dm for promo", "followback", "promo", "f4f")
    assert sum(not a.bio or any(s in a.bio.lower() for s in spammy) for a in bots) >= 25


def test_protected_verified_muted_pinned(
    accounts: list[Account], rels: dict[str, Relationship]
) -> None:
    assert 8 <= sum(a.protected for a in accounts) <= 25
    orgs = [a for a in accounts if a.verified and (a.followers_count or 0) >= 3000]
    assert len(orgs) >= 15
    assert 3 <= sum(r.muted for r in rels.values()) <= 10
    assert 0.25 <= sum(bool(a.pinned_text) for a in accounts) / len(accounts) <= 0.35


def test_topics_present(accounts: list[Account], net: dict[str, Any]) -> None:
    text = [(a.bio + " " + a.pinned_text).lower() for a in accounts]
    for interest in net["persona"]["interests"]:
        key = {"cycling": "bike", "urbanism": "urban"}.get(interest, interest.split()[0])
        assert sum(key in t for t in text) >= 10, interest
    for off in ("nfl", "recipe", "dj", "political", "crypto", "berlin", "news"):
        assert any(off in t for t in text), off


def test_interactions_variety(
    as_of: datetime,
    accounts: list[Account],
    rels: dict[str, Relationship],
    interactions: list[Interaction],
    by_account: dict[str, list[Interaction]],
) -> None:
    kinds = Counter((i.direction, i.kind) for i in interactions)
    for kind in (
        InteractionKind.REPLY,
        InteractionKind.MENTION,
        InteractionKind.QUOTE,
        InteractionKind.REPOST,
    ):
        assert kinds[(Direction.FROM_THEM, kind)] > 0
    for kind in InteractionKind:
        assert kinds[(Direction.FROM_YOU, kind)] > 0
    # A core of friends and colleagues carries most of the history.
    core = [k for k, v in by_account.items() if len(v) >= 5]
    assert 60 <= len(core) <= 110
    assert sum(len(by_account[k]) for k in core) > 0.7 * len(interactions)
    assert len(by_account) < 0.4 * len(accounts)  # sparse elsewhere
    # Recent engagement from mutuals (never to be proposed) ...
    recent_cut = as_of - timedelta(days=180)
    protected_mutuals = [
        k
        for k, v in by_account.items()
        if rels[k].follows_you
        and any(i.direction is Direction.FROM_THEM and _at(i.at) > recent_cut for i in v)
    ]
    assert len(protected_mutuals) >= 40
    # ... and engagement that stopped more than a year ago.
    old_only = [
        k for k, v in by_account.items() if max(_at(i.at) for i in v) < as_of - timedelta(days=365)
    ]
    assert len(old_only) >= 10
    # Bots mostly never interact (a few spam-mention you, none hear back from you).
    bot_ids = {a.id for a in accounts if _bot_like(a)}
    assert sum(k in bot_ids for k in by_account) <= 5
    assert not any(
        i.account_id in bot_ids and i.direction is Direction.FROM_YOU for i in interactions
    )
