"""The Mastodon login: OAuth with a code shown by the instance (out of band), so it works
the same on a desktop, over SSH and for any instance, with no local listener.

The app is registered on an instance once and kept (0600) for every later login there;
each account's token is kept 0600 per user@instance. Mastodon tokens do not expire, so
there is no refresh; logout revokes the token on the instance (/oauth/revoke) and forgets
it locally whatever the instance answers.
"""

from __future__ import annotations

from datetime import UTC, datetime

from mastodon import Mastodon, MastodonError, MastodonIllegalArgumentError

from followprune.config import is_loopback
from followprune.errors import ApiError, AuthError, InputError
from followprune.networks.login import (
    LoginDeps,
    LoginOptions,
    LoginPrompts,
    LogoutResult,
    StoredLogin,
)
from followprune.networks.mastodon.answers import ACCOUNT
from followprune.networks.mastodon.client import (
    USER_AGENT,
    Client,
    instance_host,
    instance_url,
)
from followprune.networks.mastodon.convert import handle_of
from followprune.networks.mastodon.logins import (
    APP_NAME,
    OOB,
    SCOPES,
    TOKEN_ENV,
    App,
    Token,
    env_token,
    load_app,
    same_account,
    save_app,
    save_token,
    stored_tokens,
)
from followprune.networks.shapes import UnreadableAnswer
from followprune.paths import delete_file

NETWORK = "mastodon"


class MastodonLogin:
    summary = "OAuth on your instance: approve in the browser, paste the code it shows"

    def login(self, deps: LoginDeps, options: LoginOptions,
              prompts: LoginPrompts) -> StoredLogin:
        settings = deps.settings
        instance = instance_url(options.instance or settings.instance or "")
        if not prompts.interactive:
            # As on X and Bluesky: a command that needs a person is a usage error (2); an
            # authentication error (5) would say a login was refused.
            raise InputError("logging in to Mastodon needs a terminal to paste the code into",
                            hint=f"run it in a terminal once, or set {TOKEN_ENV} and"
                            " mastodon.instance for scripts")
        http_ok = _http_ok(instance)
        app = self._app(deps, instance, settings.timeout_seconds)
        client = Client(instance, None, settings.timeout_seconds, retries=settings.retries,
                        client_id=app.client_id, client_secret=app.client_secret)
        try:
            url = client.call("the authorisation address", lambda: client.api.auth_request_url(
                redirect_uris=OOB, scopes=list(SCOPES), force_login=True,
                allow_http=http_ok))
            prompts.open_url(url, f"approve followprune's access on {client.host}")
            code = prompts.ask(f"Paste the code {client.host} shows after you approve").strip()
            if not code:
                raise AuthError("no code given; nothing was stored",
                                hint="run the login again and paste the code the page shows")
            try:
                token = client.call("the login", lambda: client.api.log_in(
                    code=code, redirect_uri=OOB, scopes=list(SCOPES), allow_http=http_ok))
            except MastodonIllegalArgumentError as exc:
                raise AuthError(f"{client.host} refused the code ({_short(exc)})",
                                hint="approve again and paste the new code (each code"
                                " works once)") from None
            except MastodonError as exc:  # a scope was not granted
                raise AuthError(f"{client.host} did not grant what followprune needs"
                                f" ({_short(exc)})", hint="approve every permission asked"
                                ) from None
            if not isinstance(token, str) or not token:
                raise UnreadableAnswer(f"the Mastodon instance {client.host} answered the login"
                                       " without an access token")
            me = client.call("verify_credentials", client.api.account_verify_credentials,
                             ACCOUNT)
        finally:
            client.close()
        account = handle_of(me, client.host)
        saved = Token(account=account, account_id=str(me["id"]), instance=instance,
                      access_token=token, scopes=" ".join(SCOPES),
                      created_at=datetime.now(UTC).isoformat())
        replaced = next((t for t, _ in stored_tokens(deps.paths)
                         if t is not None and t.account.lower() == account.lower()), None)
        path = save_token(deps.paths, saved)
        if replaced is not None and replaced.access_token != token:
            # Logging in again leaves the old token valid on the instance for ever: revoke
            # it, now that the new one is safely stored. A failure only leaves it listed
            # under the account's authorised apps, as before.
            self._revoke(deps, replaced)
        return _shown(saved, str(path))

    def _app(self, deps: LoginDeps, instance: str, timeout: float) -> App:
        """The app registered on this instance, registering it the first time. An app
        registered with other scopes (an older followprune) is registered again."""
        app = load_app(deps.paths, instance)
        if app is not None and app.scopes == " ".join(SCOPES):
            return app
        client = Client(instance, None, timeout)
        try:
            client_id, client_secret = client.call(
                "registering followprune", lambda: Mastodon.create_app(
                    APP_NAME, scopes=list(SCOPES), redirect_uris=OOB, api_base_url=instance,
                    request_timeout=timeout, session=client.http, user_agent=USER_AGENT))
        except (KeyError, TypeError):  # an answer without client_id/secret
            raise ApiError(f"{instance_host(instance)} did not register followprune",
                           hint="is it a Mastodon instance? Check the address") from None
        finally:
            client.close()
        app = App(instance=instance, client_id=str(client_id),
                  client_secret=str(client_secret), scopes=" ".join(SCOPES))
        save_app(deps.paths, app)
        return app

    def status(self, deps: LoginDeps) -> list[StoredLogin]:
        out = []
        for token, path in stored_tokens(deps.paths):
            if token is None:
                out.append(StoredLogin(NETWORK, path.stem, source=str(path),
                                       problem="the file cannot be read; log in again"))
            else:
                out.append(_shown(token, str(path)))
        if env_token():
            instance = deps.settings.instance
            out.append(StoredLogin(
                NETWORK, f"(token for {instance_host(instance_url(instance))})"
                if instance else "(token)", source=TOKEN_ENV,
                problem="" if instance else "mastodon.instance is not set"))
        return out

    def logout(self, deps: LoginDeps, account: str | None) -> LogoutResult:
        # Each with the file it came from: that file is the one to delete, whatever the
        # account named inside it.
        stored = [(t, path) for t, path in stored_tokens(deps.paths) if t is not None]
        if account:
            stored = [(t, path) for t, path in stored if same_account(t.account, account)]
            if not stored:
                raise AuthError(f"no stored Mastodon login for {account}",
                                hint="`prune auth status` lists the stored logins")
        if len(stored) > 1:
            raise InputError("several Mastodon logins are stored: "
                             + ", ".join(t.account for t, _ in stored),
                             hint="pick one with --account user@instance")
        still = (TOKEN_ENV,) if env_token() else ()
        if not stored:
            return LogoutResult(still_in_environment=still)
        token, path = stored[0]
        revoked, problem = self._revoke(deps, token)
        delete_file(path)
        return LogoutResult(
            forgot=(token.account,), revoked=revoked, problem=problem,
            still_in_environment=still,
            revoke_by_hand="" if revoked else
            f"{token.instance}/oauth/authorized_applications")

    def _revoke(self, deps: LoginDeps, token: Token) -> tuple[bool, str]:
        app = load_app(deps.paths, token.instance)
        if app is None:
            return False, "the app's registration is gone, so the token cannot be revoked here"
        settings = deps.settings
        client = Client(token.instance, token.access_token, settings.timeout_seconds,
                        retries=settings.retries, client_id=app.client_id,
                        client_secret=app.client_secret)
        try:
            client.call("revoking the token", lambda: client.api.revoke_access_token(
                allow_http=_http_ok(token.instance)))
        except (ApiError, AuthError, MastodonError) as exc:
            message = exc.message if isinstance(exc, ApiError | AuthError) else _short(exc)
            return False, message
        finally:
            client.close()
        return True, ""


def _shown(token: Token, source: str) -> StoredLogin:
    return StoredLogin(NETWORK, token.account, account_id=token.account_id, source=source,
                       details=(("Instance", token.instance), ("Scopes", token.scopes),
                                ("Since", token.created_at[:10])))


def _http_ok(instance: str) -> bool:
    """Mastodon.py refuses OAuth endpoints over http unless told: only for loopback, which
    instance_url already limited plain http to."""
    host = instance_host(instance).rsplit(":", 1)[0].strip("[]")
    return instance.startswith("http://") and is_loopback(host)


def _short(exc: Exception) -> str:
    text = str(exc)
    return text if len(text) <= 200 else text[:197] + "..."


FLOW = MastodonLogin()
