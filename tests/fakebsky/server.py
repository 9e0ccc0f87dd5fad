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
import json
import secrets
import socket
import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, urlsplit

from tests.fakebsky.lexicon import LEXICONS, Lexicons

JSON = dict[str, Any]
FOLLOW = "app.bsky.graph.follow"
APP_PASSWORD = "abcd-efgh-ijkl-mnop"
ME_DID = "did:plc:me0000000000000000000000"
# What the AppView answers for the profile of a dead account, by kind.
DEAD_MESSAGES = {"deleted": "Profile not found", "deactivated": "Account is deactivated",
                 "suspended": "Account has been suspended"}
DEAD_KINDS = tuple(DEAD_MESSAGES)


@dataclass
class State:
    me_handle: str = "me.bsky.social"
    # Live accounts by DID; a DID followed but absent here is dead (deleted, taken down).
    profiles: dict[str, JSON] = field(default_factory=dict)
    # Your follow records in order: rkey -> (subject DID, createdAt).
    records: dict[str, tuple[str, str]] = field(default_factory=dict)
    muted: set[str] = field(default_factory=set)
    followed_by: set[str] = field(default_factory=set)
    # Why a dead DID has no profile: deleted, deactivated or suspended.
    dead: dict[str, str] = field(default_factory=dict)
    next_rkey: int = 0
    # Issue 16 (`prune suggest`): whom getSuggestions offers, whom getSuggestedFollowsByActor
    # offers for an actor, and notifications (newest first) as listNotifications answers.
    suggested: list[str] = field(default_factory=list)
    similar: dict[str, list[str]] = field(default_factory=dict)
    notifications: list[JSON] = field(default_factory=list)
    _uris: dict[str, str] = field(default_factory=dict, repr=False)
    _uris_key: tuple[int, int] = (-1, -1)

    def new_rkey(self) -> str:
        self.next_rkey += 1
        return f"3l{self.next_rkey:011d}"

    def follow(self, did: str, created_at: str) -> str:
        rkey = self.new_rkey()
        self.records[rkey] = (did, created_at)
        return rkey

    def following(self) -> set[str]:
        return {did for did, _ in self.records.values()}

    def record_uris(self) -> dict[str, str]:
        """DID -> the AT-URI of a follow record for it; rebuilt only after a change, so
        profile batches for 50,000 follows do not cost O(N) each."""
        key = (len(self.records), self.next_rkey)
        if self._uris_key != key:
            self._uris = {did: f"at://{ME_DID}/{FOLLOW}/{rkey}"
                          for rkey, (did, _) in self.records.items()}
            self._uris_key = key
        return self._uris


def make_state(n: int, *, dead: int = 3, invalid_handle: int = 1) -> State:
    """`n` followed accounts: the last `dead` have no profile any more, the first
    `invalid_handle` have a handle that no longer resolves; every third follows back."""
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
    return state


def _jwt(kind: str) -> str:
    """Looks like a JWT (three base64url parts); the fake only compares it."""
    def part(data: JSON) -> str:
        return base64.urlsafe_b64encode(json.dumps(data).encode()).decode().rstrip("=")
    return ".".join([part({"alg": "ES256K", "typ": kind}),
                     part({"sub": ME_DID, "scope": kind, "jti": secrets.token_hex(8)}),
                     secrets.token_hex(16)])


def _untyped_params(query: dict[str, list[str]]) -> JSON:
    """Without the lexicons: the few params served, typed by hand."""
    return {key: values if key == "actors" else int(values[-1]) if key == "limit"
            else values[-1] for key, values in query.items()}


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
        # Lexicon violations and server bugs: a test fails on any of them.
        self.errors: list[str] = []
        # Method -> HTTP statuses to answer next, before serving it (faults).
        self.faults: dict[str, list[int]] = {}
        # Method -> how many of its next calls are carried out and then cut off unanswered.
        self.drop_after: dict[str, int] = {}
        # Seconds from now that `ratelimit-reset` names (a 429 waits that long).
        self.reset_after = 300
        # What `ratelimit-remaining` says on answers that are not 429s.
        self.remaining = 2999
        self._server: ThreadingHTTPServer | None = None

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
        with self.lock:
            self.calls.append(method)
            try:
                status, body = 200, self._serve(method, post, parse_qs(url.query), raw,
                                                request.headers.get("Authorization", ""))
            except XrpcFailure as exc:
                status, body = exc.status, {"error": exc.error, "message": exc.message}
            except Exception as exc:  # a bug in the fake: fail the test, answer 500
                self.errors.append(f"{method}: {type(exc).__name__}: {exc}")
                status, body = 500, {"error": "InternalServerError", "message": str(exc)}
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
        request.end_headers()
        request.wfile.write(data)

    def _serve(self, method: str, post: bool, query: dict[str, list[str]], raw: bytes,
               auth: str) -> JSON | None:
        if self.faults.get(method):
            status = self.faults[method].pop(0)
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
        if method == "com.atproto.server.refreshSession":
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

    def _com_atproto_repo_listRecords(self, params: JSON, body: JSON) -> JSON:
        if params["repo"] != ME_DID or params["collection"] != FOLLOW:
            return {"records": []}
        limit = params.get("limit", 50)
        keys = sorted(self.state.records)
        start = int(params.get("cursor") or 0)
        page = keys[start:start + limit]
        out: JSON = {"records": [
            {"uri": f"at://{ME_DID}/{FOLLOW}/{rkey}", "cid": "bafyrei" + rkey.lower(),
             "value": {"$type": FOLLOW, "subject": self.state.records[rkey][0],
                       "createdAt": self.state.records[rkey][1]}}
            for rkey in page]}
        if start + limit < len(keys):
            out["cursor"] = str(start + limit)
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
        self.state.records.pop(body["rkey"], None)  # already gone is fine
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

    def _app_bsky_notification_listNotifications(self, params: JSON, body: JSON) -> JSON:
        limit = params.get("limit", 50)
        start = int(params.get("cursor") or 0)
        page = self.state.notifications[start:start + limit]
        out: JSON = {"notifications": [
            {**note, "author": self._profile_view(note["author"])} for note in page]}
        if start + limit < len(self.state.notifications):
            out["cursor"] = str(start + limit)
        return out


# What a profileView carries (getProfiles' detailed view adds the counts and more).
_PROFILE_VIEW = ("did", "handle", "displayName", "description", "avatar", "createdAt",
                 "indexedAt")
