"""X personal data archives in the real format, for tests and the benchmark.

The files look like X's: `window.YTD.<type>.partN = [ … ]`, pretty-printed with `" : "`,
numbers as strings, a `data/manifest.js` listing every part. Tweets are a Sequence, so the
benchmark can generate half a million of them lazily, and are streamed to disk part by part.
"""

from __future__ import annotations

import json
import random
import zipfile
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any, Literal

ME_ID = "1500000000000000001"
ME_NAME = "ana_codes"
TWEET_TIME = "%a %b %d %H:%M:%S +0000 %Y"
Variant = Literal["tweets", "tweet", "parts"]


def tweet(
    post_id: int | str,
    at: datetime,
    text: str,
    *,
    reply_to: tuple[str, str] | None = None,
    mentions: Sequence[tuple[str, str]] = (),
    quote_of: tuple[str, str] | None = None,
) -> dict[str, Any]:
    """One post as the archive writes it. `reply_to`/`mentions` are (id, screen name);
    `quote_of` is (screen name, status id): the archive shows quotes only as links."""
    names = ([reply_to] if reply_to else []) + [m for m in mentions if m != reply_to]
    prefix = "".join(f"@{name} " for _, name in names)
    full_text = prefix + text
    user_mentions, offset = [], 0
    for account_id, name in names:
        start = full_text.index(f"@{name}", offset)
        user_mentions.append({"name": name.title(), "screen_name": name,
                              "indices": [str(start), str(start + len(name) + 1)],
                              "id_str": account_id, "id": account_id})
        offset = start + 1
    urls = []
    if quote_of:
        full_text += " https://t.co/abc123XYZ"
        urls.append({"url": "https://t.co/abc123XYZ",
                     "expanded_url": f"https://twitter.com/{quote_of[0]}/status/{quote_of[1]}",
                     "display_url": f"twitter.com/{quote_of[0]}/st…", "indices": ["0", "1"]})
    body: dict[str, Any] = {
        "edit_info": {"initial": {"editTweetIds": [str(post_id)], "editableUntil":
                                  (at + timedelta(hours=1)).isoformat(), "editsRemaining": "5",
                                  "isEditEligible": True}},
        "retweeted": False,
        "source": '<a href="https://mobile.twitter.com" rel="nofollow">Twitter Web App</a>',
        "entities": {"hashtags": [], "symbols": [], "user_mentions": user_mentions,
                     "urls": urls},
        "display_text_range": [str(len(prefix)), str(len(full_text))],
        "favorite_count": "3",
        "id_str": str(post_id),
        "truncated": False,
        "retweet_count": "0",
        "id": str(post_id),
        "created_at": at.strftime(TWEET_TIME),
        "favorited": False,
        "full_text": full_text,
        "lang": "en",
    }
    if reply_to:
        body.update(in_reply_to_status_id_str=str(int(post_id) - 7),
                    in_reply_to_user_id=reply_to[0], in_reply_to_user_id_str=reply_to[0],
                    in_reply_to_screen_name=reply_to[1])
    return {"tweet": body}


def repost(post_id: int | str, at: datetime, author: tuple[str, str], text: str,
           also_mentions: Sequence[tuple[str, str]] = ()) -> dict[str, Any]:
    """A repost: the archive keeps it as "RT @author: text" with the author as first mention
    (and the original's own mentions after it)."""
    entry = tweet(post_id, at, f"{text}", mentions=[author, *also_mentions])
    body = entry["tweet"]
    body["full_text"] = f"RT @{author[1]}: " + body["full_text"].replace(f"@{author[1]} ", "", 1)
    body["entities"]["user_mentions"][0]["indices"] = ["3", str(4 + len(author[1]))]
    return entry


@dataclass
class FakeArchive:
    following: list[str] = field(default_factory=list)
    followers: list[str] = field(default_factory=list)
    blocked: list[str] = field(default_factory=list)
    muted: list[str] = field(default_factory=list)
    likes: list[str] = field(default_factory=list)
    tweets: Sequence[dict[str, Any]] = field(default_factory=list)
    variant: Variant = "tweets"
    parts: int = 2
    account_id: str = ME_ID
    username: str = ME_NAME
    created_at: str = "2012-03-04T05:06:07.000Z"
    generated_at: str = "2024-05-01T10:00:00.000Z"

    # --- the files -----------------------------------------------------------------------

    def _tweet_files(self) -> list[tuple[str, str, range]]:
        n = len(self.tweets)
        if self.variant == "tweet":
            return [("data/tweet.js", "YTD.tweet.part0", range(n))]
        if self.variant == "tweets":
            return [("data/tweets.js", "YTD.tweets.part0", range(n))]
        size = -(-n // self.parts)
        return [(f"data/tweets-part{i + 1}.js", f"YTD.tweets.part{i + 1}",
                 range(i * size, min(n, (i + 1) * size))) for i in range(self.parts)]

    def _simple(self) -> dict[str, tuple[str, str, list[dict[str, Any]]]]:
        """type → (file, global name, entries) for everything but tweets."""
        def ids(key: str, values: list[str]) -> list[dict[str, Any]]:
            return [{key: {"accountId": v, "userLink":
                           f"https://twitter.com/intent/user?user_id={v}"}} for v in values]

        account = [{"account": {"email": "ana@example.org", "createdVia": "web",
                                "username": self.username, "accountId": self.account_id,
                                "createdAt": self.created_at,
                                "accountDisplayName": "Ana"}}]
        likes = [{"like": {"tweetId": t, "fullText": "a post you liked",
                           "expandedUrl": f"https://twitter.com/i/web/status/{t}"}}
                 for t in self.likes]
        return {
            "account": ("data/account.js", "YTD.account.part0", account),
            "following": ("data/following.js", "YTD.following.part0",
                          ids("following", self.following)),
            "follower": ("data/follower.js", "YTD.follower.part0", ids("follower", self.followers)),
            "block": ("data/block.js", "YTD.block.part0", ids("blocking", self.blocked)),
            "mute": ("data/mute.js", "YTD.mute.part0", ids("muting", self.muted)),
            "like": ("data/like.js", "YTD.like.part0", likes),
        }

    def manifest(self) -> dict[str, Any]:
        data_types: dict[str, Any] = {
            kind: {"files": [{"fileName": f, "globalName": g, "count": str(len(entries))}]}
            for kind, (f, g, entries) in self._simple().items()
        }
        data_types["tweet" if self.variant == "tweet" else "tweets"] = {
            "mediaDirectory": "data/tweets_media",
            "files": [{"fileName": f, "globalName": g, "count": str(len(r))}
                      for f, g, r in self._tweet_files()],
        }
        data_types["adImpressions"] = {"files": [{"fileName": "data/ad-impressions.js",
                                                  "globalName": "YTD.ad_impressions.part0",
                                                  "count": "0"}]}
        return {
            "userInfo": {"accountId": self.account_id, "userName": self.username,
                         "displayName": "Ana"},
            "archiveInfo": {"sizeBytes": "123456", "generationDate": self.generated_at,
                            "isPartialArchive": False, "maxPartSizeBytes": "53250000"},
            "readmeInfo": {"fileName": "data/README.txt", "directory": "data/",
                           "name": "README.txt"},
            "dataTypes": data_types,
        }

    def chunks(self) -> Iterator[tuple[str, Iterator[bytes]]]:
        """(file name, its bytes in pieces) for every file, streamed."""
        yield "data/manifest.js", iter([b"window.__THAR_CONFIG = "
                                        + _dumps(self.manifest()).encode()])
        for file_name, global_name, entries in self._simple().values():
            yield file_name, _array(global_name, iter(entries))
        for file_name, global_name, indexes in self._tweet_files():
            yield file_name, _array(global_name, (self.tweets[i] for i in indexes))
        yield "data/ad-impressions.js", iter([b"window.YTD.ad_impressions.part0 = []"])
        yield "Your archive.html", iter([b"<html>open me</html>"])

    def files(self) -> dict[str, bytes]:
        return {name: b"".join(parts) for name, parts in self.chunks()}

    def write_folder(self, root: Path) -> Path:
        return write_folder(dict(self.chunks()), root)

    def write_zip(self, path: Path) -> Path:
        return write_zip(dict(self.chunks()), path)


def _dumps(value: Any) -> str:
    return json.dumps(value, indent=2, separators=(",", " : "), ensure_ascii=False)


def _array(global_name: str, entries: Iterator[dict[str, Any]]) -> Iterator[bytes]:
    yield f"window.{global_name} = [".encode()
    first = True
    for entry in entries:
        yield (("" if first else ",") + " " + _dumps(entry)).encode()
        first = False
    yield b" ]"


FileMap = dict[str, bytes] | dict[str, Iterator[bytes]]


def _pieces(content: bytes | Iterator[bytes]) -> Iterator[bytes]:
    return iter([content]) if isinstance(content, bytes) else content


def write_folder(files: FileMap, root: Path) -> Path:
    for name, content in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        with path.open("wb") as handle:
            for piece in _pieces(content):
                handle.write(piece)
    return root


def write_zip(files: FileMap, path: Path) -> Path:
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=1) as zf:
        for name, content in files.items():
            with zf.open(name, "w", force_zip64=True) as handle:
                for piece in _pieces(content):
                    handle.write(piece)
    return path


# --- large archives for the benchmark ------------------------------------------------------

_WORDS = [
    "rust", "latency", "postgres", "deploy", "kernel", "cache", "async", "compiler", "coffee",
    "cycling", "turin", "release", "review", "merge", "bug", "fix", "thread", "tokio", "python",
    "typing", "migration", "index", "query", "plan", "vacuum", "replica", "shard", "queue",
    "retry", "backoff", "budget", "metrics", "trace", "benchmark",
]


class GeneratedTweets(Sequence[dict[str, Any]]):
    """n posts, made on demand from their index: a realistic mix of originals, replies,
    mentions, quotes and reposts over several years."""

    def __init__(self, n: int, accounts: list[tuple[str, str]], seed: int = 7) -> None:
        self._n = n
        self._accounts = accounts
        self._seed = seed
        self._start = datetime(2014, 1, 1, tzinfo=UTC)

    def __len__(self) -> int:
        return self._n

    def __getitem__(self, index: Any) -> Any:
        if isinstance(index, slice):
            return [self[i] for i in range(*index.indices(self._n))]
        rng = random.Random(self._seed * 1_000_003 + index)
        at = self._start + timedelta(minutes=17 * index + rng.randrange(17))
        post_id = 500_000_000_000_000_000 + index * 1_000 + rng.randrange(1000)
        text = " ".join(rng.choice(_WORDS) for _ in range(rng.randrange(6, 30)))
        other = rng.choice(self._accounts)
        roll = rng.random()
        if roll < 0.35:
            return tweet(post_id, at, text)
        if roll < 0.65:
            return tweet(post_id, at, text, reply_to=other)
        if roll < 0.75:
            return tweet(post_id, at, text, mentions=[other, rng.choice(self._accounts)])
        if roll < 0.80:
            return tweet(post_id, at, text, quote_of=(other[1], str(post_id - 99)))
        return repost(post_id, at, other, text)


def big_archive(n_posts: int, n_following: int = 5_000, seed: int = 7) -> FakeArchive:
    rng = random.Random(seed)
    following = [str(2_000_000_000 + i * 37) for i in range(n_following)]
    accounts = [(account_id, f"user{account_id[-6:]}") for account_id in following]
    return FakeArchive(
        following=following,
        followers=rng.sample(following, n_following // 3),
        blocked=[str(9_000_000 + i) for i in range(50)],
        muted=rng.sample(following, 40),
        likes=[str(600_000_000_000_000_000 + i) for i in range(20_000)],
        tweets=GeneratedTweets(n_posts, accounts, seed),
        variant="parts",
        parts=max(1, n_posts // 40_000),
    )
