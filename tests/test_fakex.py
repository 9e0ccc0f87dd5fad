"""Tests of the fake X API server itself.

Every response the fake produces in these tests is validated against X's OpenAPI 2.167
document in the `fx` fixture's teardown (and so are the query strings of accepted
requests), so any endpoint a test touches is spec-checked without extra code.
"""

from __future__ import annotations

import base64
import hashlib
import json
import os
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import requests
import tweepy
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from requests_oauthlib import OAuth1

from tests.fakex import FakeX, ServerConfig, State, faults, make_state, snowflake_time
from tests.fakex import openapi as oa
from tests.fakex import server as srv
from tests.fakex.openapi import assert_spec_valid
from tests.fakex.state import ALL_SCOPES, empty_state, make_post, make_user

REPO_ROOT = Path(__file__).resolve().parents[1]
FIXTURES = oa.SPEC_PATH.parent / "fixtures"
# X's spec and recorded responses are not ours to ship; they sit in ../shared beside the
# repository (CI has them). Without them the fake's behaviour is still tested, unvalidated.
needs_spec = pytest.mark.skipif(
    not oa.SPEC_PATH.exists(), reason=f"X's OpenAPI spec not found at {oa.SPEC_PATH}"
)
USER_TOKEN = "fake-user-access-token"


class RewritingSession(requests.Session):
    """Points tweepy (which hard-codes https://api.twitter.com) at the fake.  The URL is
    rewritten *before* super().request(), i.e. before OAuth 1.0a signs it."""

    def __init__(self, base_url: str, timeout: float = 5.0) -> None:
        super().__init__()
        self.base_url = base_url
        self.timeout = timeout

    def request(self, method: str, url: str, *args: Any, **kwargs: Any) -> requests.Response:  # type: ignore[override]
        for prefix in ("https://api.twitter.com", "https://api.x.com"):
            if url.startswith(prefix):
                url = self.base_url + url[len(prefix):]
                break
        kwargs.setdefault("timeout", self.timeout)  # tweepy sets none
        return super().request(method, url, *args, **kwargs)


def client_for(fx: FakeX, auth: str = "oauth2", **kw: Any) -> tweepy.Client:
    creds = fx.state.credentials
    if auth == "oauth1":
        c = tweepy.Client(consumer_key=creds.consumer_key, consumer_secret=creds.consumer_secret,
                          access_token=creds.access_token,
                          access_token_secret=creds.access_token_secret, **kw)
    else:
        token = USER_TOKEN if auth == "oauth2" else creds.app_bearer_token
        c = tweepy.Client(bearer_token=token, **kw)
    c.session = RewritingSession(fx.base_url)
    return c


def get(fx: FakeX, path: str, token: str = USER_TOKEN, **params: Any) -> requests.Response:
    return requests.get(fx.base_url + path, params=params, timeout=5,
                        headers={"Authorization": f"Bearer {token}"})


@pytest.fixture
def fx() -> Iterator[FakeX]:
    with FakeX(make_state(30, seed=7, n_followers=20)) as server:
        yield server
    assert not server.server_errors, server.server_errors[0]
    assert_spec_valid(server)


@pytest.fixture
def fx_new() -> Iterator[FakeX]:
    with FakeX(make_state(30, seed=7), config=ServerConfig(spelling="new")) as server:
        yield server
    assert not server.server_errors, server.server_errors[0]
    assert_spec_valid(server)


# --- the validator itself -------------------------------------------------------------------

def _fixture_bodies(name: str) -> list[dict[str, Any]]:
    return [rec["body"] for rec in json.loads((FIXTURES / name).read_text())]


@needs_spec
@pytest.mark.parametrize("name", ["following_page_default_fields.json",
                                  "following_last_page_default_fields.json"])
def test_recorded_following_pages_are_spec_valid(name: str) -> None:
    for body in _fixture_bodies(name):
        assert oa.validate_response("GET", "/2/users/783214/following", 200, body) == []


@needs_spec
def test_recorded_user_lookup_needs_legacy_renames() -> None:
    body = json.loads((FIXTURES / "users_lookup_v2.jsonl").read_text().splitlines()[0])
    strict = oa.validate_response("GET", "/2/users", 200, body)
    # 2.167 made public_metrics.post_count required: the real old-spelling page fails on it.
    assert strict and any("post_count" in e for e in strict)
    assert oa.validate_response("GET", "/2/users", 200, body, legacy=True) == []


@needs_spec
def test_validator_catches_broken_bodies_and_queries() -> None:
    bad = {"data": [{"id": 5, "name": "x", "username": "y"}], "meta": {"result_count": "1"}}
    assert len(oa.validate_response("GET", "/2/users/1/following", 200, bad)) == 2
    assert oa.validate_response("GET", "/2/users/1/following", 400,
                                {"type": "https://api.x.com/2/problems/invalid-request"})
    assert oa.validate_query("GET", "/2/users/1/following", {"max_results": "1001"})
    assert oa.validate_query("GET", "/2/users/1/following",
                             {"user.fields": "most_recent_tweet_id"})
    assert oa.validate_query("GET", "/2/users/1/following",
                             {"user.fields": "most_recent_tweet_id"}, legacy=True) == []
    assert oa.validate_query("GET", "/2/users", {"ids": "1,abc"})
    assert oa.validate_request_body("POST", "/2/users/1/following", {"target_user_id": 5})


@needs_spec
def test_server_vocabulary_matches_spec() -> None:
    spec = oa.load_spec()
    params = spec["components"]["parameters"]

    def enum(p: dict[str, Any]) -> list[str]:
        return list(oa._deref(p)["schema"]["items"]["enum"])

    assert list(srv.USER_FIELDS_NEW) == enum(params["UserFieldsParameter"])
    assert list(srv.USER_EXPANSIONS_NEW) == enum(params["UserExpansionsParameter"])
    assert list(srv.POST_FIELDS_NEW) == enum(params["PostFieldsParameter"])
    assert list(srv.POST_EXPANSIONS_NEW) == enum(params["PostExpansionsParameter"])
    legacy = oa.legacy_parameters()
    assert list(srv.USER_FIELDS_OLD) == enum(legacy["user.fields"])
    assert list(srv.TWEET_FIELDS_OLD) == enum(legacy["tweet.fields"])
    assert list(srv.TWEET_EXPANSIONS_OLD) == enum(legacy["tweet.expansions"])
    # Everything tweepy knows is accepted in the old spelling.
    assert set(tweepy.user.USER_FIELDS) <= set(srv.USER_FIELDS_OLD)
    assert set(tweepy.tweet.TWEET_FIELDS) <= set(srv.POST_FIELDS_ANY)
    # Every endpoint the fake serves exists in the spec with the same template.
    for route in srv.ROUTES:
        op = oa.find_operation(route.method, route.template.replace("{", "1").replace("}", ""))
        assert op is not None and op.template == route.template, route.key


# --- state builders -----------------------------------------------------------------------------

def test_make_state_is_deterministic_and_varied() -> None:
    a, b = make_state(200, seed=3), make_state(200, seed=3)
    assert a.to_dict() == b.to_dict()
    assert make_state(200, seed=4).to_dict() != a.to_dict()
    users = [a.users[i] for i in a.following]
    assert len(users) == len(set(a.following)) == 200
    assert len({u["username"] for u in users}) == 200
    assert any("default_profile_images" in u["profile_image_url"] for u in users)
    assert any(u["protected"] for u in users) and any(u["verified"] for u in users)
    assert any("most_recent_post_id" not in u for u in users)  # never posted
    assert any(u["description"] == "" for u in users)
    assert set(a.followers) & set(a.following) and set(a.liked) <= set(a.posts)
    for p in a.posts.values():  # snowflake ids agree with created_at
        assert oa_time(p["created_at"]) == snowflake_time(p["id"]).replace(microsecond=0)
    mine = [p for p in a.posts.values() if p["author_id"] == a.me_id]
    assert any(p.get("in_reply_to_user_id") for p in mine)
    assert any(m["id"] == a.me_id for p in a.posts.values()
               for m in p.get("entities", {}).get("mentions", []))


def oa_time(s: str) -> Any:
    from datetime import datetime
    return datetime.fromisoformat(s.replace("Z", "+00:00")).replace(microsecond=0)


def test_state_round_trips_through_json(tmp_path: Path) -> None:
    s = make_state(20, seed=1)
    s.save(tmp_path / "s.json")
    assert State.load(tmp_path / "s.json").to_dict() == s.to_dict()


def test_builders_accept_old_spelling() -> None:
    s = empty_state()
    u = s.add_user({"id": "42", "name": "A", "username": "a", "pinned_tweet_id": "7",
                    "public_metrics": {"followers_count": 1, "following_count": 2,
                                       "tweet_count": 3, "listed_count": 0}})
    assert u["pinned_post_id"] == "7" and u["public_metrics"]["post_count"] == 3
    p = s.add_post({"id": "1500000000000000000", "author_id": "42", "text": "hi",
                    "referenced_tweets": [{"type": "quoted", "id": "1"}]})
    assert p["referenced_posts"] and s.users["42"]["most_recent_post_id"] == p["id"]


# --- tweepy end to end ----------------------------------------------------------------------------

@pytest.mark.parametrize("auth", ["oauth2", "oauth1"])
def test_tweepy_me_and_paginated_following(fx: FakeX, auth: str) -> None:
    client = client_for(fx, auth)
    me = client.get_me(user_auth=auth == "oauth1", user_fields=["public_metrics"])
    assert me.data.id == int(fx.state.me_id)
    ids = [u.id for u in tweepy.Paginator(
        client.get_users_following, fx.state.me_id, max_results=7, user_auth=auth == "oauth1",
        user_fields=["connection_status", "public_metrics", "created_at"]).flatten()]
    assert ids == [int(i) for i in fx.state.following]
    assert len(fx.calls("GET", r"/2/users/\d+/following")) == 5  # ceil(30 / 7)
    assert all(r.auth == ("oauth1" if auth == "oauth1" else "oauth2-user")
               for r in fx.requests)


def test_connection_status_filled_and_omittable(fx: FakeX) -> None:
    body = get(fx, f"/2/users/{fx.state.me_id}/following", **{
        "max_results": 1000, "user.fields": "connection_status"}).json()
    followers = set(fx.state.followers)
    for u in body["data"]:
        assert "following" in u["connection_status"]
        assert ("followed_by" in u["connection_status"]) == (u["id"] in followers)
    fx.config.fill_connection_status = False
    body = get(fx, f"/2/users/{fx.state.me_id}/following", **{
        "user.fields": "connection_status"}).json()
    assert all("connection_status" not in u for u in body["data"])


def test_following_limits_and_bad_tokens(fx: FakeX) -> None:
    me = fx.state.me_id
    r = get(fx, f"/2/users/{me}/following", max_results=1001)
    assert r.status_code == 400
    body = r.json()
    assert body["title"] == "Invalid Request" and body["errors"][0]["parameters"] == {
        "max_results": ["1001"]}
    assert r.headers["content-type"] == "application/problem+json"
    assert get(fx, f"/2/users/{me}/following", pagination_token="nope").status_code == 400
    assert get(fx, f"/2/users/{me}/following", bogus="1").status_code == 400
    page = get(fx, f"/2/users/{me}/following", max_results=10).json()
    assert len(page["meta"]["next_token"]) == 16 and page["meta"]["result_count"] == 10
    last = get(fx, f"/2/users/{me}/following", max_results=10,
               pagination_token=srv.encode_token(20)).json()
    assert "next_token" not in last["meta"] and "previous_token" in last["meta"]


def test_followers_and_user_lookup(fx: FakeX) -> None:
    client = client_for(fx)
    followers = client.get_users_followers(fx.state.me_id, max_results=1000)
    assert [str(u.id) for u in followers.data] == fx.state.followers
    ids = [*fx.state.following[:5], "999999"]
    resp = client.get_users(ids=ids, user_fields=["description", "public_metrics"])
    assert len(resp.data) == 5 and resp.errors[0]["resource_id"] == "999999"
    assert "tweet_count" in resp.data[0].public_metrics  # default spelling is "old"
    r = get(fx, "/2/users", ids=",".join(str(10**6 + i) for i in range(101)))
    assert r.status_code == 400 and "[101] is not between 1 and 100" in r.text


@pytest.mark.parametrize("spelling", ["old", "new"])
def test_field_spellings(spelling: str) -> None:
    state = make_state(30, seed=7)
    uid = next(u for u in state.following if "most_recent_post_id" in state.users[u])
    state.users[uid]["pinned_post_id"] = state.users[uid]["most_recent_post_id"]
    with FakeX(state, config=ServerConfig(spelling=spelling)) as fx:  # type: ignore[arg-type]
        old, new = ("most_recent_tweet_id", "most_recent_post_id")
        good, wrong = (old, new) if spelling == "old" else (new, old)
        posts_key = "tweets" if spelling == "old" else "posts"
        body = get(fx, "/2/users", ids=uid, expansions=f"{good},"
                   + good.replace("most_recent", "pinned"),
                   **{"user.fields": "public_metrics", "tweet.fields": "created_at"}).json()
        user = body["data"][0]
        assert user[good] == state.users[uid]["most_recent_post_id"]
        assert ("tweet_count" if spelling == "old" else "post_count") in user["public_metrics"]
        assert body["includes"][posts_key][0]["id"] == user[good]
        assert "created_at" in body["includes"][posts_key][0]
        r = get(fx, "/2/users", ids=uid, expansions=wrong)
        assert r.status_code == 400
        assert r.json()["errors"][0]["parameters"] == {"expansions": [wrong]}
        # In the old spelling most_recent_tweet_id is also a *user field*; 2.167 has no such
        # user field at all.
        r = get(fx, "/2/users", ids=uid, **{"user.fields": "most_recent_tweet_id"})
        assert r.status_code == (200 if spelling == "old" else 400)
        # post.fields (2.167's name) and tweet.fields (tweepy's) are both accepted.
        r = get(fx, f"/2/users/{state.me_id}/tweets", **{"post.fields": "created_at"})
        assert r.status_code == 200
        ref = "referenced_tweets" if spelling == "old" else "referenced_posts"
        data = get(fx, f"/2/users/{state.me_id}/tweets", max_results=100,
                   **{"tweet.fields": "referenced_tweets,public_metrics"}).json()["data"]
        assert any(ref in p for p in data)
        assert ("retweet_count" if spelling == "old" else "repost_count") in \
            data[0]["public_metrics"]
    assert not fx.server_errors
    assert_spec_valid(fx)


def test_timelines_via_tweepy(fx: FakeX) -> None:
    client = client_for(fx)
    me = fx.state.me_id
    mine = sorted((p for p in fx.state.posts.values() if p["author_id"] == me),
                  key=lambda p: int(p["id"]), reverse=True)
    got = [t.id for t in tweepy.Paginator(
        client.get_users_tweets, me, max_results=5,
        tweet_fields=["created_at", "in_reply_to_user_id", "referenced_tweets", "entities"],
        expansions=["in_reply_to_user_id", "referenced_tweets.id"]).flatten()]
    assert got == [int(p["id"]) for p in mine]
    newer = client.get_users_tweets(me, since_id=mine[3]["id"], max_results=100)
    assert [str(t.id) for t in newer.data] == [p["id"] for p in mine[:3]]
    assert newer.meta["newest_id"] == mine[0]["id"]
    no_replies = client.get_users_tweets(me, exclude=["replies"], max_results=100)
    assert all(t.in_reply_to_user_id is None for t in no_replies.data)
    mentions = client.get_users_mentions(me, max_results=100, expansions=["author_id"],
                                         tweet_fields=["author_id", "entities"])
    assert mentions.data and all(str(u.id) in fx.state.following
                                 for u in mentions.includes["users"])
    liked = client.get_liked_tweets(me, max_results=100, tweet_fields=["author_id"])
    assert [str(t.id) for t in liked.data] == fx.state.liked
    with pytest.raises(tweepy.BadRequest):
        client.get_users_tweets(me, max_results=4)  # the spec's minimum is 5
    empty = client.get_users_tweets(me, since_id=mine[0]["id"])
    assert empty.data is None and empty.meta == {"result_count": 0}


def test_follow_unfollow_mute_via_tweepy_oauth1(fx: FakeX) -> None:
    client = client_for(fx, "oauth1")
    target = fx.state.following[0]
    assert client.unfollow_user(target).data == {"following": False}
    assert client.unfollow_user(target).data == {"following": False}  # no-op, still 200
    assert target not in fx.state.following
    assert client.follow_user(target).data == {"following": True, "pending_follow": False}
    assert fx.state.following[0] == target  # most recent follow first
    stranger = fx.state.followers[-1]
    fx.state.users[stranger]["protected"] = True
    fx.state.following = [u for u in fx.state.following if u != stranger]
    assert client.follow_user(stranger).data == {"following": False, "pending_follow": True}
    assert stranger in fx.state.pending
    assert client.mute(target).data == {"muting": True}
    assert client.unmute(target).data == {"muting": False}
    assert len(fx.calls("DELETE", rf"/2/users/{fx.state.me_id}/following/{target}")) == 2
    with pytest.raises(tweepy.BadRequest):
        client.follow_user("123456789012")  # unknown account


def test_writes_need_user_context_and_scope(fx: FakeX) -> None:
    app = client_for(fx, "app")
    with pytest.raises(tweepy.Forbidden) as e:
        app.get_me(user_auth=False)
    assert e.value.response.json()["title"] == "Unsupported Authentication"
    assert app.get_users_following(fx.state.me_id).data  # app-only may read lists
    weak = fx.issue_user_token(scopes=["tweet.read", "users.read", "follows.read"])
    r = requests.delete(f"{fx.base_url}/2/users/{fx.state.me_id}/following/"
                        f"{fx.state.following[0]}", headers={"Authorization": f"Bearer {weak}"},
                        timeout=5)
    assert r.status_code == 403
    r = requests.delete(f"{fx.base_url}/2/users/{fx.state.following[1]}/following/"
                        f"{fx.state.following[0]}", timeout=5,
                        headers={"Authorization": f"Bearer {USER_TOKEN}"})
    assert r.status_code == 403  # acting for another user


def test_auth_failures(fx: FakeX) -> None:
    assert requests.get(fx.base_url + "/2/users/me", timeout=5).json() == faults.UNAUTHORIZED
    with pytest.raises(tweepy.Unauthorized):
        tweepy_client = tweepy.Client(bearer_token="wrong")
        tweepy_client.session = RewritingSession(fx.base_url)
        tweepy_client.get_me(user_auth=False)
    creds = fx.state.credentials
    # OAuth 1.0a signed for api.twitter.com, then rewritten: the signature no longer matches.
    auth = OAuth1(creds.consumer_key, creds.consumer_secret, creds.access_token,
                  creds.access_token_secret)
    req = requests.Request("GET", "https://api.twitter.com/2/users/me", auth=auth).prepare()
    req.url = fx.base_url + "/2/users/me"
    assert requests.Session().send(req, timeout=5).status_code == 401
    bad_key = OAuth1("other-key", creds.consumer_secret, creds.access_token,
                     creds.access_token_secret)
    assert requests.get(fx.base_url + "/2/users/me", auth=bad_key, timeout=5).status_code == 401
    good = OAuth1(creds.consumer_key, creds.consumer_secret, creds.access_token,
                  creds.access_token_secret)
    r = requests.get(fx.base_url + "/2/users/me", params={"user.fields": "created_at"},
                     auth=good, timeout=5)
    assert r.status_code == 200


# --- OAuth 2.0 token endpoint ---------------------------------------------------------------------

def test_refresh_rotates_and_tokens_expire(fx: FakeX, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("OAUTHLIB_INSECURE_TRANSPORT", "1")  # the fake speaks plain http
    creds = fx.state.credentials
    handler = tweepy.OAuth2UserHandler(client_id=creds.client_id, redirect_uri="http://x/cb",
                                       scope=ALL_SCOPES)
    token = handler.refresh_token(fx.base_url + "/2/oauth2/token",
                                  refresh_token="fake-refresh-token", client_id=creds.client_id)
    assert token["expires_in"] == 7200 and token["refresh_token"] != "fake-refresh-token"
    again = requests.post(fx.base_url + "/2/oauth2/token", timeout=5, data={
        "grant_type": "refresh_token", "refresh_token": "fake-refresh-token",
        "client_id": creds.client_id})
    assert again.status_code == 400 and again.json() == faults.INVALID_TOKEN_GRANT
    access = token["access_token"]
    assert get(fx, "/2/users/me", token=access).status_code == 200
    fx.clock.advance(7201)
    expired = get(fx, "/2/users/me", token=access)
    assert expired.status_code == 401 and expired.json() == faults.UNAUTHORIZED


def test_authorization_code_with_pkce(fx: FakeX) -> None:
    verifier = "v" * 50
    challenge = base64.urlsafe_b64encode(hashlib.sha256(verifier.encode()).digest()).rstrip(
        b"=").decode()
    url = fx.base_url + "/2/oauth2/token"
    cid = fx.state.credentials.client_id
    code = fx.issue_auth_code(code_challenge=challenge)
    bad = requests.post(url, timeout=5, data={"grant_type": "authorization_code", "code": code,
                                              "code_verifier": "wrong", "client_id": cid})
    assert bad.status_code == 400
    code = fx.issue_auth_code(code_challenge=challenge, scopes=["tweet.read", "users.read"])
    ok = requests.post(url, timeout=5, data={"grant_type": "authorization_code", "code": code,
                                             "code_verifier": verifier, "client_id": cid,
                                             "redirect_uri": "http://x/cb"}).json()
    assert ok["scope"] == "tweet.read users.read" and "refresh_token" not in ok
    assert get(fx, "/2/users/me", token=ok["access_token"]).status_code == 200
    assert requests.post(url, timeout=5, data={"grant_type": "authorization_code", "code": code,
                                               "code_verifier": verifier}).status_code == 400


# --- rate limits ------------------------------------------------------------------------------

def test_rate_limit_window_headers_and_429(fx: FakeX) -> None:
    key = "GET /2/users/{id}/following"
    fx.config.rate_limits[key] = 3
    fx.config.daily_limits[key] = 100
    client = client_for(fx)
    remaining = []
    for _ in range(3):
        r = get(fx, f"/2/users/{fx.state.me_id}/following")
        remaining.append(r.headers["x-rate-limit-remaining"])
        assert r.headers["x-rate-limit-limit"] == "3"
        assert r.headers["x-user-limit-24hour-limit"] == "100"
    assert remaining == ["2", "1", "0"]
    with pytest.raises(tweepy.TooManyRequests) as e:
        client.get_users_following(fx.state.me_id)
    assert e.value.response.json() == faults.TOO_MANY_REQUESTS
    assert e.value.reset_time == int(fx.calls()[0].time + 900)
    assert get(fx, "/2/users/me").status_code == 200  # other endpoints have their own window
    fx.clock.advance(901)
    r = get(fx, f"/2/users/{fx.state.me_id}/following")
    assert r.status_code == 200 and r.headers["x-rate-limit-remaining"] == "2"
    assert r.headers["x-user-limit-24hour-remaining"] == "96"


def test_default_limits_follow_reference_table() -> None:
    assert srv.DEFAULT_RATE_LIMITS["DELETE /2/users/{source_user_id}/following/"
                                   "{target_user_id}"] == 50
    assert srv.DEFAULT_RATE_LIMITS["GET /2/users/{id}/liked_tweets"] == 75
    assert srv.DEFAULT_RATE_LIMITS["GET /2/users/{id}/following"] == 300


# --- faults ---------------------------------------------------------------------------------

@pytest.mark.parametrize(("fault", "exc", "status"), [
    (faults.server_error(500), tweepy.TwitterServerError, 500),
    (faults.server_error(503), tweepy.TwitterServerError, 503),
    (faults.server_error(503, html=True), tweepy.TwitterServerError, 503),
    (faults.client_not_enrolled(), tweepy.Forbidden, 403),
    (faults.credits_depleted(), tweepy.HTTPException, 402),
    (faults.usage_capped(), tweepy.TooManyRequests, 429),
    (faults.unauthorized(), tweepy.Unauthorized, 401),
    (faults.bad_request(), tweepy.BadRequest, 400),
])
def test_status_faults(fx: FakeX, fault: faults.Fault, exc: type[Exception], status: int) -> None:
    client = client_for(fx)
    fx.inject(r"/2/users/\d+/following", fault, method="GET", times=2)
    for _ in range(2):
        with pytest.raises(exc) as e:
            client.get_users_following(fx.state.me_id)
        assert e.value.response.status_code == status  # type: ignore[attr-defined]
    assert client.get_users_following(fx.state.me_id).data  # fault used up
    if status == 429:  # usage cap: remaining is still high, waiting will not help
        assert int(e.value.response.headers["x-rate-limit-remaining"]) > 100  # type: ignore[attr-defined]
    if fault.body is not None:
        assert e.value.response.json() == fault.body  # type: ignore[attr-defined]


def test_dropped_connection_before_and_after_applying(fx: FakeX) -> None:
    client = client_for(fx, "oauth1")
    a, b = fx.state.following[:2]
    fx.inject(rf"/2/users/\d+/following/{a}", faults.dropped(), method="DELETE")
    with pytest.raises(requests.ConnectionError):
        client.unfollow_user(a)
    assert a in fx.state.following  # dropped before anything happened
    fx.inject(rf"/2/users/\d+/following/{b}", faults.dropped(after=True), method="DELETE")
    with pytest.raises(requests.ConnectionError):
        client.unfollow_user(b)
    assert b not in fx.state.following  # it happened, but the client never heard
    client.unfollow_user(b)  # the retry is a harmless no-op
    log = fx.calls("DELETE", rf"/2/users/\d+/following/{b}")
    assert [(r.status, r.applied, r.dropped) for r in log] == [(None, True, True),
                                                               (200, True, False)]


def test_slow_response_and_client_timeout(fx: FakeX) -> None:
    fx.inject("/2/users/me", faults.slow(0.5))
    with pytest.raises(requests.ReadTimeout):
        requests.get(fx.base_url + "/2/users/me", timeout=0.1,
                     headers={"Authorization": f"Bearer {USER_TOKEN}"})
    fx.inject("/2/users/me", faults.slow(0.2))
    t = time.monotonic()
    assert get(fx, "/2/users/me").status_code == 200
    assert time.monotonic() - t >= 0.2


def test_unknown_path_is_404(fx: FakeX) -> None:
    r = get(fx, "/2/nope")
    assert r.status_code == 404 and r.json()["errors"][0]["code"] == 34


def test_concurrent_unfollows_each_happen_once(fx: FakeX) -> None:
    targets = list(fx.state.following[:20])

    def worker(chunk: list[str]) -> None:
        with requests.Session() as s:
            for t in chunk:
                s.delete(f"{fx.base_url}/2/users/{fx.state.me_id}/following/{t}", timeout=5,
                         headers={"Authorization": f"Bearer {USER_TOKEN}"})

    threads = [threading.Thread(target=worker, args=(targets[i::4],)) for i in range(4)]
    for th in threads:
        th.start()
    for th in threads:
        th.join()
    assert not set(targets) & set(fx.state.following) and len(fx.state.following) == 10
    deleted = [r.path.rsplit("/", 1)[1] for r in fx.calls("DELETE")]
    assert sorted(deleted) == sorted(targets)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(n=st.integers(0, 60), page=st.integers(1, 1000))
def test_pagination_returns_every_account_once_in_order(n: int, page: int) -> None:
    state = empty_state()
    for i in range(n):
        state.add_user(make_user(str(5000 + i), f"u{i}"))
        state.follow(str(5000 + i))
    with FakeX(state) as fx:
        seen: list[str] = []
        token: str | None = None
        while True:
            params: dict[str, Any] = {"max_results": page}
            if token:
                params["pagination_token"] = token
            body = get(fx, f"/2/users/{state.me_id}/following", **params).json()
            seen += [u["id"] for u in body.get("data", [])]
            token = body["meta"].get("next_token")
            if token is None:
                break
        assert seen == state.following
    assert_spec_valid(fx)


# --- every endpoint, every field, both spellings: strict spec validation ----------------------

@pytest.mark.parametrize("spelling", ["old", "new"])
def test_all_endpoints_all_fields_validate(spelling: str) -> None:
    state = make_state(40, seed=11, n_muted=3)
    cfg = ServerConfig(spelling=spelling)  # type: ignore[arg-type]
    user_fields = ",".join(srv.USER_FIELDS_OLD if spelling == "old" else srv.USER_FIELDS_NEW)
    user_exp = ",".join(srv.USER_EXPANSIONS_OLD if spelling == "old" else srv.USER_EXPANSIONS_NEW)
    pf_name = "tweet.fields" if spelling == "old" else "post.fields"
    post_fields = ",".join(srv.TWEET_FIELDS_OLD if spelling == "old" else srv.POST_FIELDS_NEW)
    post_exp = "author_id,in_reply_to_user_id,entities.mentions.username," + (
        "referenced_tweets.id,referenced_tweets.id.author_id" if spelling == "old"
        else "referenced_posts")
    # A pinned post that is not in the state: exercises the partial-error path.
    state.users[state.following[0]]["pinned_post_id"] = "1500000000000000001"
    with FakeX(state, config=cfg) as fx:
        me = state.me_id
        uq = {"user.fields": user_fields, "expansions": user_exp, pf_name: post_fields}
        tq = {"user.fields": user_fields, "expansions": post_exp, pf_name: post_fields,
              "max_results": 100}
        for path, q in [("/2/users/me", uq), ("/2/users", {**uq, "ids": ",".join(
                        [*state.following[:10], "42"])}),
                        (f"/2/users/{me}/following", {**uq, "max_results": 1000}),
                        (f"/2/users/{me}/followers", uq), (f"/2/users/{me}/muting", uq),
                        (f"/2/users/{me}/tweets", tq), (f"/2/users/{me}/mentions", tq),
                        (f"/2/users/{me}/liked_tweets", tq)]:
            assert get(fx, path, **q).status_code == 200, path
        hdr = {"Authorization": f"Bearer {USER_TOKEN}"}
        t = state.following[1]
        for method, path, body in [
                ("POST", f"/2/users/{me}/following", {"target_user_id": t}),
                ("DELETE", f"/2/users/{me}/following/{t}", None),
                ("POST", f"/2/users/{me}/muting", {"target_user_id": t}),
                ("DELETE", f"/2/users/{me}/muting/{t}", None),
                ("POST", f"/2/users/{me}/following", {"target_user_id": "x"})]:
            requests.request(method, fx.base_url + path, json=body, headers=hdr, timeout=5)
        any_errors = [r for r in fx.requests if isinstance(r.response, dict)
                      and r.response.get("errors")]
        assert any_errors  # the missing pinned post and unknown id "42"
    assert not fx.server_errors
    # Strict (no legacy renames) for the new spelling.
    assert_spec_valid(fx)


# --- standalone subprocess ------------------------------------------------------------------------

def _start(tmp: Path, *extra: str) -> tuple[subprocess.Popen[bytes], str]:
    port_file = tmp / "port"
    port_file.unlink(missing_ok=True)
    proc = subprocess.Popen(
        [sys.executable, "-m", "tests.fakex.server", "--state", str(tmp / "state.json"),
         "--port-file", str(port_file), "--log", str(tmp / "log.jsonl"), "--generate", "15",
         *extra], cwd=REPO_ROOT, env={**os.environ, "PYTHONPATH": str(REPO_ROOT)})
    deadline = time.monotonic() + 10
    while not port_file.exists():
        assert proc.poll() is None, "server exited"
        assert time.monotonic() < deadline, "server did not start"
        time.sleep(0.02)
    return proc, f"http://127.0.0.1:{port_file.read_text()}"


def test_standalone_server_persists_across_kill(tmp_path: Path) -> None:
    proc, base = _start(tmp_path, "--fault", r"DELETE /2/users/\d+/following/\d+ drop-after 1")
    hdr = {"Authorization": f"Bearer {USER_TOKEN}"}
    try:
        state = requests.get(base + "/_fakex/state", timeout=5).json()
        me, victim = state["me_id"], state["following"][0]
        with pytest.raises(requests.ConnectionError):
            requests.delete(f"{base}/2/users/{me}/following/{victim}", headers=hdr, timeout=5)
    finally:
        proc.send_signal(signal.SIGKILL)  # a crash, not a clean stop
        proc.wait(5)
    saved = json.loads((tmp_path / "state.json").read_text())
    assert victim not in saved["following"]
    proc, base = _start(tmp_path)
    try:
        body = requests.get(f"{base}/2/users/{me}/following", headers=hdr,
                            params={"max_results": 1000}, timeout=5).json()
        assert victim not in [u["id"] for u in body["data"]]
        assert len(body["data"]) == 14
    finally:
        proc.send_signal(signal.SIGTERM)
        assert proc.wait(5) == 0
    log = [json.loads(line) for line in (tmp_path / "log.jsonl").read_text().splitlines()]
    assert [(r["method"], r["status"], r["applied"]) for r in log] == [
        ("DELETE", None, True), ("GET", 200, True)]
    assert {"method", "path", "query", "status", "time"} <= set(log[0])
    assert log[1]["query"] == {"max_results": "1000"}


def test_persisting_in_process(tmp_path: Path) -> None:
    path = tmp_path / "s.json"
    with FakeX(make_state(5, seed=2), state_path=path) as fx:
        target = fx.state.following[0]
        client_for(fx, "oauth1").unfollow_user(target)
    assert target not in State.load(path).following


def test_sample_post_and_user_builders_render() -> None:
    state = empty_state()
    state.add_user(make_user("77", "friend"))
    state.add_post(make_post("1600000000000000000", "77", "hello"))
    with FakeX(state) as fx:
        body = get(fx, "/2/users/77/tweets", **{"tweet.fields": "created_at,author_id"}).json()
        assert body["data"][0]["author_id"] == "77"
        assert body["data"][0]["edit_history_tweet_ids"] == ["1600000000000000000"]
    assert_spec_valid(fx)
