"""Issue 11, relevance breadth for the sports, culture and news personas: the major games'
own words, leagues and officials, the arts' instruments, stages and readers, the newsroom's
trade, in the bio languages the lexicon reads; and look-alikes of each that must not match."""

from __future__ import annotations

import pytest

from followprune.scoring.relevance import NO_MATCH_VALUE, InterestProfile, score_relevance

# The evaluation's personas (tests/fixtures/relevance/personas.toml).
SPORTS = ("cycling", "football", "running", "sport", "fitness", "formula 1")
CULTURE = ("music", "cinema", "books", "photography", "art", "design")
NEWS = ("politics", "journalism", "news", "climate", "economy", "media")

# Off-topic bios, so BM25 and the percentiles have a list to work in.
BACKGROUND = [
    "Dog mum, baker of sourdough bread, weekend gardener and coffee lover",
    "Real estate agent helping families find their next home in the suburbs",
    "Mamma di due bimbi, amo il mare e le passeggiate in montagna con il cane",
    "Panadera en Zapopan, pan dulce y café de olla todos los días desde muy temprano",
]


def _named(keywords: tuple[str, ...], bio: str) -> list[str]:
    """The topics a bio's reason names (related ones with their note), [] for none."""
    component = score_relevance(InterestProfile(keywords=keywords), [bio, *BACKGROUND])[0]
    reason = component.reasons[0].text
    if not reason.startswith("bio mentions "):
        return []
    assert component.value > NO_MATCH_VALUE
    return reason.removeprefix("bio mentions ").split(", ")


# --- sport -----------------------------------------------------------------------------------


@pytest.mark.parametrize("bio", [
    "NCAA March Madness, WNBA and the playoffs every spring",
    "Following the ATP Tour and the WTA from Melbourne to Roland Garros",
    "T20 every evening, #TheAshes every other winter",
    "Stanley Cup dreams since I was six, Ryder Cup every other September",
    "Archery, lacrosse and orienteering at the weekend, pickleball on Tuesdays",
    "Sportscaster and play-by-play announcer on the local radio station",
])
def test_leagues_tours_and_games_are_sport(bio: str) -> None:
    assert "sport" in _named(SPORTS, bio), bio


@pytest.mark.parametrize("bio", [
    "Goalie for the under-15s on Saturdays, umpire on Sundays",
    "Shortstop in spring, point guard in the winter, dad of three",
    "Batsman and wicketkeeper for the village second eleven",
])
def test_players_and_officials_are_sport(bio: str) -> None:
    assert "sport" in _named(SPORTS, bio), bio


@pytest.mark.parametrize(("bio", "topic"), [
    ("野球とテニスが大好きな会社員です", "sport"),
    ("농구와 야구를 좋아하는 회사원입니다", "sport"),
    ("喜欢篮球和网球的上班族", "sport"),
    ("मुझे क्रिकेट और कबड्डी बहुत पसंद है", "sport"),
    ("Schiedsrichter im Amateurbereich und großer Eishockey Fan", "sport"),
    ("Árbitro de béisbol y fan de los Yankees desde niño", "sport"),
    ("Болельщик ЦСКА, люблю баскетбол и волейбол", "sport"),
    ("Telecronista della Superlega, papà di due bimbi", "sport"),
    ("Centravanti della squadra del paese e terzino il giovedì sera", "football"),
    ("Goleiro nas peladas de domingo, zagueiro de coração e corintiano roxo", "football"),
    ("Gardien de but le dimanche et fan de foot depuis toujours", "football"),
    ("Je suis supporter de l'OM depuis que je suis tout petit", "football"),
    ("Torwart beim Dorfverein, Vater von zwei Kindern", "football"),
    ("Transfer window rumours on every matchday, Ballon d'Or predictions", "football"),
])
def test_sport_words_match_in_their_languages(bio: str, topic: str) -> None:
    assert topic in _named(SPORTS, bio), bio


@pytest.mark.parametrize("bio", [
    # English reads "foot" and "supporter" in their own senses.
    "Proud supporter of human rights and of the local food bank",
    "Broke my foot last year, now a slow walker and a tea drinker",
    # A clinic's IPL, a biochemist's ATP, pancake batter, the Six Nations of the Grand River.
    "Skin clinic: IPL laser hair removal, peels and facials in the city centre",
    "Biochemist studying ATP synthesis in mitochondria at the university",
    "Home baker: pancake batter, pastry and bread every single weekend",
    "Mohawk artist from Six Nations of the Grand River, beadwork and painting",
])
def test_sport_look_alikes_are_not_sport(bio: str) -> None:
    named = _named(SPORTS, bio)
    assert not any(n.startswith(("sport", "football")) for n in named), (bio, named)


@pytest.mark.parametrize("bio", [
    "Life coach and mindfulness teacher, helping you grow every single day",
    "Agile coach and scrum master at a bank, two kids and a dog",
    "Business coach for founders and executives who want to scale",
    "Sports betting tips daily, best odds and free sports picks for members",
])
def test_a_coach_of_people_or_a_bettor_is_no_sport(bio: str) -> None:
    assert _named(SPORTS, bio) == [], bio


@pytest.mark.parametrize("bio", [
    "Volleyball coach and former setter, sports fan through and through",
    "Strength coach and personal trainer, weekend cyclist",
])
def test_a_sports_coach_is_still_sport(bio: str) -> None:
    assert "sport" in _named(SPORTS, bio), bio


# --- culture ---------------------------------------------------------------------------------


@pytest.mark.parametrize(("bio", "topic"), [
    ("Church organist and harpist, clarinet on the side, weddings and funerals", "music"),
    ("Ukulele, banjo and mandolin player in a bluegrass trio", "music"),
    ("Shoegaze and synthpop forever, record collector and crate digger", "music"),
    ("Lyricist and librettist for hire, based in Leeds", "music"),
    ("Organista e clarinettista, paroliere per passione", "music"),
    ("Bajista y baterista los fines de semana, rockero de corazón", "music"),
    ("Violoncelliste à mes heures perdues, à Lyon", "music"),
    ("Ich bin Gitarrist aus Köln, Vater von zwei Kindern", "music"),
    ("Ich bin Dirigentin aus Köln, Mutter von zwei Kindern", "music"),
    ("ジャズとピアノが好きな会社員です", "music"),
    ("Arthouse and noir, Criterion Collection completist", "cinema"),
    ("Moviebuff and cinemaniac, tv addict and series junkie", "cinema"),
    ("My life is #Supernatural and I adore my #SPNfamily", "cinema"),
    ("Audiobooks on the commute, a wordsmith by trade and a memoirist by night", "books"),
    ("Bibliofila incallita e giallista per diletto, amante dei gatti", "books"),
    ("Poétesse et nouvelliste, bédéphile depuis l'enfance", "books"),
    ("Поэтесса и книголюб из Казани", "books"),
    ("漫画と文学が好きな作家です", "books"),
    ("Dramaturg and scenographer, touring with a small company", "art"),
    ("Museumgoer and theatregoer, weekends in Leeds", "art"),
    ("Drammaturgo e scenografo, vivo a Napoli con due gatti", "art"),
])
def test_culture_words_match(bio: str, topic: str) -> None:
    assert topic in _named(CULTURE, bio), bio


@pytest.mark.parametrize("bio", [
    # English stems "accordion" as "accord": an agreement is no instrument.
    "Lawyer: negotiated the accord between the two unions, now in private practice",
    # The drummer's "ドラマー" holds "ドラマ" (drama): no television series.
    "ドラマーの会社員です、よろしく",
    # A bass is a fish, a gig is a job.
    "Bass fishing every weekend, gig economy delivery rider during the week",
])
def test_culture_look_alikes_do_not_match(bio: str) -> None:
    named = _named(CULTURE, bio)
    assert not any(n.startswith("cinema") for n in named), (bio, named)
    if "ドラマー" not in bio:
        assert not any(n.startswith("music") for n in named), (bio, named)


# --- news ------------------------------------------------------------------------------------


@pytest.mark.parametrize(("bio", "topic"), [
    ("Bureau chief for a wire service in Nairobi, before that in Addis", "journalism"),
    ("Newscaster on the evening newscast, muckraker on weekends", "journalism"),
    ("Ex @AFP, now freelance in Beirut", "journalism"),
    ("Conduco il notiziario locale e il radiogiornale del mattino", "news"),
    ("Presentadora del telediario y del noticiero de la noche", "news"),
    ("Apresentadora do telejornal da noite na emissora regional", "news"),
    ("Trabalho no noticiário regional, sempre com a equipe", "news"),
])
def test_newsroom_words_match(bio: str, topic: str) -> None:
    assert any(n.startswith(topic) for n in _named(NEWS, bio)), bio


def test_a_newsroom_look_alike_does_not_match() -> None:
    # A wire is an electrician's, an anchor a sailor's ("anchor" alone is journalism's, so
    # only the wire service's words are checked).
    assert _named(NEWS, "Electrician: copper wire, fuse boxes and a service van") == []


# --- review 17: look-alikes of hiking, nature, Japanese literature, the papers and the harp -----

AIKO = ("hiking", "birds", "nature", "Japanese literature", "science communication")


@pytest.mark.parametrize(("bio", "topic"), [
    ("Ich gehe gern wandern in den Alpen und fotografiere die Berge", "hiking"),
    ("Wanderin und Fotografin aus München", "hiking"),
    ("Adoro trilhas e caminhadas na serra da Mantiqueira", "hiking"),
    ("Entomologist, native bees of Victoria, insects nobody loves", "nature"),
    ("俳句を詠みます。季語と渡り鳥。", "Japanese literature"),
    ("和歌と日本近代文学を研究しています", "Japanese literature"),
    ("Haiku poet and birder, Blue Mountains", "Japanese literature"),
])
def test_her_interests_still_match_in_their_words(bio: str, topic: str) -> None:
    assert topic in _named(AIKO, bio), bio


@pytest.mark.parametrize("bio", [
    # English's Wanderers (Bolton's, Wolverhampton's) are no German hikers.
    "Bolton Wanderers season ticket holder",
    "Wolves fan. Wanderers till I die, home and away every week",
    # A soundtrack and a believer's walk with God are no trail.
    "Compositor de trilhas sonoras para cinema e TV",
    "Cristã, mãe de dois. Minha caminhada com Deus e com a família 🙏",
    # Manchester's bee, Beyoncé's hive and Mario's mushroom are no nature.
    "Manchester born and bred 🐝 season ticket holder",
    "Beyhive forever 🐝👑 all about the Renaissance tour",
    "Super Mario speedrunner 🍄 world records on Twitch",
    # Foreign literature and novels, in Japanese or Chinese, are books, not Japanese literature.
    "海外文学と翻訳小説が好き。",
    "文学爱好者，喜欢读书",
    # An operating system and a tanker.
    "Haiku OS developer. C++ and kernels.",
    "Tanka truck driver lol, long hauls across the country",
])
def test_hiking_nature_and_japanese_literature_look_alikes_do_not_match(bio: str) -> None:
    assert _named(AIKO, bio) == [], bio


def test_generic_literature_in_japanese_and_chinese_is_still_books() -> None:
    assert "books" in _named(CULTURE, "海外文学と翻訳小説が好き。")
    assert "books" in _named(CULTURE, "文学爱好者，喜欢读书")


@pytest.mark.parametrize("bio", [
    "Proud to be the guardian of two rescue dogs",
    "Chief economist. Formerly the economist at the IMF's Africa desk.",
])
def test_a_guardian_and_an_economist_are_no_paper(bio: str) -> None:
    # An economist is still economy's.
    named = _named(NEWS, bio)
    assert not any(n.startswith(("journalism", "news", "media")) for n in named), (bio, named)


@pytest.mark.parametrize("bio", [
    "Writes for the Guardian on housing and cities",
    "Data editor at the Economist, before that a statistician",
    "Culture desk @guardian, views my own",
])
def test_the_papers_named_as_papers_are_journalism(bio: str) -> None:
    assert "journalism" in _named(NEWS, bio), bio


def test_a_harpist_plays_but_harping_on_and_harp_lager_do_not() -> None:
    assert "music" in _named(CULTURE, "Celtic harp and folk songs at weddings in Galway")
    assert "music" in _named(CULTURE, "Harpist with the city orchestra")
    for bio in ("Harp Lager lover, Belfast born and bred",
                "Don't harp on about it. Dad, engineer."):
        assert not any(n.startswith("music") for n in _named(CULTURE, bio)), bio
