"""Topic relevance: how well each followed account's text matches the person's interests.

Each account's document (bio, pinned post and cached posts, joined by the caller) is scored with
Okapi BM25 (k1 = 1.2, b = 0.75, Lucene's always-positive idf) against one weighted query built
from the interest profile:

* each configured keyword has weight 1.0, and counts in every form the topic lexicon
  (data/topics.toml) gives it: "ML" is "machine learning" and "apprendimento automatico",
  "data science" is "data scientist"; the lexicon's related topics count with weight 0.6
  ("deep learning" for "machine learning");
* each content word of the person's own bio has weight 0.5;
* up to 50 words that recur across the person's own posts (in at least two posts, when there
  are two or more) have weight up to 0.3, in proportion to how many posts use them;
* words learned from the accounts closest to the person (`learn_interests`) have weight 0.4.

A match right after "ex", "former" and their like in other languages (FORMER_WORDS: "Ex-textiles
teacher", "antiguo músico") is what the account used to do: it counts half its term's weight,
ranks as an indirect match (see below), and reasons name it "(former)". "Früher", "dulu" and
"antes" (FORMER_AT_START) count so only at the start of a bio or clause ("Früher Stadtplanung"),
since elsewhere they say "earlier", "first" or "before".

A term already in the query keeps its first, highest weight. A multi-word term ("machine
learning") is matched only as a phrase: its content words in order, with stop words ignored
("state of the art" matches "state-of-the-art"), or as one run-together word, which is how
hashtags write it ("#MachineLearning", "#opensource"). Its words are not counted on their own,
because "learning" alone says little about machine learning.

Word forms are folded per language (see scoring/languages.py): every document is first read
with the English stemmer, which most bios mix in; a document whose function words say it is
in another language has its remaining words stemmed again in that language, and one with no
function word at all (a short "Fotografo.") is tried in each language. A word English read only
as part of a phrase is read again in the document's language too, when that is known, and
counts there if it is a term on its own ("quotidiano" of "il fatto quotidiano"). A phrase is
matched on its own language's reading of its words, whatever term English or another language
gave a word first: "natural" of English "natural language processing" is still the "natural" of
Spanish "procesamiento del lenguaje natural" in a Spanish bio.

URLs and @mentions are skipped, except a mention of a handle the lexicon names ("@juventusfc"):
naming a club's or a newspaper's account says as much as naming it.

Only the query's stems get ids; every other word maps to one "other" code. The documents are
scanned in chunks into small integer arrays, so the work is one regex pass and one dict lookup
per token (plus one more per non-English word), and memory is bounded by the chunk size plus
one entry per (document, matched term).

The raw BM25 scores are normalised within the list (see `_normalise`): matched documents get
0.5 + 0.5 × their percentile among matched documents, so the best match gets 1.0; a document
that matches only related topics, or only what the account used to do, ranks below every one
that matches the person's own words. A document
that matches nothing gets 0.15, "bio matches none of your interests", only when it holds
enough words to judge (MIN_TOKENS content words, in a script the tokenizer can split);
otherwise it gets a neutral 0.45 that says it is unclear, with a confidence near zero so the
blend moves relevance's weight to the components that have evidence.
"""

from __future__ import annotations

import pickle
import re
from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Any

import numpy as np
import numpy.typing as npt

from followprune.scoring import languages, lexicon, text
from followprune.scoring.components import Component, Reason, paused_gc
from followprune.scoring.geo_resolver import names_a_place

if TYPE_CHECKING:
    from followprune.scoring.semantic import SemanticModel

K1 = 1.2
B = 0.75

KEYWORD_WEIGHT = 1.0
TOPIC_WEIGHT = 0.8
RELATED_WEIGHT = 0.6
BIO_WEIGHT = 0.5
LEARNED_WEIGHT = 0.4
POST_WEIGHT = 0.3
MAX_POST_TERMS = 50

# A document with fewer content words than this that matches nothing is too short to call
# off-topic: a two-word bio is missing evidence, not evidence against the account.
MIN_TOKENS = 5
# A non-matching bio this long (content words) is full evidence that it is off-topic; a
# shorter one, down to MIN_TOKENS, is weaker evidence and says so through its confidence.
FULL_TOKENS = 10
NEUTRAL_VALUE = 0.45
NO_MATCH_VALUE = 0.15
# How much evidence an unclear verdict carries: a few words that match nothing say a little.
SHORT_CONFIDENCE = 0.2
# A bio holding this many function words of a language relevance cannot read (Yoruba, Igbo,
# Hausa: languages.UNREAD_FUNCTION_WORDS), and at least this share of its content words, is
# written in one: matching nothing, its fit is unclear rather than off-topic. One or two such
# short words are an English bio's names and abbreviations.
UNREAD_LANGUAGE_WORDS = 3
UNREAD_LANGUAGE_SHARE = 0.25
# Matched documents spread over (MATCH_FLOOR, 1]; any match beats no match.
MATCH_FLOOR = 0.5
# How many matched topics a reason names before saying "and N more".
SHOWN_TOPICS = 3

# Learning from the closest accounts: at most this many of them, and a word must be in at least
# LEARN_MIN_DOCS of their bios and LEARN_MIN_LIFT times as common there as in the whole list.
LEARN_MAX_CLOSE = 500  # and at most a tenth of the list
LEARN_MIN_CLOSE = 5
LEARN_MIN_DOCS = 3
LEARN_MIN_SHARE = 0.05
LEARN_MIN_LIFT = 2.0
LEARN_MAX_TERMS = 15
# The whole list's word frequencies are estimated from an even sample of this many documents.
LEARN_SAMPLE = 2000

# Words that describe a person rather than an interest: the closest accounts share them with
# everyone ("parent", "student"), so they are never learned.
_GENERIC = frozenset((
    "people", "person", "life", "living", "love", "lover", "loves", "fan", "fans", "parent",
    "parents", "mom", "mum", "dad", "father", "mother", "wife", "husband", "son", "daughter",
    "kid", "kids", "family", "friend", "friends", "student", "based", "new", "good", "world",
    "day", "time", "things", "stuff", "work", "working", "job", "lead", "head", "senior", "junior",
    "former", "ex", "life", "everything", "someone", "proud", "happy", "official", "account",
    "personal", "tweet", "tweeting", "follow"
))
# Common English words that are no interest whatever text they come from: numbers, amounts,
# praise, time and everyday verbs. Your own bio and posts are read word by word, and without
# this a crypto bot's "alerts every 5 minutes" matched "every" from your posts, and a wine
# writer's "preorders are open" matched "open". (Function words are languages.STOP_WORDS.)
# A founding year is no interest either: persona round 21's clubs, labels and museums say
# "since 1862", "since 1953", and Walgreens' "Trusted since 1901" was said to share 'since'
# with the accounts closest to a teacher.
_COMMON_WORDS = """
    every each all any some many much more most less least few lot lots several whole
    one two three four five six seven eight nine ten hundred thousand million first second
    third last next best better great big small little long short high low old free open
    real right left sure true full hard easy nice cool awesome amazing favorite favourite
    top huge tiny today tomorrow yesterday week weeks year years month months morning night
    tonight now soon ago still yet already always never ever really very just also even
    back way thing get got getting make made making take took taking go going went gone
    come coming came see seen saw look looking looks know knew think thought thanks thank
    please talk talks talking start starting started here there want wants need needs use
    using used try trying help helping keep let put say said says tell told share sharing
    check join ready yes ok okay via etc per vs someone anyone everyone nothing something
    anything everybody somebody again around away off out over under within without
    another other others same different own such only well done doing went feel feeling
    find found give given gave love like likes liked day days hour hours minute minutes
    place part kind stuff fun update updates latest
    since founded established
"""
# What a bio says to its readers, not what its author is into: a journalist's "DMs open for
# tips", "views my own, RTs not endorsements" (persona round 10: "dms" and "tips" had become
# interests, and "Investor. DMs open" scored 0.68).
# German bios say it as "Hier privat", "Meinungen meine eigenen", "Selten hier" (persona round
# 19: "hier" had become a word Jonas's closest accounts share, and was named in five reasons).
_BIO_BOILERPLATE = """
    dm dms inbox tip tips email mail contact contacts enquiries inquiries booking bookings
    view views opinion opinions endorsement endorsements rt rts retweet retweets pronouns
    link links linktree website site
    hier privat meinung meinungen eigene eigenen
"""
_NOT_INTERESTS = (_GENERIC | frozenset(_COMMON_WORDS.split())
                  | frozenset(_BIO_BOILERPLATE.split()))
# Where a bio's list items end: "Shorebirds, wetlands, rock pools | climate".
_LIST_ITEM = re.compile(r"[,.;:!?|/&()\[\]·•\n]+|\s[-–—+]\s")
# A letter and a word joined by a hyphen name one thing ("K-pop", "e-sports"): from your own
# bio and posts it is read whole, never as its word alone.
_LETTER_COMPOUND = re.compile(r"(?<![\w-])[^\W\d_]-[^\W\d_]{2,}(?![\w-])")

# Shared by every component they apply to: reasons are immutable.
_NO_INTERESTS = (Reason("no interests configured", 0.0),)
_NOTHING_TO_COMPARE = (
    Reason("no bio to compare with your interests", round(NEUTRAL_VALUE - 0.5, 4)),
)
_TOO_SHORT = (
    Reason("bio too short to tell whether it fits your interests", round(NEUTRAL_VALUE - 0.5, 4)),
)
_UNREADABLE = (
    Reason(
        # Read at a glance in the review's table (persona round 16 found the longer wording
        # jargon): the script's words are looked for only as the topic list spells them.
        "bio in Japanese, Chinese, Korean, Thai or the like: no interest of yours found in it"
        " (fit unclear)",
        round(NEUTRAL_VALUE - 0.5, 4),
    ),
)
_UNREAD_LANGUAGE = (
    Reason(
        "bio in Yoruba, Igbo, Hausa or the like: no interest of yours found in it (fit unclear)",
        round(NEUTRAL_VALUE - 0.5, 4),
    ),
)
_NO_MATCH = (Reason("bio matches none of your interests", round(NO_MATCH_VALUE - 0.5, 4)),)

# Documents are scanned this many at a time: large enough that numpy's per-call overhead
# vanishes, small enough that the chunk's token list stays a few megabytes.
_CHUNK = 2048
# Joins a chunk's documents into one string so a single regex pass tokenises them all. It is a
# whitespace character to Python's regex, so URLs never run across it.
_SEP = "\x1f"
# Thousands of money or of followers ("$10k MRR", "₹10k into ₹1 lakh", "Rs 5k", "10k
# followers") are no race: the "k" is dropped before reading, so "10k" is no running word
# and the bio keeps its length (persona round 18: a forex hustler's "Turning ₹10k into ₹1
# lakh" had read as running; "thanks for 10k followers" and "$5k a month" read so too).
# Found from the number, which few places in a text start, and judged by what stands
# around it: one pattern holding the context too tried every position of every bio (1.2 s
# for 100,000 bios, where this takes 0.2 s).
_THOUSANDS = re.compile(r"(\d+(?:[.,]\d+)?)[kK]\b")
_MONEY_BEFORE = re.compile(r"(?:[$€£¥₹₦₱₩₵]|\b(?:rs|inr|usd|eur|gbp|ngn|kes|ksh)\.?)\s?\Z",
                           re.IGNORECASE)
_COUNTED_AFTER = re.compile(
    r"\s+(?:followers|subscribers|subs|views|likes|users|members|downloads|impressions|mrr"
    r"|arr|a\s+month|per\s+month|monthly)\b", re.IGNORECASE)
# A race distance the query may hold ("5k", "10k"): only a query with one reads thousands.
_RACE_DISTANCE = re.compile(r"\d+(?:[.,]\d+)?k")


def _thousands_as_numbers(found: re.Match[str]) -> str:
    said, start = found.string, found.start()
    if (_MONEY_BEFORE.search(said, max(0, start - 5), start)
            or _COUNTED_AFTER.match(said, found.end())):
        return found[1]
    return found[0]


# A code in capitals with digits after "code" is a discount's ("Code RUN40", "code: TANVI15"),
# read as "coupon" so it is no programming (the lexicon's other senses hold "use code",
# "promo code"); "code in Python", "source code" stay code. Each pattern starts with a
# literal, which `re` skips to: a pattern starting with the "C" tried every position (0.27
# s over 100,000 bios; these take 0.09 s). The word's first letter, by each pattern.
_DISCOUNT_CODE = ((re.compile(r"ode(?=:?\s+[A-Z]+\d+\b)"), "Cc"),
                  (re.compile(r"ODE(?=:?\s+[A-Z]+\d+\b)"), "C"))


def _discount_codes_as_coupons(said: str) -> str:
    """`said` with each "code" that a discount code follows written "coupon"."""
    starts = []
    for pattern, first in _DISCOUNT_CODE:
        for found in pattern.finditer(said):
            at = found.start() - 1
            if at >= 0 and said[at] in first and (
                    at == 0 or not (said[at - 1].isalnum() or said[at - 1] == "_")):
                starts.append(at)
    if not starts:
        return said
    pieces: list[str] = []
    last = 0
    for at in sorted(starts):
        pieces += (said[last:at], "coupon")
        last = at + len("code")
    pieces.append(said[last:])
    return "".join(pieces)


# The first code point of the scripts after Latin (Greek, Cyrillic, Arabic, ...): a stem
# written in one is some non-English stemmer's own (see `_Query._lexicon_stem_ids`).
_OWN_SCRIPTS_FROM = 0x0370


_SCAN_RE = re.compile(re.escape(_SEP) + "|" + text.TOKEN_RE.pattern)



# Token codes: ids >= 0 are query stems; the rest are these.
_OTHER = -1  # a content word outside the query
_BREAK = -2  # a document boundary
_STOP = -3  # a URL, mention or single character: dropped
_UNREAD = -4  # a run of a script written without spaces: dropped, but counted
_FORMER_WORD = -5  # one of FORMER_WORDS: a content word like _OTHER once it is noted
_FORMER_AT_START = -6  # one of FORMER_AT_START: _FORMER_WORD at a clause's start, else _OTHER
_UNREAD_LANGUAGE_WORD = -7  # languages.unread_function_word: counted, then a content word
# A function word: dropped before phrases are matched and lengths counted, but its languages
# (a bit mask over languages.LANGUAGES) vote for the document's language. Its code is
# _STOP_BASE - mask.
_STOP_BASE = -16

# The fewest letters each part of a compound read as a topic must have (see
# _LanguageCodes._compound).
_COMPOUND_PART = 5
# A compound read by a query word inside it (_Query.compound) may have a shorter part beside
# that word where the boundary is plain. Before it: a word that starts many compounds
# (directions, "un-", "ur-"; "Ostalpen", "Unwetter"); not any three letters, which would read
# "Signatur" as Natur. After it: an inflection or a person's suffix ("Gletschers",
# "Radsportler"), or a word of at least _SHORT_HEAD letters ("Radsportteam"; "-innen" of
# "Klimaforscherinnen").
_SHORT_MODIFIERS = frozenset((
    "un", "ur", "ost", "west", "süd", "nord", "oost", "zuid", "noord", "alt", "neu", "hoch",
    "ober", "rad", "renn", "berg",
))
_PART_ENDINGS = frozenset(("s", "e", "n", "es", "en", "er", "ern", "in", "ler"))
_SHORT_HEAD = 4
# Heads that German joins to a modifier with a linking "s", whose "s" and first letters spell
# a topic's part: "Verkehrs|ingenieur" and "Wirtschafts|ingenieur" held "singen" (music;
# persona round 19: a traffic engineer was read as a musician). A part that starts with that
# "s" after a modifier is read as the head instead.
_HEADS_AFTER_LINKING_S = ("ingenieur",)

# Term kinds, for the reasons.
_KEYWORD, _RELATED, _OWN, _LEARNED = range(4)
# A match right after one of these words is what the account used to do ("ex-textiles teacher",
# "former music journalist", "antiguo músico"): it counts FORMER_SHARE of its term's weight and
# reasons say "(former)". Only the word right before counts: "ex-banker, now knitting" knits.
FORMER_WORDS = frozenset((
    "ex", "former", "formerly", "antiguo", "antigua", "antigo", "antiga", "ancien", "ancienne",
    "ehemalig", "ehemalige", "ehemaliger", "ehemaligen", "ehem", "voormalig", "voormalige",
    "eski", "mantan", "бывший", "бывшая", "anciennement", "autrefois", "ehemals",
))
# These say "formerly" only at the start of a bio or of a clause (after punctuation or a
# symbol, not a word): "Früher Stadtplanung", "Dulu food photographer", "Antes periodista";
# elsewhere they are "earlier", "first" ("ngopi dulu", coffee first) and "before".
FORMER_AT_START = frozenset(("früher", "dulu", "antes"))
FORMER_SHARE = 0.5

IntArray = npt.NDArray[np.int64]
FloatArray = npt.NDArray[np.float64]


@dataclass(frozen=True)
class InterestProfile:
    """What the person cares about: configured keywords, their own bio and recent posts, and
    words learned from the accounts closest to them (see `learn_interests`)."""

    keywords: tuple[str, ...]
    own_bio: str = ""
    own_posts: tuple[str, ...] = ()
    learned: tuple[str, ...] = ()
    # The optional semantic backend ([interests] semantic = true, see scoring/semantic.py),
    # loaded by the caller: its bios judged off-topic but close in meaning are lifted.
    semantic: SemanticModel | None = field(default=None, compare=False, repr=False)

    def __post_init__(self) -> None:
        # "Fútbol" and "fútbol", "Python" and "python " are one interest, counted and named
        # once, as first written (persona round 14).
        first: dict[str, str] = {}
        for keyword in self.keywords:
            first.setdefault(keyword.strip().casefold(), keyword)
        if len(first) != len(self.keywords):
            object.__setattr__(self, "keywords", tuple(first.values()))


@dataclass(frozen=True, slots=True)
class _Term:
    """One query term: every way to write it (stems in a language), matched as one."""

    variants: tuple[lexicon.Variant, ...]
    label: str  # how reasons name it
    weight: float
    kind: int
    # A "(former)" term's own term (its index in the query), whose idf it shares; else -1.
    former_of: int = -1
    # Words, lower case and as written, that a compound naming this term may be made of
    # ("klima" of "Klimaforscherin"): see _Query.compound. The lexicon's German, Dutch and
    # Nordic words are looked for in any bio not plainly English; the keyword itself (whose
    # language is not known: "horse" is in no lexicon) only in one read as a language that
    # writes compounds, or "Horsepower" and "Laboratory" had mentioned horse and labor.
    parts: tuple[str, ...] = ()
    own_parts: tuple[str, ...] = ()
    # The two-word list item of your own bio this word is one of ("rock pools"): a bio that
    # matches both its words is said to mention the item, once.
    phrase: str = ""
    # A general topic's words ("umpire", "sportswriter" of sport) related to a narrower one
    # (football) are the person's only in a bio that names no sibling of it: "Cricket umpire
    # and sportswriter" is of cricket, not football (review round 18). The siblings' words:
    # the topics the general one includes or is related to, bar the person's own.
    siblings: tuple[lexicon.Variant, ...] = ()


def _content_words(document: str) -> list[str]:
    """Lowercase content words: no URLs, mentions, numbers or function words of any language."""
    return [
        w for w in text.TOKEN_RE.findall(document.lower())
        if not (text.is_noise(w) or languages.is_stop(w) or w.isdigit())
    ]


def _single(word: str) -> tuple[lexicon.Variant, ...]:
    return lexicon.variants_in_every_language(word)


def _own_variants(keyword: str) -> tuple[lexicon.Variant, ...]:
    english = lexicon.english_term(keyword)
    if english:
        return (english,)
    found = lexicon.written_as_listed(keyword)
    if _typed_as_a_name(keyword):
        written = (keyword.strip().lower(),)
        return tuple(dict.fromkeys(replace(v, written=written) for v in found))
    return found


def _only_a_place(word: str) -> bool:
    """A town or country's name that names no topic: where people are, not what they care
    about ("Toronto", "Bologna"; but "Rugby" and "Chelsea" are a sport and a club too)."""
    return names_a_place(word) and not lexicon.topics_of(word)


_WORD_RUN = re.compile(r"\w+")


def _words_of_places(bio: str) -> set[str]:
    """The words of `bio` (lower case) that belong to a place of two or three words it names
    ("são paulo", "new york", "rio de janeiro")."""
    words = _WORD_RUN.findall(bio)
    placed: set[str] = set()
    for size in (3, 2):
        for start in range(len(words) - size + 1):
            gram = words[start:start + size]
            if names_a_place(" ".join(gram)) and not lexicon.topics_of(" ".join(gram)):
                placed.update(gram)
    return placed


def _typed_as_a_name(keyword: str) -> bool:
    """A keyword the person capitalised, one plural-looking word no topic knows, that stemming
    would change ("Browns", "Bengals", "Buckeyes"): a team's or a band's name, matched as
    written, since its stem is an ordinary word's ("brown", "bengal"). "NFL" and "Python" are
    not: an acronym stems to itself, and the lexicon knows Python. Nor is a capitalised word
    that does not end in "s": German writes every noun so, and "Wetter" or "Gletscher" (which
    the English stemmer shortens by its "-er") had been matched only as written, so neither
    "Wetterdienst" nor "Gletscherforscher" could meet them (persona round 12)."""
    word = keyword.strip()
    return (
        len(word) >= 4 and word.isalpha() and word[0].isupper() and not word.isupper()
        and word.endswith("s")
        and not lexicon.topics_of(word) and text.stem(word.lower()) != word.lower()
    )


def _compound_parts(keyword: str) -> tuple[str, ...]:
    """The keyword itself as a part of compounds, when it is one word of at least
    lexicon.MIN_COMPOUND_PART letters that the lexicon does not know as English (whose words
    are not written together) and no name matched as written: "Wetter", "Alpen", "radsport"."""
    word = keyword.strip()
    if not (word.isalpha() and len(word) >= lexicon.MIN_COMPOUND_PART) \
            or lexicon.english_term(word) is not None or _typed_as_a_name(word):
        return ()
    return (word.lower(),)


def _query_terms(profile: InterestProfile) -> list[_Term]:
    terms: list[_Term] = []
    seen: set[lexicon.VariantKey] = set()

    def add(variants: Sequence[lexicon.Variant], label: str, weight: float, kind: int,
            parts: tuple[str, ...] = (), own_parts: tuple[str, ...] = (),
            phrase: str = "", siblings: tuple[lexicon.Variant, ...] = ()) -> None:
        # A way of writing already in the query keeps its first, highest weight.
        fresh = tuple(v for v in variants if v.key not in seen)
        if fresh:
            seen.update(v.key for v in fresh)
            terms.append(_Term(fresh, label, weight, kind, parts=parts, own_parts=own_parts,
                               phrase=phrase, siblings=siblings))

    keyword_topics: list[tuple[str, tuple[lexicon.Topic, ...]]] = []
    named: set[str] = set()
    owns = [_own_variants(keyword) for keyword in profile.keywords]
    # Each keyword's own words are its own, even where an earlier keyword's topic lists them:
    # "Galatasaray" after "football" is named Galatasaray, not football.
    asked = {v.key for own in owns for v in own}
    for keyword, own in zip(profile.keywords, owns, strict=True):
        topics = lexicon.topics_of(keyword)
        keyword_topics.append((keyword.strip(), topics))
        named.update(t.key for t in topics)
        label = keyword.strip()
        # The topic's other words are named as the topic ("bio mentions Serie A" of a
        # "Football journalist" said what the bio does not), and weigh a little less than
        # the keyword itself: the person asked for that word. A topic named as the keyword
        # is one term with it.
        same = [t for t in topics if t.name.casefold() == label.casefold()]
        parts = tuple(p for t in same for p in lexicon.compound_words(t.key))
        add(own + tuple(v for t in same for v in t.variants if v.key not in asked), label,
            KEYWORD_WEIGHT, _KEYWORD, parts, _compound_parts(keyword))
    # Every keyword before any keyword's topic: a word the person asked for keeps its full
    # weight and its name even when an earlier keyword's topic lists it ("Lastenrad" after
    # "Radverkehr", whose topic, cycling, holds it).
    for keyword, topics in keyword_topics:
        for topic in topics:
            if topic.name.casefold() != keyword.casefold():
                add(topic.variants, topic.name, TOPIC_WEIGHT, _KEYWORD,
                    lexicon.compound_words(topic.key))
    everything = lexicon.topics()
    own_topics = {t.key for _, topics in keyword_topics for t in topics}
    for keyword, topics in keyword_topics:
        for topic in topics:
            for key in topic.related:
                if key in named or key not in everything:
                    continue
                named.add(key)
                related = everything[key]
                siblings = tuple(
                    v for other in (*related.includes, *related.related)
                    if other not in own_topics and other in everything
                    for v in everything[other].variants) if related.includes else ()
                add(related.variants, f"{related.name} (related to {keyword})", RELATED_WEIGHT,
                    _RELATED, siblings=siblings)

    own_bio = profile.own_bio.lower()
    for compound in dict.fromkeys(_LETTER_COMPOUND.findall(own_bio)):
        # "K-pop" is one interest, not "pop" (which matched "Soda pop collector").
        add(_own_variants(compound), compound, BIO_WEIGHT, _OWN)
    placed = _words_of_places(own_bio)
    unlettered = _LETTER_COMPOUND.sub(" ", own_bio)
    # Your bio's list items of two words ("Shorebirds, wetlands, rock pools"): each word still
    # counts alone, but a bio with both is said to mention the item ("rock, pools" had split
    # it in two, persona round 16).
    phrase_of: dict[str, str] = {}
    for item in _LIST_ITEM.split(unlettered):
        pairs = [pair for pair in _post_pairs(item) if not placed.intersection(pair)]
        kept = [w for w in _content_words(item) if w not in _NOT_INTERESTS
                and w not in placed and not _only_a_place(w)]
        if len(pairs) == 1 and list(pairs[0]) == kept and pairs[0][0] != pairs[0][1]:
            for word in pairs[0]:
                phrase_of.setdefault(word, " ".join(pairs[0]))
    for word in _content_words(unlettered):
        # "Toronto illustrator": the town is where you are, which geography weighs, not an
        # interest that would lift every account that names it (persona review); nor is a
        # word of a place's name ("paulo" of São Paulo, persona round 13).
        if word not in _NOT_INTERESTS and word not in placed and not _only_a_place(word):
            add(_single(word), word, BIO_WEIGHT, _OWN, phrase=phrase_of.get(word, ""))
    for word in profile.learned:
        add(_single(word), word, LEARNED_WEIGHT, _LEARNED)

    posts_using: Counter[str] = Counter()
    pairs_using: Counter[tuple[str, str]] = Counter()
    labels: dict[str, str] = {}
    for post in profile.own_posts:
        lowered = _LETTER_COMPOUND.sub(" ", post.lower())
        post_words = [w for w in _content_words(lowered)
                      if w not in _NOT_INTERESTS and not _only_a_place(w)]
        for word in post_words:
            labels.setdefault(text.stem(word), word)
        posts_using.update({text.stem(w) for w in post_words})
        pairs_using.update(set(_post_pairs(lowered)))
    # A word from a single post is as likely chatter as an interest.
    min_posts = min(2, len(profile.own_posts))
    recurring = [(s, n) for s, n in posts_using.most_common(MAX_POST_TERMS) if n >= min_posts]
    if recurring:
        most = recurring[0][1]
        # Two words your posts write side by side each time either is written ("rock pools")
        # are one interest, matched and named whole: as two they were "bio mentions rock,
        # pools" (persona round 16), and a bio's "pools" alone said nothing of it.
        whole = {} if len(profile.own_posts) < 2 else {
            pair: n for pair, n in pairs_using.items()
            if n >= min_posts and all(posts_using[text.stem(w)] == n for w in pair)}
        joined = {text.stem(w) for pair in whole for w in pair}
        for pair, n in sorted(whole.items(), key=lambda item: -item[1]):
            phrase = " ".join(pair)
            add(_own_variants(phrase), phrase, POST_WEIGHT * n / most, _OWN)
        for stem, n in recurring:
            if stem not in joined:
                add(_single(labels[stem]), labels[stem], POST_WEIGHT * n / most, _OWN)
    return terms


def _post_pairs(lowered: str) -> list[tuple[str, str]]:
    """The pairs of interest words a post writes side by side, nothing between them."""
    tokens = text.TOKEN_RE.findall(lowered)
    keep = [not (text.is_noise(w) or languages.is_stop(w) or w.isdigit() or w in _NOT_INTERESTS
                 or _only_a_place(w)) for w in tokens]
    return [(tokens[i], tokens[i + 1]) for i in range(len(tokens) - 1)
            if keep[i] and keep[i + 1]]


def _key(lang: str, stem: str) -> str:
    return f"{lang}\x00{stem}"


class _Codes(dict[str, int]):
    """Word → token code under the English stemmer, filled lazily so each distinct word is
    stemmed only once."""

    def __init__(self, stem_ids: dict[str, int]) -> None:
        super().__init__({_SEP: _BREAK})
        self._stem_ids = stem_ids

    def __missing__(self, word: str) -> int:
        if text.is_noise(word):
            # Not remembered: URLs and handles are nearly all distinct and would only grow the map.
            # A handle counts only when the query names it ("@juventusfc" in the lexicon); any
            # other mention is a person, not a topic ("@rustlang").
            return self._stem_ids.get(_key("en", word), _STOP) if word[0] == "@" else _STOP
        if len(word) < 2:
            # Single characters say nothing, unless the query holds them: "⚽", the "1" of
            # "formula 1"; a few one-letter function words name their language.
            code = self._stem_ids.get(_key("en", word), _STOP)
            if code == _STOP and word in languages.ONE_LETTER_VOTES:
                code = _STOP_BASE - languages.STOP_MASK[word]
        elif word in languages.STOP_MASK:
            code = _STOP_BASE - languages.STOP_MASK[word]
        elif languages.unreadable(word):
            code = _UNREAD
        else:
            code = self._stem_ids.get(_key("en", text.stem(word)), _OTHER)
            if code == _OTHER and word in FORMER_WORDS:
                code = _FORMER_WORD
            elif code == _OTHER and word in FORMER_AT_START:
                code = _FORMER_AT_START
            elif code == _OTHER and languages.unread_function_word(word):
                code = _UNREAD_LANGUAGE_WORD
        self[word] = code
        return code


def _as_written(word: str) -> str:
    return word


class _LanguageCodes(dict[str, int]):
    """Word → query stem id under the stemmers of a set of languages (a bit mask over
    languages.LANGUAGES), the first that matches winning, for words English did not match: one
    language for most documents, the tied ones when function words leave a tie, every language
    but English when a document has none."""

    def __init__(self, stem_ids: dict[str, int], mask: int, whole: frozenset[int],
                 compound: Callable[[str, bool], int] | None = None) -> None:
        super().__init__()
        self._stem_ids = stem_ids
        chosen = [code for b, code in enumerate(languages.LANGUAGES) if mask >> b & 1]
        # A document read in a language that writes compounds as one word looks inside them;
        # not one of unknown language (read in every language), mostly names and hashtags.
        known = len(chosen) < len(languages.LANGUAGES) - 1
        # A language's words matched as written come before its stems (lexicon.WHOLE), in a
        # document known to be in it: an Italian bio's "Milan" is the club, but a list of
        # names of unknown language ("Designer | Milan | London") may name the city.
        as_written = lexicon.whole_languages() if known else frozenset()
        self._langs: list[tuple[str, Callable[[str], str]]] = []
        for code in chosen:
            if code in as_written:
                self._langs.append((lexicon.whole_lang(code), _as_written))
            self._langs.append((code, languages.stemmer(code)))
        self._whole = whole
        self.known: dict[str, tuple[int, ...]] = {}  # word → its readings (see readings)
        self._compounding = [(code, stem) for code, stem in self._langs
                             if known and code in languages.COMPOUNDING]
        # Compounds read by a query word inside them (_Query.compound): in a bio that may be
        # in a language that writes them, known to be or of unknown language; not in one read
        # as French or Italian, whose "milieu" and "alpenista" are no Dutch or German part.
        self._compound_part = compound if any(
            code in languages.COMPOUNDING for code in chosen) else None
        self._known = known
        if self._compounding:
            self._compounding.append(("en", text.stem))  # "Softwareentwickler"

    def readings(self, word: str) -> tuple[int, ...]:
        """Every query stem id `word` has under this table's stemmers, in their order: a phrase
        of each language is matched on its own language's reading of its words."""
        found = self.known.get(word)
        if found is None:
            ids = (self._stem_ids.get(_key(lang, stem(word)), _OTHER) for lang, stem in self._langs)
            found = self.known[word] = tuple(dict.fromkeys(i for i in ids if i >= 0))
        return found

    def __missing__(self, word: str) -> int:
        code = _OTHER
        for lang, stem in self._langs:
            code = self._stem_ids.get(_key(lang, stem(word)), _OTHER)
            if code != _OTHER:
                break
        if code == _OTHER and self._compounding and len(word) >= 2 * _COMPOUND_PART \
                and word.isalpha():
            code = self._compound(word)
        if code == _OTHER and self._compound_part is not None:
            code = self._compound_part(word, self._known)
        self[word] = code
        return code

    def _compound(self, word: str) -> int:
        """The query term a compound is made of ("Fußballspieler": football; "Hobbyfotograf":
        photographer): the first part found that is a one-word term of the lexicon, at its
        start (where German, Dutch and the Nordic languages put what a compound is about),
        else at its end, the longest first; if that term is of a topic the query does not
        hold, none. Both parts have at least _COMPOUND_PART letters, so a short word inside
        a long one ("bank" of "Blutbank") is not read as a topic."""
        ids, whole = self._stem_ids, self._whole
        if any(lexicon.names_topic(lang, stem(word)) for lang, stem in self._compounding):
            return _OTHER  # a word of another topic ("Schauspieler", not "spieler")
        splits = range(len(word) - _COMPOUND_PART, _COMPOUND_PART - 1, -1)
        for part in [word[:i] for i in splits] + [word[-i:] for i in splits]:
            for lang, stem in self._compounding:
                key = stem(part)
                if lang == "en" and len(key) < _COMPOUND_PART:
                    # An English word inside a compound is a loanword kept whole
                    # ("Softwareentwickler"); a stem it shortened is no such word: "Karte" of
                    # "Kartenspiele" read as "kart" (karting) made card games motor racing.
                    continue
                sid = ids.get(_key(lang, key))
                if sid is not None and sid in whole:
                    return sid
                if lexicon.names_topic(lang, key):
                    return _OTHER  # about another topic: "Fußballspieler" is no gamer
        return _OTHER


@dataclass(frozen=True, slots=True)
class _Matches:
    """Per-document lengths and one row per (document, matched term) with its frequency."""

    lengths: IntArray
    unread: IntArray
    doc: IntArray
    term: IntArray
    tf: IntArray
    # Per document, its function words of languages relevance cannot read.
    foreign: IntArray


class _Query:
    def __init__(self, terms: Sequence[_Term]) -> None:
        # Packs (document, term) into one integer key; at least 1 so an empty query still scans.
        # Each term has its "(former)" twin at its index + len(terms) (RelevanceScanner).
        self.n_terms = len(terms)
        self.stride = max(2 * len(terms), 1)
        stem_ids: dict[str, int] = {}
        term_of_stem: list[int] = []  # the single-stem term a stem counts for, or -1

        def stem_id(key: str) -> int:
            if key not in stem_ids:
                stem_ids[key] = len(term_of_stem)
                term_of_stem.append(-1)
            return stem_ids[key]

        # A one-word term among function words ("serie a"): the word's stem id, and the terms
        # it counts for with the words that must stand before and after it.
        # A word that must be written just so (Variant.written) is anchored the same way.
        self.anchored: dict[int, list[tuple[int, list[str], list[str], tuple[str, ...]]]] = {}
        for index, term in enumerate(terms):
            for v in term.variants:
                if v.before or v.after or v.written:
                    sid = stem_id(_key(v.lang, v.stems[0]))
                    self.anchored.setdefault(sid, []).append(
                        (index, list(v.before), list(v.after), v.written))
                elif len(v.stems) == 1:
                    sid = stem_id(_key(v.lang, v.stems[0]))
                    if term_of_stem[sid] < 0:
                        term_of_stem[sid] = index
        # Each phrase with the places of its words that are its own alone (foreign_words).
        self.phrases: list[tuple[int, IntArray, IntArray]] = []
        for index, term in enumerate(terms):
            for v in term.variants:
                if len(v.stems) > 1:
                    ids = np.array([stem_id(_key(v.lang, s)) for s in v.stems], dtype=np.int64)
                    owned = np.array(lexicon.foreign_words(v), dtype=np.int64)
                    self.phrases.append((index, ids, owned))
                for run_together in (v.joined, *v.also_joined):
                    # A run-together form that is already a query stem keeps its own meaning.
                    joined = _key(v.lang, run_together)
                    if run_together and joined not in stem_ids:
                        term_of_stem[stem_id(joined)] = index
        # Words a compound may be made of (_Term.parts), each a stem id of its own; the
        # first term to name a word keeps it, as for stems.
        part_ids: dict[str, int] = {}
        for index, term in enumerate(terms):
            for part in (*term.parts, *term.own_parts):
                if part not in part_ids:
                    part_ids[part] = stem_id(_key("+", part))
                    term_of_stem[part_ids[part]] = index
        self._part_ids = part_ids
        self._parts_re = re.compile(_trie_pattern(part_ids)) if part_ids else None
        lexicon_parts = {p for term in terms for p in term.parts}
        self._lexicon_parts_re = re.compile(_trie_pattern(lexicon_parts)) \
            if lexicon_parts else None
        self.term_of_stem = np.array(term_of_stem, dtype=np.int64)
        # Terms in a script written without spaces ("機械学習"): the tokenizer reads a bio's
        # run of that script as one word ("機械学習エンジニアです"), so they are looked for
        # inside such runs. The first term to name a string keeps it, as for stems.
        unspaced: dict[str, int] = {}
        for index, term in enumerate(terms):
            for v in term.variants:
                if len(v.stems) == 1 and not (v.before or v.after) \
                        and languages.unreadable(v.stems[0]):
                    unspaced.setdefault(v.stems[0], index)
        self.unspaced = unspaced
        # Longest first, so "機械学習" is found whole rather than as a shorter term inside it.
        self.unspaced_re = re.compile("|".join(
            re.escape(t) for t in sorted(unspaced, key=len, reverse=True))) if unspaced else None
        self.phrase_firsts: dict[int, list[tuple[int, IntArray, IntArray]]] = {}
        for index, ids, owned in self.phrases:
            self.phrase_firsts.setdefault(int(ids[0]), []).append((index, ids, owned))
        self.codes = _Codes(stem_ids)
        self._stem_ids = stem_ids
        # Each pass over the text that readies it for one kind of word is made only for a
        # query that holds that kind: race distances (thousands read as numbers first) and
        # code (a discount's read as a coupon first): 0.2 and 0.09 s over 100,000 bios.
        stems = {key.partition("\x00")[2] for key in stem_ids}
        self._reads_thousands = any(_RACE_DISTANCE.fullmatch(stem) for stem in stems)
        self._reads_discount_codes = self.codes["code"] >= 0 or self.codes["coupon"] >= 0
        # The lexicon's phrases in which a query word means something else ("Monty Python"),
        # by the stem id of their first query word, with that word's place in the phrase;
        # phrases none of whose words the query holds are never looked for.
        self.other_senses: dict[int, list[tuple[int, tuple[str, ...]]]] = {}
        # A phrase that owns a word of another topic ("Australian rules football") is that
        # word's other sense when the query does not hold the phrase itself; when it does,
        # the scan gives the word to the phrase (lexicon.foreign_words).
        asked = {v.key for term in terms for v in term.variants}
        owning = [words for words, key in lexicon.owning_phrases() if key not in asked]
        for phrase in (*lexicon.other_senses(), *owning):
            for place, sid in self._first_query_word(phrase):
                self.other_senses.setdefault(sid, []).append((place, phrase))
        self._whole = frozenset(np.flatnonzero(self.term_of_stem >= 0).tolist())
        self._language_codes: dict[int, _LanguageCodes] = {}
        # Bit b of a stop word's mask says it belongs to language b.
        self._bits = np.array([1 << b for b in range(len(languages.LANGUAGES))], dtype=np.int64)
        # Per language (its bit), the query stems that are only its own words in a bio read in it.
        self._false_friends: list[tuple[int, IntArray]] = []
        for lang, words in languages.FALSE_FRIENDS.items():
            friends = [stem_ids[k] for k in (_key("en", text.stem(w)) for w in words)
                       if k in stem_ids]
            if friends:
                bit = 1 << languages.LANGUAGES.index(lang)
                self._false_friends.append((bit, np.array(friends, dtype=np.int64)))

    def _first_query_word(self, phrase: tuple[str, ...]) -> list[tuple[int, int]]:
        """The place of `phrase`'s first word the query reads as one of its stems, with each
        stem id a bio's reading may give it: English's and every language's ("trilhas" of
        "trilhas sonoras" is only Portuguese's hiking, and a bio's token carries the code of
        the language it was read in; "salud" of "salud y belleza" is English's word of the
        keyword "salud pública" and Spanish's medicine); [] for none."""
        for place, word in enumerate(phrase):
            found = {self._stem_ids[key] for lang in languages.LANGUAGES
                     for key in (_key(lang, languages.stemmer(lang)(word)),
                                 _key(lexicon.whole_lang(lang), word))
                     if key in self._stem_ids}
            if self.codes[word] >= 0:
                found.add(self.codes[word])
            if found:
                return [(place, sid) for sid in sorted(found)]
        return []

    def compound(self, word: str, known: bool) -> int:
        """The stem id of the query term whose word (_Term.parts) `word` is a compound of, in a
        bio not plainly English; else _OTHER. Unlike _LanguageCodes._compound it reads the part
        as written, so it needs no language (a terse "Klimaforscherin | Extremwetter" has no
        function word to tell one), and it allows short parts where the boundary is plain:

        * the word before the part is nothing, of at least _COMPOUND_PART letters, or one of
          _SHORT_MODIFIERS ("Ostalpen", "Unwetterwarnungen"; not "Signatur" for "Natur");
        * the word after it is nothing, one of _PART_ENDINGS ("Radsportler", "Gletschers") or
          at least _SHORT_HEAD letters ("Radsportteam").

        A compound whose word before the part, or which as a whole, is a term of a topic the
        query does not hold is about that topic ("Fußballspieler" is no gamer). In a bio of
        unknown language (not `known`) only the lexicon's words are looked for (_Term)."""
        found = _OTHER
        pattern = self._parts_re if known else self._lexicon_parts_re
        if pattern is None or not word.isalpha():
            return found
        match = pattern.search(word)
        while match is not None:
            before, after = word[:match.start()], word[match.end():]
            linked = before != "" and match.group().startswith("s") \
                and word.startswith(_HEADS_AFTER_LINKING_S, match.start() + 1)
            if (before == "" or len(before) >= _COMPOUND_PART or before in _SHORT_MODIFIERS) \
                    and (after == "" or after in _PART_ENDINGS or len(after) >= _SHORT_HEAD) \
                    and not linked:
                if not self._of_another_topic(word) and not (
                        len(before) >= _COMPOUND_PART and self._of_another_topic(before)):
                    found = self._part_ids[match.group()]
                break
            # A part may start inside a match whose boundary did not fit.
            match = pattern.search(word, match.start() + 1)
        return found

    def _of_another_topic(self, word: str) -> bool:
        """Whether `word`, read in a language that writes compounds or in English, is a
        one-word term of some topic the query does not hold."""
        for lang in (*sorted(languages.COMPOUNDING), "en"):
            key = languages.stemmer(lang)(word)
            if lang == "en" and len(key) < _COMPOUND_PART:
                continue  # see _LanguageCodes._compound: "Karte" is no "kart"
            if lexicon.names_topic(lang, key) and _key(lang, key) not in self._stem_ids:
                return True
        return False

    def _restem(self, tokens: list[str], codes: IntArray, doc: IntArray,
                n_docs: int) -> tuple[IntArray, IntArray]:
        """Re-read, in each document's own language, the words English did not match.

        Returns the other readings of words of documents read in another language, as
        (position, stem id) pairs: a token carries one code, but a phrase is matched on its
        own language's reading of each word, whatever took the word first. "natural" is the
        English word of "natural language processing" first, and still the Spanish word of
        "procesamiento del lenguaje natural" in a Spanish bio."""
        stops = np.flatnonzero(codes <= _STOP_BASE)
        masks = _STOP_BASE - codes[stops]
        # Each document's reading: a bit mask of the languages its words are stemmed in.
        english_only = 1 << languages.ENGLISH
        every_foreign = (1 << len(languages.LANGUAGES)) - 1 - english_only
        reading = np.full(n_docs, every_foreign, dtype=np.int64)
        # Most bios are plainly English: two English function words and none of another
        # language settle it without a vote over every language.
        english = np.bincount(doc[stops], weights=masks & 1, minlength=n_docs)
        foreign = np.bincount(doc[stops], weights=(masks & 1) == 0, minlength=n_docs)
        reading[(english >= 2) & (foreign == 0)] = english_only
        undecided = reading[doc[stops]] != english_only
        stops, masks = stops[undecided], masks[undecided]
        if len(stops):
            votes = ((masks[:, None] & self._bits[None, :]) > 0).astype(np.int64)
            per_doc = np.zeros((n_docs, len(self._bits)), dtype=np.int64)
            np.add.at(per_doc, doc[stops], votes)
            # One English function word is weak evidence in a list of names and hashtags
            # ("…24.it | Politica"): such a bio is read in every language.
            most = per_doc.max(axis=1)
            best = per_doc.argmax(axis=1)
            decided = (most > 0) & ((best != languages.ENGLISH) | (english >= 2))
            # A tie reads the words in each tied language, in the order of LANGUAGES: between
            # other languages ("L'actualité en continu": "en" is French and Spanish and more),
            # and between English and another, where English reads first and the other reads
            # what English did not match ("I suoi interessi ... all'economia, alla politica":
            # "i" and the elided "all'" vote English as much as "sono" and "alla" Italian).
            tied = ((per_doc == most[:, None]) & (most[:, None] > 0)) @ self._bits
            reading[decided] = tied[decided]
        token_reading = reading[doc]
        # A word English read as part of a phrase only ("golf" of "golf course") may be a whole
        # term in the document's own language: it is read again too, and takes that term only
        # if it is one, since the word alone says more than a phrase it may start. Not in a
        # document of unknown language: tried in every language, a short English word meets
        # some stemmer's stem of a longer term ("back" is Dutch "backend").
        in_phrase = np.zeros(len(codes), dtype=bool)
        matched = codes >= 0
        in_phrase[matched] = self.term_of_stem[codes[matched]] < 0
        in_phrase &= token_reading != every_foreign
        read_abroad = (token_reading != english_only) & (token_reading != every_foreign)
        false_friend = np.zeros(len(codes), dtype=bool)
        for bit, ids in self._false_friends:
            false_friend |= read_abroad & ((token_reading & bit) > 0) & np.isin(codes, ids)
        # A plain word of the bio's language: not the topic, and not read again as one.
        codes[false_friend] = _OTHER
        # Every word of a document read in another language is read in it: one English did
        # not match, or read as part of a phrase only, may take that language's term; any
        # other reading is kept for that language's phrases.
        where = np.flatnonzero(
            (codes >= _OTHER) & (token_reading != english_only) & ~false_friend
        )
        no_readings = (np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64))
        if not len(where):
            return no_readings
        tables = self._language_codes
        new = []
        also_at: list[int] = []
        also: list[int] = []
        for position, mask in zip(where.tolist(), token_reading[where].tolist(), strict=True):
            table = tables.get(mask)
            if table is None:
                stem_ids = self._stem_ids if mask != every_foreign else self._lexicon_stem_ids()
                table = tables[mask] = _LanguageCodes(stem_ids, mask, self._whole,
                                                      self.compound)
            word = tokens[position]
            new.append(table[word])
            readings = table.known.get(word)
            if readings is None:
                readings = table.readings(word)
            if readings:
                also_at += [position] * len(readings)
                also += readings
        english = codes[where]
        new_codes = np.where(english == _OTHER, np.array(new, dtype=np.int64), english)
        keep_phrase = in_phrase[where]
        if keep_phrase.any():
            found = np.array(new, dtype=np.int64)[keep_phrase]
            whole = found >= 0
            whole[whole] = self.term_of_stem[found[whole]] >= 0
            new_codes[keep_phrase] = np.where(whole, found, english[keep_phrase])
        codes[where] = new_codes
        # The other readings: each language's, and English's where it lost the token.
        matched = english >= 0
        at = np.concatenate([np.array(also_at, dtype=np.int64), where[matched]])
        ids = np.concatenate([np.array(also, dtype=np.int64), english[matched]])
        other = ids != codes[at]
        if not other.any():
            return no_readings
        keys = np.unique(at[other] * len(self.term_of_stem) + ids[other])
        return keys // len(self.term_of_stem), keys % len(self.term_of_stem)

    def _scan_unspaced(self, tokens: list[str], unread_at: IntArray, doc: IntArray,
                       docs: list[IntArray], terms: list[IntArray]) -> dict[int, int]:
        """The query's unspaced terms inside the runs of such scripts, added to `docs` and
        `terms`; per document that matched, about how many words its runs hold (two
        characters a word, which is near the average of Chinese and Japanese words), so
        BM25 weighs the match against the document's length as it does for any other. A
        document that matched nothing keeps its runs unread: too few terms are known in these
        scripts to call it off-topic."""
        pattern = self.unspaced_re
        if pattern is None or not len(unread_at):
            return {}
        found_docs: list[int] = []
        found_terms: list[int] = []
        words: dict[int, int] = {}
        for position, document in zip(unread_at.tolist(), doc[unread_at].tolist(), strict=True):
            run = tokens[position]
            words[document] = words.get(document, 0) + max(1, len(run) // 2)
            hits = pattern.findall(run)
            if hits:
                found_docs += [document] * len(hits)
                found_terms += [self.unspaced[hit] for hit in hits]
        if not found_docs:
            return {}
        docs.append(np.array(found_docs, dtype=np.int64))
        terms.append(np.array(found_terms, dtype=np.int64))
        return {document: words[document] for document in set(found_docs)}

    def _lexicon_stem_ids(self) -> dict[str, int]:
        """The query's stems for a document of unknown language: English's, and the ones the
        lexicon lists in each language. A keyword's own word put through every stemmer is
        left out: among twenty stemmers some meets an unrelated word, and nothing says the
        short bio is in that language ("kilimo" and Swahili "kila" are both Hungarian "kil",
        "fisheries" Catalan "fish"). Kept, though, a stem in a script of its own (Arabic,
        Cyrillic, Greek): only its language's stemmer makes it, so it meets only words of
        that language (persona round 23: a Cairene's "آثار" never met the antiquities
        ministry's "والآثار", a bio of no function word)."""
        listed = lexicon.stem_keys()
        kept: dict[str, int] = {}
        for key, sid in self._stem_ids.items():
            lang, stem = key.split("\x00", 1)
            if lang == "en" or (lang, stem) in listed or (
                    lang != "en" and stem and ord(stem[0]) >= _OWN_SCRIPTS_FROM):
                kept[key] = sid
        return kept

    def _in_other_senses(self, tokens: list[str], codes: IntArray) -> IntArray:
        """The places of query words that stand in one of the lexicon's other senses."""
        found: list[int] = []
        for sid in set(np.unique(codes[codes >= 0]).tolist()) & self.other_senses.keys():
            places = np.flatnonzero(codes == sid).tolist()
            for offset, words in self.other_senses[sid]:
                for place in places:
                    start = place - offset
                    if start >= 0 and tuple(tokens[start:start + len(words)]) == words:
                        found.extend(range(start, start + len(words)))
        at = np.array(found, dtype=np.int64)
        return at[codes[at] >= 0]

    def _split_hashtag(self, found: re.Match[str]) -> str:
        """A CamelCase hashtag as its words ("#SomosChivas" is "Somos Chivas", whose "Chivas"
        is football), unless the query knows it whole ("#JavaScript", "#LaLiga"). A phrase's
        words still meet its terms as a phrase: "#DataScience" is "data science"."""
        tag = found.group()
        if self.codes[tag[1:].lower()] >= 0:
            return tag
        return text.split_camel_case(tag)

    def scan(self, documents: Sequence[str]) -> _Matches:
        joined = _SEP.join(documents)
        if joined.count(_SEP) != len(documents) - 1:
            # A document carried the separator itself; blank it so boundaries stay exact.
            joined = _SEP.join(d.replace(_SEP, " ") for d in documents)
        if "#" in joined:
            joined = text.CAMEL_HASHTAG.sub(self._split_hashtag, joined)
        if self._reads_thousands:
            joined = _THOUSANDS.sub(_thousands_as_numbers, joined)
        if self._reads_discount_codes:
            joined = _discount_codes_as_coupons(joined)
        lowered = joined.lower()
        tokens = _SCAN_RE.findall(lowered)
        # list(map(...)) then one conversion is faster than np.fromiter over the map.
        codes = np.array(list(map(self.codes.__getitem__, tokens)), dtype=np.int64)
        _mark_clause_starts(lowered, codes)
        # The chunk-local document each token belongs to: boundaries seen before it.
        doc = np.cumsum(codes == _BREAK)
        # Counted per document, then content words outside the query like any other.
        foreign_at = codes == _UNREAD_LANGUAGE_WORD
        foreign = np.bincount(doc[foreign_at], minlength=len(documents))
        codes[foreign_at] = _OTHER
        also_at, also_ids = self._restem(tokens, codes, doc, len(documents))
        if self.other_senses:
            other = self._in_other_senses(tokens, codes)
            if len(other):
                # Content words still, so the bio's length is unchanged, but no interest's.
                codes[other] = _OTHER
                unmasked = ~np.isin(also_at, other)
                also_at, also_ids = also_at[unmasked], also_ids[unmasked]
        is_former = codes == _FORMER_WORD
        codes[is_former] = _OTHER
        docs: list[IntArray] = []
        terms: list[IntArray] = []
        if self.anchored:
            # Checked on the words as written, before function words are dropped.
            for sid in set(np.unique(codes[codes >= 0]).tolist()) & self.anchored.keys():
                positions = np.flatnonzero(codes == sid).tolist()
                for index, before, after, written in self.anchored[sid]:
                    found = [
                        p for p in positions
                        if p >= len(before) and tokens[p - len(before):p] == before
                        and tokens[p + 1:p + 1 + len(after)] == after
                        and (not written or tokens[p] in written)
                    ]
                    docs.append(doc[found])
                    terms.append(np.full(len(found), index, dtype=np.int64))
        unread_at = np.flatnonzero(codes == _UNREAD)
        unread = np.bincount(doc[unread_at], minlength=len(documents))
        extra = self._scan_unspaced(tokens, unread_at, doc, docs, terms)
        keep = (codes >= _BREAK)
        raw_at = np.flatnonzero(keep)  # each kept token's place among all tokens
        codes, doc = codes[keep], doc[keep]
        # The other readings' places among the kept tokens (words all, so all kept), as keys
        # of (place, stem id) to look phrases' later words up in.
        also_at = np.searchsorted(raw_at, also_at)
        n_ids = max(len(self.term_of_stem), 1)
        also_keys = also_at * n_ids + also_ids  # sorted, as _restem returns them

        def former(positions: IntArray, index: IntArray) -> IntArray:
            """Term indices of hits at kept `positions`, moved to their "(former)" twin when
            the word right before is one of FORMER_WORDS."""
            before = raw_at[positions] - 1
            after_former = is_former[np.maximum(before, 0)] & (before >= 0)
            return np.where(after_former, index + self.n_terms, index)

        boundary = codes == _BREAK
        lengths = np.bincount(doc[~boundary], minlength=len(documents))
        if extra:
            for position, words in extra.items():
                lengths[position] += words

        hits = np.flatnonzero(codes >= 0)
        hit_terms = self.term_of_stem[codes[hits]]
        single = hit_terms >= 0
        # Words a matched phrase holds as its own (foreign_words), with the phrase's term.
        owned_at: list[IntArray] = []
        owned_by: list[IntArray] = []
        # Phrase matches: their starts, term and length, counted once owned words are known.
        matched: list[tuple[IntArray, int, int]] = []
        # The lexicon gives a query hundreds of phrases in twenty languages, but a chunk holds
        # the first word of only a few: look up only those.
        # A word's other readings count for phrases too (see _restem).
        hit_at = np.concatenate([hits, also_at])
        hit_codes = np.concatenate([codes[hits], also_ids])
        for first in set(np.unique(hit_codes).tolist()) & self.phrase_firsts.keys():
            first_positions = hit_at[hit_codes == first]
            for index, ids, owned in self.phrase_firsts[first]:
                # Phrase starts, then check the following tokens; a boundary token between two
                # documents never equals a stem id, so phrases cannot straddle documents.
                starts = first_positions[first_positions + len(ids) <= len(codes)]
                for offset in range(1, len(ids)):
                    at = starts + offset
                    found = codes[at] == ids[offset]
                    if len(also_keys):
                        found |= _in_sorted(also_keys, at * n_ids + ids[offset])
                    starts = starts[found]
                if len(starts):
                    matched.append((starts, index, len(ids)))
                    if len(owned):
                        owned_at.append((starts[:, None] + owned[None, :]).ravel())
                        owned_by.append(np.full(len(starts) * len(owned), index,
                                                dtype=np.int64))
        at, of = hits[single], hit_terms[single]
        if owned_at:
            # "futbol" of "futbol americano" counts for American football, not for fútbol
            # too, alone or in another phrase ("aficionado al futbol americano"); a term
            # that holds the phrase itself keeps it.
            owned_pos = np.concatenate(owned_at)
            owned_keys = owned_pos * self.stride + np.concatenate(owned_by)

            def taken(positions: IntArray, index: IntArray) -> npt.NDArray[np.bool_]:
                return np.isin(positions, owned_pos) & ~np.isin(
                    positions * self.stride + index, owned_keys)

            taken_away = taken(at, of)
            at, of = at[~taken_away], of[~taken_away]
            kept = []
            for starts, index, n in matched:
                span = (starts[:, None] + np.arange(n)[None, :]).ravel()
                lost = taken(span, np.full(len(span), index, dtype=np.int64))
                kept.append((starts[~lost.reshape(len(starts), n).any(axis=1)], index, n))
            matched = kept
        docs.append(doc[at])
        terms.append(former(at, of))
        for starts, index, _ in matched:
            docs.append(doc[starts])
            terms.append(former(starts, np.full(len(starts), index, dtype=np.int64)))

        # One row per (document, term) with its count.
        keys, tf = np.unique(
            np.concatenate(docs) * self.stride + np.concatenate(terms), return_counts=True
        )
        return _Matches(lengths, unread, keys // self.stride, keys % self.stride, tf,
                        foreign)


def _trie_pattern(words: Iterable[str]) -> str:
    """A regular expression matching any of `words`, the longest where several start at the
    same place, written as a trie ("klima(?:forschung|wandel)?"): Python's engine tries the
    alternatives of a flat "a|b|c" one by one at every place, a trie only the one that fits,
    about a third of the time on the words of a bio."""
    trie: dict[str, dict[str, Any]] = {}
    for word in words:
        node = trie
        for character in word:
            node = node.setdefault(character, {})
        node[""] = {}

    def branch(node: dict[str, Any]) -> str:
        branches = [re.escape(c) + branch(child) for c, child in sorted(node.items()) if c]
        if not branches:
            return ""
        inner = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        # A word ending here is matched when no longer one goes on (greedy "?").
        return f"(?:{inner})?" if "" in node else inner

    return branch(trie)


def _in_sorted(keys: IntArray, wanted: IntArray) -> npt.NDArray[np.bool_]:
    """`np.isin(wanted, keys)` for `keys` already sorted: a binary search of each, where
    `isin` sorts both again on every call (once per phrase word, 0.3 s at 100,000 bios)."""
    at = np.searchsorted(keys, wanted)
    found: npt.NDArray[np.bool_] = keys[np.minimum(at, len(keys) - 1)] == wanted
    return found


def _mark_clause_starts(lowered: str, codes: IntArray) -> None:
    """Each FORMER_AT_START word becomes _FORMER_WORD where it starts a document or a clause
    (the nearest character before it on its line, if any, is neither a letter nor a digit)
    and _OTHER elsewhere. Only a chunk holding such a word is tokenised again, for offsets."""
    lead = np.flatnonzero(codes == _FORMER_AT_START)
    if not len(lead):
        return
    starts = [m.start() for m in _SCAN_RE.finditer(lowered)]
    for position in lead.tolist():
        i = starts[position] - 1
        while i >= 0 and lowered[i] in " \t":
            i -= 1
        clause = i < 0 or not lowered[i].isalnum()
        codes[position] = _FORMER_WORD if clause else _OTHER


def _normalise(raw: FloatArray, short: npt.NDArray[np.bool_],
               related_only: npt.NDArray[np.bool_] | None = None) -> FloatArray:
    """Map raw BM25 to [0, 1] within the list.

    Matched documents (raw > 0) get MATCH_FLOOR + (1 - MATCH_FLOOR) × share, where share is the
    fraction of matched documents ranking at most as high (so the best gets 1.0 and ties share
    a value). They rank by raw score, except that a document whose matches are all related
    topics (`related_only`) ranks below every document matching the person's own words: BM25's
    list-wide idf makes a keyword half the list uses weak and a one-off related word strong,
    and "Actriz" (cinema, related to music) is no better a fit than a cumbia DJ is for a music
    journalist who asked for cumbia. Unmatched documents get NO_MATCH_VALUE, or NEUTRAL_VALUE
    when too short to judge; both lie below MATCH_FLOOR, so the mapping is monotone in
    (direct, raw score).
    """
    matched = raw > 0
    rank = raw
    if related_only is not None and related_only.any():
        # Below every other match's raw score (all > 0), in their own order among themselves.
        rank = np.where(related_only, raw - (float(raw.max()) + 1.0), raw)
    ranked = np.sort(rank[matched])
    share = np.searchsorted(ranked, rank, side="right") / max(len(ranked), 1)
    unmatched = np.where(short, NEUTRAL_VALUE, NO_MATCH_VALUE)
    return np.where(matched, MATCH_FLOOR + (1.0 - MATCH_FLOOR) * share, unmatched)


def _mention(terms: Sequence[_Term]) -> str:
    """The reason for a match: the direct topics first, then related and learned ones."""
    both = Counter(t.phrase for t in terms if t.phrase)
    direct = list(dict.fromkeys(t.phrase if both[t.phrase] > 1 else t.label
                                for t in terms if t.kind in (_KEYWORD, _OWN)))
    related = [t.label for t in terms if t.kind == _RELATED]
    learned = [t.label for t in terms if t.kind == _LEARNED]
    named_all = _outside_others(direct + related)
    shown = named_all[:SHOWN_TOPICS]
    parts = []
    if shown:
        more = len(named_all) - len(shown)
        named = ", ".join(shown)
        parts.append(f"bio mentions {named}" + (f" and {more} more" if more > 0 else ""))
    if learned:
        quoted = ", ".join(f"'{w}'" for w in learned[:SHOWN_TOPICS])
        parts.append(f"shares {quoted} with the accounts closest to you")
    return "; ".join(parts)


def _outside_others(labels: list[str]) -> list[str]:
    """`labels` without those that are words of another one: the phrase "distributed systems"
    of your own bio matched, and so, counted on their own, did its words; a reason that reads
    "distributed systems, distributed, systems" says the one thing three times."""
    padded = [f" {label.casefold()} " for label in labels]
    # A label with a note ("gamedev (former)", "sport (related to cycling)") holds no other.
    phrases = [other for other in padded if "(" not in other]
    # Nor is a word named beside a phrase that holds a form of it: "communicator" beside
    # "science communication" (persona round 16), a word of your posts beside your keyword,
    # nor "science (related to science communication)" beside the phrase its word is of.
    bare = [label.split(" (related to ", 1)[0] for label in padded]
    stems = [frozenset(map(text.stem, text.TOKEN_RE.findall(name))) if "(" not in name
             else frozenset() for name in bare]
    wholes = [words if "(" not in label else frozenset()
              for label, words in zip(padded, stems, strict=True)]
    return [label for i, (label, inside) in enumerate(zip(labels, padded, strict=True))
            if not any(inside != other and inside in other for other in phrases)
            and not (len(stems[i]) == 1 and any(
                j != i and len(other) > 1 and stems[i] < other for j, other in enumerate(wholes)))]


def score_relevance(profile: InterestProfile, documents: Sequence[str]) -> list[Component]:
    """One Component per document: an account's bio + pinned post + cached posts, joined.

    Facts: `matched` (topics found, strongest first), `bm25` (raw score) and `tokens` (content
    words in the document, after stop words are dropped).
    """
    scan = RelevanceScanner(profile).scan(documents)
    return relevance_figures(scan).components(0, len(documents))


class RelevanceScanner:
    """Scans documents for one profile's query terms; the query is built once, and a list
    may be scanned a run of documents at a time (see `joined_scans`)."""

    def __init__(self, profile: InterestProfile) -> None:
        terms = _query_terms(profile)
        # Each term's matches right after "ex"/"former" count as a term of their own (term
        # index + len(terms)): see FORMER_WORDS.
        self.terms = terms + [
            _Term(t.variants, f"{t.label} (former)", t.weight * FORMER_SHARE, t.kind, i)
            for i, t in enumerate(terms)
        ]
        self._query = _Query(terms)
        # Per general term (_Term.siblings), its siblings' words not otherwise the person's
        # ("cricket" stays a sibling of football's sport unless the person asked for it),
        # scanned for (built on first need) only in the few bios the general words meet.
        own = {v.key for t in terms if t.kind != _RELATED for v in t.variants}
        self._siblings = {
            index: tuple(v for v in t.siblings if v.key not in own)
            for index, t in enumerate(terms) if t.siblings}
        self._sibling_queries: dict[int, _Query] = {}

    def _of_siblings(self, found: _Matches, documents: Sequence[str]) -> _Matches:
        """`found` without a general term's rows in documents that name a sibling of it."""
        drop = np.zeros(len(found.term), dtype=np.bool_)
        for index, variants in self._siblings.items():
            rows = (found.term == index) | (found.term == index + self._query.n_terms)
            if not variants or not rows.any():
                continue
            if index not in self._sibling_queries:
                self._sibling_queries[index] = _Query([_Term(variants, "", 0.0, _RELATED)])
            met = np.unique(found.doc[rows])
            named = met[np.unique(
                self._sibling_queries[index].scan([documents[d] for d in met]).doc)]
            drop |= rows & np.isin(found.doc, named)
        if not drop.any():
            return found
        return replace(found, doc=found.doc[~drop], term=found.term[~drop],
                       tf=found.tf[~drop])

    def scan(self, documents: Sequence[str]) -> RelevanceScan:
        """What `documents` hold for the query, numbered from 0; rows in document order."""
        n = len(documents)
        lengths = np.zeros(n, dtype=np.int64)
        unread = np.zeros(n, dtype=np.int64)
        foreign = np.zeros(n, dtype=np.int64)
        docs: list[IntArray] = [np.zeros(0, dtype=np.int64)]
        term_parts: list[IntArray] = [np.zeros(0, dtype=np.int64)]
        tf_parts: list[IntArray] = [np.zeros(0, dtype=np.int64)]
        for start in range(0, n, _CHUNK):
            chunk = documents[start : start + _CHUNK]
            found = self._query.scan(chunk)
            if self._siblings:
                found = self._of_siblings(found, chunk)
            lengths[start : start + len(found.lengths)] = found.lengths
            unread[start : start + len(found.unread)] = found.unread
            foreign[start : start + len(found.foreign)] = found.foreign
            docs.append(found.doc + start)
            term_parts.append(found.term)
            tf_parts.append(found.tf)
        return RelevanceScan(self.terms, lengths, unread, np.concatenate(docs),
                             np.concatenate(term_parts), np.concatenate(tf_parts), foreign)


@dataclass(frozen=True)
class RelevanceScan:
    """A run of documents scanned: per document its content words, unread words and function
    words of unread languages, and one row per (document, matched term) with the term's count,
    documents numbered from 0."""

    terms: Sequence[_Term]
    lengths: IntArray
    unread: IntArray
    doc: IntArray
    term: IntArray
    tf: IntArray
    foreign: IntArray


def joined_scans(scans: Sequence[RelevanceScan]) -> RelevanceScan:
    """Consecutive runs' scans as one scan of the whole run (the scans of one scanner): the
    same arrays scanning the whole run at once gives, since each document is scanned alone."""
    if not scans:
        raise ValueError("no scans to join")
    offsets = np.cumsum([0] + [len(s.lengths) for s in scans])
    return RelevanceScan(
        scans[0].terms,
        np.concatenate([s.lengths for s in scans]),
        np.concatenate([s.unread for s in scans]),
        np.concatenate([s.doc + offset for s, offset in zip(scans, offsets.tolist(),
                                                             strict=False)]),
        np.concatenate([s.term for s in scans]),
        np.concatenate([s.tf for s in scans]),
        np.concatenate([s.foreign for s in scans]),
    )


def pack_scans(scans: Sequence[RelevanceScan]) -> bytes:
    """Scans as bytes, for a forked child to hand back: their arrays only (the terms are
    the scanner's, which the parent has)."""
    return pickle.dumps([(s.lengths, s.unread, s.doc, s.term, s.tf, s.foreign)
                         for s in scans], protocol=5)


def unpack_scans(data: bytes, terms: Sequence[_Term]) -> list[RelevanceScan]:
    # Only ever bytes from this process's own forked child.
    return [RelevanceScan(terms, *arrays) for arrays in pickle.loads(data)]


# What a document's scan makes of it, when it matched nothing (`_verdicts`).
_MATCHED, _NOTHING, _UNREADABLE_TEXT, _SHORT, _UNMATCHED, _UNREAD_LANGUAGE_TEXT = range(6)


def _in_unread_language(lengths: IntArray, foreign: IntArray) -> npt.NDArray[np.bool_]:
    """Per document, whether it is written in a language relevance cannot read."""
    return (foreign >= UNREAD_LANGUAGE_WORDS) & (foreign >= UNREAD_LANGUAGE_SHARE * lengths)


def _verdicts(lengths: IntArray, unread: IntArray, row_counts: IntArray,
              foreign: IntArray) -> IntArray:
    """Per document: matched, or why not (nothing to compare, unreadable, in a language not
    read, too short to judge, or long enough to judge and off every topic)."""
    return np.select(
        [row_counts > 0, (lengths == 0) & (unread == 0), unread >= lengths,
         _in_unread_language(lengths, foreign), lengths < MIN_TOKENS],
        [_MATCHED, _NOTHING, _UNREADABLE_TEXT, _UNREAD_LANGUAGE_TEXT, _SHORT],
        default=_UNMATCHED,
    ).astype(np.int64)


class RelevanceFigures:
    """Everything relevance knows about a whole list once it is scanned: each document's
    value (BM25 depends on the list's mean length and its terms' document counts, the value
    on the document's percentile among matched ones), so any run of the list's documents can
    be given its components alone (`components`), each as scoring the whole list gives it."""

    def __init__(self, scan: RelevanceScan) -> None:
        self.scan = scan
        n = len(scan.lengths)
        lengths, doc, term = scan.lengths, scan.doc, scan.term
        terms = scan.terms
        self.row_counts = np.bincount(doc, minlength=n)
        self.row_starts = np.concatenate(([0], np.cumsum(self.row_counts)))
        self.verdicts = _verdicts(lengths, scan.unread, self.row_counts, scan.foreign)
        if not terms:
            self.values = np.full(n, 0.5)
            self.raw = np.zeros(n)
            self.ordered_terms = term
        else:
            tf = scan.tf.astype(np.float64)
            # Okapi BM25 per (document, term) row, summed per document.
            avgdl = max(float(lengths.mean()), 1.0) if n else 1.0
            # A "(former)" match is its own term's match, for how rare the term is.
            own = np.array([t.former_of if t.former_of >= 0 else i
                            for i, t in enumerate(terms)], dtype=np.int64)
            twins = own[term] != term
            if twins.any():
                # A document counts once for a term it holds both ways.
                mine = doc[~twins] * len(terms) + term[~twins]
                theirs = np.setdiff1d(doc[twins] * len(terms) + own[term[twins]], mine)
                df = np.bincount(np.concatenate((term[~twins], theirs % len(terms))),
                                 minlength=len(terms))
            else:
                df = np.bincount(term, minlength=len(terms))
            idf = np.log1p((n - df + 0.5) / (df + 0.5))[own]
            weight = np.array([t.weight for t in terms])
            saturation = tf * (K1 + 1.0) / (tf + K1 * (1.0 - B + B * lengths[doc] / avgdl))
            contribution = weight[term] * idf[term] * saturation
            # bincount returns integers when there are no rows at all.
            self.raw = np.bincount(doc, weights=contribution, minlength=n).astype(np.float64)
            # Too little to judge: few words, or mostly a script read as whole phrases.
            unclear = ((lengths < MIN_TOKENS) | (scan.unread >= lengths)
                       | _in_unread_language(lengths, scan.foreign))
            kinds = np.array([t.kind for t in terms])
            # What the account used to do is no direct match either.
            indirect = (kinds[term] == _RELATED) | (own[term] != term)
            direct = np.bincount(doc, weights=~indirect, minlength=n) > 0
            self.values = _normalise(self.raw, unclear, (self.row_counts > 0) & ~direct)
            # Rows grouped by document, strongest term first, to name topics in order of
            # weight.
            self.ordered_terms = term[np.lexsort((-contribution, doc))]
        # Components shared by every document with the same outcome, across runs.
        self._unmatched: dict[tuple[int, int], Component] = {}
        self._topics: dict[tuple[int, ...], tuple[list[str], str]] = {}

    def weakest_evidence(self, counted: npt.NDArray[np.bool_] | None = None) -> float:
        """The least value of a document (of those `counted`) whose component is real
        evidence (confidence at least `floor`'s REAL_EVIDENCE: matched, or long enough to
        judge and off every topic); 1.0 when there is none."""
        real = (self.verdicts == _MATCHED) | (self.verdicts == _UNMATCHED)
        if not self.scan.terms:
            real = np.zeros(len(real), dtype=bool)  # no interests: confidence 0 everywhere
        if counted is not None:
            real &= counted
        return float(self.values[real].min()) if real.any() else 1.0

    def _unmatched_component(
        self, value: float, reasons: tuple[Reason, ...], tokens: int, confidence: float
    ) -> Component:
        key = (id(reasons), tokens)
        found = self._unmatched.get(key)
        if found is None:
            facts = {"matched": [], "bm25": 0.0, "tokens": tokens}
            found = self._unmatched[key] = Component(value, reasons, facts, confidence)
        return found

    def components(self, start: int, stop: int) -> list[Component]:
        """The components of documents `start` to `stop` (not included), in order."""
        lengths = self.scan.lengths[start:stop].tolist()
        if not self.scan.terms:
            with paused_gc():
                return [self._unmatched_component(0.5, _NO_INTERESTS, tokens, 0.0)
                        for tokens in lengths]
        row_counts = self.row_counts[start:stop]
        ordered_terms = self.ordered_terms[
            self.row_starts[start]:self.row_starts[stop]].tolist()
        # Per document, (matched ones only) its raw score: a list of every raw score would be
        # a Python float per document, all freed again after the loop below, in between the
        # components it keeps.
        matched_raw = iter(self.raw[start:stop][row_counts > 0].tolist())
        terms = self.scan.terms
        topics = self._topics
        components: list[Component] = []
        row = 0
        with paused_gc():
            for value, tokens, verdict, count in zip(
                self.values[start:stop].tolist(), lengths,
                self.verdicts[start:stop].tolist(), row_counts.tolist(), strict=True
            ):
                if verdict != _MATCHED:
                    if verdict == _NOTHING:
                        reasons, confidence = _NOTHING_TO_COMPARE, 0.0
                    elif verdict == _UNREADABLE_TEXT:
                        reasons, confidence = _UNREADABLE, 0.0
                    elif verdict == _UNREAD_LANGUAGE_TEXT:
                        reasons, confidence = _UNREAD_LANGUAGE, 0.0
                    elif verdict == _SHORT:
                        reasons, confidence = _TOO_SHORT, SHORT_CONFIDENCE
                    else:
                        reasons, confidence = _NO_MATCH, min(1.0, tokens / FULL_TOKENS)
                    components.append(
                        self._unmatched_component(value, reasons, tokens, confidence))
                    continue
                # Documents naming the same topics in the same order share the list and
                # reason text; a list of a million repeats a few hundred combinations.
                topic_ids = tuple(ordered_terms[row : row + count])
                row += count
                if topic_ids not in topics:
                    matched_terms = [terms[t] for t in topic_ids]
                    topics[topic_ids] = ([t.label for t in matched_terms],
                                         _mention(matched_terms))
                components.append(_Matched(value, topics[topic_ids], next(matched_raw),
                                           tokens))
        return components


def relevance_figures(scan: RelevanceScan) -> RelevanceFigures:
    return RelevanceFigures(scan)


def learn_interests(
    profile: InterestProfile, documents: Sequence[str], closeness: Sequence[float]
) -> InterestProfile:
    """Widen `profile` with words over-represented in the bios of the accounts closest to the
    person (closeness > 0: engaged with, mutual), relative to the whole list.

    Pure. A word is learned when at least LEARN_MIN_DOCS (and LEARN_MIN_SHARE) of the closest
    bios use it and it is at least LEARN_MIN_LIFT times as common among them as in the list;
    the LEARN_MAX_TERMS with the most evidence are kept. Nothing is learned for a profile with
    no interests at all (the person said nothing to widen) or too few close accounts.
    """
    close = _closest(profile, closeness)
    if not close:
        return profile
    n = len(documents)
    stems: dict[str, str] = {}  # each distinct word is stemmed once

    def stem_of(word: str) -> str:
        found = stems.get(word)
        if found is None:
            found = stems[word] = text.stem(word)
        return found

    close_df: Counter[str] = Counter()
    surface: dict[str, Counter[str]] = {}
    for i in close:
        words = {
            w for w in _content_words(documents[i])
            if w not in _NOT_INTERESTS and not languages.unreadable(w)
        }
        for word in words:
            surface.setdefault(stem_of(word), Counter())[word] += 1
        close_df.update({stem_of(w) for w in words})
    step = max(1, n // LEARN_SAMPLE)
    sample = range(0, n, step)
    all_df: Counter[str] = Counter()
    for i in sample:
        all_df.update({stem_of(w) for w in _content_words(documents[i])})
    n_close, n_all = len(close), len(sample)
    min_docs = max(LEARN_MIN_DOCS, LEARN_MIN_SHARE * n_close)
    # Words the person already named need no learning.
    known = {
        text.stem(w) for words in (*profile.keywords, profile.own_bio)
        for w in _content_words(words)
    }
    scored = []
    for stem, count in close_df.items():
        if count < min_docs or stem in known or len(stem) < 3:
            continue
        lift = (count / n_close) / ((all_df[stem] + 1) / (n_all + 1))
        # Neighbours share their town's name because they live there: "bologna" learned from
        # mutuals in Bologna lifted a shop in Bologna, Florida (persona review).
        if lift >= LEARN_MIN_LIFT and not _only_a_place(surface[stem].most_common(1)[0][0]):
            scored.append((count * float(np.log(lift)), stem))
    scored.sort(key=lambda pair: (-pair[0], pair[1]))
    learned = tuple(surface[stem].most_common(1)[0][0] for _, stem in scored[:LEARN_MAX_TERMS])
    if not learned:
        return profile
    return replace(profile, learned=learned)


def off_topic(component: Component) -> bool:
    """Whether `score_relevance` judged this document off-topic: long enough to judge, and
    matching nothing ("bio matches none of your interests")."""
    return type(component) is not _Matched and component.reasons == _NO_MATCH


def _closest(profile: InterestProfile, closeness: Sequence[float]) -> list[int]:
    """The accounts whose bios interests are learned from, closest first; none when nothing
    would be learned (no interests to widen, too few close accounts)."""
    if not (profile.keywords or profile.own_bio or profile.own_posts):
        return []
    n = len(closeness)
    close = sorted((i for i in range(n) if closeness[i] > 0), key=lambda i: -closeness[i])
    # The closest tenth of the list: enough bios to count words in, few enough that what they
    # share stands out from the whole list.
    close = close[: min(LEARN_MAX_CLOSE, max(4 * LEARN_MIN_CLOSE, n // 10))]
    if len(close) < LEARN_MIN_CLOSE or n <= len(close):
        return []
    return close


class _Matched(Component):
    """A matched document's verdict, with its reason and facts made when they are read.

    Most bios match something, and a Reason plus a facts dict of their own cost ~300 bytes an
    account; this keeps the two numbers and the topics it shares with every document that
    names the same ones.
    """

    __slots__ = ("_bm25", "_tokens", "_topics")
    _topics: tuple[list[str], str]  # the matched labels and the reason text naming them
    _bm25: float
    _tokens: int

    def __init__(
        self, value: float, topics: tuple[list[str], str], bm25: float, tokens: int
    ) -> None:
        # Component's own __init__ would assign `reasons` and `facts`, which are computed here.
        object.__setattr__(self, "value", value)
        object.__setattr__(self, "_topics", topics)
        object.__setattr__(self, "_bm25", bm25)
        object.__setattr__(self, "_tokens", tokens)
        object.__setattr__(self, "confidence", 1.0)
        self.__post_init__()

    @property
    def reasons(self) -> tuple[Reason, ...]:
        return (Reason(self._topics[1], round(self.value - 0.5, 4)),)

    def reasons_toward(self, keep: bool) -> list[Reason]:
        # Asked of every account of an `--all` export: the one reason is made only when its
        # push is on the side asked for (as Component.reasons_toward filters it).
        push = round(self.value - 0.5, 4)
        if push > 0.0 if keep else push < 0.0:
            return [Reason(self._topics[1], push)]
        return []

    @property
    def facts(self) -> Mapping[str, object]:
        return {"matched": self._topics[0], "bm25": self._bm25, "tokens": self._tokens}

    def __reduce__(self) -> tuple[type[_Matched], tuple[object, ...]]:
        # Pickled as its numbers (see quality._QualityComponent.__reduce__); the topics are
        # shared by every document naming the same ones, so pickle's memo sends each once.
        return (_Matched, (self.value, self._topics, self._bm25, self._tokens))


def pack_relevance(components: Sequence[Component]) -> bytes:
    """`score_relevance`'s components as bytes, for a forked child to hand back (see
    blend.score_all): a matched document's three numbers in arrays, and each topic list and
    each shared component (the unmatched verdicts) once, so the cost is in arrays, not in
    an object per account. `unpack_relevance` makes equal components again."""
    shared: dict[int, int] = {}
    shared_list: list[Component] = []
    topics: dict[int, int] = {}
    topic_list: list[tuple[list[str], str]] = []
    codes = []  # a topic list's index for a matched document, else -1 - a shared one's
    values, bm25, tokens = [], [], []
    for component in components:
        if type(component) is _Matched:
            found = topics.setdefault(id(component._topics), len(topic_list))
            if found == len(topic_list):
                topic_list.append(component._topics)
            codes.append(found)
            values.append(component.value)
            bm25.append(component._bm25)
            tokens.append(component._tokens)
        else:
            found = shared.setdefault(id(component), len(shared_list))
            if found == len(shared_list):
                shared_list.append(component)
            codes.append(-1 - found)
    return pickle.dumps((shared_list, topic_list, np.array(codes, dtype=np.int64),
                         np.array(values, dtype=np.float64), np.array(bm25, dtype=np.float64),
                         np.array(tokens, dtype=np.int64)), protocol=5)


def unpack_relevance(data: bytes) -> list[Component]:
    """The components `pack_relevance` packed, in order, sharing what they shared."""
    # Only ever bytes from this process's own forked child.
    shared_list, topic_list, codes, values, bm25, tokens = pickle.loads(data)
    matched = zip(values.tolist(), bm25.tolist(), tokens.tolist(), strict=True)
    components: list[Component] = []
    with paused_gc():
        for code in codes.tolist():
            if code < 0:
                components.append(shared_list[-1 - code])
            else:
                value, raw, count = next(matched)
                components.append(_Matched(value, topic_list[code], raw, count))
    return components
