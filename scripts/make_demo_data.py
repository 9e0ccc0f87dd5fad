"""Generate the bundled demo network behind `prune --demo`.

The output, ``src/followprune/data/demo_network.json.gz``, is a synthetic follow list for one
persona ("you", a Berlin software engineer) with the variety a real list has: friends and
colleagues you talk to, on-topic strangers, Berlin locals, off-topic accounts far away, news
organisations, follower-seeking bots, dead, long-silent and hyperactive accounts, and fresh
follows still in their grace period.

Everything is fixed: one seeded ``random.Random``, no clock, no network. All timestamps are
generated relative to ``AS_OF``; the loader shifts them by (today - as_of) so the demo always
looks fresh. The gzip header carries mtime=0 so rerunning the script gives identical bytes.

Run from the repository root:  ``PYTHONPATH=src python scripts/make_demo_data.py``
"""

from __future__ import annotations

import argparse
import gzip
import json
import math
import random
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path

from followprune.models import (
    Account,
    AccountState,
    Direction,
    Interaction,
    InteractionKind,
    Relationship,
)

SEED = 20261101
AS_OF = datetime(2026, 11, 1, tzinfo=UTC)
AS_OF_TEXT = "2026-11-01T00:00:00+00:00"  # written verbatim, as the format specifies
ROOT = Path(__file__).resolve().parents[1]
OUTPUT = ROOT / "src" / "followprune" / "data" / "demo_network.json.gz"

# X ids: snowflakes since 2010-11-04; before that a plain counter. Deriving ids from creation
# time keeps the demo plausible for anyone who knows that newer accounts have longer ids.
TWEPOCH_MS = 1288834974657
SNOWFLAKE_START = datetime(2010, 11, 4, 1, 42, 54, tzinfo=UTC)
LEGACY_START = datetime(2006, 3, 21, tzinfo=UTC)
LEGACY_LAST_ID = 215_000_000

ME_ID = "1000000000000000001"
# The creation time that snowflake id encodes, so "me" is self-consistent.
ME_CREATED = datetime(2018, 5, 25, 13, 5, 53, tzinfo=UTC)

INTERACTION_WINDOW_DAYS = 730  # interaction history covers the past ~2 years

PERSONA = {
    "interests": [
        "rust",
        "python",
        "open source",
        "distributed systems",
        "climate tech",
        "cycling",
        "urbanism",
    ],
    "home": "Berlin",
    "regions": ["DE", "AT", "CH", "NL"],
}

ME_BIO = (
    "Software engineer in Berlin. Rust 🦀 & Python, open source maintainer, distributed "
    "systems nerd. Climate tech curious. Bike commuter, fan of car-free streets. he/him"
)

MY_POSTS = [
    "Finally moved our ingestion service from Python to Rust. p99 latency down 70%, memory "
    "down 5x. Writing up the migration notes this week.",
    "Hot take: most distributed systems bugs are clock bugs wearing a trench coat.",
    "Released v0.9 of my little open source CRDT library. Thanks to the 14 contributors who "
    "made this happen! 🎉",
    "Rode the new protected bike lane on Oranienstraße this morning. More of this, Berlin, "
    "please. 🚲",
    "Anyone else at the Rust Berlin meetup tonight? Talk on async cancellation looks great.",
    "Python 3.14 free-threading benchmarks on our workload: promising, but C extensions are "
    "the long pole.",
    "Reading the Raft paper again with the team. Still the best-written consensus paper.",
    "Heat pump installed. First winter numbers: 60% less energy than the old gas boiler.",
    "Open source maintainers deserve to be paid. Sponsoring three projects I depend on "
    "starting this month.",
    "Cargo build times got way better after splitting the workspace. Notes in thread 🧵",
    "Grid-scale storage is the unsexy climate tech we need most. Great panel today.",
    "Type hints in Python caught two real bugs in review today. Still worth it.",
    "Tempelhofer Feld at sunset, then a long ride out to Potsdam. Perfect Sunday.",
    "If your distributed system has no backpressure, it has a queue that grows until it falls "
    "over.",
    "PyCon DE talk accepted! Speaking about shipping Rust extensions for Python with maturin.",
    "Reminder: retries without jitter are a DDoS you schedule yourself.",
    "Wrote a property-based test suite for our consensus layer with Hypothesis. Found a "
    "split-brain in 10 minutes.",
    "Cities built for people, not cars: Paris shows it can be done in a decade.",
    "Contributing to open source as a newcomer: start with docs, tests and triage. Maintainers "
    "love you for it.",
    "Rust's borrow checker is a design review that runs on every save.",
    "Kiez brunch, then fixing my bike's bottom bracket. Neukölln weekends.",
    "Climate tech job board is hiring a lot of software people. Go look if you're restless.",
    "Benchmarked three Rust async runtimes for our gateway. Results surprised me.",
    "Idempotency keys everywhere. Every API that moves money or state should have them.",
    "Tried Polars on our analytics pipeline. Pandas muscle memory is hard to unlearn.",
    "The BVG strike day is the best argument for a cargo bike I know.",
    "Our open source project now has a code of conduct and a governance doc. Boring and important.",
    "Vector clocks explained with a whiteboard and three coffee cups. Best meeting this month.",
    "Solar on every Berlin roof. Balkonkraftwerk up and running on our balcony ☀️",
    "Leaving the conference with a head full of ideas about deterministic simulation testing.",
]

# ---------------------------------------------------------------------------------------
# Vocabulary. Names are invented combinations; organisations are fictional on purpose so the
# demo never impersonates a real account.
# ---------------------------------------------------------------------------------------

# Packed tables of short strings read better than one item per line.
# fmt: off
NAMES: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "de": (
        ("Lena", "Jonas", "Mia", "Felix", "Hannah", "Lukas", "Marie", "Paul", "Sophie", "Tobias",
         "Anna", "Moritz", "Clara", "Niklas", "Johanna", "Florian", "Katrin", "Jan", "Ute",
         "Stefan", "Merle", "Emil", "Ida", "Henrik", "Jörg", "Sören", "Greta", "Till"),
        ("Müller", "Schmidt", "Schneider", "Fischer", "Weber", "Becker", "Hoffmann", "Wagner",
         "Koch", "Richter", "Klein", "Wolf", "Schröder", "Neumann", "Braun", "Zimmermann",
         "Krüger", "Hartmann", "Lange", "Werner", "Krause", "Lehmann", "Kaiser", "Fuchs",
         "Vogel", "Brandt", "Sommer", "Winkler"),
    ),
    "en": (
        ("Emma", "Olivia", "Liam", "Noah", "Ava", "James", "Sarah", "Michael", "Jessica",
         "David", "Chris", "Megan", "Ryan", "Tyler", "Ashley", "Jordan", "Marcus", "Kayla",
         "Ben", "Rachel", "Ethan", "Hailey", "Dan", "Nicole"),
        ("Smith", "Johnson", "Brown", "Miller", "Davis", "Wilson", "Taylor", "Anderson",
         "Thomas", "Moore", "Martin", "Walker", "Young", "Hall", "Allen", "King", "Wright",
         "Scott", "Baker", "Carter", "Reed", "Murphy", "Cooper", "Bennett"),
    ),
    "fr": (
        ("Camille", "Léa", "Hugo", "Louis", "Chloé", "Manon", "Théo", "Julien", "Élodie",
         "Mathieu", "Inès", "Antoine"),
        ("Dubois", "Lefèvre", "Moreau", "Laurent", "Girard", "Bonnet", "Mercier", "Fontaine",
         "Rousseau", "Blanc"),
    ),
    "es": (
        ("Lucía", "Mateo", "Sofía", "Diego", "Valentina", "Javier", "Carmen", "Pablo", "Marta",
         "Alejandro"),
        ("García", "Fernández", "López", "Martínez", "Sánchez", "Romero", "Navarro", "Torres",
         "Ruiz", "Castillo"),
    ),
    "nl": (
        ("Sanne", "Daan", "Femke", "Bram", "Lotte", "Joris", "Eline", "Ruben", "Noor", "Thijs"),
        ("de Vries", "Jansen", "van Dijk", "Bakker", "Visser", "Smit", "de Boer", "Mulder",
         "Bos", "Peeters"),
    ),
    "tr": (
        ("Emre", "Ayşe", "Can", "Elif", "Mehmet", "Zeynep", "Deniz", "Burak", "Selin", "Kerem"),
        ("Yılmaz", "Kaya", "Demir", "Şahin", "Öztürk", "Aydın", "Çelik", "Arslan"),
    ),
    "ja": (
        ("Yuki", "Haruto", "Sakura", "Ren", "Aoi", "Sota", "Hina", "Kenji", "Mai", "Takumi"),
        ("Tanaka", "Suzuki", "Takahashi", "Watanabe", "Ito", "Yamamoto", "Nakamura", "Kobayashi"),
    ),
    "ru": (
        ("Dmitri", "Olga", "Anastasia", "Ivan", "Katya", "Sergei", "Natasha", "Alexei"),
        ("Volkov", "Ivanova", "Petrov", "Sokolova", "Smirnov", "Kuznetsova", "Orlov", "Popova"),
    ),
    "in": (
        ("Arjun", "Priya", "Rohan", "Ananya", "Vikram", "Neha", "Karthik", "Divya"),
        ("Sharma", "Patel", "Iyer", "Reddy", "Nair", "Gupta", "Menon", "Rao"),
    ),
    "pt": (
        ("João", "Ana", "Beatriz", "Rafael", "Inês", "Tiago", "Mariana", "Lucas"),
        ("Silva", "Santos", "Oliveira", "Costa", "Pereira", "Almeida", "Ferreira", "Carvalho"),
    ),
    "pl": (
        ("Kasia", "Piotr", "Agnieszka", "Tomasz", "Magda", "Bartek"),
        ("Nowak", "Kowalski", "Wiśniewska", "Wójcik", "Kamiński", "Lewandowska"),
    ),
}

# Display names in native scripts; the handle is derived from the romanised form.
SCRIPT_NAMES: dict[str, tuple[tuple[str, str], ...]] = {
    "ja": (("田中 ゆき", "tanaka yuki"), ("鈴木 健二", "suzuki kenji"),
           ("山本 さくら", "yamamoto sakura"), ("中村 蓮", "nakamura ren"),
           ("渡辺 あおい", "watanabe aoi")),
    "ru": (("Дмитрий Волков", "dmitri volkov"), ("Ольга Петрова", "olga petrova"),
           ("Анна Соколова", "anna sokolova"), ("Иван Орлов", "ivan orlov")),
}

# Free-text locations as people really type them: (location, name culture).
LOCATIONS: dict[str, tuple[tuple[str, str], ...]] = {
    "berlin": (
        ("Berlin", "de"), ("Berlin, Germany", "en"), ("Berlin 🇩🇪", "de"),
        ("Kreuzberg, Berlin", "tr"),
        ("Neukölln", "de"), ("Berlin-Friedrichshain", "de"), ("Prenzlauer Berg", "de"),
        ("Berlin/Brandenburg", "de"), ("Bärlin", "de"), ("Wedding, Berlin", "tr"),
        ("Berlin, DE", "en"), ("Berlin", "en"), ("Berlin", "pl"), ("Berlin, Deutschland", "de"),
        ("Moabit", "tr"), ("Berlin", "ru"), ("Berlin 🐻", "es"), ("Schöneberg", "de"),
    ),
    "de": (
        ("München", "de"), ("Hamburg", "de"), ("Köln", "de"), ("Leipzig", "de"),
        ("Deutschland", "de"), ("🇩🇪", "de"), ("Germany", "en"), ("Frankfurt am Main", "de"),
        ("Dresden", "de"), ("Karlsruhe, Germany", "de"), ("Stuttgart", "tr"),
        ("Munich, Bavaria", "en"), ("Potsdam", "de"), ("Hannover", "de"), ("Bonn", "de"),
    ),
    "dach_nl": (
        ("Wien", "de"), ("Vienna, Austria", "en"), ("Zürich", "de"), ("Zurich, Switzerland", "en"),
        ("Basel 🇨🇭", "de"), ("Amsterdam", "nl"), ("Utrecht, NL", "nl"), ("Rotterdam", "nl"),
        ("🇳🇱", "nl"), ("Graz, Österreich", "de"), ("Den Haag", "nl"), ("Delft, Netherlands", "nl"),
    ),
    "eu": (
        ("Paris", "fr"), ("Lisbon 🇵🇹", "pt"), ("Madrid", "es"), ("España", "es"),
        ("Barcelona", "es"), ("London", "en"), ("London, UK", "en"), ("Dublin, Ireland", "en"),
        ("Copenhagen", "en"), ("Stockholm, Sweden", "en"), ("Warszawa", "pl"), ("Praha", "en"),
        ("Milano", "fr"), ("Brussels", "fr"), ("Helsinki", "en"), ("Oslo 🇳🇴", "en"),
        ("Edinburgh, Scotland", "en"), ("Lyon, France", "fr"), ("Porto, Portugal", "pt"),
    ),
    "us": (
        ("Portland, OR", "en"), ("Austin, TX", "en"), ("San Francisco, CA", "en"),
        ("Brooklyn, NY", "en"), ("Seattle, WA", "en"), ("Chicago, IL", "en"), ("Boston, MA", "en"),
        ("Denver, CO", "en"), ("Los Angeles", "es"), ("NYC", "en"), ("Bay Area", "in"),
        ("Atlanta, GA", "en"), ("Nashville, TN", "en"), ("Miami, FL", "es"),
        ("Toronto, Canada", "en"), ("Vancouver, BC", "en"), ("Pittsburgh, PA", "en"),
        ("Raleigh, NC", "en"), ("USA 🇺🇸", "en"), ("Texas", "en"), ("Phoenix, AZ", "es"),
    ),
    "world": (
        ("Tokyo", "ja"), ("東京", "ja"), ("Osaka, Japan", "ja"), ("Москва", "ru"),
        ("Saint Petersburg, Russia", "ru"), ("Seoul", "en"), ("서울", "en"),
        ("Bengaluru, India", "in"), ("Mumbai", "in"), ("Singapore", "in"),
        ("Sydney, Australia", "en"), ("Melbourne", "en"), ("São Paulo", "pt"),
        ("Buenos Aires, Argentina", "es"), ("Ciudad de México", "es"), ("Mexico City", "es"),
        ("Lagos, Nigeria", "en"), ("Nairobi, Kenya", "en"), ("Cape Town", "en"),
        ("İstanbul, Türkiye", "tr"), ("Tel Aviv", "en"), ("Auckland, NZ", "en"),
        ("Rio de Janeiro 🇧🇷", "pt"), ("日本", "ja"),
    ),
}

# Non-places: a location resolver must treat all of these as "unknown".
JOKE_LOCATIONS = (
    "in your heart", "the internet", "worldwide", "somewhere over the rainbow", "Mars",
    "localhost", "/dev/null", "Earth", "remote", "online", "everywhere & nowhere", "The Shire",
    "your timeline", "behind you 👀", "🌍", "127.0.0.1", "a galaxy far far away",
)
PRONOUN_LOCATIONS = ("she/her", "he/him", "they/them", "she/they")
URL_LOCATIONS = ("https://example.com", "www.my-portfolio.example", "linktr.ee/me", "🔗 see link")

# Regional mix per category: weights for (berlin, de, dach_nl, eu, us, world).
REGIONS = ("berlin", "de", "dach_nl", "eu", "us", "world")
REGION_MIX: dict[str, tuple[int, ...]] = {
    "friend": (70, 14, 6, 5, 5, 0),
    "on_topic": (12, 14, 10, 20, 28, 16),
    "berlin_local": (90, 10, 0, 0, 0, 0),
    "off_topic": (3, 6, 3, 16, 45, 27),
    "silent": (6, 8, 4, 22, 35, 25),
    "hyperactive": (5, 5, 0, 20, 50, 20),
    "recent": (40, 15, 10, 15, 15, 5),
}

COMPANIES = (
    "Stackwerk", "Ferrous Labs", "Nordlicht Data", "Kiezcloud", "Quorum Systems", "Gridline",
    "Heatwise", "Pedalpower", "Lattice DB", "Spreeware", "Tidewater Energy", "Oxbow Analytics",
    "Bytehaus", "Raftly", "Voltstack", "Carbonfold", "Mapleleaf Robotics", "Shardbase",
)
PROJECTS = (
    "tokio-ish", "pyo3-helpers", "crdt-rs", "fastqueue", "raftkit", "pydantic-extras",
    "tinydb-rs", "gridsim", "velo-maps", "openheat", "lsm-lite", "asyncpg-tools", "ruff-plugins",
    "hypothesis-fuzz",
)
CONFS = (
    "RustConf", "PyCon DE", "EuroPython", "FOSDEM", "Strange Loop", "RustFest", "PyData Berlin",
    "Papers We Love", "Climate Tech Summit",
)
# fmt: on

# On-topic bio fragments, one list per persona interest. Several fragments per bio keep 500
# bios from repeating while still giving a lexical scorer real matches.
ON_TOPIC: dict[str, tuple[str, ...]] = {
    "rust": (
        "Rustacean 🦀",
        "Writing Rust for a living",
        "async Rust and embedded",
        "Rust compiler contributor",
        "Rust + WebAssembly",
        "Teaching Rust to Python people",
        "Maintainer of {proj}",
    ),
    "python": (
        "Pythonista 🐍",
        "CPython contributor",
        "Python packaging & typing",
        "Python, Polars, DuckDB",
        "PyCon speaker",
        "Django since 0.96",
        "Data engineer, Python all day",
    ),
    "open source": (
        "Open source maintainer ({proj})",
        "Sustainable open source funding",
        "OSS governance nerd",
        "FOSS advocate",
        "Open source program office @ {co}",
        "Open source since 2004",
    ),
    "distributed systems": (
        "Distributed systems & consensus",
        "Databases and distributed systems",
        "Raft > Paxos",
        "CRDTs and local-first software",
        "SRE, on-call survivor",
        "Stream processing at scale",
        "Deterministic simulation testing",
    ),
    "climate tech": (
        "Climate tech: heat pumps & grid storage",
        "Decarbonising buildings @ {co}",
        "Energy systems modeller",
        "Working on green steel",
        "Solar + wind + batteries",
        "Carbon accounting software",
        "Climate scientist turned engineer",
    ),
    "cycling": (
        "Bike commuter, rain or shine 🚲",
        "Cargo bike parent",
        "Cycling advocate",
        "Gravel rides on weekends",
        "Randonneur, 600 km and counting",
        "Protected bike lanes now!",
    ),
    "urbanism": (
        "Urbanism, trams and car-free streets",
        "15-minute cities",
        "Transit nerd 🚋",
        "Street design and public space",
        "Housing & urban planning",
    ),
}
ON_TOPIC_ROLES = (
    "Software engineer", "Staff engineer", "Backend dev", "Principal engineer", "SRE",
    "Engineering manager", "PhD student", "Researcher", "Founder", "Dev advocate", "CTO",
)  # fmt: skip
ON_TOPIC_EXTRAS = (
    "Opinions my own.", "he/him", "she/her", "they/them", "Coffee + code ☕", "Ex-{co}",
    "Parent of two", "Views are mine",
)  # fmt: skip
ON_TOPIC_PINNED = (
    "New blog post: what we learned running Raft in production for three years",
    "I'm speaking at {conf} about {topic}! Slides and recording in the thread.",
    "We're hiring backend engineers (Rust, Python) — remote in the EU or Berlin office. DM me.",
    "{proj} 1.0 is out! Thank you to everyone who contributed. Changelog below 🧵",
    "My notes on building a heat pump controller in Rust, part 1",
    "The protected bike lane map I keep updated — corrections welcome",
    "A short thread on why your retries need jitter and budgets",
)

# Off-topic fields: (bios, pinned texts).
OFF_TOPIC: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "sports": (
        (
            "NFL fantasy football league champ 2x. Cowboys til I die",
            "Cricket stats nerd 🏏",
            "Formula 1 | Ferrari tifosi 🏎️",
            "NBA takes, hot and cold",
            "Golf, bourbon and dad jokes",
            "Marathon runner. Boston qualifier.",
            "Baseball lifer. Go Cubs.",
            "Premier League podcast host",
            "Tennis coach and padel convert",
            "MMA analyst",
        ),
        (
            "Our 2026 draft rankings are live!",
            "Podcast ep. 212: the trade deadline",
            "Race weekend predictions thread 🏁",
            "Full marathon training plan, free download",
        ),
    ),
    "cooking": (
        (
            "Recipe developer. Sourdough, ramen, weeknight dinners.",
            "Food blogger · 500 recipes",
            "Pastry chef",
            "BBQ pitmaster, low and slow 🔥",
            "Vegan home cook",
            "Wine writer",
            "Cookbook author, second book out in spring",
            "Fermentation nerd: kimchi, miso, kombucha",
        ),
        (
            "My no-knead focaccia recipe, the one everyone asks for",
            "New cookbook preorders are open!",
            "Brisket guide, step by step 🧵",
        ),
    ),
    "music": (
        (
            "DJ / producer. Techno and house.",
            "Jazz pianist",
            "Indie band — new album out now",
            "K-pop stan account 💜",
            "Classical violinist",
            "Music journalist",
            "Singer-songwriter",
            "Vinyl collector, 4000 records",
            "Metal drummer 🤘",
        ),
        (
            "Tour dates 🎶 tickets in bio",
            "New single out Friday!",
            "My top 50 albums of the decade",
        ),
    ),
    "politics": (
        (
            "Political commentator. Views strongly held.",
            "Campaign strategist",
            "Policy wonk: elections and polling",
            "Journalist covering national politics",
            "Former city council member",
            "Constitutional law professor",
            "Talk radio host",
        ),
        (
            "Thread 🧵 on what the polls are really saying",
            "My new column is up",
            "Why the midterms matter more than you think",
        ),
    ),
    "science": (
        (
            "Astrophysicist, exoplanets 🔭",
            "Marine biologist 🐙",
            "Neuroscience PhD candidate",
            "Historian of medieval Europe",
            "Mathematician, number theory",
            "Paleontologist 🦖",
            "Epidemiologist",
            "Chemistry teacher",
        ),
        (
            "Our paper on hot Jupiters is out in Nature Astronomy",
            "A thread on octopus cognition 🐙",
            "Free lecture series, all welcome",
        ),
    ),
    "lifestyle": (
        (
            "Travel creator ✈️ 40 countries",
            "Fitness coach, DM for plans 💪",
            "Fashion & beauty",
            "Real estate agent | helping you find home",
            "Dog mom 🐶",
            "Gamer, streamer on Twitch",
            "Photographer 📷 landscapes",
            "Yoga teacher",
            "Mom of 3, coffee addict",
            "Minimalist. Van life.",
        ),
        (
            "My 2026 travel guide to Portugal",
            "New video: my morning routine",
            "Prints available, link below",
        ),
    ),
}
OFF_TOPIC_FIELDS = tuple(OFF_TOPIC)

BERLIN_LOCAL = (
    "Neukölln Kiez blog: openings, closings, Spätis",
    "Berlin food, ranking every Döner",
    "Techno, Tempelhofer Feld, Späti beer",
    "Bezirksverordnete in Friedrichshain-Kreuzberg",
    "Berliner Stadtgeschichte in kleinen Happen",
    "Kiezbäckerei in Moabit 🥨",
    "Berlin events, every week",
    "Theater in Mitte",
    "Berlinerin. Kaffee, Kiez und Kultur.",
    "Fotografiere Berliner Hinterhöfe",
    "Stadtführungen durch Kreuzberg",
    "Critical Mass Berlin",
    "Späti-Kritik, ehrlich und unbestechlich",
    "Urban gardening in Wedding 🌱",
    "Flohmarkt-Guide für Berlin",
    "Lokaljournalistin, Berlin",
    "Berlin restaurant reviews",
    "Hertha-Fan trotz allem",
    "Berlin's best bakeries, one Schrippe at a time",
)
BERLIN_PINNED = (
    "Die besten Flohmärkte im Herbst — unsere Liste",
    "Kiezfest am Samstag, alle willkommen!",
    "New opening on Weserstraße — review in thread",
    "Unsere Karte der Berliner Trinkbrunnen",
)

# Follower-seeker bios: empty more often than not, otherwise follow-back or promo spam.
BOT_BIOS = (
    "",
    "",
    "",
    "Follow back 100%",
    "DM for promo",
    "Follow me I follow back 💯",
    "#followback #teamfollowback",
    "Crypto signals 🚀 DM for VIP",
    "💰💰💰",
    "Gain 1000 followers daily ➡️ DM",
    "Just here to grow 🌱 #F4F",
    "Promo accounts, DM for price",
)
BOT_PINNED = (
    "Follow + RT and I'll follow back 💯",
    "🚀 100x gem launching soon, link in bio",
    "DM me for promo deals, cheap prices ✅",
)
BOT_NAMES = (
    "Follow Back 💯", "Crypto King", "Promo Hub", "Jessica", "Mike", "Grow Fast", "Lisa ❤️",
    "Daily Gains", "Nft Whale", "Anna", "Sexy Crypto", "Team Followback",
)  # fmt: skip
BOT_HANDLE_BASES = (
    "crypto", "follow", "promo", "grow", "jessica", "mike", "lisa", "anna", "nft", "gain",
    "daily", "f4f", "user",
)  # fmt: skip
BOT_LOCATIONS = ("worldwide", "USA", "Lagos, Nigeria", "Dubai", "earth", "🇺🇸", "online")

PROMO_BIOS = (
    "Web3 builder. $ETH $SOL. NFA. DMs open 🚀",
    "Growth hacker | 10x your followers in 30 days",
    "Digital marketing agency — DM for promo",
    "AI tools daily 🤖 | Newsletter 100k+",
    "Serial entrepreneur. Passive income. Link below 👇",
    "NFT collector | alpha calls daily",
    "SEO & social media growth, results guaranteed",
    "Forex + crypto mentor. Join my free group.",
)
PROMO_PINNED = (
    "🧵 10 AI tools that will replace your job in 2027",
    "Free crypto alpha group, link in bio 🚀",
    "How I grew to 50k followers in 90 days (thread)",
)


@dataclass(frozen=True)
class Org:
    """A verified organisation (fictional). Community orgs follow back and get interactions."""

    name: str
    handle: str
    location: str
    bio: str
    community: bool = False


ORGS = (
    Org("Berliner Abendpost", "abendpost", "Berlin", "Nachrichten aus Berlin und der Welt."),
    Org("Tagesecho", "tagesecho", "Hamburg", "Nachrichten, Analysen, Hintergründe."),
    Org("Der Morgenbote", "morgenbote", "München", "Unabhängige Tageszeitung seit 1948."),
    Org("Wiener Zeitgeist", "wienzeitgeist", "Wien", "Politik, Kultur, Wirtschaft aus Wien."),
    Org("NL Nieuwsdienst", "nlnieuws", "Amsterdam", "Het laatste nieuws uit Nederland."),
    Org("Global Wire", "globalwire", "London, UK", "Breaking news from around the world."),
    Org("The Daily Ledger", "dailyledger", "New York, NY", "News, opinion and analysis."),
    Org("Pacific Herald", "pacificherald", "San Francisco, CA", "West coast news since 1921."),
    Org("Le Quotidien Libre", "quotidienlib", "Paris", "L'actualité en continu."),
    Org("Tokyo Evening News", "tokyoevening", "東京", "News from Japan in English."),
    Org("Tech Dispatch", "techdispatch", "the internet", "Technology news and reviews."),
    Org(
        "Climate Desk Europe",
        "climatedeskeu",
        "Brussels",
        "Climate policy, energy and climate tech news from Europe.",
    ),
    Org(
        "Open Source Weekly",
        "osweekly",
        "worldwide",
        "The week in open source: releases, funding, governance.",
    ),
    Org("Sports Central", "sportscentral", "USA", "Scores, highlights, breaking sports news."),
    Org(
        "Rust Berlin",
        "rustberlin",
        "Berlin",
        "Rust meetup Berlin 🦀 Monthly talks and hack nights.",
        community=True,
    ),
    Org(
        "Python Berlin e.V.",
        "pyberlin",
        "Berlin, Germany",
        "Python user group Berlin. Meetups, sprints, PyData.",
        community=True,
    ),
    Org(
        "Berlin Bike Alliance",
        "berlinbikes",
        "Berlin",
        "Safe streets for cycling in Berlin. Volksentscheid Fahrrad.",
        community=True,
    ),
    Org(
        "Energiewende Watch",
        "ewendewatch",
        "Deutschland",
        "Data on Germany's energy transition: solar, wind, heat pumps.",
        community=True,
    ),
    Org(
        "Distributed Systems Reading Group",
        "dsreadgroup",
        "remote",
        "Weekly papers on consensus, replication and distributed systems.",
        community=True,
    ),
    Org(
        "FossFund Europe",
        "fossfund",
        "Amsterdam",
        "Funding open source maintainers in Europe.",
        community=True,
    ),
)

# Accounts posting 80-300 times a day: (name, handle, bio, region). Two are on-topic or local on
# purpose, so volume and relevance pull in opposite directions.
HYPERACTIVE = (
    ("Breaking Alerts 🚨", "breakalerts", "Every headline, the second it drops.", "us"),
    (
        "Rust & Python News Firehose",
        "devnewsfeed",
        "Every Rust and Python link on the web, automatically. Open source releases.",
        "eu",
    ),
    (
        "Berlin Transit Bot",
        "ubahnticker",
        "Störungen bei U-Bahn, S-Bahn und Tram in Berlin, automatisch.",
        "berlin",
    ),
    ("Crypto Pulse", "cryptopulse24", "$BTC $ETH price alerts every 5 minutes 📈", "world"),
    ("Live Football Ticker", "goalticker", "Every goal, every league, live ⚽", "eu"),
    ("The Hot Take Machine", "hottakes_all", "Politics. Culture war. Unfiltered.", "us"),
    ("Market Movers", "marketmovers", "Stocks, options, futures. Not financial advice.", "us"),
    ("Celebrity Buzz", "celebbuzzz", "Gossip 24/7 ✨", "us"),
    ("Quote of the Minute", "quoteminute", "Inspiration every minute 🙏", "world"),
    ("AI Hype Daily", "aihypedaily", "Every AI launch, demo and thread. 🤖", "us"),
    ("Weather Everywhere", "wxeverywhere", "Automated weather reports for 500 cities.", "world"),
    ("Reply Guy Prime", "replyguyprime", "Actually, ...", "us"),
    ("Election Tracker", "electiontrack", "Polls, polls and more polls.", "us"),
    ("Deal Finder", "dealfinderbot", "Amazon deals, every minute 🛒 #ad", "us"),
)

# ---------------------------------------------------------------------------------------
# Helpers
# ---------------------------------------------------------------------------------------


def ago(days: float) -> datetime:
    """A whole-second instant `days` before AS_OF."""
    return AS_OF - timedelta(seconds=int(days * 86400))


def between(rng: random.Random, start: datetime, end: datetime) -> datetime:
    """A whole-second instant uniformly in [start, end]."""
    span = max(0, int((end - start).total_seconds()))
    return start + timedelta(seconds=rng.randint(0, span))


def log_uniform(rng: random.Random, lo: float, hi: float) -> float:
    """Follower counts and posting rates are heavy-tailed: sample on a log scale."""
    return math.exp(rng.uniform(math.log(lo), math.log(hi)))


def ascii_fold(text: str) -> str:
    """'Jörg Müller' -> 'jorgmuller'; handles may only hold [A-Za-z0-9_]."""
    folded = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return "".join(ch for ch in folded.lower() if ch.isalnum())


class IdFactory:
    """Hands out unique X-style ids and handles."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self.ids: set[str] = {ME_ID}
        self.handles: set[str] = {"you"}

    def snowflake(self, at: datetime) -> str:
        """A snowflake id for `at` (or a legacy counter id before snowflakes existed)."""
        while True:
            if at >= SNOWFLAKE_START:
                ms = int(at.timestamp() * 1000) - TWEPOCH_MS
                value = (ms << 22) | self.rng.getrandbits(22)
            else:
                frac = (at - LEGACY_START) / (SNOWFLAKE_START - LEGACY_START)
                value = max(12, int(frac * LEGACY_LAST_ID)) + self.rng.randint(0, 99_999)
            text = str(value)
            if text not in self.ids:
                self.ids.add(text)
                return text

    def handle(self, candidates: Sequence[str]) -> str:
        """The first free candidate (case-insensitive), else one with digits appended."""
        for cand in candidates:
            cand = cand[:15]
            if cand and cand.lower() not in self.handles:
                self.handles.add(cand.lower())
                return cand
        base = candidates[0][:11] or "user"
        while True:
            cand = f"{base}{self.rng.randint(10, 9999)}"[:15]
            if cand.lower() not in self.handles:
                self.handles.add(cand.lower())
                return cand


@dataclass
class Draft:
    """One followed account plus how "you" relate to it, before serialisation."""

    account: Account
    category: str
    follows_you: bool
    first_seen: datetime
    muted: bool = False
    # How interactions are generated: core, sparse, old, spam, or none.
    engagement: str = "none"
    tags: set[str] = field(default_factory=set)


class Generator:
    def __init__(self, seed: int = SEED) -> None:
        self.rng = random.Random(seed)
        self.ids = IdFactory(self.rng)
        self.drafts: list[Draft] = []

    # --- profile pieces ----------------------------------------------------------------

    def region(self, category: str) -> str:
        return self.rng.choices(REGIONS, weights=REGION_MIX[category])[0]

    def location_and_culture(self, region: str, blank_p: float = 0.17) -> tuple[str, str]:
        """A location string and the name culture that goes with it.

        ~17% blank and ~8% non-places (jokes, pronouns, URLs) per Hecht et al.; the culture
        still follows the region so names stay plausible even when the location is hidden."""
        loc, culture = self.rng.choice(LOCATIONS[region])
        roll = self.rng.random()
        if roll < blank_p:
            return "", culture
        if roll < blank_p + 0.05:
            return self.rng.choice(JOKE_LOCATIONS), culture
        if roll < blank_p + 0.07:
            return self.rng.choice(PRONOUN_LOCATIONS), culture
        if roll < blank_p + 0.085:
            return self.rng.choice(URL_LOCATIONS), culture
        return loc, culture

    def person_name(self, culture: str) -> tuple[str, str, str]:
        """(display name, first, last) in romanised form for the handle."""
        if culture in SCRIPT_NAMES and self.rng.random() < 0.35:
            display, roman = self.rng.choice(SCRIPT_NAMES[culture])
            last, first = roman.split()
            return display, first, last
        firsts, lasts = NAMES[culture]
        first, last = self.rng.choice(firsts), self.rng.choice(lasts)
        display = f"{first} {last}"
        style = self.rng.random()
        if style < 0.08:
            display = first
        elif style < 0.14:
            display = f"{first} {last[0]}."
        elif style < 0.20:
            display = f"{display} {self.rng.choice(('🦀', '🚲', '🌱', '☕', '🏳️‍🌈', '🇪🇺', '🐍'))}"
        return display, first, last

    def person_handle(self, first: str, last: str, hint: str = "") -> str:
        f, lst = ascii_fold(first), ascii_fold(last)
        r = self.rng
        cands = [
            f"{f}{lst}",
            f"{f}_{lst}",
            f"{f[0]}{lst}",
            f"{lst}{f[0]}",
            f"{f}{r.randint(1, 99)}",
            f"{f}{hint}",
            f"the{f}{lst[:4]}",
            f"{f}_{lst[:3]}",
        ]
        r.shuffle(cands)
        return self.ids.handle(cands)

    def on_topic_bio(self, interests: Sequence[str]) -> str:
        r = self.rng
        parts = [r.choice(ON_TOPIC[i]) for i in interests]
        if r.random() < 0.6:
            parts.insert(0, f"{r.choice(ON_TOPIC_ROLES)} at {r.choice(COMPANIES)}")
        if r.random() < 0.3:
            parts.append(r.choice(ON_TOPIC_EXTRAS))
        if r.random() < 0.5:
            bio = " · ".join(parts)
        else:
            # Sentence style: avoid "lanes now!." when a fragment already ends in punctuation.
            bio = " ".join(p if p[-1] in ".!?" else p + "." for p in parts)
        return bio.format(proj=r.choice(PROJECTS), co=r.choice(COMPANIES))

    def on_topic_pinned(self, interests: Sequence[str]) -> str:
        r = self.rng
        text = r.choice(ON_TOPIC_PINNED)
        return text.format(conf=r.choice(CONFS), topic=interests[0], proj=r.choice(PROJECTS))

    def counts(
        self,
        created: datetime,
        last_active: datetime,
        *,
        followers: tuple[float, float],
        following: tuple[float, float],
        rate: tuple[float, float],
    ) -> dict[str, int]:
        """Counts consistent with age: posts = rate x active days, lists and likes follow."""
        r = self.rng
        n_followers = int(log_uniform(r, *followers))
        active_days = max(1.0, (last_active - created).total_seconds() / 86400)
        posts = int(log_uniform(r, *rate) * active_days)
        return {
            "followers_count": n_followers,
            "following_count": int(log_uniform(r, *following)),
            "post_count": posts,
            "listed_count": int(n_followers * r.uniform(0.003, 0.03)),
            "like_count": int(posts * r.uniform(0.3, 4.0)),
        }

    def first_seen(
        self, created: datetime, *, recent: bool = False, before: datetime | None = None
    ) -> datetime:
        """When you followed: spread over the years since you joined, never in the last 30
        days unless this is a deliberate grace-period follow. `before` keeps follows of
        dead or silent accounts mostly before they went quiet."""
        start = max(created, ME_CREATED) + timedelta(days=1)
        if recent:
            return between(self.rng, max(start, ago(29)), ago(0.1))
        end = ago(31) if before is None else min(ago(31), before)
        return between(self.rng, start, max(start, end))

    def add(self, draft: Draft) -> None:
        self.drafts.append(draft)

    def make_person(
        self,
        category: str,
        *,
        interests: Sequence[str] = (),
        off_field: str = "",
        bio: str = "",
        region: str | None = None,
        created_range: tuple[int, int] = (2009, 2022),
        last_active: datetime | None = None,
        followers: tuple[float, float] = (80, 5000),
        following: tuple[float, float] = (100, 1500),
        rate: tuple[float, float] = (0.3, 10),
        follows_you: bool = False,
        pinned_p: float = 0.3,
        recent: bool = False,
        engagement: str = "none",
    ) -> Draft:
        r = self.rng
        region = region or self.region(category)
        location, culture = self.location_and_culture(region)
        display, first, last = self.person_name(culture)
        handle = self.person_handle(first, last, hint=(interests[0][:4] if interests else ""))
        created = between(
            r,
            datetime(created_range[0], 1, 1, tzinfo=UTC),
            min(ago(45), datetime(created_range[1], 12, 31, tzinfo=UTC)),
        )
        if last_active is None:
            # Most people posted within days; a tail within a month or two.
            last_active = ago(log_uniform(r, 0.02, 50))
        pinned = ""
        if interests:
            bio = bio or self.on_topic_bio(interests)
            if r.random() < pinned_p:
                pinned = self.on_topic_pinned(interests)
        elif off_field:
            bios, pins = OFF_TOPIC[off_field]
            bio = bio or r.choice(bios)
            if r.random() < pinned_p:
                pinned = r.choice(pins)
        url = ""
        if r.random() < 0.45:
            url = r.choice(
                (
                    f"https://{handle.lower()}.dev",
                    f"https://github.com/{handle}",
                    f"https://linktr.ee/{handle}",
                    f"https://{handle.lower()}.blog",
                )
            )
        account = Account(
            id=self.ids.snowflake(created),
            handle=handle,
            name=display,
            bio=bio,
            location=location,
            url=url,
            created_at=created,
            last_active_at=last_active,
            verified=r.random() < 0.04,
            protected=False,
            default_avatar=r.random() < 0.02,
            pinned_text=pinned,
            **self.counts(
                created, last_active, followers=followers, following=following, rate=rate
            ),
        )
        # Following someone who already fell silent is rare: most silent follows predate it.
        before = last_active if category == "silent" and self.rng.random() < 0.8 else None
        return Draft(
            account,
            category,
            follows_you,
            self.first_seen(created, recent=recent, before=before),
            engagement=engagement,
        )

    # --- categories ----------------------------------------------------------------------

    def interests(self, k_lo: int = 1, k_hi: int = 3) -> list[str]:
        return self.rng.sample(PERSONA["interests"], self.rng.randint(k_lo, k_hi))

    def friends(self, n: int = 80) -> None:
        """The core: colleagues and friends, mostly Berlin, mostly mutual, talked to often."""
        r = self.rng
        for i in range(n):
            personal = r.random() < 0.12  # a friend who posts about food or music, still a friend
            d = self.make_person(
                "friend",
                interests=() if personal else self.interests(1, 3),
                off_field=r.choice(("cooking", "music", "lifestyle")) if personal else "",
                created_range=(2008, 2020),
                last_active=ago(log_uniform(r, 0.02, 6)),
                followers=(150, 6000),
                following=(150, 1500),
                rate=(0.5, 12),
                follows_you=i >= 8,  # 8 admired colleagues who don't follow back
                engagement="core",
            )
            self.add(d)

    def on_topic(self, n: int = 150) -> None:
        """Strangers who post about your interests, all over the world."""
        r = self.rng
        for _ in range(n):
            d = self.make_person(
                "on_topic",
                interests=self.interests(1, 2),
                followers=(60, 90_000),
                following=(80, 2500),
                follows_you=r.random() < 0.30,
                engagement="sparse" if r.random() < 0.32 else "none",
            )
            self.add(d)

    def berlin_locals(self, n: int = 40) -> None:
        r = self.rng
        for _ in range(n):
            d = self.make_person(
                "berlin_local",
                bio=r.choice(BERLIN_LOCAL),
                followers=(80, 12_000),
                follows_you=r.random() < 0.45,
                engagement="sparse" if r.random() < 0.40 else "none",
            )
            if r.random() < 0.3:
                d.account = d.account.model_copy(update={"pinned_text": r.choice(BERLIN_PINNED)})
            self.add(d)

    def off_topic(self, n: int = 125) -> None:
        r = self.rng
        for _ in range(n):
            d = self.make_person(
                "off_topic",
                off_field=r.choice(OFF_TOPIC_FIELDS),
                followers=(100, 400_000),
                following=(50, 3000),
                rate=(0.3, 25),
                follows_you=r.random() < 0.12,
                engagement="sparse" if r.random() < 0.10 else "none",
            )
            self.add(d)

    def orgs(self) -> None:
        """Verified organisations: news outlets (one-way) and community orgs you interact with."""
        r = self.rng
        for org in ORGS:
            name, handle, community = org.name, org.handle, org.community
            created = between(r, datetime(2008, 1, 1, tzinfo=UTC), datetime(2016, 1, 1, tzinfo=UTC))
            last_active = ago(log_uniform(r, 0.01, 3))
            counts = self.counts(
                created,
                last_active,
                followers=(3_000, 40_000) if community else (80_000, 4_000_000),
                following=(100, 1500) if community else (20, 900),
                rate=(0.3, 3) if community else (8, 60),
            )
            account = Account(
                id=self.ids.snowflake(created),
                handle=self.ids.handle([handle]),
                name=name,
                bio=org.bio,
                location=org.location,
                url=f"https://{handle}.example.org",
                created_at=created,
                last_active_at=last_active,
                verified=True,
                pinned_text=(f"Welcome to {name}! Start here 🧵" if r.random() < 0.4 else ""),
                **counts,
            )
            self.add(
                Draft(
                    account,
                    "org",
                    follows_you=community and r.random() < 0.6,
                    first_seen=self.first_seen(created),
                    engagement="sparse" if community else "none",
                )
            )

    def bots(self, n: int = 40) -> None:
        """Follower-seekers: young, following thousands, few followers, default avatar, digits."""
        r = self.rng
        for i in range(n):
            name = r.choice(BOT_NAMES)
            base = r.choice(BOT_HANDLE_BASES)
            handle = self.ids.handle([f"{base}{r.randint(10**6, 10**9)}"[:15]])
            created = ago(r.uniform(40, 420))
            last_active = ago(log_uniform(r, 0.01, 10))
            followers = int(log_uniform(r, 3, 350))
            posts = int(r.uniform(0, 30) * max(1, (last_active - created).days))
            location = "" if r.random() < 0.55 else r.choice(BOT_LOCATIONS)
            account = Account(
                id=self.ids.snowflake(created),
                handle=handle,
                name=name if r.random() < 0.7 else "",
                bio=r.choice(BOT_BIOS),
                location=location,
                url="" if r.random() < 0.7 else f"https://bit.ly/{ascii_fold(handle)[:7]}",
                created_at=created,
                followers_count=followers,
                following_count=r.randint(2000, 7000),
                post_count=posts,
                listed_count=0,
                like_count=int(posts * r.uniform(0.5, 3)) + r.randint(0, 5000),
                last_active_at=last_active,
                default_avatar=r.random() < 0.85,
                pinned_text=r.choice(BOT_PINNED) if r.random() < 0.25 else "",
            )
            # A few farm follow-backs (mutual), and three spam-mention you.
            self.add(
                Draft(
                    account,
                    "bot",
                    follows_you=r.random() < 0.2,
                    first_seen=self.first_seen(created),
                    engagement="spam" if i < 3 else "none",
                )
            )

    def promo(self, n: int = 12) -> None:
        """Crypto/marketing: follow-back farming (ratio ~1 at thousands), some paid checkmarks."""
        r = self.rng
        for _ in range(n):
            region = r.choice(("us", "eu", "world"))
            location, culture = self.location_and_culture(region, blank_p=0.3)
            display, first, last = self.person_name(culture)
            handle = self.person_handle(first, last, hint=r.choice(("eth", "ai", "grow", "web3")))
            created = ago(r.uniform(200, 2500))
            last_active = ago(log_uniform(r, 0.01, 2))
            following = r.randint(2500, 7500)
            account = Account(
                id=self.ids.snowflake(created),
                handle=handle,
                name=f"{display} {r.choice(('🚀', '💰', '🤖', '| AI', '.eth'))}",
                bio=r.choice(PROMO_BIOS),
                location=location,
                url=f"https://linktr.ee/{handle}",
                created_at=created,
                followers_count=int(following * r.uniform(0.8, 1.3)),
                following_count=following,
                post_count=int(r.uniform(15, 60) * (last_active - created).days),
                listed_count=r.randint(0, 40),
                like_count=r.randint(5_000, 90_000),
                last_active_at=last_active,
                verified=r.random() < 0.3,  # paid checkmarks, not organisations
                pinned_text=r.choice(PROMO_PINNED) if r.random() < 0.6 else "",
            )
            self.add(
                Draft(
                    account,
                    "promo",
                    follows_you=r.random() < 0.5,
                    first_seen=self.first_seen(created),
                )
            )

    def dead(self) -> None:
        """Suspended, deactivated and deleted accounts: the network shows little but the id."""
        r = self.rng
        states = (
            [AccountState.SUSPENDED] * 3
            + [AccountState.DEACTIVATED] * 3
            + [AccountState.DELETED] * 2
        )
        for i, state in enumerate(states):
            culture = r.choice(("de", "en", "fr", "es"))
            _, first, last = self.person_name(culture)
            created = between(r, datetime(2010, 1, 1, tzinfo=UTC), ago(400))
            died = ago(r.uniform(20, 900))
            account = Account(
                id=self.ids.snowflake(created),
                handle=self.person_handle(first, last),
                created_at=created,
                last_active_at=died,
                state=state,
            )
            # Two deactivated ones were old friends with a history of replies.
            engagement = "old" if state is AccountState.DEACTIVATED and i < 5 else "none"
            self.add(
                Draft(
                    account,
                    "dead",
                    follows_you=False,
                    first_seen=self.first_seen(created, before=died),
                    engagement=engagement,
                )
            )

    def silent(self, n: int = 35) -> None:
        """Long silent: last post between 6 months and 4 years ago."""
        r = self.rng
        for i in range(n):
            on = i % 2 == 0
            d = self.make_person(
                "silent",
                interests=self.interests(1, 2) if on else (),
                off_field="" if on else r.choice(OFF_TOPIC_FIELDS),
                created_range=(2008, 2019),
                last_active=ago(r.uniform(185, 1460)),
                follows_you=r.random() < 0.3,
                engagement="old" if r.random() < 0.3 else "none",
            )
            self.add(d)

    def hyperactive(self) -> None:
        r = self.rng
        for name, handle, bio, region in HYPERACTIVE:
            location, _ = self.location_and_culture(region, blank_p=0.25)
            created = ago(r.uniform(300, 4000))
            last_active = ago(r.uniform(0.001, 0.2))
            days = (last_active - created).total_seconds() / 86400
            followers = int(log_uniform(r, 800, 250_000))
            posts = int(r.uniform(80, 300) * days)
            account = Account(
                id=self.ids.snowflake(created),
                handle=self.ids.handle([handle]),
                name=name,
                bio=bio,
                location=location,
                created_at=created,
                followers_count=followers,
                following_count=int(log_uniform(r, 5, 3000)),
                post_count=posts,
                listed_count=int(followers * r.uniform(0.001, 0.01)),
                like_count=int(log_uniform(r, 10, 50_000)),
                last_active_at=last_active,
                pinned_text="",
            )
            self.add(
                Draft(
                    account,
                    "hyperactive",
                    follows_you=handle == "replyguyprime",
                    first_seen=self.first_seen(created),
                )
            )

    def recent(self, n: int = 20) -> None:
        """Followed in the last 30 days: the grace period. Mixed on purpose (incl. 2 bot-likes)."""
        r = self.rng
        for i in range(n):
            follows_you = r.random() < 0.3
            engagement = "sparse" if i < 6 else "none"
            if i < 12:
                d = self.make_person(
                    "recent",
                    interests=self.interests(1, 2),
                    recent=True,
                    follows_you=follows_you,
                    engagement=engagement,
                )
            elif i < 16:
                d = self.make_person(
                    "recent",
                    bio=r.choice(BERLIN_LOCAL),
                    region="berlin",
                    recent=True,
                    follows_you=follows_you,
                )
            elif i < 18:
                d = self.make_person(
                    "recent",
                    off_field=r.choice(OFF_TOPIC_FIELDS),
                    recent=True,
                    follows_you=follows_you,
                )
            else:
                # A fresh follower-seeker you followed back: the grace period still holds.
                d = self.make_person(
                    "recent",
                    bio=r.choice(BOT_BIOS[3:]),
                    followers=(5, 120),
                    following=(2500, 6000),
                    created_range=(2026, 2026),
                    recent=True,
                    follows_you=follows_you,
                )
                d.account = d.account.model_copy(update={"default_avatar": True, "listed_count": 0})
            self.add(d)

    # --- relationship flags ----------------------------------------------------------------

    def sprinkle_flags(self) -> None:
        """Protected and muted accounts, chosen among plausible categories."""
        r = self.rng

        def pick(categories: Sequence[str], k: int) -> list[Draft]:
            pool = [d for d in self.drafts if d.category in categories and "flag" not in d.tags]
            chosen = r.sample(pool, k)
            for d in chosen:
                d.tags.add("flag")
            return chosen

        for d in pick(("friend",), 6) + pick(("on_topic", "off_topic", "berlin_local"), 9):
            d.account = d.account.model_copy(update={"protected": True})
        # Muted: you keep following (mutual or colleague) but not their volume or topics.
        for d in (
            pick(("hyperactive",), 2)
            + pick(("friend",), 1)
            + pick(("off_topic",), 2)
            + pick(("org",), 1)
        ):
            d.muted = True

    # --- interactions ----------------------------------------------------------------------

    def interactions(self) -> list[Interaction]:
        r = self.rng
        them_kinds = (
            InteractionKind.REPLY,
            InteractionKind.MENTION,
            InteractionKind.QUOTE,
            InteractionKind.REPOST,
        )
        them_w = (40, 25, 10, 25)
        you_kinds = (
            InteractionKind.LIKE,
            InteractionKind.REPLY,
            InteractionKind.REPOST,
            InteractionKind.MENTION,
            InteractionKind.QUOTE,
        )
        you_w = (45, 25, 15, 8, 7)
        out: list[Interaction] = []
        window = ago(INTERACTION_WINDOW_DAYS)
        friends = [d for d in self.drafts if d.engagement == "core"]
        # Six friends drifted apart: all engagement more than a year ago.
        drifted = {id(d) for d in r.sample([d for d in friends if d.follows_you], 6)}

        for d in self.drafts:
            acc = d.account
            assert acc.created_at is not None and acc.last_active_at is not None
            lo = max(acc.created_at, window)
            if d.category == "recent":
                lo = max(lo, d.first_seen - timedelta(days=10))
            them_hi = min(acc.last_active_at, AS_OF)
            you_hi = min(acc.last_active_at + timedelta(days=14), AS_OF)
            if d.engagement == "core":
                closeness = r.uniform(0.2, 1.0)
                n_them = int(closeness * r.randint(2, 28)) + (1 if d.follows_you else 0)
                n_you = int(closeness * r.randint(3, 36)) + 1
                if not d.follows_you:
                    n_them //= 4  # admired colleagues answer now and then
                if id(d) in drifted:
                    them_hi = you_hi = ago(400)
                    n_them, n_you = min(n_them, 4), min(n_you, 5)
                recent_bias = True
            elif d.engagement == "sparse":
                n_them, n_you = r.randint(0, 2), r.randint(1, 3)
                recent_bias = False
            elif d.engagement == "old":
                them_hi = min(them_hi, ago(400))
                you_hi = min(you_hi, ago(400))
                n_them, n_you = r.randint(1, 3), r.randint(1, 4)
                recent_bias = False
            elif d.engagement == "spam":
                n_them, n_you = r.randint(1, 3), 0
                recent_bias = False
            else:
                continue
            for direction, n, hi, kinds, weights in (
                (Direction.FROM_THEM, n_them, them_hi, them_kinds, them_w),
                (Direction.FROM_YOU, n_you, you_hi, you_kinds, you_w),
            ):
                if hi <= lo:
                    continue
                for _ in range(n):
                    if recent_bias and r.random() < 0.55:
                        # Friends talk all the time, so most of it is recent.
                        at = between(r, max(lo, hi - timedelta(days=170)), hi)
                    else:
                        at = between(r, lo, hi)
                    kind = (
                        InteractionKind.MENTION
                        if d.engagement == "spam"
                        else r.choices(kinds, weights=weights)[0]
                    )
                    out.append(
                        Interaction(
                            account_id=acc.id,
                            kind=kind,
                            direction=direction,
                            at=at,
                            source_id=self.ids.snowflake(at),
                        )
                    )
        out.sort(key=lambda i: (i.at or AS_OF, i.source_id))
        return out

    # --- assembly --------------------------------------------------------------------------

    def me(self, n_following: int, n_mutual: int) -> Account:
        return Account(
            id=ME_ID,
            handle="you",
            name="Sam Richter",
            bio=ME_BIO,
            location="Berlin",
            url="https://you.example.dev",
            created_at=ME_CREATED,
            followers_count=n_mutual + 1_187,
            following_count=n_following,
            post_count=9_412,
            listed_count=38,
            like_count=21_930,
            last_active_at=ago(0.05),
            pinned_text=MY_POSTS[2],
        )

    def network(self) -> dict[str, object]:
        self.friends()
        self.on_topic()
        self.berlin_locals()
        self.off_topic()
        self.orgs()
        self.bots()
        self.promo()
        self.dead()
        self.silent()
        self.hyperactive()
        self.recent()
        self.sprinkle_flags()
        interactions = self.interactions()
        # The network lists follows newest first; so do we.
        drafts = sorted(self.drafts, key=lambda d: (d.first_seen, d.account.id), reverse=True)
        relationships = [
            Relationship(
                account_id=d.account.id,
                you_follow=True,
                follows_you=d.follows_you,
                muted=d.muted,
                blocked=False,
                first_seen=d.first_seen,
            )
            for d in drafts
        ]
        n_mutual = sum(d.follows_you for d in drafts)
        return {
            "as_of": AS_OF_TEXT,
            "persona": PERSONA,
            "me": self.me(len(drafts), n_mutual).model_dump(mode="json"),
            "my_posts": MY_POSTS,
            "accounts": [d.account.model_dump(mode="json") for d in drafts],
            "relationships": [rel.model_dump(mode="json") for rel in relationships],
            "interactions": [i.model_dump(mode="json") for i in interactions],
        }


def build_network(seed: int = SEED) -> dict[str, object]:
    """The demo network as a JSON-ready dict."""
    return Generator(seed).network()


def categories(seed: int = SEED) -> dict[str, str]:
    """account id -> the category it was generated as (for tests and tuning; not shipped)."""
    gen = Generator(seed)
    gen.network()
    return {d.account.id: d.category for d in gen.drafts}


def build(seed: int = SEED) -> bytes:
    """The uncompressed JSON bytes of the demo file: stable key order, UTF-8, one line."""
    text = json.dumps(build_network(seed), ensure_ascii=False, separators=(",", ":"))
    return text.encode("utf-8")


def compress(data: bytes) -> bytes:
    # mtime=0 keeps the gzip header free of the build time, so the bytes are reproducible.
    return gzip.compress(data, compresslevel=9, mtime=0)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--output", type=Path, default=OUTPUT)
    args = parser.parse_args(argv)
    blob = compress(build())
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_bytes(blob)
    print(f"wrote {args.output} ({len(blob):,} bytes)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
