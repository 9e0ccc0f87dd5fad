"""The kinds of profile location that real held-out strings missed (issue 11, part 7):
regions, nicknames, coordinates, qualifiers, mojibake, universities, filler, "Town ST",
several places; the jokes that must stay non-places; and the geography confidence."""

from __future__ import annotations

import json
import sys

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from followprune.scoring.geo_resolver import load_data
from followprune.scoring.geography import (
    ELSEWHERE,
    SAME_COUNTRY,
    SAME_METRO,
    UNKNOWN,
    geography_confidence,
    geography_score,
    located_in,
    resolve_location,
    resolve_setting,
)
from tests.conftest import Invoke
from tests.test_geography import EVAL


def _country(text: str) -> str | None:
    return resolve_location(text).country


# --- the blind batch ---------------------------------------------------------------------------


def test_blind_batch_meets_the_goal() -> None:
    """Written before tuning and never tuned on; the goal is the issue's (>= 0.90, <= 5 %)."""
    rows = EVAL.read_fixture(EVAL.BLIND)
    assert len(rows) >= 150
    assert sum(expected is None for _, expected in rows) >= 30
    report = EVAL.evaluate(rows)
    assert report.accuracy >= 0.90
    assert report.false_positive_rate <= 0.05


# --- kinds of place ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "country"),
    [
        ("Provincia di Lecce", "IT"),
        ("Haute-Garonne", "FR"),
        ("Morbihan, Bretagne", "FR"),
        ("Devon", "GB"),
        ("Co. Galway", "IE"),
        ("Landkreis Harburg", "DE"),
        ("Lower Saxony", "DE"),
        ("Provincia de Jaén", "ES"),
        ("Styria", "AT"),
        ("Lake District", "GB"),
        # Curated names with an apostrophe, which normalising drops without a space.
        ("Martha's Vineyard", "US"),
        ("Côte d'Azur", "FR"),
        ("Hawke's Bay", "NZ"),
    ],
)
def test_sub_national_regions(text: str, country: str) -> None:
    assert _country(text) == country


@pytest.mark.parametrize(
    ("text", "city"),
    [
        ("Motown", "Detroit"),
        ("Music City", "Nashville"),
        ("the Lion City", "Singapore"),
        ("YEG", "Edmonton"),
        ("Geordieland", "Newcastle upon Tyne"),
        ("Brisvegas", "Brisbane"),
        # A colonia of Mexico City named like another city: not Rome.
        ("Roma Norte", "Mexico City"),
        ("Hipódromo Condesa", "Mexico City"),
        ("Roma", "Rome"),
    ],
)
def test_nicknames(text: str, city: str) -> None:
    assert resolve_location(text).city == city


@pytest.mark.parametrize(
    ("text", "country"),
    [
        ("iPhone: 51.5,-0.12", "GB"),
        ("ÜT: 34.05,-118.24", "US"),
        ("ÜT: 43.65,-79.38", "CA"),
        ("-37.81,144.96", "AU"),
        ("59°20′N 18°04′E", "SE"),
        ("52°31'N 13°24'E", "DE"),
        ("35.68° N, 139.76° E", "JP"),
        ("ÜT: 14.6,120.98", "PH"),
    ],
)
def test_coordinates_resolve_offline(text: str, country: str) -> None:
    place = resolve_location(text)
    assert (place.country, place.rule) == (country, "coordinates")
    assert place.lat is not None and place.lon is not None


@pytest.mark.parametrize("text", ["ÜT: 0.0,0.0", "iPhone: 40.0,-40.0", "ÜT: 95.1,10.2"])
def test_coordinates_at_sea_or_out_of_range_are_unknown(text: str) -> None:
    # The "UT" of the prefix must not be read as Utah either.
    assert not resolve_location(text).known


def test_a_towns_own_coordinates_give_its_country() -> None:
    # Every 50th town of the table, across all countries; towns that share their rounded
    # coordinates with a namesake across a border may go either way.
    data = load_data()
    towns = [data.cities[i] for i in range(0, len(data.cities), 50)]
    right = sum(
        resolve_location(f"ÜT: {t.lat:.4f},{t.lon:.4f}").country == t.country for t in towns
    )
    assert right / len(towns) >= 0.995


@pytest.mark.parametrize(
    ("text", "country"),
    [
        ("Portland, Maine USA", "US"),
        ("Perth, WA Australia", "AU"),
        ("Jersey, Channel Islands", "JE"),
        ("Sydney, Nova Scotia", "CA"),
        ("Newcastle, NSW", "AU"),
        ("Trinidad and Tobago", "TT"),
        ("Bosnia and Herzegovina", "BA"),
    ],
)
def test_a_qualifier_after_an_ambiguous_name_decides(text: str, country: str) -> None:
    assert _country(text) == country


NAMES = ["München", "Zürich", "São Paulo", "Montréal", "Kraków", "Malmö", "Düsseldorf",
         "Málaga", "Bogotá", "Göteborg", "Genève", "Córdoba, Argentina"]


@pytest.mark.parametrize("name", NAMES)
@pytest.mark.parametrize("charset", ["cp1252", "latin-1", "mac_roman"])
def test_mojibake_is_repaired(name: str, charset: str) -> None:
    garbled = name.encode("utf-8").decode(charset)
    assert garbled != name
    assert _country(garbled) == _country(name) is not None


def test_plain_ascii_never_loads_ftfy(monkeypatch: pytest.MonkeyPatch) -> None:
    # None in sys.modules makes "import ftfy" fail: ASCII and clean text must not need it.
    monkeypatch.setitem(sys.modules, "ftfy", None)
    for text in ("Ascii Town 41", "Berlin, Germany 41", "Zürich 41", "Kraków, Polska 41"):
        resolve_location(text)


@pytest.mark.parametrize(
    ("text", "country"),
    [
        ("UCLA", "US"),
        ("University of Bath", "GB"),
        ("Uni Wien", "AT"),
        ("Politecnico di Torino", "IT"),
        ("McGill", "CA"),
        ("NYU", "US"),
        ("ETH", "CH"),
    ],
)
def test_universities(text: str, country: str) -> None:
    assert _country(text) == country


def test_short_university_names_are_read_only_in_capitals() -> None:
    assert _country("MIT") == "US"
    assert not resolve_location("mit").known  # German "with"


@pytest.mark.parametrize(
    ("text", "country"),
    [
        ("Manchester and around", "GB"),
        ("Torino e dintorni", "IT"),
        ("near Lyon", "FR"),
        ("Lagos-based", "NG"),
        ("Nairobi area", "KE"),
        ("Toulouse et environs", "FR"),
        ("Köln und Umgebung", "DE"),
        ("Bay Area", "US"),  # filler only after the text failed as written
    ],
)
def test_filler_around_a_place(text: str, country: str) -> None:
    assert _country(text) == country


@pytest.mark.parametrize(
    ("text", "region"),
    [("Missoula MT", "US-MT"), ("Bar Harbor ME", "US-ME"), ("Canmore AB", "CA-AB")],
)
def test_small_town_then_state_code(text: str, region: str) -> None:
    assert resolve_location(text).region == region


@pytest.mark.parametrize("text", ["I LOVE ME", "Home Is Where The Heart IS", "Moab"])
def test_capital_codes_need_capitalised_names_before_them(text: str) -> None:
    assert not resolve_location(text).known


@pytest.mark.parametrize(
    ("text", "countries"),
    [
        ("Brooklyn / Berlin", ["US", "DE"]),
        ("Lisbon & London", ["PT", "GB"]),
        ("Seoul | Tokyo", ["KR", "JP"]),
        ("Accra, Ghana and London", ["GH", "GB"]),
        ("🇬🇧🇺🇸", ["GB", "US"]),
    ],
)
def test_several_places_are_all_returned_in_order(text: str, countries: list[str]) -> None:
    assert [p.country for p in resolve_location(text).places] == countries


@pytest.mark.parametrize(
    "text",
    ["Paradise City", "Gotham City", "Gotham", "Emerald City", "Bikini Bottom", "La La Land",
     "the upside down", "Everywhere", "Earth", "the internet", "your mom's house", "he/him",
     "they/them | any/all", "1.0.4", "+49 30 123456", "Middle Earth", "Neverland"],
)
def test_jokes_stay_non_places(text: str) -> None:
    assert not resolve_location(text).known


# --- scoring: the best of several places, and the confidence ------------------------------------


def test_several_places_score_the_best_one_for_the_user() -> None:
    home = (resolve_setting("New York"),)
    place = resolve_location("London / NYC")
    assert place.country == "GB"  # the first named stays the place shown
    value, reasons = geography_score(place, home, ())
    assert value == SAME_METRO
    assert "New York" in reasons[0]
    # The order of the places does not change the score.
    assert geography_score(resolve_location("NYC / London"), home, ())[0] == SAME_METRO
    only_london, _ = geography_score(resolve_location("London"), home, ())
    assert only_london == ELSEWHERE


def test_unknown_places_have_no_confidence_and_stay_neutral() -> None:
    home = (resolve_setting("DE"),)
    for text in ("", "Everywhere", "qwzx vbnm", "he/him"):
        place = resolve_location(text)
        assert geography_score(place, home, ())[0] == UNKNOWN
        assert geography_confidence(place, home, ()) == 0.0


def test_without_home_or_regions_there_is_no_evidence() -> None:
    assert geography_confidence(resolve_location("Berlin"), (), ()) == 0.0


@settings(max_examples=80, deadline=None)
@given(st.sampled_from([t for t, _ in EVAL.read_fixture()]))
def test_confidence_is_zero_exactly_when_the_place_is_unknown(text: str) -> None:
    home = (resolve_setting("Berlin"),)
    place = resolve_location(text)
    confidence = geography_confidence(place, home, ())
    assert 0.0 <= confidence <= 1.0
    assert (confidence > 0) == place.known
    value, _ = geography_score(place, home, ())
    assert value in {SAME_METRO, SAME_COUNTRY, ELSEWHERE, UNKNOWN}


def test_blend_passes_the_geography_confidence() -> None:
    from followprune.scoring.blend import COMPONENTS, ScoringPolicy, _geography

    weights = dict.fromkeys(COMPONENTS, 1.0)
    policy = ScoringPolicy(weights=weights, threshold=0.5, home=(resolve_setting("DE"),))
    assert _geography("", policy).confidence == 0.0
    assert _geography("Berlin", policy).confidence > 0.0


# --- prune locate ------------------------------------------------------------------------------


def test_locate_lists_every_place(invoke: Invoke) -> None:
    result = invoke("locate", "London / NYC", "Berlin", "--format", "json")
    assert result.exit_code == 0, result.output
    rows = {row["text"]: row for row in json.loads(result.stdout)["places"]}
    assert [p["country"] for p in rows["London / NYC"]["places"]] == ["GB", "US"]
    assert rows["London / NYC"]["country"] == "GB"
    assert [p["city"] for p in rows["Berlin"]["places"]] == ["Berlin"]
    table = invoke("locate", "London / NYC")
    assert table.exit_code == 0
    assert "New York City" in table.stdout and "London" in table.stdout


def test_only_the_start_of_a_very_long_location_is_read() -> None:
    # Hand-made files and hostile servers send megabytes where a profile allows 30-255
    # characters; reading it all cost the square of its words (89 s for 40,000).
    place = resolve_location("Berlin, " * 100_000)
    assert place.country == "DE" and place.city is not None
    assert resolve_location(" ".join(["New York"] * 40_000)).country == "US"


def test_a_country_named_like_a_great_city_elsewhere_names_both() -> None:
    # Unvoweled Arabic "عمان" is Oman and Amman alike: an Ammani is not told "in Oman".
    place = resolve_location("عمان")
    assert [(p.country, p.city) for p in place.places] == [("OM", None), ("JO", "Amman")]
    amman = (resolve_setting("Amman, Jordan"),)
    value, _ = geography_score(place, amman, ())
    assert value == SAME_METRO
    muscat = (resolve_setting("Muscat"),)
    assert geography_score(place, muscat, ())[0] == SAME_COUNTRY
    # Small namesakes are not what a profile means: "Lebanon" is the country alone.
    assert [p.country for p in resolve_location("Lebanon").places] == ["LB"]


@pytest.mark.parametrize(("text", "said"), [
    ("Yokohama", "near you (Tokyo area)"), ("Kawasaki", "near you (Tokyo area)"),
    ("Shibuya, Tokyo", "same city as you"), ("Tokyo", "same city as you"),
])
def test_a_neighbouring_city_is_near_you_not_your_city(text: str, said: str) -> None:
    value, reasons = geography_score(resolve_location(text), (resolve_setting("Tokyo"),), ())
    assert value == SAME_METRO and reasons[0].endswith(said), reasons


# --- common words of the big bio languages are not places in passing ---------------------------


@pytest.mark.parametrize("text", [
    "Zona Norte", "zona sul", "Zona Leste", "zona oeste", "Leste", "norte", "Sur", "este",
    "centro", "Centro, SP", "Nord", "sud", "ouest", "zona centro",
])
def test_compass_words_name_no_place_abroad(text: str) -> None:
    # "Zona Leste" is a part of São Paulo or Rio, not Guinea-Bissau's Leste region (GW-L);
    # "Sur" is south, not Sur in Oman; "Centro" a city centre, not Centro in the Canaries.
    assert _country(text) in {None, "BR"}, resolve_location(text)


@pytest.mark.parametrize(("text", "country", "region"), [
    ("zona leste, sp", "BR", "BR.27"), ("Zona Norte - SP", "BR", "BR.27"),
    ("Campinas, SP", "BR", "BR.27"), ("Zona Sul, Rio de Janeiro", "BR", "BR.21"),
    ("norte de México", "MX", None), ("Leste, Guinea-Bissau", "GW", None),
    ("Sur, Oman", "OM", None), ("Este, Italy", "IT", None),
])
def test_a_compass_word_with_its_container_is_read_by_the_container(
    text: str, country: str, region: str | None
) -> None:
    place = resolve_location(text)
    assert place.country == country, place
    assert region is None or place.region == region, place


def test_campinas_sp_stays_campinas() -> None:
    # "SP" is the state: the city named before it is kept.
    assert resolve_location("Campinas, SP").city == "Campinas"


@pytest.mark.parametrize(("text", "city"), [
    ("Niterói, RJ", "Niterói"), ("Petrópolis - RJ", "Petrópolis"),
    ("Rio de Janeiro, RJ", "Rio de Janeiro"), ("RJ", None),
])
def test_rj_is_the_state_as_sp_is(text: str, city: str | None) -> None:
    # Found: "Niterói, RJ" was read as the city of Rio, across the bay.
    place = resolve_location(text)
    assert (place.country, place.region, place.city) == ("BR", "BR.21", city), place


def test_a_word_named_district_does_not_hide_the_city_after_it() -> None:
    # "Centro, Madrid" is the centre of Madrid, not Centro in the Canary Islands.
    assert resolve_location("Centro, Madrid").city == "Madrid"


@pytest.mark.parametrize(("home", "text", "said"), [
    # Separate cities a few km from home are near it, not it (persona review: Leeds, CDMX).
    ("Leeds", "Bradford", "near you (Leeds area)"),
    ("Leeds", "Wakefield", "near you (Leeds area)"),
    ("Mexico City", "Ciudad Nezahualcóyotl", "near you (Mexico City area)"),
    ("Manchester", "Salford", "near you (Manchester area)"),
    ("Rio de Janeiro", "Niterói", "near you (Rio de Janeiro area)"),
    ("São Paulo", "Osasco", "near you (São Paulo area)"),
    # Home's own city, by name or alias, or a part the profile places in it.
    ("Leeds", "Leeds, UK", "same city as you"),
    ("Mexico City", "CDMX", "same city as you"),
    ("Mexico City", "Polanco, CDMX", "same city as you"),
    ("Berlin", "Kreuzberg, Berlin", "same city as you"),
    ("Berlin", "Berlin-Friedrichshain", "same city as you"),
    # A district named alone is a row of the city table like any town: near, not "same".
    ("Berlin", "Kreuzberg", "near you (Berlin area)"),
    ("Rio de Janeiro", "Zona Sul, Rio de Janeiro", "same city as you"),
])
def test_same_city_only_of_home_itself(home: str, text: str, said: str) -> None:
    value, reasons = geography_score(resolve_location(text), (resolve_setting(home),), ())
    assert value == SAME_METRO and reasons[0].endswith(said), reasons


@pytest.mark.parametrize(("text", "country", "city"), [
    ("West Yorks", "GB", None), ("Hebden Bridge", "GB", None),
    ("Hebden Bridge, West Yorks", "GB", None),
    ("East LA", "US", "East Los Angeles"), ("east los angeles", "US", "East Los Angeles"),
])
def test_persona_review_places(text: str, country: str, city: str | None) -> None:
    # "East LA" was Louisiana ("LA" the state code after a capitalised word).
    place = resolve_location(text)
    assert place.country == country and place.city == city, place


# --- "City, Region" outside the US, Canada, Australia and the UK (persona review) ---------------


@pytest.mark.parametrize(("text", "country", "city"), [
    ("Munich, Bavaria", "DE", "Munich"), ("München, Bayern", "DE", "Munich"),
    ("Köln, NRW", "DE", "Köln"), ("Frankfurt, Hessen", "DE", "Frankfurt am Main"),
    ("Bandung, Jawa Barat", "ID", "Bandung"), ("Lyon, Rhône", "FR", "Lyon"),
    ("Milano, Lombardia", "IT", "Milan"),
    # Frankfurt (Oder) is in Brandenburg: the bigger Frankfurt is not.
    ("Frankfurt, Brandenburg", "DE", "Frankfurt (Oder)"),
])
def test_a_city_before_its_region_is_kept(text: str, country: str, city: str) -> None:
    place = resolve_location(text)
    assert (place.country, place.city) == (country, city), place


def test_a_us_state_code_takes_no_namesake_from_another_state() -> None:
    # Westchester, NY is a county; Westchester, Illinois is not in New York.
    place = resolve_location("Westchester, NY")
    assert (place.country, place.region, place.city) == ("US", "US-NY", None), place


def test_a_region_setting_holds_its_cities() -> None:
    # The city table writes regions in GeoNames' admin1 form ("DE.02"), settings in ISO form.
    bavaria = resolve_setting("Bavaria")
    assert located_in(resolve_location("Munich"), bavaria)
    assert located_in(resolve_location("Munich, Bavaria"), bavaria)
    assert not located_in(resolve_location("Cologne"), bavaria)


@pytest.mark.parametrize("text", ["Kota Hujan", "Kota Tua", "Kota Lama", "kota hujan, bogor"])
def test_kota_is_the_word_city_in_passing(text: str) -> None:
    # Indonesian/Malay "kota" is "city": "Kota Hujan" is Bogor's nickname, not Kota in India.
    assert resolve_location(text).country != "IN", resolve_location(text)


def test_kota_with_its_state_is_still_kota() -> None:
    place = resolve_location("Kota, Rajasthan")
    assert (place.country, place.city) == ("IN", "Kota"), place


@pytest.mark.parametrize("text", [
    "Saguenay–Lac-Saint-Jean", "Lac-Saint-Jean", "Alma, Saguenay–Lac-Saint-Jean",
    "Jean-Paul in Paris",
])
def test_words_inside_a_hyphenated_name_are_not_a_place_in_passing(text: str) -> None:
    # "saint jean" inside Lac-Saint-Jean is not St. John's, "Paul" in Jean-Paul not Cape Verde.
    place = resolve_location(text)
    assert place.country in {None, "CA", "FR"} and place.city != "St. John's", place


def test_the_first_word_of_a_hyphenated_name_is_still_read() -> None:
    assert resolve_location("Berlin-based dev").country == "DE"
    assert resolve_location("Jean-Paul in Paris").city == "Paris"


@pytest.mark.parametrize(("text", "country", "city"), [
    ("MTL 🇨🇦", "CA", "Montréal"), ("NYC 🇺🇸", "US", "New York City"),
    ("KL 🇲🇾", "MY", "Kuala Lumpur"), ("🇮🇩 jkt", "ID", "Jakarta"),
    # A caps-only alias stays a word in lower case; an alias of another country adds nothing.
    ("sea 🇺🇸", "US", None), ("NYC 🇨🇦", "CA", None),
])
def test_a_flag_beside_an_alias_keeps_the_city(text: str, country: str, city: str | None) -> None:
    place = resolve_location(text)
    assert (place.country, place.city) == (country, city), place


def test_a_namesake_before_an_unread_part_is_a_weak_guess() -> None:
    # Sutton in Quebec's Eastern Townships is too small for the table: the London borough is
    # a guess, not the 0.8 of a bare "Sutton".
    place = resolve_location("Sutton, Cantons-de-l'Est")
    assert not place.known or place.confidence <= 0.5, place
    assert resolve_location("Sutton").confidence == 0.8
    # The tuning set's "Reading, Berkshire" is still Reading.
    assert resolve_location("Reading, Berkshire").country == "GB"
    assert resolve_location("Shoreditch, London").confidence == 0.8


@pytest.mark.parametrize(("text", "city"), [
    ("Jaksel", "Jakarta"), ("jakbar", "Jakarta"), ("Jaktim", "Jakarta"), ("Jakut", "Jakarta"),
    ("Jakpus", "Jakarta"), ("Jabodetabek", "Jakarta"),
    ("Jogja", "Yogyakarta"), ("Yogya", "Yogyakarta"), ("jogjakarta", "Yogyakarta"),
    ("Minga", "Munich"), ("MUC", "Munich"),
])
def test_indonesian_and_bavarian_shorthand(text: str, city: str) -> None:
    place = resolve_location(text)
    assert place.city == city, place


@pytest.mark.parametrize(("text", "region", "city"), [
    ("Florianópolis, SC", "BR.26", "Florianópolis"), ("Belém, PA", "BR.16", "Belém"),
    ("Vitória, ES", "BR.08", "Vitória"), ("Brasília, DF", "BR.07", "Brasília"),
    ("Recife, PE", "BR.30", "Recife"), ("Londrina/PR", "BR.18", "Londrina"),
    ("Curitiba / PR", "BR.18", "Curitiba"),
])
def test_a_brazilian_state_code_after_a_city_frames_it(text: str, region: str,
                                                       city: str) -> None:
    # Found: "Florianópolis, SC" and "Belém, PA" were in the United States, "Vitória, ES"
    # in Spain, "Brasília, DF" was Mexico City and "Londrina/PR" also Puerto Rico.
    place = resolve_location(text)
    assert (place.country, place.region, place.city, place.also) == ("BR", region, city, ()), \
        place


@pytest.mark.parametrize(("text", "country", "region"), [
    ("SE", "SE", None), ("ES", "ES", None), ("RS", "RS", None), ("PA", "US", "US-PA"),
    ("Stockholm, SE", "SE", None), ("Pittsburgh, PA", "US", "US-PA"),
    ("Smallville, PA", "US", "US-PA"), ("Madrid, ES", "ES", None),
])
def test_brazilian_state_codes_are_read_only_after_a_place_and_last(
    text: str, country: str, region: str | None
) -> None:
    # A lone "SE" is Sweden, not Sergipe; a town the table does not know before "PA" is in
    # Pennsylvania, not Pará.
    place = resolve_location(text)
    assert place.country == country, place
    assert region is None or place.region == region, place


@pytest.mark.parametrize(("text", "country", "city"), [
    # Found (persona review): an accented city with more words after it was unknown.
    ("Kraków-Kazimierz", "PL", "Kraków"), ("AGH Kraków", "PL", "Kraków"),
    ("Gdańsk Wrzeszcz", "PL", "Gdańsk"), ("Zürich Oerlikon", "CH", "Zürich"),
    # A small namesake abroad before a big city is that city's district...
    ("Riva, İstanbul", "TR", "Istanbul"), ("Coal City, Enugu", "NG", "Enugu"),
    # ...and so is a namesake in the same country far from it.
    ("Mülheim, Köln", "DE", "Köln"),
    # Neighbours stay themselves, and two big cities are a list.
    ("Cambridge, Boston", "US", "Cambridge"), ("Sintra, Lisboa", "PT", "Sintra"),
    ("Potsdam, Berlin", "DE", "Potsdam"), ("Berlin, Paris", "DE", "Berlin"),
    ("Coal City", "NG", "Enugu"), ("Coal City, IL", "US", "Coal City"),
    # A far namesake whose name is best known abroad makes a list: Paris, then Montréal.
    ("Paris - Montréal", "FR", "Paris"),
])
def test_districts_and_accented_cities_in_running_text(text: str, country: str,
                                                       city: str) -> None:
    place = resolve_location(text)
    assert (place.country, place.city) == (country, city), place


@pytest.mark.parametrize(("text", "city"), [
    ("Kadıköy", "Istanbul"), ("Avrupa Yakası", "Istanbul"), ("Nowa Huta", "Kraków"),
    ("Yaba", "Lagos"), ("Lekki, Lagos", "Lagos"),
])
def test_districts_given_alone_are_their_city(text: str, city: str) -> None:
    # Found (persona review): unknown, so a neighbour in the same city got nothing for it.
    assert resolve_location(text).city == city


@pytest.mark.parametrize(("text", "country", "region", "city"), [
    # Found (persona review): a region first ("Karen" is Kayin State) outranked the city the
    # later part names abroad; "Kent" (England) likewise hid Kent, Washington.
    ("Karen, Nairobi", "KE", "KE.05", "Nairobi"),
    ("Lavington, Nairobi", "KE", "KE.05", "Nairobi"),
    ("Kent, Seattle", "US", "US-WA", "Kent"),
    # A country first still frames the city after it, or stays the place named.
    ("Germany, Berlin", "DE", "DE-BE", "Berlin"), ("Nigeria, London", "NG", None, None),
])
def test_a_region_first_gives_way_to_the_city_after_it(
    text: str, country: str, region: str | None, city: str | None
) -> None:
    place = resolve_location(text)
    assert (place.country, load_data().iso_region(place.region), place.city) == (
        country, region, city), place


@pytest.mark.parametrize(("text", "country", "region"), [
    # Found (persona review): "Victoria, AU" was Victoria, Hong Kong, and "Victoria,
    # Australia" lost its state.
    ("Victoria, AU", "AU", "AU-VIC"), ("Victoria, Australia", "AU", "AU-VIC"),
    ("Tasmania, AU", "AU", "AU-TAS"), ("Ohio, USA", "US", "US-OH"),
    ("Bavaria, DE", "DE", "DE-BY"),
    # A city of that name in the country stays the city.
    ("Victoria, Canada", "CA", "CA-BC"),
])
def test_a_region_before_its_country_is_kept(text: str, country: str, region: str) -> None:
    place = resolve_location(text)
    assert (place.country, place.region) == (country, region), place


@pytest.mark.parametrize(("text", "country", "region", "city"), [
    # Found (persona review): "N.L." after a Mexican town was Newfoundland and Labrador.
    ("San Pedro Garza García, N.L.", "MX", "MX-NLE", "San Pedro Garza García"),
    ("Apodaca, N.L.", "MX", "MX-NLE", "Ciudad Apodaca"),
    ("Santa Catarina, NL", "MX", "MX-NLE", "Santa Catarina"),
    ("Guadalupe, Zac.", "MX", "MX-ZAC", "Guadalupe"),
    ("Culiacán, Sin.", "MX", "MX-SIN", "Culiacán"),
    ("Tijuana, BC", "MX", "MX-BCN", "Tijuana"),
    # Canada's codes keep their towns, and an unknown town before "NL" stays in Canada.
    ("St. John's, NL", "CA", "CA-NL", "St. John's"), ("Victoria, BC", "CA", "CA-BC", "Victoria"),
    ("Smalltown, NL", "CA", "CA-NL", None),
])
def test_mexican_state_abbreviations_frame_their_towns(
    text: str, country: str, region: str, city: str | None
) -> None:
    place = resolve_location(text)
    assert (place.country, load_data().iso_region(place.region), place.city) == (
        country, region, city), place


@pytest.mark.parametrize("text", ["NL", "Dad, son", "Sin, city", "Mom, Ver"])
def test_mexican_state_abbreviations_alone_or_framing_nothing_are_not_mexico(text: str) -> None:
    assert resolve_location(text).country != "MX"


@pytest.mark.parametrize(("text", "country", "region", "city"), [
    # Found (persona review): a town too small for the table before "WA" was Washington.
    ("Exmouth WA", "AU", "AU-WA", "Exmouth"), ("Exmouth, WA", "AU", "AU-WA", "Exmouth"),
    ("Kalbarri WA", "AU", "AU-WA", "Kalbarri"), ("Katherine NT", "AU", "AU-NT", "Katherine"),
    ("Apollo Bay, Vic", "AU", "AU-VIC", "Apollo Bay"),
    # Washington's own towns stay there, held or not.
    ("Spokane WA", "US", "US-WA", "Spokane"), ("Leavenworth WA", "US", "US-WA", None),
    ("Forks, WA", "US", "US-WA", None),
])
def test_australian_towns_before_a_shared_state_code(
    text: str, country: str, region: str, city: str | None
) -> None:
    place = resolve_location(text)
    assert (place.country, place.region, place.city) == (country, region, city), place


@pytest.mark.parametrize("text", ["Dinner Plain", "Hill Top", "Exmouth"])
def test_tiny_towns_are_read_only_with_a_qualifier(text: str) -> None:
    # Australia's towns under 5,000 are held for "Exmouth WA"; alone, their names are words
    # or a bigger namesake's ("Exmouth" stays the town in Devon). A curated alias may
    # still name one alone ("Apollo Bay", see geo_curated.py).
    assert resolve_location(text).country in {None, "GB"}


def test_coordinates_are_named_by_a_town_of_5000_or_more() -> None:
    # Perth's centre is nearest to its suburb Northbridge, one of the tiny towns.
    assert resolve_location("-31.95, 115.86").city == "Perth"


# --- batch 4, read after its first measure ---------------------------------------------------


@pytest.mark.parametrize("text", [
    "Hotel California", "Miami Vice", "Boston Legal", "Brooklyn Nine-Nine",
    "Georgia on my mind", "Paris Hilton fan", "Sydney Sweeney fan acct",
    "Toronto Raptors stan", "Team Paris fan",
])
def test_titles_and_fans_lines_holding_a_place_are_no_place(text: str) -> None:
    # Each had been read as the place its name holds (false positives 12.5 % on batch 4).
    assert _country(text) is None


@pytest.mark.parametrize(("text", "country"), [
    ("Leafs fan in Toronto", "CA"), ("Living in Boston", "US"), ("California", "US"),
    ("Paris, Texas", "US"), ("Hotel worker in Paris", "FR"),
    # Review round 12: a fan's word had dropped every place of the text, a title every
    # phrase that starts like one.
    ("Melbourne. Footy fan.", "AU"), ("Glasgow based Celtic supporter", "GB"),
    ("London-based Arsenal fan", "GB"), ("Proud Toronto dad. Leafs fan", "CA"),
    ("Leeds lad. Leeds United fan", "GB"), ("Living on the Jersey Shore", "US"),
    ("Retired Chicago PD detective", "US"), ("Boston Legal Aid attorney", "US"),
    ("Sweet Home Chicago", "US"), ("Lahore, Punjab", "PK"), ("Lyon, FRA", "FR"),
    ("Punta Arenas, Patagonia", "CL"),
])
def test_a_place_beside_a_title_or_a_fans_word_still_counts(text: str, country: str) -> None:
    assert _country(text) == country


def test_the_flags_of_scotland_england_and_wales_are_the_united_kingdom() -> None:
    scotland = "\U0001f3f4\U000e0067\U000e0062\U000e0073\U000e0063\U000e0074\U000e007f"
    wales = "\U0001f3f4\U000e0067\U000e0062\U000e0077\U000e006c\U000e0073\U000e007f"
    assert _country(scotland) == "GB"
    assert resolve_location(f"Glasgow {scotland}").city == "Glasgow"
    assert resolve_location(f"{wales} Cardiff").city == "Cardiff"
    assert _country("\U0001f3f4 pirate ship") is None  # the black flag alone is no place


@pytest.mark.parametrize(("text", "city"), [("LHR", "London"), ("SFO", "San Francisco"),
                                            ("YYZ", "Toronto")])
def test_an_airport_code_in_capitals_is_its_city(text: str, city: str) -> None:
    assert resolve_location(text).city == city
    assert resolve_location("ORD ✈️ LHR").city == "Chicago"  # several, first-named first


def test_an_airport_code_that_is_not_already_a_nickname_counts_in_capitals_only() -> None:
    assert _country("lhr") is None


def test_a_qualifier_after_a_town_picks_its_island() -> None:
    # "Trinidad" alone had been Bolivia's town, so "San Fernando, Trinidad" went to the
    # Philippines' San Fernando.
    assert _country("San Fernando, Trinidad") == "TT"
    assert _country("Koramangala") == "IN" and _country("CABA") == "AR"


def test_brazils_shorthand_for_its_capitals_in_capitals() -> None:
    # "POA" had been Poá near São Paulo, "BH" Bahrain (persona round 13).
    assert resolve_location("POA").city == "Porto Alegre"
    assert resolve_location("BH").city == "Belo Horizonte"
    assert _country("Bahrain") == "BH" and resolve_location("poa").city != "Porto Alegre"


@pytest.mark.parametrize(
    ("text", "country", "city"),
    [
        # Port Harcourt as Nigerians write it (persona round 15).
        ("PH city", "NG", "Port Harcourt"),
        ("Portharcourt", "NG", "Port Harcourt"),
        ("PHC", "NG", "Port Harcourt"),
        ("Port Harcourt", "NG", "Port Harcourt"),
        ("PH, Rivers", "NG", None),
        ("PH, Rivers State", "NG", None),
        ("Obio-Akpor, Rivers State", "NG", None),
        # "PH" alone, or after a Philippine town, is still the Philippines; "phc" written
        # small is no airport; "Garden City" is Singapore's nickname as much as Port
        # Harcourt's, and nothing in the text says which.
        ("PH", "PH", None),
        ("Manila, PH", "PH", "Manila"),
        ("phc", None, None),
        ("Garden City", "SG", "Singapore"),
    ],
)
def test_port_harcourt_as_nigerians_write_it(text: str, country: str | None,
                                             city: str | None) -> None:
    place = resolve_location(text)
    assert (place.country, place.city) == (country, city), place
