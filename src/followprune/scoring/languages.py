"""The bio languages relevance reads: their stop words (to detect them) and their stemmers.

A profile bio is a line or two, so a language detector has little to go on; the words that
give a language away in so short a text are its function words ("the", "di", "und", "que").
Each language below has a short list of its most frequent ones, written for this project from
general knowledge of the languages (MIT, like the project). A document votes for every
language whose list holds one of its words; the language with most votes wins, English first
on ties, and a document without any function word is of unknown language.

These are the twenty most common languages of profile texts that separate words with spaces
and have a Snowball stemmer (https://snowballstem.org, BSD licence, through PyStemmer).
Languages written without spaces between words (Japanese, Chinese, Thai) cannot be split into
words by a regular expression; relevance says so instead of calling their bios off-topic. Nor
can it read languages without a stemmer or a lexicon (Yoruba, Igbo, Hausa): a bio holding
several of their function words (UNREAD_FUNCTION_WORDS) is said to be unclear, not off-topic.

English keeps followprune's own light stemmer (`text.stem`): unlike Snowball's it folds agent
nouns onto their verbs ("investor"/"investing", "coder"/"coding"), which bios use a lot.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from functools import cache

import Stemmer

from followprune.scoring import text

# Words that are content words in English are left out of the other lists even when they are
# function words there ("war" is German for "was", "fast" for "almost"), so that an English
# bio never loses a topic to another language's stop list.
_STOP_WORDS: dict[str, str] = {
    "en": " ".join(sorted(text.STOP_WORDS)),
    "it": """il lo la i gli le un uno una di del dello della dei degli delle da dal dalla
             dai in nel nella nei nelle con su sul sulla per tra fra e ed o ma che chi non
             mi ti ci vi si sono sei è era ho hai ha abbiamo hanno mio mia miei mie tuo tua
             suo sua nostro questo questa quello quella come anche più molto tutto tutti
             quando dove perché cosa io tu lui lei noi voi loro sempre ogni solo poi già
             essere avere sia siamo siete fosse fossi fossero deve devo devi devono
             dobbiamo suoi tuoi nostra nostri nostre vostro vostra dell dall nell sull""",
    "es": """el la los las un una unos unas de del al en con por para sin sobre entre y o
             pero que quien no mi mis tu tus su sus yo tú él ella nosotros ellos es soy eres
             son está estoy muy más todo todos también como cuando donde porque lo le les
             se nos esta este esto ese esa hay ser tengo siempre""",
    "pt": """o os a as um uma uns umas de do da dos das em no na nos nas com por pelo pela
             para sem sobre entre e ou mas que quem não meu minha meus seu sua eu você ele
             ela nós eles é sou são está estou muito mais tudo todos também como quando onde
             porque isso isto esse essa este esta ser tenho sempre""",
    "fr": """le la les un une des du de au aux en dans avec par pour sans sur sous entre et
             ou mais que qui ne pas mon ma mes ton ta tes son sa ses je tu il elle nous vous
             ils elles est suis sont être très plus tout tous aussi comme quand où parce ce
             cette ces cet se leur lui moi toi""",
    "de": """der die das den dem des ein eine einer eines einem einen und oder aber nicht
             ich du er sie es wir ihr mein meine dein deine sein seine ist bin bist sind
             mit von zu zum zur im auf für aus bei nach über unter vor durch auch noch nur
             sehr wie wenn dass wo immer kein keine beim vom seit ohne gegen sowie bzw
             zwischen unser unsere in an am um""",
    "nl": """de het een en of maar niet ik jij je hij zij ze wij we mijn jouw zijn haar is
             ben bent met van voor op aan uit bij naar over onder ook nog wel heel hoe als
             dat waar altijd geen deze dit die wat""",
    "tr": """ve ile bir bu şu o da de ki mi ne için gibi çok daha en ama veya değil ben sen
             biz siz onlar benim senin olan olarak her kadar sonra önce var yok""",
    "id": """dan yang di ke dari untuk dengan pada ini itu adalah aku saya kamu dia kami
             kita mereka tidak bukan juga akan sudah belum bisa ada atau tapi karena sangat
             lebih semua seperti jika""",
    "ru": """и в во не что он на я с со как а то все она так его но да ты к у же вы за бы
             по только ее мне было вот от меня еще нет о из ему мой моя мы они это для""",
    "ar": """في من على إلى عن مع هذا هذه ذلك التي الذي هو هي أنا نحن أنت و أو لا ما لم لن
             كل قد كان كانت بين عند""",
    "pl": """i w we z ze na do od po przez dla o u że nie jest są był była jestem jak tak
             ale lub czy to ten ta te mój moja moje ja ty on ona my wy oni się tylko bardzo""",
    "sv": """och i att det som en ett på är av för med till den inte jag du han hon vi ni
             de har var min mitt mina om eller men från vid också bara mycket""",
    "da": """og i at det som en et på er af for med til den ikke jeg du han hun vi de har
             var min mit mine om eller men fra ved også kun meget""",
    "no": """og i at det som en et på er av for med til den ikke jeg du han hun vi de har
             var min mitt mine om eller men fra ved også bare mye""",
    "fi": """ja on ei se että hän oli ole olen ovat mutta tai kun jos niin kuin minä sinä
             me te he myös vain hyvin tämä tuo joka mikä""",
    "ro": """și în la de pe cu din pentru că nu este sunt eu tu el ea noi voi ei ele mai
             foarte sau dar care ce acest această meu mea tot toate""",
    "ca": """el la els les un una de del dels en amb per sense sobre i o però que qui no
             meu meva jo tu ell ella nosaltres és sóc són molt més tot també com quan on""",
    "el": """και το η ο οι τα του της των στο στη στην σε με για από που δεν είναι είμαι
             ένα μια αλλά ή θα να αυτό πολύ""",
    "hu": """a az és egy hogy nem is de meg van volt vagy csak már még el ki be fel
             le én te ő mi ti ők ez az nagyon minden""",
}

# Languages that write compounds as one word ("Klimaforscher", "fietsenmaker"): a word of a
# bio read in one of them that matches nothing whole is looked inside (relevance.py).
COMPOUNDING = frozenset(("de", "nl", "sv", "da", "no", "fi"))

# Function words or common words of a language that are also topic words in English, so they
# stay out of its stop list: in a bio read in that language they are its words, not the topic
# ("ai miei figli" is "to my children", not AI; "api" are bees; German "Art" is "kind";
# Italian "solare", which English reads as "solar", is a sunny person).
FALSE_FRIENDS: dict[str, frozenset[str]] = {
    "it": frozenset(("ai", "api", "solare")),
    "de": frozenset(("art",)),
}

# language code → Snowball algorithm name, in tie-break order (English first).
SNOWBALL: dict[str, str] = {
    "en": "english", "it": "italian", "es": "spanish", "pt": "portuguese", "fr": "french",
    "de": "german", "nl": "dutch", "tr": "turkish", "id": "indonesian", "ru": "russian",
    "ar": "arabic", "pl": "polish", "sv": "swedish", "da": "danish", "no": "norwegian",
    "fi": "finnish", "ro": "romanian", "ca": "catalan", "el": "greek", "hu": "hungarian",
}
LANGUAGES: tuple[str, ...] = tuple(SNOWBALL)
ENGLISH = 0  # index of "en" in LANGUAGES
UNKNOWN = -1  # a document with no function word of any language

STOP_WORDS: dict[str, frozenset[str]] = {
    lang: frozenset(_STOP_WORDS[lang].split()) for lang in LANGUAGES
}
# Every language's stop words, each with the set of languages it belongs to as a bit mask.
STOP_MASK: dict[str, int] = {}
for _index, _lang in enumerate(LANGUAGES):
    for _word in STOP_WORDS[_lang]:
        STOP_MASK[_word] = STOP_MASK.get(_word, 0) | (1 << _index)


# One-letter function words that vote for their language although single characters are
# otherwise noise (initials, "e-" of "e-commerce", "a" and "I" of English): Spanish "y" (and)
# is often the only function word of a terse Spanish bio ("Epidemióloga. Salud materna y
# desigualdades", persona round 17), and no other read language writes it. English bios
# hold it only in "y'all", beside English function words that outvote it.
ONE_LETTER_VOTES = frozenset(("y",))


def is_stop(word: str) -> bool:
    """True for a function word of any of the languages, or a single character."""
    return len(word) < 2 or word in STOP_MASK


@cache
def stemmer(lang: str) -> Callable[[str], str]:
    """The stemmer for a language code: `text.stem` for English, Snowball for the rest."""
    if lang == "en":
        return text.stem
    stem: Callable[[str], str] = Stemmer.Stemmer(SNOWBALL[lang]).stemWord
    if lang == "ar":
        return _arabic_stemmer(stem)
    return stem


# Arabic's "و" (and) written onto a word with its article: Snowball takes off "ال", "بال",
# "لل" but leaves "وال" ("والآثار" stays "والاثار", "والأهلي" "والاهل"; persona round 23: the
# antiquities ministry's "السياحة والآثار" did not mention "آثار"). Only before four letters
# or more, so "والدة" (mother), "والدين" (parents) and "والي" stay; not "ف" (so), which
# opens loanwords ("فالكون", Falcon, is no "الكون").
_AND_THE = re.compile(r"و(?=ال\w{4,})")


def _arabic_stemmer(stem: Callable[[str], str]) -> Callable[[str], str]:
    def stem_arabic(word: str) -> str:
        return stem(word[1:] if _AND_THE.match(word) else word)
    return stem_arabic


def detect(words: list[str]) -> int:
    """The index in LANGUAGES of the language most of `words`' function words belong to.

    UNKNOWN when none is a function word (of one letter, only ONE_LETTER_VOTES count); English
    wins ties, then LANGUAGES order. A single English function word is too little in a list of
    names and hashtags ("…24.it | Politica"), so English needs two. Relevance's scanner
    applies the same rule to whole chunks at once.
    """
    votes = [0] * len(LANGUAGES)
    for word in words:
        if len(word) < 2 and word not in ONE_LETTER_VOTES:
            continue
        mask = STOP_MASK.get(word, 0)
        index = 0
        while mask:
            if mask & 1:
                votes[index] += 1
            mask >>= 1
            index += 1
    best = max(votes)
    winner = votes.index(best) if best else UNKNOWN
    if winner == ENGLISH and best < 2:
        return UNKNOWN
    return winner


# Function words of languages relevance cannot read (no Snowball stemmer, no lexicon terms),
# common in the bios of a Nigerian's follow list (persona round 15): a bio holding several is
# written in one of them, and matching none of the interests says nothing of its fit. Written
# without tone marks and under-dots (how many type them, and how `fold` reads a word that has
# them). Left out: words that are English too or abbreviations in English bios ("fun", "won",
# "wa", "ba", "mu", "ku", "son", "dan", "ya", "ha") and the read languages' function words
# ("ni", "ti", "na", "bu", "da", "mi", "ne", "se", "si"), which are read as those first.
_UNREAD_STOP_WORDS: dict[str, str] = {
    "yo": """ati mo ninu pelu gbogbo awon naa yii lati sugbon omo emi awa eyin nitori tabi
             bayi nkan ohun""",
    "ig": """nke anyi unu maka nwere ihe niile onye ndi mana ka gi ebe dika banyere kwa""",
    "ha": """wannan kuma amma domin cikin daga zuwa akwai sosai kowace kowane duk yana tana
             ina""",
}
UNREAD_FUNCTION_WORDS: frozenset[str] = frozenset(
    word for words in _UNREAD_STOP_WORDS.values() for word in words.split())


def fold(word: str) -> str:
    """`word` without its accents, tone marks and under-dots ("ọmọ" is "omo", "àti" "ati")."""
    return "".join(c for c in unicodedata.normalize("NFD", word)
                   if not unicodedata.combining(c))


def unread_function_word(word: str) -> bool:
    """Whether a lower-case word is a function word of a language relevance cannot read."""
    return (word in UNREAD_FUNCTION_WORDS
            or (not word.isascii() and fold(word) in UNREAD_FUNCTION_WORDS))


_UNSPACED_RE = re.compile(f"[{text.UNSPACED}]")


def unreadable(word: str) -> bool:
    """True for a run of a script written without spaces (CJK, kana, Hangul, Thai, Lao, …):
    the tokenizer sees a whole phrase as one word, so it cannot be matched word by word."""
    return _UNSPACED_RE.search(word) is not None
