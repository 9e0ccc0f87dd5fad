r"""A fake X API v2 server on loopback, for tests.

In-process::

    with FakeX(make_state(n_following=20, seed=1)) as fx:
        client = tweepy.Client(bearer_token="fake-user-access-token")
        client.session = <requests.Session that rewrites https://api.twitter.com -> fx.base_url>
        ...
        fx.inject(r"/2/users/\d+/following/\d+", faults.dropped(after=True), method="DELETE")
        fx.clock.advance(901)                      # next rate-limit window, no sleeping
        assert len(fx.calls("DELETE", r"/2/users/\d+/following/\d+")) == 1

As a subprocess (crash tests)::

    python -m tests.fakex.server --state S.json --port-file P --log L.jsonl \
        [--generate N --seed K] [--spelling old|new] [--no-connection-status] \
        [--fault 'DELETE /2/users/\d+/following/\d+ drop-after 1']

It writes its port to P (atomically) once listening; appends one JSON line per request to L
(method, path, query, status, time, route, fault, applied, body) *before* answering; and
after every state mutation atomically rewrites S *before* answering — so a client that saw
a response, or a restarted server given the same --state, always finds the effect.  If S
does not exist it is generated with make_state(N, seed=K).  SIGTERM/SIGINT stop it cleanly.
A small control plane, not logged and unauthenticated, serves subprocess tests:
GET /_fakex/state, GET /_fakex/requests, POST /_fakex/fault {"path","fault","times","method"},
POST /_fakex/clock {"advance": seconds}.
"""

from __future__ import annotations

import argparse
import base64
import contextlib
import hashlib
import hmac
import json
import re
import secrets
import signal
import socket
import sys
import threading
import time
import traceback
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any, Literal
from urllib.parse import parse_qs, unquote, urlsplit

from . import faults as F
from .state import ALL_SCOPES, JSON, State, make_state

Spelling = Literal["old", "new"]

# --- vocabulary ------------------------------------------------------------------------------
# Hard-coded so the server does not need the 850 KB spec at runtime; tests/test_fakex.py
# asserts these equal the enums in openapi.json 2.167.
# New spelling: the parameters of the users endpoints in 2.167.
USER_FIELDS_NEW = (
    "confirmed_email", "connection_status", "created_at", "description", "entities", "id",
    "is_identity_verified", "location", "name", "parody", "profile_banner_url",
    "profile_image_url", "protected", "public_metrics", "receives_your_dm", "subscribes_to_you",
    "subscription", "subscription_type", "url", "username", "verified",
    "verified_followers_count", "verified_type", "withheld",
)
USER_EXPANSIONS_NEW = ("affiliation", "most_recent_post_id", "pinned_post_id")
POST_FIELDS_NEW = (
    "article", "article_title", "attachments", "card_uri", "community_id", "context_annotations",
    "conversation_id", "created_at", "display_text_range", "edit_controls", "entities", "geo",
    "id", "lang", "matched_media_notes", "media_metadata", "non_public_metrics", "note_post",
    "note_request_suggestions", "organic_metrics", "paid_partnership", "possibly_sensitive",
    "promoted_metrics", "public_metrics", "reply_settings", "scopes", "source",
    "suggested_source_links", "suggested_source_links_with_counts", "text", "withheld",
)
POST_EXPANSIONS_NEW = (
    "article.cover_media", "article.media_entities", "attachments.media_keys",
    "attachments.media_source_tweet", "attachments.poll_ids", "author_id",
    "edit_history_post_ids", "entities.mentions.username", "geo.place_id",
    "in_reply_to_user_id", "referenced_posts", "username",
)
# Old spelling: 2.167 still carries it on the streaming endpoints (/2/tweets/search/stream).
USER_FIELDS_OLD = (
    "affiliation", "confirmed_email", "connection_status", "created_at", "description",
    "entities", "id", "is_identity_verified", "location", "most_recent_tweet_id", "name",
    "parody", "pinned_tweet_id", "profile_banner_url", "profile_image_url", "protected",
    "public_metrics", "receives_your_dm", "subscription", "subscription_type", "url",
    "username", "verified", "verified_followers_count", "verified_type", "withheld",
)
# No 2.167 operation lists old *user* expansions; these are the pre-rename documented ones.
USER_EXPANSIONS_OLD = ("affiliation", "most_recent_tweet_id", "pinned_tweet_id")
TWEET_FIELDS_OLD = (
    "article", "attachments", "author_id", "card_uri", "community_id", "context_annotations",
    "conversation_id", "created_at", "display_text_range", "edit_controls",
    "edit_history_tweet_ids", "entities", "geo", "id", "in_reply_to_user_id", "lang",
    "matched_media_notes", "media_metadata", "non_public_metrics", "note_request_suggestions",
    "note_tweet", "organic_metrics", "paid_partnership", "possibly_sensitive",
    "promoted_metrics", "public_metrics", "referenced_tweets", "reply_settings", "scopes",
    "source", "suggested_source_links", "suggested_source_links_with_counts", "text",
    "withheld",
)
TWEET_EXPANSIONS_OLD = (
    "article.cover_media", "article.media_entities", "attachments.media_keys",
    "attachments.media_source_tweet", "attachments.poll_ids", "author_id",
    "edit_history_tweet_ids", "entities.mentions.username", "geo.place_id",
    "in_reply_to_user_id", "entities.note.mentions.username", "referenced_tweets.id",
    "referenced_tweets.id.attachments.media_keys", "referenced_tweets.id.author_id",
)
# Post fields/expansions are accepted in either spelling, under either parameter name
# (`tweet.fields` — what tweepy sends — or `post.fields`): 2.167's post.fields enum lacks
# even author_id, so being strict there would reject every real client.  Only the *user*
# vocabulary is spelling-strict, as the brief's 400-fallback logic needs.
POST_FIELDS_ANY = tuple(sorted(set(POST_FIELDS_NEW) | set(TWEET_FIELDS_OLD)
                               | {"author_id", "in_reply_to_user_id", "referenced_posts",
                                  "edit_history_post_ids"}))
POST_EXPANSIONS_ANY = tuple(sorted(set(POST_EXPANSIONS_NEW) | set(TWEET_EXPANSIONS_OLD)))
MEDIA_PARAMS = ("media.fields", "poll.fields", "place.fields")

# Per 15-minute window, per user (reference table).  Keys: "METHOD template".
DEFAULT_RATE_LIMITS: dict[str, int] = {
    "GET /2/users/me": 75,
    "GET /2/users": 900,
    "GET /2/users/{id}/following": 300,
    "GET /2/users/{id}/followers": 300,
    "GET /2/users/{id}/muting": 100,  # not in the table; X's docs said 100
    "POST /2/users/{id}/following": 50,
    "DELETE /2/users/{source_user_id}/following/{target_user_id}": 50,
    "POST /2/users/{id}/muting": 50,
    "DELETE /2/users/{source_user_id}/muting/{target_user_id}": 50,
    "GET /2/users/{id}/tweets": 900,
    "GET /2/users/{id}/mentions": 300,
    "GET /2/users/{id}/liked_tweets": 75,
    "GET /2/users/{id}/timelines/reverse_chronological": 180,
}

_ID_RE = re.compile(r"^[0-9]{1,19}$")
_B32HEX = "0123456789ABCDEFGHIJKLMNOPQRSTUV"


class Clock:
    """Settable time.  Not frozen: real time plus an offset, so tweepy's own sleeps stay sane;
    frozen: only `advance`/`set` move it, for exact window arithmetic."""

    def __init__(self, start: float | None = None, *, frozen: bool = False) -> None:
        self._lock = threading.Lock()
        self.frozen = frozen
        # frozen: now() == _offset;  running: now() == time.time() + _offset.
        if frozen:
            self._offset = start if start is not None else time.time()
        else:
            self._offset = 0.0 if start is None else start - time.time()

    def now(self) -> float:
        with self._lock:
            return self._offset if self.frozen else time.time() + self._offset

    def advance(self, seconds: float) -> None:
        with self._lock:
            self._offset += seconds

    def set(self, t: float) -> None:
        with self._lock:
            self._offset = t if self.frozen else t - time.time()


@dataclass
class ServerConfig:
    spelling: Spelling = "old"
    # Whether list endpoints fill connection_status when asked: unknown on the real API.
    fill_connection_status: bool = True
    rate_limits: dict[str, int] = field(default_factory=lambda: dict(DEFAULT_RATE_LIMITS))
    window_seconds: float = 900.0
    # "METHOD template" -> per-24h cap; when set, x-user-limit-24hour-* headers are sent.
    daily_limits: dict[str, int] = field(default_factory=dict)
    # Check OAuth 1.0a HMAC signatures: catches URLs rewritten *after* signing.
    verify_oauth1_signature: bool = True
    # 400 on query parameters the endpoint does not know (as X does).
    reject_unknown_params: bool = True


@dataclass
class RequestRecord:
    method: str
    path: str
    query: dict[str, str]
    time: float
    route: str | None = None  # "METHOD template", e.g. "DELETE /2/users/{...}/following/{...}"
    status: int | None = None  # None: connection dropped without a response
    body: Any = None
    response: Any = None
    content_type: str | None = None
    auth: str | None = None  # "oauth1" | "oauth2-user" | "app" | None
    fault: str | None = None
    dropped: bool = False
    applied: bool = False  # the handler ran (state may have changed), even if a fault followed

    def to_json(self) -> JSON:
        return {"method": self.method, "path": self.path, "query": self.query,
                "status": self.status, "time": self.time, "route": self.route,
                "fault": self.fault, "applied": self.applied, "body": self.body}


@dataclass
class _FaultRule:
    pattern: re.Pattern[str]
    fault: F.Fault
    method: str | None
    remaining: int  # < 0: forever


@dataclass
class _Route:
    method: str
    template: str
    handler: str
    scopes: tuple[str, ...]
    user_context: bool  # app-only bearer refused
    params: tuple[str, ...]
    mutates: bool = False
    user_expansions: bool = True  # `expansions` takes user (vs post) expansion names
    regex: re.Pattern[str] = field(init=False)

    def __post_init__(self) -> None:
        self.regex = re.compile("^" + re.sub(r"\{(\w+)\}", r"(?P<\1>[^/]+)", self.template) + "$")

    @property
    def key(self) -> str:
        return f"{self.method} {self.template}"


_USER_Q = ("user.fields", "expansions", "tweet.fields", "post.fields")
_LIST_Q = ("max_results", "pagination_token", *_USER_Q)
_TL_Q = ("max_results", "pagination_token", "since_id", "until_id", "start_time", "end_time",
         "tweet.fields", "post.fields", "expansions", "user.fields", *MEDIA_PARAMS)
ROUTES = [
    _Route("GET", "/2/users/me", "me", ("users.read", "tweet.read"), True, _USER_Q),
    _Route("GET", "/2/users", "lookup", ("users.read", "tweet.read"), False, ("ids", *_USER_Q)),
    _Route("GET", "/2/users/{id}/following", "following",
           ("follows.read", "users.read", "tweet.read"), False, _LIST_Q),
    _Route("GET", "/2/users/{id}/followers", "followers",
           ("follows.read", "users.read", "tweet.read"), False, _LIST_Q),
    _Route("GET", "/2/users/{id}/muting", "muting_list",
           ("mute.read", "users.read", "tweet.read"), True, _LIST_Q),
    _Route("POST", "/2/users/{id}/following", "follow",
           ("follows.write", "users.read", "tweet.read"), True, (), mutates=True),
    _Route("DELETE", "/2/users/{source_user_id}/following/{target_user_id}", "unfollow",
           ("follows.write", "users.read", "tweet.read"), True, (), mutates=True),
    _Route("POST", "/2/users/{id}/muting", "mute",
           ("mute.write", "users.read", "tweet.read"), True, (), mutates=True),
    _Route("DELETE", "/2/users/{source_user_id}/muting/{target_user_id}", "unmute",
           ("mute.write", "users.read", "tweet.read"), True, (), mutates=True),
    _Route("GET", "/2/users/{id}/tweets", "tweets", ("tweet.read", "users.read"), False,
           (*_TL_Q, "exclude"), user_expansions=False),
    _Route("GET", "/2/users/{id}/mentions", "mentions", ("tweet.read", "users.read"), False,
           _TL_Q, user_expansions=False),
    _Route("GET", "/2/users/{id}/timelines/reverse_chronological", "home",
           ("tweet.read", "users.read"), True, (*_TL_Q, "exclude"), user_expansions=False),
    _Route("GET", "/2/users/{id}/liked_tweets", "liked", ("like.read", "users.read",
           "tweet.read"), False, ("max_results", "pagination_token", "tweet.fields",
           "post.fields", "expansions", "user.fields", *MEDIA_PARAMS), user_expansions=False),
]


@dataclass
class _Out:
    """A response decided but not yet written (so it can be logged first)."""

    status: int
    payload: JSON | bytes | None
    content_type: str
    headers: dict[str, str] = field(default_factory=dict)
    drop: bool = False


class _BadRequest(Exception):
    def __init__(self, errors: list[tuple[str, list[str], str]]) -> None:
        super().__init__(errors)
        first = errors[0]
        body = F.invalid_request(*first)
        body["errors"] = [{"parameters": {p: v}, "message": m} for p, v, m in errors]
        self.body = body


class _Reply(Exception):
    """Short-circuit with a ready response from deep inside a handler."""

    def __init__(self, status: int, body: JSON, content_type: str = F.PROBLEM_JSON) -> None:
        super().__init__(status)
        self.status, self.body, self.content_type = status, body, content_type


def encode_token(offset: int) -> str:
    """A 16-char base32hex pagination token (the shape the spec describes) holding an offset."""
    out = ""
    n = offset + 1_000_003  # never all zeros, so tokens don't look like a default
    for _ in range(16):
        out = _B32HEX[n % 32] + out
        n //= 32
    return out


def decode_token(token: str) -> int | None:
    if len(token) != 16 or any(c not in _B32HEX for c in token):
        return None
    n = 0
    for c in token:
        n = n * 32 + _B32HEX.index(c)
    return n - 1_000_003 if n >= 1_000_003 else None


class RateLimiter:
    """Fixed windows per "METHOD template", opened by the first request (as X's reset
    timestamps suggest); optional 24-hour per-user caps on top."""

    def __init__(self, config: ServerConfig, clock: Clock) -> None:
        self.config, self.clock = config, clock
        self._windows: dict[str, tuple[float, int]] = {}
        self._daily: dict[str, tuple[float, int]] = {}
        self._lock = threading.Lock()

    def reset(self) -> None:
        with self._lock:
            self._windows.clear()
            self._daily.clear()

    def _window(self, table: dict[str, tuple[float, int]], key: str, length: float,
                now: float) -> tuple[float, int]:
        reset_at, used = table.get(key, (0.0, 0))
        if now >= reset_at:
            reset_at, used = now + length, 0
        table[key] = (reset_at, used)
        return reset_at, used

    def check(self, key: str, *, consume: bool) -> tuple[bool, dict[str, str]]:
        """(allowed, headers).  A refused request does not consume."""
        now = self.clock.now()
        headers: dict[str, str] = {}
        allowed = True
        with self._lock:
            limit = self.config.rate_limits.get(key)
            daily = self.config.daily_limits.get(key)
            if limit is not None:
                reset_at, used = self._window(self._windows, key, self.config.window_seconds,
                                              now)
                if used >= limit:
                    allowed = False
            if daily is not None:
                d_reset, d_used = self._window(self._daily, key, 86400.0, now)
                if d_used >= daily:
                    allowed = False
            if allowed and consume:
                if limit is not None:
                    self._windows[key] = (reset_at, used + 1)
                if daily is not None:
                    self._daily[key] = (d_reset, d_used + 1)
            if limit is not None:
                reset_at, used = self._windows[key]
                headers.update({"x-rate-limit-limit": str(limit),
                                "x-rate-limit-remaining": str(max(0, limit - used)),
                                "x-rate-limit-reset": str(int(reset_at))})
            if daily is not None:
                d_reset, d_used = self._daily[key]
                headers.update({"x-user-limit-24hour-limit": str(daily),
                                "x-user-limit-24hour-remaining": str(max(0, daily - d_used)),
                                "x-user-limit-24hour-reset": str(int(d_reset))})
        return allowed, headers


# --- the server object -------------------------------------------------------------------------

class FakeX:
    def __init__(
        self,
        state: State | None = None,
        *,
        config: ServerConfig | None = None,
        clock: Clock | None = None,
        host: str = "127.0.0.1",
        port: int = 0,
        state_path: str | Path | None = None,
        log_path: str | Path | None = None,
    ) -> None:
        self.state = state if state is not None else make_state(10)
        self.config = config or ServerConfig()
        self.clock = clock or Clock()
        self.limiter = RateLimiter(self.config, self.clock)
        self.requests: list[RequestRecord] = []
        # Tracebacks of bugs in the fake itself; the test fixture asserts this stays empty.
        self.server_errors: list[str] = []
        self.state_path = Path(state_path) if state_path else None
        self.log_path = Path(log_path) if log_path else None
        self._faults: list[_FaultRule] = []
        self._lock = threading.RLock()
        self._stop = threading.Event()
        self._host, self._port = host, port
        self._httpd: ThreadingHTTPServer | None = None
        self._thread: threading.Thread | None = None

    # -- lifecycle --------------------------------------------------------------------------
    def bind(self) -> FakeX:
        httpd = ThreadingHTTPServer((self._host, self._port), _Handler)
        httpd.daemon_threads = True  # slow-fault sleepers must not block shutdown
        httpd.fakex = self  # type: ignore[attr-defined]
        self._httpd = httpd
        return self

    def start(self) -> FakeX:
        if self._httpd is None:
            self.bind()
        assert self._httpd is not None
        self._thread = threading.Thread(target=self._httpd.serve_forever,
                                        kwargs={"poll_interval": 0.05}, daemon=True)
        self._thread.start()
        return self

    def close(self) -> None:
        self._stop.set()
        if self._httpd is not None:
            self._httpd.shutdown()
            self._httpd.server_close()
        if self._thread is not None:
            self._thread.join(timeout=5)

    def __enter__(self) -> FakeX:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.close()

    @property
    def port(self) -> int:
        assert self._httpd is not None, "not started"
        return int(self._httpd.server_address[1])

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    # -- test helpers ---------------------------------------------------------------------
    def inject(self, path: str, fault: F.Fault, *, method: str | None = None,
               times: int = 1) -> None:
        """Serve `fault` for the next `times` requests whose path fully matches the regex
        `path` (and `method`, if given); times < 0 means forever.  Rules apply in order."""
        with self._lock:
            self._faults.append(_FaultRule(re.compile(path), fault,
                                           method.upper() if method else None, times))

    def clear_faults(self) -> None:
        with self._lock:
            self._faults.clear()

    def calls(self, method: str | None = None, path: str | None = None) -> list[RequestRecord]:
        """Logged requests filtered by method and a full-match path regex."""
        rx = re.compile(path) if path else None
        with self._lock:
            return [r for r in self.requests
                    if (method is None or r.method == method.upper())
                    and (rx is None or rx.fullmatch(r.path))]

    def issue_user_token(self, *, expires_in: float | None = 7200,
                         scopes: Iterable[str] = ALL_SCOPES) -> str:
        token = "fake-at-" + secrets.token_urlsafe(12)
        with self.state.lock:
            self.state.credentials.user_tokens[token] = {
                "expires_at": None if expires_in is None else self.clock.now() + expires_in,
                "scopes": list(scopes)}
        return token

    def issue_refresh_token(self, scopes: Iterable[str] = ALL_SCOPES) -> str:
        token = "fake-rt-" + secrets.token_urlsafe(12)
        with self.state.lock:
            self.state.credentials.refresh_tokens[token] = list(scopes)
        return token

    def issue_auth_code(self, *, code_challenge: str | None = None,
                        scopes: Iterable[str] = ALL_SCOPES) -> str:
        """A code as if the user approved in the browser; PKCE S256 checked if a challenge
        is given."""
        code = "fake-code-" + secrets.token_urlsafe(12)
        with self.state.lock:
            self.state.credentials.auth_codes[code] = {"code_challenge": code_challenge,
                                                       "scopes": list(scopes)}
        return code

    # -- internals ------------------------------------------------------------------------------
    def _take_fault(self, method: str, path: str) -> F.Fault | None:
        with self._lock:
            for rule in self._faults:
                if rule.remaining == 0 or (rule.method and rule.method != method):
                    continue
                if rule.pattern.fullmatch(path):
                    rule.remaining -= 1
                    return rule.fault
        return None

    def _record(self, rec: RequestRecord) -> None:
        with self._lock:
            self.requests.append(rec)
            if self.log_path is not None:
                with self.log_path.open("a", encoding="utf-8") as fh:
                    fh.write(json.dumps(rec.to_json()) + "\n")

    def _persist(self) -> None:
        if self.state_path is not None:
            self.state.save(self.state_path)


# --- request handling --------------------------------------------------------------------------

class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"  # keep-alive, like the real API; requires Content-Length
    server_version = "tsa_b"
    sys_version = ""

    @property
    def fx(self) -> FakeX:
        return self.server.fakex  # type: ignore[attr-defined, no-any-return]

    def log_message(self, format: str, *args: Any) -> None:
        pass  # the JSON request log replaces stderr chatter

    def do_GET(self) -> None:
        self._dispatch()

    def do_POST(self) -> None:
        self._dispatch()

    def do_DELETE(self) -> None:
        self._dispatch()

    def do_PUT(self) -> None:
        self._dispatch()

    # -- plumbing ---------------------------------------------------------------------------
    def _send(self, status: int, body: JSON | bytes | None, content_type: str,
              headers: dict[str, str] | None = None) -> None:
        raw = body if isinstance(body, bytes) else json.dumps(body).encode()
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(raw)))
        for k, v in (headers or {}).items():
            self.send_header(k, v)
        self.end_headers()
        self.wfile.write(raw)

    def _drop(self) -> None:
        # No status line at all: the client sees the connection close (RemoteDisconnected).
        self.close_connection = True
        with contextlib.suppress(OSError):
            self.connection.shutdown(socket.SHUT_RDWR)

    def _dispatch(self) -> None:
        fx = self.fx
        url = urlsplit(self.path)
        path = url.path
        qs = parse_qs(url.query, keep_blank_values=True)
        query = {k: v[-1] for k, v in qs.items()}
        length = int(self.headers.get("Content-Length") or 0)
        raw_body = self.rfile.read(length) if length else b""
        ctype = self.headers.get("Content-Type", "")
        body: Any = None
        if raw_body:
            if "json" in ctype:
                try:
                    body = json.loads(raw_body)
                except ValueError:
                    body = raw_body.decode("utf-8", "replace")
            else:
                body = {k: v[-1] for k, v in parse_qs(raw_body.decode()).items()}

        if path.startswith("/_fakex/"):
            self._control(path, body)
            return

        rec = RequestRecord(self.command, path, query, fx.clock.now(), body=body)
        try:
            out = self._handle(rec, url.query, raw_body, ctype)
        except Exception:  # a bug in the fake: answer 500 but make the test fail loudly
            fx.server_errors.append(traceback.format_exc())
            rec.status, rec.response = 500, F.server_error_body(500)
            out = _Out(500, rec.response, F.PROBLEM_JSON)
        # Log (and state file, already) before the client can see anything: a crash test
        # that kills us right after its request returns must still find the record.
        fx._record(rec)
        try:
            if out.drop:
                self._drop()
            else:
                self._send(out.status, out.payload, out.content_type, out.headers)
        except (BrokenPipeError, ConnectionResetError):
            pass  # the client gave up (e.g. its timeout beat a slow fault): not our bug

    def _handle(self, rec: RequestRecord, raw_query: str, raw_body: bytes, ctype: str) -> _Out:
        fx = self.fx
        fault = fx._take_fault(rec.method, rec.path)
        if fault is not None:
            rec.fault = fault.name
            if fault.delay:
                fx._stop.wait(fault.delay)
        if fault is not None and not fault.after and (fault.drop or fault.status):
            if fault.drop:
                rec.dropped = True
                return _Out(0, None, "", drop=True)
            route = self._match(rec.method, rec.path)[0]
            headers = fx.limiter.check(route.key, consume=False)[1] if route else {}
            return self._reply_fault(rec, fault, headers)

        status, resp, content_type, headers = self._serve(rec, raw_query, raw_body, ctype)
        rec.applied = True
        if fault is not None and fault.after and (fault.drop or fault.status):
            if fault.drop:
                rec.dropped = True
                return _Out(0, None, "", drop=True)
            return self._reply_fault(rec, fault, headers)
        rec.status, rec.response, rec.content_type = status, resp, content_type
        return _Out(status, resp, content_type, headers)

    def _reply_fault(self, rec: RequestRecord, fault: F.Fault, headers: dict[str, str]) -> _Out:
        assert fault.status is not None
        rec.status, rec.content_type = fault.status, fault.content_type
        rec.response = fault.body if fault.raw_body is None else fault.raw_body.decode()
        payload: JSON | bytes = fault.raw_body if fault.raw_body is not None else (
            fault.body or {})
        return _Out(fault.status, payload, fault.content_type, {**headers, **fault.headers})

    def _match(self, method: str, path: str) -> tuple[_Route | None, dict[str, str]]:
        for route in ROUTES:
            m = route.regex.match(path)
            if m and route.method == method:
                return route, {k: unquote(v) for k, v in m.groupdict().items()}
        return None, {}

    def _serve(self, rec: RequestRecord, raw_query: str, raw_body: bytes,
               ctype: str) -> tuple[int, JSON, str, dict[str, str]]:
        """Status, body, content type and headers for a request, mutating state if needed."""
        fx = self.fx
        oauth = _OAUTH_ENDPOINTS.get(rec.path) if rec.method == "POST" else None
        if oauth is not None:
            rec.route = f"POST {rec.path}"
            status, body = oauth(fx, rec.body if isinstance(rec.body, dict) else {},
                                 self.headers.get("Authorization", ""))
            if status == 200:
                fx._persist()
            return status, body, "application/json;charset=utf-8", {"Cache-Control": "no-store"}

        route, params = self._match(rec.method, rec.path)
        if route is None:
            return 404, F.NOT_FOUND_PAGE, "application/json;charset=utf-8", {}
        rec.route = route.key

        auth, auth_err = _authenticate(fx, self.headers.get("Authorization", ""), rec.method,
                                       self.headers.get("Host", ""), rec.path, raw_query,
                                       raw_body if "x-www-form-urlencoded" in ctype else b"")
        rec.auth = auth
        if auth_err is not None:
            return 401, auth_err, F.PROBLEM_JSON, {}
        if route.user_context and auth == "app":
            return 403, F.UNSUPPORTED_AUTH, F.PROBLEM_JSON, {}
        if auth == "oauth2-user":
            token = self.headers["Authorization"].split(" ", 1)[1].strip()
            scopes = set(fx.state.credentials.user_tokens[token]["scopes"])
            if not set(route.scopes) <= scopes:
                return 403, F.FORBIDDEN, F.PROBLEM_JSON, {}

        allowed, headers = fx.limiter.check(route.key, consume=True)
        if not allowed:
            return 429, F.TOO_MANY_REQUESTS, F.PROBLEM_JSON, headers
        try:
            ctx = _Ctx(fx, rec.query, route)
            result: JSON = getattr(ctx, "h_" + route.handler)(params, rec.body)
        except _BadRequest as e:
            return 400, e.body, F.PROBLEM_JSON, headers
        except _Reply as r:
            return r.status, r.body, r.content_type, headers
        if route.mutates:
            fx._persist()
        return 200, result, "application/json; charset=utf-8", headers

    # -- control plane for subprocess tests (not logged, no auth) -------------------------
    def _control(self, path: str, body: Any) -> None:
        fx = self.fx
        if path == "/_fakex/state":
            self._send(200, fx.state.to_dict(), "application/json")
        elif path == "/_fakex/requests":
            with fx._lock:
                self._send(200, {"requests": [r.to_json() for r in fx.requests]},
                           "application/json")
        elif path == "/_fakex/fault" and isinstance(body, dict):
            fx.inject(body["path"], F.fault_from_spec(body["fault"]), method=body.get("method"),
                      times=int(body.get("times", 1)))
            self._send(200, {"ok": True}, "application/json")
        elif path == "/_fakex/clock" and isinstance(body, dict):
            fx.clock.advance(float(body.get("advance", 0)))
            self._send(200, {"now": fx.clock.now()}, "application/json")
        else:
            self._send(404, {"error": "unknown control path"}, "application/json")


# --- auth ----------------------------------------------------------------------------------------

_OAUTH1_REQUIRED = ("oauth_consumer_key", "oauth_nonce", "oauth_signature",
                    "oauth_signature_method", "oauth_timestamp", "oauth_token")


def _authenticate(fx: FakeX, header: str, method: str, host: str, path: str, raw_query: str,
                  form_body: bytes) -> tuple[str | None, JSON | None]:
    creds = fx.state.credentials
    if header.startswith("Bearer "):
        token = header[7:].strip()
        if token == creds.app_bearer_token:
            return "app", None
        info = creds.user_tokens.get(token)
        if info is not None and (info["expires_at"] is None
                                 or info["expires_at"] > fx.clock.now()):
            return "oauth2-user", None
        return None, F.UNAUTHORIZED
    if header.startswith("OAuth "):
        from oauthlib.oauth1.rfc5849 import signature as sig
        from oauthlib.oauth1.rfc5849 import utils

        try:
            params = dict(utils.parse_authorization_header(header))
        except (ValueError, IndexError):
            return None, F.UNAUTHORIZED
        if any(k not in params for k in _OAUTH1_REQUIRED):
            return None, F.UNAUTHORIZED
        if (params["oauth_consumer_key"] != creds.consumer_key
                or params["oauth_token"] != creds.access_token):
            return None, F.UNAUTHORIZED
        if fx.config.verify_oauth1_signature:
            collected = sig.collect_parameters(uri_query=raw_query, body=form_body or None,
                                               headers={"Authorization": header},
                                               exclude_oauth_signature=True)
            base = sig.signature_base_string(method, sig.base_string_uri(f"http://{host}{path}"),
                                             sig.normalize_parameters(collected))
            key = f"{utils.escape(creds.consumer_secret)}&{utils.escape(creds.access_token_secret)}"
            expected = base64.b64encode(
                hmac.new(key.encode(), base.encode(), hashlib.sha1).digest()).decode()
            if not hmac.compare_digest(expected, utils.unescape(params["oauth_signature"])):
                return None, F.UNAUTHORIZED
        return "oauth1", None
    return None, F.UNAUTHORIZED


def _client_auth_error(fx: FakeX, form: dict[str, str], authorization: str
                       ) -> tuple[int, JSON] | None:
    """The app's own authentication at the OAuth endpoints (token and revoke)."""
    creds = fx.state.credentials
    if creds.client_secret is not None:  # confidential client: HTTP Basic
        expected = base64.b64encode(f"{creds.client_id}:{creds.client_secret}".encode()).decode()
        if authorization != f"Basic {expected}":
            return 401, {"error": "unauthorized_client",
                         "error_description": "Missing valid authorization header"}
    elif form.get("client_id") != creds.client_id:
        return 400, {"error": "invalid_request",
                     "error_description": "Missing required parameter [client_id]."}
    return None


def _revoke_endpoint(fx: FakeX, form: dict[str, str], authorization: str) -> tuple[int, JSON]:
    """POST /2/oauth2/revoke (RFC 7009): the token stops working at once. An unknown or
    already revoked token is still a 200, as RFC 7009 asks (nothing to leak)."""
    error = _client_auth_error(fx, form, authorization)
    if error is not None:
        return error
    token = form.get("token", "")
    if not token:
        return 400, {"error": "invalid_request",
                     "error_description": "Missing required parameter [token]."}
    creds = fx.state.credentials
    with fx.state.lock:
        creds.user_tokens.pop(token, None)
        creds.refresh_tokens.pop(token, None)
    return 200, {"revoked": True}


def _token_endpoint(fx: FakeX, form: dict[str, str], authorization: str) -> tuple[int, JSON]:
    creds = fx.state.credentials
    error = _client_auth_error(fx, form, authorization)
    if error is not None:
        return error
    grant = form.get("grant_type")
    with fx.state.lock:
        if grant == "refresh_token":
            scopes = creds.refresh_tokens.pop(form.get("refresh_token", ""), None)
            if scopes is None:
                return 400, F.INVALID_TOKEN_GRANT
        elif grant == "authorization_code":
            code = creds.auth_codes.pop(form.get("code", ""), None)
            if code is None:
                return 400, {"error": "invalid_request", "error_description":
                             "Value passed for the authorization code was invalid."}
            challenge = code.get("code_challenge")
            if challenge is not None:
                verifier = form.get("code_verifier", "")
                digest = base64.urlsafe_b64encode(hashlib.sha256(verifier.encode()).digest())
                if digest.rstrip(b"=").decode() != challenge and verifier != challenge:
                    return 400, {"error": "invalid_request", "error_description":
                                 "Value passed for the code verifier did not match."}
            scopes = code["scopes"]
        else:
            return 400, {"error": "unsupported_grant_type",
                         "error_description": "grant_type not supported"}
        access = fx.issue_user_token(expires_in=7200, scopes=scopes)
        body: JSON = {"token_type": "bearer", "expires_in": 7200, "access_token": access,
                      "scope": " ".join(scopes)}
        if "offline.access" in scopes:
            body["refresh_token"] = fx.issue_refresh_token(scopes)
    return 200, body


# --- endpoint logic ------------------------------------------------------------------------------

# The OAuth 2.0 endpoints, which the spec leaves out (it names them only as URLs).
_OAUTH_ENDPOINTS = {"/2/oauth2/token": _token_endpoint, "/2/oauth2/revoke": _revoke_endpoint}


class _Ctx:
    """One request's view: parsed fields/expansions, and renderers in the configured spelling."""

    def __init__(self, fx: FakeX, query: dict[str, str], route: _Route) -> None:
        self.fx, self.st, self.cfg, self.query, self.route = fx, fx.state, fx.config, query, route
        self.old = self.cfg.spelling == "old"
        errors: list[tuple[str, list[str], str]] = []
        if self.cfg.reject_unknown_params:
            unknown = [k for k in query if k not in route.params]
            for k in unknown:
                errors.append((k, [query[k]], f"The query parameter [{k}] is not one of "
                               f"[{','.join(sorted(route.params))}]"))
        user_vocab = USER_FIELDS_OLD if self.old else USER_FIELDS_NEW
        self.user_fields = self._list("user.fields", user_vocab, errors)
        exp_vocab: tuple[str, ...]
        if route.user_expansions:
            exp_vocab = USER_EXPANSIONS_OLD if self.old else USER_EXPANSIONS_NEW
        else:
            exp_vocab = POST_EXPANSIONS_ANY
        self.expansions = self._list("expansions", exp_vocab, errors)
        self.post_fields = (self._list("tweet.fields", POST_FIELDS_ANY, errors)
                            | self._list("post.fields", POST_FIELDS_ANY, errors))
        if errors:
            raise _BadRequest(errors)
        self.posts_key = "tweets" if self.old else "posts"
        self._inc_users: dict[str, JSON] = {}
        self._inc_posts: dict[str, JSON] = {}
        self._errors: list[JSON] = []
        with self.st.lock:
            self._following = set(self.st.following)
            self._followers = set(self.st.followers)
            self._muting = set(self.st.muting)
            self._pending = set(self.st.pending)

    def _list(self, name: str, vocab: tuple[str, ...],
              errors: list[tuple[str, list[str], str]]) -> set[str]:
        raw = self.query.get(name)
        if raw is None:
            return set()
        values = raw.split(",")
        bad = [v for v in values if v not in vocab]
        if bad:
            errors.append((name, bad, f"The `{name}` query parameter value [{bad[0]}] is not "
                           f"one of [{','.join(vocab)}]"))
        return set(values) - set(bad)

    def _int(self, name: str, default: int, lo: int, hi: int) -> int:
        raw = self.query.get(name)
        if raw is None:
            return default
        if not raw.isdigit() or not lo <= int(raw) <= hi:
            raise _BadRequest([(name, [raw], f"The `{name}` query parameter value [{raw}] is "
                                f"not between {lo} and {hi}")])
        return int(raw)

    def _id(self, name: str, value: str) -> str:
        if not _ID_RE.match(value):
            raise _BadRequest([(name, [value], f"The `{name}` query parameter value [{value}] "
                                f"does not match ^[0-9]{{1,19}}$")])
        return value

    def _offset(self) -> int:
        tok = self.query.get("pagination_token")
        if tok is None:
            return 0
        off = decode_token(tok)
        if off is None:
            raise _BadRequest([("pagination_token", [tok], "The `pagination_token` query "
                                f"parameter value [{tok}] is not valid")])
        return off

    # -- rendering -----------------------------------------------------------------------
    def user(self, u: JSON, *, expand: bool = True) -> JSON:
        out: JSON = {"id": u["id"], "name": u["name"], "username": u["username"]}
        for f in sorted(self.user_fields):
            if f in out:
                continue
            if f == "connection_status":
                if self.cfg.fill_connection_status:
                    out[f] = self.connection_status(u["id"])
            elif f == "public_metrics" and "public_metrics" in u:
                pm = dict(u["public_metrics"])
                if self.old:
                    pm["tweet_count"] = pm.pop("post_count", 0)
                out[f] = pm
            elif f in ("pinned_tweet_id", "most_recent_tweet_id"):
                src = f.replace("tweet", "post")
                if src in u:
                    out[f] = u[src]
            elif f in u:
                out[f] = u[f]
        if expand:
            for e in sorted(self.expansions):
                if e in ("pinned_tweet_id", "most_recent_tweet_id", "pinned_post_id",
                         "most_recent_post_id"):
                    src = e.replace("tweet", "post")
                    if src in u:
                        out[e] = u[src]
                        self._include_post(u[src], e)
        return out

    def connection_status(self, uid: str) -> list[str]:
        cs = []
        if uid in self._pending:
            cs.append("follow_request_sent")
        if uid in self._following:
            cs.append("following")
        if uid in self._followers:
            cs.append("followed_by")
        if uid in self._muting:
            cs.append("muting")
        return cs

    def post(self, p: JSON) -> JSON:
        hist = "edit_history_tweet_ids" if self.old else "edit_history_post_ids"
        out: JSON = {"id": p["id"], "text": p["text"],
                     hist: p.get("edit_history_post_ids", [p["id"]])}
        for f in sorted(self.post_fields):
            src = {"referenced_tweets": "referenced_posts",
                   "edit_history_tweet_ids": "edit_history_post_ids"}.get(f, f)
            if src not in p or src in ("id", "text", "edit_history_post_ids"):
                continue
            name = src
            value = p[src]
            if self.old:
                name = {"referenced_posts": "referenced_tweets"}.get(src, src)
                if src == "public_metrics":
                    value = dict(value)
                    value["retweet_count"] = value.pop("repost_count", 0)
            out[name] = value
        return out

    def _include_user(self, uid: str | None, parameter: str) -> None:
        if not uid or uid in self._inc_users:
            return
        u = self.st.users.get(uid)
        if u is None:
            self._errors.append(F.not_found_problem("user", parameter, uid))
        else:
            self._inc_users[uid] = self.user(u, expand=False)

    def _include_post(self, pid: str, parameter: str) -> None:
        if pid in self._inc_posts:
            return
        p = self.st.posts.get(pid)
        if p is None:
            self._errors.append(F.not_found_problem("tweet" if self.old else "post",
                                                    parameter, pid))
        else:
            self._inc_posts[pid] = self.post(p)

    def _expand_post(self, p: JSON) -> None:
        e = self.expansions
        if "author_id" in e:
            self._include_user(p.get("author_id"), "author_id")
        if "in_reply_to_user_id" in e:
            self._include_user(p.get("in_reply_to_user_id"), "in_reply_to_user_id")
        if "entities.mentions.username" in e:
            for m in p.get("entities", {}).get("mentions", []) or []:
                if m.get("id"):
                    self._include_user(m["id"], "entities.mentions.username")
        if e & {"referenced_tweets.id", "referenced_posts", "referenced_tweets.id.author_id"}:
            for ref in p.get("referenced_posts", []):
                self._include_post(ref["id"], "referenced_tweets.id" if self.old
                                   else "referenced_posts")
                if "referenced_tweets.id.author_id" in e and ref["id"] in self.st.posts:
                    self._include_user(self.st.posts[ref["id"]].get("author_id"),
                                       "referenced_tweets.id.author_id")

    def _envelope(self, data: Any, meta: JSON | None = None) -> JSON:
        out: JSON = {}
        if data is not None and data != []:
            out["data"] = data
        inc: JSON = {}
        if self._inc_users:
            inc["users"] = list(self._inc_users.values())
        if self._inc_posts:
            inc[self.posts_key] = list(self._inc_posts.values())
        if inc:
            out["includes"] = inc
        if self._errors:
            out["errors"] = self._errors
        if meta is not None:
            out["meta"] = meta
        return out

    def _require_me(self, uid: str) -> None:
        if uid != self.st.me_id:
            raise _Reply(403, F.FORBIDDEN)

    def _target(self, body: Any) -> str:
        target = body.get("target_user_id") if isinstance(body, dict) else None
        if not isinstance(target, str) or not _ID_RE.match(target):
            raise _BadRequest([("target_user_id", [str(target)],
                                "$.target_user_id: must be a string matching ^[0-9]{1,19}$")])
        if target not in self.st.users or target == self.st.me_id:
            raise _BadRequest([("target_user_id", [target],
                                f"The `target_user_id` value [{target}] is not valid")])
        return target

    # -- handlers ------------------------------------------------------------------------
    def h_me(self, params: dict[str, str], body: Any) -> JSON:
        with self.st.lock:
            return self._envelope(self.user(self.st.me))

    def h_lookup(self, params: dict[str, str], body: Any) -> JSON:
        raw = self.query.get("ids", "")
        ids = [i for i in raw.split(",") if i] if raw else []
        if not 1 <= len(ids) <= 100:
            raise _BadRequest([("ids", [raw], "The number of values in the `ids` query "
                                f"parameter list [{len(ids)}] is not between 1 and 100")])
        for i in ids:
            self._id("ids", i)
        data = []
        with self.st.lock:
            for i in ids:
                u = self.st.users.get(i)
                if u is None:
                    self._errors.append(F.not_found_problem("user", "ids", i))
                else:
                    data.append(self.user(u))
            return self._envelope(data)

    def _user_list(self, uid: str, ids: list[str]) -> JSON:
        self._id("id", uid)
        limit = self._int("max_results", 100, 1, 1000)
        off = self._offset()
        with self.st.lock:
            if uid not in self.st.users:
                self._errors.append(F.not_found_problem("user", "id", uid))
                return self._envelope(None)
            page = ids[off:off + limit]
            data = [self.user(self.st.users[i]) for i in page if i in self.st.users]
            meta: JSON = {"result_count": len(data)}
            if off + limit < len(ids):
                meta["next_token"] = encode_token(off + limit)
            if off > 0:
                meta["previous_token"] = encode_token(max(0, off - limit))
            return self._envelope(data, meta)

    def h_following(self, params: dict[str, str], body: Any) -> JSON:
        uid = params["id"]
        ids = (self.st.following if uid == self.st.me_id
               else self.st.following_of.get(uid, []))
        return self._user_list(uid, list(ids))

    def h_followers(self, params: dict[str, str], body: Any) -> JSON:
        uid = params["id"]
        return self._user_list(uid, list(self.st.followers) if uid == self.st.me_id else [])

    def h_muting_list(self, params: dict[str, str], body: Any) -> JSON:
        self._require_me(params["id"])
        return self._user_list(params["id"], list(self.st.muting))

    def _timeline(self, uid: str, posts: list[JSON], *, since: bool = True) -> JSON:
        self._id("id", uid)
        limit = self._int("max_results", 10, 5, 100)
        off = self._offset()
        if since:
            for name in ("since_id", "until_id"):
                if name in self.query:
                    self._id(name, self.query[name])
            if "since_id" in self.query:
                posts = [p for p in posts if int(p["id"]) > int(self.query["since_id"])]
            if "until_id" in self.query:
                posts = [p for p in posts if int(p["id"]) < int(self.query["until_id"])]
            if "start_time" in self.query:  # inclusive
                lo = _parse_time("start_time", self.query["start_time"])
                posts = [p for p in posts if _parse_time("created_at", p["created_at"]) >= lo]
            if "end_time" in self.query:  # exclusive
                hi = _parse_time("end_time", self.query["end_time"])
                posts = [p for p in posts if _parse_time("created_at", p["created_at"]) < hi]
        page = posts[off:off + limit]
        data = []
        for p in page:
            data.append(self.post(p))
            self._expand_post(p)
        meta: JSON = {"result_count": len(data)}
        if data and since:
            meta["newest_id"], meta["oldest_id"] = data[0]["id"], data[-1]["id"]
        if off + limit < len(posts):
            meta["next_token"] = encode_token(off + limit)
        if off > 0:
            meta["previous_token"] = encode_token(max(0, off - limit))
        return self._envelope(data, meta)

    def _by_recency(self, pred: Callable[[JSON], bool]) -> list[JSON]:
        return sorted((p for p in self.st.posts.values() if pred(p)),
                      key=lambda p: int(p["id"]), reverse=True)

    def h_tweets(self, params: dict[str, str], body: Any) -> JSON:
        uid = params["id"]
        errors: list[tuple[str, list[str], str]] = []
        exclude = self._list("exclude", ("replies", "retweets"), errors)
        if errors:
            raise _BadRequest(errors)
        with self.st.lock:
            def keep(p: JSON) -> bool:
                kinds = {r["type"] for r in p.get("referenced_posts", [])}
                if "replies" in exclude and ("replied_to" in kinds
                                             or p.get("in_reply_to_user_id")):
                    return False
                return not ("retweets" in exclude and "retweeted" in kinds)

            posts = self._by_recency(lambda p: p.get("author_id") == uid and keep(p))
            return self._timeline(uid, posts)

    def h_mentions(self, params: dict[str, str], body: Any) -> JSON:
        uid = params["id"]
        with self.st.lock:
            posts = self._by_recency(lambda p: any(
                m.get("id") == uid for m in (p.get("entities", {}).get("mentions") or [])))
            return self._timeline(uid, posts)

    def h_home(self, params: dict[str, str], body: Any) -> JSON:
        """Your home timeline: posts by you and the accounts you follow (muted ones left
        out), newest first."""
        uid = self._id("id", params["id"])
        self._require_me(uid)
        errors: list[tuple[str, list[str], str]] = []
        exclude = self._list("exclude", ("replies", "retweets"), errors)
        if errors:
            raise _BadRequest(errors)
        with self.st.lock:
            authors = (set(self.st.following) | {uid}) - set(self.st.muting)

            def keep(p: JSON) -> bool:
                kinds = {r["type"] for r in p.get("referenced_posts", [])}
                if "replies" in exclude and ("replied_to" in kinds
                                             or p.get("in_reply_to_user_id")):
                    return False
                return not ("retweets" in exclude and "retweeted" in kinds)

            posts = self._by_recency(lambda p: p.get("author_id") in authors and keep(p))
            return self._timeline(uid, posts)

    def h_liked(self, params: dict[str, str], body: Any) -> JSON:
        uid = params["id"]
        with self.st.lock:
            ids = self.st.liked if uid == self.st.me_id else []
            posts = [self.st.posts[i] for i in ids if i in self.st.posts]
            return self._timeline(uid, posts, since=False)

    def h_follow(self, params: dict[str, str], body: Any) -> JSON:
        self._require_me(self._id("id", params["id"]))
        target = self._target(body)
        with self.st.lock:
            if self.st.users[target].get("protected") and target not in self.st.following:
                if target not in self.st.pending:
                    self.st.pending.append(target)
                return {"data": {"following": False, "pending_follow": True}}
            if target not in self.st.following:
                self.st.follow(target)
                _bump(self.st.me, "following_count", 1)
                _bump(self.st.users[target], "followers_count", 1)
            return {"data": {"following": True, "pending_follow": False}}

    def h_unfollow(self, params: dict[str, str], body: Any) -> JSON:
        self._require_me(self._id("source_user_id", params["source_user_id"]))
        target = self._id("target_user_id", params["target_user_id"])
        with self.st.lock:
            if target in self.st.following:
                self.st.following.remove(target)
                _bump(self.st.me, "following_count", -1)
                if target in self.st.users:
                    _bump(self.st.users[target], "followers_count", -1)
            if target in self.st.pending:
                self.st.pending.remove(target)
        return {"data": {"following": False}}

    def h_mute(self, params: dict[str, str], body: Any) -> JSON:
        self._require_me(self._id("id", params["id"]))
        target = self._target(body)
        with self.st.lock:
            if target not in self.st.muting:
                self.st.muting.insert(0, target)
        return {"data": {"muting": True}}

    def h_unmute(self, params: dict[str, str], body: Any) -> JSON:
        self._require_me(self._id("source_user_id", params["source_user_id"]))
        target = self._id("target_user_id", params["target_user_id"])
        with self.st.lock:
            if target in self.st.muting:
                self.st.muting.remove(target)
        return {"data": {"muting": False}}


def _bump(user: JSON, metric: str, delta: int) -> None:
    pm = user.setdefault("public_metrics", {})
    pm[metric] = max(0, int(pm.get(metric, 0)) + delta)


def _parse_time(name: str, value: str) -> datetime:
    try:
        return datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        raise _BadRequest([(name, [value], f"The `{name}` query parameter value [{value}] is "
                            "not a valid RFC3339 date-time")]) from None


# --- standalone ----------------------------------------------------------------------------------

def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m tests.fakex.server",
                                 description="Fake X API v2 server for crash tests.")
    ap.add_argument("--state", required=True,
                    help="state JSON; created from --generate if missing; rewritten after "
                         "every mutation so a restart resumes from it")
    ap.add_argument("--port-file", help="write the listening port here (atomically)")
    ap.add_argument("--log", help="append one JSON line per request here")
    ap.add_argument("--port", type=int, default=0)
    ap.add_argument("--generate", type=int, default=50, metavar="N",
                    help="n_following for a new state file")
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--spelling", choices=["old", "new"], default="old")
    ap.add_argument("--no-connection-status", action="store_true")
    ap.add_argument("--fault", action="append", default=[], metavar="'METHOD REGEX NAME [TIMES]'",
                    help=r"e.g. 'DELETE /2/users/\d+/following/\d+ drop-after 1' (METHOD * = any; "
                         "NAME from faults.FAULTS_BY_NAME or slow:SECONDS; TIMES -1 = forever)")
    args = ap.parse_args(argv)

    state_path = Path(args.state)
    if state_path.exists():
        state = State.load(state_path)
    else:
        state = make_state(args.generate, seed=args.seed)
        state.save(state_path)
    config = ServerConfig(spelling=args.spelling,
                          fill_connection_status=not args.no_connection_status)
    fx = FakeX(state, config=config, port=args.port, state_path=state_path, log_path=args.log)
    for spec in args.fault:
        method, regex, name, *times = spec.split()
        fx.inject(regex, F.fault_from_spec(name), method=None if method == "*" else method,
                  times=int(times[0]) if times else 1)
    fx.bind()
    if args.port_file:  # written only once listening, atomically, so pollers never see ""
        tmp = Path(args.port_file + ".tmp")
        tmp.write_text(str(fx.port))
        tmp.replace(args.port_file)

    def _stop(signum: int, frame: object) -> None:
        threading.Thread(target=fx.close, daemon=True).start()

    signal.signal(signal.SIGTERM, _stop)
    signal.signal(signal.SIGINT, _stop)
    assert fx._httpd is not None
    fx._httpd.serve_forever(poll_interval=0.05)
    fx._httpd.server_close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
