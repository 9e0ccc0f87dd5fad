"""A fake Bluesky service on loopback, real HTTP: the XRPC methods followprune calls, each
request and answer checked against the lexicons (when ../shared/bluesky/lexicons exists).

It models what the client must cope with: dead accounts that getProfiles leaves out while
their follow records remain, cursors, sessions that expire and refresh, revoked sessions,
records already deleted, and `handle.invalid` accounts.

    with FakeBluesky(make_state(30)) as fake:
        ... point BLUESKY / FOLLOWPRUNE_BLUESKY_SERVICE at fake.base_url ...
        assert fake.count("com.atproto.server.createSession") == 1
"""

from __future__ import annotations

import base64
import bisect
import json
import secrets
import socket
import threading
import time
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, urlsplit

from tests.fakebsky.lexicon import LEXICONS, Lexicons

JSON = dict[str, Any]
FOLLOW = "app.bsky.graph.follow"
LIKE = "app.bsky.feed.like"
POST = "app.bsky.feed.post"
REPOST = "app.bsky.feed.repost"
REASON_REPOST = "app.bsky.feed.defs#reasonRepost"
APP_PASSWORD = "abcd-efgh-ijkl-mnop"
ME_DID = "did:plc:me0000000000000000000000"
# What the AppView answers for the profile of a dead account, by kind.
DEAD_MESSAGES = {"deleted": "Profile not found", "deactivated": "Account is deactivated",
                 "suspended": "Account has been suspended"}
DEAD_KINDS = tuple(DEAD_MESSAGES)


def stamp(moment: datetime) -> str:
    return moment.astimezone(UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z")


@dataclass(frozen=True)
class FeedItem:
    """A post by `author` (a reply when `reply_to` names the parent's author), or, when
    `reposted_by` is set, that account's repost of it at `at`."""

    author: str
    rkey: str
    at: str
    text: str = "a post"
    reply_to: str | None = None
    reposted_by: str | None = None
    # For a repost: when the original was posted.
    posted_at: str = ""

    @property
    def actor(self) -> str:
        """Whose activity this is: the reposter's for a repost."""
        return self.reposted_by or self.author

    @property
    def uri(self) -> str:
        return f"at://{self.author}/{POST}/{self.rkey}"


@dataclass(frozen=True)
class Notice:
    """A notification: `author` did `reason` (like, repost, reply, mention, quote, follow)."""

    author: str
    reason: str
    at: str
    rkey: str

    @property
    def collection(self) -> str:
        return {"like": LIKE, "repost": REPOST, "follow": FOLLOW}.get(self.reason, POST)

    @property
    def uri(self) -> str:
        return f"at://{self.author}/{self.collection}/{self.rkey}"


@dataclass
class State:
    me_handle: str = "me.bsky.social"
    # Live accounts by DID; a DID followed but absent here is dead (deleted, taken down).
    profiles: dict[str, JSON] = field(default_factory=dict)
    # Your follow records in order: rkey -> (subject DID, createdAt).
    records: dict[str, tuple[str, str]] = field(default_factory=dict)
    muted: set[str] = field(default_factory=set)
    followed_by: set[str] = field(default_factory=set)
    blocked_by: set[str] = field(default_factory=set)  # accounts that block you
    blocking: set[str] = field(default_factory=set)  # accounts you block
    # rkey -> subject of every follow record there ever was, deleted ones too.
    subjects: dict[str, str] = field(default_factory=dict)
    # Why a dead DID has no profile: deleted, deactivated or suspended.
    dead: dict[str, str] = field(default_factory=dict)
    next_rkey: int = 0
    # Your other records (likes, posts, reposts): collection -> rkey -> record value.
    repo: dict[str, dict[str, JSON]] = field(default_factory=dict)
    # What everyone posted and reposted, newest first is not required: served sorted.
    items: list[FeedItem] = field(default_factory=list)
    # Your notifications, in any order (served newest first).
    notifications: list[Notice] = field(default_factory=list)
    # Issue 16 (`prune suggest`): whom getSuggestions offers, and whom
    # getSuggestedFollowsByActor offers for an actor.
    suggested: list[str] = field(default_factory=list)
    similar: dict[str, list[str]] = field(default_factory=dict)
    # Lists by AT-URI (name, purpose without its prefix, member DIDs), and the URIs of those
    # you pinned or saved as feeds (getPreferences' savedFeedsPrefV2).
    lists: dict[str, tuple[str, str, list[str]]] = field(default_factory=dict)
    saved_lists: list[str] = field(default_factory=list)
    _uris: dict[str, str] = field(default_factory=dict, repr=False)
    _uris_key: tuple[int, int] = (-1, -1)
    _keys: list[str] = field(default_factory=list, repr=False)
    _keys_key: tuple[int, int] = (-1, -1)

    def new_rkey(self) -> str:
        self.next_rkey += 1
        return f"3l{self.next_rkey:011d}"

    def follow(self, did: str, created_at: str) -> str:
        rkey = self.new_rkey()
        self.records[rkey] = (did, created_at)
        self.subjects[rkey] = did
        return rkey

    def following(self) -> set[str]:
        return {did for did, _ in self.records.values()}

    def add_record(self, collection: str, value: JSON) -> str:
        rkey = self.new_rkey()
        self.repo.setdefault(collection, {})[rkey] = value
        return rkey

    def follow_keys(self) -> list[str]:
        """The follow records' rkeys in order, rebuilt only after a change (50,000 follows
        are paged 500 times)."""
        key = (len(self.records), self.next_rkey)
        if self._keys_key != key:
            self._keys = sorted(self.records)
            self._keys_key = key
        return self._keys

    def record_uris(self) -> dict[str, str]:
        """DID -> the AT-URI of a follow record for it; rebuilt only after a change, so
        profile batches for 50,000 follows do not cost O(N) each."""
        key = (len(self.records), self.next_rkey)
        if self._uris_key != key:
            self._uris = {did: f"at://{ME_DID}/{FOLLOW}/{rkey}"
                          for rkey, (did, _) in self.records.items()}
            self._uris_key = key
        return self._uris


def make_state(n: int, *, dead: int = 3, invalid_handle: int = 1,
               now: datetime | None = None, activity: bool = True) -> State:
    """`n` followed accounts: the last `dead` have no profile any more, the first
    `invalid_handle` have a handle that no longer resolves; every third follows back.

    With `activity`, live account i (as of `now`) by i % 4: 0 posted in the last days,
    1 reposted someone in the last days, 2 last posted 90 + i days ago, 3 never posted.
    Every other one has notified you (like, repost, reply, mention, quote, follow in turn);
    you liked the posts of every 7th, reposted every 9th and replied to every 11th."""
    state = State()
    for i in range(n):
        did = f"did:plc:acct{i:020d}"
        state.follow(did, f"2024-01-{1 + i % 28:02d}T10:00:00.000Z")
        if i >= n - dead:
            state.dead[did] = DEAD_KINDS[i % len(DEAD_KINDS)]
            continue
        state.profiles[did] = {
            "did": did,
            "handle": "handle.invalid" if i < invalid_handle else f"user{i}.bsky.social",
            "displayName": f"User {i}",
            "description": "python developer writing about databases",
            "followersCount": 100 + i, "followsCount": 50 + i, "postsCount": 1000 + i,
            "createdAt": "2023-05-01T00:00:00.000Z", "indexedAt": "2026-11-01T00:00:00.000Z",
            **({"avatar": f"https://cdn.example/{i}.jpg"} if i % 2 else {}),
        }
        if i % 3 == 0:
            state.followed_by.add(did)
    state.profiles[ME_DID] = {"did": ME_DID, "handle": state.me_handle,
                              "displayName": "Me", "description": "python and databases"}
    if activity:
        add_activity(state, n - dead, now or datetime.now(UTC))
    return state


REASONS = ("like", "repost", "reply", "mention", "quote", "follow")


def account_did(i: int) -> str:
    return f"did:plc:acct{i:020d}"


def add_activity(state: State, live: int, now: datetime) -> None:
    """The posts, notifications and records make_state describes, oldest first (rkeys are
    time-ordered, as TIDs are)."""
    mine: list[tuple[datetime, str, JSON]] = []
    for i in range(live):
        did = account_did(i)
        hours = 1 + i % 47
        if i % 4 == 0:
            for back in (hours + 48, hours + 24, hours):
                state.items.append(FeedItem(did, state.new_rkey(), stamp(now - timedelta(
                    hours=back)), reply_to=ME_DID if i % 8 == 0 and back == hours else None))
        elif i % 4 == 1:
            original = account_did((i + 3) % live)
            state.items.append(FeedItem(original, state.new_rkey(),
                                        stamp(now - timedelta(days=20 + i))))
            first = state.items[-1]
            state.items.append(FeedItem(original, first.rkey, stamp(now - timedelta(hours=hours)),
                                        reposted_by=did, posted_at=first.at))
        elif i % 4 == 2:
            state.items.append(FeedItem(did, state.new_rkey(),
                                        stamp(now - timedelta(days=90 + i))))
        if i % 2 == 0:
            state.notifications.append(Notice(did, REASONS[(i // 2) % len(REASONS)],
                                              stamp(now - timedelta(hours=hours)),
                                              state.new_rkey()))
        subject = {"uri": f"at://{did}/{POST}/3kpost{i:08d}", "cid": f"bafyreipost{i:08d}"}
        at = now - timedelta(days=1 + i % 29, minutes=i)
        if i % 7 == 0:
            mine.append((at, LIKE, {"$type": LIKE, "subject": subject, "createdAt": stamp(at)}))
        if i % 9 == 0:
            mine.append((at, REPOST, {"$type": REPOST, "subject": subject,
                                      "createdAt": stamp(at)}))
        if i % 11 == 0:
            mine.append((at, POST, {"$type": POST, "text": f"@user{i} good point",
                                    "createdAt": stamp(at),
                                    "reply": {"root": subject, "parent": subject}}))
    mine.append((now - timedelta(days=2), POST, {
        "$type": POST, "text": "notes on python and sqlite databases",
        "createdAt": stamp(now - timedelta(days=2))}))
    for _, collection, value in sorted(mine, key=lambda m: m[0]):
        state.add_record(collection, value)
    # Someone you do not follow: read, but nobody to score.
    state.notifications.append(Notice("did:plc:stranger000000000000000", "like",
                                      stamp(now - timedelta(hours=5)), state.new_rkey()))


def _jwt(kind: str) -> str:
    """Looks like a JWT (three base64url parts); the fake only compares it."""
    def part(data: JSON) -> str:
        return base64.urlsafe_b64encode(json.dumps(data).encode()).decode().rstrip("=")
    return ".".join([part({"alg": "ES256K", "typ": kind}),
                     part({"sub": ME_DID, "scope": kind, "jti": secrets.token_hex(8)}),
                     secrets.token_hex(16)])


def _untyped_params(query: dict[str, list[str]]) -> JSON:
    """Without the lexicons: the few params served, typed by hand."""
    return {key: values if key in ("actors", "reasons") else int(values[-1]) if key == "limit"
            else values[-1] == "true" if key in ("reverse", "includePins")
            else values[-1] for key, values in query.items()}


@dataclass
class Answer:
    """A raw answer to send instead of (or, with `after`, after) serving a call: any status,
    any bytes (None: the JSON the call was served); `headers` replace the ratelimit-* ones
    (an empty dict sends none); `drop` cuts the connection off with no answer at all (with
    `after`, once the call was carried out)."""

    status: int
    body: bytes | None
    content_type: str = "application/json"
    headers: dict[str, str] | None = None
    after: bool = False
    drop: bool = False


class XrpcFailure(Exception):
    def __init__(self, status: int, error: str, message: str = "") -> None:
        super().__init__(error)
        self.status, self.error, self.message = status, error, message


class FakeBluesky:
    def __init__(self, state: State, *, validate: bool | None = None) -> None:
        self.state = state
        self.lexicons = Lexicons() if (validate is None and LEXICONS.is_dir()) or validate \
            else None
        self.lock = threading.Lock()
        self.access: set[str] = set()
        self.refresh: set[str] = set()
        self.calls: list[str] = []
        # The collection of every listRecords call, in order.
        self.listed: list[str] = []
        # Lexicon violations and server bugs: a test fails on any of them.
        self.errors: list[str] = []
        # Method -> HTTP statuses to answer next, before serving it (faults).
        self.faults: dict[str, list[int]] = {}
        # Method -> raw answers to send next (faults no status code can express).
        self.answers: dict[str, list[Answer]] = {}
        # Method -> how many of its next calls are carried out and then cut off unanswered.
        self.drop_after: dict[str, int] = {}
        # Method -> seconds between receiving a call and carrying it out.
        self.slow: dict[str, float] = {}
        # Follow records written, as the repo saw them: (method, subject DID, changed).
        self.writes: list[tuple[str, str, bool]] = []
        # Seconds from now that `ratelimit-reset` names (a 429 waits that long).
        self.reset_after = 300
        # What `ratelimit-remaining` says on answers that are not 429s.
        self.remaining = 2999
        self._server: ThreadingHTTPServer | None = None
        self._actor_items: dict[str, list[FeedItem]] = {}
        self._timeline: list[FeedItem] = []
        self._timeline_key: tuple[int, ...] = ()
        self._actor_items_size = -1

    # --- control ---------------------------------------------------------------------------
    @property
    def base_url(self) -> str:
        assert self._server is not None
        return f"http://127.0.0.1:{self._server.server_address[1]}"

    def start(self) -> FakeBluesky:
        fake = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                fake._handle(self, post=False)

            def do_POST(self) -> None:
                fake._handle(self, post=True)

            def log_message(self, format: str, *args: Any) -> None:
                return None

        self._server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        threading.Thread(target=self._server.serve_forever, daemon=True).start()
        return self

    def close(self) -> None:
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()

    def __enter__(self) -> FakeBluesky:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.close()

    def count(self, method: str) -> int:
        return self.calls.count(method)

    def pages_of(self, collection: str) -> int:
        """listRecords calls for one collection (follows, likes, posts, reposts)."""
        return self.listed.count(collection)

    def expire_access(self) -> None:
        """Every access token runs out; refresh tokens still work."""
        self.access.clear()

    def revoke(self) -> None:
        """The session is revoked (app password deleted): refreshing fails too."""
        self.access.clear()
        self.refresh.clear()

    # --- HTTP ------------------------------------------------------------------------------
    def _handle(self, request: BaseHTTPRequestHandler, *, post: bool) -> None:
        url = urlsplit(request.path)
        method = url.path.removeprefix("/xrpc/")
        length = int(request.headers.get("Content-Length") or 0)
        raw = request.rfile.read(length) if length else b""
        if self.slow.get(method):
            # Received, then carried out a moment later whatever became of the client: a
            # client killed meanwhile never learns that it happened.
            time.sleep(self.slow[method])
        with self.lock:
            self.calls.append(method)
            answer = self.answers[method].pop(0) if self.answers.get(method) else None
            try:
                if answer is not None and not answer.after:
                    raise XrpcFailure(answer.status, "")  # not carried out
                status, body = 200, self._serve(method, post, parse_qs(url.query), raw,
                                                request.headers.get("Authorization", ""))
            except XrpcFailure as exc:
                status, body = exc.status, {"error": exc.error, "message": exc.message}
            except Exception as exc:  # a bug in the fake: fail the test, answer 500
                self.errors.append(f"{method}: {type(exc).__name__}: {exc}")
                status, body = 500, {"error": "InternalServerError", "message": str(exc)}
        if answer is not None:
            self._send_answer(request, answer, body)
            return
        if self.drop_after.get(method):
            # Carried out, but the connection drops before the answer: the client cannot
            # tell whether it happened and must be able to simply repeat the call.
            self.drop_after[method] -= 1
            request.close_connection = True
            request.connection.shutdown(socket.SHUT_RDWR)
            return
        data = b"" if body is None else json.dumps(body).encode()
        request.send_response(status)
        request.send_header("ratelimit-limit", "3000")
        request.send_header("ratelimit-remaining", "0" if status == 429 else str(self.remaining))
        request.send_header("ratelimit-reset", str(int(time.time()) + self.reset_after))
        request.send_header("ratelimit-policy", "3000;w=300")
        if data:
            request.send_header("Content-Type", "application/json")
        request.send_header("Content-Length", str(len(data)))
        try:
            request.end_headers()
            request.wfile.write(data)
        except (BrokenPipeError, ConnectionResetError):
            request.close_connection = True  # the client was killed waiting: what it sent stands

    def _send_answer(self, request: BaseHTTPRequestHandler, answer: Answer,
                     served: JSON | None) -> None:
        if answer.drop:
            request.close_connection = True
            request.connection.shutdown(socket.SHUT_RDWR)
            return
        data = answer.body if answer.body is not None \
            else b"" if served is None else json.dumps(served).encode()
        request.send_response(answer.status)
        headers = {"ratelimit-limit": "3000", "ratelimit-remaining": str(self.remaining),
                   "ratelimit-reset": str(int(time.time()) + self.reset_after),
                   "ratelimit-policy": "3000;w=300"} if answer.headers is None \
            else answer.headers
        for key, value in headers.items():
            request.send_header(key, value)
        if answer.content_type:
            request.send_header("Content-Type", answer.content_type)
        request.send_header("Content-Length", str(len(data)))
        try:
            request.end_headers()
            request.wfile.write(data)
        except (BrokenPipeError, ConnectionResetError):
            request.close_connection = True

    def _serve(self, method: str, post: bool, query: dict[str, list[str]], raw: bytes,
               auth: str) -> JSON | None:
        status = self.faults[method].pop(0) if self.faults.get(method) else 200
        if status != 200:  # a 200 in the list lets that call through, to fail a later one
            raise XrpcFailure(status, "InternalServerError" if status >= 500
                              else "RateLimitExceeded" if status == 429 else "Fault")
        handler = getattr(self, "_" + method.replace(".", "_"), None)
        if handler is None:
            raise XrpcFailure(501, "MethodNotImplemented", method)
        lexicon = self.lexicons.main(method) if self.lexicons else None
        if self.lexicons is not None:
            if lexicon is None:
                self.errors.append(f"{method}: no lexicon")
            elif (lexicon["type"] == "procedure") != post:
                self.errors.append(f"{method}: a {lexicon['type']} sent as "
                                   + ("POST" if post else "GET"))
        params, problems = (self.lexicons.params(method, query) if self.lexicons
                            else (_untyped_params(query), []))
        body: JSON | None = json.loads(raw) if raw else None
        if self.lexicons is not None and lexicon is not None:
            schema = (lexicon.get("input") or {}).get("schema")
            if schema is None and body is not None:
                problems.append("input: this method takes none")
            elif schema is not None:
                problems += self.lexicons.validate(schema, body, method, "input")
        if problems:
            self.errors += [f"{method} request: {p}" for p in problems]
            raise XrpcFailure(400, "InvalidRequest", "; ".join(problems))
        token = auth.removeprefix("Bearer ")
        if method in ("com.atproto.server.refreshSession", "com.atproto.server.deleteSession"):
            if token not in self.refresh:
                raise XrpcFailure(400, "ExpiredToken", "Token has been revoked")
        elif method != "com.atproto.server.createSession" and token not in self.access:
            raise XrpcFailure(400, "ExpiredToken", "Token has expired")
        out: JSON | None = handler(params, body or {})
        if self.lexicons is not None and lexicon is not None:
            schema = (lexicon.get("output") or {}).get("schema")
            if schema is not None:
                self.errors += [f"{method} answer: {p}"
                                for p in self.lexicons.validate(schema, out, method, "output")]
        return out

    # --- methods ---------------------------------------------------------------------------
    def _session(self) -> JSON:
        access, refresh = _jwt("access"), _jwt("refresh")
        self.access.add(access)
        self.refresh.add(refresh)
        return {"accessJwt": access, "refreshJwt": refresh, "handle": self.state.me_handle,
                "did": ME_DID, "active": True}

    def _com_atproto_server_createSession(self, params: JSON, body: JSON) -> JSON:
        if body["identifier"] not in (self.state.me_handle, ME_DID) \
                or body["password"] != APP_PASSWORD:
            raise XrpcFailure(401, "AuthenticationRequired", "Invalid identifier or password")
        return self._session()

    def _com_atproto_server_refreshSession(self, params: JSON, body: JSON) -> JSON:
        return self._session()

    def _com_atproto_server_deleteSession(self, params: JSON, body: JSON) -> None:
        self.revoke()  # the fake has one session family: all of it goes

    def _com_atproto_repo_listRecords(self, params: JSON, body: JSON) -> JSON:
        """Newest first (the PDS's order) unless `reverse`; the cursor is the last rkey."""
        collection = params["collection"]
        self.listed.append(collection)
        if params["repo"] not in (ME_DID, self.state.me_handle):
            return {"records": []}
        if collection == FOLLOW:
            keys = self.state.follow_keys()
            values: dict[str, JSON] = {}
        else:
            values = self.state.repo.get(collection, {})
            keys = sorted(values)
        limit = params.get("limit", 50)
        cursor = params.get("cursor")
        if params.get("reverse"):
            start = bisect.bisect_right(keys, cursor) if cursor else 0
            page = keys[start:start + limit]
            more = start + limit < len(keys)
        else:
            end = bisect.bisect_left(keys, cursor) if cursor else len(keys)
            page = keys[max(0, end - limit):end][::-1]
            more = end - limit > 0
        records = []
        for rkey in page:
            if collection == FOLLOW:
                subject, created_at = self.state.records[rkey]
                value = {"$type": FOLLOW, "subject": subject, "createdAt": created_at}
            else:
                value = values[rkey]
                self._check_record(collection, value)
            records.append({"uri": f"at://{ME_DID}/{collection}/{rkey}",
                            "cid": "bafyrei" + rkey.lower(), "value": value})
        out: JSON = {"records": records}
        if more and page:
            out["cursor"] = page[-1]
        return out

    def _check_record(self, collection: str, value: JSON) -> None:
        if self.lexicons is None:
            return
        schema = self.lexicons.main(collection)
        if schema is not None:
            self.errors += [f"{collection} record: {p}"
                            for p in self.lexicons.validate(schema, value, collection)]

    def _author(self, did: str) -> JSON:
        profile = self.state.profiles.get(did)
        handle = profile["handle"] if profile else did.rsplit(":", 1)[-1][:20] + ".bsky.social"
        return {"did": did, "handle": handle}

    def _feed_view(self, item: FeedItem) -> JSON:
        record: JSON = {"$type": POST, "text": item.text, "createdAt": item.at}
        if item.reply_to:
            parent = {"uri": f"at://{item.reply_to}/{POST}/3kparent", "cid": "bafyreiparent"}
            record["reply"] = {"root": parent, "parent": parent}
        view: JSON = {"post": {"uri": item.uri, "cid": "bafyrei" + item.rkey.lower(),
                               "author": self._author(item.author), "record": record,
                               "indexedAt": item.posted_at or item.at}}
        if item.reposted_by:
            view["reason"] = {"$type": REASON_REPOST, "by": self._author(item.reposted_by),
                              "indexedAt": item.at}
        return view

    @staticmethod
    def _page(items: list[Any], params: JSON) -> tuple[list[Any], str | None]:
        start = int(params.get("cursor") or 0)
        limit = params.get("limit", 50)
        page = items[start:start + limit]
        return page, str(start + limit) if start + limit < len(items) else None

    def _by_actor(self) -> dict[str, list[FeedItem]]:
        """Each actor's items newest first, rebuilt only when items were added."""
        if self._actor_items_size != len(self.state.items):
            index: dict[str, list[FeedItem]] = {}
            for item in sorted(self.state.items, key=lambda i: i.at, reverse=True):
                index.setdefault(item.actor, []).append(item)
            self._actor_items, self._actor_items_size = index, len(self.state.items)
        return self._actor_items

    def _app_bsky_feed_getTimeline(self, params: JSON, body: JSON) -> JSON:
        key = (len(self.state.items), len(self.state.records), self.state.next_rkey,
               len(self.state.profiles))
        if self._timeline_key != key:  # 8 pages of 50,000 accounts' posts: sort once
            followed = self.state.following()
            self._timeline = sorted((i for i in self.state.items if i.actor in followed
                                     and i.actor in self.state.profiles),
                                    key=lambda i: i.at, reverse=True)
            self._timeline_key = key
        page, cursor = self._page(self._timeline, params)
        out: JSON = {"feed": [self._feed_view(item) for item in page]}
        if cursor:
            out["cursor"] = cursor
        return out

    def _app_bsky_feed_getAuthorFeed(self, params: JSON, body: JSON) -> JSON:
        actor = params["actor"]
        if actor not in self.state.profiles:
            raise XrpcFailure(400, "InvalidRequest", "Profile not found")
        items = self._by_actor().get(actor, [])
        page, cursor = self._page(items, params)
        out: JSON = {"feed": [self._feed_view(item) for item in page]}
        if cursor:
            out["cursor"] = cursor
        return out

    def _app_bsky_notification_listNotifications(self, params: JSON, body: JSON) -> JSON:
        reasons = params.get("reasons")
        notices = sorted((n for n in self.state.notifications
                          if not reasons or n.reason in reasons),
                         key=lambda n: (n.at, n.rkey), reverse=True)
        page, cursor = self._page(notices, params)
        mine = {"uri": f"at://{ME_DID}/{POST}/3kmypost", "cid": "bafyreimypost"}
        out: JSON = {"notifications": []}
        for notice in page:
            if notice.reason in ("like", "repost"):
                record: JSON = {"$type": notice.collection, "subject": mine,
                                "createdAt": notice.at}
            elif notice.reason == "follow":
                record = {"$type": FOLLOW, "subject": ME_DID, "createdAt": notice.at}
            else:
                record = {"$type": POST, "text": "@me.bsky.social hello",
                          "createdAt": notice.at}
                if notice.reason == "reply":
                    record["reply"] = {"root": mine, "parent": mine}
            entry: JSON = {"uri": notice.uri, "cid": "bafyrei" + notice.rkey.lower(),
                           "author": self._author(notice.author), "reason": notice.reason,
                           "record": record, "isRead": False, "indexedAt": notice.at}
            if notice.reason in ("like", "repost", "reply", "quote"):
                entry["reasonSubject"] = mine["uri"]
            out["notifications"].append(entry)
        if cursor:
            out["cursor"] = cursor
        return out

    def _app_bsky_actor_getProfiles(self, params: JSON, body: JSON) -> JSON:
        actors = params["actors"]
        if isinstance(actors, str):
            actors = [actors]
        if len(actors) > 25:
            raise XrpcFailure(400, "InvalidRequest", "actors: at most 25")
        uris = self.state.record_uris()
        profiles = []
        for did in actors:
            profile = self.state.profiles.get(did)
            if profile is None:
                continue  # dead: the AppView leaves it out
            viewer: JSON = {"muted": did in self.state.muted}
            if did in uris:
                viewer["following"] = uris[did]
            if did in self.state.followed_by:
                viewer["followedBy"] = f"at://{did}/{FOLLOW}/3kfollowback"
            if did in self.state.blocked_by:
                viewer["blockedBy"] = True
            if did in self.state.blocking:
                viewer["blocking"] = f"at://{ME_DID}/app.bsky.graph.block/3kblock"
            profiles.append({**profile, "viewer": viewer})
        return {"profiles": profiles}

    def _app_bsky_actor_getProfile(self, params: JSON, body: JSON) -> JSON:
        did = params["actor"]
        profile = self.state.profiles.get(did)
        if profile is None:
            raise XrpcFailure(400, "InvalidRequest",
                              DEAD_MESSAGES[self.state.dead.get(did, "deleted")])
        return {**profile, "viewer": {"muted": did in self.state.muted}}

    def _com_atproto_repo_deleteRecord(self, params: JSON, body: JSON) -> JSON:
        if body["collection"] == FOLLOW:
            gone = self.state.records.pop(body["rkey"], None)  # already gone is fine
            self.writes.append(("deleteRecord", self.state.subjects.get(body["rkey"], ""),
                                gone is not None))
        else:
            self.state.repo.get(body["collection"], {}).pop(body["rkey"], None)
        return {}

    def _com_atproto_repo_createRecord(self, params: JSON, body: JSON) -> JSON:
        record = body["record"]
        if self.lexicons is not None:
            schema = self.lexicons.main(FOLLOW)
            assert schema is not None
            problems = self.lexicons.validate(schema, record, FOLLOW, "record")
            if problems:
                self.errors += problems
                raise XrpcFailure(400, "InvalidRecord", "; ".join(problems))
        rkey = self.state.follow(record["subject"], record["createdAt"])
        self.writes.append(("createRecord", record["subject"], True))
        return {"uri": f"at://{ME_DID}/{FOLLOW}/{rkey}", "cid": "bafyrei" + rkey.lower()}

    def _app_bsky_graph_muteActor(self, params: JSON, body: JSON) -> None:
        self.state.muted.add(body["actor"])

    def _app_bsky_graph_unmuteActor(self, params: JSON, body: JSON) -> None:
        self.state.muted.discard(body["actor"])

    # --- issue 16: what `prune suggest` reads (kept apart from the methods above) ------------
    def _profile_view(self, did: str) -> JSON:
        profile = self.state.profiles[did]
        return {key: profile[key] for key in _PROFILE_VIEW if key in profile}

    def _app_bsky_actor_getSuggestions(self, params: JSON, body: JSON) -> JSON:
        dids = [did for did in self.state.suggested if did in self.state.profiles]
        return {"actors": [self._profile_view(did) for did in dids[: params.get("limit", 50)]]}

    def _app_bsky_graph_getSuggestedFollowsByActor(self, params: JSON, body: JSON) -> JSON:
        dids = self.state.similar.get(params["actor"], [])
        return {"suggestions": [self._profile_view(did) for did in dids
                                if did in self.state.profiles]}


    def _app_bsky_actor_getPreferences(self, params: JSON, body: JSON) -> JSON:
        # A feed and the timeline saved too, as the app saves them: only lists are read.
        items = [{"id": "timeline", "type": "timeline", "value": "following", "pinned": True},
                 {"id": "feed", "type": "feed", "pinned": False,
                  "value": "at://did:plc:feedmaker/app.bsky.feed.generator/whats-hot"}]
        items += [{"id": f"list{i}", "type": "list", "value": uri, "pinned": i % 2 == 0}
                  for i, uri in enumerate(self.state.saved_lists)]
        return {"preferences": [
            {"$type": "app.bsky.actor.defs#adultContentPref", "enabled": False},
            {"$type": "app.bsky.actor.defs#savedFeedsPrefV2", "items": items}]}

    def _app_bsky_graph_getList(self, params: JSON, body: JSON) -> JSON:
        uri = params["list"]
        if uri not in self.state.lists:
            raise XrpcFailure(400, "InvalidRequest", "List not found")
        name, purpose, members = self.state.lists[uri]
        creator = uri.removeprefix("at://").split("/", 1)[0]
        page, cursor = self._page(members, params)
        out: JSON = {
            "list": {"uri": uri, "cid": "bafyreilist", "name": name,
                     "purpose": f"app.bsky.graph.defs#{purpose}",
                     "creator": {"did": creator, "handle": "listmaker.bsky.social"},
                     "indexedAt": "2026-10-01T00:00:00.000Z"},
            "items": [{"uri": f"at://{creator}/app.bsky.graph.listitem/{i}",
                       "subject": self._profile_view(did)}
                      for i, did in enumerate(page) if did in self.state.profiles]}
        if cursor:
            out["cursor"] = cursor
        return out


# What a profileView carries (getProfiles' detailed view adds the counts and more).
_PROFILE_VIEW = ("did", "handle", "displayName", "description", "avatar", "createdAt",
                 "indexedAt")
