"""Persona round 18 (Priya, a data engineer in Bengaluru): India's hustles the selling
patterns missed — fantasy-cricket teams and match results sold as sure, Hindi bookmaking,
stock tips on Telegram, a forex trader multiplying rupees, Hinglish earn-from-home, jobs sold
for a fee, airdrops, a priced 🔞 call — each with the look-alikes that must stay ordinary, and
a retweet bot that says so in English; through the real scorer."""

from __future__ import annotations

import random
import re

import pytest

from followprune.scoring import quality
from followprune.scoring.blend import CLEAR_BOT, SOUND_QUALITY
from followprune.scoring.quality import _top_level_alternatives, bot_score, score_quality
from tests.test_quality import NOW, account, assert_read_as_selling, texts


def signals(**overrides: object) -> dict[str, float]:
    found = score_quality(account(**overrides), NOW).facts["signals"]
    assert isinstance(found, dict)
    return found


@pytest.mark.parametrize(("bio", "quoted"), [
    ("Fantasy Cricket Expert 🏏 Dream11 GL winner 🏆 Grand league teams daily. Join Telegram "
     "for paid team 💰", "Dream11 GL"),
    ("ಇಂದಿನ ಡ್ರೀಮ್11 ಟೀಮ್ 🏏 | Dream11 team today | Small league + GL", "Dream11 team today | "
     "Small league"),
    ("RCB ❤️ Ee Sala Cup Namde! Match predictions 100% sure 🔥 Toss + session tips. WhatsApp "
     "for VIP.", "Match predictions"),
    ("Cricket match prediction 🏏 Aaj kaun jeetega? 99% accurate. Paid group link in bio 👇",
     "match prediction"),
    ("IPL satta, session bhav, lambi pari 💸 Jackpot tips daily.", "IPL satta"),
    ("Bank Nifty options 🔥 Intraday jackpot calls daily. Join Telegram for VIP 📈",
     "jackpot calls"),
    ("Multibagger penny stocks 🚀 10x in 3 months. Free Telegram channel, link in bio.",
     "Multibagger"),
    ("Forex trader 💹 Turning ₹10k into ₹1 lakh. Mentorship open, limited seats.",
     "Forex trader 💹 Turning ₹10k into ₹1"),
    ("Ghar baithe paise kamao 💸 Students/housewives welcome. Link 👇",
     "Ghar baithe paise kamao"),
    ("Part time job, daily payment. Only mobile needed.", "Part time job, daily payment"),
    ("🚨 Hiring! Data engineer / Python developer WFH jobs. Pay ₹999 registration fee. DM resume.",
     "Hiring! Data engineer / Python developer"),
    ("Open source DeFi protocol 🚀 Airdrop live! Connect your wallet, claim tokens.",
     "Airdrop live"),
    ("🔞 Video call service available 💋 DM for rates. Genuine only.", "🔞 Video call"),
])
def test_indian_hustles_are_read_as_selling(bio: str, quoted: str) -> None:
    assert_read_as_selling(bio, f'("{quoted}")')


@pytest.mark.parametrize("bio", [
    "Backend engineer at Dream11. Kafka at scale.",
    "My Dream11 team is a mess again 😅 RCB fan since 2008",
    "Cricket analytics. Match predictions from an Elo model, code on GitHub.",
    "Test Match Stats 🏏 No betting, no fantasy teams, ever.",
    "Political columnist. Satta ka khel, every Sunday.",
    "Hindi commentary 🎙️ Virat ki lambi pari, Rohit ka six!",
    "Value investor. Looking for multibaggers, patiently. Not advice.",
    "Options explained: calls, puts and the Greeks, for beginners.",
    "Founder. Turning $0 into $1M ARR, slowly.",
    "Ghar baithe movie dekho, weekend plans sorted 🍿",
    "Bengaluru Marathon 2027: registration fee ₹1,500, early bird till Friday.",
    "We're hiring data engineers! We never ask you to pay a registration fee.",
    "Building wallet SDKs. Connect your wallet to any dApp.",
    "🔞 Horror film reviews. DM for review copies.",
    "Weekly video calls with my running group 🏃",
    "Follow for match tips on technique, from a cricket coach",
])
def test_their_look_alikes_stay_ordinary(bio: str) -> None:
    person = account(bio=bio)
    assert "sells" not in signals(bio=bio)
    assert score_quality(person, NOW).value >= SOUND_QUALITY


@pytest.mark.parametrize(("bio", "quoted"), [
    ("RT if you agree 🇮🇳 Like if you are a proud Indian ❤️ Comment Jai Hind!", "RT if you agree"),
    ("Proud Indian 🇮🇳 Nation first | RT करें, Trend करें | #Trending roz 🔥", "RT करें"),
    ("Trending hashtags daily 🔥 Join our trend team. Tweet with today's hashtag at 6 PM.",
     "trend team"),
    ("Cricket polls daily 🏏 Vote & RT! Kohli or Rohit? 🤔", "polls daily 🏏 Vote & RT"),
])
def test_engagement_farms_are_read_as_asking_for_retweets(bio: str, quoted: str) -> None:
    farm = account(bio=bio)
    component = score_quality(farm, NOW)
    assert "sells" in component.facts["signals"]  # type: ignore[operator]
    assert bot_score(component) > CLEAR_BOT
    assert f'asks for retweets or trending in its bio ("{quoted}")' in texts(farm), texts(farm)


@pytest.mark.parametrize("bio", [
    "Opinions mine. RT ≠ endorsement",
    "Retweets are not endorsements",
    "Register to vote and share the word 🗳️",
    "Trend analysis for retail data. Python, SQL.",
    "Like if you want, I post anyway",
    "Vote and RT the petition to save Bellandur lake",
])
def test_engagement_look_alikes_stay_ordinary(bio: str) -> None:
    assert "sells" not in signals(bio=bio)
    assert score_quality(account(bio=bio), NOW).value >= SOUND_QUALITY


@pytest.mark.parametrize(("bio", "quoted"), [
    ("Tamil brides & grooms 💍 Iyer, Iyengar, Mudaliar profiles. Register free, find your "
     "match.", "brides"),
    ("Rishtey for NRIs 💍 Verified profiles. Send biodata on WhatsApp.", "Rishtey"),
    ("Matrimony for Kannadigas. Share your bio-data to get matches", "bio-data"),
])
def test_matchmaking_sold_by_message_is_read_as_selling(bio: str, quoted: str) -> None:
    seller = account(bio=bio)
    assert bot_score(score_quality(seller, NOW)) > CLEAR_BOT
    assert any(text.startswith("sells matchmaking in its bio") and quoted in text
               for text in texts(seller)), texts(seller)


@pytest.mark.parametrize("bio", [
    "Wedding photographer 📸 brides & grooms across Kerala",
    "Rishta aunty memes 😂",
    "Biodata of a data engineer: Python, Spark, filter coffee",
    "Bride-to-be, registering for the Bengaluru marathon",
])
def test_matchmaking_look_alikes_stay_ordinary(bio: str) -> None:
    assert "sells" not in signals(bio=bio)


@pytest.mark.parametrize(("bio", "quoted"), [
    ("Retweets everything tagged #Bengaluru #Bangalore 🤖", "Retweets everything tagged"),
    ("Auto-retweets every post mentioning #Chennai", "Auto-retweets every"),
])
def test_a_retweet_bot_in_english_says_it_is_automated(bio: str, quoted: str) -> None:
    assert "says_automated" in signals(bio=bio)
    assert f'says it is automated ("{quoted}")' in texts(account(bio=bio))


@pytest.mark.parametrize("bio", [
    "She retweets everything about cats, I retweet her",
    "Retweets are not endorsements",
    "Retweets everything I find interesting about data",
])
def test_a_person_who_retweets_is_no_bot(bio: str) -> None:
    assert "says_automated" not in signals(bio=bio)


@pytest.mark.parametrize("bio", ["Auto-retweets disabled, I am a human",
                                 "Not a bot. I retweet everything about Kafka though"])
def test_saying_retweets_are_not_automatic_is_no_bot(bio: str) -> None:
    assert "says_automated" not in signals(bio=bio)


# One text for each alternative of the hustles' pattern, as tests/test_quality_searched.py
# keeps for the selling pattern: a branch whose text the gate would stop fails here.
_HUSTLE_SAMPLES = [
    "dream11 gl winner", "match predictions 100% sure", "ipl satta", "satta king",
    "session bhav", "jackpot calls daily", "multibagger stocks on telegram",
    "forex trader turning ₹10k into ₹1 lakh", "ghar baithe paise kamao",
    "part time job, daily payment", "hiring! pay ₹999 registration fee",
    "connect your wallet and claim", "rt if you agree", "like if you agree", "polls: vote & rt",
    "trend team", "tweet with today's hashtag", "rt करें", "send biodata on whatsapp",
    "brides & grooms, register free", "rishtey for nris, whatsapp", "100% placement",
    "guaranteed placement", "placement guarantee", "job guarantee course",
    # Persona round 21's retweet bait.
    "rt if you remember this", "rt if this is you",
    # Persona round 22's tag raisers and share-before-deletion farms.
    "subindo tags todo dia", "compartilhe antes que apaguem",
    # Persona round 23 (Cairo), one for each of its alternatives, in their order.
    "💰 make $1000/day", "exam dumps", "100% pass guarantee", "join our paid group",
    "توصيات فوركس", "عملات رقمية | توصيات", "نسبة نجاح 95%", "أرباح مضمونة", "كود 1xbet",
    "1xbet promo code", "بونص 200%", "مواقع المراهنات", "رهانات الدوري",
    "توقعات مباريات مضمونة", "اربح ايفون", "اكسب بالدولار",
]


def test_each_hustle_alternative_has_a_sample_that_passes_the_gate() -> None:
    pattern = quality._HUSTLES_LOWER
    for alternative in _top_level_alternatives(pattern.pattern):
        branch = re.compile(alternative)
        assert any(branch.search(sample) for sample in _HUSTLE_SAMPLES), alternative
    for sample in _HUSTLE_SAMPLES:
        assert pattern.search(sample) is not None, sample
        assert quality._gates_passed(sample) & quality._HUSTLING, sample
        assert quality._HUSTLES_SEARCHED(sample)


def test_every_text_the_hustles_match_passes_their_gate() -> None:
    # Texts made of the samples cut and joined anew, so that many match and many nearly do:
    # the hustles are looked for only behind their own gate words.
    rnd = random.Random(18)
    pieces = [word for sample in _HUSTLE_SAMPLES for word in sample.split()]
    matched = 0
    for _ in range(20_000):
        text = " ".join(rnd.choice(pieces) for _ in range(rnd.randint(1, 6)))
        if quality._HUSTLES_LOWER.search(text) is not None:
            matched += 1
            assert quality._gates_passed(text) & quality._HUSTLING, text
    assert matched > 200  # the texts did reach the alternatives


def test_the_quick_look_answers_as_the_hustles_pattern() -> None:
    texts = [f"{bio}\n{extra}".lower() for bio in _HUSTLE_SAMPLES
             for extra in ("", "no", "10x", "telegram", "daily")]
    texts += ["ghar baithe movie dekho", "my dream11 team", "options explained", "wallet sdk"]
    for text in texts:
        assert quality._HUSTLES_SEARCHED(text) is (quality._HUSTLES_LOWER.search(text)
                                                   is not None), text


@pytest.mark.parametrize("bio", [
    "Retweets everything tagged #Bengaluru #Bangalore 🤖",
    "Bot que retuitea todo lo que diga #Bogotá 🤖",
    "I'm an RT bot for #rstats",
])
def test_a_bot_that_says_it_only_reposts_is_a_clear_bot(bio: str) -> None:
    assert signals(bio=bio)["says_automated"] == pytest.approx(quality._W_SAYS_REPOSTS)
    # As the lists' retweet bots are: hundreds of thousands of posts, on a list or two.
    shaped = {"post_count": 410_000, "like_count": 820_000, "listed_count": 1,
              "followers_count": 5_400, "following_count": 4_900}
    assert bot_score(score_quality(account(bio=bio, **shaped), NOW)) > CLEAR_BOT
    said = bot_score(score_quality(account(bio="Automated account by @ideam", **shaped), NOW))
    assert said < CLEAR_BOT


@pytest.mark.parametrize("bio", [
    # A bot that posts its own alerts keeps the lighter weight: a person may want it.
    "Clima de Medellín. Un bot que publica cada mañana",
    "Automated account by @ideam",
    "a bot that posts earthquakes near Bogotá",
])
def test_a_bot_with_posts_of_its_own_keeps_the_lighter_weight(bio: str) -> None:
    assert signals(bio=bio)["says_automated"] == pytest.approx(quality._W_SAYS_AUTOMATED)


def test_reposting_words_without_saying_it_is_a_bot_are_nothing() -> None:
    for bio in ("I build RT bots", "Retweets everything I find interesting about data"):
        assert "says_automated" not in signals(bio=bio)


def test_a_seller_by_whatsapp_alone_is_not_said_to_sell_money() -> None:
    astrologer = account(bio="Vedic astrologer 🕉️ Kundli matching, love problem solution. "
                             "Call/WhatsApp now")
    assert 'sells by WhatsApp in its bio ("Call/WhatsApp now")' in texts(astrologer)
    # Money sold first is still said as money.
    hustle = account(bio="Earn ₹5000 daily from home… WhatsApp now")
    assert 'sells followers or easy money in its bio ("Earn ₹5000 daily")' in texts(hustle)


@pytest.mark.parametrize(("bio", "quoted"), [
    ("Learn Apache Spark, Kafka, Python 🔥 100% placement guarantee! New batch Monday. "
     "Call now 📞", "100%"),
    ("Data science course with guaranteed placement. Weekend batches", "guaranteed"),
    ("Full stack job guarantee program, pay after placement", "job"),
])
def test_a_course_with_the_job_promised_is_read_as_selling(bio: str, quoted: str) -> None:
    seller = account(bio=bio)
    assert bot_score(score_quality(seller, NOW)) > CLEAR_BOT
    assert any(text.startswith("sells a course with a job promised in its bio")
               and quoted in text for text in texts(seller)), texts(seller)


@pytest.mark.parametrize("bio", [
    "Training & placement cell, IIT Madras",
    "Placements 2026: 94% placed, proud of our students",
    "Economist. Job guarantee advocate.",
    "Placement officer. Hiring partners welcome.",
])
def test_placement_look_alikes_stay_ordinary(bio: str) -> None:
    assert "sells" not in signals(bio=bio)
