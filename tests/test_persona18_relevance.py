"""Persona round 18 (Priya, a data engineer in Bengaluru: data engineering, Python, Kafka,
running, the Bengaluru marathon), relevance: thousands of money or followers read as a race
("₹10k", "$10k MRR", "10k followers"), a discount code read as programming ("Use code
TANVI15", "Code RUN40"), and Franz Kafka read as the message broker."""

from __future__ import annotations

import pytest

from tests.test_relevance_round15 import _named

PERSONA = ("data engineering", "Python", "Apache Spark", "Kafka", "open source", "cricket",
           "Bengaluru", "lakes", "running", "marathon")


@pytest.mark.parametrize("bio", [
    "Forex trader 💹 Turning ₹10k into ₹1 lakh.",
    "Bootstrapped to $10k MRR",
    "Earned $5k this month, ask me how",
    "Rs. 5k off on all plans",
    "Thanks for 10k followers 🙏",
    "5k subscribers on YouTube",
])
def test_thousands_of_money_or_followers_are_no_race(bio: str) -> None:
    assert "running" not in _named(PERSONA, bio), bio


@pytest.mark.parametrize("bio", [
    "Ran my first 10k!",
    "Parkrun and 5k races",
    "10k PB 41:20, chasing sub-40",
    "Half marathon and 10K races",
])
def test_races_stay_races(bio: str) -> None:
    assert "running" in _named(PERSONA, bio), bio


@pytest.mark.parametrize("bio", [
    "Lifestyle & fashion ✨ Mumbai | Collabs: DM | Use code TANVI15 💄",
    "Energy gels for runners 🏃 Flat 40% off today! Code RUN40",
    "Use CODE SAVE10 at checkout",
    "Promo code inside 👇",
    "Pin code 560102 deliveries only",
])
def test_a_discount_or_postal_code_is_no_programming(bio: str) -> None:
    assert not any(name.startswith("programming") for name in _named(PERSONA, bio)), bio


@pytest.mark.parametrize("bio", [
    "Learn to code in Python",
    "Writing code: Python 3 daily",
    "I write code and break prod",
])
def test_code_that_is_written_stays_code(bio: str) -> None:
    assert any(name.startswith("programming") or name == "Python"
               for name in _named(PERSONA, bio)), bio


def test_franz_kafka_is_the_writer() -> None:
    assert _named(PERSONA, "Franz Kafka quotes 🪲 Literature and The Metamorphosis") == []
    assert _named(PERSONA, "Reading Kafka on the Shore again") == []
    assert _named(PERSONA, "Kafka Streams, CDC and exactly-once") == ["Kafka"]
    assert _named(PERSONA, "SRE. Kafka whisperer. On-call survivor.")[0] == "Kafka"


@pytest.mark.parametrize("bio", [
    "I run a small startup",
    "Runs the data team at a payments company",
    "The largest gathering of Pythonistas in India. Volunteer-run, community-driven.",
    "family-run bakery since 1952",
    "My code runs on K8s",
])
def test_running_a_thing_is_no_running(bio: str) -> None:
    assert "running" not in _named(PERSONA, bio), bio


@pytest.mark.parametrize("bio", [
    "Run club on Sundays",
    "Went for a morning run",
    "I run marathons",
    "Running the Berlin marathon this year",
    "Runner, dad",
])
def test_a_run_of_ones_own_stays_running(bio: str) -> None:
    assert {"running", "marathon"} & set(_named(PERSONA, bio)), bio
    assert _named(("running",), bio) == ["running"], bio


@pytest.mark.parametrize(("bio", "topic"), [
    ("Carnatic vocalist. கர்நாடக இசைக் கலைஞர் 🎵 Concert updates here.", "Carnatic music"),
    ("December music season in Chennai: sabha schedules, kutcheri listings", "Carnatic music"),
    ("Mylapore girl. Filter coffee, kolams, Carnatic 🎶", "Carnatic music"),
    ("Film critic. தமிழ் சினிமா and world cinema.", "Tamil cinema"),
    ("Kollywood updates and trailers", "Tamil cinema"),
])
def test_carnatic_music_and_tamil_cinema_as_their_fans_write_them(bio: str, topic: str) -> None:
    assert _named(("Carnatic music", "Tamil cinema"), bio) == [topic], bio


@pytest.mark.parametrize("bio", [
    "Karnataka Ranji team",  # the state, not the music
    "Raga, my daughter, turns 5",
    "Sabha of the village elders",
])
def test_their_look_alikes_are_neither(bio: str) -> None:
    assert _named(("Carnatic music", "Tamil cinema"), bio) == [], bio


def test_a_data_lake_is_no_lake() -> None:
    assert _named(("lakes",), "Data lake architect. Iceberg and Trino.") == []
    assert _named(("lakes",), "Save Bellandur lake: petitions and weekend cleanups") == ["lakes"]
    # To a data engineer it is her trade.
    assert _named(("data engineering",), "Data lakes and warehouses") == ["databases"]
    assert _named(("data engineering",), "Building data pipelines with Airflow") == ["databases"]


@pytest.mark.parametrize("bio", [
    "கிரிக்கெட் ரசிகன்",  # a cricket fan, in Tamil
    "ಕ್ರಿಕೆಟ್ ಅಭಿಮಾನಿ",  # in Kannada
    "Ranji Trophy reporter",
    "BCCI fan since 2011",
])
def test_cricket_as_india_writes_it(bio: str) -> None:
    assert _named(("cricket",), bio), bio


@pytest.mark.parametrize("bio", ["Ranji, my cousin", "Unit test matches expected output"])
def test_cricket_look_alikes_are_not(bio: str) -> None:
    assert _named(("cricket",), bio) == [], bio
