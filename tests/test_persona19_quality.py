"""Persona round 19 (Jonas, a transport researcher in Berlin): German, Turkish and English
spam the selling patterns missed (betting tips saying "Union", home income, reach sold, adult
and dating spam, tokens launched), a retweet bot by its own word, and the look-alikes of each
that must stay ordinary, through the real scorer."""

from __future__ import annotations

import pytest

from followprune.scoring import quality
from followprune.scoring.quality import score_quality
from tests.test_quality import NOW, account, assert_read_as_selling


def signals(bio: str) -> dict[str, float]:
    found = score_quality(account(bio=bio), NOW).facts["signals"]
    assert isinstance(found, dict)
    return found


@pytest.mark.parametrize(("bio", "quoted"), [
    ("Sportwetten-Tipps 💰 Union, Bundesliga, Champions League. 90% Trefferquote!",
     "Sportwetten-Tipps"),
    ("Bundesliga Wett-Tipps täglich ⚽ Quote 2.0+ | 18+", "Wett-Tipps"),
    ("Wetttipps für die 2. Liga", "Wetttipps"),
    ("💸 Nebenverdienst von zuhause – 500€ am Tag nur mit dem Handy!", "Nebenverdienst"),
    ("Mama von 2 | Verdiene passiv online von zuhause 💻 | Frag mich wie! 👇", "Verdiene"),
    ("Finanzielle Freiheit mit 30 🚀 Trading-Mentor | Kostenloses Webinar 👇", "Finanzielle"),
    ("Mehr Reichweite? 📈 Wir pushen deinen Account. Seriös & schnell. DM", "Wir"),
    ("Heiße Bilder nur für dich 🔞🔥 Klick den Link 👇 18+", "🔞🔥"),
    ("Singles aus deiner Nähe warten auf dich 😘 Kostenlos anmelden", "Singles"),
    ("Hot singles in your area 💋", "singles"),
    ("Günün bahis tahminleri ⚽ %90 kazanç 💰 Telegram kanalımıza katıl", "bahis"),
    ("Günün banko kuponları ⚽ %100 kazanç", "banko"),
    ("I help people make $10k/month from home 💸 DM me 'START'", "make"),
    ("$BERLIN token 🚀 100x incoming. Airdrop live. Join TG 👇", "100x"),
    ("Rette den Planeten mit Web3 🌍 Klima-NFTs, Mint live! 🚀", "Mint"),
])
def test_persona19_spam_is_read_as_selling(bio: str, quoted: str) -> None:
    assert_read_as_selling(bio, f'("{quoted}')


@pytest.mark.parametrize("bio", [
    "Suchtforscherin. Sportwetten und Glücksspiel bei Jugendlichen.",
    "Wetter-Tipps für Radfahrer ☔",
    "Wettbewerbsrecht, Tipps für Gründer",
    "Rad-Tipps und Wettkampf-Berichte",
    "Steuerberaterin. Nebenverdienst und Steuern, Minijob, Freelancer.",
    "Übersetzerin. Ich verdiene mein Geld von zu Hause aus.",
    "Dividenden & passives Einkommen. Keine Anlageberatung.",
    "Finanzielle Freiheit ist ein Mythos. Ökonomin, Ungleichheit.",
    "Podcast: Finanzielle Freiheit für Frauen – neue Folge jeden Montag",
    "Wir pushen die Verkehrswende! Radentscheid Berlin",
    "🔞 Horrorfilm-Kritiken. Link zum Blog unten",
    "Klicke auf den Link für unseren Newsletter",
    "Events für Singles in Berlin, Tanzkurse",
    "Tennis singles champion 2019",
    "Bahis bağımlılığı üzerine çalışıyorum",
    "Şirket kârı %30 kazanç artışı",
    "Startup founder. We hit $10k/month MRR, building in public",
    "Make $500/week? Economist on gig work wages",
    "Airdrop live-demo at our booth",
    "Peppermint live music every Friday",
])
def test_persona19_look_alikes_stay_ordinary(bio: str) -> None:
    assert not {"asks_follow", "sells", "says_automated"} & signals(bio).keys()


@pytest.mark.parametrize("bio", [
    "Ich retweete alles mit #Verkehrswende und #Radverkehr. Automatisiert. 🤖",
    "Automatisiert.",
    "I retweet everything with #cycling",
])
def test_a_retweet_bot_by_its_own_word(bio: str) -> None:
    assert "says_automated" in signals(bio)


@pytest.mark.parametrize("bio", [
    "Ich retweete alles, was mir gefällt.",
    "Ampeln werden automatisiert. Verkehrsingenieur.",
    "Prozesse automatisiert. DevOps.",
    "Testautomatisierung, QA",
])
def test_automation_said_of_work_is_no_bot(bio: str) -> None:
    assert "says_automated" not in signals(bio)


@pytest.mark.parametrize("text", [
    "sportwetten-tipps", "wett-tipps", "nebenverdienst von zuhause",
    "verdiene passiv online von zuhause", "finanzielle freiheit, webinar",
    "wir pushen deinen account", "🔞 klick den link", "singles aus deiner nähe",
    "singles in your area", "bahis tahmini", "%90 kazanç", "100x incoming", "airdrop live",
    "mint live", "make $10k/month from home"])
def test_each_new_selling_text_passes_the_gate(text: str) -> None:
    # The round's texts sit in one top-level alternative (see quality._SELLS_ALL): each must
    # still be let through by a gate word and found by the quick search.
    assert quality._gates_passed(text) & quality._TOUTS, text
    assert quality._SELLS_SEARCHED(text), text
    assert quality._SELLS_LOWER.search(text) is not None, text


@pytest.mark.parametrize("bio", [
    "Die besten Spots in Berlin 📍 Restaurants, Bars, Deals. Werbung/Kooperation per DM 💌",
    "Werbung via PN",
])
def test_paid_posts_sold_by_dm_in_german(bio: str) -> None:
    # As "DM for promo" and "publicidad por DM" are.
    assert "sells" in signals(bio)
    assert quality._gates_passed(bio.lower()) & quality._TOUTS


@pytest.mark.parametrize("bio", [
    "Foodbloggerin. Kooperationen per Mail.",
    "Texterin für Werbung. Anfragen per DM.",
])
def test_werbung_said_of_work_is_no_sale(bio: str) -> None:
    assert "sells" not in signals(bio)


@pytest.mark.parametrize("bio", [
    "💰 Evden para kazan! Günlük 500 TL, WhatsApp'tan yaz",
    "Günlük 750 TL kazan, detaylar DM",
    "Ek gelir fırsatı 👇",
    "Nebenjob von zuhause – 300€ die Woche",
])
def test_income_from_home_in_turkish_and_german(bio: str) -> None:
    assert "sells" in signals(bio)
    assert quality._gates_passed(bio.lower()) & quality._TOUTS


@pytest.mark.parametrize("bio", [
    "Evden çalışan anne, iki çocuk",
    "Günlük 500 TL ile geçinmek zor. Ekonomist.",
    "Ek gelir vergisi üzerine yazıyorum",
    "Mein Nebenjob: Fahrradkurier",
])
def test_work_from_home_said_plainly_is_no_sale(bio: str) -> None:
    assert "sells" not in signals(bio)
