"""Logging in to X: OAuth 2.0 with PKCE in the browser, through your own developer app.

The browser comes back to a listener on loopback (x.redirect_uri), or, where it cannot
reach this machine, the person pastes the URL it ended on. Tokens are kept one file per
account (see networks/login.LoginFiles) and renewed by every run that uses them.
"""

from __future__ import annotations

import os
from datetime import UTC, datetime
from typing import TYPE_CHECKING

from followprune.errors import AuthError, ConfigError, InputError
from followprune.networks.login import (
    LoginDeps,
    LoginOptions,
    LoginPrompts,
    LogoutResult,
    StoredLogin,
    chosen_for_logout,
)

if TYPE_CHECKING:
    from followprune.networks.x.oauth2 import AuthorizationRequest
    from followprune.networks.x.tokens import TokenSet

REVOKE_BY_HAND = ("Settings → Security and account access → Apps and sessions"
                  " (https://x.com/settings/connected_apps)")


class XLogin:
    summary = "OAuth 2.0 in the browser, with your own X developer app"

    def login(self, deps: LoginDeps, options: LoginOptions,
              prompts: LoginPrompts) -> StoredLogin:
        from followprune.networks.x.loopback import LoopbackListener, is_loopback
        from followprune.networks.x.oauth2 import code_from_redirect, start_authorization

        settings = deps.settings
        if not settings.client_id:
            raise ConfigError(
                "x.client_id is not set: `prune auth login` uses your own X developer app",
                hint="create an app at developer.x.com (see the README, \"Connect a real X"
                " account\"), then set X_CLIENT_ID or x.client_id in the config",
            )
        request = start_authorization(settings.client_id, settings.redirect_uri,
                                      settings.api_base_url)
        paste = options.paste or not is_loopback(request.redirect_uri)
        if paste:
            if not prompts.interactive:
                raise InputError(
                    "--paste needs a terminal to paste into, and stdin is not one",
                    hint="run `prune auth login --paste` in a terminal, or use the local"
                    " listener (a loopback x.redirect_uri, without --paste)",
                )
            prompts.tell("Open this URL, approve the access, then paste the URL the browser"
                         " ends on (it may show an error page; that is fine):")
            prompts.open_url(request.url, "log in to X")
            code = code_from_redirect(prompts.ask("Redirected URL", secret=True),
                                      request.state)
        else:
            with LoopbackListener(request.redirect_uri) as listener:
                prompts.tell("Opening the browser to log in to X. If it does not open, visit:")
                prompts.open_url(request.url, "log in to X")
                code = listener.wait(request.state, options.timeout)
        return self._finish(deps, request, code)

    def _finish(self, deps: LoginDeps, request: AuthorizationRequest, code: str) -> StoredLogin:
        """Exchange the code, find out who logged in, store the tokens (mode 0600)."""
        from followprune.networks.x import timing
        from followprune.networks.x.auth import Authenticator, Credentials
        from followprune.networks.x.client import XClient
        from followprune.networks.x.costs import Prices
        from followprune.networks.x.network import XNetwork
        from followprune.networks.x.oauth2 import exchange_code
        from followprune.networks.x.ratelimit import RateLimits
        from followprune.networks.x.tokens import TokenFile, login_files, stored_logins
        from followprune.networks.x.transport import XSession

        settings = deps.settings
        secret = settings.client_secret.get_secret_value() if settings.client_secret else None
        clock = timing.SYSTEM_TIMING
        session = XSession(settings.api_base_url, settings.timeout_seconds)
        files = login_files(deps.paths.data_dir)
        try:
            tokens = exchange_code(session, settings.api_base_url, request, code,
                                   settings.client_id, secret, clock.now())
            credentials = Credentials("oauth2", "new login", tokens=tokens)
            # Renewals during the first call land in the first slot until we know who it is.
            auth = Authenticator(credentials, TokenFile(files.first),
                                 api_base_url=settings.api_base_url, client_secret=secret,
                                 session=session, timing=clock)
            client = XClient(auth, session, Prices(settings), RateLimits(clock), clock)
            me = XNetwork(client, deps.store, settings, datetime.now(UTC)).whoami()
        finally:
            session.close()
        tokens.user_id, tokens.username = me.id, me.handle
        owners = {token_file.path: stored.user_id
                  for token_file, stored in stored_logins(files)}
        token_file = TokenFile(files.path_for(me.id, owners))
        token_file.save(tokens)
        return _shown(token_file.path.as_posix(), tokens)

    def status(self, deps: LoginDeps) -> list[StoredLogin]:
        from followprune.networks.x.auth import BEARER_VARIABLE, OAUTH1_VARIABLES
        from followprune.networks.x.tokens import login_files, stored_logins

        found: list[StoredLogin] = []
        if any(os.environ.get(name) for name in OAUTH1_VARIABLES):
            missing = [name for name in OAUTH1_VARIABLES if not os.environ.get(name)]
            key = os.environ.get("X_ACCESS_TOKEN", "").split("-", 1)[0]
            found.append(StoredLogin(
                "x", "", key if key.isdigit() else "",
                "OAuth 1.0a keys from X_API_KEY and friends",
                problem=f"missing: {', '.join(missing)}" if missing else ""))
        elif os.environ.get(BEARER_VARIABLE):
            found.append(StoredLogin("x", "", "", f"user access token from {BEARER_VARIABLE}"))
        try:
            stored = stored_logins(login_files(deps.paths.data_dir))
        except AuthError as exc:
            return [*found, StoredLogin("x", "", problem=exc.message)]
        return found + [_shown(f"login stored in {token_file.path}", tokens)
                        for token_file, tokens in stored]

    def logout(self, deps: LoginDeps, account: str | None) -> LogoutResult:
        """Revoke the stored login on X, then forget it. The local delete happens whatever
        X answers (or whether it can be reached): forgetting must always work."""
        from followprune.networks.x.auth import BEARER_VARIABLE, OAUTH1_VARIABLES
        from followprune.networks.x.oauth2 import revoke
        from followprune.networks.x.tokens import TokenFile, login_files, names, stored_logins
        from followprune.networks.x.transport import XSession

        still = tuple(n for n in (*OAUTH1_VARIABLES, BEARER_VARIABLE) if os.environ.get(n))
        files = login_files(deps.paths.data_dir)
        chosen = chosen_for_logout("X", files, stored_logins, lambda path: TokenFile(path).load(),
                                   names, account, still, REVOKE_BY_HAND)
        if isinstance(chosen, LogoutResult):
            return chosen
        token_file, tokens = chosen
        settings = deps.settings
        secret = settings.client_secret.get_secret_value() if settings.client_secret else None
        session = XSession(settings.api_base_url, settings.timeout_seconds)
        revoked, problem = False, ""
        try:
            revoke(session, settings.api_base_url, tokens, secret)
            revoked = True
        except AuthError as exc:
            problem = exc.message
        finally:
            session.close()
        forgot = (f"@{tokens.username}",) if token_file.delete() else ()
        return LogoutResult(forgot, revoked, problem, still, REVOKE_BY_HAND)


def _shown(source: str, tokens: TokenSet) -> StoredLogin:
    details: list[tuple[str, str]] = [("Scopes", tokens.scope or "(none reported)")]
    if tokens.expires_at is not None:
        renew = "renewed automatically" if tokens.refresh_token else "not renewable: log in again"
        expires = datetime.fromtimestamp(tokens.expires_at, UTC)
        details.append(("Access token expires", f"{expires:%Y-%m-%d %H:%M} UTC ({renew})"))
    return StoredLogin("x", tokens.username, tokens.user_id, source, tuple(details))


FLOW = XLogin()
