"""Persona round 15 (a Lagos fintech founder: fintech, payments, startups, venture capital,
Afrobeats, Nollywood, Arsenal), relevance: words read in another sense ("North Bank", "bank
holiday", "box office", a league's "trades"), and the vocabulary of narrow interests that now
have topics of their own (Arsenal, Afrobeats, Nollywood, venture capital, payments)."""

from __future__ import annotations

import pytest

from followprune.scoring import languages, lexicon
from followprune.scoring.relevance import (
    MATCH_FLOOR,
    NO_MATCH_VALUE,
    InterestProfile,
    score_relevance,
)
from tests.test_relevance_round14 import _reason

PERSONA = ("fintech", "payments", "startups", "venture capital", "Afrobeats", "Nollywood",
           "Arsenal")


def _named(keywords: tuple[str, ...], bio: str) -> list[str]:
    """The topics a bio's reason names, or [] when it names none."""
    reason = _reason(keywords, bio)[1]
    if not reason.startswith("bio mentions "):
        return []
    return reason.removeprefix("bio mentions ").split(", ")


# --- words in another sense ------------------------------------------------------------------


def test_the_north_bank_is_arsenals_stand_not_a_bank() -> None:
    assert _named(PERSONA, "Season ticket holder, North Bank. #COYG") == ["Arsenal"]
    # Without the club among the interests, the stand is still no bank.
    assert "finance" not in _named(("fintech",), "Season ticket holder, North Bank. #COYG")
    # The bank of a river is neither.
    assert _named(PERSONA, "Living on the north bank of the Thames, rowing at weekends") == []
    # A bank is still finance.
    assert _named(PERSONA, "Head of retail banking at a Lagos bank") == ["finance"]


def test_a_bank_holiday_is_no_interest() -> None:
    assert _named(PERSONA, "Bank holiday vibes, London life") == []
    assert _named(("finance",), "Bank holidays with the family, long walks, good food") == []
    assert _named(("finance",), "Investment banker, then bank holidays off") == ["finance"]


def test_the_box_office_is_film_not_boxing() -> None:
    named = _named(PERSONA, "Weekly Nollywood box office numbers")
    assert named[0] == "Nollywood" and not any(n.startswith("sport") for n in named), named
    assert _named(("cinema",), "Box office numbers every weekend") == ["cinema"]
    assert _named(("sport",), "Box office numbers every weekend") == []
    # Boxing is still sport.
    assert _named(("sport",), "Boxing coach and former amateur champion") == ["sport"]


@pytest.mark.parametrize("bio", [
    "NBA highlights, scores and trades",
    "NBA trades and free agency news",
    "Everything trade deadline: rumors, deals, cap space",
])
def test_a_leagues_trades_are_sport_not_finance(bio: str) -> None:
    # Not finance for the fintech founder, nor sport: another league is no kin of Arsenal.
    assert _named(PERSONA, bio) == [], bio
    assert _named(("sport",), bio) == ["sport"], bio
    assert "finance" not in _named(("fintech", "sport"), bio), bio


def test_trading_is_still_finance_and_a_jack_of_all_trades_nothing() -> None:
    assert _named(("fintech",), "Day trader: forex, stocks, trading journal") == ["finance"]
    assert _named(("economy",), "International trade lawyer and economist") == ["economy"]
    assert _named(("fintech",), "Jack of all trades, master of none, lover of jollof") == []


# --- the interests' own words ----------------------------------------------------------------


@pytest.mark.parametrize(("bio", "topic"), [
    ("Gooner since 1998", "Arsenal"),
    ("Up the Gunners! Season ticket at the Emirates", "Arsenal"),
    ("North London is red. Saka is him", "Arsenal"),
    ("#COYG every matchday", "Arsenal"),
    ("Afrobeat forever, highlife on Sundays", "Afrobeats"),
    ("Amapiano every weekend", "Afrobeats"),
    ("Burna Boy and Davido on repeat", "Afrobeats"),
    ("Fela Kuti records and palm wine", "Afrobeats"),
    ("@wizkidayo stan account", "Afrobeats"),
    ("Nigerian cinema lover", "Nollywood"),
    ("Nigerian films every weekend", "Nollywood"),
    ("Naija movies and Yoruba movies all day", "Nollywood"),
    ("Labaran Kannywood da fina-finan Hausa", "Nollywood"),
    ("Pre-seed and seed fund backing African founders", "venture capital"),
    ("Partner at an early-stage fund", "venture capital"),
    ("General partner, VC fund", "venture capital"),
    ("Angel investor", "venture capital"),
    ("Investisseur en capital-risque à Abidjan", "venture capital"),
    ("Capital de riesgo en Madrid", "venture capital"),
    ("Remittances to Africa, cheaper and faster", "payments"),
    ("POS agent network across Lagos", "payments"),
    ("Mobile money research, M-Pesa and USSD", "payments"),
])
def test_an_interests_words_count_as_it(bio: str, topic: str) -> None:
    value, reason = _reason(PERSONA, bio)
    assert value >= MATCH_FLOOR and reason.startswith(f"bio mentions {topic}"), (bio, reason)


@pytest.mark.parametrize(("keyword", "bio"), [
    # "gunners" alone is not read: English stems it "gun".
    ("Arsenal", "Gun control advocate and policy researcher in DC"),
    ("Arsenal", "Jumping the gun since 1990, overthinking everything else"),
    # A whizz kid and a given name are no artists.
    ("Afrobeats", "Tech wizkid, coder and chess player from Ibadan"),
    ("Afrobeats", "Asake, mother of three, trader in Oshodi market"),
    # A shop's payment is no payments interest of the lexicon's (the keyword's own word is).
    ("venture capital", "Payment on delivery only. DM to order"),
    ("Nollywood", "Yoruba language teacher and translator"),
])
def test_their_look_alikes_do_not(keyword: str, bio: str) -> None:
    named = _named((keyword,), bio)
    assert not any(n == keyword or n.startswith(keyword) for n in named), (bio, named)


def test_a_club_keyword_names_the_club_and_still_counts_football() -> None:
    assert _named(("Arsenal",), "Gooner. Saka is him. Tech bro by day") == ["Arsenal"]
    # Another club is football, which an Arsenal fan's keyword still counts.
    assert _named(("Arsenal",), "Chelsea fan, Stamford Bridge regular") == ["football"]
    # Football's keyword reads the Arsenal chant too.
    assert _named(("football",), "#COYG every matchday") == ["football"]
    keys = {t.key for t in lexicon.topics_of("Arsenal")}
    assert keys == {"football", "arsenal"}


def test_vc_is_venture_capital_and_finance() -> None:
    assert {t.key for t in lexicon.topics_of("VC")} == {"finance", "venture_capital"}
    assert _named(("venture capital",), "VC at Acme Ventures") == ["venture capital"]
    assert _named(("finance",), "VC at Acme Ventures") == ["finance"]


def test_a_broader_topic_is_related_to_a_narrow_one_and_ranks_below_it() -> None:
    bios = ["Afrobeats DJ, Lagos nights and gigs across the UK",
            "Rock guitarist and session drummer in Manchester",
            "Panadera en Zapopan, pan dulce y café de olla todos los días desde muy temprano",
            "Real estate agent helping families find their next home in the suburbs",
            "Yoga teacher and tea drinker, slow mornings and long walks on the beach"]
    afro, rock, *rest = score_relevance(InterestProfile(keywords=("Afrobeats",)), bios)
    assert afro.reasons[0].text.startswith("bio mentions Afrobeats")  # and music, of "DJ"
    assert rock.reasons[0].text == "bio mentions music (related to Afrobeats)"
    assert afro.value > rock.value >= MATCH_FLOOR
    assert all(c.value == NO_MATCH_VALUE for c in rest)


def test_a_sibling_sport_is_no_kin_of_a_football_club() -> None:
    # Sport in general is related to football, so its own words count for an Arsenal fan;
    # another sport (basketball, tennis) is a sibling, not related (persona round 15: "NBA
    # highlights" had been "sport (related to Arsenal)").
    bios = ["NBA highlights, scores and trades",
            "Tennis and padel. Wimbledon every summer.",
            "Sports writer. Athletes, stadiums and the Olympics.",
            "Football writer. Premier League, Super Eagles, NPFL.",
            "Gooner. Saka is him. Tech bro by day.",
            "Panadera en Zapopan, pan dulce y café de olla todos los días desde muy temprano",
            "Real estate agent helping families find their next home in the suburbs"]
    nba, tennis, writer, *football = score_relevance(InterestProfile(keywords=PERSONA),
                                                     bios)[:5]
    assert not nba.reasons[0].text.startswith("bio mentions"), nba.reasons[0].text
    assert "sport" not in tennis.reasons[0].text, tennis.reasons[0].text
    assert writer.reasons[0].text == "bio mentions sport (related to Arsenal)"
    assert all(writer.value < c.value for c in football)
    # Asking for sport still asks for every sport, and a basketball fan still gets sport's
    # own words as related.
    nba, tennis, writer = score_relevance(InterestProfile(keywords=("sport",)), bios)[:3]
    assert [c.reasons[0].text for c in (nba, tennis, writer)] == ["bio mentions sport"] * 3
    assert score_relevance(InterestProfile(keywords=("basketball",)), bios)[2].reasons[
        0].text == "bio mentions sport (related to basketball)"


@pytest.mark.parametrize(("keywords", "bio", "topic"), [
    # German's stem of "Trainerin" and "Training" is "train": read as written, so an English
    # "trainer" or "#FollowTrain" in a bio of unknown language is no sport (persona rounds
    # 13 and 15), while the German words still are.
    (("eleições", "futebol", "R"), "Data journalism trainer", None),
    (("arsenal",), "Follow me I follow back sharp sharp #FollowTrain #F4F", None),
    (("football",), "Newsroom trainer and editor", None),
    (("football",), "Trainerin beim VfL Wolfsburg", "sport"),
    (("fitness",), "Training jeden Tag im Fitnessstudio", "fitness"),
])
def test_german_train_words_are_read_as_written(keywords: tuple[str, ...], bio: str,
                                               topic: str | None) -> None:
    _, said = _reason(keywords, bio)
    if topic is None:
        assert "sport" not in said and "fitness" not in said, said
    else:
        assert topic in said, said


# --- bios in languages relevance cannot read ------------------------------------------------

_UNREAD_LANGUAGE_REASON = (
    "bio in Yoruba, Igbo, Hausa or the like: no interest of yours found in it (fit unclear)")
_OFF_TOPIC = "Real estate agent helping families find their next home in the suburbs"


@pytest.mark.parametrize("bio", [
    # Yoruba, with and without its tone marks; Hausa; Igbo.
    "Mo nífẹ̀ẹ́ orin àti fíìmù. Ọmọ Èkó ni mí, gbogbo ìgbà ni mo wà ní ilé",
    "Mo nife orin ati fiimu. Omo Eko ni mi, gbogbo igba ni mo wa ni ile",
    "Ni dan jarida ne a Kano. Ina son kwallon kafa da kuma fina-finan Hausa sosai.",
    "Onye nkuzi na Enugu. Ihe m na-eme bụ maka ndị ntorobia, anyị ga-eme ya",
])
def test_a_bio_in_a_language_not_read_is_unclear_not_off_topic(bio: str) -> None:
    found, off = score_relevance(InterestProfile(keywords=PERSONA), [bio, _OFF_TOPIC])
    assert found.reasons[0].text == _UNREAD_LANGUAGE_REASON
    assert found.value > off.value and found.confidence == 0.0
    assert off.reasons[0].text == "bio matches none of your interests"


@pytest.mark.parametrize("bio", [
    # English bios with a word or two that those languages also write.
    "Ina Garten fan. Cooking, gardening and long weekends away in Kent.",
    "Mana Pools safari guide in Zimbabwe. Birds, elephants and long drives.",
    "Ka-boom! Comic artist, inker and letterer working from a tiny flat in Leeds.",
    "Yana, mum of two, teacher and amateur baker in Leicester.",
    # Swahili, which shares a word: still no language of the three.
    "Mpenzi wa mpira na muziki. Mkazi wa Nairobi kwa sasa, mwalimu wa hesabu.",
])
def test_a_few_shared_words_leave_a_bio_off_topic(bio: str) -> None:
    found = score_relevance(InterestProfile(keywords=PERSONA), [bio, _OFF_TOPIC])[0]
    assert found.reasons[0].text == "bio matches none of your interests", bio


def test_a_bio_in_yoruba_that_names_an_interest_still_matches_it() -> None:
    bio = "Olùdásílẹ̀ ilé-iṣẹ́ ìsanwó (payments). Mo nífẹ̀ẹ́ Èkó. Startup ni gbogbo nkan."
    found = score_relevance(InterestProfile(keywords=PERSONA), [bio, _OFF_TOPIC])[0]
    assert found.reasons[0].text == "bio mentions payments, startups"


def test_no_unread_languages_word_is_a_read_languages_function_word() -> None:
    # Those are read as their own language's first, and would never be counted.
    assert not languages.UNREAD_FUNCTION_WORDS & languages.STOP_MASK.keys()
    assert languages.fold("ọ̀rọ̀") == "oro" and languages.fold("àti") == "ati"


@pytest.mark.parametrize(("keywords", "bio"), [
    (("football",), "Cricket umpire and sportswriter"),
    (("football",), "Tennis umpire, Wimbledon"),
    (("football",), "Former cycling sportscaster"),
    (("Arsenal",), "Rugby linesman and sportswriter"),
    (("cricket",), "Football linesman and sportswriter"),
])
def test_general_sport_words_in_a_sibling_sports_bio_are_not_the_persons(
        keywords: tuple[str, ...], bio: str) -> None:
    # Officials' and the press box's words are sport's, related to each sport; a bio that
    # names another sport is that sport's, not kin of the one asked for (review round 18:
    # "Cricket umpire and sportswriter" had been "sport (related to football)").
    _, said = _reason(keywords, bio)
    assert "sport" not in said, said


@pytest.mark.parametrize(("keywords", "bio", "said"), [
    # The general words alone still relate weakly to the sport asked for.
    (("football",), "Sportswriter for the Guardian", "bio mentions sport (related to football)"),
    (("cricket",), "Umpire and sportscaster", "bio mentions sport (related to cricket)"),
    # A bio that names the sport asked for as well keeps both.
    (("football",), "Football umpire and sportswriter",
     "bio mentions football, sport (related to football)"),
    (("football", "cricket"), "Cricket umpire and sportswriter",
     "bio mentions cricket, sport (related to football)"),
    # Asking for sport asks for every sport and its words.
    (("sport",), "Cricket umpire and sportswriter", "bio mentions sport"),
])
def test_general_sport_words_alone_or_beside_the_asked_sport_still_count(
        keywords: tuple[str, ...], bio: str, said: str) -> None:
    assert _reason(keywords, bio)[1] == said
