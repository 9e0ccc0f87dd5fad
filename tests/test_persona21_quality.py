"""Persona round 21 (Marcus, a science teacher in Evanston): the hustles his list held that the
selling patterns missed, all kept "in Chicago, near you" — the DM funnel with a sum, the money
trades' mentors, Spanish pay by the week, a Polish job scam, English bets by the day, a
phone given away and retweet bait — each with the look-alikes that must stay ordinary;
through the real scorer."""

from __future__ import annotations

import pytest

from followprune.scoring.blend import SOUND_QUALITY
from followprune.scoring.quality import score_quality
from tests.test_quality import NOW, account, assert_read_as_selling, texts


def signals(**overrides: object) -> dict[str, float]:
    found = score_quality(account(**overrides), NOW).facts["signals"]
    assert isinstance(found, dict)
    return found


@pytest.mark.parametrize(("bio", "quoted"), [
    ("DM me to learn how I made $5k this week 💸 Crypto • Forex • Financial freedom. Not "
     "financial advice. 🚀", "DM me to learn how I made $5k"),
    ("Chi-town entrepreneur 💯 Dropshipping mentor | $30k months | DM 'START' to get my "
     "blueprint", "Dropshipping mentor"),
    ("Forex coach 📈 Students winning daily", "Forex coach"),
    ("Gana $3,000 a la semana desde tu celular 📲💵 Inversiones en cripto. Escríbeme por DM",
     "Gana $3,000 a la semana"),
    ("Praca w Chicago od zaraz! 💵 Zarabiaj nawet $5000 tygodniowo z domu. Napisz DM 📩",
     "Zarabiaj nawet $5000 tygodniowo"),
    ("Parlay of the day 🏈⚾ Bears +7.5 hammered ✅ Join the Discord — VIP $49/mo. Tail or "
     "fade 🎰 21+", "Parlay of the day"),
    ("🔒 LOCK OF THE DAY 🔒 Cubs ML 💰 Tail us", "LOCK OF THE DAY"),
])
def test_his_lists_hustles_are_read_as_selling(bio: str, quoted: str) -> None:
    assert_read_as_selling(bio, f'("{quoted}')


@pytest.mark.parametrize("bio", [
    "Indie dev. Blog post: how I made $0 from my first app 😅",
    "DM me to learn how I make sourdough at home 🍞",
    "Forex market analyst at a bank. Views my own.",
    "Running coach. Did dropshipping once, never again.",
    "El equipo que gana 3 partidos por semana 🏆 Fútbol en Pilsen",
    "Dziennikarka. Ile nauczyciel zarabia 5000 zł miesięcznie? Piszę o szkołach.",
    "Sportswriter. My lock of the week every Friday, no money involved.",
    "Chicago Public Library 📚 Book giveaway every month for teens!",
    "I remember if you remind me. Physics teacher.",
])
def test_their_look_alikes_stay_ordinary(bio: str) -> None:
    assert "sells" not in signals(bio=bio), bio
    assert score_quality(account(bio=bio), NOW).value >= SOUND_QUALITY


def test_a_phone_given_away_is_said_to_be_a_giveaway() -> None:
    farm = account(bio="🎁 iPhone 16 Pro GIVEAWAY 🎁 RT + follow to enter! Winners DM'd Friday.")
    assert "sells" in signals(bio=farm.bio)
    assert any(text.startswith("a giveaway for follows in its bio") for text in texts(farm)), \
        texts(farm)


@pytest.mark.parametrize(("bio", "quoted"), [
    ("RT if you remember this 😂 Follow for daily nostalgia.", "RT if you remember"),
    ("♈♉♊ Zodiac memes for every sign. Tag your sign 👇 RT if this is you", "RT if this is you"),
])
def test_retweet_bait_is_said_to_ask_for_retweets(bio: str, quoted: str) -> None:
    farm = account(bio=bio)
    assert "sells" in signals(bio=bio)
    assert any(text.startswith("asks for retweets or trending in its bio")
               and quoted in text for text in texts(farm)), texts(farm)


@pytest.mark.parametrize("bio", [
    "Rise & grind 💪 Daily motivation. Your mindset is your wealth. Success quotes every hour.",
    "Bible verses every 3 hours 🙏",
])
def test_a_feed_by_the_hour_says_it_is_automated(bio: str) -> None:
    assert "says_automated" in signals(bio=bio)


@pytest.mark.parametrize("bio", [
    "Physics teacher. A fun fact every day for my students 🔭",
    "I quote every hour of The Wire from memory",
])
def test_people_who_post_daily_are_not_automated(bio: str) -> None:
    assert "says_automated" not in signals(bio=bio)
