"""A light English text analyser for lexical matching of short profile texts.

Lowercase, strip URLs and @mentions, split on Unicode word characters (so "#rust" is the word
"rust"), drop a small stop-word list and one-letter tokens, and fold common English suffixes so
that "investing", "investor" and "investment" all become "invest". It is deliberately small: the
stemmer only has to make the user's interests and the accounts' texts meet, and both sides go
through the same function, so a stem does not need to be a real word.
"""

from __future__ import annotations

import re
import unicodedata

# Words are runs of letters and digits: underscores split words ("open_source") and "#" is not
# a word character, so hashtags become plain words. URLs and @mentions are matched whole, first,
# so that they can be skipped: a link's path or a handle would otherwise match keywords by
# accident ("@rustlang" is a person, not a mention of Rust). Matching them in the same pass as
# words is much faster than blanking them out beforehand.
# Pictographs (emoji) are tokens of their own, one character each: "⚽" says football in any
# language. Like every single character they are dropped unless the query holds them.
# Scripts written without spaces between words (Thai, Lao, Myanmar; CJK, kana and Hangul, whose
# particles attach to the word before) are runs of their own: "Pythonが好き" is "python" and
# "が好き", so the Latin word is read; the run itself is matched by substring (relevance.py).
UNSPACED = "\u0e00-\u0eff\u1000-\u109f\u2e80-\ud7af"


def _ranges(codes: list[int]) -> str:
    """Sorted code points as the inside of a regex character class ("\\u0900-\\u0903...")."""
    out = []
    start = previous = codes[0]
    for code in [*codes[1:], -2]:
        if code != previous + 1:
            out.append(f"\\u{start:04x}" + (f"-\\u{previous:04x}" if previous > start else ""))
            start = code
        previous = code
    return "".join(out)


def _not_in_words() -> str:
    """The characters of the Basic Multilingual Plane that are neither a letter or digit nor
    a combining mark, as a class.

    Python's \\w leaves combining marks out, and the vowel signs of Devanagari, Bengali,
    Tamil, Thai and the rest are such marks: "राजनीति" (politics) read as "र", "जन", "त", so
    no word of those scripts could ever match. Worked out from the running Python's Unicode
    tables (about 20 ms, once), so it follows them."""
    bmp = "".join(map(chr, range(0x10000)))
    codes = [ord(c) for c in re.findall(r"\W", bmp)
             # Variation selectors ask for an emoji or text form: no part of a word.
             if unicodedata.category(c)[0] != "M" or "\ufe00" <= c <= "\ufe0f"]
    return _ranges(codes)


_NOT_IN_WORDS = _not_in_words()
# A word is a run of letters, digits and combining marks, in the BMP (outside the unspaced
# scripts) or, rarer, beyond it (mathematical letters "𝐁𝐨𝐥𝐝", historic scripts).
TOKEN_RE = re.compile(
    r"https?://\S+|www\.\S+|@\w+"
    rf"|[^{_NOT_IN_WORDS}_{UNSPACED}\U00010000-\U0010ffff]+"
    rf"|(?:(?=[^\W_]|[^{_NOT_IN_WORDS}])[{UNSPACED}])+"
    r"|(?:(?=[^\W_])[\U00010000-\U0001f2ff\U0001fb00-\U0010ffff])+"
    r"|[\u2600-\u27bf\U0001f300-\U0001faff]"
)

# The last line is profile boilerplate ("views my own, RTs are not endorsements"): it appears in
# so many bios that matching on it would say nothing about shared interests.
_STOP_LIST = """
    a about above after again against all also am an and any are as at be because been before
    being below between both but by can could did do does doing down during each few for from
    further had has have having he her here hers herself him himself his how i if in into is it
    its itself just me more most my myself no nor not now of off on once only or other our ours
    ourselves out over own same she should so some such than that the their theirs them
    themselves then there these they this those through to too under until up very was we were
    what when where which while who whom why will with would you your yours yourself yourselves
    don doesn didn isn aren wasn weren won couldn shouldn wouldn im ive re ve ll rt amp via
    views opinions tweets posts rts endorsement endorsements
"""
STOP_WORDS: frozenset[str] = frozenset(_STOP_LIST.split())

# (suffix, replacement), longest first: the first one that leaves a stem of at least
# _MIN_STEM letters wins. "-ly" is left out on purpose: it breaks "family", "italy", "reply";
# so is "-ation": plain "-ion" lets "creation"/"create" meet ("creat").
_SUFFIXES: tuple[tuple[str, str], ...] = (
    # The person and the adjective of a field meet the field: "biologist(s)" and "biological"
    # "biology", "economist" "economy", "scientist" "science", "agricultural" "agriculture".
    ("logists", "logy"),
    ("logist", "logy"),
    ("logical", "logy"),
    ("nomists", "nomy"),
    ("nomist", "nomy"),
    ("ntists", "nce"),
    ("ntist", "nce"),
    ("ural", "ure"),
    ("ments", ""),
    ("ings", ""),
    ("ions", ""),
    ("ment", ""),
    ("ers", ""),
    ("ors", ""),
    ("ies", "y"),
    ("ied", "y"),
    ("ing", ""),
    ("ion", ""),
    ("er", ""),
    ("or", ""),
    ("es", ""),
    ("ed", ""),
    ("s", ""),
)
_MIN_STEM = 3
# A final "s" after these is part of the word, not a plural: "class", "status", "analysis",
# "news" (which would otherwise meet "new", one of the commonest words in bios).
_NOT_PLURAL = ("ss", "us", "is", "news")
# Words that keep a stem of their own: a live streamer (gaming's term) is not what
# "streaming goals" (K-pop's fans) or "streaming service" is about. A twitcher chases rare birds;
# a "Twitch streamer" streams on Twitch (persona round 16: he had been about birds).
_OWN_STEM = {"streamer": "streamer", "streamers": "streamer", "twitcher": "twitcher",
             "twitchers": "twitcher", "twitching": "twitcher"}


def is_noise(token: str) -> bool:
    """True for the URLs and @mentions TOKEN_RE finds."""
    return token[:1] == "@" or token.startswith(("http://", "https://", "www."))


def stem(word: str) -> str:
    """Fold a lowercase word to a crude stem; words that are not plain ASCII letters pass through.

    >>> [stem(w) for w in ("investing", "investor", "investments", "invested")]
    ['invest', 'invest', 'invest', 'invest']
    """
    if not (word.isascii() and word.isalpha()):
        return word
    own = _OWN_STEM.get(word)
    if own is not None:
        return own
    base = word
    for suffix, replacement in _SUFFIXES:
        if not word.endswith(suffix):
            continue
        if suffix == "s" and word.endswith(_NOT_PLURAL):
            continue
        # "speed" and "need" are not past tenses.
        if suffix == "ed" and word.endswith("eed"):
            continue
        # "natural", "mural" and "rural" are words of their own (and "murals" would not follow).
        if suffix == "ural" and len(word) < 8:
            continue
        candidate = word[: -len(suffix)] + replacement
        if len(candidate) >= _MIN_STEM:
            base = candidate
            break
    if base != word and len(base) >= 4 and base[-1] == base[-2] and base[-1] not in "aeioulsz":
        # "running" -> "runn" -> "run", "shipping" -> "ship"; but "falls" stays "fall".
        base = base[:-1]
    if base.endswith("e") and len(base) > _MIN_STEM:
        # Drop a silent final "e" so "code"/"coding" and "create"/"creator" meet.
        base = base[:-1]
    return base


def is_stop(word: str) -> bool:
    """True for words that say nothing about a topic: stop words and single characters."""
    return len(word) < 2 or word in STOP_WORDS


def words(text: str) -> list[str]:
    """The content words of `text`, lowercase and unstemmed, in order."""
    return [t for t in TOKEN_RE.findall(text.lower()) if not (is_noise(t) or is_stop(t))]


def tokenize(text: str) -> list[str]:
    """The stems of the content words of `text`, in order."""
    return [stem(w) for w in words(text)]


# A hashtag with a capital after a small letter ("#SomosChivas", "#DataScience") or before
# one after a capital ("#NBAFinals"), in the scripts that have case (Latin, Greek, Cyrillic):
# the only ones `split_camel_case` changes.
_LOWER, _UPPER = "a-zß-öø-ÿα-ωа-яё", "A-ZÀ-ÖØ-ÞΑ-ΩА-ЯЁ"
CAMEL_HASHTAG = re.compile(
    rf"#[^\W_]*(?:[{_LOWER}][{_UPPER}]|[{_UPPER}][{_UPPER}][{_LOWER}])[^\W_]*")


def split_camel_case(word: str) -> str:
    """`word` with a space before each capital that starts a new word in it: "SomosChivas" is
    "Somos Chivas", "NBAFinals" "NBA Finals"; "iPhone" and "eSports", whose first part is one
    letter, stay whole.

    >>> split_camel_case("#VamosAtlas"), split_camel_case("#LigaMX"), split_camel_case("#iOS")
    ('#Vamos Atlas', '#Liga MX', '#iOS')
    """
    out: list[str] = []
    start = 0  # where the current part began
    for i, ch in enumerate(word):
        if i > 0 and ch.isupper():
            prev = word[i - 1]
            new_word = prev.islower() or (
                prev.isupper() and i + 1 < len(word) and word[i + 1].islower())
            part = word[start:i].lstrip("#")
            if new_word and len(part) >= 2:
                out.append(" ")
                start = i
        out.append(ch)
    return "".join(out)

