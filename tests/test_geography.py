"""Profile-location resolver and geography score."""

from __future__ import annotations

import importlib.util
import sys
import time
from pathlib import Path
from types import ModuleType

import pytest

from followprune.scoring.geography import (
    Place,
    geography_score,
    located_in,
    resolve_location,
    resolve_setting,
)

ROOT = Path(__file__).resolve().parent.parent


def _load_eval() -> ModuleType:
    spec = importlib.util.spec_from_file_location(
        "eval_locations", ROOT / "scripts/eval_locations.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["eval_locations"] = module
    spec.loader.exec_module(module)
    return module


EVAL = _load_eval()


# --- fixture-level quality ------------------------------------------------------------------


def test_fixture_is_big_and_balanced() -> None:
    rows = EVAL.read_fixture()
    assert len(rows) >= 300
    assert sum(expected is None for _, expected in rows) >= 60


def test_accuracy_and_false_positives_on_fixture() -> None:
    report = EVAL.evaluate(EVAL.read_fixture())
    assert report.accuracy >= 0.90, report.misses
    assert report.false_positive_rate <= 0.05, report.misses


# --- traps from the reference ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "country"),
    [
        ("Berlin", "DE"),  # not Berlin, Ohio
        ("Sydney", "AU"),  # not Sidney, Ohio
        ("Lagos", "NG"),  # not Lagos, Portugal
        ("Paris", "FR"),
        ("Portland, OR", "US"),
        ("London, ON", "CA"),
        ("Perth, WA", "AU"),
        ("Vancouver, WA", "US"),
        ("Tbilisi, Georgia", "GE"),
        ("Atlanta, Georgia", "US"),
        ("Berlin, NH", "US"),
    ],
)
def test_traps(text: str, country: str) -> None:
    assert resolve_location(text).country == country


@pytest.mark.parametrize(
    "text", ["she/her", "he/him", "they/them", "Her", "IN", "OR", "ME", "la", "Paradise"]
)
def test_pronouns_and_bare_words_are_unknown(text: str) -> None:
    assert not resolve_location(text).known


# --- individual rules -----------------------------------------------------------------------


def test_blank() -> None:
    for text in (None, "", "   \t"):
        place = resolve_location(text)
        assert place.rule == "blank" and not place.known and place.confidence == 0.0


def test_non_place_rule() -> None:
    for text in ("worldwide", "in your heart", "Planet Earth", "🌍", "https://x.com/me"):
        assert resolve_location(text).rule == "non-place", text


def test_flag_emoji() -> None:
    assert resolve_location("🇯🇵").country == "JP"
    assert resolve_location("🇯🇵").rule == "flag"
    both = resolve_location("🇿🇦🇬🇧")
    assert both.country == "ZA" and both.confidence < resolve_location("🇿🇦").confidence
    # A city next to the flag is looked up inside that country.
    lagos = resolve_location("📍 Lagos 🇳🇬")
    assert (lagos.country, lagos.city) == ("NG", "Lagos")


def test_country_names_in_many_languages() -> None:
    for text, code in [("Deutschland", "DE"), ("España", "ES"), ("日本", "JP"), ("Россия", "RU")]:
        place = resolve_location(text)
        assert (place.country, place.rule) == (code, "country-name"), text


def test_aliases() -> None:
    nyc = resolve_location("NYC")
    assert (nyc.country, nyc.city, nyc.rule) == ("US", "New York City", "alias")
    assert nyc.lat is not None and nyc.lon is not None
    assert resolve_location("Bay Area").region == "US-CA"
    assert resolve_location("UK").country == "GB"
    # Short aliases count only in capitals: "LA" is Los Angeles, "la" is an article.
    assert resolve_location("LA").city == "Los Angeles"
    assert not resolve_location("la").known


def test_city_state_codes() -> None:
    portland = resolve_location("Portland, OR")
    assert (portland.region, portland.city, portland.rule) == ("US-OR", "Portland", "city-state")
    assert resolve_location("Portland, ME").region == "US-ME"
    assert resolve_location("austin, tx").region == "US-TX"


def test_city_refined_by_country_and_region() -> None:
    assert resolve_location("Paris, TX").region == "US-TX"
    assert resolve_location("Cambridge, MA").country == "US"
    assert resolve_location("Cambridge, UK").country == "GB"
    place = resolve_location("Kreuzberg, Berlin")
    assert place.country == "DE"


def test_lists_and_noise_around_a_place() -> None:
    assert resolve_location("she/her | Berlin").country == "DE"
    assert resolve_location("Remote / Berlin").country == "DE"
    assert resolve_location("Boston • www.example.com").country == "US"
    # A place named in passing is read, less surely than the place alone.
    mention = resolve_location("dreaming of Berlin")
    assert (mention.country, mention.rule) == ("DE", "mention")
    assert mention.confidence < resolve_location("Berlin").confidence
    # But words that only say one lives there leave the place alone, as sure as "Berlin"
    # (persona round 20: "Tokyo-based" had been read in passing, at half the confidence).
    for text in ("Living in Berlin", "Berlin-based", "Berlin based", "Based in Berlin"):
        place = resolve_location(text)
        assert (place.city, place.rule) == ("Berlin", "city"), text
        assert place.confidence == resolve_location("Berlin").confidence, text


def test_confidence_reflects_rule_strength() -> None:
    assert resolve_location("Paris, France").confidence > resolve_location("Paris").confidence
    assert resolve_location("Cambridge").confidence < resolve_location("Tokyo").confidence
    for text in ("Berlin", "NYC", "🇩🇪", "Texas", "living in berlin"):
        assert 0.0 < resolve_location(text).confidence <= 1.0


def test_normalisation_of_case_and_spacing() -> None:
    assert resolve_location("  BERLIN  ").city == "Berlin"
    assert resolve_location("paris , france").country == "FR"
    assert resolve_location("sao paulo").country == "BR"


def test_resolve_setting_accepts_codes() -> None:
    assert resolve_setting("DE").country == "DE"
    assert resolve_setting("us").country == "US"
    assert resolve_setting("DEU").country == "DE"
    assert resolve_setting("uk").country == "GB"
    assert resolve_setting("Bay Area").city == "San Francisco"
    assert resolve_setting("Germany").country == "DE"
    # In profiles the same two letters are a word, not India.
    assert resolve_setting("IN").country == "IN"
    assert not resolve_location("IN").known


def test_place_known_property() -> None:
    assert Place("DE", None, None, 0.9, "country-name").known
    assert not Place(None, None, None, 0.0, "blank").known


def test_resolver_is_fast_when_warm() -> None:
    texts = [text for text, _ in EVAL.read_fixture()]
    for text in texts:
        resolve_location(text)
    start = time.perf_counter()
    calls = 0
    while calls < 100_000:
        for text in texts:
            resolve_location(text)
        calls += len(texts)
    assert calls / (time.perf_counter() - start) > 50_000


# --- the score ------------------------------------------------------------------------------

BERLIN = resolve_setting("Berlin")
GERMANY = resolve_setting("DE")
JAPAN = resolve_setting("Japan")


def test_score_no_configuration_is_neutral() -> None:
    assert geography_score(resolve_location("Tokyo"), [], []) == (
        0.5,
        ["no home or regions configured"],
    )


def test_score_levels_are_ordered() -> None:
    same_city = geography_score(resolve_location("Berlin, Germany"), [BERLIN], [JAPAN])
    nearby = geography_score(resolve_location("Potsdam"), [BERLIN], [JAPAN])
    same_country = geography_score(resolve_location("München"), [BERLIN], [JAPAN])
    region = geography_score(resolve_location("Osaka"), [BERLIN], [JAPAN])
    elsewhere = geography_score(resolve_location("Lagos"), [BERLIN], [JAPAN])
    unknown = geography_score(resolve_location("in your heart"), [BERLIN], [JAPAN])
    assert same_city[0] == 1.0 and nearby[0] == 1.0
    assert same_country[0] == 0.8
    assert region[0] == 0.7
    assert elsewhere[0] == 0.3
    assert unknown[0] == 0.5


def test_score_reasons_in_plain_words() -> None:
    assert geography_score(resolve_location("Berlin"), [BERLIN], []) == (
        1.0,
        ["in Berlin, Germany — same city as you"],
    )
    assert geography_score(resolve_location("Tokyo"), [BERLIN], []) == (
        0.3,
        ["in Tokyo, Japan — outside your home and regions"],
    )
    assert geography_score(resolve_location("日本"), [GERMANY], []) == (
        0.3,
        ["in Japan — outside your home and regions"],
    )
    assert geography_score(resolve_location("in your heart"), [GERMANY], []) == (
        0.5,
        ["location “in your heart” is not a place"],
    )
    assert geography_score(resolve_location(""), [GERMANY], [])[1] == ["no location given"]
    assert (
        "not recognised"
        in geography_score(resolve_location("Justin Bieber's heart"), [GERMANY], [])[1][0]
    )


def test_unknown_is_never_elsewhere() -> None:
    for text in ("", "worldwide", "she/her", "Mars", "qwertyuiop"):
        assert geography_score(resolve_location(text), [BERLIN], [JAPAN])[0] == 0.5


def test_country_level_home_gives_same_country_not_same_city() -> None:
    assert geography_score(resolve_location("Hamburg"), [GERMANY], [])[0] == 0.8
    assert geography_score(resolve_location("Deutschland"), [GERMANY], [])[0] == 0.8


def test_city_state_is_one_metro() -> None:
    singapore = resolve_setting("Singapore")
    assert geography_score(resolve_location("🇸🇬"), [singapore], [])[0] == 1.0


def test_state_level_region_excludes_other_states() -> None:
    california = resolve_setting("California")
    assert geography_score(resolve_location("San Francisco"), [GERMANY], [california])[0] == 0.7
    assert geography_score(resolve_location("Austin, TX"), [GERMANY], [california])[0] == 0.3
    # Country-only places in the region's country still count: the state is not known.
    assert geography_score(resolve_location("USA"), [GERMANY], [california])[0] == 0.7


def test_city_level_region_is_its_metro_not_its_state() -> None:
    # A region that is a city counts as home does: the city and its metro area. Los Angeles
    # used to stand for all of California (and for the country-only "USA").
    home = [resolve_setting("Ciudad de México")]
    los_angeles = [resolve_setting("MX"), resolve_setting("Los Angeles")]
    for text in ("Los Angeles, CA", "Hollywood", "Santa Monica", "Long Beach, CA"):
        score, reasons = geography_score(resolve_location(text), home, los_angeles)
        assert score == 0.7, text
        assert "one of your regions (Los Angeles, the United States)" in reasons[0]
    for text in ("San Francisco, CA", "Fresno, CA", "Sacramento, California", "San Diego",
                 "California", "USA"):
        score, reasons = geography_score(resolve_location(text), home, los_angeles)
        assert score == 0.3, text
        assert reasons[0].endswith("outside your home and regions"), text


@pytest.mark.parametrize(
    ("text", "city", "region"),
    [
        ("Bath, Somerset", "Bath", "GB-ENG"),  # not Bath, Maine
        ("Truro, Cornwall", "Truro", "GB-ENG"),  # not Truro, Nova Scotia
        ("Salisbury, Wilts", "Salisbury", "GB-ENG"),  # a short form after a comma
        ("Oban, Argyll", "Oban", "GB-SCT"),
        ("Enniskillen, Fermanagh", "Enniskillen", "GB-NIR"),
        ("Somerset, NJ", "Somerset", "US-NJ"),  # the county's name as a town, framed
        ("Surrey, BC", "Surrey", "CA-BC"),
    ],
)
def test_british_counties_frame_the_town_before_them(text: str, city: str, region: str) -> None:
    place = resolve_location(text)
    assert (place.city, place.region) == (city, region)


def test_county_short_forms_are_words_on_their_own() -> None:
    # "Bucks" and "Beds" are read as counties only after a comma (or in capitals).
    assert not resolve_location("Bucks").known
    assert resolve_location("Aylesbury, Bucks").country == "GB"


def test_a_city_named_with_its_river_is_found_by_its_bare_name() -> None:
    # GeoNames: "Halle (Saale)", 238,000 people; the bare "Halle" had been a Belgian town.
    assert resolve_location("Halle").city == "Halle (Saale)"
    assert resolve_location("Halle/Saale").country == "DE"
    assert resolve_location("Halle, Belgium").country == "BE"
    # Named whole, the town is not its bigger namesake: Frankfurt am Main.
    assert resolve_location("Frankfurt (Oder)").city == "Frankfurt (Oder)"


@pytest.mark.parametrize(
    ("text", "city", "country"),
    [
        ("Carpi (MO)", "Carpi", "IT"),  # Modena's province, not Missouri
        ("Bra (CN)", "Bra", "IT"),  # Cuneo's, not China
        ("Bayonne (64)", "Bayonne", "FR"),  # Pyrénées-Atlantiques, not New Jersey
        ("Vienne (38)", "Vienne", "FR"),  # Isère, not Vienna
        ("Ajaccio (2A)", "Ajaccio", "FR"),
        ("Milan, MI", "Milan", "US"),  # a town of that name in the US state comes first
        ("Belém, PA", "Belém", "BR"),  # no Belém in Pennsylvania: Pará
    ],
)
def test_province_and_departement_codes_after_a_town(text: str, city: str, country: str) -> None:
    place = resolve_location(text)
    assert (place.city, place.country) == (city, country)


@pytest.mark.parametrize("text", ["Springfield, 62", "Smalltown, 23", "Nowhere, 42"])
def test_a_number_frames_only_a_french_town(text: str) -> None:
    assert resolve_location(text).country != "FR"


@pytest.mark.parametrize(
    ("text", "country", "region"),
    [
        ("Noviglio (MI)", "IT", "IT-25"),  # a town the table does not hold: not Michigan
        ("Treia (MC)", "IT", "IT-57"),  # not Monaco
        ("Noviglio, MI", "US", "US-MI"),  # with a comma it is written the US way
        ("Hallstatt (AT)", "AT", None),  # codes of nearby countries keep their country
    ],
)
def test_a_bracketed_province_code_places_a_town_the_table_does_not_hold(
    text: str, country: str, region: str | None
) -> None:
    place = resolve_location(text)
    assert (place.country, place.region) == (country, region)


@pytest.mark.parametrize(
    ("text", "city"),
    [
        ("Linden, Columbus OH", "Columbus"),  # Linden is also a town in Guyana
        ("Georgetown, Austin TX", "Austin"),
        ("大阪市北区", "Osaka"),
        ("大阪府吹田市", "Suita"),
        ("京都市下京区", "Kyoto"),
        ("北海道札幌市", "Sapporo"),
        ("广东省深圳市", "Shenzhen"),
        ("日本・東京", "Tokyo"),
        # Korean runs city, district, neighbourhood, words apart (persona round 10).
        ("서울 마포구", "Seoul"),
        ("서울특별시 강남구 역삼동", "Seoul"),
        ("경기도 성남시 분당구", "Seongnam-si"),
        ("부산 해운대구", "Busan"),
        ("Hapjeong, Mapo", "Seoul"),  # "Mapo" had been a town in China
        ("Hongdae", "Seoul"),
        ("판교", "Seongnam-si"),
        # Cairo's districts, and Alexandria without its hamza (persona round 11).
        ("Heliopolis", "Cairo"),  # had been a town in Algeria
        ("مصر الجديدة", "Cairo"),
        ("Maadi", "Cairo"),
        ("6th of October", "Cairo"),
        ("الاسكندرية", "Alexandria"),
        ("Germany, Berlin", "Berlin"),
        ("Georgia, Tbilisi", "Tbilisi"),
    ],
)
def test_the_town_of_an_address_is_found_whatever_the_order(text: str, city: str) -> None:
    assert resolve_location(text).city == city


@pytest.mark.parametrize(
    ("code", "country", "region"),
    [("US-OH", "US", "US-OH"), ("de-by", "DE", "DE-BY"), ("IT-BO", "IT", "IT-45"),
     ("FR-75", "FR", "FR-IDF"), ("JP-27", "JP", "JP-27")],
)
def test_settings_take_the_region_codes_prune_locate_prints(
    code: str, country: str, region: str | None
) -> None:
    from followprune.scoring.geography import resolve_setting

    place = resolve_setting(code)
    assert (place.country, place.region) == (country, region)


def test_a_region_code_that_does_not_exist_is_refused() -> None:
    from followprune.scoring.geography import resolve_setting

    assert not resolve_setting("US-ZZ").known


# --- a bare town name that several towns share is read as the reader's own where it can be --

@pytest.mark.parametrize(
    ("home", "text", "said"),
    [
        # Towns of like size: the reader's namesake counts (persona round 7: Melbourne's
        # suburbs had been Maryland, Ohio, Virginia, Ontario and New Jersey).
        ("Melbourne", "Parkville", "Parkville, Australia — near you"),
        ("Melbourne", "Richmond", "Richmond, Australia — near you"),
        ("Melbourne", "Collingwood", "Collingwood, Australia — near you"),
        ("London", "Richmond", "Richmond, the United Kingdom — near you"),
        # A much smaller namesake counts only in the reader's own metro area.
        ("Columbus, OH", "Dublin", "Dublin, the United States — near you"),
        ("Paris, TX", "Paris", "Paris, the United States — same city"),
    ],
)
def test_a_shared_town_name_is_the_readers_own_town(home: str, text: str, said: str) -> None:
    value, reasons = geography_score(resolve_location(text), [resolve_location(home)], [])
    assert value == 1.0 and reasons[0].startswith(f"in {said}"), reasons


@pytest.mark.parametrize(
    ("home", "text", "said"),
    [
        ("Berlin", "Parkville", "Parkville, the United States — outside"),
        ("Melbourne", "Dublin", "Dublin, Ireland — outside"),
        # A much smaller namesake in the same country is no reason to say "same country".
        ("Austin, TX", "Paris", "Paris, France — outside"),
    ],
)
def test_a_shared_town_name_elsewhere_reads_as_before(home: str, text: str, said: str) -> None:
    value, reasons = geography_score(resolve_location(text), [resolve_location(home)], [])
    assert value == 0.3 and reasons[0].startswith(f"in {said}"), reasons


def test_keep_places_takes_a_namesake_in_its_city() -> None:
    assert located_in(resolve_location("Richmond"), resolve_location("Melbourne"))
    assert not located_in(resolve_location("Dublin"), resolve_location("Melbourne"))
