"""`prune locate` and `prune --from`, through the CLI."""

from __future__ import annotations

import json
import random
import sqlite3
from pathlib import Path
from typing import Any

import pytest

from followprune.scoring.blend import COMPONENTS
from tests.conftest import Invoke, proposals_json

# Real twarc2 output (see shared/x-api/fixtures/SOURCE.md), kept beside the repository.
TWARC_USERS = (
    Path(__file__).resolve().parents[1].parent / "shared" / "x-api" / "fixtures"
    / "users_lookup_v2.jsonl"
)
LOCATE_TEXTS = ("Berlin", "she/her", "🇯🇵")


# --- prune locate --------------------------------------------------------------------------


def test_locate_json_gives_country_rule_and_confidence(invoke: Invoke) -> None:
    result = invoke("locate", *LOCATE_TEXTS, "--format", "json")
    assert result.exit_code == 0, result.output
    rows = {row["text"]: row for row in json.loads(result.stdout)["places"]}
    assert set(rows) == set(LOCATE_TEXTS)
    berlin, pronouns, flag = rows["Berlin"], rows["she/her"], rows["🇯🇵"]
    assert (berlin["country"], berlin["city"], berlin["rule"]) == ("DE", "Berlin", "city")
    assert 0.5 <= berlin["confidence"] <= 1.0
    # Pronouns are the classic false city ("Her" is a town): they must stay unknown.
    assert (pronouns["country"], pronouns["rule"], pronouns["confidence"]) == (
        None, "non-place", 0.0)
    assert (flag["country"], flag["rule"]) == ("JP", "flag")
    assert 0.5 <= flag["confidence"] <= 1.0


def test_locate_table_shows_one_row_per_text(invoke: Invoke) -> None:
    result = invoke("locate", *LOCATE_TEXTS)
    assert result.exit_code == 0, result.output
    # Cells split on the table's column rule, whatever box characters Rich chooses.
    cells = [[c.strip() for c in line.replace("│", "|").split("|")]
             for line in result.stdout.splitlines()]
    lines = {row[0]: row for row in cells if row[0] in LOCATE_TEXTS}
    # The region as ISO 3166-2, never the GeoNames admin1 code ("DE.16").
    assert lines["Berlin"][1:] == ["DE", "DE-BE", "Berlin", "0.80", "city"]
    assert lines["she/her"][1:] == ["unknown", "", "", "0.00", "non-place"]
    assert lines["🇯🇵"][1:] == ["JP", "", "", "0.90", "flag"]


def test_locate_takes_southern_and_western_coordinates_as_texts(invoke: Invoke) -> None:
    result = invoke("locate", "--format", "json", "-33.87,151.21", "-22.9, -43.2")
    assert result.exit_code == 0, result.output
    assert [p["country"] for p in json.loads(result.stdout)["places"]] == ["AU", "BR"]
    mistyped = invoke("locate", "--fromat", "json", "Paris")
    assert mistyped.exit_code == 2 and "No such option '--fromat'" in mistyped.stderr


def test_locate_needs_a_text(invoke: Invoke) -> None:
    assert invoke("locate").exit_code == 2


# --- prune --from ----------------------------------------------------------------------------


def _assert_complete(accounts: list[dict[str, Any]]) -> None:
    """Every account carries what a person needs to judge it."""
    for record in accounts:
        assert set(record["components"]) == set(COMPONENTS)
        assert all(0.0 <= v <= 1.0 for v in record["components"].values())
        assert 0.0 <= record["keep"] <= 1.0
        assert isinstance(record["proposed"], bool)
        assert record["reasons"] and all(isinstance(r, str) and r for r in record["reasons"])


def _action_count(home: Path) -> int:
    db = sqlite3.connect(home / "followprune.sqlite3")
    try:
        (count,) = db.execute("SELECT COUNT(*) FROM actions").fetchone()
    finally:
        db.close()
    return int(count)


@pytest.mark.skipif(not TWARC_USERS.is_file(), reason=f"recorded fixture absent: {TWARC_USERS}")
def test_from_recorded_twarc2_pages(invoke: Invoke, isolated_env: Path) -> None:
    # The page lists 96 user objects; twarc2 repeats some across a page, and the file reader
    # keeps each id once.
    pages = [json.loads(line) for line in TWARC_USERS.read_text(encoding="utf-8").splitlines()]
    listed = [user for page in pages for user in page["data"]]
    assert len(listed) == 96
    ids = {user["id"] for user in listed}

    data = proposals_json(invoke("--from", str(TWARC_USERS), "--all", "--format", "json"))
    assert data["network"] == "file"
    assert data["followed"] == len(data["accounts"]) == len(ids)
    assert {a["account_id"] for a in data["accounts"]} == ids
    _assert_complete(data["accounts"])
    # Real, varied profiles: quality must spread out rather than be one flat value.
    assert len({a["components"]["quality"] for a in data["accounts"]}) > 10
    assert _action_count(isolated_env) == 0


def _plain_users(n: int, seed: int) -> list[dict[str, Any]]:
    """X API v2 user objects as a tool would export them, one per line."""
    rng = random.Random(seed)
    bios = ("Rust and open source", "Dog person, baker", "", "Climate policy researcher",
            "Crypto signals 🚀 follow back", "Photographer in Lisbon")
    places = ("Berlin", "", "worldwide", "Paris, France", "🇯🇵", "she/her", "NYC")
    users = []
    for i in range(n):
        following = rng.choice((120, 400, 3_000, 6_000))
        users.append({
            "id": str(1000 + i),
            "username": f"user_{i}",
            "name": f"User {i}",
            "description": rng.choice(bios),
            "location": rng.choice(places),
            "created_at": f"20{rng.randint(10, 23)}-0{rng.randint(1, 9)}-15T10:00:00.000Z",
            "verified": False,
            "protected": False,
            "profile_image_url": rng.choice((
                "https://pbs.twimg.com/profile_images/1/photo_normal.jpg",
                "https://abs.twimg.com/sticky/default_profile_images/default_profile_normal.png",
            )),
            "public_metrics": {
                "followers_count": rng.randint(0, 20_000),
                "following_count": following,
                "tweet_count": rng.randint(0, 80_000),
                "listed_count": rng.randint(0, 40),
                "like_count": rng.randint(0, 9_000),
            },
            "connection_status": ["following"] + (["followed_by"] if rng.random() < 0.3 else []),
        })
    return users


def test_from_plain_user_objects(invoke: Invoke, tmp_path: Path, isolated_env: Path) -> None:
    users = _plain_users(60, seed=3)
    path = tmp_path / "following.jsonl"
    path.write_text("".join(json.dumps(u) + "\n" for u in users), encoding="utf-8")

    data = proposals_json(invoke("--from", str(path), "--all", "--format", "json"))
    assert data["followed"] == len(data["accounts"]) == 60
    by_id = {a["account_id"]: a for a in data["accounts"]}
    assert set(by_id) == {u["id"] for u in users}
    _assert_complete(data["accounts"])
    for user in users:
        assert by_id[user["id"]]["follows_you"] == ("followed_by" in user["connection_status"])
    # Worst first, as for every network.
    keeps = [a["keep"] for a in data["accounts"] if not a["dead"]]
    assert keeps == sorted(keeps)
    assert _action_count(isolated_env) == 0


def test_from_never_acts_even_with_yes(invoke: Invoke, tmp_path: Path,
                                       isolated_env: Path) -> None:
    path = tmp_path / "following.jsonl"
    path.write_text("".join(json.dumps(u) + "\n" for u in _plain_users(30, seed=5)),
                    encoding="utf-8")
    for args in (("--yes",), ("--yes", "--format", "json"), ()):
        result = invoke("--from", str(path), *args)
        assert result.exit_code == 0, result.output
        assert ("--yes changes nothing" in result.stderr) == ("--yes" in args)
    assert _action_count(isolated_env) == 0


@pytest.mark.parametrize("other", [("--demo",), ("--network", "mastodon"), ("--network", "x")])
def test_from_and_another_follow_list_are_refused(invoke: Invoke, tmp_path: Path,
                                                  other: tuple[str, ...]) -> None:
    """Which list was meant? The file had won silently (probe round 10)."""
    path = tmp_path / "following.jsonl"
    path.write_text("".join(json.dumps(u) + "\n" for u in _plain_users(3, seed=5)),
                    encoding="utf-8")
    result = invoke("--from", str(path), *other, "--dry-run")
    assert result.exit_code == 2
    assert f"--from reads a file; {other[0]} names another follow list" in result.stderr


def test_demo_and_a_network_are_refused(invoke: Invoke) -> None:
    result = invoke("--demo", "--network", "x", "--dry-run")
    assert result.exit_code == 2
    assert "--demo and --network x name two follow lists" in result.stderr


# --- a place the bio names, for a profile with no location (Bluesky has none) -------------

@pytest.mark.parametrize(
    ("bio", "said"),
    [("Illustrator & comics 📍 Montréal | she/her", "Montréal"),
     ("📍Toronto, ON • comics", "Toronto, ON"),
     ("Berlin-based open source dev", "Berlin"),
     ("New York-based writer", "New York"),
     ("Based in Nairobi and working on agritech", "Nairobi"),
     ("Lives in Osaka, Japan. Game dev.", "Osaka, Japan")],
)
def test_a_bio_says_where_its_author_is(bio: str, said: str) -> None:
    from followprune.scoring.geography import location_of

    assert location_of("", bio) == said
    # The profile's own location comes first.
    assert location_of("Lyon", bio) == "Lyon"


@pytest.mark.parametrize("bio", ["based in reality", "Web-based tools for teachers",
                                 "Evidence-based medicine, plant-based chef", "📍 the moon",
                                 "Comics artist"])
def test_a_bio_without_a_place_gives_none(bio: str) -> None:
    from followprune.scoring.geography import location_of

    assert location_of("", bio) == ""


def test_geography_reads_the_bios_place_and_says_so(
        invoke: Invoke, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("FOLLOWPRUNE_GEOGRAPHY_HOME", "Berlin")
    user = {"id": "700", "username": "pinned", "description": "Comics 📍 Berlin", "location": "",
            "created_at": "2015-01-01T00:00:00.000Z",
            "public_metrics": {"followers_count": 300, "following_count": 200,
                               "tweet_count": 3000, "listed_count": 4}}
    path = tmp_path / "one.jsonl"
    path.write_text(json.dumps(user) + "\n", encoding="utf-8")
    data = proposals_json(invoke("--from", str(path), "--all", "--format", "json",
                                 "--as-of", "2026-06-01"))
    (account,) = data["accounts"]
    assert account["components"]["geography"] == 1.0
    assert any(r.startswith("in Berlin, Germany (says its bio) — same city as you")
               for r in account["reasons"]), account["reasons"]


def test_the_reports_countries_count_the_place_geography_scored(
        invoke: Invoke, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The HTML chart agrees with the reasons: a bio's place for a profile with no location,
    and the reader's own namesake of a shared town name."""
    monkeypatch.setenv("FOLLOWPRUNE_GEOGRAPHY_HOME", "Melbourne")
    users = [{"id": str(800 + i), "username": f"u{i}", "description": bio, "location": where,
              "created_at": "2015-01-01T00:00:00.000Z",
              "public_metrics": {"followers_count": 300, "following_count": 200,
                                 "tweet_count": 3000, "listed_count": 4}}
             for i, (bio, where) in enumerate([("Comics 📍 Toronto", ""), ("Cafe", "Richmond")])]
    path = tmp_path / "two.jsonl"
    path.write_text("".join(json.dumps(u) + "\n" for u in users), encoding="utf-8")
    result = invoke("--from", str(path), "--all", "--format", "html", "--as-of", "2026-06-01")
    assert result.exit_code == 0, result.output
    chart = result.stdout[result.stdout.index("Countries"):]
    assert "Canada" in chart and "Australia" in chart
    assert "United States" not in chart and "not known" not in chart


def test_an_html_report_of_a_file_names_it_so(invoke: Invoke, tmp_path: Path) -> None:
    """A list read with --from is no network's: "Your file follow list" had been its heading
    (persona round 15)."""
    path = tmp_path / "following.jsonl"
    path.write_text("".join(json.dumps(u) + "\n" for u in _plain_users(5, seed=5)),
                    encoding="utf-8")
    result = invoke("--from", str(path), "--dry-run", "--format", "html")
    assert result.exit_code == 0, result.output
    assert "<h1>Your follow list read from a file</h1>" in result.stdout
    assert "<title>followprune: follow list read from a file</title>" in result.stdout


def test_locate_reads_texts_as_a_review_does_for_the_home_set(
    invoke: Invoke, isolated_env: Path
) -> None:
    """"Richmond" and "Brunswick" had been Virginia's and Ohio's in `locate` while a review
    for a Melburnian placed them in Melbourne (persona round 16)."""
    isolated_env.mkdir(parents=True, exist_ok=True)
    (isolated_env / "config.toml").write_text(
        '[geography]\nhome = ["Naarm"]\nregions = ["Vic"]\n', encoding="utf-8")
    texts = ("Richmond", "Sydney Rd, Brunswick", "Vic", "London / NYC")
    result = invoke("locate", *texts, "--format", "json")
    assert result.exit_code == 0, result.output
    rows = {row["text"]: row for row in json.loads(result.stdout)["places"]}
    assert [rows[t]["region"] for t in texts] == ["AU-VIC", "AU-VIC", "AU-VIC", "GB-ENG"]
    assert [p["country"] for p in rows["London / NYC"]["places"]] == ["GB", "US"]
    assert "home: Melbourne, Australia" in result.stderr
    assert "--no-home" in result.stderr
    bare = invoke("locate", *texts, "--no-home", "--format", "json")
    rows = {row["text"]: row for row in json.loads(bare.stdout)["places"]}
    assert [rows[t]["region"] for t in texts] == ["US-VA", "US-OH", "ES-CT", "GB-ENG"]
    assert bare.stderr == ""


def test_locate_reads_bare_when_a_place_setting_cannot_be_read(
    invoke: Invoke, isolated_env: Path
) -> None:
    isolated_env.mkdir(parents=True, exist_ok=True)
    (isolated_env / "config.toml").write_text('[geography]\nhome = ["9ja"]\n',
                                              encoding="utf-8")
    result = invoke("locate", "Richmond", "--format", "json")
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["places"][0]["region"] == "US-VA"
    assert "Read bare: geography.home: '9ja' is not a place" in result.stderr
