"""OAuth 2.0 with PKCE against the user's own developer app: URLs, code exchange, refresh.

The token exchange is a plain form POST through our own session (timeouts, base URL), so the
whole login can run against a local test server over http.
"""

from __future__ import annotations

import base64
import hashlib
import secrets
from dataclasses import dataclass
from urllib.parse import parse_qs, urlencode, urlsplit

import requests

from followprune.errors import AuthError
from followprune.networks.x.problems import body_of
from followprune.networks.x.tokens import TokenSet

SCOPES = ("tweet.read", "users.read", "follows.read", "follows.write", "like.read",
          "mute.read", "mute.write", "offline.access")
_X_API_HOSTS = ("https://api.x.com", "https://api.twitter.com")


def authorize_endpoint(api_base_url: str) -> str:
    base = api_base_url.rstrip("/")
    # The real consent page lives on x.com, not on the API host; anything else (a proxy,
    # a test server) serves it under its own base URL.
    if base in _X_API_HOSTS:
        return "https://x.com/i/oauth2/authorize"
    return base + "/i/oauth2/authorize"


def token_endpoint(api_base_url: str) -> str:
    return api_base_url.rstrip("/") + "/2/oauth2/token"


def revoke_endpoint(api_base_url: str) -> str:
    return api_base_url.rstrip("/") + "/2/oauth2/revoke"


@dataclass(frozen=True)
class AuthorizationRequest:
    url: str
    state: str
    verifier: str
    redirect_uri: str


def start_authorization(
    client_id: str, redirect_uri: str, api_base_url: str
) -> AuthorizationRequest:
    verifier = secrets.token_urlsafe(64)[:96]
    challenge = base64.urlsafe_b64encode(hashlib.sha256(verifier.encode()).digest())
    state = secrets.token_urlsafe(24)
    query = urlencode({
        "response_type": "code",
        "client_id": client_id,
        "redirect_uri": redirect_uri,
        "scope": " ".join(SCOPES),
        "state": state,
        "code_challenge": challenge.rstrip(b"=").decode(),
        "code_challenge_method": "S256",
    })
    return AuthorizationRequest(f"{authorize_endpoint(api_base_url)}?{query}", state, verifier,
                                redirect_uri)


def code_from_redirect(redirected: str, expected_state: str) -> str:
    """The authorization code in the URL the browser was sent back to."""
    try:
        query = parse_qs(urlsplit(redirected.strip()).query)
    except ValueError:  # pasted text that is no URL at all (`http://[::1`)
        query = {}
    if "error" in query:
        raise AuthError(f"X did not authorize the app: {query['error'][0]}",
                        hint="run `prune auth login` again and approve the access")
    if query.get("state", [""])[0] != expected_state:
        raise AuthError("the redirect does not belong to this login (state mismatch)",
                        hint="run `prune auth login` again and use the URL it prints")
    code = query.get("code", [""])[0]
    if not code:
        raise AuthError("the redirect URL has no authorization code",
                        hint="paste the whole URL the browser ended on, including `?code=`")
    return code


def _token_request(
    session: requests.Session, url: str, form: dict[str, str], client_id: str,
    client_secret: str | None,
) -> dict[str, object]:
    auth = None
    if client_secret:  # a confidential client authenticates with HTTP Basic
        auth = (client_id, client_secret)
    else:  # a public client names itself in the form
        form = {**form, "client_id": client_id}
    try:
        response = session.post(url, data=form, auth=auth)
    except requests.RequestException as exc:
        raise AuthError(f"cannot reach X's token endpoint: {type(exc).__name__}",
                        hint="check the network connection and x.api_base_url") from None
    body = body_of(response)
    token = body.get("access_token")
    if response.status_code != 200 or not isinstance(token, str) or not token:
        reason = body.get("error_description") or body.get("error") or response.reason
        raise AuthError(f"X refused the login ({response.status_code}: {reason})",
                        hint="run `prune auth login` again; check x.client_id / X_CLIENT_SECRET")
    return body


def _token_set(body: dict[str, object], client_id: str, now: float,
               previous: TokenSet | None = None) -> TokenSet:
    expires_in = body.get("expires_in")
    return TokenSet(
        access_token=str(body["access_token"]),
        # X rotates refresh tokens; keep the old one only if none came back.
        refresh_token=str(body.get("refresh_token") or (previous and previous.refresh_token)
                          or "") or None,
        expires_at=now + float(expires_in) if isinstance(expires_in, int | float) else None,
        scope=str(body.get("scope") or (previous.scope if previous else "")),
        client_id=client_id,
        user_id=previous.user_id if previous else "",
        username=previous.username if previous else "",
    )


def exchange_code(
    session: requests.Session, api_base_url: str, request: AuthorizationRequest, code: str,
    client_id: str, client_secret: str | None, now: float,
) -> TokenSet:
    body = _token_request(session, token_endpoint(api_base_url), {
        "grant_type": "authorization_code",
        "code": code,
        "redirect_uri": request.redirect_uri,
        "code_verifier": request.verifier,
    }, client_id, client_secret)
    return _token_set(body, client_id, now)


def refresh(
    session: requests.Session, api_base_url: str, tokens: TokenSet, client_secret: str | None,
    now: float,
) -> TokenSet:
    if not tokens.refresh_token:
        raise AuthError("the X login has expired and cannot be renewed (no refresh token)",
                        hint="run `prune auth login` again")
    try:
        body = _token_request(session, token_endpoint(api_base_url), {
            "grant_type": "refresh_token", "refresh_token": tokens.refresh_token,
        }, tokens.client_id, client_secret)
    except AuthError as exc:
        raise AuthError(f"the X login could not be renewed: {exc.message}",
                        hint="run `prune auth login` again") from None
    return _token_set(body, tokens.client_id, now, previous=tokens)


def revoke(session: requests.Session, api_base_url: str, tokens: TokenSet,
           client_secret: str | None) -> None:
    """Ask X to revoke the login (RFC 7009): the refresh token first — it is what keeps the
    app's access alive — then the access token, which may outlive it for up to two hours.
    Raises AuthError if X cannot be reached or refuses; one try each, no retries: logout must
    stay quick even offline."""
    auth = (tokens.client_id, client_secret) if client_secret else None
    url = revoke_endpoint(api_base_url)
    for token, hint in ((tokens.refresh_token, "refresh_token"),
                        (tokens.access_token, "access_token")):
        if not token:
            continue
        form = {"token": token, "token_type_hint": hint}
        if not client_secret:  # a public client names itself in the form
            form["client_id"] = tokens.client_id
        try:
            response = session.post(url, data=form, auth=auth)
        except requests.RequestException as exc:
            reason = type(exc).__name__
            raise AuthError(f"cannot reach X to revoke the login: {reason}") from None
        if response.status_code != 200:
            body = body_of(response)
            reason = body.get("error_description") or body.get("error") or response.reason
            raise AuthError(f"X refused to revoke the login ({response.status_code}: {reason})")
