"""Benchmark the keep score: `score_all` over generated follow lists of several sizes.

    python benchmarks/bench_scoring.py [--sizes 5000,100000,1000000] [--seed 7]

Each size runs in a fresh interpreter, so one size's heap cannot inflate the next one's peak.
A run reports the time to generate the input (Accounts, Relationships, Interactions: what the
store hands to scoring), the resident memory that input occupies, the time `score_all` takes
(the call `prune` makes) and the process's peak resident memory, which includes the input.

The generator is also what tests/test_scoring_properties.py calls a "typical" list, so its
mix is meant to look like a real person's follow list: bios of 20-30 words on a handful of
topics, a third of locations blank or jokes, a few per cent follower-seekers, bots, silent
and very busy accounts, 30 % mutuals, interactions with one account in ten.
"""

from __future__ import annotations

import argparse
import gc
import json
import random
import resource
import subprocess
import sys
import time
from dataclasses import dataclass
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
from followprune.scoring.blend import ScoringPolicy, score_all
from followprune.scoring.geography import resolve_setting
from followprune.scoring.relevance import InterestProfile

NOW = datetime(2026, 6, 1, 12, 0, tzinfo=UTC)
DEFAULT_SIZES = (5_000, 100_000, 1_000_000)
# The blend and threshold from reference/scoring.md and config.example.toml.
WEIGHTS = {"relevance": 0.35, "interaction": 0.35, "geography": 0.15, "quality": 0.15}
THRESHOLD = 0.3

# Bios are drawn mostly from one topic's vocabulary plus everyday filler, so BM25 sees the
# skewed, overlapping word distribution of real profiles rather than uniform noise.
TOPICS: dict[str, tuple[str, ...]] = {
    "software": ("rust", "python", "open", "source", "compiler", "backend", "developer",
                 "engineer", "kubernetes", "databases", "infrastructure", "systems", "code",
                 "maintainer", "programming", "linux", "distributed", "performance"),
    "ml": ("machine", "learning", "models", "research", "neural", "data", "science", "phd",
           "statistics", "nlp", "vision", "datasets", "training", "inference", "ai"),
    "climate": ("climate", "energy", "solar", "policy", "carbon", "emissions", "ocean",
                "biodiversity", "sustainability", "wind", "grid", "adaptation", "science"),
    "sports": ("football", "fan", "season", "tickets", "league", "match", "coach", "club",
               "running", "marathon", "cycling", "training", "goals", "stadium"),
    "food": ("chef", "recipes", "baking", "sourdough", "coffee", "restaurant", "vegan",
             "kitchen", "wine", "cooking", "street", "food", "bread", "tasting"),
    "crypto": ("crypto", "bitcoin", "nft", "web3", "defi", "trading", "signals", "gains",
               "airdrop", "token", "moon", "investing", "alpha", "giveaway"),
    "art": ("artist", "illustration", "painting", "commissions", "open", "gallery", "photo",
            "design", "sketch", "prints", "studio", "animation", "comics", "colour"),
    "politics": ("news", "politics", "journalist", "reporter", "elections", "editor",
                 "democracy", "policy", "opinions", "analysis", "breaking", "coverage"),
}
# People follow mostly within their interests (INTERESTS below: software, ML, climate).
TOPIC_WEIGHTS = (3, 2, 2, 1, 1, 1, 1, 1)
FILLER = ("and", "the", "of", "my", "in", "with", "a", "for", "love", "life", "mum", "dad",
          "husband", "wife", "dog", "cat", "person", "lover", "enthusiast", "based", "into",
          "views", "own", "tweets", "always", "learning", "building", "writing", "about",
          "things", "world", "people", "music", "books", "travel", "coffee", "new", "daily")
DECORATION = ("🚀", "✨", "🌍", "☕", "#opensource", "#ClimateAction", "#MachineLearning",
              "https://example.com/about", "@somecompany", "he/him", "she/her", "(they/them)")

# Hecht et al. 2011: ~18 % blank, ~16 % not a place; the rest mostly city or country level,
# many spellings of the same places, and a long tail.
BLANK_SHARE = 0.18
JOKE_SHARE = 0.16
PLACES = ("Berlin", "Berlin, Germany", "München", "Hamburg, DE", "London", "London, UK",
          "Manchester, England", "Paris, France", "NYC", "New York, NY", "Brooklyn",
          "San Francisco, CA", "Bay Area", "Los Angeles", "Austin, TX", "Seattle, WA",
          "Toronto, Ontario", "Vancouver, BC", "Sydney, Australia", "Melbourne",
          "Tokyo, Japan", "🇯🇵", "🇩🇪", "🇺🇸", "🇬🇧", "🇧🇷", "São Paulo, Brasil", "Lagos, Nigeria",
          "Nairobi", "Mumbai, India", "Bangalore", "Madrid", "Barcelona, Spain", "Amsterdam",
          "Stockholm, Sweden", "Zürich", "Wien", "Warszawa", "Mexico City", "Buenos Aires",
          "Singapore", "Dubai", "USA", "United States", "Deutschland", "Canada", "India",
          "Texas", "California", "Ireland", "Italia", "Milano, Lombardia")
JOKES = ("worldwide", "Earth", "the internet", "remote", "somewhere", "in your heart",
         "Mars", "she/her", "he/him", "online", "everywhere", "🌍", "your mom's house", "here",
         "Hogwarts", "Gotham", "the moon", "link below", "DMs open", "🇺🇳")

INTERESTS = InterestProfile(
    keywords=("rust", "python", "open source", "machine learning", "research", "climate",
              "energy"),
    own_bio="Rust and Python developer, open source maintainer, climate nerd in Berlin",
    own_posts=(
        "Shipped a new release of our rust compiler plugin today",
        "Climate data pipelines in python are fun",
        "Open source maintainers need funding",
        "Reading about solar energy and the grid",
    ),
)


@dataclass(frozen=True)
class FollowList:
    accounts: list[Account]
    relationships: list[Relationship]
    interactions: list[Interaction]


def policy() -> ScoringPolicy:
    return ScoringPolicy(
        weights=WEIGHTS,
        threshold=THRESHOLD,
        interests=INTERESTS,
        home=(resolve_setting("Berlin"),),
        regions=(resolve_setting("GB"),),
    )


def _bio(rng: random.Random) -> str:
    if rng.random() < 0.08:
        return ""  # empty bios are common, and mostly on low-quality accounts
    topic = rng.choices(tuple(TOPICS), weights=TOPIC_WEIGHTS)[0]
    words = rng.choices(TOPICS[topic], k=rng.randint(8, 14))
    words += rng.choices(FILLER, k=rng.randint(10, 16))
    rng.shuffle(words)
    if rng.random() < 0.4:
        words.insert(rng.randrange(len(words)), rng.choice(DECORATION))
    return " ".join(words).capitalize() + "."


def _location(rng: random.Random) -> str:
    roll = rng.random()
    if roll < BLANK_SHARE:
        return ""
    if roll < BLANK_SHARE + JOKE_SHARE:
        return rng.choice(JOKES)
    return rng.choice(PLACES)


def _account(rng: random.Random, index: int) -> Account:
    kind = rng.random()
    age = rng.uniform(60, 15 * 365)
    followers = int(rng.lognormvariate(6, 1.8))
    following = int(rng.lognormvariate(6, 1.0))
    posts_per_day = rng.lognormvariate(0, 1.3)
    silent = rng.expovariate(1 / 12)
    handle = f"{rng.choice(FILLER)}_{rng.choice(FILLER)}{index}"
    default_avatar = rng.random() < 0.02
    bio = _bio(rng)
    if kind < 0.04:  # follower-seeker / follow-back farm
        following, followers = rng.randint(2_000, 7_000), rng.randint(5, 400)
        handle, default_avatar = f"user{rng.randrange(10**8, 10**9)}", rng.random() < 0.5
        bio = "" if rng.random() < 0.5 else bio
    elif kind < 0.07:  # gone quiet
        silent = rng.uniform(200, 1_500)
    elif kind < 0.09:  # floods the timeline
        posts_per_day = rng.uniform(60, 300)
    state = AccountState.SUSPENDED if rng.random() < 0.005 else AccountState.ACTIVE
    return Account(
        id=str(index),
        handle=handle,
        name=f"{rng.choice(FILLER).title()} {rng.choice(FILLER).title()}",
        bio=bio,
        location=_location(rng),
        created_at=NOW - timedelta(days=age),
        followers_count=followers,
        following_count=following,
        post_count=int(posts_per_day * age),
        listed_count=int(rng.lognormvariate(0.5, 1.5)) if rng.random() < 0.7 else 0,
        like_count=int(rng.lognormvariate(6, 2)),
        last_active_at=NOW - timedelta(days=min(silent, age)),
        verified=rng.random() < 0.02,
        default_avatar=default_avatar,
        pinned_text=" ".join(rng.choices(FILLER, k=12)) if rng.random() < 0.1 else "",
        state=state,
    )


def generate(n: int, seed: int = 7) -> FollowList:
    """A follow list of `n` accounts, reproducible from `seed`."""
    rng = random.Random(seed)
    accounts, relationships, interactions = [], [], []
    kinds = tuple(InteractionKind)
    for index in range(n):
        account = _account(rng, index)
        accounts.append(account)
        relationships.append(Relationship(
            account_id=account.id,
            follows_you=rng.random() < 0.3,
            # Most follows are old; a few are inside the grace period.
            first_seen=NOW - timedelta(days=rng.choice((5, 200, 400, 900, 1500, 2500))),
        ))
        if rng.random() < 0.1:
            for event in range(rng.randint(1, 5)):
                interactions.append(Interaction(
                    account_id=account.id,
                    kind=rng.choice(kinds),
                    direction=rng.choice((Direction.FROM_THEM, Direction.FROM_YOU)),
                    at=NOW - timedelta(days=rng.uniform(0, 700)),
                    source_id=f"{index}-{event}",
                ))
    return FollowList(accounts, relationships, interactions)


def _rss_mb() -> float:
    """Current resident memory, from /proc (ru_maxrss only knows the peak)."""
    with open("/proc/self/statm") as statm:
        pages = int(statm.read().split()[1])
    return pages * resource.getpagesize() / 2**20


def measure(n: int, seed: int) -> dict[str, float]:
    """Generate, then score, in this process; the numbers one line of the report shows."""
    baseline = _rss_mb()
    started = time.perf_counter()
    follows = generate(n, seed)
    generated = time.perf_counter() - started
    gc.collect()
    input_mb = _rss_mb() - baseline
    pol = policy()
    started, cpu_started = time.perf_counter(), time.process_time()
    scores = score_all(follows.accounts, follows.relationships, follows.interactions, pol, NOW)
    scored = time.perf_counter() - started
    # CPU time as well: on a shared 2-core machine, wall time includes other people's work.
    cpu = time.process_time() - cpu_started
    return {
        "n": n,
        "generate_s": generated,
        "input_mb": input_mb,
        "score_s": scored,
        "score_cpu_s": cpu,
        # ru_maxrss is in KiB on Linux.
        "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
        "proposed_pct": 100 * sum(s.proposed for s in scores) / n,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", default=",".join(map(str, DEFAULT_SIZES)),
                        help="comma-separated list sizes (default: %(default)s)")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--one", type=int, help=argparse.SUPPRESS)  # the child's entry point
    args = parser.parse_args()
    if args.one is not None:
        print(json.dumps(measure(args.one, args.seed)))
        return
    print(f"{'accounts':>10} {'generate':>9} {'input':>9} {'score':>8} {'(cpu)':>8} "
          f"{'peak RSS':>9} {'proposed':>8}")
    for size in (int(s) for s in args.sizes.split(",")):
        child = subprocess.run(
            [sys.executable, str(Path(__file__).resolve()), "--one", str(size),
             "--seed", str(args.seed)],
            check=True, capture_output=True, text=True,
        )
        r = json.loads(child.stdout)
        print(f"{r['n']:>10,} {r['generate_s']:>8.1f}s {r['input_mb']:>6.0f} MB "
              f"{r['score_s']:>7.2f}s {r['score_cpu_s']:>7.2f}s {r['peak_mb']:>6.0f} MB "
              f"{r['proposed_pct']:>7.1f}%", flush=True)


if __name__ == "__main__":
    main()
