"""Logging in to Bluesky with an app password: exchanged once for a session that later runs
reuse and refresh (createSession is limited to 30 per 5 minutes and 300 a day)."""

from __future__ import annotations

import os

from followprune.errors import AuthError, FollowpruneError, InputError
from followprune.networks.login import (
    LoginDeps,
    LoginOptions,
    LoginPrompts,
    LogoutResult,
    StoredLogin,
    chosen_for_logout,
)

REVOKE_BY_HAND = "Settings → Privacy and security → App passwords (delete the one you made)"


class BlueskyLogin:
    summary = "handle and an app password (never your account password)"

    def login(self, deps: LoginDeps, options: LoginOptions,
              prompts: LoginPrompts) -> StoredLogin:
        from followprune.networks.bluesky.session import (
            APP_PASSWORD_HINT,
            HANDLE_ENV,
            PASSWORD_ENV,
            create_session,
            login_files,
            save_session,
        )
        from followprune.networks.bluesky.xrpc import Xrpc

        settings = deps.settings
        handle = options.account or os.environ.get(HANDLE_ENV, "") or settings.handle
        password, source = os.environ.get(PASSWORD_ENV, ""), PASSWORD_ENV
        if not prompts.interactive and not (handle and password):
            raise InputError(
                "logging in to Bluesky needs a terminal to type the handle and app password"
                " into, and stdin is not one",
                hint=f"set {HANDLE_ENV} and {PASSWORD_ENV} (an app password) instead",
            )
        if not handle:
            handle = prompts.ask("Bluesky handle (e.g. alice.bsky.social)")
        if not password:
            prompts.tell("followprune takes an app password, never your account password: "
                         + APP_PASSWORD_HINT.split(", and set")[0] + ".")
            # Named, so a handle taken from --account, the environment or the config is
            # not typed here by mistake (persona round 16 did).
            password, source = (prompts.ask(f"App password for {handle}", secret=True),
                                "that password")
        xrpc = Xrpc(settings.service, settings.timeout_seconds, retries=settings.retries)
        try:
            session = create_session(xrpc, handle, password, source)
        finally:
            xrpc.close()
        session_file = save_session(login_files(deps.paths.data_dir), session)
        return StoredLogin("bluesky", session.handle, session.did, str(session_file.path),
                           (("Service", session.service),))

    def status(self, deps: LoginDeps) -> list[StoredLogin]:
        from followprune.networks.bluesky.session import (
            HANDLE_ENV,
            PASSWORD_ENV,
            login_files,
            stored_sessions,
        )

        found: list[StoredLogin] = []
        try:
            stored = stored_sessions(login_files(deps.paths.data_dir))
        except AuthError as exc:
            return [StoredLogin("bluesky", "", problem=exc.message)]
        for session_file, session in stored:
            found.append(StoredLogin(
                "bluesky", session.handle, session.did, f"session stored in {session_file.path}",
                (("Service", session.service), ("Session", "refreshed automatically"))))
        handle = os.environ.get(HANDLE_ENV, "")
        if os.environ.get(PASSWORD_ENV) and not any(
                login.account.lower() == handle.lstrip("@").lower() for login in found):
            found.append(StoredLogin(
                "bluesky", handle.lstrip("@"), "",
                f"app password from {PASSWORD_ENV} (a session is made on first use)",
                problem="" if handle else f"{HANDLE_ENV} is not set"))
        return found

    def logout(self, deps: LoginDeps, account: str | None) -> LogoutResult:
        """Delete the session on the PDS (its refresh token stops working), then forget it
        locally whatever the PDS answered."""
        from followprune.networks.bluesky.session import (
            PASSWORD_ENV,
            SessionFile,
            login_files,
            names,
            stored_sessions,
        )
        from followprune.networks.bluesky.xrpc import Xrpc, XrpcError

        still = (PASSWORD_ENV,) if os.environ.get(PASSWORD_ENV) else ()
        files = login_files(deps.paths.data_dir)
        chosen = chosen_for_logout("Bluesky", files, stored_sessions,
                                   lambda path: SessionFile(path).load(), names, account,
                                   still, REVOKE_BY_HAND)
        if isinstance(chosen, LogoutResult):
            return chosen
        session_file, session = chosen
        settings = deps.settings
        xrpc = Xrpc(session.service, settings.timeout_seconds, retries=settings.retries)
        revoked, problem = False, ""
        try:
            xrpc.call("com.atproto.server.deleteSession", procedure=True,
                      token=session.refresh_jwt)
            revoked = True
        except XrpcError as exc:
            problem = f"Bluesky answered {exc.error or exc.status}"
        except FollowpruneError as exc:  # the PDS is down: forgetting must still work
            problem = exc.message
        finally:
            xrpc.close()
        forgot = (f"@{session.handle}",) if session_file.delete() else ()
        return LogoutResult(forgot, revoked, problem, still, REVOKE_BY_HAND)


FLOW = BlueskyLogin()
