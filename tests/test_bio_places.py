"""Places read from a bio (Bluesky has no location field), measured on a labelled set written
before the readings were tuned: tests/fixtures/bio_places.tsv. A bio's last words are often
not a place, so a false place costs more than a miss: the floor on precision is the higher."""

from __future__ import annotations

from pathlib import Path

from followprune.scoring.geography import location_of, resolve_location

FIXTURE = Path(__file__).parent / "fixtures" / "bio_places.tsv"


def _rows() -> list[tuple[str, str]]:
    rows = []
    for line in FIXTURE.read_text(encoding="utf-8").split("\n"):
        if not line or line.startswith("#") or line == "bio\tcountry":
            continue
        bio, _, country = line.partition("\t")
        rows.append((bio.replace("\\n", "\n"), country))
    return rows


def measure() -> tuple[float, float, list[str]]:
    """(precision, recall, the rows read wrongly): a bio with a place is right when the
    place read is in its country; one without is wrong when any place is read."""
    right = read = places = 0
    wrong: list[str] = []
    for bio, country in _rows():
        said = location_of("", bio)
        got = resolve_location(said).country if said else None
        places += bool(country)
        read += got is not None
        if got is not None and got == country:
            right += 1
        elif got is not None or country:
            wrong.append(f"{bio!r}: {country or '-'} / {got or '-'} ({said!r})")
    return right / read if read else 1.0, right / places, wrong


def test_the_fixture_is_half_places() -> None:
    rows = _rows()
    with_place = sum(1 for _, country in rows if country)
    assert len(rows) >= 60
    assert 0.4 <= with_place / len(rows) <= 0.6


def test_bio_places_floor() -> None:
    precision, recall, wrong = measure()
    assert precision >= 0.97, wrong
    assert recall >= 0.80, wrong


def test_a_sentence_end_cuts_an_x_based_name() -> None:
    # "waterbirds. Naarm" had been taken whole and refused for its small first letter.
    bio = "Landscape architect. Wetlands, waterways and waterbirds. Naarm-based 🦆"
    assert location_of("", bio) == "Naarm"
    assert location_of("", "Washington D.C.-based writer") == "Washington D.C."


def test_a_part_set_apart_is_read_when_it_is_wholly_a_place() -> None:
    assert location_of("", "Wetland ecologist. Birds, bogs and boardwalks. Naarm") == "Naarm"
    assert location_of("", "Science communicator | birds & books | Melb | she/her") == "Melb"
    assert location_of("", "神戸→メルボルン") == "メルボルン"
    assert location_of("", "Tokyo → Berlin") == "Berlin"
    assert location_of("", "Screenwriter and dog dad.\nLos Angeles") == "Los Angeles"
    assert location_of("", "Data scientist, Melbourne") == "Melbourne"
    assert resolve_location(location_of("", "Photographer. London 🇬🇧")).city == "London"


def test_words_that_look_like_places_are_not_read() -> None:
    for bio in ("Speaker. Author. Mentor.", "Wine lover 🍷 Champagne", "he/him | Phoenix rising",
                "Cooking • Baking | Chile con carne", "Reading, writing, running",
                "Jordan 23 | sneakers | ball is life", "Georgia on my mind 🎶", "I love Lisbon"):
        assert location_of("", bio) == "", bio


def test_japanese_living_in_is_read_and_born_in_is_not() -> None:
    assert location_of("", "大阪在住の会社員です") == "大阪"
    assert location_of("", "京都に住んでいます") == "京都"
    assert location_of("", "札幌出身、東京在住") == "東京"
    assert location_of("", "札幌出身の会社員") == ""


def test_from_a_place_and_a_lone_flag() -> None:
    assert location_of("", "Musician from Lagos") == "Lagos"
    assert location_of("", "Originally from Glasgow, loves tea") == ""
    assert location_of("", "Chad from marketing") == ""
    assert resolve_location(location_of("", "Gamer and anime fan 🇯🇵")).country == "JP"
    # Worn for a cause as often as for a home; two flags name no one country.
    assert location_of("", "Teacher. Stand with 🇺🇦") == ""
    assert location_of("", "Languages 🇫🇷 🇩🇪") == ""


def test_a_profile_location_comes_first() -> None:
    assert location_of("Paris", "Dev | Berlin") == "Paris"


def test_either_end_of_a_short_or_long_bio() -> None:
    assert location_of("", "Melbourne | ecologist") == "Melbourne"
    long = "Ecologist. " + "Wetlands, waterways, frogs and the odd waterbird. " * 3
    assert location_of("", "Geelong | " + long) == "Geelong"
    assert location_of("", long + "| Geelong") == "Geelong"
    # Past the ends nothing is read: the name is never in the middle of a long bio alone.
    assert location_of("", long + "| Geelong | " + long) == ""


def test_lists_of_names_and_where_one_came_from_are_not_read() -> None:
    # Her friends and her list (persona round 16): 神戸 had been read, and a list of
    # authors as Murata, a town in Japan.
    bio = "神戸→メルボルン。カフェ巡りと山歩き。Melbourne life 🇯🇵🇦🇺"
    assert location_of("", bio) == "メルボルン"
    bio = ("Reviews of Japanese literature in English translation 📚 Kawakami, Tawada, Murata,"
           " Ogawa, Yoshimoto.")
    assert location_of("", bio) == ""
    assert location_of("", "Poet. Dublin, Ireland") == "Dublin, Ireland"
