"""World state of the fake X API: who "me" is, the follow graph, posts, likes and credentials.

Users and posts are stored as plain v2 JSON objects in the *new* (spec 2.167) spelling
(`public_metrics.post_count`, `pinned_post_id`, `most_recent_post_id`, `referenced_posts`,
`edit_history_post_ids`, `public_metrics.repost_count`).  The server translates to the old
spelling on the way out when configured to; builders accept either spelling on the way in,
so recorded real responses can be loaded as state.
"""

from __future__ import annotations

import json
import os
import random
import threading
from dataclasses import asdict, dataclass, field, fields
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

JSON = dict[str, Any]

# X's snowflake epoch (ms). `ms = (id >> 22) + TWEPOCH_MS`.
TWEPOCH_MS = 1288834974657
# Fixed "now" for generated data, so the same seed gives byte-identical state on any day.
DEFAULT_NOW = datetime(2026, 3, 1, 12, 0, 0, tzinfo=UTC)

ALL_SCOPES = [
    "tweet.read", "users.read", "follows.read", "follows.write", "like.read",
    "mute.read", "mute.write", "offline.access",
]

DEFAULT_AVATAR = "https://abs.twimg.com/sticky/default_profile_images/default_profile_normal.png"


def snowflake(when: datetime, seq: int = 0) -> str:
    """A snowflake id whose embedded timestamp is `when` (ids sort by time, as on X)."""
    ms = int(when.timestamp() * 1000)
    return str(((ms - TWEPOCH_MS) << 22) | (seq & 0x3FFFFF))


def snowflake_time(id_: str | int) -> datetime:
    return datetime.fromtimestamp(((int(id_) >> 22) + TWEPOCH_MS) / 1000, tz=UTC)


def iso(when: datetime) -> str:
    """X's timestamp format: millisecond precision, literal Z."""
    return when.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.") + f"{when.microsecond // 1000:03d}Z"


# --- spelling normalisation (old -> new) -------------------------------------------------

def normalise_user(user: JSON) -> JSON:
    """Copy of a v2 user object with old-spelling keys renamed to the 2.167 spelling."""
    u: JSON = json.loads(json.dumps(user))
    for old, new in (("pinned_tweet_id", "pinned_post_id"),
                     ("most_recent_tweet_id", "most_recent_post_id")):
        if old in u:
            u.setdefault(new, u.pop(old))
    pm = u.get("public_metrics")
    if isinstance(pm, dict) and "tweet_count" in pm:
        pm.setdefault("post_count", pm.pop("tweet_count"))
    return u


def normalise_post(post: JSON) -> JSON:
    p: JSON = json.loads(json.dumps(post))
    for old, new in (("referenced_tweets", "referenced_posts"),
                     ("edit_history_tweet_ids", "edit_history_post_ids")):
        if old in p:
            p.setdefault(new, p.pop(old))
    pm = p.get("public_metrics")
    if isinstance(pm, dict) and "retweet_count" in pm:
        pm.setdefault("repost_count", pm.pop("retweet_count"))
    return p


# --- credentials -------------------------------------------------------------------------

@dataclass
class Credentials:
    """What the fake accepts.  Persisted with the state so a restarted server honours tokens
    issued before the restart (refresh-token rotation must survive crashes)."""

    consumer_key: str = "fake-consumer-key"
    consumer_secret: str = "fake-consumer-secret"
    # tweepy derives the authenticating user id from the "<id>-" prefix of the access token.
    access_token: str = ""
    access_token_secret: str = "fake-access-token-secret"
    client_id: str = "fake-client-id"
    client_secret: str | None = None
    app_bearer_token: str = "fake-app-bearer-token"
    # OAuth 2.0 user access tokens: token -> {"expires_at": float | None, "scopes": [...]}.
    # The default token never expires so ordinary tests need no refresh dance.
    user_tokens: dict[str, JSON] = field(default_factory=lambda: {
        "fake-user-access-token": {"expires_at": None, "scopes": list(ALL_SCOPES)}})
    # refresh token -> scopes.  Single use: refreshing rotates it (as X does).
    refresh_tokens: dict[str, list[str]] = field(default_factory=lambda: {
        "fake-refresh-token": list(ALL_SCOPES)})
    # authorization code -> {"code_challenge": str | None, "scopes": [...]}
    auth_codes: dict[str, JSON] = field(default_factory=dict)


# --- state -------------------------------------------------------------------------------

@dataclass
class State:
    me_id: str
    users: dict[str, JSON] = field(default_factory=dict)
    # Ordered as the API returns them: most recent follow first.
    following: list[str] = field(default_factory=list)
    followers: list[str] = field(default_factory=list)
    muting: list[str] = field(default_factory=list)
    # Follow requests sent to protected accounts (connection_status follow_request_sent).
    pending: list[str] = field(default_factory=list)
    posts: dict[str, JSON] = field(default_factory=dict)
    # Post ids liked by me, most recent like first.
    liked: list[str] = field(default_factory=list)
    # Whom other users follow (GET /2/users/:id/following for an id not mine), for the
    # candidates `prune suggest` finds through your mutuals (issue 16).
    following_of: dict[str, list[str]] = field(default_factory=dict)
    credentials: Credentials = field(default_factory=Credentials)
    # Guards mutations from the server's handler threads; not serialised.
    lock: threading.RLock = field(default_factory=threading.RLock, repr=False, compare=False)

    def __post_init__(self) -> None:
        if not self.credentials.access_token:
            self.credentials.access_token = f"{self.me_id}-fake-access-token"

    @property
    def me(self) -> JSON:
        return self.users[self.me_id]

    # -- builders --------------------------------------------------------------------------
    def add_user(self, user: JSON) -> JSON:
        u = normalise_user(user)
        u.setdefault("name", u.get("username", "user"))
        u.setdefault("username", f"user{u['id']}")
        self.users[u["id"]] = u
        return u

    def add_post(self, post: JSON) -> JSON:
        """Add a post; keeps the author's `most_recent_post_id` and `post_count` in step."""
        p = normalise_post(post)
        p.setdefault("edit_history_post_ids", [p["id"]])
        p.setdefault("created_at", iso(snowflake_time(p["id"])))
        self.posts[p["id"]] = p
        author = self.users.get(p.get("author_id", ""))
        if author is not None:
            current = author.get("most_recent_post_id")
            if current is None or int(current) < int(p["id"]):
                author["most_recent_post_id"] = p["id"]
        return p

    def follow(self, user_id: str) -> None:
        if user_id not in self.following:
            self.following.insert(0, user_id)

    def add_follower(self, user_id: str) -> None:
        if user_id not in self.followers:
            self.followers.insert(0, user_id)

    # -- (de)serialisation -------------------------------------------------------------------
    def to_dict(self) -> JSON:
        with self.lock:
            # Not dataclasses.asdict(self): it would try to deep-copy the lock.
            d = {f.name: getattr(self, f.name) for f in fields(self) if f.name != "lock"}
            d["credentials"] = asdict(self.credentials)
            out: JSON = json.loads(json.dumps(d))
            return out

    @classmethod
    def from_dict(cls, d: JSON) -> State:
        d = dict(d)
        creds = Credentials(**d.pop("credentials", {}))
        return cls(credentials=creds, **d)

    def save(self, path: str | os.PathLike[str]) -> None:
        """Atomic write (tmp + rename) so a server killed mid-write never leaves half a file."""
        path = Path(path)
        tmp = path.with_name(path.name + ".tmp")
        tmp.write_text(json.dumps(self.to_dict()), encoding="utf-8")
        os.replace(tmp, path)

    @classmethod
    def load(cls, path: str | os.PathLike[str]) -> State:
        return cls.from_dict(json.loads(Path(path).read_text(encoding="utf-8")))


def empty_state(me_id: str = "1000000001", username: str = "me_fake", name: str = "Me") -> State:
    st = State(me_id=me_id)
    st.add_user(make_user(me_id, username=username, name=name))
    return st


def make_user(user_id: str, username: str, name: str | None = None, **fields: Any) -> JSON:
    """A minimal but complete v2 user object (2.167 spelling); `fields` override."""
    u: JSON = {
        "id": user_id,
        "name": name or username,
        "username": username,
        "created_at": "2015-06-01T10:00:00.000Z",
        "description": "",
        "location": "",
        "url": "",
        "profile_image_url": DEFAULT_AVATAR,
        "protected": False,
        "verified": False,
        "verified_type": "none",
        "public_metrics": {"followers_count": 10, "following_count": 10, "post_count": 0,
                           "listed_count": 0, "like_count": 0},
    }
    u.update(fields)
    # Only pay for the deep-copying normaliser when an old spelling was passed in.
    old = ("pinned_tweet_id" in u or "most_recent_tweet_id" in u
           or "tweet_count" in u["public_metrics"])
    return normalise_user(u) if old else u


def make_post(post_id: str, author_id: str, text: str, **fields: Any) -> JSON:
    p: JSON = {"id": post_id, "author_id": author_id, "text": text,
               "created_at": iso(snowflake_time(post_id)), "edit_history_post_ids": [post_id],
               "conversation_id": post_id, "lang": "en",
               "public_metrics": {"repost_count": 0, "reply_count": 0, "like_count": 0,
                                  "quote_count": 0, "bookmark_count": 0, "impression_count": 0}}
    p.update(fields)
    old = ("referenced_tweets" in p or "edit_history_tweet_ids" in p
           or "retweet_count" in p["public_metrics"])
    return normalise_post(p) if old else p


# --- deterministic generator -----------------------------------------------------------------

_FIRST = ["Ada", "Ben", "Chloé", "Dmitri", "Elif", "Farah", "Gus", "Hana", "Ivan", "Jia", "Kofi",
          "Lena", "Mateo", "Nadia", "Omar", "Priya", "Quinn", "Rosa", "Sven", "Tomás", "Uma",
          "Vik", "Wen", "Xavier", "Yara", "Zoë"]
_LAST = ["Okafor", "Schmidt", "Nguyen", "García", "Kowalski", "Tanaka", "Haddad", "Silva",
         "Müller", "Rossi", "Kim", "Dubois", "Johansson", "Patel", "O'Brien", "Ivanova"]
_BRANDS = ["Daily Rust", "Open Maps", "Tide Pods Review", "CityBus Alerts", "Astro Weekly",
           "The Local Baker", "PyCon News", "Ferry Updates", "Night Sky Bot", "Garden Notes"]
_TOPICS = ["rust", "python", "maps", "astronomy", "cycling", "jazz", "baking", "chess",
           "climate", "typography", "linux", "birding", "football", "poetry"]
_BIOS = ["{t} nerd. Opinions my own.", "Writing about {t} and {t2}.", "Dad. {t}. Coffee.",
         "Building things with {t} • she/her", "Official account. Updates on {t}.",
         "{t} | {t2} | retired", "", "Lurker. Mostly {t}.", "PhD student, {t} 🧪",
         "Posting daily {t} facts 🤖 (automated)"]
_PLACES = ["Berlin, Germany", "São Paulo", "Lagos", "Tokyo 東京", "Portland, OR", "London",
           "", "", "Earth", "Montréal, QC", "Mumbai", "Nairobi, Kenya", "🌍", "Sydney"]


def make_state(
    n_following: int = 50,
    *,
    seed: int = 0,
    n_followers: int | None = None,
    follow_back_ratio: float = 0.4,
    n_muted: int = 0,
    posts_per_user: int = 3,
    n_my_posts: int = 30,
    n_likes: int = 30,
    n_mentions: int = 10,
    now: datetime = DEFAULT_NOW,
    me_id: str = "1000000001",
    me_username: str = "me_fake",
) -> State:
    """N deterministic followed accounts with realistic, varied profiles and activity.

    Mix chosen to exercise ranking: ~10% never posted, ~15% silent for 1–5 years, protected
    and verified accounts, default avatars, empty bios, mutuals, replies/retweets/quotes
    by me to followed accounts, likes of their posts, and mentions of me.
    """
    rng = random.Random(seed)
    st = empty_state(me_id, me_username, "Me Myself")
    me = st.me
    me["created_at"] = "2011-04-02T09:30:00.000Z"
    me["description"] = "I follow too many accounts."
    seq = 0

    def next_seq() -> int:
        nonlocal seq
        seq += 1
        return seq

    used_names: set[str] = {me_username}
    followed: list[str] = []
    for i in range(n_following):
        created = now - timedelta(days=rng.randint(200, 6000), seconds=rng.randint(0, 86400))
        if created.year >= 2014:
            uid = snowflake(created, next_seq())
        else:  # pre-snowflake era user ids are small integers
            uid = str(rng.randint(10**6, 2 * 10**9) * 10 + i % 10)
        if rng.random() < 0.15:
            name = rng.choice(_BRANDS)
            base = "".join(ch for ch in name.lower() if ch.isalnum())
        else:
            first, last = rng.choice(_FIRST), rng.choice(_LAST)
            name = f"{first} {last}"
            base = "".join(ch for ch in (first + last[:3]).lower() if ch.isascii() and ch.isalnum())
        username = base[:12]
        while username in used_names:
            username = f"{base[:11]}{rng.randint(0, 9999)}"
        used_names.add(username)
        t1, t2 = rng.sample(_TOPICS, 2)
        bio = rng.choice(_BIOS).format(t=t1, t2=t2)
        followers_count = int(rng.lognormvariate(5.5, 2.0))
        has_url = rng.random() < 0.3
        user = make_user(
            uid, username, name,
            created_at=iso(created),
            description=bio,
            location=rng.choice(_PLACES),
            url="https://t.co/" + "".join(rng.choices("abcdefghijkLMNOPQ0123456789", k=10))
            if has_url else "",
            profile_image_url=DEFAULT_AVATAR if rng.random() < 0.08 else
            f"https://pbs.twimg.com/profile_images/{uid}/{rng.getrandbits(40):x}_normal.jpg",
            protected=rng.random() < 0.05,
            verified=(v := rng.random() < 0.1),
            verified_type=rng.choice(["blue", "business", "government"]) if v else "none",
            public_metrics={"followers_count": followers_count,
                            "following_count": int(rng.lognormvariate(5.5, 1.2)),
                            "post_count": 0, "listed_count": followers_count // 50,
                            "like_count": int(rng.lognormvariate(6, 2))},
        )
        if has_url:
            user["entities"] = {"url": {"urls": [{
                "start": 0, "end": len(user["url"]), "url": user["url"],
                "expanded_url": f"https://{username}.example.org",
                "display_url": f"{username}.example.org"}]}}
        user = st.add_user(user)  # the stored copy: later edits must land on it
        followed.append(uid)

        # Activity profile: when did they last post?
        r = rng.random()
        if r < 0.10:
            last_post = None
        elif r < 0.25:
            last_post = now - timedelta(days=rng.randint(365, 5 * 365))
        elif r < 0.45:
            last_post = now - timedelta(days=rng.randint(30, 364))
        else:
            last_post = now - timedelta(hours=rng.randint(1, 30 * 24))
        if last_post is not None:
            n_posts = rng.randint(1, max(1, posts_per_user))
            when = last_post
            first_post_id = ""
            for k in range(n_posts):
                pid = snowflake(when, next_seq())
                st.add_post(make_post(pid, uid, f"Thoughts on {rng.choice(_TOPICS)} #{k}",
                                      created_at=iso(when)))
                first_post_id = pid
                when -= timedelta(days=rng.randint(1, 60))
            # Post counts are totals on X, far larger than what we hold.
            user["public_metrics"]["post_count"] = n_posts + int(rng.lognormvariate(6, 2))
            if rng.random() < 0.2:
                user["pinned_post_id"] = first_post_id

    # Follow order: most recent follow first. Shuffle so it isn't correlated with the index.
    order = followed[:]
    rng.shuffle(order)
    st.following = order

    mutual = [u for u in followed if rng.random() < follow_back_ratio]
    extra_n = max(0, (n_followers if n_followers is not None else len(mutual)) - len(mutual))
    extra: list[str] = []
    for j in range(extra_n):
        created = now - timedelta(days=rng.randint(30, 4000))
        uid = snowflake(created, next_seq())
        st.add_user(make_user(uid, f"fan{j}_{rng.randint(0, 99999)}", f"Follower {j}",
                              created_at=iso(created)))
        extra.append(uid)
    followers = mutual + extra
    rng.shuffle(followers)
    st.followers = followers
    st.muting = rng.sample(followed, min(n_muted, len(followed)))

    # My own posts: replies, retweets, quotes and plain posts that mention followed accounts.
    followed_set = set(followed)
    others_posts = [p for p in st.posts.values() if p["author_id"] in followed_set]
    for k in range(n_my_posts):
        when = now - timedelta(hours=rng.randint(1, 2 * 365 * 24))
        pid = snowflake(when, next_seq())
        kind = rng.choice(["reply", "retweet", "quote", "plain"])
        target_post = rng.choice(others_posts) if others_posts else None
        if target_post is None or kind == "plain":
            st.add_post(make_post(pid, me_id, f"Just me posting #{k}", created_at=iso(when)))
            continue
        target = st.users[target_post["author_id"]]
        mention = {"start": 0, "end": len(target["username"]) + 1,
                   "username": target["username"], "id": target["id"]}
        if kind == "reply":
            text = f"@{target['username']} agreed, nice one"
            extra_fields: JSON = {"in_reply_to_user_id": target["id"],
                                  "conversation_id": target_post["id"],
                                  "referenced_posts": [{"type": "replied_to",
                                                        "id": target_post["id"]}],
                                  "entities": {"mentions": [mention]}}
        elif kind == "retweet":
            text = f"RT @{target['username']}: {target_post['text']}"
            mention = {**mention, "start": 3, "end": 4 + len(target["username"])}
            extra_fields = {"referenced_posts": [{"type": "retweeted", "id": target_post["id"]}],
                            "entities": {"mentions": [mention]}}
        else:
            text = f"Worth reading https://t.co/{pid[-6:]}"
            extra_fields = {"referenced_posts": [{"type": "quoted", "id": target_post["id"]}]}
        st.add_post(make_post(pid, me_id, text, created_at=iso(when), **extra_fields))

    if others_posts:
        liked = rng.sample(others_posts, min(n_likes, len(others_posts)))
        liked.sort(key=lambda p: int(p["id"]), reverse=True)
        st.liked = [p["id"] for p in liked]

    for k in range(n_mentions):
        if not followed:
            break
        author = st.users[rng.choice(followed)]
        when = now - timedelta(hours=rng.randint(1, 365 * 24))
        pid = snowflake(when, next_seq())
        text = f"@{me_username} what do you think? ({k})"
        st.add_post(make_post(pid, author["id"], text, created_at=iso(when), entities={
            "mentions": [{"start": 0, "end": len(me_username) + 1,
                          "username": me_username, "id": me_id}]}))

    my_posts = sum(1 for p in st.posts.values() if p["author_id"] == me_id)
    me["public_metrics"] = {"followers_count": len(st.followers),
                            "following_count": len(st.following), "post_count": my_posts,
                            "listed_count": 0, "like_count": len(st.liked)}
    return st
