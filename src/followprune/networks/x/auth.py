"""Which credentials a run uses, and keeping an OAuth 2.0 login alive.

Precedence: OAuth 1.0a keys in the environment, then a user access token in
X_BEARER_TOKEN, then the login stored by `prune auth login` (refreshed automatically).
"""

from __future__ import annotations

import logging
import os
from collections.abc import Mapping
from dataclasses import dataclass, field

import requests
import tweepy

from followprune.errors import AuthError
from followprune.networks.login import LoginFiles, pick_login, token_from_environment
from followprune.networks.x import oauth2
from followprune.networks.x.timing import Timing
from followprune.networks.x.tokens import TokenFile, TokenSet, names, stored_logins

log = logging.getLogger("followprune.x")

OAUTH1_VARIABLES = ("X_API_KEY", "X_API_SECRET", "X_ACCESS_TOKEN", "X_ACCESS_TOKEN_SECRET")
BEARER_VARIABLE = "X_BEARER_TOKEN"
# Renew this long before expiry, so a token never dies between the check and the call.
REFRESH_MARGIN_SECONDS = 120.0


@dataclass
class Credentials:
    """What authenticates the calls. `source` says where it came from, never the secret."""

    kind: str  # "oauth1" | "bearer" | "oauth2"
    source: str
    oauth1: tuple[str, str, str, str] | None = field(default=None, repr=False)
    bearer: str | None = field(default=None, repr=False)
    tokens: TokenSet | None = None

    @property
    def user_auth(self) -> bool:
        """tweepy's flag: OAuth 1.0a signs each request; OAuth 2.0 sends a bearer token."""
        return self.kind == "oauth1"

    def user_id_hint(self) -> str | None:
        """The account id, when known without a call (OAuth 1.0a tokens start with it)."""
        if self.tokens and self.tokens.user_id:
            return self.tokens.user_id
        if self.oauth1:
            prefix = self.oauth1[2].split("-", 1)[0]
            return prefix if prefix.isdigit() else None
        return None


def resolve_credentials(files: LoginFiles, wanted: str | None = None,
                        env: Mapping[str, str] | None = None) -> tuple[Credentials, TokenFile]:
    """The credentials a run uses and the file a renewed login is saved to. `wanted`
    (--account) picks among several stored logins; keys in the environment always win,
    since a script that sets them means them."""
    env = os.environ if env is None else env
    unused = TokenFile(files.first)
    given = [name for name in OAUTH1_VARIABLES if env.get(name)]
    if given:
        missing = [name for name in OAUTH1_VARIABLES if not env.get(name)]
        if missing:
            raise AuthError(
                f"OAuth 1.0a needs all four of {', '.join(OAUTH1_VARIABLES)};"
                f" missing: {', '.join(missing)}",
                hint="set the missing variables, or unset them all to use `prune auth login`",
            )
        keys = tuple(token_from_environment(name, env[name]) for name in OAUTH1_VARIABLES)
        return Credentials("oauth1", "OAuth 1.0a keys from X_API_KEY and friends",
                           oauth1=(keys[0], keys[1], keys[2], keys[3])), unused
    if env.get(BEARER_VARIABLE):
        return Credentials("bearer", f"user access token from {BEARER_VARIABLE}",
                           bearer=token_from_environment(BEARER_VARIABLE,
                                                         env[BEARER_VARIABLE])), unused
    chosen = pick_login("X", stored_logins(files), names, wanted)
    if chosen is not None:
        token_file, tokens = chosen
        source = f"login stored in {token_file.path}"
        return Credentials("oauth2", source, tokens=tokens), token_file
    raise AuthError(
        "not connected to X: no login and no credentials in the environment",
        hint="run `prune auth login` (or set X_BEARER_TOKEN or the four X_API_* variables);"
        " `prune --demo` works without an account",
    )


class Authenticator:
    """Applies credentials to a tweepy Client and renews an expiring OAuth 2.0 token."""

    def __init__(
        self,
        credentials: Credentials,
        token_file: TokenFile,
        *,
        api_base_url: str,
        client_secret: str | None,
        session: requests.Session,
        timing: Timing,
    ) -> None:
        self.credentials = credentials
        self.token_file = token_file
        self.api_base_url = api_base_url
        self.client_secret = client_secret
        self.session = session
        self.timing = timing

    def make_client(self) -> tweepy.Client:
        c = self.credentials
        if c.oauth1 is not None:
            return tweepy.Client(consumer_key=c.oauth1[0], consumer_secret=c.oauth1[1],
                                 access_token=c.oauth1[2], access_token_secret=c.oauth1[3])
        token = c.tokens.access_token if c.tokens else c.bearer
        return tweepy.Client(bearer_token=token)

    @property
    def user_auth(self) -> bool:
        return self.credentials.user_auth

    def before_call(self, client: tweepy.Client) -> None:
        tokens = self.credentials.tokens
        if tokens is not None and tokens.expires_within(REFRESH_MARGIN_SECONDS,
                                                        self.timing.now()):
            self._refresh(client)

    def can_refresh(self) -> bool:
        tokens = self.credentials.tokens
        return tokens is not None and bool(tokens.refresh_token)

    def after_unauthorized(self, client: tweepy.Client) -> bool:
        """A 401: renew once if possible. False when there is nothing left to try."""
        if not self.can_refresh():
            return False
        self._refresh(client)
        return True

    def _refresh(self, client: tweepy.Client) -> None:
        tokens = self.credentials.tokens
        assert tokens is not None
        renewed = oauth2.refresh(self.session, self.api_base_url, tokens, self.client_secret,
                                 self.timing.now())
        # Persist first: X has already retired the old refresh token.
        self.token_file.save(renewed)
        self.credentials.tokens = renewed
        client.bearer_token = renewed.access_token
        log.info("renewed the X access token for @%s", renewed.username or "?")
