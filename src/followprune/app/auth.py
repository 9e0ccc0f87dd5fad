"""Connecting an X account: the OAuth 2.0 login, what is stored, and forgetting it."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime

from followprune.app.context import App
from followprune.errors import AuthError, ConfigError
from followprune.networks.x.oauth2 import AuthorizationRequest


@dataclass(frozen=True)
class LoginResult:
    username: str
    user_id: str
    scopes: list[str]
    expires_at: datetime | None
    stored_in: str


@dataclass(frozen=True)
class AuthStatus:
    connected: bool
    kind: str = ""  # oauth2 | bearer | oauth1
    source: str = ""
    username: str = ""
    user_id: str = ""
    scopes: list[str] | None = None
    expires_at: datetime | None = None
    renewable: bool = False
    problem: str = ""


# Given the authorization request, returns the code (loopback listener or pasted URL).
CodeSource = Callable[[AuthorizationRequest], str]


def begin_login(app: App) -> AuthorizationRequest:
    from followprune.networks.x.oauth2 import start_authorization

    settings = app.settings.x
    if not settings.client_id:
        raise ConfigError(
            "x.client_id is not set: `prune auth login` uses your own X developer app",
            hint="create an app at developer.x.com (see the README, \"Connecting X\"), then"
            " set X_CLIENT_ID or x.client_id in the config",
        )
    return start_authorization(settings.client_id, settings.redirect_uri, settings.api_base_url)


def finish_login(app: App, request: AuthorizationRequest, code: str) -> LoginResult:
    """Exchange the code, find out who logged in, store the tokens (mode 0600)."""
    from followprune.networks.x import timing
    from followprune.networks.x.auth import Authenticator, Credentials
    from followprune.networks.x.client import XClient
    from followprune.networks.x.costs import Prices
    from followprune.networks.x.network import XNetwork
    from followprune.networks.x.oauth2 import exchange_code
    from followprune.networks.x.ratelimit import RateLimits
    from followprune.networks.x.tokens import TokenFile
    from followprune.networks.x.transport import XSession

    settings = app.settings.x
    secret = settings.client_secret.get_secret_value() if settings.client_secret else None
    clock = timing.SYSTEM_TIMING
    session = XSession(settings.api_base_url, settings.timeout_seconds)
    token_file = TokenFile(app.paths.tokens_file)
    try:
        tokens = exchange_code(session, settings.api_base_url, request, code,
                               settings.client_id, secret, clock.now())
        credentials = Credentials("oauth2", "new login", tokens=tokens)
        auth = Authenticator(credentials, token_file, api_base_url=settings.api_base_url,
                             client_secret=secret, session=session, timing=clock)
        client = XClient(auth, session, Prices(settings), RateLimits(clock), clock)
        me = XNetwork(client, app.store, settings, app.now).whoami()
    finally:
        session.close()
    tokens.user_id, tokens.username = me.id, me.handle
    token_file.save(tokens)
    return LoginResult(
        username=me.handle, user_id=me.id, scopes=tokens.scope.split(),
        expires_at=_when(tokens.expires_at), stored_in=str(token_file.path),
    )


def auth_status(app: App) -> AuthStatus:
    """What a run would use, without any call to X (so it costs nothing)."""
    from followprune.networks.x.auth import resolve_credentials
    from followprune.networks.x.tokens import TokenFile

    try:
        credentials = resolve_credentials(TokenFile(app.paths.tokens_file))
    except AuthError as exc:
        return AuthStatus(connected=False, problem=exc.message)
    tokens = credentials.tokens
    return AuthStatus(
        connected=True,
        kind=credentials.kind,
        source=credentials.source,
        username=tokens.username if tokens else "",
        user_id=(tokens.user_id if tokens else "") or (credentials.user_id_hint() or ""),
        scopes=tokens.scope.split() if tokens else None,
        expires_at=_when(tokens.expires_at) if tokens else None,
        renewable=bool(tokens and tokens.refresh_token),
    )


@dataclass(frozen=True)
class LogoutResult:
    forgot: bool  # a stored login was deleted
    revoked: bool  # X confirmed the revocation
    problem: str = ""  # why revoking failed ("" when it worked or was not tried)


def logout(app: App) -> LogoutResult:
    """Revoke the stored OAuth 2.0 login on X, then forget it. The local delete happens
    whatever X answers (or whether it can be reached): forgetting must always work."""
    from followprune.networks.x.oauth2 import revoke
    from followprune.networks.x.tokens import TokenFile
    from followprune.networks.x.transport import XSession

    token_file = TokenFile(app.paths.tokens_file)
    revoked, problem = False, ""
    try:
        tokens = token_file.load()
    except AuthError as exc:  # unreadable file: nothing to revoke with, still delete it
        tokens, problem = None, exc.message
    if tokens is not None:
        settings = app.settings.x
        secret = settings.client_secret.get_secret_value() if settings.client_secret else None
        session = XSession(settings.api_base_url, settings.timeout_seconds)
        try:
            revoke(session, settings.api_base_url, tokens, secret)
            revoked = True
        except AuthError as exc:
            problem = exc.message
        finally:
            session.close()
    return LogoutResult(forgot=token_file.delete(), revoked=revoked, problem=problem)


def _when(timestamp: float | None) -> datetime | None:
    return None if timestamp is None else datetime.fromtimestamp(timestamp, UTC)
