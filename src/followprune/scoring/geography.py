"""Geography component: how close an account's profile location is to the user's home and regions.

Unknown is the usual case (a third of profiles name no real place), so it scores a neutral 0.5
and is never treated as "elsewhere"; its confidence is 0, so the blend gives its weight to the
components that have evidence and a blank location is never worth more than a real one.
A text naming several places ("London / NYC") is scored by the place that suits the user best.
The resolver lives in ``geo_resolver``.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from dataclasses import replace
from functools import lru_cache

from followprune.scoring.geo_resolver import (
    _FLAG,
    _PART_SEP,
    _PRONOUN,
    Place,
    country_display_name,
    load_data,
    names_a_place,
    normalize,
    resolve_code,
    resolve_location,
)

__all__ = [
    "Place",
    "best_reading",
    "describe_place",
    "describe_setting",
    "geography_confidence",
    "geography_score",
    "home_region_named",
    "location_of",
    "resolve_location",
    "resolve_setting",
    "resolve_shown",
    "setting_area",
    "wider_than_written",
    "with_iso_region",
]

SAME_METRO = 1.0
# In one of your regions that lies inside your home country ("Bayern" for a Münchner with
# Wien too): you named it, so it is nearer you than the rest of the country.
IN_HOME_REGION = 0.9
SAME_COUNTRY = 0.8
IN_REGION = 0.7
ELSEWHERE = 0.3
UNKNOWN = 0.5
# Two cities closer than this are one metro area (Brooklyn and Manhattan, Oakland and SF).
METRO_KM = 50.0
# Countries that are a single city: the same country is the same metro.
CITY_STATES = frozenset({"SG", "HK", "MO", "MC", "VA", "GI"})


# Where a bio says where its author is, for a profile with no location of its own: Bluesky has
# no location field, and many write "📍 Montréal" or "Berlin-based illustrator" instead.
# A pin runs to the end of its line or the next separator; "based/living in" to the end of
# its clause; "X-based" takes the one or two capitalised words before it.
_PIN = re.compile(r"📍\ufe0f?\s*:?\s*([^\n|•·;—()\U0001F000-\U0001FAFF]{2,60})")
_BASED_IN = re.compile(
    r"\b(?:based|living|lives|located|live)\s+in\s+([^\n|•·;.!?()—]{2,60}?)"
    r"(?=\s+(?:and|&|but|with|where|working|since)\b|[\n|•·;.!?()—]|$)", re.IGNORECASE)
_X_BASED = re.compile(r"\b((?:[^\W\d_][\w.]*\s)?[^\W\d_][\w.]*)-based\b")
# "…and waterbirds. Naarm-based": a sentence's end cuts the name ("D.C." has no space after
# its dots, so it stays whole).
_SENTENCE_END = re.compile(r"[.!?]\s+")
# "大阪在住", "京都に住んでいます": living in. "出身" (from) is where one was born, not where
# one is, so it is not read. "福岡拠点", "東京を拠点に活動" (based in: persona round 20, as
# "X-based" is read).
_JA_LIVING = re.compile(r"([\u4e00-\u9fff\u30a0-\u30ff\u3005]{1,12})(?:在住|に住んで|住み|を?拠点)")
# "Musician from Lagos": a capitalised name after "from"; "originally from", "born in" say
# where one came from, not where one is.
_FROM = re.compile(r"\bfrom\s+"
                   r"([A-Z][^\W\d_]+(?:[ -](?:[A-Z][^\W\d_]+|de|del|da|do|upon|on|am))*"
                   r"(?:,\s*[A-Z][^\W\d_]+)?)")
_ORIGIN = re.compile(r"\b(?:originally|born|raised|hailing)\s+(?:and\s+raised\s+)?$",
                     re.IGNORECASE)
# What sets a bio's parts apart: a bar, a bullet, a slash, a line, a dash, an arrow (its last
# part is where one went: "神戸→メルボルン"), an emoji other than a flag, or a sentence's end
# after a word of three letters or more ("St. Kilda" stays whole).
_BIO_SEP = re.compile(
    r"[|•·/\\\n—–→⇒➡\u2600-\u27bf\U0001F000-\U0001F1E5\U0001F200-\U0001FAFF\ufe0f\u200d]"
    r"|->|\s-\s|[.!?](?<=\w{3}[.!?])(?=\s|$)|[。！？]")
# "神戸→メルボルン": where one went is after the arrow, and where one came from before it.
_ARROW = re.compile(r"→|->|⇒|➡")
# How much of each end of a bio is looked at for a part that is a place: a place's name
# is five words at most ("Rio de Janeiro, Brazil").
_BIO_END = 60
_NAME_START = re.compile(r"[A-Z]|[^\x00-\x7f]")
# Words joining a place's name ("Rio de Janeiro", "Stratford-upon-Avon").
_NAME_JOINS = frozenset({"de", "del", "da", "do", "dos", "das", "la", "le", "les", "el",
                         "upon", "on", "am", "an", "der", "of", "sur", "en"})
# Rules that read a text whole as a place's name, not one mentioned among other words
# ("mention": "Phoenix rising", "Chile con carne").
_NAME_RULES = frozenset({"city", "alias", "region", "country-name", "city-state", "flag"})
# Flags worn for a cause at least as often as for a home: alone they locate nobody.
_CAUSE_FLAGS = frozenset({"UA", "PS", "IL"})
# Cheap first looks, each for its pattern: nearly no bio holds any of these.
_IN_WORDS = ("based in", "living in", "lives in", "located in", "live in")


def location_of(location: str, bio: str) -> str:
    """The location a profile gives: its own field, else a place its bio names as where its
    author is, else nothing. In order: "📍 Montréal", "based in Nairobi", "Berlin-based",
    "大阪在住"; then a part of the bio set apart that is wholly a place's name ("… | Naarm",
    "Melb | she/her", "神戸→メルボルン": its last part first); then "from Lagos"; then a
    single flag ("Boulangère 🇫🇷"). A phrase counts only if it resolves to a place: "based
    in reality" is no location, and a part must be a well-known name, not a word
    ("Paradise", "Mentor")."""
    if location.strip() or not bio:
        return location
    found = []
    if "📍" in bio:
        found += [m.group(1) for m in _PIN.finditer(bio)]
    lowered = bio.lower()
    if any(words in lowered for words in _IN_WORDS):
        found += [m.group(1) for m in _BASED_IN.finditer(bio)]
    if "-based" in lowered:
        # "Plant-based" and "evidence-based" are ways of working: only a capitalised name.
        found += [said for m in _X_BASED.finditer(bio)
                  if (said := _SENTENCE_END.split(m.group(1))[-1])[:1].isupper()]
    if "住" in bio or "拠点" in bio:
        found += [m.group(1) for m in _JA_LIVING.finditer(bio)]
    for said in found:
        # No place's name runs past five words ("Rio de Janeiro, Brazil"): the rest is the
        # clause going on, and resolving it whole costs the most.
        text = " ".join(said.split()[:5]).strip(" ,:-")
        if text and resolve_location(text).known:
            return text
    return _bio_part(bio) or _bio_from(bio) or _bio_flag(bio) or location


def _bio_part(bio: str) -> str | None:
    """The last, else the first, part of a bio that is wholly a place's name, with the
    pronouns taken out ("Melb | she/her"); in a part with commas, also its last piece
    ("Data scientist, Melbourne")."""
    if "/" in bio:
        bio = _PRONOUN.sub(" ", bio)
    # Only the two ends are split, as splitting whole bios had tripled the time a list's
    # locations take; a window with no separator in it holds no whole part.
    if len(bio) <= _BIO_END:
        parts = _parts(_BIO_SEP.split(bio))
        ends = parts[-1:] + parts[:1]
    else:
        ends = []
        # A place's name starts with a capital or a letter of another script: an end
        # without one needs no splitting (most bios end in lower case).
        if _NAME_START.search(bio, len(bio) - _BIO_END):
            tail = _BIO_SEP.split(bio[-_BIO_END:])
            if len(tail) > 1:
                ends += _parts(tail)[-1:]
        if _BIO_SEP.search(bio, 0, _BIO_END):
            ends += _parts(_BIO_SEP.split(bio[:_BIO_END]))[:1]
    if _ARROW.search(bio):
        came_from = _ARROW.split(bio)
        went = _parts(_BIO_SEP.split(came_from[-1][:_BIO_END]))[:1]
        ends = went + [e for e in ends if not came_from[0].rstrip().endswith(e.rstrip())]
    for part in dict.fromkeys(ends):
        text = part.strip().strip(" .,;:")
        for said in (text, text.rsplit(",", 1)[-1].strip()) if "," in text else (text,):
            if _is_place_name(said):
                return said
    return None


def _parts(split: list[str]) -> list[str]:
    return [p for p in split if p and p.strip(" .,")]


def _bio_from(bio: str) -> str | None:
    if "from " not in bio.lower():
        return None
    for m in _FROM.finditer(bio):
        if _ORIGIN.search(bio[:m.start()]) is None and _is_place_name(m.group(1)):
            return m.group(1)
    return None


def _bio_flag(bio: str) -> str | None:
    """A bio's one country flag, when it names no other ("Gamer and anime fan 🇯🇵")."""
    flags = set(_FLAG.findall(bio))
    if len(flags) != 1:
        return None
    flag = "".join(flags.pop())
    place = resolve_location(flag)
    return flag if place.known and place.country not in _CAUSE_FLAGS else None


def _is_place_name(text: str) -> bool:
    """Whether a text, taken out of a bio, is wholly a well-known place's name, read with
    confidence: each word a capitalised name (or "de", "upon"…) and not a word that a
    bio uses for itself ("Mentor", "Paradise")."""
    words = [w for w in re.split(r"[\s,]+", _FLAG.sub(" ", text)) if w]
    if not words or len(words) > 5:
        return False
    if not all(w[:1].isupper() or w in _NAME_JOINS or not w[:1].isascii() or w.isupper()
               for w in words):
        return False
    pieces = text.split(",")
    if len(pieces) > 3 or (len(pieces) > 1 and resolve_location(pieces[-1]).city is not None):
        # "Kawakami, Tawada, Murata": a list of names, not a town and what holds it
        # ("Kyoto, Japan", "Perth, WA"), whose last piece is a country or a region.
        return False
    place = resolve_location(text)
    if not place.known or place.rule not in _NAME_RULES or place.confidence < 0.8:
        return False
    # One word alone must be a name people share by living there (a city of 50,000 or
    # more, a region, a country, a curated name): a smaller town is too often a word.
    return len(words) > 1 or names_a_place(words[0])


# Areas people name as one that are several regions or countries. In the home, regions and
# keep_places settings each is read as all its parts ("Midwest" as its twelve states, "関西"
# as its six prefectures), where before the setting was refused as its whole country
# (persona rounds 20 and 21: a Midwesterner and an Osakan could not name where they care
# about). In profiles nothing changes: "Midwest" on a profile still says the United States.
_MIDWEST = ("US-IL", "US-IN", "US-IA", "US-KS", "US-MI", "US-MN", "US-MO", "US-NE", "US-ND",
            "US-OH", "US-SD", "US-WI")
_NEW_ENGLAND = ("US-CT", "US-ME", "US-MA", "US-NH", "US-RI", "US-VT")
_PACIFIC_NORTHWEST = ("US-WA", "US-OR", "US-ID")
_KANSAI = ("JP-25", "JP-26", "JP-27", "JP-28", "JP-29", "JP-30")
_KANTO = ("JP-08", "JP-09", "JP-10", "JP-11", "JP-12", "JP-13", "JP-14")
_NORDESTE = ("BR-MA", "BR-PI", "BR-CE", "BR-RN", "BR-PB", "BR-PE", "BR-AL", "BR-SE", "BR-BA")
_NORDICS = ("DK", "NO", "SE", "FI", "IS")
_GULF = ("SA", "AE", "QA", "KW", "BH", "OM")
_SETTING_AREAS: dict[str, tuple[str, ...]] = {
    "midwest": _MIDWEST, "us midwest": _MIDWEST, "american midwest": _MIDWEST,
    "new england": _NEW_ENGLAND,
    "pacific northwest": _PACIFIC_NORTHWEST, "pnw": _PACIFIC_NORTHWEST,
    "kansai": _KANSAI, "関西": _KANSAI, "関西地方": _KANSAI, "近畿": _KANSAI,
    "近畿地方": _KANSAI, "kinki": _KANSAI,
    "kanto": _KANTO, "kantō": _KANTO, "関東": _KANTO, "関東地方": _KANTO,
    "nordeste": _NORDESTE, "northeast brazil": _NORDESTE, "nordeste brasileiro": _NORDESTE,
    "scandinavia": ("DK", "NO", "SE"), "nordics": _NORDICS, "nordic countries": _NORDICS,
    "benelux": ("BE", "NL", "LU"), "dach": ("DE", "AT", "CH"),
    "gcc": _GULF, "gulf states": _GULF, "الخليج": _GULF,
}


def setting_area(text: str) -> tuple[str, ...]:
    """The codes of the regions or countries an area named in a setting stands for ("Midwest",
    "the Nordics", "関西"), or () when the text names no such area."""
    key = " ".join(text.lower().split())
    return _SETTING_AREAS.get(key.removeprefix("the "), ())


def resolve_setting(text: str, home: Sequence[Place] = ()) -> Place:
    """Resolve the user's home/region setting: an ISO code ("DE", "us", "DEU") or a place name.
    With `home` (for regions and keep_places), a first-level region's abbreviation in a home
    country is that region ("Vic" is Victoria to someone at home in Melbourne, not Vic in
    Spain; see ``home_region_named``).

    Codes are accepted only here; in profiles two letters are usually words ("IN", "OR").
    """
    return home_region_named(text, home) or resolve_code(text) or resolve_location(text)


def home_region_named(text: str, home: Sequence[Place]) -> Place | None:
    """A first-level region of a home country that the text abbreviates, as people there
    write it: "VIC", "Vic", "NSW", "Qld" in Australia, "CA", "TX" in the United States.
    Two letters only in capitals: "me", "in", "or" are words. None without a home."""
    countries = {h.country for h in home if h.country}
    code = text.strip().removesuffix(".")
    if not countries or not (3 <= len(code) <= 4 or (len(code) == 2 and code.isupper())):
        return None
    data = load_data()
    alias = data.aliases.get(code.lower())
    if alias is not None and alias.city is not None and alias.country not in countries:
        # A code the table reads as a city abroad keeps it: "KL" is Kuala Lumpur, not Kerala,
        # to someone at home in India (persona round 18).
        return None
    for country, region in data.region_codes.get(code.upper(), ()):
        if country in countries and code.isalpha():
            return Place(country, region, None, 0.85, "region-code", text=text)
    return None


# City nicknames that name different cities in different countries, each read as its home
# country's city by someone at home there: "Garden City" is Port Harcourt to a Nigerian (persona
# round 15), Christchurch to a New Zealander and Singapore to anyone else; "Steel City" is
# Sheffield in Britain and Pittsburgh in the United States. A nickname no country has here
# is read as the resolver reads it for anyone. Each city as its own text resolves it.
_HOME_NICKNAMES: dict[str, dict[str, str]] = {
    "garden city": {"NG": "Port Harcourt, Nigeria", "NZ": "Christchurch, New Zealand"},
    "oil city": {"NG": "Port Harcourt, Nigeria"},
    "steel city": {"GB": "Sheffield, England", "US": "Pittsburgh, Pennsylvania",
                   "CA": "Hamilton, Ontario", "IN": "Jamshedpur, India",
                   "AU": "Wollongong, Australia"},
    "granite city": {"GB": "Aberdeen, Scotland"},
    "big smoke": {"GB": "London, England", "AU": "Sydney, Australia",
                  "IE": "Dublin, Ireland"},
    "windy city": {"NZ": "Wellington, New Zealand"},
    "emerald city": {"US": "Seattle, Washington"},
    "city of gold": {"ZA": "Johannesburg, South Africa", "AE": "Dubai"},
    "fair city": {"IE": "Dublin, Ireland"},
    "rose city": {"US": "Portland, Oregon"},
    # Read as California by anyone else ("Cali" is California in American profiles), but to a
    # Colombian it is Cali, a city of 2.2 million; and "La Candelaria", a town's name in
    # several countries, is Bogotá's old town (persona round 17).
    "cali": {"CO": "Cali, Colombia"},
    "la candelaria": {"CO": "Bogotá, Colombia"},
    # To an Indian, "Whitefield" is Bengaluru's IT district (a town near Manchester to
    # anyone else) and "HSR" its HSR Layout (high-speed rail, or a Swiss college, elsewhere)
    # (persona round 18).
    "whitefield": {"IN": "Bengaluru, India"},
    "hsr": {"IN": "Bengaluru, India"},
    # Pilsen is Chicago's Mexican-American neighbourhood to an American (Plzeň, in English,
    # to anyone else) (persona round 21).
    "pilsen": {"US": "Chicago, Illinois"},
}


def home_nickname(text: str, home: Sequence[Place]) -> Place | None:
    """The city a nickname names in a home country (see ``_HOME_NICKNAMES``), as sure as an
    alias; None without a home, or when no home country has a city of that nickname."""
    countries = {h.country for h in home if h.country}
    if not countries or len(text) > 40:
        return None
    cities = _HOME_NICKNAMES.get(normalize(text).removeprefix("the "))
    if cities is None:
        return None
    for country, city in cities.items():
        if country in countries:
            found = resolve_location(city)
            if found.country == country:
                return replace(found, confidence=0.85, rule="home-nickname", text=text,
                               also=(), namesakes=())
    return None


def _home_reading(text: str, home: Sequence[Place]) -> Place | None:
    """What a text means only to someone at home in a country: a region it abbreviates
    there, else a city it nicknames there."""
    return home_region_named(text, home) or home_nickname(text, home)


def with_iso_region(place: Place) -> Place:
    """The place as shown to people: its region (and those of the other places its text
    names) as ISO 3166-2 ("MX-JAL"), which they can write back as a setting; a GeoNames
    admin1 code the table cannot map ("MX.14" style) means nothing outside it and is left
    out."""
    region = load_data().iso_region(place.region)
    if region is not None and "." in region:
        region = None
    also = tuple(with_iso_region(p) for p in place.also)
    city = _city_as_written(place)
    if region == place.region and also == place.also and city == place.city:
        return place
    return replace(place, region=region, also=also, city=city)


def _city_as_written(place: Place) -> str | None:
    """The city's name, with "St" or "Ste" kept as the text wrote it: GeoNames names St Kilda
    "Saint Kilda", which no Melburnian writes."""
    city = place.city
    if city is None or not city.startswith(("Saint ", "Sainte ")):
        return city
    saint, rest = city.split(" ", 1)
    short = "Ste" if saint == "Sainte" else "St"
    written = re.search(rf"\b({short}\.?)\s+{re.escape(rest)}\b", place.text, re.IGNORECASE)
    return f"{short}{written.group(1)[len(short):]} {rest}" if written else city


def resolve_shown(text: str, home: Sequence[Place] = (),
                  regions: Sequence[Place] = ()) -> Place:
    """`prune locate`'s reading of a text: as a profile location, or, for an ISO 3166-2 code
    ("MX-JAL", "us-oh") that no profile reading takes, as a setting reads it, since the
    setting's hint sends people to check such codes here; regions in ISO form. With a home
    or regions, the reading a review scores for that reader first ("Richmond" is
    Melbourne's to a Melburnian; see ``best_reading``), with the other places the text
    names after it."""
    place = resolve_location(text)
    if not place.known and _ISO_SUBDIVISION.fullmatch(text.strip()):
        place = resolve_code(text) or place
    best = best_reading(place, home, regions) if home or regions else None
    if best is not None and best is not place:
        others = tuple(p for p in place.places if p is not best)
        place = replace(best, text=place.text,
                        also=others if best in place.places else place.also)
    return with_iso_region(place)


_ISO_SUBDIVISION = re.compile(r"[A-Za-z]{2}-[A-Za-z0-9]{1,3}")


def wider_than_written(text: str, place: Place) -> bool:
    """Whether a setting names an area the table knows only by its country ("Dolomiti",
    "Allgäu", "Salzkammergut": across regions), so it would stand for the whole country.
    The review refuses such a setting rather than widen it silently."""
    if place.rule != "alias" or place.region is not None or place.city is not None:
        return False
    alias = load_data().aliases.get(normalize(text))
    return alias is not None and alias.area


@lru_cache(maxsize=65536)
def describe_place(place: Place) -> str:
    """ "Berlin, Germany", "Texas, the United States", "Japan"; a part of a city as its text
    places it ("Kreuzberg, Berlin, Germany" for "Berlin-Kreuzberg")."""
    if place.country is None:
        return "an unknown place"
    country = country_display_name(place.country)
    if place.city:
        city = _city_around(place)
        name = _city_as_written(place)
        return f"{name}, {city}, {country}" if city else f"{name}, {country}"
    if place.region:
        region = load_data().region_display.get(place.region)
        if region:
            return f"{region}, {country}"
    return country


def describe_setting(area: Place) -> str:
    """A home, region or keep_places setting in a reason: as ``describe_place``, and when the
    user's own word named an area read as its region, that word after it ("Trentino-Alto
    Adige, Italy, from your 'Südtirol'"): the region is what was matched, so it comes first,
    and an account in Trento is not said to be in Südtirol."""
    where = describe_place(area)
    if area.rule == "alias" and area.region is not None and area.city is None:
        return f"{where}, from your '{area.text.strip()}'"
    return where


def _ends(text: str) -> list[str]:
    """The first and last part of a text of several ("Kreuzberg, Berlin", "Berlin-Kreuzberg",
    "Neubau, Wien"); none for a text of one part."""
    if "-" not in text and not _PART_SEP.search(text):
        return []
    parts = [p for part in _PART_SEP.split(text) for p in part.split("-") if p.strip()]
    return [parts[0], parts[-1]] if len(parts) > 1 else []


def _city_around(place: Place) -> str | None:
    """The city a part of a city lies in, when the text names both ("Berlin-Kreuzberg",
    "Neubau, Wien"): the other end, a bigger city of the same region within its metro
    distance ("Wien-Neubau" read as Vienna gets none; "Potsdam, Berlin" none either, as
    Potsdam is Brandenburg's). Distance alone cannot tell a district from a town, so a part
    named alone gets none. The other end is looked up as a city name only: resolving it
    whole again had made geography four times slower per distinct location."""
    ends = _ends(place.text)
    if not ends or place.lat is None or place.lon is None:
        return None
    data = load_data()
    for end in ends:
        for index in data.city_names.get(normalize(end), ()):
            city = data.cities[index]
            if (city.name != place.city and city.country == place.country
                    and city.region == place.region
                    and _km_between(place.lat, place.lon, city.lat, city.lon) <= METRO_KM
                    and city.population > _population(place)):
                return city.name
    return None


def _population(place: Place) -> int:
    """The people of a resolved city, by its name and country (0 if the table has none)."""
    data = load_data()
    if place.city is None:
        return 0
    return max((c.population for i in data.city_names.get(normalize(place.city), ())
                if (c := data.cities[i]).country == place.country and c.name == place.city),
               default=0)


def _km(a: Place, b: Place) -> float | None:
    if a.lat is None or a.lon is None or b.lat is None or b.lon is None:
        return None
    return _km_between(a.lat, a.lon, b.lat, b.lon)


def _km_between(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    h = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0 * math.asin(math.sqrt(h))


def _same_metro(a: Place, b: Place) -> bool:
    if a.country is None or a.country != b.country:
        return False
    if a.country in CITY_STATES:
        return True
    distance = _km(a, b)
    if distance is not None:
        return distance <= METRO_KM
    return a.city is not None and a.city == b.city and a.region == b.region


def _same_city(place: Place, home: Place) -> bool:
    """Home's own city: by name ("Leeds, UK", "CDMX"), or a part the text places in it
    ("Kreuzberg, Berlin", "Berlin-Friedrichshain"). Distance cannot tell a district from a
    town: the city table holds both alike (Kreuzberg 3 km from Berlin's centre, Salford 3 km
    from Manchester's), so a place named alone is near home ("Bradford": Leeds area)."""
    if not home.city:
        return False
    if place.city and place.city.casefold() == home.city.casefold():
        return True
    # "Kreuzberg, Berlin", "Berlin-Kreuzberg": the text names home at one end.
    ends = [resolve_location(end) for end in _ends(place.text)]
    return any(end.country == home.country and end.city == home.city for end in ends)


def _in_region(place: Place, region: Place) -> bool:
    if region.country is None or place.country != region.country:
        return False
    # A state-level region ("California") excludes places known to be in another state.
    if region.region is None or place.region is None:
        return True
    data = load_data()
    inside = data.admin1_iso.get(place.region, place.region)
    area = data.admin1_iso.get(region.region, region.region)
    # Codes of two kinds ("DE.02" where the table cannot tell its ISO region) tell nothing.
    return inside == area or ("." in inside) != ("." in area)


def readings(place: Place, near: Sequence[Place]) -> tuple[Place, ...]:
    """Every place a location may mean to a reader near `near` (their home, or a city of
    their settings): the places it names, then a bare town name's namesakes as likely as
    the town it was read as ("Richmond" is Virginia's or Melbourne's), and a much smaller
    namesake only in the reader's own metro area ("Dublin" is Ireland's, but a suburb's to
    someone from Columbus, Ohio). A home country's region abbreviated ("Vic", "NSW" to a
    Melburnian) or a home country's city nicknamed ("Garden City" to a Nigerian) is read
    first (see ``home_region_named``, ``home_nickname``)."""
    region = _home_reading(place.text, near) if place.text else None
    return (*((region,) if region else ()), *place.places, *(
        n for n in place.namesakes
        if n.confidence >= place.confidence or any(_same_metro(n, h) for h in near)))


def _in_area(place: Place, area: Place) -> bool:
    """Whether one place lies in an area from the settings: the same metro for a city (a
    city names itself and its suburbs, not its state: "Los Angeles" is not San Francisco),
    the same state or country otherwise."""
    return _same_metro(place, area) if area.city else _in_region(place, area)


def located_in(place: Place, area: Place) -> bool:
    """Whether a resolved place (or one of the others its text names) lies in an area from
    the settings (see ``_in_area``). Unknown places lie nowhere."""
    if not area.known:
        return False
    return any(_in_area(p, area) for p in readings(place, [area] if area.city else []))


def _unknown_reason(place: Place) -> str:
    if place.rule == "blank":
        return "no location given"
    quoted = f"“{place.text.strip()}”"
    if place.rule == "non-place":
        return f"location {quoted} is not a place"
    return f"location {quoted} not recognised"


def geography_confidence(place: Place, home: Sequence[Place], regions: Sequence[Place]) -> float:
    """How much evidence the geography score rests on: 0 for an unknown or unresolved
    location or when the user set no home or regions, else the resolver's confidence in the
    best-suited place (a flag 0.9, a city named in passing 0.5)."""
    place = _read_at_home(place, home)
    if not place.known or not any(p.known for p in (*home, *regions)):
        return 0.0
    return max(p.confidence for p in place.places)


def _read_at_home(place: Place, home: Sequence[Place]) -> Place:
    """An unresolved text that abbreviates a home country's region ("Qld" to a Melburnian)
    or nicknames a home country's city ("Steel City" to a Briton) as that place; any other
    place as it is."""
    if place.known or not place.text or not home:
        return place
    return _home_reading(place.text, home) or place


def geography_score(
    place: Place, home: Sequence[Place], regions: Sequence[Place]
) -> tuple[float, list[str]]:
    """Score in [0, 1] with plain-words reasons.

    Same metro as home 1.0 > in a region of interest inside a home country 0.9 > same
    country as home 0.8 > in a region of interest 0.7 > elsewhere 0.3; unknown 0.5. With
    no home and no regions everything is 0.5. When the text names several places the best
    one for the user counts ("London / NYC" for a Londoner is London).
    """
    homes = [h for h in home if h.known]
    wanted = [r for r in regions if r.known]
    if not homes and not wanted:
        return UNKNOWN, ["no home or regions configured"]
    place = _read_at_home(place, homes)
    if not place.known:
        return UNKNOWN, [_unknown_reason(place)]
    return max(
        (_score_one(p, homes, wanted) for p in readings(place, homes)),
        key=lambda scored: scored[0]
    )


def best_reading(place: Place, home: Sequence[Place], regions: Sequence[Place]) -> Place | None:
    """The place a location means to this reader: the reading `geography_score` scored (a
    namesake of the reader's own town, the best of several places named), None if unknown."""
    place = _read_at_home(place, [h for h in home if h.known])
    if not place.known:
        return None
    homes = [h for h in home if h.known]
    wanted = [r for r in regions if r.known]
    if not homes and not wanted:
        return place
    return max(readings(place, homes), key=lambda p: _score_one(p, homes, wanted)[0])


def _score_one(
    place: Place, homes: Sequence[Place], wanted: Sequence[Place]
) -> tuple[float, list[str]]:
    where = describe_place(place)
    metro = [h for h in homes if _same_metro(place, h)]
    if metro:
        # "Same city" of Yokohama for a Tokyoite, or of Bradford for a Leeds user, said what
        # is not so: it is the same metro area. The score is the same either way.
        same = any(_same_city(place, h) for h in metro)
        return SAME_METRO, [f"in {where} — same city as you" if same
                            else f"in {where} — near you ({metro[0].city or where} area)"]
    if any(place.country == h.country for h in homes):
        for region in wanted:
            # A region smaller than the home country ("Bayern" for a Münchner) had never
            # mattered: the country outscored it. A place known only by its country is not
            # known to be in it ("Germany" stays the same country).
            if ((region.region or region.city) and (place.region or place.city)
                    and _in_area(place, region)):
                named = describe_setting(region)
                which = "" if named == where else f" ({named})"
                return IN_HOME_REGION, [f"in {where} — one of your regions{which},"
                                        " in your country"]
        return SAME_COUNTRY, [f"in {where} — same country as you"]
    for region in wanted:
        # The same test as keep_places: a city among the regions is its metro area only.
        if _in_area(place, region):
            return IN_REGION, [f"in {where} — one of your regions ({describe_setting(region)})"]
    return ELSEWHERE, [f"in {where} — outside your home and regions"]
