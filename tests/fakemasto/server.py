"""A fake Mastodon instance on loopback, real HTTP: the REST routes followprune calls (through
Mastodon.py), each request and answer checked against ../shared/mastodon/openapi.json when
it exists.

It models what the client must cope with: `Link` paging, `X-RateLimit-*` headers with an
ISO reset time and 429s, moved, suspended and memorial accounts, an account on an instance
that is gone (actions on it answer 410), app registration, the out-of-band OAuth code,
revoked tokens, faults and calls cut off after they were carried out.

    with FakeMastodon(make_state(30)) as fake:
        code = fake.approve(authorisation_url)
        assert fake.count("getAccountFollowing") == 1
"""

from __future__ import annotations

import json
import re
import secrets
import socket
import sys
import threading
import time
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, urlsplit

from tests.fakemasto.openapi import SPEC, OpenApi

JSON = dict[str, Any]
GONE_DOMAIN = "gone.example"
ME_ID = "1"
SCOPES = ("read:accounts read:follows read:notifications read:statuses read:favourites"
          " read:mutes write:follows write:mutes")

# Routes served: (method, path pattern, operationId as in the spec).
ROUTES = [
    ("POST", r"/api/v1/apps", "createApp"),
    ("POST", r"/oauth/token", "postOauthToken"),
    ("POST", r"/oauth/revoke", "postOauthRevoke"),
    ("GET", r"/api/v1/accounts/verify_credentials", "getAccountsVerifyCredentials"),
    ("GET", r"/api/v1/accounts/relationships", "getAccountRelationships"),
    ("GET", r"/api/v1/accounts/(?P<id>[^/]+)/following", "getAccountFollowing"),
    ("GET", r"/api/v1/accounts/(?P<id>[^/]+)/statuses", "getAccountStatuses"),
    ("POST", r"/api/v1/accounts/(?P<id>[^/]+)/follow", "postAccountFollow"),
    ("POST", r"/api/v1/accounts/(?P<id>[^/]+)/unfollow", "postAccountUnfollow"),
    ("POST", r"/api/v1/accounts/(?P<id>[^/]+)/mute", "postAccountMute"),
    ("POST", r"/api/v1/accounts/(?P<id>[^/]+)/unmute", "postAccountUnmute"),
    ("GET", r"/api/v1/notifications", "getNotifications"),
    ("GET", r"/api/v1/favourites", "getFavourites"),
]
# Routes that need no token.
PUBLIC = {"createApp", "postOauthToken", "postOauthRevoke"}


def account(id: str, username: str, domain: str | None = None, **extra: Any) -> JSON:
    acct = username if domain is None else f"{username}@{domain}"
    site = f"https://{domain or 'local.example'}"
    return {
        "id": id, "username": username, "acct": acct, "display_name": username.title(),
        "locked": False, "bot": False, "group": False, "discoverable": True,
        "indexable": True, "created_at": "2023-05-01T00:00:00.000Z",
        "note": "<p>python developer writing about <a href=\"https://x.example/tags/db\""
                " class=\"mention hashtag\">#<span>databases</span></a></p>",
        "url": f"{site}/@{username}", "uri": f"{site}/users/{username}",
        "avatar": f"{site}/avatars/{id}.png", "avatar_static": f"{site}/avatars/{id}.png",
        "header": f"{site}/headers/original/missing.png",
        "header_static": f"{site}/headers/original/missing.png",
        "followers_count": 100, "following_count": 50, "statuses_count": 1000,
        "last_status_at": "2026-11-20", "emojis": [], "fields": [],
        **extra,
    }


@dataclass
class State:
    me: JSON = field(default_factory=lambda: account(ME_ID, "me"))
    accounts: dict[str, JSON] = field(default_factory=dict)
    # Follow id -> account id; Mastodon lists the newest follow first and pages by it.
    follows: dict[int, str] = field(default_factory=dict)
    followed_by: set[str] = field(default_factory=set)
    muted: set[str] = field(default_factory=set)
    blocked_by: set[str] = field(default_factory=set)  # accounts that block you
    notifications: list[JSON] = field(default_factory=list)  # oldest first
    statuses: list[JSON] = field(default_factory=list)  # yours, oldest first
    favourites: list[JSON] = field(default_factory=list)  # oldest first
    next_id: int = 1000

    def new_id(self) -> int:
        self.next_id += 1
        return self.next_id

    def follow(self, account_id: str) -> None:
        if account_id not in self.following():
            self.follows[self.new_id()] = account_id

    def unfollow(self, account_id: str) -> None:
        for key in [k for k, v in self.follows.items() if v == account_id]:
            del self.follows[key]

    def following(self) -> set[str]:
        return set(self.follows.values())


def make_state(n: int, *, moved: int = 1, suspended: int = 1, gone: int = 1,
               memorial: int = 0, interactions: bool = True) -> State:
    """`n` followed accounts (ids 100..): the last `gone` live on an instance that is gone,
    the `suspended` before them are suspended, the `moved` before those moved to a new
    account; every third follows back; some have a location field and a stale last post."""
    state = State()
    state.me["note"] = "<p>python and databases</p>"
    special = gone + suspended + moved + memorial
    for i in range(n):
        aid = str(100 + i)
        extra: JSON = {}
        domain = None if i % 2 else f"remote{i % 5}.example"
        if i % 4 == 0:
            extra["fields"] = [{"name": "Location", "value": "<p>Berlin, Germany</p>",
                                "verified_at": None}]
        if i % 7 == 3:
            extra["last_status_at"] = "2023-01-15"
        kind = n - 1 - i  # counts back from the end
        if kind < gone:
            domain = GONE_DOMAIN
            extra["last_status_at"] = "2024-02-01"
        elif kind < gone + suspended:
            extra.update(suspended=True, note="", fields=[], followers_count=0,
                         following_count=0, statuses_count=0, last_status_at=None)
        elif kind < gone + suspended + moved:
            new = account(str(9000 + i), f"user{i}new", "new.example")
            state.accounts[new["id"]] = new
            extra.update(moved=new, last_status_at="2025-03-01")
        elif kind < special:
            extra["memorial"] = True
        state.accounts[aid] = account(aid, f"user{i}", domain, **extra)
        state.follow(aid)
        if i % 3 == 0:
            state.followed_by.add(aid)
    if interactions and n:
        first = str(100)
        state.notifications.append({
            "id": str(state.new_id()), "type": "mention", "group_key": "m-1",
            "created_at": "2026-11-25T10:00:00.000Z", "account": state.accounts[first],
            "status": status(str(state.new_id()), state.accounts[first], "<p>@me hi</p>")})
        state.notifications.append({
            "id": str(state.new_id()), "type": "favourite", "group_key": "f-1",
            "created_at": "2026-11-26T10:00:00.000Z", "account": state.accounts[str(100 + 1 % n)],
            "status": status(str(state.new_id()), state.me, "<p>my post</p>")})
        state.notifications.append({
            "id": str(state.new_id()), "type": "follow", "group_key": "x-1",
            "created_at": "2026-11-26T11:00:00.000Z", "account": state.accounts[str(100 + 2 % n)]})
        state.statuses.append(status(str(state.new_id()), state.me, "<p>reply</p>",
                                     in_reply_to_account_id=str(100 + 2 % n),
                                     in_reply_to_id="77"))
        boosted = status(str(state.new_id()), state.accounts[first], "<p>theirs</p>")
        state.statuses.append(status(str(state.new_id()), state.me, "", reblog=boosted))
        state.favourites.append(status(str(state.new_id()), state.accounts[str(100 + 3 % n)],
                                       "<p>liked</p>"))
    return state


def status(id: str, author: JSON, content: str, **extra: Any) -> JSON:
    return {"id": id, "account": author, "content": content,
            "created_at": "2026-11-24T10:00:00.000Z", "emojis": [], "favourites_count": 0,
            "media_attachments": [], "mentions": [], "reblogs_count": 0, "replies_count": 0,
            "sensitive": False, "spoiler_text": "", "tags": [],
            "uri": f"https://local.example/statuses/{id}", "visibility": "public",
            "in_reply_to_id": None, "in_reply_to_account_id": None, "reblog": None, **extra}


class _Server(ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request: Any, client_address: Any) -> None:
        """A client killed (or timed out) mid-answer is part of the tests, not a fault."""
        if isinstance(sys.exc_info()[1], ConnectionError):
            return
        super().handle_error(request, client_address)


class Failure(Exception):
    def __init__(self, status: int, error: str) -> None:
        super().__init__(error)
        self.status, self.error = status, error


@dataclass
class Answer:
    """A raw answer to send instead of (or, with `after`, after) serving a call: any status,
    any bytes (None: the JSON the call was served, with its Link); `headers` replace the
    X-RateLimit-* ones (an empty dict sends none); `drop` cuts the connection off with no
    answer at all (with `after`, once the call was carried out)."""

    status: int
    body: bytes | None
    content_type: str = "application/json; charset=utf-8"
    headers: dict[str, str] | None = None
    after: bool = False
    drop: bool = False


class FakeMastodon:
    def __init__(self, state: State, *, validate: bool | None = None) -> None:
        self.state = state
        self.spec = OpenApi() if (validate is None and SPEC.is_file()) or validate else None
        self.lock = threading.Lock()
        self.apps: dict[str, tuple[str, str]] = {}  # client_id -> (secret, scopes)
        self.codes: dict[str, str] = {}  # code -> client_id
        self.tokens: set[str] = set()
        self.revoked: list[str] = []
        # (operationId, account id) of every action carried out, logged before the answer
        # is written: the witness of what a client killed meanwhile never learnt.
        self.applied: list[tuple[str, str]] = []
        self.calls: list[str] = []
        # (operationId, its query string) of every call, for tests of cursors and paging.
        self.queries: list[tuple[str, dict[str, list[str]]]] = []
        # Spec violations and server bugs: a test fails on any of them.
        self.errors: list[str] = []
        # operationId -> HTTP statuses to answer next, before serving it (faults).
        self.faults: dict[str, list[int]] = {}
        # operationId -> raw answers to send next (faults no status code can express).
        self.answers: dict[str, list[Answer]] = {}
        # operationId -> how many of its next calls are carried out and then cut off.
        self.drop_after: dict[str, int] = {}
        # Seconds from now that X-RateLimit-Reset names (a 429 waits that long).
        self.reset_after = 300
        # What X-RateLimit-Remaining says on answers that are not 429s.
        self.remaining = 299
        self._server: ThreadingHTTPServer | None = None

    # --- control ---------------------------------------------------------------------------
    @property
    def base_url(self) -> str:
        assert self._server is not None
        return f"http://127.0.0.1:{self._server.server_address[1]}"

    @property
    def host(self) -> str:
        return urlsplit(self.base_url).netloc

    def start(self) -> FakeMastodon:
        fake = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def do_GET(self) -> None:
                fake._handle(self, "GET")

            def do_POST(self) -> None:
                fake._handle(self, "POST")

            def log_message(self, format: str, *args: Any) -> None:
                return None

        self._server = _Server(("127.0.0.1", 0), Handler)
        threading.Thread(target=self._server.serve_forever, daemon=True).start()
        return self

    def close(self) -> None:
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()

    def __enter__(self) -> FakeMastodon:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.close()

    def count(self, name: str) -> int:
        return self.calls.count(name)

    def approve(self, url: str) -> str:
        """What a person does on /oauth/authorize: approve, and get the code shown."""
        query = parse_qs(urlsplit(url).query)
        client_id = query["client_id"][0]
        assert query["redirect_uri"] == ["urn:ietf:wg:oauth:2.0:oob"], query
        assert query["response_type"] == ["code"], query
        secret_scopes = self.apps[client_id][1].split()
        asked = query["scope"][0].split()
        assert set(asked) <= set(secret_scopes), (asked, secret_scopes)
        code = secrets.token_urlsafe(16)
        self.codes[code] = client_id
        return code

    def issue_token(self) -> str:
        """A token as if made in the instance's settings (for MASTODON_ACCESS_TOKEN)."""
        token = secrets.token_urlsafe(24)
        self.tokens.add(token)
        return token

    # --- HTTP ------------------------------------------------------------------------------
    def _handle(self, request: BaseHTTPRequestHandler, method: str) -> None:
        url = urlsplit(request.path)
        length = int(request.headers.get("Content-Length") or 0)
        raw = request.rfile.read(length) if length else b""
        name, match = "", None
        for route_method, pattern, op_name in ROUTES:
            match = re.fullmatch(pattern, url.path) if route_method == method else None
            if match:
                name = op_name
                break
        link = ""
        with self.lock:
            self.calls.append(name or f"{method} {url.path}")
            self.queries.append((name, parse_qs(url.query)))
            answer = self.answers[name].pop(0) if self.answers.get(name) else None
            injected = answer is not None
            try:
                if not name:
                    raise Failure(404, "Record not found")
                if answer is not None and not answer.after:
                    raise Failure(answer.status, "")
                if self.faults.get(name):
                    injected = True
                    code = self.faults[name].pop(0)
                    raise Failure(code, "Too many requests" if code == 429
                                  else "Internal server error")
                status, body, link = 200, *self._serve(
                    name, method, url.path, match.groupdict() if match else {},
                    parse_qs(url.query), raw, request.headers)
            except Failure as exc:
                status, body = exc.status, {"error": exc.error}
            except Exception as exc:  # a bug in the fake: fail the test, answer 500
                self.errors.append(f"{name}: {type(exc).__name__}: {exc}")
                status, body, injected = 500, {"error": str(exc)}, True
            if name and self.spec is not None and not injected:
                op = self.spec.find(method, url.path)
                if op is not None:
                    self.errors += [f"{name} {p}" for p in self.spec.response(op, status, body)]
        if answer is not None and answer.drop:
            request.close_connection = True
            request.connection.shutdown(socket.SHUT_RDWR)
            return
        if answer is not None:
            data = answer.body if answer.body is not None else json.dumps(body).encode()
            self._send_answer(request, answer, data, "" if answer.body is not None else link)
            return
        if self.drop_after.get(name):
            self.drop_after[name] -= 1
            request.close_connection = True
            request.connection.shutdown(socket.SHUT_RDWR)
            return
        data = json.dumps(body).encode()
        request.send_response(status)
        reset = datetime.now(UTC) + timedelta(seconds=self.reset_after)
        request.send_header("X-RateLimit-Limit", "300")
        request.send_header("X-RateLimit-Remaining",
                            "0" if status == 429 else str(self.remaining))
        request.send_header("X-RateLimit-Reset", reset.isoformat(timespec="milliseconds")
                            .replace("+00:00", "Z"))
        if link:
            request.send_header("Link", link)
        request.send_header("Content-Type", "application/json; charset=utf-8")
        request.send_header("Content-Length", str(len(data)))
        request.end_headers()
        request.wfile.write(data)

    def _send_answer(self, request: BaseHTTPRequestHandler, answer: Answer, data: bytes,
                     link: str) -> None:
        request.send_response(answer.status)
        if answer.headers is None:
            reset = datetime.now(UTC) + timedelta(seconds=self.reset_after)
            headers = {"X-RateLimit-Limit": "300", "X-RateLimit-Remaining": str(self.remaining),
                       "X-RateLimit-Reset": reset.isoformat(timespec="milliseconds")
                       .replace("+00:00", "Z")}
        else:
            headers = answer.headers
        for key, value in headers.items():
            request.send_header(key, value)
        if link:
            request.send_header("Link", link)
        request.send_header("Content-Type", answer.content_type)
        request.send_header("Content-Length", str(len(data)))
        request.end_headers()
        request.wfile.write(data)

    def _serve(self, name: str, method: str, path: str, args: dict[str, str],
               query: dict[str, list[str]], raw: bytes, headers: Any) -> tuple[Any, str]:
        content_type = headers.get("Content-Type", "")
        form = parse_qs(raw.decode(), keep_blank_values=True) \
            if raw and "json" not in content_type else None
        data = json.loads(raw) if raw and "json" in content_type else None
        if self.spec is not None:
            op = self.spec.find(method, path)
            if op is None:
                self.errors.append(f"{name}: {method} {path} is not in the spec")
                raise Failure(404, "Record not found")
            params, problems = self.spec.params(op, query)
            body, more = self.spec.body(op, form, data)
            problems += more
            if problems:
                self.errors += [f"{name} request: {p}" for p in problems]
                raise Failure(422, "; ".join(problems))
        else:
            params = {k.removesuffix("[]"): v if k.endswith("[]") else v[-1]
                      for k, v in query.items()}
            body = {k.removesuffix("[]"): v[-1] for k, v in (form or {}).items()} \
                if data is None else data
        if name not in PUBLIC:
            token = headers.get("Authorization", "").removeprefix("Bearer ")
            if token not in self.tokens:
                raise Failure(401, "The access token is invalid")
        handler = getattr(self, "_" + name)
        answer: tuple[Any, str] = handler(args, params, body)
        return answer

    # --- routes ----------------------------------------------------------------------------
    def _createApp(self, args: JSON, params: JSON, body: JSON) -> tuple[Any, str]:
        client_id, secret = secrets.token_urlsafe(12), secrets.token_urlsafe(24)
        scopes = str(body.get("scopes") or "read")
        self.apps[client_id] = (secret, scopes)
        uris = body["redirect_uris"]
        uris = uris if isinstance(uris, list) else [uris]
        return {"id": str(len(self.apps)), "name": body["client_name"], "website": None,
                "scopes": scopes.split(), "redirect_uri": "\n".join(uris),
                "redirect_uris": uris, "client_id": client_id, "client_secret": secret,
                "client_secret_expires_at": 0, "vapid_key": "BCk-vapid"}, ""

    def _postOauthToken(self, args: JSON, params: JSON, body: JSON) -> tuple[Any, str]:
        client_id = body.get("client_id", "")
        if client_id not in self.apps or self.apps[client_id][0] != body.get("client_secret"):
            raise Failure(401, "invalid_client")
        if body.get("grant_type") != "authorization_code" \
                or self.codes.pop(str(body.get("code")), None) != client_id:
            raise Failure(400, "invalid_grant")
        token = self.issue_token()
        return {"access_token": token, "token_type": "Bearer",
                "scope": str(body.get("scope") or self.apps[client_id][1]),
                "created_at": int(time.time())}, ""

    def _postOauthRevoke(self, args: JSON, params: JSON, body: JSON) -> tuple[Any, str]:
        client_id = body.get("client_id", "")
        if client_id not in self.apps or self.apps[client_id][0] != body.get("client_secret"):
            raise Failure(403, "unauthorized_client")
        token = str(body.get("token"))
        self.tokens.discard(token)
        self.revoked.append(token)
        return {}, ""

    def _getAccountsVerifyCredentials(self, args: JSON, params: JSON,
                                      body: JSON) -> tuple[Any, str]:
        return {**self.state.me, "source": {"note": "", "fields": [], "privacy": "public",
                                            "sensitive": False, "language": "en",
                                            "follow_requests_count": 0, "indexable": True},
                "role": {"id": "-99", "name": "", "permissions": "0", "color": "",
                         "highlighted": False}}, ""

    def _relationship(self, aid: str, following: set[str] | None = None) -> JSON:
        following = self.state.following() if following is None else following
        return {"id": aid, "following": aid in following,
                "showing_reblogs": True, "notifying": False, "languages": None,
                "followed_by": aid in self.state.followed_by, "blocking": False,
                "blocked_by": aid in self.state.blocked_by, "muting": aid in self.state.muted,
                "muting_notifications": aid in self.state.muted, "requested": False,
                "requested_by": False, "domain_blocking": False, "endorsed": False,
                "note": ""}

    def _getAccountRelationships(self, args: JSON, params: JSON,
                                 body: JSON) -> tuple[Any, str]:
        ids = params.get("id") or []
        ids = ids if isinstance(ids, list) else [ids]
        with_suspended = params.get("with_suspended") in (True, "1", "true")
        out = []
        following = self.state.following()  # once, not per id: 5,000 follows stay fast
        for aid in ids:
            found = self.state.accounts.get(aid)
            if found is None or (found.get("suspended") and not with_suspended):
                continue
            out.append(self._relationship(aid, following))
        return out, ""

    def _page(self, path: str, items: list[tuple[int, Any]], params: JSON,
              default: int, most: int) -> tuple[Any, str]:
        """Newest first, below max_id / above since_id, with a Link to the next page."""
        limit = min(int(params.get("limit") or default), most)
        max_id = int(params["max_id"]) if params.get("max_id") else None
        since_id = int(params["since_id"]) if params.get("since_id") else None
        chosen = [(k, v) for k, v in sorted(items, key=lambda kv: -kv[0])
                  if (max_id is None or k < max_id) and (since_id is None or k > since_id)]
        page = chosen[:limit]
        link = ""
        if len(chosen) > limit:
            extra = f"&since_id={since_id}" if since_id is not None else ""
            link = (f"<{self.base_url}{path}?limit={limit}&max_id={page[-1][0]}{extra}>;"
                    f" rel=\"next\", <{self.base_url}{path}?limit={limit}&min_id={page[0][0]}>;"
                    " rel=\"prev\"")
        return [v for _, v in page], link

    def _getAccountFollowing(self, args: JSON, params: JSON, body: JSON) -> tuple[Any, str]:
        if args["id"] != ME_ID:
            return [], ""
        items = [(k, self.state.accounts[v]) for k, v in self.state.follows.items()]
        return self._page(f"/api/v1/accounts/{ME_ID}/following", items, params, 40, 80)

    def _getNotifications(self, args: JSON, params: JSON, body: JSON) -> tuple[Any, str]:
        types = params.get("types")
        items = [(int(n["id"]), n) for n in self.state.notifications
                 if not types or n["type"] in types]
        return self._page("/api/v1/notifications", items, params, 40, 80)

    def _getAccountStatuses(self, args: JSON, params: JSON, body: JSON) -> tuple[Any, str]:
        if args["id"] != ME_ID:
            return [], ""
        items = [(int(s["id"]), s) for s in self.state.statuses]
        return self._page(f"/api/v1/accounts/{ME_ID}/statuses", items, params, 20, 40)

    def _getFavourites(self, args: JSON, params: JSON, body: JSON) -> tuple[Any, str]:
        items = [(i + 1, s) for i, s in enumerate(self.state.favourites)]
        return self._page("/api/v1/favourites", items, params, 20, 40)

    def _target(self, aid: str, *, remote: bool = False) -> JSON:
        """Unfollowing and muting are carried out locally; following needs the account's
        instance, so one that is gone answers 410."""
        found = self.state.accounts.get(aid)
        if found is None:
            raise Failure(404, "Record not found")
        if remote and found["acct"].endswith("@" + GONE_DOMAIN):
            raise Failure(410, f"{GONE_DOMAIN} is gone")
        return found

    def _postAccountFollow(self, args: JSON, params: JSON, body: JSON) -> tuple[Any, str]:
        target = self._target(args["id"], remote=True)
        if target.get("suspended"):
            raise Failure(403, "This action is not allowed")
        self.applied.append(("postAccountFollow", args["id"]))
        self.state.follow(args["id"])
        return self._relationship(args["id"]), ""

    def _postAccountUnfollow(self, args: JSON, params: JSON, body: JSON) -> tuple[Any, str]:
        self._target(args["id"])
        self.applied.append(("postAccountUnfollow", args["id"]))
        self.state.unfollow(args["id"])  # not followed: nothing changes, still 200
        return self._relationship(args["id"]), ""

    def _postAccountMute(self, args: JSON, params: JSON, body: JSON) -> tuple[Any, str]:
        self._target(args["id"])
        self.applied.append(("postAccountMute", args["id"]))
        self.state.muted.add(args["id"])
        return self._relationship(args["id"]), ""

    def _postAccountUnmute(self, args: JSON, params: JSON, body: JSON) -> tuple[Any, str]:
        self._target(args["id"])
        self.applied.append(("postAccountUnmute", args["id"]))
        self.state.muted.discard(args["id"])
        return self._relationship(args["id"]), ""
