"""Persona round 19 (Jonas, a transport researcher in Berlin: Verkehrsplanung, Radverkehr,
ÖPNV, Stadtentwicklung, Klimapolitik, open data, Union Berlin, Techno), relevance: transport
and planning as German, Turkish, Dutch and Danish bios write them, open data in German, the
club as its fans write it, the words that deny the climate, and "Verkehrsingenieur", whose
linking "s" had made it a singer."""

from __future__ import annotations

import pytest

from followprune.scoring.relevance import InterestProfile, learn_interests
from tests.test_relevance_round15 import _named

PERSONA = ("Verkehrsplanung", "Radverkehr", "ÖPNV", "public transport", "cycling",
           "Stadtentwicklung", "urban planning", "Klimapolitik", "climate policy", "open data",
           "Union Berlin", "Techno")


@pytest.mark.parametrize("bio", [
    "Stadtforscherin. Leerstand, Wohnen, Straßenbahn.",
    "Weil wir dich lieben. Die Berliner Verkehrsbetriebe.",
    "Alles zum #Deutschlandticket: Preise, Tarife, Finanzierung.",
    "Professor für Verkehrsökonomie. Selten hier.",
    "Mobilitätsforscherin, Modal Split und Pendeln",
    "Fahrgastverband für Berlin und Brandenburg",
    "Şehir plancısı. İstanbul'da toplu taşıma üzerine çalışıyorum.",
    "Urbanism, trams and car-free streets",
    "Transit data scientist. GTFS feeds and accessibility maps",
    "Stedenbouwkundige bij de gemeente, openbaar vervoer en fietsen",
    "Byplanlægger i København",
])
def test_transport_and_planning_as_the_field_writes_them(bio: str) -> None:
    assert {"public transport", "ÖPNV", "Verkehrsplanung", "urban planning",
            "Stadtentwicklung", "urbanism"} & set(_named(PERSONA, bio)), bio


@pytest.mark.parametrize("bio", [
    "Offene Daten der Berliner Verwaltung, maschinenlesbar",
    "Open Knowledge Foundation. Offene Daten, Transparenz, Civic Tech.",
    "Datos abiertos para la ciudad",
    "OpenStreetMap mapper",
])
def test_open_data_as_civic_tech_writes_it(bio: str) -> None:
    assert _named(("open data",), bio)[0] == "open data"


def test_data_people_still_answer_open_data_and_civic_tech_data_science() -> None:
    # "open data" stays a data-science term too, so the data scientist is named as before.
    assert _named(("open data",), "Data scientist, big data") == ["data science"]
    assert _named(("data science",), "Civic tech volunteer") \
        == ["open data (related to data science)"]


@pytest.mark.parametrize("bio", [
    "Podcast über den 1. FC Union. Von der Waldseite für die Waldseite.",
    "Eisern Union! Stehplatz an der Alten Försterei",
    "Follow @fcunion for the match days",
])
def test_union_as_its_fans_write_it(bio: str) -> None:
    assert "Union Berlin" in _named(PERSONA, bio)


@pytest.mark.parametrize("bio", [
    "Union",
    "Gewerkschafter. Solidarität, Tarifrunde, Union.",
    "Unioner aus Köpenick",  # English stems it "union": left out
])
def test_union_alone_is_not_the_club(bio: str) -> None:
    assert "Union Berlin" not in _named(PERSONA, bio)


@pytest.mark.parametrize("bio", [
    "Klima-Hysterie beenden! Wacht auf!",
    "Die Klimalüge und der Great Reset. Recherchiere selbst.",
    "#Klimalockdown #WEF",
    "Climate hoax exposed. Do your own research.",
    "Klimaterroristen kleben sich fest",
])
def test_words_that_deny_the_climate_are_no_interest_in_it(bio: str) -> None:
    assert "climate" not in _named(("climate",), bio)
    assert "climate" not in _named(PERSONA, bio)


@pytest.mark.parametrize("bio", [
    "Klimaforscherin. Klimaschutz, Klimakrise.",
    "Climate scientist. I debunk the climate hoax myths",
    "Klimapolitik und Verkehr",
])
def test_the_climate_itself_still_reads(bio: str) -> None:
    named = _named(("climate",), bio)
    assert named == ["climate"], named


@pytest.mark.parametrize("bio", [
    "Verkehrsingenieur ETH. Tram, Taktfahrplan.",
    "Wirtschaftsingenieurin bei einem Autozulieferer",
    "Vermessungsingenieur im Landesamt",
])
def test_an_engineer_joined_by_a_linking_s_is_no_singer(bio: str) -> None:
    assert "music" not in _named(("music",), bio)


@pytest.mark.parametrize("bio", [
    "Sängerin. Gospelsingen am Sonntag",
    "Musikerin und Komponistin",
])
def test_singing_still_reads_as_music(bio: str) -> None:
    assert _named(("music",), bio) == ["music"]


def test_critical_mass_is_cycling() -> None:
    assert _named(("cycling",), "Jeden letzten Freitag im Monat, 20 Uhr. Critical Mass Berlin") \
        == ["cycling"]


@pytest.mark.parametrize("bio", [
    "Freie Fahrt für freie Bürger! Gegen Tempo 30, Fahrverbote und Radwege-Wahn.",
    "Kampfradler nerven",
    "Radwegewahn stoppen",
    "Radfahrer-Terror auf dem Gehweg",
])
def test_the_car_lobbys_words_against_cycling_are_no_interest_in_it(bio: str) -> None:
    assert "cycling" not in _named(PERSONA, bio)


@pytest.mark.parametrize("bio", [
    "Radfahrer, Radwege und Lastenrad",
    "Radweg-Planerin. Radwege für alle.",
])
def test_cycling_itself_still_reads(bio: str) -> None:
    assert "cycling" in _named(("cycling",), bio)


@pytest.mark.parametrize("bio", [
    "CO2 ist Leben 🌱 Recherchiere selbst.",
    "CO2 ist Pflanzennahrung!",
])
def test_the_deniers_co2_slogans_are_no_climate(bio: str) -> None:
    assert "climate" not in _named(("climate",), bio)


def test_co2_itself_is_still_climate() -> None:
    assert _named(("climate",), "CO2-Bilanz und Klimaschutz im Verkehr") == ["climate"]


def test_german_bio_boilerplate_is_not_learned() -> None:
    # "Hier privat", "Meinungen meine eigenen", "Selten hier": what a German bio says to its
    # readers, as "views my own" does, not a word the closest accounts share an interest in.
    close = [f"Verkehrsplanerin und Kubernetes-Fan {i}. Hier privat, Meinungen meine eigenen"
             for i in range(8)]
    rest = [f"Bäcker Nummer {i}, Sauerteig und Kaffee" for i in range(80)]
    learned = learn_interests(InterestProfile(keywords=("Radverkehr",)), close + rest,
                              [3.0] * 8 + [0.0] * 80).learned
    assert learned, "the close accounts' own words are still learned"
    assert not {"hier", "privat", "meinungen", "eigenen"} & {w.lower() for w in learned}


@pytest.mark.parametrize(("bio", "topic"), [
    ("ADFC-Mitglied, Papa", "cycling"),
    ("#Radentscheid", "cycling"),
    ("Initiative für Kiezblocks in Neukölln", "urbanism"),
    ("Verkehrsberuhigung in den Kiezen", "urbanism"),
    ("Fußverkehr und Barrierefreiheit", "urbanism"),
    ("Mobilitätsgesetz jetzt umsetzen", "urbanism"),
])
def test_berlins_street_politics_as_it_is_written(bio: str, topic: str) -> None:
    assert topic in _named((topic,), bio)
