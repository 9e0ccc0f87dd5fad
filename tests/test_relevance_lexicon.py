"""Issue 11, relevance: word forms per language, the topic lexicon, learned interests and
'unclear' instead of 'matches none' for bios too short to judge."""

from __future__ import annotations

import tomllib
from importlib import resources

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from followprune.scoring import languages, lexicon, text
from followprune.scoring.relevance import (
    MIN_TOKENS,
    NO_MATCH_VALUE,
    InterestProfile,
    learn_interests,
    score_relevance,
)

NO_MATCH = "bio matches none of your interests"
# Off-topic bios of various lengths, as background so BM25 and percentiles have a list.
BACKGROUND = [
    "Dog mum, baker of sourdough bread, weekend hiker and coffee lover",
    "Real estate agent helping families find their next home in the suburbs",
    "Mamma di due bimbi, amo il mare e le passeggiate in montagna con il cane",
    "Yoga teacher and tea drinker, slow mornings and long walks",
    "",
]


def _score(keywords: tuple[str, ...], bio: str) -> tuple[float, str, float]:
    component = score_relevance(InterestProfile(keywords=keywords), [bio, *BACKGROUND])[0]
    return component.value, component.reasons[0].text, component.confidence


# --- the lexicon ---------------------------------------------------------------------------


def test_lexicon_states_its_source_and_licence() -> None:
    source = resources.files("followprune.data").joinpath("topics.toml").read_text("utf-8")
    header = source.split("[topics.", 1)[0]
    assert "Source:" in header and "Licence: MIT" in header
    tomllib.loads(source)  # well-formed


def test_every_related_topic_exists_and_every_topic_has_terms() -> None:
    topics = lexicon.topics()
    assert len(topics) >= 30
    for topic in topics.values():
        assert topic.variants, topic.key
        for key in topic.related:
            assert key in topics, f"{topic.key} relates to unknown {key}"
        for key in topic.includes:
            # Included under the same name, so that asking for the broad topic reads as one.
            assert topics[key].name == topic.name, f"{topic.key} includes {key}"


def test_a_broad_topic_asks_for_its_narrower_ones_and_lends_only_its_own_words() -> None:
    assert [t.key for t in lexicon.topics_of("sport")] == ["sport", "sports"]
    assert [t.key for t in lexicon.topics_of("basketball")] == ["sports"]
    assert "sports" not in lexicon.topics()["football"].related


def test_the_issues_examples_are_in_the_lexicon() -> None:
    def keys(keyword: str) -> set[str]:
        return {t.key for t in lexicon.topics_of(keyword)}

    assert keys("ML") == keys("machine learning") == {"machine_learning"}
    assert "data_science" in keys("Data Scientist") & keys("data science")
    assert "databases" in keys("Postgres") & keys("databases")
    assert keys("SRE") == keys("DevOps") == keys("kubernetes") == {"devops"}
    assert keys("React") == keys("frontend") == {"web_development"}
    assert keys("Radsport") == keys("ciclismo") == keys("cycling") == {"cycling"}
    assert keys("giornalista") == keys("journalist") == {"journalism"}


@pytest.mark.parametrize(
    ("keywords", "bio"),
    [
        (("machine learning",), "ML professor teaching at a small university in the north"),
        (("machine learning",), "NLP engineer building search tools for lawyers and banks"),
        (("data science",), "Data Scientist at a retail company, previously an actuary"),
        (("databases",), "Postgres DBA by day, amateur astronomer by night, two cats"),
        (("devops",), "Site reliability engineer keeping kubernetes clusters alive"),
        (("cycling",), "Ciclista della domenica, sempre in giro sulle colline toscane"),
        (("football",), "Tifoso della Juventus da sempre, fino alla fine, abbonato allo stadio"),
        (("journalism",), "Periodista en un diario regional, escribo sobre la vida local"),
        (("photography",), "Fotografo di matrimoni e ritratti, vivo tra Roma e Napoli"),
        (("music",), "Ich bin Musiker und spiele Gitarre in einer kleinen Band in Köln"),
        (("climate",), "Journaliste scientifique, je parle du changement climatique"),
    ],
)
def test_synonyms_abbreviations_and_translations_match(keywords: tuple[str, ...], bio: str) -> None:
    value, reason, confidence = _score(keywords, bio)
    assert value > 0.5, reason
    assert reason.startswith("bio mentions")
    assert confidence == 1.0


@pytest.mark.parametrize(
    ("keywords", "bio"),
    [
        (("football",), "Every goal, every match, every weekend live from the stands ⚽"),
        (("sport",), "Ex atleta, oggi guardo le partite da casa con i miei figli 🏀🎾"),
        (("formula 1",), "Engineer by day, Formula 1 nerd by night, coffee always at hand"),
        (("football",), "Tifoso giallorosso da sempre, padre di tre figli e insegnante di storia"),
        # A one-word phrase among function words matches beside them.
        (("football",), "Guardo la Serie A ogni domenica, poi la pizza con gli amici di sempre"),
        (("formula 1",), "Every June I drive to Le Mans for the 24 hours with my dad and brother"),
        (("sport",), "Appassionato di Formula Uno da quando ero bambino, ingegnere a Torino"),
    ],
)
def test_pictographs_and_short_words_of_phrases_match(keywords: tuple[str, ...], bio: str) -> None:
    value, reason, _ = _score(keywords, bio)
    assert value > NO_MATCH_VALUE and reason.startswith("bio mentions")


@pytest.mark.parametrize(
    ("keywords", "bio"),
    [
        # "le mans" is not "man", "serie a" is not "serie", "formula 1" is not "formula".
        (("formula 1",), "One day you will have to choose what kind of man you want to be"),
        (("football",), "Divoratrice di libri e di serie tv, mamma di due gatti e un cane"),
        (("formula 1",), "Chemist looking for the formula of a better battery, and of good tea"),
        # "k-pop" is not "pop", "e-learning" is not "learning".
        (("music",), "Pop-up shop owner, selling second hand clothes every weekend in town"),
    ],
)
def test_a_phrase_is_not_its_one_remaining_word(keywords: tuple[str, ...], bio: str) -> None:
    assert _score(keywords, bio)[1] == NO_MATCH


@pytest.mark.parametrize(
    ("keywords", "bio"),
    [
        # The widened lexicon: roles, sports, word forms and the same terms in Italian.
        (("sport",), "Pallanuotista, studentessa di ingegneria e sorella maggiore"),
        (("football",), "Calcetto il giovedì sera, fantallenatore disperato la domenica"),
        (("running",), "Mezza maratona ogni primavera, trail runner quando posso"),
        (("journalism",), "Caporedattore di un settimanale locale, padre di due figlie"),
        (("news",), "Rassegna stampa ogni mattina e tanto caffè"),
        (("politics",), "Scienze politiche alla Sapienza, antimafia e volontariato"),
        (("climate",), "Ambientalista, volontaria di Legambiente, amo il mare"),
        (("economy",), "Macroeconomia e politica monetaria, debito pubblico e mercato del lavoro"),
        (("media",), "Ufficio stampa, relazioni pubbliche e comunicazione per piccole aziende"),
        (("music",), "Musicofilo incallito, papà di Giulia, ingegnere gestionale"),
        (("cinema",), "Cinefila, doppiatrice per passione e insegnante per lavoro"),
        # Found on the tune2 batch: IT roles, Italian campaign words, fans' feminine forms,
        # publishers and the "read whole" forms that replaced colliding stems.
        (("devops",), "IT manager in un'azienda di logistica, papà e nuotatore"),
        (("devops",), "Senior IT consultant for banks and insurers in Milan"),
        (("politics",), "Candidato sindaco di un piccolo paese in provincia di Lecce"),
        (("football",), "Nerazzurra da sempre, studentessa di giurisprudenza a Pavia"),
        (("books",), "Dirigo le Edizioni del Faro e nel tempo libero cucino"),
        (("books",), "Studentessa di Lettere, lavoro in una piccola libreria di paese"),
        (("running",), "Amo la corsa al mattino presto, prima del lavoro in ufficio"),
        (("fitness",), "Allenamento tutti i giorni, poi lavoro e famiglia"),
        (("programming",), "Sviluppatore web freelance, appassionato di montagna"),
        (("cinema",), "Studentessa, #GreysAnatomy e #TeenWolf, fangirl senza speranza"),
        (("music",), "Liceale, Marco Mengoni e Emma Marrone nel cuore, sempre"),
        (("music",), "Collezionista di dischi e di francobolli, pensionato felice"),
        (("football",), "Atalantino da sempre, ragioniere a Bergamo e nonno di tre nipoti"),
        (("sport",), "Federer e Valentino Rossi i miei idoli, studente di economia"),
        (("sustainability",), "Solar installer and heat pump nerd, dad of two"),
        (("books",), "Libraia a Bologna, divoratrice di libri e di gelati"),
        (("art",), "Restauratrice di dipinti antichi e mamma a tempo pieno"),
        (("design",), "Interior designer e arredatrice, innamorata delle case vecchie"),
        (("photography",), "Fotoamatrice con una vecchia reflex e tanta pazienza"),
    ],
)
def test_the_widened_lexicon_matches_in_italian_and_english(
    keywords: tuple[str, ...], bio: str
) -> None:
    value, reason, _ = _score(keywords, bio)
    assert value > NO_MATCH_VALUE and reason.startswith("bio mentions"), reason


@pytest.mark.parametrize(
    ("keywords", "bio"),
    [
        # Snowball folds these onto a lexicon term's stem; the lexicon reads those terms with
        # the English stemmer instead, or as phrases, so the common word stays unmatched.
        (("politics",), "Mi piace parlare con tutti e fare parte di qualcosa di bello"),
        (("media",), "Una persona comune che vive in un piccolo comune di montagna"),
        (("news",), "New in town, new job, new dog and a new coffee machine"),
        (("football",), "Vivo a Milano da dieci anni, ma il cuore resta intero al sud"),
        (("running",), "Lavoro per un corriere espresso e consegno pacchi tutto il giorno"),
        (("journalism",), "Testa dura e cuore grande, amo i miei cani e la mia famiglia"),
        (("politics",), "Do consigli a tutti ma non li seguo mai, amo il mare e la pizza"),
        (("politics",), "Quasi ingegnere elettrico, amo la montagna e la buona cucina"),
        # "corsa"/"corso", "mondiali"/"mondiale", "allenatore"/Allen, "attualità"/
        # "attualmente", "leggere"/"legge", "sviluppatore"/"sviluppo", "quotidiano"/
        # "quotidiana", French "données"/"donne", and English "solar" read in "solare".
        (("running",), "Corso di laurea in chimica farmaceutica alla Sapienza di Roma"),
        (("football",), "Cittadino del mondo con una visione mondiale delle cose, amo viaggiare"),
        (("football",), "Amo i quaderni della moleskine, Woody Allen e le passeggiate d'autunno"),
        (("news",), "Attualmente lavoro come buyer in una azienda del Salento, amo il mare"),
        (("books",), "Quando l'ingiustizia diventa legge, resistere diventa un dovere"),
        (("programming",), "Manovale dello sviluppo locale, padre di due figlie e sognatore"),
        (("journalism",), "La mia vita quotidiana tra lavoro, famiglia, amici e tanto mare"),
        (("data science",), "Incorreggibile romantica. Donne, gatti, moda e buona cucina"),
        (("sustainability",), "Solare e simpatica, amante dei viaggi e della buona cucina"),
    ],
)
def test_common_words_that_stem_like_a_term_do_not_match(
    keywords: tuple[str, ...], bio: str
) -> None:
    assert _score(keywords, bio)[1] == NO_MATCH


@pytest.mark.parametrize(
    ("keywords", "bio"),
    [
        # Hobby communities the persona review met (a Leeds knitter, a São Paulo game dev, a
        # Mexico City music journalist): their own words, and the forms the stemmer must fold.
        (("knitting",), "Knitwear designer, Shetland lace and too much sock yarn 🧶"),
        (("knitting",), "Handspun, hand dyed and knitted in Leeds. Pattern designer"),
        (("wool",), "Woollen mill in the Dales since 1880, spinning British fleece"),
        (("wool",), "Woolen blankets and throws, made in Vermont"),
        (("natural dye",), "Natural dyer and weaver, madder and woad from my own garden"),
        (("crochet",), "Amigurumi, granny squares and a crochet hook always in my bag"),
        (("knitting",), "Tejer es mi terapia: ganchillo, agujas y café"),
        (("knitting",), "Tricô e crochê feitos à mão em Curitiba"),
        (("knitting",), "Ich liebe Stricken und Häkeln, am liebsten mit Wolle aus der Region"),
        (("knitting",), "Je fais du tricot le soir, la laine de mes moutons"),
        (("knitting",), "Lavoro a maglia e uncinetto, nonna a tempo pieno"),
        (("knitting",), "Ik hou van breien en haken, en van mijn kat"),
        (("knitting",), "編み物と毛糸が大好きです"),
        (("sewing",), "Dressmaking, embroidery and quilting. Slow sewist 🪡"),
        (("sustainable fashion",), "Slow fashion and ethical fashion advocate, mending not buying"),
        (("textiles",), "Quilter and fibre artist, tapestry weaving on a floor loom"),
        (("pixel art",), "Pixel artist making tiny worlds for indie games"),
        (("pixel art",), "Fazendo #pixelart e ドット絵 todo dia"),
        (("gamedev",), "Solo #indiedev making a roguelike in Godot. Game jam addict"),
        (("gamedev",), "Desenvolvedor de jogos em São Paulo, Unity e Unreal Engine"),
        (("gamedev",), "Desarrollador de videojuegos, game designer y fan del pixel art"),
        (("gamedev",), "Coach of an esports team, Valorant and Counter-Strike all day"),
        (("music",), "Tienda de discos nuevos y usados 💿 envíos a todo México"),
    ],
)
def test_hobby_communities_words_match(keywords: tuple[str, ...], bio: str) -> None:
    component = score_relevance(InterestProfile(keywords=keywords), [bio, *BACKGROUND])[0]
    matched = component.facts["matched"]
    assert isinstance(matched, list)
    # A direct match: the keyword or its own topic, not only a related one.
    assert any("(related to" not in m for m in matched), matched


@pytest.mark.parametrize(
    ("keywords", "bio"),
    [
        # Plain words that look like a term of these topics.
        (("gamedev",), "Unity, peace and love for every neighbour on our street"),
        (("gamedev",), "Living an unreal life between two cities and three jobs"),
        (("knitting",), "Thread 🧵 on local politics every Sunday, subscribe for more"),
        (("knitting",), "Spinning instructor and personal trainer, 6am classes"),
        (("knitting",), "Instructora de spinning y pilates en Monterrey, mamá de dos"),
        (("knitting",), "Haciendo lana desde casa con mi negocio de comida, vendo tamales"),
        (("knitting",), "Fan de Lana Del Rey, de los gatos y del café con leche"),
        (("knitting",), "Tejido conectivo y medicina regenerativa, investigadora en Sevilla"),
        (("knitting",), "Tifoso bianconero, la maglia della Juve sempre addosso"),
        (("knitting",), "Ich wohne in der Nähe von Hamburg und arbeite bei einer Bank"),
    ],
)
def test_hobby_words_in_another_sense_do_not_match(keywords: tuple[str, ...], bio: str) -> None:
    assert _score(keywords, bio)[1] == NO_MATCH


def test_textile_crafts_relate_to_design_and_sustainability() -> None:
    topics = lexicon.topics()
    assert {t.key for t in lexicon.topics_of("knitting")} == {"textile_crafts"}
    assert {"design", "sustainability"} <= set(topics["textile_crafts"].related)
    assert "textile_crafts" in topics["design"].related
    assert {t.key for t in lexicon.topics_of("slow fashion")} == {"sustainability"}
    assert {t.key for t in lexicon.topics_of("pixel art")} == {"gaming"}
    assert {t.key for t in lexicon.topics_of("💿")} == {"music"}


@pytest.mark.parametrize(
    "bio",
    [
        # Portuguese "esporte" (and Catalan "esport") is sport: the light English stemmer
        # folds it with "esports", so that word is sport's, never gaming's.
        "Perfil oficial do Sesc São Paulo. Cultura, esporte, lazer e educação.",
        "Jornalista de esportes, apaixonado por futebol e pelo Corinthians",
        "Cultura, esporte, lazer",
        "Periodista d'esports i de cultura a Barcelona, amb el Barça al cor",
    ],
)
def test_sport_in_portuguese_is_not_gaming(bio: str) -> None:
    for keywords in (("gamedev",), ("indie games",), ("gaming",), ("jogos",)):
        reason = _score(keywords, bio)[1]
        assert "gaming" not in reason and "game" not in reason, (keywords, reason)
    value, reason, _ = _score(("sport",), bio)
    assert value > NO_MATCH_VALUE and reason.startswith("bio mentions"), reason


@pytest.mark.parametrize(
    ("keywords", "bio"),
    [
        # German "Spielerin" and "Spieler" stem to "spiel": games, prize draws and board games
        # are no sport (nor cycling, related to it), and a player is no gamer.
        (("sport",), "Gewinnspiele jeden Freitag! Mitmachen und tolle Preise gewinnen"),
        (("sport",), "Brettspiele und ein Spieleabend mit guten Freunden jeden Samstag in Köln"),
        (("cycling",), "Spiele, Rätsel und Gewinnspiele für die ganze Familie"),
        (("sport",), "Spielerin in der Theatergruppe, sonst Lehrerin in Bremen"),
        (("gaming",), "Spieler beim FC Augsburg, Vater von zwei Kindern"),
        (("gaming",), "Gewinnspiele jeden Freitag! Mitmachen und tolle Preise gewinnen"),
        # Spanish "jugador" is a player of any game: a footballer is no gamer.
        (("gaming",), "Jugador del Real Betis y de la selección española"),
        (("gamedev",), "Jugadora de baloncesto en el Valencia Basket, y estudiante"),
    ],
)
def test_a_player_or_a_game_is_not_sport_or_gaming(keywords: tuple[str, ...], bio: str) -> None:
    assert _score(keywords, bio)[1] == NO_MATCH


@pytest.mark.parametrize(
    ("keywords", "bio"),
    [
        (("sport",), "Tennisspielerin aus München, zweimal deutsche Meisterin"),
        (("sport",), "Ich bin Handballspielerin beim THW und Studentin in Kiel"),
        (("sport",), "Jugador del Real Betis y de la selección española"),
        (("gaming",), "Videospieler und Streamer, jeden Abend live"),
        (("gaming",), "Jugador de videojuegos y streamer en Twitch desde Madrid"),
    ],
)
def test_sport_and_gaming_players_still_match(keywords: tuple[str, ...], bio: str) -> None:
    value, reason, _ = _score(keywords, bio)
    assert value > NO_MATCH_VALUE, reason


@pytest.mark.parametrize(
    ("keywords", "bio", "topic"),
    [
        # German cycling and transport words (persona review, a Munich cycling activist).
        (("cycling",), "Dokumentiert schlechte Radwege in München seit 2010", "cycling"),
        (("cycling",), "Mobilitätsreferat der Stadt: Radverkehr, Parkraum und Verkehr", "cycling"),
        (("cycling",), "Lastenrad-Mama, 2 Kinder, 0 Autos. Schulweg per Rad", "cycling"),
        (("cycling",), "Lastenräder für alle! Verleih und Werkstatt in der Maxvorstadt",
         "cycling"),
        # A compound is read by its parts in a bio read as German: "Fahrrad" + "Straße".
        (("cycling",), "Wir wollen eine Fahrradstraße in unserem Viertel und mehr Bäume",
         "cycling"),
        (("urbanism",), "Pendlerin, jeden Tag mit dem ÖPNV und dem Rad unterwegs", "urbanism"),
        (("urbanism",), "Verkehrswende jetzt! Für eine Stadtplanung, die Menschen dient",
         "urbanism"),
        (("urbanism",), "Stadtplaner | Verkehrsplanung | Superblocks & Schwammstadt", "urbanism"),
        # "S" and "U" are single letters, which the scanner drops unless the query holds them.
        (("urbanism",), "Aktuelle Infos zur S-Bahn München: Störungen, Baustellen", "urbanism"),
        (("urbanism",), "Fotos von Münchner U-Bahnhöfen und der U-Bahn bei Nacht", "urbanism"),
        (("urbanism",), "#SBahn #UBahn Fotos aus Berlin, jeden Tag neue Bilder", "urbanism"),
    ],
)
def test_german_cycling_and_transport_words_match(
    keywords: tuple[str, ...], bio: str, topic: str
) -> None:
    assert topic in _matched(keywords, bio)


@pytest.mark.parametrize(
    "bio",
    [
        # "bahn" alone, and a letter alone, are no transport words.
        "Ich fahre gern Bahn und lese Bücher, am liebsten Krimis aus Schweden",
        "Alles über die Deutsche Bahn und ihre Aktie, Börse und Finanzen",
        "Love u all, see u soon, my fans are the best fans in the world",
        "Plan A, plan B and a very long list of s and u words for my students",
    ],
)
def test_a_letter_or_bahn_alone_is_not_transport(bio: str) -> None:
    assert "urbanism" not in _matched(("urbanism",), bio)


@pytest.mark.parametrize(
    "bio",
    [
        "Ingegnere, papà e tifoso: il Milan prima di tutto",
        "Studentessa di lettere, la Lazio nel cuore da sempre",
        "Forza Roma sempre, anche quando perdiamo in casa",
        "Mamma di due gemelli e malata dell'Inter da sempre",
    ],
)
def test_clubs_by_their_citys_name_match_only_as_a_fan_writes_them(bio: str) -> None:
    value, reason, _ = _score(("football",), bio)
    assert value > NO_MATCH_VALUE and reason == "bio mentions football", reason


@pytest.mark.parametrize(
    "bio",
    [
        "Vivo a Milano da dieci anni e lavoro in una banca del centro",
        "Nata a Roma, cresciuta nel Lazio, innamorata del mare e dei libri",
    ],
)
def test_a_city_or_region_alone_is_not_its_club(bio: str) -> None:
    assert _score(("football",), bio)[1] == NO_MATCH


@pytest.mark.parametrize(
    ("keywords", "bio"),
    [
        # Italian "ai" is "to the", "api" are bees; German "Art" is "kind": in a bio read in
        # that language they are its own words, whatever the keyword.
        (("AI",), "Dedico il mio tempo ai miei figli e al giardino con le api"),
        (("machine learning",), "Dedico il mio tempo ai miei figli, al mare e alla cucina"),
        (("art",), "Ich bin eine Art Koch und wohne mit meiner Familie in Hamburg"),
        # Collisions under the English stemmer: "fosse" is not FOSS, "deve" not dev.
        (("open source",), "Se fosse per me vivrei al mare, con i cani e tanti libri da leggere"),
        (("python",), "Chi vuole vivere bene deve ridere spesso e dormire molto"),
    ],
)
def test_a_words_false_friend_in_the_bios_language_is_not_the_topic(
    keywords: tuple[str, ...], bio: str
) -> None:
    assert _score(keywords, bio)[1] == NO_MATCH


@pytest.mark.parametrize(
    "bio",
    ["AI researcher, father of two and a terrible cook", "Ricercatrice in AI e deep learning",
     "AI"],
)
def test_ai_still_matches_where_it_is_english(bio: str) -> None:
    value, reason, _ = _score(("AI",), bio)
    assert value > NO_MATCH_VALUE and reason.startswith("bio mentions AI"), reason


def test_a_tie_between_languages_reads_the_words_in_each() -> None:
    # "en" is a function word of French, Spanish, Dutch and Catalan: the tie is read in all of
    # them, so French "actualité" meets the news topic although Spanish comes first.
    value, reason, _ = _score(("news",), "Passionné d'actualité en Bretagne")
    assert value > NO_MATCH_VALUE and reason == "bio mentions news", reason


@pytest.mark.parametrize(
    ("keywords", "bio"),
    [
        # "under" and the elided "all'" vote English as much as "di", "di" vote Italian.
        (("cycling",), "Ciclista under 23 e studente di radiologia all'università di Firenze"),
        # "i" is English and Italian, "all'" English: a tie with "sono" and "alla".
        (("politics",), "I suoi interessi sono rivolti all'arte, all'economia, alla politica"),
    ],
)
def test_a_tie_between_english_and_another_language_reads_the_words_in_both(
    keywords: tuple[str, ...], bio: str
) -> None:
    value, reason, _ = _score(keywords, bio)
    assert value > NO_MATCH_VALUE and reason.startswith("bio mentions"), reason


def test_a_word_as_written_matches_only_in_a_bio_of_its_language() -> None:
    assert lexicon.variant("it_whole", "Milan") == lexicon.Variant("it=", ("milan",))
    assert "it" in lexicon.whole_languages()
    # Italian: the club ("Milano" is the city), and the city's own name stays a city.
    for bio in ("Studente di scienze politiche a Pavia, Renzi, Milan e Springsteen",
                "Sono nata a Genova e la Inter è la mia squadra del cuore"):
        value, reason, _ = _score(("football",), bio)
        assert value > NO_MATCH_VALUE and reason == "bio mentions football", (bio, reason)
    for bio in ("Vivo a Milano e lavoro in banca da dieci anni, amo il mare",
                "Fashion designer based in Milan, I love my work and my friends",
                "Designer | Milan | London | Paris | Tokyo | New York"):
        assert not _score(("football",), bio)[1].startswith("bio mentions"), bio


def test_a_hashtag_matches_every_spelling_of_a_phrase_run_together() -> None:
    # Spellings with the same stems keep their own run-together forms, and so does the phrase
    # with its function words, as a hashtag writes them.
    assert "greysanatomy" in lexicon.variant("any", "greys anatomy").joined
    arte = lexicon.variant("it", "storia dell'arte")
    assert arte is not None and arte.also_joined
    for keywords, bio in ((("cinema",), "#GreysAnatomy is my favourite show ever and ever"),
                          (("climate",), "#CambiamentiClimatici, la mia battaglia di ogni giorno"),
                          (("politics",), "Volontaria per i #BeniComuni, ogni giorno"),
                          (("art",), "Laureata in #StoriaDellArte, amo il mare e la montagna")):
        value, reason, _ = _score(keywords, bio)
        assert value > NO_MATCH_VALUE and reason.startswith("bio mentions"), (bio, reason)
    # A short run-together stem may be a word of its own: Italian "base di dati" is "based".
    assert all(len(j) >= lexicon.MIN_ALSO_JOINED
               for t in lexicon.topics().values() for v in t.variants for j in v.also_joined)


def test_a_handle_in_the_lexicon_matches_its_mention() -> None:
    assert lexicon.variant("any", "@JuventusFC") == lexicon.Variant("en", ("@juventusfc",))
    value, reason, _ = _score(("football",), "Studentessa, tifo @juventusfc da quando ero bambina")
    assert value > NO_MATCH_VALUE and reason == "bio mentions football"
    # Any other mention is still a person, not a topic.
    other = "Studentessa di chimica, amica di @juventina92 dai tempi del liceo a Torino"
    assert _score(("football",), other)[1] == NO_MATCH


def test_a_word_english_reads_as_part_of_a_phrase_is_a_term_in_its_own_language() -> None:
    # "quotidiano" is a word of the phrase "il fatto quotidiano" under the English stemmer and
    # a term on its own in Italian: an Italian bio that says only "quotidiano" still matches.
    bio = "Lavoro in un quotidiano di provincia, tra un caffè e una riunione"
    value, reason, _ = _score(("journalism",), bio)
    assert value > NO_MATCH_VALUE and reason == "bio mentions journalism"


def test_a_bio_of_unknown_language_reads_phrase_words_only_in_english() -> None:
    # Tried in every language, "back" (of "back end") would be Dutch for "backend".
    reason = _score(("backend",), "Follow back 100% always fast")[1]
    assert reason == NO_MATCH


def test_a_lone_letter_is_never_a_term() -> None:
    # "c++" is one letter once its symbols go: matching every "c" would be noise.
    assert lexicon.variant("any", "c++") is None
    assert lexicon.variant("any", "⚽") == lexicon.Variant("en", ("⚽",))


def test_related_topics_match_and_are_named_as_related() -> None:
    value, reason, _ = _score(("machine learning",), "Deep learning researcher, PyTorch, cats")
    assert value > 0.5
    assert "related to machine learning" in reason


def test_related_topics_count_less_than_the_topic_itself() -> None:
    bios = [
        "machine learning researcher working on models for hospitals",
        "deep learning researcher working on models for hospitals",
        *BACKGROUND,
    ]
    direct, related = score_relevance(InterestProfile(("machine learning",)), bios)[:2]
    assert isinstance(direct.facts["bm25"], float) and isinstance(related.facts["bm25"], float)
    assert direct.facts["bm25"] > related.facts["bm25"] > 0


# --- languages and stemming -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("lang", "family"),
    [
        ("it", ("fotografia", "fotografie", "fotografo", "fotografi")),
        ("it", ("politica", "politiche", "politico", "politici")),
        ("es", ("periodista", "periodistas")),
        ("fr", ("journaliste", "journalistes")),
        ("de", ("fotografie", "fotografien")),
        ("pt", ("jornalista", "jornalistas")),
        ("nl", ("wielrenner", "wielrenners")),
    ],
)
def test_each_language_stemmer_folds_word_forms(lang: str, family: tuple[str, ...]) -> None:
    stem = languages.stemmer(lang)
    assert len({stem(w) for w in family}) == 1


def test_english_keeps_followprunes_own_stemmer() -> None:
    stem = languages.stemmer("en")
    assert stem("investor") == stem("investing") == "invest"


@pytest.mark.parametrize(
    ("words", "lang"),
    [
        (["i", "love", "the", "sea", "and", "my", "dog"], "en"),
        (["amo", "il", "mare", "e", "la", "montagna", "con", "il", "mio", "cane"], "it"),
        (["me", "gusta", "el", "mar", "y", "la", "montaña", "con", "mi", "perro"], "es"),
        (["ich", "liebe", "das", "meer", "und", "die", "berge", "mit", "meinem", "hund"], "de"),
        (["j'aime", "la", "mer", "et", "les", "montagnes", "avec", "mon", "chien"], "fr"),
        (["eu", "amo", "o", "mar", "e", "as", "montanhas", "com", "o", "meu", "cão"], "pt"),
        (["ik", "hou", "van", "de", "zee", "en", "de", "bergen", "met", "mijn", "hond"], "nl"),
    ],
)
def test_detects_a_bios_language_from_its_function_words(words: list[str], lang: str) -> None:
    assert languages.LANGUAGES[languages.detect(words)] == lang


def test_a_bio_without_function_words_is_of_unknown_language() -> None:
    assert languages.detect(["fotografo", "viaggiatore"]) == languages.UNKNOWN
    # One English function word among names is not enough to call a bio English.
    assert languages.detect(["lakers", "juventus", "politica", "it"]) == languages.UNKNOWN


@pytest.mark.parametrize(
    "bio",
    [
        # Italian, with function words it shares with English ("a", "in").
        "Giornalista a Roma, scrivo di politiche pubbliche in Italia e nel mondo",
        # No function word at all: tried in every language.
        "Lakers | Juventus | Politica | Torino | Sky | Apple | iPhone",
        # One English function word among Italian names.
        "Lakers | Juventus | Politica | Torino | SoloMercato24.it | Apple",
    ],
)
def test_italian_word_forms_are_read_as_italian(bio: str) -> None:
    value, reason, _ = _score(("politics",), bio)
    assert value > 0.5, reason


def test_every_language_has_a_stemmer_and_stop_words() -> None:
    assert len(languages.LANGUAGES) == 20
    for lang in languages.LANGUAGES:
        assert len(languages.STOP_WORDS[lang]) >= 20
        assert languages.stemmer(lang)("testing")


def test_scripts_without_spaces_are_unclear_not_off_topic() -> None:
    bio = "東京在住です。猫とコーヒーが好き。毎日のんびり"
    value, reason, confidence = _score(("python",), bio)
    assert reason != NO_MATCH
    assert "unclear" in reason
    assert confidence == 0.0 and value > NO_MATCH_VALUE


@pytest.mark.parametrize(
    ("keyword", "bio", "topic"),
    [
        ("machine learning", "機械学習エンジニアです。東京在住", "machine learning"),
        ("machine learning", "Pythonと機械学習が好き", "machine learning"),
        ("data science", "数据科学家，热爱开源", "data science"),
        ("machine learning", "데이터 분석가입니다. 머신러닝 연구 중", "machine learning"),
        ("photography", "週末は写真を撮っています📷", "photography"),
        ("climate", "気候変動について発信しています", "climate"),
        # A keyword typed in the script itself names the topic too.
        ("機械学習", "machine learning researcher and teacher at the university",
         "machine learning"),
    ],
)
def test_terms_are_found_inside_runs_of_scripts_without_spaces(keyword: str, bio: str,
                                                               topic: str) -> None:
    value, reason, confidence = _score((keyword,), bio)
    assert value > 0.5 and topic in reason and confidence == 1.0, reason


def test_a_latin_word_inside_a_run_of_such_a_script_is_read() -> None:
    # "Pythonが好き" was one token, unreadable as a whole: python never matched.
    value, reason, _ = _score(("python",), "Pythonが好き")
    assert value > 0.5 and "python" in reason


def test_every_term_of_a_script_without_spaces_is_one_word_of_it() -> None:
    # Such terms are looked for inside a bio's runs of the script: a term the tokenizer splits
    # (a space, a Latin part) would never be found there.
    unspaced = {
        stems[0]: topic.key
        for topic in lexicon.topics().values()
        for stems in (v.stems for v in topic.variants)
        if len(stems) == 1 and languages.unreadable(stems[0])
    }
    assert len(unspaced) > 150
    for term, key in unspaced.items():
        assert text.TOKEN_RE.fullmatch(term), f"{term!r} ({key}) is not one word of its script"


# --- "matches none" only when there is enough to judge ------------------------------------


def test_matches_none_needs_enough_words_and_carries_confidence_by_length() -> None:
    _, short_reason, short_conf = _score(("python",), "Dog person")
    assert short_reason != NO_MATCH and short_conf < 0.5
    _, long_reason, long_conf = _score(("python",), " ".join(["gardening"] * MIN_TOKENS * 3))
    assert long_reason == NO_MATCH and long_conf == 1.0


_FILLER = st.lists(
    st.sampled_from(["weekend", "coffee", "garden", "family", "mountains", "seaside", "dogs",
                     "baking", "walks", "sunsets", "italy", "brother", "teacher", "pasta"]),
    min_size=0, max_size=12,
)
# (keyword, a bio word that is a synonym or inflected form of it, an unrelated word)
_FORMS = st.sampled_from([
    ("machine learning", "ML", "gardening"),
    ("data science", "datascientist", "knitting"),
    ("data science", "analytics", "knitting"),
    ("databases", "postgres", "sailing"),
    ("devops", "kubernetes", "pottery"),
    ("cycling", "cyclist", "pottery"),
    ("cycling", "ciclismo", "pottery"),
    ("photography", "photographer", "knitting"),
    ("photography", "fotografa", "knitting"),
    ("journalism", "journalists", "gardening"),
    ("politics", "politician", "sailing"),
    ("music", "musicista", "sailing"),
    ("football", "calcio", "gardening"),
    ("climate", "klimawandel", "gardening"),
])


@settings(max_examples=60, deadline=None)
@given(_FILLER, _FORMS, st.integers(min_value=0, max_value=12))
def test_a_related_form_scores_at_least_as_high_as_an_unrelated_word(
    filler: list[str], forms: tuple[str, str, str], at: int
) -> None:
    keyword, related, unrelated = forms
    at = min(at, len(filler))
    on = " ".join([*filler[:at], related, *filler[at:]])
    off = " ".join([*filler[:at], unrelated, *filler[at:]])
    results = score_relevance(InterestProfile((keyword,)), [on, off, *BACKGROUND])
    assert results[0].value >= results[1].value
    assert results[0].value > 0.5


@settings(max_examples=60, deadline=None)
@given(
    st.text(alphabet=st.sampled_from(" \t\n.,;!?-#@🚀✨❤️"), max_size=20),
    st.lists(st.sampled_from(["python", "climate", "cycling", "music", "ML"]), min_size=1,
             max_size=3),
)
def test_an_empty_bio_never_matches_none(bio: str, keywords: list[str]) -> None:
    component = score_relevance(InterestProfile(tuple(keywords)), [bio, *BACKGROUND])[0]
    assert component.reasons[0].text != NO_MATCH
    assert component.confidence == 0.0


# --- interests learned from the closest accounts -----------------------------------------------


def _network() -> tuple[list[str], list[float]]:
    close = [f"Platform engineer, kubernetes operator number {i}, coffee" for i in range(8)]
    rest = [f"Baker number {i} who loves sourdough bread and coffee walks" for i in range(80)]
    rest += ["Sometimes I write about kubernetes and other things at night"]
    return close + rest, [3.0] * len(close) + [0.0] * (len(rest))


def test_learns_words_the_closest_accounts_share_more_than_the_list() -> None:
    documents, closeness = _network()
    profile = InterestProfile(keywords=("python",))
    learned = learn_interests(profile, documents, closeness)
    assert "kubernetes" in learned.learned
    assert "coffee" not in learned.learned  # as common in the rest of the list
    assert profile.learned == ()  # pure: the input is unchanged
    # A bio outside the close group that uses the learned word now matches, and says why.
    component = score_relevance(learned, documents)[-1]
    assert component.value > 0.5
    assert "shares 'kubernetes' with the accounts closest to you" in component.reasons[0].text


def test_the_name_of_the_place_close_accounts_share_is_not_learned() -> None:
    # Mutuals in Bologna all say so; a shop in Bologna, Florida is no closer to your interests.
    close = [f"Ceramista a Bologna, kubernetes e forni {i}" for i in range(8)]
    rest = [f"Baker number {i} who loves sourdough bread and coffee walks" for i in range(80)]
    learned = learn_interests(InterestProfile(keywords=("design",)), close + rest,
                              [3.0] * 8 + [0.0] * 80)
    assert "kubernetes" in learned.learned
    assert "bologna" not in learned.learned and "Bologna" not in learned.learned


def test_learns_nothing_without_interests_or_close_accounts() -> None:
    documents, closeness = _network()
    assert learn_interests(InterestProfile(()), documents, closeness).learned == ()
    nobody = [0.0] * len(documents)
    assert learn_interests(InterestProfile(("python",)), documents, nobody).learned == ()


def test_generic_words_are_never_learned() -> None:
    close = [f"Proud parent and student of life number {i}" for i in range(10)]
    rest = [f"Baker number {i} who loves sourdough bread" for i in range(90)]
    learned = learn_interests(InterestProfile(("python",)), close + rest, [1.0] * 10 + [0.0] * 90)
    assert not {"parent", "student", "life", "proud"} & set(learned.learned)


@pytest.mark.parametrize(
    ("keyword", "bio", "topic"),
    [
        ("politics", "राजनीति और समाचार पर लिखता हूँ। दिल्ली से", "politics"),
        ("football", "फुटबॉल और क्रिकेट का दीवाना", "football"),
        ("politics", "صحفي مهتم بالسياسة والاقتصاد في الشرق الأوسط", "politics"),
        ("machine learning", "مهندس برمجيات مهتم بالذكاء الاصطناعي وتعلم الآلة",
         "machine learning"),
    ],
)
def test_hindi_and_arabic_bios_meet_their_topics(keyword: str, bio: str, topic: str) -> None:
    value, reason, _ = _score((keyword,), bio)
    assert value > 0.5 and topic in reason, reason


def test_words_keep_their_vowel_signs() -> None:
    # Vowel signs are combining marks, which Python's \w leaves out: "राजनीति" was read as
    # "र", "जन", "त", and no word of Devanagari, Bengali, Tamil or Thai could match.
    words = text.TOKEN_RE.findall("राजनीति और समाचार। ข่าวการเมือง Φωτογραφία café e\u0301te\u0301")
    assert words == ["राजनीति", "और", "समाचार", "ข่าวการเมือง", "Φωτογραφία", "café",
                     "e\u0301te\u0301"]
    # Punctuation of those scripts still ends a word; URLs and mentions are still noise.
    assert text.TOKEN_RE.findall("खबर।समाचार") == ["खबर", "समाचार"]
    assert [text.is_noise(w) for w in text.TOKEN_RE.findall("@a_b https://x.y/z राजनीति")] \
        == [True, True, False]


@pytest.mark.parametrize(
    ("keyword", "bio", "matched"),
    [
        ("football", "Fußballspieler und Vater von zwei Kindern, lebe in Köln", True),
        ("climate", "Klimaforscherin am Institut, ich schreibe über die Zukunft", True),
        ("photography", "Hobbyfotograf und Wanderer, ich liebe die Berge und den Wald", True),
        ("databases", "Datenbankexperte und Berater für die Industrie in der Schweiz", True),
        ("economy", "Wirtschaftsjournalist bei der Zeitung, ich bin aus Wien", True),
        # A part of a compound that is a word of another topic says the compound is about
        # that one: an actor and a footballer are no gamers ("spieler").
        ("gaming", "Schauspieler am Theater und ich bin oft auf der Bühne zu sehen", False),
        ("gaming", "Fußballspieler und Vater von zwei Kindern, lebe in Köln", False),
        # Parts shorter than five letters are not read: "bank" of a blood bank.
        ("finance", "Ich arbeite bei der Blutbank im Krankenhaus und bin gern draußen", False),
    ],
)
def test_compounds_are_read_by_their_parts(keyword: str, bio: str, matched: bool) -> None:
    value, reason, _ = _score((keyword,), bio)
    assert (value > 0.5) is matched, reason


def test_compounds_are_read_only_in_a_language_that_makes_them() -> None:
    # An English bio's long words are not taken apart ("bioinformatics" is not "informatik").
    value, reason, _ = _score(("programming",),
                              "I study bioinformatics and the history of the city with my students")
    assert value <= 0.5, reason


def test_a_topic_word_is_named_as_the_topic_not_as_the_keyword() -> None:
    # "bio mentions Serie A" of a "Football journalist" said what the bio does not.
    _, reason, _ = _score(("Serie A",), "Football journalist based in Rome, covering the league")
    assert reason.startswith("bio mentions football") and "mentions Serie A" not in reason, reason
    _, reason, _ = _score(("Serie A",), "Tifoso della Serie A e del calcio da sempre")
    assert "Serie A" in reason, reason


def test_an_english_keyword_meets_other_languages_through_its_topic_not_their_stemmers() -> None:
    # "policy" through the French stemmer is "polic", as "police" is: the UP Police matched it.
    value, reason, _ = _score(("policy",), "Official account of Uttar Pradesh Police")
    assert value < 0.5, reason
    # Its topic's own words in those languages still count.
    value, reason, _ = _score(("policy",), "Politica, elezioni e governo locale")
    assert value > 0.5, reason


# --- phrases whose words another term claims -----------------------------------------------


def _matched(keywords: tuple[str, ...], bio: str) -> list[str]:
    matched = score_relevance(InterestProfile(keywords=keywords), [bio, *BACKGROUND])[0] \
        .facts["matched"]
    assert isinstance(matched, list)
    return matched


@pytest.mark.parametrize(
    ("keywords", "bio"),
    [
        # "natural" is a word of English "natural language processing" first: the Spanish and
        # Italian phrases of the same topic still match a bio in their language.
        (("NLP",), "Investigadora en procesamiento del lenguaje natural en la Universidad"),
        (("NLP",), "Ricercatrice di elaborazione del linguaggio naturale al Politecnico"),
        # The French keyword is read in English too, and then claimed "linguistique": the
        # topic's French "linguistique informatique" stopped matching (@rali_udem).
        (("NLP", "linguistique computationnelle"),
         "Chercheur en linguistique informatique à l'Université de Montréal, RALI"),
        # "informatique" is a one-word English ("any") term of programming.
        (("NLP", "programming"),
         "Chercheur en linguistique informatique à l'Université de Montréal, RALI"),
    ],
)
def test_a_phrase_matches_in_its_language_when_another_term_claims_its_words(
    keywords: tuple[str, ...], bio: str
) -> None:
    assert "NLP" in _matched(keywords, bio)


# A bio in each language, its function words saying which: "{}" is the phrase.
_FRAMES = {
    "es": "Trabajo de {} en la universidad y también en casa",
    "it": "Lavoro di {} presso il dipartimento e anche nella scuola",
    "fr": "Je travaille dans {} à l'université et aussi chez moi",
    "pt": "Trabalho com {} na universidade e também em casa",
    "de": "Ich arbeite für {} an der Universität und auch zu Hause",
    "nl": "Ik werk aan {} bij de universiteit en ook thuis",
}


def _phrases() -> list[tuple[str, str, str, str]]:
    """(a keyword naming the topic, the topic's name, language, phrase) for each phrase of two
    or more content words that the lexicon lists under a language with a frame."""
    raw = tomllib.loads(resources.files("followprune.data").joinpath("topics.toml")
                        .read_text(encoding="utf-8"))
    found = []
    for key, entry in raw["topics"].items():
        names = [entry["name"], *entry.get("any", ()), *entry.get("en", ())]
        keyword = next(k for k in names if key in {t.key for t in lexicon.topics_of(k)})
        for lang, terms in entry.items():
            if lang not in _FRAMES:
                continue
            for term in terms:
                v = lexicon.variant(lang, term)
                # Not a phrase with a one-character word ("calcio a 5"): the scanner drops
                # such words unless the query holds them, so it is more or less one word.
                if v is not None and len(v.stems) > 1 and min(map(len, v.stems)) > 1:
                    found.append((keyword, entry["name"], lang, term))
    return found


@settings(max_examples=150, deadline=None)
@given(st.sampled_from(_phrases()), st.integers(0, 10), st.booleans())
@example(("football", "football", "it", "pallone d'oro"), 0, True)
def test_a_phrase_in_its_language_matches_whatever_else_claims_one_of_its_words(
    phrase: tuple[str, str, str, str], which: int, alone: bool
) -> None:
    keyword, name, lang, term = phrase
    bio = _FRAMES[lang].format(term)
    words = [w for w in text.TOKEN_RE.findall(term.lower()) if not languages.is_stop(w)]
    word = words[which % len(words)]
    # Another keyword claims one of the phrase's words, in English among others: as a word of
    # its own, or as a word of another phrase.
    claim = word if alone else f"{word} zzqx"
    topic = {keyword, name}
    assert topic & set(_matched((keyword,), bio))
    # A claim that names the same topic itself ("pallone" of football) is the person's own
    # word for it, and the match is named by it.
    if any(t.name == name for t in lexicon.topics_of(claim)):
        topic.add(claim)
    assert topic & set(_matched((keyword, claim), bio)), (keyword, claim, bio)


def test_a_keyword_keeps_its_word_when_an_earlier_keywords_topic_lists_it() -> None:
    # "Radverkehr" names cycling, whose terms hold "Lastenrad": the person's own keyword
    # "Lastenrad" still counts in full and is named as written.
    bio = "Lastenrad-Verleih und Werkstatt in der Maxvorstadt, jeden Tag offen"
    both = score_relevance(InterestProfile(("Radverkehr", "Lastenrad")), [bio, *BACKGROUND])[0]
    alone = score_relevance(InterestProfile(("Lastenrad",)), [bio, *BACKGROUND])[0]
    assert both.facts["matched"] == ["Lastenrad"]
    assert both.facts["bm25"] == pytest.approx(alone.facts["bm25"])


def test_a_shortened_english_stem_inside_a_compound_is_no_topic() -> None:
    # Found: "Kartenspiele" (card games) read as formula 1: its part "Karte" has the English
    # stem "kart", as "karting" has. An English loanword kept whole still counts.
    bio = "Ich liebe Kartenspiele und Brettspiele mit Freunden am Abend, Lehrerin in Köln"
    assert _score(("formula 1",), bio)[1] == NO_MATCH
    assert _score(("board games",), bio)[1] == "bio mentions board games"
    developer = "Softwareentwickler in Hamburg, baue seit zehn Jahren Werkzeuge für Teams"
    assert _score(("software",), developer)[0] > NO_MATCH_VALUE


def test_tal_is_nlp_in_a_french_bio_only() -> None:
    # Found (persona review, a French-speaking NLP researcher): "Chercheuse en TAL" matched
    # none of nlp; Spanish "un tal Pedro" must still match nothing.
    assert _score(("nlp",), "Chercheuse en TAL à Montréal, linguistique et corpus oraux")[1] \
        == "bio mentions nlp"
    assert _score(("nlp",), "Es un tal Pedro, vendedor de autos usados en Monterrey y padre")[1] \
        == NO_MATCH


def test_a_terse_german_bio_is_read_as_german() -> None:
    # Found (persona review): "beim" was no German function word, so this bio was of
    # unknown language, its compounds were never looked into, and it "matched none".
    bio = "Ehemaliger Fußballspieler. Jugendtrainer beim SC Fortuna Köln."
    assert _score(("football",), bio)[1].startswith("bio mentions football (former)")
    bio = "Klimaredakteurin beim Tagesspiegel. Energiepolitik, Kohleausstieg, Lausitz."
    assert _score(("climate",), bio)[1] == "bio mentions climate"


@pytest.mark.parametrize(("bio", "reason"), [
    ("Piszę o klimacie i energetyce. Dziennikarka, Kraków.", "bio mentions climate"),
    ("Pompy ciepła i fotowoltaika to nasza pasja. Instalujemy w całej Małopolsce.",
     "bio mentions climate"),
    ("Klimatyczna kawiarnia na Kazimierzu. Kawa, ciasto i dobra muzyka.", NO_MATCH),
])
def test_polish_climate_and_energy_bios(bio: str, reason: str) -> None:
    # Found (persona review, a Kraków climate journalist): 18 on-topic Polish bios sat at the
    # off-topic floor; a cosy café ("klimatyczna kawiarnia") must stay off-topic.
    assert _score(("climate",), bio)[1] == reason


def test_a_keyword_that_an_earlier_keywords_topic_lists_is_named_as_typed() -> None:
    # Found (persona review): with keywords football and Galatasaray, the bio "Galatasaray"
    # was said to mention football: football's topic lists the club and came first.
    assert _score(("football", "Galatasaray"), "Galatasaray")[1] == "bio mentions Galatasaray"
    assert _score(("football", "Fußball"), "Fußball und Bier")[1].startswith(
        "bio mentions Fußball")


def test_a_capitalised_name_no_topic_knows_is_matched_as_written() -> None:
    # Stemmed, "Browns" is "brown" and "Bengals" "bengal" (persona review): a bakery's
    # "Brownies", "Brown University" and a cat breeder matched the team names.
    profile = InterestProfile(keywords=("Browns", "Bengals", "Buckeyes", "Python"))
    bios = ["Brownies, cookies and cakes. Family bakery since 1987.",
            "Brown University alum, now teaching history", "Bengal cats breeder in Dayton",
            "Browns fan for life, Dawg Pound", "#Bengals season ticket holder",
            "Go Buckeyes! Columbus born", "Python developers meetup organiser"]
    background = [f"Plumber number {i} in town, fixing pipes all day long" for i in range(30)]
    said = [c.reasons[0].text for c in score_relevance(profile, bios + background)[:len(bios)]]
    for reason, bio in zip(said[:3], bios[:3], strict=True):
        assert "Browns" not in reason and "Bengals" not in reason, bio
    assert "bio mentions Browns" in said[3]
    assert "bio mentions Bengals" in said[4]
    assert "bio mentions Buckeyes" in said[5]
    assert "bio mentions Python" in said[6]  # a topic's name keeps its word forms


# --- phrases in which an interest's word means something else ([other_senses]) ------------

_SENSE_BIOS_PADDING = " Coffee in the morning, long walks with the dog at night."


@pytest.mark.parametrize(
    ("keywords", "bio"),
    [
        (("python",), "Monty Python quoter and amateur baker."),
        (("rust",), "Born and raised in the Rust Belt, now a nurse in Youngstown."),
        (("swift",), "Taylor Swift fan account, all eras, all the time."),
        (("gardening",), "Garden State girl, mother of three, proud nurse."),
        (("gardening",), "Florist at Covent Garden market since 2004."),
        (("energy",), "Positive energy only, good people and sunshine."),
        (("energy", "climate"), "Energy drink addict and night-shift security guard."),
        (("running",), "Running late since 1990, mother of two teenagers."),
        (("running",), "Up and running again after a long winter of knee surgery."),
        (("books",), "DJ and producer. Bookings: management at the label."),
        (("law",), "Mother-in-law of two, grandmother of five, retired nurse."),
        (("law",), "Manifesting daily with the law of attraction and crystals."),
        (("news",), "Spreading the good news from the pulpit every Sunday morning."),
        (("gaming",), "Game changer mindset, sales coach for small business owners."),
        (("art",), "State of the art dentistry for the whole family in Leeds."),
        (("go",), "Let's go Mets! Season tickets in section 104."),
        (("cycling",), "Surviving the news cycle one cup of tea at a time."),
        (("climate",), "Climate control and HVAC repairs, licensed and insured."),
        (("AFL",), "Proud AFL-CIO member, union electrician."),
        (("birds",), "Angry Birds high scores and mobile games."),
    ],
)
def test_a_word_in_another_sense_is_not_the_interest(keywords: tuple[str, ...], bio: str) -> None:
    assert _score(keywords, bio + _SENSE_BIOS_PADDING)[1] == NO_MATCH


@pytest.mark.parametrize(
    ("keywords", "bio"),
    [
        (("python",), "Python developer, maintainer of a data library."),
        (("rust",), "Writing Rust at work, embedded systems."),
        (("gardening",), "Vegetable garden, seed saver, allotment every weekend."),
        (("energy",), "Energy policy analyst, grids and storage."),
        (("running",), "Trail running and marathons, coach of a running club."),
        (("books",), "Book lover, reviewer of crime novels."),
        (("law",), "Degree in law, practising family law in Bristol."),
        (("news",), "News editor at a regional daily."),
        # The other sense is masked where it stands, not across the whole bio.
        (("python",), "Monty Python fan and Python developer."),
        (("energy",), "Good energy only. Energy transition researcher."),
    ],
)
def test_the_interests_own_sense_still_matches(keywords: tuple[str, ...], bio: str) -> None:
    assert _score(keywords, bio + _SENSE_BIOS_PADDING)[1] != NO_MATCH



def test_no_other_sense_is_a_term_of_a_topic() -> None:
    """Its words count for no interest, so a term written the same would never match
    ("martial arts" is sport's, "swifties" music's)."""
    raw = tomllib.loads(
        resources.files("followprune.data").joinpath("topics.toml").read_text(encoding="utf-8"))
    terms = {tuple(text.TOKEN_RE.findall(term.lower()))
             for entry in raw["topics"].values() for lang, listed in entry.items()
             if lang not in lexicon.NOT_TERMS for term in listed}
    assert not set(lexicon.other_senses()) & terms


def test_a_sport_whose_name_holds_another_sense_still_matches() -> None:
    assert _score(("sport",), "Martial arts instructor, black belt." + _SENSE_BIOS_PADDING)[
        1] != NO_MATCH


# --- American football is its own topic, related to soccer's "football" one way ------------

@pytest.mark.parametrize(
    "bio",
    ["Steelers Nation, born and raised in Pittsburgh.", "Quarterback coach at a high school.",
     "Dawg Pound member since 1999, tailgating every Sunday.", "Super Bowl or bust, every year."],
)
def test_nfl_bios_match_an_nfl_fan(bio: str) -> None:
    assert _score(("nfl",), bio + _SENSE_BIOS_PADDING)[1] != NO_MATCH


def test_soccer_is_not_an_nfl_fans_interest() -> None:
    """Sport in general is related to the NFL; soccer's own words are not."""
    assert _score(("nfl",), "Serie A, calcio and fantacalcio every week."
                  + _SENSE_BIOS_PADDING)[1] == NO_MATCH
    reason = _score(("nfl",), "Champions League nights at the pub." + _SENSE_BIOS_PADDING)[1]
    assert "football" not in reason, reason


def test_nfl_is_related_to_football_as_an_american_writes_it() -> None:
    reason = _score(("football",), "NFL Sundays and fantasy drafts with friends."
                    + _SENSE_BIOS_PADDING)[1]
    assert "American football" in reason, reason


# --- a short bio of unknown language is not read through every stemmer for your own words ---

@pytest.mark.parametrize(
    ("keywords", "bio"),
    [
        # Hungarian stems "kilimo" and Swahili "kila" (every) both "kil".
        (("kilimo",), "Kila siku."),
        (("kilimo",), "Kilima cha Ngong."),
        # Catalan stems "fisheries" "fish"; Italian "oceania" "ocean".
        (("fisheries",), "Fish fingers."),
        (("fisheries",), "Reef fish ID guides."),
        (("ocean",), "Oceania rugby."),
        (("América",), "Americana and bluegrass."),
    ],
)
def test_a_keyword_through_a_foreign_stemmer_does_not_match_a_short_bio(
        keywords: tuple[str, ...], bio: str) -> None:
    assert "mentions" not in _score(keywords, bio)[1]


@pytest.mark.parametrize(
    ("keywords", "bio"),
    [
        (("kilimo",), "Kilimo bora."),
        (("fisheries",), "Fisheries scientist."),
        (("python",), "Sviluppatore Python."),
        # The lexicon's own words of a language still match a short bio of unknown language.
        (("programming",), "Programmatore. Juventino."),
    ],
)
def test_a_short_bio_still_matches_your_word_and_the_lexicons(
        keywords: tuple[str, ...], bio: str) -> None:
    assert "mentions" in _score(keywords, bio)[1]


# --- the person and the adjective of a field meet the field; topics the personas missed ----

@pytest.mark.parametrize(
    ("word", "field"),
    [("biologist", "biology"), ("biologists", "biology"), ("biological", "biology"),
     ("economist", "economy"), ("scientist", "science"), ("scientists", "science"),
     ("agricultural", "agriculture"), ("cultural", "culture"), ("technological", "technology")],
)
def test_a_fields_person_and_adjective_stem_as_the_field(word: str, field: str) -> None:
    assert text.stem(word) == text.stem(field)


@pytest.mark.parametrize("word", ["natural", "mural", "murals", "rural", "artist"])
def test_short_words_ending_alike_keep_their_own_stem(word: str) -> None:
    assert text.stem(word) not in {"nature", "natur", "mure", "mur", "rure", "arty"}


@pytest.mark.parametrize(
    ("keywords", "bio"),
    [
        (("marine biology",), "Marine biologist at Deakin. Seals and sea lions."),
        (("citizen science",), "Citizen scientist counting frogs on weekends."),
        (("AFL",), "Official account of the Australian Football League."),
        (("agriculture",), "Kenya Agricultural & Livestock Research Organization."),
        (("agriculture",), "Dairy farmer and agronomist in the Rift Valley."),
        (("agriculture",), "Mkulima wa kahawa, Nyeri."),
        (("climate",), "Climatologist at the met office."),
        (("birds",), "Birdwatcher and photographer, seabirds and waders."),
    ],
)
def test_fields_and_their_people_match(keywords: tuple[str, ...], bio: str) -> None:
    assert "mentions" in _score(keywords, bio + _SENSE_BIOS_PADDING)[1]


@pytest.mark.parametrize("bio", ["Bauer family, Munich. Bau und Architektur.",
                                 "Toronto Raptors season ticket holder."])
def test_names_and_teams_are_not_farming_or_birds(bio: str) -> None:
    assert _score(("agriculture", "birds"), bio + _SENSE_BIOS_PADDING)[1] == NO_MATCH


@pytest.mark.parametrize(
    ("keywords", "bio"),
    [(("fintech",), "Financial technology for the unbanked, mobile money across East Africa."),
     (("marine biology",), "Great Barrier Reef tour operator and dive instructor."),
     (("AFL",), "Footy tragic, Collingwood member since 1990. Go Pies!"),
     (("boxeo",), "Fan de la lucha libre y del boxeo los sábados.")],
)
def test_words_the_seventh_personas_used_match(keywords: tuple[str, ...], bio: str) -> None:
    assert "mentions" in _score(keywords, bio + _SENSE_BIOS_PADDING)[1]


def test_the_town_in_your_own_bio_is_no_interest() -> None:
    """Where you live is geography's; as an interest it lifted every account naming it
    (persona round 8: "toronto" from a Toronto illustrator's bio)."""
    profile = InterestProfile(keywords=("comics",), own_bio="Toronto illustrator, rugby coach")
    realtor, player = score_relevance(profile, ["Toronto realtor, selling homes since 2004",
                                                "Rugby union player, back row", *BACKGROUND])[:2]
    assert "toronto" not in realtor.reasons[0].text
    # A place's name that is also a sport's stays an interest.
    assert "rugby" in player.reasons[0].text or "sport" in player.reasons[0].text


def test_a_streamer_is_gaming_but_streaming_is_not() -> None:
    """"Streamer" had stemmed as "streaming" does: a K-pop fan account's "streaming goals"
    matched gaming (persona round 10)."""
    from followprune.scoring.relevance import InterestProfile, score_relevance

    docs = ["K-pop stan 💜 streaming goals for the comeback, vote daily and stream the MV",
            "Full-time streamer and content creator. Valorant, Apex",
            "Streamers united: content creator for the culture, live most nights"]
    found = score_relevance(InterestProfile(keywords=("gaming",)), docs)
    assert [c.reasons[0].text for c in found] == [
        "bio matches none of your interests", "bio mentions gaming", "bio mentions gaming"]


def test_your_bio_boilerplate_and_letter_compounds_are_no_interests() -> None:
    """A journalist's "DMs open for tips" had made "dms" and "tips" interests, and "K-pop"
    the interest "pop" (persona round 10)."""
    from followprune.scoring.relevance import InterestProfile, score_relevance

    profile = InterestProfile(keywords=("indie games",), own_bio=(
        "K-pop and indie game journalist in Seoul. DMs open for tips. Views my own."))
    docs = ["Soda pop collector and retired mailman, happy in the garden every day",
            "Investor and advisor. DMs open, send me tips on deals in the region",
            "K-pop news daily: comebacks, charts and fancams from every group"]
    found = score_relevance(profile, docs)
    assert [c.reasons[0].text for c in found[:2]] == ["bio matches none of your interests"] * 2
    assert found[2].value > found[0].value


def test_a_korean_bio_that_names_no_interest_is_unclear_and_not_said_to_lack_spaces() -> None:
    """Korean is written with spaces; the reason had said it was not (persona round 10)."""
    from followprune.scoring.relevance import InterestProfile, score_relevance

    found = score_relevance(InterestProfile(keywords=("rust",)), ["회사원 😴 주말만 삽니다"])[0]
    assert "written without spaces" not in found.reasons[0].text
    assert found.reasons[0].text.endswith("(fit unclear)")


# --- persona round 16 (an ecologist in Melbourne, born in Osaka) ---------------------------

AIKO = ("ecology", "climate science", "birds", "marine biology", "science communication",
        "Japanese literature", "hiking")


@pytest.mark.parametrize("bio", [
    "Life coach 💫 unlock your potential | DM me for 1:1 coaching | $$$ mindset",
    "Executive coach for first-time founders. Career coaching on weekends.",
    "Actor. Dad. Surfer. #TheLongTide in cinemas now 🎬 Los Angeles",
    "Twitch streamer 🎮 Valorant | live daily 8pm AEST | business: link",
])
def test_a_hiker_is_not_asked_about_sport_nor_a_streamer_about_birds(bio: str) -> None:
    value, reason, _ = _score(AIKO, bio)
    assert value == NO_MATCH_VALUE and reason == NO_MATCH


def test_a_coach_of_a_sport_is_still_sport_and_a_twitcher_still_birds() -> None:
    assert "sport" in _score(("sport",), "Head coach of the under-12s netball team")[1]
    assert "birds" in _score(("birds",), "Keen twitcher, chasing rarities around Norfolk")[1]


@pytest.mark.parametrize(("bio", "topic"), [
    ("Tramping & huts in Aotearoa 🥾 Great Walks, backcountry huts, DOC tracks", "hiking"),
    ("Trail notes from Gariwerd (the Grampians), the Prom & the High Country", "hiking"),
    ("日本アルプスと熊野古道の山歩き記録 🏔", "hiking"),
    ("Entomologist 🐝 native bees of Victoria. I post about insects nobody loves.", "nature"),
    ("Caring for Victoria's parks, waterways and wildlife. Track closures and alerts.",
     "nature"),
    ("公益財団法人日本野鳥の会の公式アカウントです。野鳥も人も地球のなかま。", "birds"),
    ("俳句を詠みます。季語と渡り鳥。句集『渡り鳥』好評発売中。", "Japanese literature"),
    ("京都・一乗寺の本屋です。新刊・古本・雑貨・ギャラリー。", "Japanese literature"),
    ("Literary translator JP→EN. Yoko Tawada, Hiromi Kawakami. Between Tokyo and Melbourne.",
     "Japanese literature"),
    ("海洋生物学者。サンゴ礁の研究をしています。", "marine biology"),
    ("科学コミュニケーターとして活動中。", "science communication"),
])
def test_her_interests_are_found_in_english_and_japanese(bio: str, topic: str) -> None:
    value, reason, _ = _score(AIKO, bio)
    assert value > NO_MATCH_VALUE and topic in reason and "related to" not in reason


def test_a_footy_writer_and_a_barber_who_takes_bookings_are_not_japanese_literature() -> None:
    for bio in ("Footy writer at The Age. AFL & AFLW. Tigers tragics welcome",
                "Fresh fades since 2015 ✂️ Sydney Rd, Brunswick. Book online"):
        assert _score(AIKO, bio)[1] == NO_MATCH


def test_a_japanese_bio_that_names_no_interest_says_so_briefly() -> None:
    reason = _score(AIKO, "東京でグラフィックデザイナーしてます。猫と喫茶店。")[1]
    assert reason == ("bio in Japanese, Chinese, Korean, Thai or the like: no interest of yours"
                      " found in it (fit unclear)")
    assert len(reason) < 100


def test_two_words_your_posts_always_write_together_are_one_interest_named_whole() -> None:
    posts = ("Low tide at the tide pools this morning", "More tide pools today, so many crabs",
             "Tide pools again with the kids", "Coffee first")
    profile = InterestProfile(keywords=("ecology",), own_posts=posts)
    bios = ["Tide pools, cold water and sea stars. Weekend volunteer on the coast.",
            "Swimming pools and spas built to order across the eastern suburbs",
            *BACKGROUND]
    found = score_relevance(profile, bios)
    assert found[0].reasons[0].text == "bio mentions tide pools"
    assert found[1].reasons[0].text == NO_MATCH


def test_a_word_is_not_named_beside_a_phrase_that_holds_a_form_of_it() -> None:
    posts = ("Every communicator I know is tired", "A good communicator listens first")
    profile = InterestProfile(keywords=("science communication",), own_posts=posts)
    bio = "Science communication and a communicator at heart; podcasts about the sea"
    reason = score_relevance(profile, [bio, *BACKGROUND])[0].reasons[0].text
    assert reason == "bio mentions science communication"


def test_a_two_word_item_of_your_bio_is_named_whole_where_a_bio_has_both_words() -> None:
    own = "Ecologist in Naarm. Shorebirds, wetlands, rock pools, climate."
    profile = InterestProfile(keywords=("birds",), own_bio=own)
    pools, swim = score_relevance(profile, [
        "Rock pools, sea stars and cold water. Weekend volunteer on the coast.",
        "Swimming pools and spas built to order across the eastern suburbs", *BACKGROUND])[:2]
    assert "rock pools" in pools.reasons[0].text and "rock, pools" not in pools.reasons[0].text
    assert "rock pools" not in swim.reasons[0].text
