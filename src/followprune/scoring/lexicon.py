"""The shipped topic lexicon (data/topics.toml): which words name the same interest, in which
language, and which interests are related.

A keyword names a topic when its stems equal one of the topic's terms' stems in that term's
language ("Data Scientist" and "data science" are both terms of `data_science`; "ML" of
`machine_learning`); then every term of the topic counts as the keyword, and the topic's
related topics count for less.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, replace
from functools import cache
from importlib import resources
from typing import Any

from followprune.scoring import languages, text

ANY = "any"  # terms every language borrows: matched with the English stemmer in every bio
# Languages without a Snowball stemmer: their terms are matched as written, in every bio.
# Japanese, Chinese and Korean, written without spaces between words (Korean attaches its
# particles), are found as substrings of a bio's runs in their script; Hindi and Urdu word by
# word (Urdu is not Arabic to the Arabic stemmer: "سیاست" spells its yeh and kaf otherwise).
AS_WRITTEN = ("ja", "zh", "ko", "hi", "ur")
# A list named LANG + WHOLE ("it_whole") holds single words matched as written (lower case,
# unstemmed) and only in a bio read in that language: an Italian bio's "Milan" is the club,
# since the city is "Milano" there, but Snowball stems both "milan", and an English bio's
# "Milan" is the city. Their variants' language is whole_lang(LANG).
WHOLE = "_whole"
# A phrase's other run-together stems (Variant.also_joined) are kept only this long: a short
# one may be a word of its own ("base di dati" runs together to Italian "based").
MIN_ALSO_JOINED = 8
# The fewest letters a word must have to be looked for inside a compound as a topic's part
# (see compound_words): a short word is inside too many others ("bank" of "Blutbank").
MIN_COMPOUND_PART = 5


def whole_lang(lang: str) -> str:
    """The language code of the variants of `lang`'s as-written words ("it" -> "it=")."""
    return f"{lang}="


# What tells two Variants apart (Variant.key): language, stems, neighbours, written forms.
VariantKey = tuple[str, tuple[str, ...], tuple[str, ...], tuple[str, ...], tuple[str, ...]]


@dataclass(frozen=True, slots=True)
class Variant:
    """One way to write a term: its stems in one language, and its run-together stem when it
    has several words (how a hashtag writes it: "#MachineLearning")."""

    lang: str
    stems: tuple[str, ...]
    joined: str = ""
    # Function words that must stand right before and after its one word, as written: a
    # phrase that is one word among function words ("serie a", "le mans") is that word only
    # in their company.
    before: tuple[str, ...] = ()
    after: tuple[str, ...] = ()
    # Other run-together stems of the same phrase: with its function words, as a hashtag
    # writes them too ("#GiochiDaTavolo"), and those of other spellings with the same stems
    # ("#GreysAnatomy" of "grey's anatomy", "#CambiamentiClimatici" of "cambiamento climatico").
    also_joined: tuple[str, ...] = ()
    # The one word as it must be written (lower case), whatever its stem: a name the person
    # typed ("Browns", "Bengals"), which stemming would let "Brown University", "Brownies"
    # and "Bengal cats" match.
    written: tuple[str, ...] = ()

    @property
    def key(self) -> VariantKey:
        """What makes two ways of writing the same: "serie a" is not "serie", and "Browns"
        as written is not any word stemmed "brown"."""
        return (self.lang, self.stems, self.before, self.after, self.written)


@dataclass(frozen=True, slots=True)
class Topic:
    key: str
    name: str
    related: tuple[str, ...]
    variants: tuple[Variant, ...]
    # Narrower topics that asking for this one asks for too ("sport" includes each sport);
    # a topic related to this one brings only this one's own words.
    includes: tuple[str, ...] = ()


def variant(lang: str, phrase: str) -> Variant | None:
    """`phrase` as written in `lang` ("any" is stemmed as English); None when it holds only stop
    words of some language, which can never be matched."""
    if lang.endswith(WHOLE):
        words = text.TOKEN_RE.findall(phrase.lower())
        if len(words) != 1 or languages.is_stop(words[0]):
            return None
        return Variant(whole_lang(lang.removesuffix(WHOLE)), (words[0],))
    # English's light stemmer leaves words of other scripts as they are.
    lang = "en" if lang == ANY or lang in AS_WRITTEN else lang
    handle = phrase.strip().lower()
    if handle.startswith("@") and text.TOKEN_RE.fullmatch(handle):
        # An account's handle ("@juventusfc"), matched whole and unstemmed, in any language:
        # naming a club's or a newspaper's account in a bio says as much as naming it.
        return Variant("en", (handle,))
    stem = languages.stemmer(lang)
    tokens = [w for w in text.TOKEN_RE.findall(phrase.lower()) if not text.is_noise(w)]
    words = [w for w in tokens if not languages.is_stop(w)]
    if len(tokens) > 1 and len(words) < 2:
        # Dropping its stop words would leave a phrase one word that means something else
        # ("le mans" "man", "k-pop" "pop", "serie a" "serie", "formula 1" "formula"): keep its
        # single characters that are no function word ("1", "k"), which the scanner keeps for
        # the query, or else match its one word only beside its function words ("Serie A"),
        # or run together ("#SerieA").
        words = [w for w in tokens if w not in languages.STOP_MASK]
        if len(words) < 2:
            content = [i for i, w in enumerate(tokens) if not languages.is_stop(w)]
            joined = stem("".join(tokens))
            if len(content) != 1:
                return Variant(lang, (joined,))
            i = content[0]
            return Variant(lang, (stem(tokens[i]),), joined, tuple(tokens[:i]),
                           tuple(tokens[i + 1:]))
    elif not words:
        # A lone pictograph or digit is a term ("⚽"); a lone letter ("c" of "c++") is not.
        words = [w for w in tokens if len(w) == 1 and not w.isalpha()]
        if not words:
            return None
    stems = tuple(stem(w) for w in words)
    joined = stem("".join(words)) if len(words) > 1 else ""
    whole = stem("".join(tokens)) if len(words) > 1 else ""
    also = (whole,) if whole != joined and len(whole) >= MIN_ALSO_JOINED else ()
    return Variant(lang, stems, joined, also_joined=also)


def variants_in_every_language(phrase: str) -> tuple[Variant, ...]:
    """`phrase` stemmed by each language's stemmer: how a keyword meets bios in any language
    ("python" in an Italian bio is stemmed as Italian)."""
    found: dict[VariantKey, Variant] = {}
    for lang in languages.LANGUAGES:
        v = variant(lang, phrase)
        if v is not None:
            found.setdefault(v.key, v)
    return tuple(found.values())


def written_as_listed(phrase: str) -> tuple[Variant, ...]:
    """`phrase` stemmed in every language, except in a language whose topic lists it as
    written (WHOLE): there it is that word as written, since its stem is another word's
    ("Wetter" and "Wetten", betting, are both German "wett")."""
    found = variants_in_every_language(phrase)
    written = {}
    for lang in whole_languages():
        v = variant(lang + WHOLE, phrase)
        if v is not None and v.key in _index():
            written[lang] = v
    if not written:
        return found
    return tuple(dict.fromkeys(written.get(v.lang, v) for v in found))


# The keys of a topic's entry that are no language: what it is called and how it stands to
# the other topics.
NOT_TERMS = ("name", "related", "owns", "includes")


@cache
def _raw() -> dict[str, Any]:
    return tomllib.loads(
        resources.files("followprune.data").joinpath("topics.toml").read_text(encoding="utf-8")
    )


@cache
def other_senses() -> tuple[tuple[str, ...], ...]:
    """The phrases of [other_senses], each as the words a bio's text is read into."""
    return tuple(tuple(text.TOKEN_RE.findall(phrase.lower()))
                 for phrase in _raw()["other_senses"]["any"])


@cache
def topics() -> dict[str, Topic]:
    """Every topic of the shipped lexicon, by key."""
    raw = _raw()
    result: dict[str, Topic] = {}
    for key, entry in raw["topics"].items():
        found: dict[VariantKey, Variant] = {}
        for lang, terms in entry.items():
            if lang in NOT_TERMS:
                continue
            for term in terms:
                v = variant(lang, term)
                if v is None:
                    continue
                kept = found.setdefault(v.key, v)
                extra = tuple(j for j in (v.joined, *v.also_joined)
                              if len(j) >= MIN_ALSO_JOINED and j != kept.joined
                              and j not in kept.also_joined)
                if extra:
                    found[v.key] = replace(kept, also_joined=kept.also_joined + extra)
        related = tuple(entry.get("related", ()))
        result[key] = Topic(key, entry["name"], related, tuple(found.values()),
                            tuple(entry.get("includes", ())))
    return result


@cache
def _index() -> dict[VariantKey, tuple[str, ...]]:
    index: dict[VariantKey, list[str]] = {}
    for topic in topics().values():
        for v in topic.variants:
            keys = index.setdefault(v.key, [])
            if topic.key not in keys:
                keys.append(topic.key)
    return {k: tuple(v) for k, v in index.items()}


@cache
def stem_keys() -> frozenset[tuple[str, str]]:
    """Every (language, stem) that some topic's term holds, its words' and run together."""
    return frozenset((v.lang, stem) for topic in topics().values() for v in topic.variants
                     for stem in (*v.stems, v.joined, *v.also_joined) if stem)


@cache
def whole_languages() -> frozenset[str]:
    """The languages that have words matched as written (see WHOLE)."""
    return frozenset(lang for lang in languages.LANGUAGES
                     if any(v.lang == whole_lang(lang)
                            for topic in topics().values() for v in topic.variants))


@cache
def compound_words(key: str) -> tuple[str, ...]:
    """The one-word terms of topic `key` in the languages that write compounds as one word
    (languages.COMPOUNDING), lower case and unstemmed, of at least MIN_COMPOUND_PART letters: the
    parts a compound about the topic may be made of ("klima" of "Klimaforscherin"). Words the
    lexicon knows as English are left out, as relevance._compound_parts leaves them out of the
    keywords."""
    entry = _raw()["topics"][key]
    found: dict[str, None] = {}
    for lang in sorted(languages.COMPOUNDING):
        for term in (*entry.get(lang, ()), *entry.get(lang + WHOLE, ())):
            word = term.strip().lower()
            # Not a word English uses too ("radio", "sport", "design"): English does not write
            # compounds as one word, and the letters start Latin and Greek words of their own
            # ("radioactive", "radiologia" are no media).
            if word.isalpha() and len(word) >= MIN_COMPOUND_PART and english_term(word) is None:
                found[word] = None
    return tuple(found)


@cache
def foreign_words(v: Variant) -> tuple[int, ...]:
    """The places of the words of phrase `v` that its topic `owns` (topics.toml) and that
    alone name another topic, not the phrase's own nor one it counts as related: "fútbol"
    of "fútbol americano" (American football is not football, which is soccer), "football"
    of "Australian rules football". A bio's such word is the phrase's, not the other
    topic's too."""
    if len(v.stems) < 2:
        return ()
    index = _index()
    own = index.get(v.key, ())
    owns = _owned_stems(v.lang, own)
    if not owns:
        return ()
    every = topics()
    near = set(own).union(*(every[k].related for k in own))
    return tuple(i for i, stem in enumerate(v.stems)
                 if stem in owns and (owners := index.get((v.lang, (stem,), (), (), ())))
                 and not near.intersection(owners))


def _owned_stems(lang: str, keys: tuple[str, ...]) -> frozenset[str]:
    """The stems, in `lang`, of the words the topics `keys` own."""
    raw = _raw()["topics"]
    found: set[str] = set()
    for key in keys:
        for word in raw[key].get("owns", ()):
            w = variant(lang if lang in languages.LANGUAGES else ANY, word)
            if w is not None and len(w.stems) == 1:
                found.add(w.stems[0])
    return frozenset(found)


@cache
def owning_phrases() -> tuple[tuple[tuple[str, ...], VariantKey], ...]:
    """Every phrase of the lexicon that owns a word of another topic (foreign_words), as the
    words a bio's text is read into, with its variant's key."""
    found: dict[tuple[str, ...], VariantKey] = {}
    for entry in _raw()["topics"].values():
        if "owns" not in entry:
            continue
        for lang, terms in entry.items():
            if lang in NOT_TERMS:
                continue
            for term in terms:
                v = variant(lang, term)
                if v is not None and foreign_words(v):
                    found.setdefault(tuple(text.TOKEN_RE.findall(term.lower())), v.key)
    return tuple(found.items())


def names_topic(lang: str, stem: str) -> bool:
    """Whether a word of `lang`, stemmed as that language stems it, is a one-word term of
    some topic ("any" terms are stemmed as English)."""
    return (lang, (stem,), (), (), ()) in _index()


def english_term(keyword: str) -> Variant | None:
    """`keyword` as English, when that is how the lexicon knows it (a term of some topic in
    English or "any"): its other languages' words are then the topic's own translations,
    not the English word put through another language's stemmer ("policy" through French
    is "polic", as "police" is)."""
    english = variant("en", keyword)
    return english if english is not None and english.key in _index() else None


def _with_included(keys: tuple[str, ...]) -> tuple[Topic, ...]:
    """The topics `keys`, each followed by the narrower topics it includes."""
    every = topics()
    found = dict.fromkeys(k for key in keys for k in (key, *every[key].includes))
    return tuple(every[k] for k in found)


def topics_of(keyword: str) -> tuple[Topic, ...]:
    """The topics `keyword` names: as English first (most keywords are), else in the first
    language whose stems of it are a topic's term."""
    index = _index()
    english = variant("en", keyword)
    if english is not None and english.key in index:
        return _with_included(index[english.key])
    for v in variants_in_every_language(keyword):
        if v.key in index:
            return _with_included(index[v.key])
    # A word some language's topic lists as written ("Wetter", which German stems as "Wetten").
    for lang in sorted(whole_languages()):
        written = variant(lang + WHOLE, keyword)
        if written is not None and written.key in index:
            return _with_included(index[written.key])
    # A keyword too short to be a term of its own ("R"): the topic of that name, if any.
    name = keyword.strip().casefold()
    return tuple(t for t in topics().values() if t.name.casefold() == name and len(name) < 2)

