"""Topic relevance: how well each followed account's text matches the person's interests.

Each account's document (bio, pinned post and cached posts, joined by the caller) is scored with
Okapi BM25 (k1 = 1.2, b = 0.75, Lucene's always-positive idf) against one weighted query built
from the interest profile:

* each configured keyword has weight 1.0;
* each content word of the person's own bio has weight 0.5;
* up to 50 words that recur across the person's own posts (in at least two posts, when there
  are two or more) have weight up to 0.3, in proportion to how many posts use them.

A term already in the query keeps its first, highest weight. A multi-word keyword ("machine
learning") is matched only as a phrase: its content words in order, with stop words ignored
("state of the art" matches "state-of-the-art"), or as one run-together word, which is how
hashtags write it ("#MachineLearning", "#opensource"). Its words are not counted on their own,
because "learning" alone says little about machine learning.

Only the query's stems get ids; every other word maps to one "other" code. The documents are
scanned in chunks into small integer arrays, so the work is one regex pass and one dict lookup
per token, and memory is bounded by the chunk size plus one entry per (document, matched term).

The raw BM25 scores are normalised within the list (see `_normalise`): documents that match
nothing get 0.15, or a neutral 0.45 when they hold fewer than three content words (nothing to
judge by); matched documents get 0.5 + 0.5 × their percentile among matched documents, so the
best match gets 1.0. The mapping is monotone in the raw score.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from followprune.scoring import text
from followprune.scoring.components import Component, Reason, paused_gc

K1 = 1.2
B = 0.75

KEYWORD_WEIGHT = 1.0
BIO_WEIGHT = 0.5
POST_WEIGHT = 0.3
MAX_POST_TERMS = 50

# A document with fewer content words than this that matches nothing is too short to call
# off-topic: an empty bio is missing evidence, not evidence against the account.
MIN_TOKENS = 3
NEUTRAL_VALUE = 0.45
NO_MATCH_VALUE = 0.15
# Matched documents spread over (MATCH_FLOOR, 1]; any match beats no match.
MATCH_FLOOR = 0.5
# How many matched topics a reason names before saying "and N more".
SHOWN_TOPICS = 3

# Shared by every component they apply to: reasons are immutable.
_NO_INTERESTS = (Reason("no interests configured", 0.0),)
_NOTHING_TO_COMPARE = (
    Reason("no bio to compare with your interests", round(NEUTRAL_VALUE - 0.5, 4)),
)
_NO_MATCH = (Reason("bio matches none of your interests", round(NO_MATCH_VALUE - 0.5, 4)),)

# Documents are scanned this many at a time: large enough that numpy's per-call overhead
# vanishes, small enough that the chunk's token list stays a few megabytes.
_CHUNK = 2048
# Joins a chunk's documents into one string so a single regex pass tokenises them all. It is a
# whitespace character to Python's regex, so URLs never run across it.
_SEP = "\x1f"
_SCAN_RE = re.compile(re.escape(_SEP) + "|" + text.TOKEN_RE.pattern)

# Token codes: ids >= 0 are query stems; the rest are these.
_OTHER = -1  # a content word outside the query
_BREAK = -2  # a document boundary
_STOP = -3  # a stop word: dropped before phrases are matched and lengths counted

IntArray = npt.NDArray[np.int64]
FloatArray = npt.NDArray[np.float64]


@dataclass(frozen=True)
class InterestProfile:
    """What the person cares about: configured keywords plus their own bio and recent posts."""

    keywords: tuple[str, ...]
    own_bio: str = ""
    own_posts: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class _Term:
    """One query term: a single stem, or a phrase's stems in order."""

    stems: tuple[str, ...]
    label: str  # how reasons name it: the keyword as configured, or the word as the person wrote it
    weight: float
    joined: str = ""  # a phrase's run-together stem ("machinelearn"), matched as one token


def _query_terms(profile: InterestProfile) -> list[_Term]:
    terms: list[_Term] = []
    seen: set[tuple[str, ...]] = set()

    def add(term: _Term) -> None:
        if term.stems and term.stems not in seen:
            seen.add(term.stems)
            terms.append(term)

    for keyword in profile.keywords:
        stems = tuple(text.tokenize(keyword))
        joined = text.stem("".join(text.words(keyword))) if len(stems) > 1 else ""
        add(_Term(stems, keyword.strip(), KEYWORD_WEIGHT, joined))
    # Numbers in one's own text ("2024", "10x") are not interests.
    for word in text.words(profile.own_bio):
        if not word.isdigit():
            add(_Term((text.stem(word),), word, BIO_WEIGHT))

    posts_using: Counter[str] = Counter()
    labels: dict[str, str] = {}
    for post in profile.own_posts:
        post_words = [w for w in text.words(post) if not w.isdigit()]
        for word in post_words:
            labels.setdefault(text.stem(word), word)
        posts_using.update({text.stem(w) for w in post_words})
    # A word from a single post is as likely chatter as an interest.
    min_posts = min(2, len(profile.own_posts))
    recurring = [(s, n) for s, n in posts_using.most_common(MAX_POST_TERMS) if n >= min_posts]
    if recurring:
        most = recurring[0][1]
        for stem, n in recurring:
            add(_Term((stem,), labels[stem], POST_WEIGHT * n / most))
    return terms


class _Codes(dict[str, int]):
    """Word → token code, filled lazily so each distinct word is stemmed only once."""

    def __init__(self, stem_ids: dict[str, int]) -> None:
        super().__init__({_SEP: _BREAK})
        self._stem_ids = stem_ids

    def __missing__(self, word: str) -> int:
        if text.is_noise(word):
            # Not remembered: URLs and handles are nearly all distinct and would only grow the map.
            return _STOP
        code = _STOP if text.is_stop(word) else self._stem_ids.get(text.stem(word), _OTHER)
        self[word] = code
        return code


@dataclass(frozen=True, slots=True)
class _Matches:
    """Per-document lengths and one row per (document, matched term) with its frequency."""

    lengths: IntArray
    doc: IntArray
    term: IntArray
    tf: IntArray


class _Query:
    def __init__(self, terms: Sequence[_Term]) -> None:
        # Packs (document, term) into one integer key; at least 1 so an empty query still scans.
        self.stride = max(len(terms), 1)
        stem_ids: dict[str, int] = {}
        term_of_stem: list[int] = []  # the single-stem term a stem counts for, or -1

        def stem_id(stem: str) -> int:
            if stem not in stem_ids:
                stem_ids[stem] = len(term_of_stem)
                term_of_stem.append(-1)
            return stem_ids[stem]

        for index, term in enumerate(terms):
            if len(term.stems) == 1:
                term_of_stem[stem_id(term.stems[0])] = index
        self.phrases: list[tuple[int, IntArray]] = []
        for index, term in enumerate(terms):
            if len(term.stems) > 1:
                ids = np.array([stem_id(s) for s in term.stems], dtype=np.int64)
                self.phrases.append((index, ids))
                # A run-together form that is already a query stem keeps its own meaning.
                if term.joined not in stem_ids:
                    term_of_stem[stem_id(term.joined)] = index
        self.term_of_stem = np.array(term_of_stem, dtype=np.int64)
        self.codes = _Codes(stem_ids)

    def scan(self, documents: Sequence[str]) -> _Matches:
        joined = _SEP.join(documents)
        if joined.count(_SEP) != len(documents) - 1:
            # A document carried the separator itself; blank it so boundaries stay exact.
            joined = _SEP.join(d.replace(_SEP, " ") for d in documents)
        tokens = _SCAN_RE.findall(joined.lower())
        # list(map(...)) then one conversion is faster than np.fromiter over the map.
        codes = np.array(list(map(self.codes.__getitem__, tokens)), dtype=np.int64)
        codes = codes[codes != _STOP]
        boundary = codes == _BREAK
        # The chunk-local document each token belongs to: boundaries seen before it.
        doc = np.cumsum(boundary)
        lengths = np.bincount(doc[~boundary], minlength=len(documents))

        hits = np.flatnonzero(codes >= 0)
        hit_terms = self.term_of_stem[codes[hits]]
        single = hit_terms >= 0
        docs = [doc[hits[single]]]
        terms = [hit_terms[single]]
        for index, ids in self.phrases:
            # Phrase starts, then check the following tokens; a boundary token between two
            # documents never equals a stem id, so phrases cannot straddle documents.
            starts = hits[codes[hits] == ids[0]]
            starts = starts[starts + len(ids) <= len(codes)]
            for offset in range(1, len(ids)):
                starts = starts[codes[starts + offset] == ids[offset]]
            docs.append(doc[starts])
            terms.append(np.full(len(starts), index, dtype=np.int64))

        # One row per (document, term) with its count.
        keys, tf = np.unique(
            np.concatenate(docs) * self.stride + np.concatenate(terms), return_counts=True
        )
        return _Matches(lengths, keys // self.stride, keys % self.stride, tf)


def _normalise(raw: FloatArray, short: npt.NDArray[np.bool_]) -> FloatArray:
    """Map raw BM25 to [0, 1] within the list.

    Matched documents (raw > 0) get MATCH_FLOOR + (1 - MATCH_FLOOR) × share, where share is the
    fraction of matched documents scoring at most as much (so the best gets 1.0 and ties share
    a value). Unmatched documents get NO_MATCH_VALUE, or NEUTRAL_VALUE when too short to judge;
    both lie below MATCH_FLOOR, so the mapping is monotone in the raw score.
    """
    matched = raw > 0
    ranked = np.sort(raw[matched])
    share = np.searchsorted(ranked, raw, side="right") / max(len(ranked), 1)
    unmatched = np.where(short, NEUTRAL_VALUE, NO_MATCH_VALUE)
    return np.where(matched, MATCH_FLOOR + (1.0 - MATCH_FLOOR) * share, unmatched)


def _mention(labels: Sequence[str]) -> str:
    named = ", ".join(labels[:SHOWN_TOPICS])
    more = len(labels) - SHOWN_TOPICS
    return f"bio mentions {named} and {more} more" if more > 0 else f"bio mentions {named}"


def score_relevance(profile: InterestProfile, documents: Sequence[str]) -> list[Component]:
    """One Component per document: an account's bio + pinned post + cached posts, joined.

    Facts: `matched` (topics found, strongest first), `bm25` (raw score) and `tokens` (content
    words in the document, after stop words are dropped).
    """
    n = len(documents)
    if n == 0:
        return []
    terms = _query_terms(profile)
    query = _Query(terms)
    lengths = np.zeros(n, dtype=np.int64)
    docs: list[IntArray] = []
    term_parts: list[IntArray] = []
    tf_parts: list[IntArray] = []
    for start in range(0, n, _CHUNK):
        found = query.scan(documents[start : start + _CHUNK])
        lengths[start : start + len(found.lengths)] = found.lengths
        docs.append(found.doc + start)
        term_parts.append(found.term)
        tf_parts.append(found.tf)
    doc = np.concatenate(docs)
    term = np.concatenate(term_parts)
    tf = np.concatenate(tf_parts).astype(np.float64)

    # Every document with nothing matched and the same number of words gets the same verdict,
    # so they share one Component per word count.
    unmatched: dict[int, Component] = {}

    def unmatched_component(value: float, reasons: tuple[Reason, ...], tokens: int) -> Component:
        if tokens not in unmatched:
            facts = {"matched": [], "bm25": 0.0, "tokens": tokens}
            unmatched[tokens] = Component(value, reasons, facts)
        return unmatched[tokens]

    if not terms:
        with paused_gc():
            return [unmatched_component(0.5, _NO_INTERESTS, n) for n in lengths.tolist()]

    # Okapi BM25 per (document, term) row, summed per document.
    avgdl = max(float(lengths.mean()), 1.0)
    df = np.bincount(term, minlength=len(terms))
    idf = np.log1p((n - df + 0.5) / (df + 0.5))
    weight = np.array([t.weight for t in terms])
    saturation = tf * (K1 + 1.0) / (tf + K1 * (1.0 - B + B * lengths[doc] / avgdl))
    contribution = weight[term] * idf[term] * saturation
    # bincount returns integers when there are no rows at all.
    raw = np.bincount(doc, weights=contribution, minlength=n).astype(np.float64)
    values = _normalise(raw, lengths < MIN_TOKENS)

    # Rows grouped by document, strongest term first, to name topics in order of weight.
    order = np.lexsort((-contribution, doc))
    ordered_terms = term[order].tolist()
    # Per document, how many rows it has and (matched ones only) its raw score: lists of row
    # bounds and of every raw score would be a Python int or float per document, all freed
    # again after the loop below, in between the components it keeps.
    row_counts = np.bincount(doc, minlength=n)
    matched_raw = iter(raw[row_counts > 0].tolist())
    labels = [t.label for t in terms]

    components: list[Component] = []
    # Documents naming the same topics in the same order share the list and reason text; a
    # list of a million repeats a few hundred combinations.
    topics: dict[tuple[int, ...], tuple[list[str], str]] = {}
    row = 0
    with paused_gc():
        for value, tokens, count in zip(
            values.tolist(), lengths.tolist(), row_counts.tolist(), strict=True
        ):
            if not count:
                reasons = _NOTHING_TO_COMPARE if tokens < MIN_TOKENS else _NO_MATCH
                components.append(unmatched_component(value, reasons, tokens))
                continue
            topic_ids = tuple(ordered_terms[row : row + count])
            row += count
            if topic_ids not in topics:
                matched = [labels[t] for t in topic_ids]
                topics[topic_ids] = matched, _mention(matched)
            components.append(_Matched(value, topics[topic_ids], next(matched_raw), tokens))
    return components


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

    @property
    def facts(self) -> Mapping[str, object]:
        return {"matched": self._topics[0], "bm25": self._bm25, "tokens": self._tokens}
