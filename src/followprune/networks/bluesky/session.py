"""The Bluesky login: an app password is exchanged once for a session (access + refresh
JWT) kept 0600 in the data folder, reused and refreshed by every later run.

createSession is limited to 30 per 5 minutes and 300 a day per account, so a cron job must
never log in from scratch while a stored session (or its refresh token) still works.
"""

from __future__ import annotations

import json
import os
import re
from dataclasses import asdict, dataclass
from pathlib import Path

from followprune.errors import ApiError, AuthError, CredentialsRefused
from followprune.networks.bluesky.xrpc import JSON, Xrpc, XrpcError, is_expired, raise_auth
from followprune.networks.login import (
    LoginFiles,
    checked_fields,
    pick_login,
    same_account,
    unreadable_because,
)
from followprune.paths import delete_file, write_private_json

HANDLE_ENV = "BLUESKY_HANDLE"
PASSWORD_ENV = "BLUESKY_APP_PASSWORD"
APP_PASSWORD = re.compile(r"[a-z0-9]{4}-[a-z0-9]{4}-[a-z0-9]{4}-[a-z0-9]{4}")
APP_PASSWORD_HINT = ("make an app password in Bluesky under Settings → Privacy and security →"
                     " App passwords, and set BLUESKY_HANDLE and BLUESKY_APP_PASSWORD")


@dataclass
class Session:
    did: str
    handle: str
    access_jwt: str
    refresh_jwt: str
    service: str

    def __repr__(self) -> str:  # keeps the tokens out of tracebacks and debug output
        return f"Session(@{self.handle}, {self.did}, service={self.service})"


class SessionFile:
    def __init__(self, path: Path) -> None:
        self.path = path

    def load(self) -> Session | None:
        try:
            data = json.loads(self.path.read_text(encoding="utf-8"))
            return Session(**checked_fields(Session, data))
        except FileNotFoundError:
            return None
        except (OSError, ValueError, TypeError) as exc:
            raise AuthError(
                f"the Bluesky session in {self.path} cannot be read"
                f" ({unreadable_because(exc)})",
                hint=f"delete it and log in again ({APP_PASSWORD_HINT})",
            ) from None

    def save(self, session: Session) -> None:
        """tmp file created 0600 + fsync + rename: a crash leaves the old or the new session,
        never half a file (a lost refresh token means a new createSession)."""
        write_private_json(self.path, asdict(session))

    def delete(self) -> bool:
        return delete_file(self.path)


STEM = "bluesky-session"


def login_files(data_dir: Path) -> LoginFiles:
    return LoginFiles(data_dir, STEM)


def stored_sessions(files: LoginFiles) -> list[tuple[SessionFile, Session]]:
    """Every stored Bluesky session, first slot first."""
    return files.stored(SessionFile, SessionFile.load)


def names(login: tuple[SessionFile, Session]) -> tuple[str, ...]:
    return (login[1].handle, login[1].did)


def check_app_password(password: str, source: str = PASSWORD_ENV) -> str:
    password = password.strip()
    if not APP_PASSWORD.fullmatch(password):
        raise CredentialsRefused(
            f"{source} does not look like an app password (xxxx-xxxx-xxxx-xxxx);"
            " followprune never takes your account password",
            hint=APP_PASSWORD_HINT,
        )
    return password


class Login:
    """Authenticated XRPC calls: refreshes the session when the access token runs out and
    saves every new one before using it."""

    def __init__(self, xrpc: Xrpc, session: Session, session_file: SessionFile) -> None:
        self.xrpc = xrpc
        self.session = session
        self.session_file = session_file

    @classmethod
    def resolve(cls, xrpc: Xrpc, files: LoginFiles, *, configured_handle: str = "",
                account: str | None = None) -> Login:
        """The stored session for the account asked for (--account, then BLUESKY_HANDLE,
        then the config), or the only one; a new session only when none is stored and an
        app password is in the environment (or when the stored one is refused: log_in_again)."""
        sessions = [login for login in stored_sessions(files)
                    if login[1].service.rstrip("/") == xrpc.service]
        wanted = account or os.environ.get(HANDLE_ENV, "") or configured_handle
        if wanted:
            for session_file, session in sessions:
                if same_account(wanted, session.handle, session.did):
                    return cls(xrpc, session, session_file)
        else:
            chosen = pick_login("Bluesky", sessions, names, None)
            if chosen is not None:
                return cls(xrpc, chosen[1], chosen[0])
        password = os.environ.get(PASSWORD_ENV, "")
        if password and not wanted:  # a password given is never ignored for want of a name
            raise CredentialsRefused(f"{PASSWORD_ENV} is set, but no handle says whose it is",
                                     hint=f"set {HANDLE_ENV} (or `[bluesky] handle` in the"
                                     " config) to the account the app password belongs to")
        if not wanted or not password:
            raise AuthError("not logged in to Bluesky"
                            + (f" as @{wanted.lstrip('@')}" if wanted else ""),
                            hint="run `prune auth login --network bluesky`, or "
                            + APP_PASSWORD_HINT)
        session = create_session(xrpc, wanted, password)
        return cls(xrpc, session, save_session(files, session))

    def call(self, method: str, *, params: JSON | None = None,
             body: JSON | None = None, repeatable: bool = True) -> JSON:
        try:
            return self.xrpc.call(method, params=params, body=body,
                                  token=self.session.access_jwt, repeatable=repeatable)
        except XrpcError as exc:
            if not is_expired(exc):
                raise
        self.refresh()
        try:
            return self.xrpc.call(method, params=params, body=body,
                                  token=self.session.access_jwt, repeatable=repeatable)
        except XrpcError as exc:
            if is_expired(exc):
                raise raise_auth(exc) from None
            raise

    def refresh(self) -> None:
        try:
            data = self.xrpc.call("com.atproto.server.refreshSession", procedure=True,
                                  token=self.session.refresh_jwt)
        except XrpcError as exc:
            if exc.status in (400, 401):
                self.log_in_again(exc)
                return
            raise
        self.session = _session_from(data, self.xrpc.service)
        self.session_file.save(self.session)

    def log_in_again(self, refused: XrpcError) -> None:
        """The stored session is over (revoked, or its refresh token ran out). With this
        account's app password in the environment, a new session replaces it in its own file,
        so cron carries on; the old one had been kept and refused at every run until it was
        deleted by hand. Without one, how to log in again."""
        password = os.environ.get(PASSWORD_ENV, "")
        handle = os.environ.get(HANDLE_ENV, "")
        if not password or (handle and not same_account(handle, self.session.handle,
                                                         self.session.did)):
            raise AuthError(f"the stored Bluesky session of @{self.session.handle} has expired"
                            f" or was revoked ({refused.error or refused.status})",
                            hint="log in again with `prune auth login --network bluesky`, or "
                            + APP_PASSWORD_HINT) from None
        self.session = create_session(self.xrpc, handle or self.session.handle, password)
        self.session_file.save(self.session)


def create_session(xrpc: Xrpc, handle: str, password: str,
                   source: str = PASSWORD_ENV) -> Session:
    """createSession with an app password (never the account password)."""
    password = check_app_password(password, source)
    handle = handle.strip().lstrip("@")
    try:
        data = xrpc.call("com.atproto.server.createSession",
                         body={"identifier": handle, "password": password})
    except XrpcError as exc:
        if exc.status not in LOGIN_REFUSALS:  # 404 and the like: no answer about the password
            raise ApiError(f"the Bluesky service {xrpc.service} answered the login of @{handle}"
                           f" with HTTP {exc.status} ({exc.error or 'no error named'})",
                           hint="check `bluesky.service` in the config: it must be the address"
                           " of a Bluesky server (a PDS); the app password was not refused"
                           ) from None
        given = f"the app password in {source}" if source == PASSWORD_ENV else source
        raise CredentialsRefused(f"Bluesky refused the login of @{handle} with {given}"
                                 f" ({exc.error or exc.status})",
                                 hint=APP_PASSWORD_HINT) from None
    return _session_from(data, xrpc.service)


# What a server answers a login it refuses (a wrong or revoked password, an account taken
# down, a handle that is not one): the others do not say the password was wrong.
LOGIN_REFUSALS = (400, 401, 403)


def save_session(files: LoginFiles, session: Session) -> SessionFile:
    """In the account's own file (a second account gets a file of its own)."""
    owners = {session_file.path: stored.did for session_file, stored in stored_sessions(files)}
    session_file = SessionFile(files.path_for(session.did, owners))
    session_file.save(session)
    return session_file


def _session_from(data: JSON, service: str) -> Session:
    try:
        return Session(did=str(data["did"]), handle=str(data["handle"]),
                       access_jwt=str(data["accessJwt"]), refresh_jwt=str(data["refreshJwt"]),
                       service=service)
    except KeyError as exc:
        raise AuthError(f"Bluesky answered a login without {exc.args[0]}") from None
