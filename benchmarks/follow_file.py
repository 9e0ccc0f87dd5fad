"""Write a follow list as `prune --from` reads it: X API v2 user objects, one per line.

    python benchmarks/follow_file.py 100000 /tmp/100k.jsonl [--seed 7] [--twarc]

The accounts are bench_scoring's generator (the same mix of topics, bots, silent and busy
accounts), spelled as X sends them: `public_metrics`, `most_recent_tweet_id` (a snowflake
dating the last post), `pinned_tweet_id` with the post in `includes`, `connection_status`.
With `--twarc` the users come in twarc2 pages of 1,000, as `twarc2 following` writes them.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

_HERE = Path(__file__).resolve().parent
_spec = importlib.util.spec_from_file_location("bench_scoring", _HERE / "bench_scoring.py")
assert _spec is not None and _spec.loader is not None
bench_scoring = importlib.util.module_from_spec(_spec)
sys.modules.setdefault("bench_scoring", bench_scoring)
_spec.loader.exec_module(bench_scoring)

NOW = bench_scoring.NOW
_SNOWFLAKE_EPOCH_MS = 1288834974657
# Real X ids are snowflakes too; offsetting keeps generated ids distinct from post ids.
_ID_BASE = 10_000_000


def _snowflake(moment: Any) -> str:
    return str((int(moment.timestamp() * 1000) - _SNOWFLAKE_EPOCH_MS) << 22)


def users(n: int, seed: int = 7) -> Iterator[tuple[dict[str, Any], dict[str, Any] | None]]:
    """(user object, pinned post or None) for each of `n` generated accounts."""
    follows = bench_scoring.generate(n, seed)
    for account, rel in zip(follows.accounts, follows.relationships, strict=True):
        user: dict[str, Any] = {
            "id": str(_ID_BASE + int(account.id)),
            "username": account.handle,
            "name": account.name,
            "description": account.bio,
            "location": account.location,
            "created_at": account.created_at.strftime("%Y-%m-%dT%H:%M:%S.000Z"),
            "verified": account.verified,
            "protected": False,
            "profile_image_url": (
                "https://abs.twimg.com/sticky/default_profile_images/default_profile_normal.png"
                if account.default_avatar
                else f"https://pbs.twimg.com/profile_images/{account.id}/photo_normal.jpg"
            ),
            "public_metrics": {
                "followers_count": account.followers_count,
                "following_count": account.following_count,
                "tweet_count": account.post_count,
                "listed_count": account.listed_count,
                "like_count": account.like_count,
            },
            "most_recent_tweet_id": _snowflake(account.last_active_at),
            "connection_status": ["following"] + (["followed_by"] if rel.follows_you else []),
        }
        pinned = None
        if account.pinned_text:
            pinned = {"id": _snowflake(account.created_at), "text": account.pinned_text}
            user["pinned_tweet_id"] = pinned["id"]
        yield user, pinned


def write(path: Path, n: int, seed: int = 7, *, twarc: bool = False) -> None:
    with path.open("w", encoding="utf-8") as out:
        if not twarc:
            for user, pinned in users(n, seed):
                if pinned is not None:
                    # Plain JSON lines have no `includes`; the text rides along in a page.
                    out.write(json.dumps({"data": [user], "includes": {"tweets": [pinned]}},
                                         ensure_ascii=False) + "\n")
                else:
                    out.write(json.dumps(user, ensure_ascii=False) + "\n")
            return
        page: list[dict[str, Any]] = []
        tweets: list[dict[str, Any]] = []
        for user, pinned in users(n, seed):
            page.append(user)
            if pinned is not None:
                tweets.append(pinned)
            if len(page) == 1000:
                out.write(_page(page, tweets))
                page, tweets = [], []
        if page:
            out.write(_page(page, tweets))


def _page(page: list[dict[str, Any]], tweets: list[dict[str, Any]]) -> str:
    body = {
        "data": page,
        "includes": {"tweets": tweets},
        "meta": {"result_count": len(page)},
        "__twarc": {"url": "https://api.x.com/2/users/1/following",
                    "version": "2.14.0", "retrieved_at": NOW.strftime("%Y-%m-%dT%H:%M:%S+00:00")},
    }
    return json.dumps(body, ensure_ascii=False) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("n", type=int)
    parser.add_argument("path", type=Path)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--twarc", action="store_true", help="twarc2 pages instead of lines")
    args = parser.parse_args()
    write(args.path, args.n, args.seed, twarc=args.twarc)


if __name__ == "__main__":
    main()
