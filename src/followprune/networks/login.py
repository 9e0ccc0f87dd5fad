"""The one interface every network's login implements, so `prune auth login | status |
logout` is written once and each network brings only its own flow.

A flow never prints or prompts by itself: it asks through `LoginPrompts`, which the CLI
implements with a terminal (and tests with scripted answers). One network may hold several
logins (two X accounts, a Mastodon account on two instances): each is one `StoredLogin`,
named by `account` (the handle, or user@instance on Mastodon), which is what `--account`
takes.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol, TypeVar

if TYPE_CHECKING:
    from followprune.paths import Paths
    from followprune.store import Store

T = TypeVar("T")
F = TypeVar("F")


# Unix seconds up to the year 5138: far enough for any expiry, and every datetime call takes it.
_SECONDS_MAX = 1e11


def checked_fields(cls: type, data: object) -> dict[str, Any]:
    """`data` (a stored login file's JSON) as keyword arguments for the dataclass `cls`,
    each value of its field's type. The files are ours, but a hand edit, a truncated copy or
    another version can leave `null` or a number where text belongs, which would otherwise
    fail far from the file (`'int' object has no attribute 'lower'`) instead of naming it.
    Raises ValueError naming the first field that is wrong; unknown keys are left for the
    constructor to refuse."""
    import dataclasses
    import math
    import types
    import typing

    if not isinstance(data, dict):
        raise ValueError(f"expected a JSON object, found {type(data).__name__}")
    hints = typing.get_type_hints(cls)
    for spec in dataclasses.fields(cls):
        if spec.name not in data:
            if spec.default is dataclasses.MISSING and spec.default_factory is dataclasses.MISSING:
                raise ValueError(f"{spec.name} is missing")
            continue
        hint = hints[spec.name]
        allowed = typing.get_args(hint) if isinstance(hint, types.UnionType) else (hint,)
        value = data[spec.name]
        if value is None:
            ok = type(None) in allowed
        elif isinstance(value, bool):
            ok = bool in allowed
        elif isinstance(value, int | float) and float in allowed:
            ok = math.isfinite(value) and abs(value) <= _SECONDS_MAX
        else:
            ok = any(isinstance(value, kind) for kind in allowed if kind is not type(None))
        if not ok:
            raise ValueError(f"{spec.name} is {json_kind(value)}")
    return data


def token_from_environment(name: str, value: str) -> str:
    """A token or key from the environment variable `name`, which must be what tokens are:
    visible ASCII. Anything else (a pasted space or newline, a stray non-ASCII character)
    cannot go into an HTTP header, and failed there as an internal error or, worse, as "cannot
    reach the server". The value itself is never shown."""
    from followprune.errors import AuthError

    value = value.strip()
    if not all("!" <= char <= "~" for char in value):
        raise AuthError(f"{name} is not a token: it holds spaces, line breaks or characters"
                        " outside ASCII, which no token has",
                        hint=f"copy the token again into {name}, without quotes or spaces")
    return value


def unreadable_because(exc: Exception) -> str:
    """Why a login file could not be read, for the message: checked_fields' own words, else
    the error's kind only (a JSON parser's message can quote the file, tokens included)."""
    import json

    if type(exc) is ValueError and not isinstance(exc, json.JSONDecodeError):
        return str(exc)
    return type(exc).__name__


def json_kind(value: object) -> str:
    """What a JSON value is, in words, for a message about a file."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, int | float):
        return f"the number {value}" if abs(value) < 1e15 else "an out-of-range number"
    if isinstance(value, str):
        return "text"
    return "a list" if isinstance(value, list) else "an object"


class LoginPrompts(Protocol):
    """How a flow talks to the person logging in."""

    # False when there is no terminal: a flow that must ask refuses with a hint instead.
    interactive: bool

    def ask(self, question: str, *, secret: bool = False) -> str:
        """One answer typed by the person (hidden when secret)."""
        ...

    def tell(self, text: str) -> None:
        """A line of guidance on stderr."""
        ...

    def open_url(self, url: str, why: str) -> None:
        """Show `url` (always printed, so it can be copied) and open it in a browser unless
        the person asked for --no-browser."""
        ...


@dataclass(frozen=True)
class LoginOptions:
    """What `prune auth login` was given; each flow uses the parts it needs."""

    paste: bool = False  # paste the code/redirect instead of a local listener
    no_browser: bool = False
    timeout: float = 300.0  # seconds to wait for a browser to come back
    instance: str | None = None  # Mastodon: the instance to log in to
    account: str | None = None  # --account: which login (status/logout) or hint (login)


@dataclass(frozen=True)
class LoginDeps:
    """What a flow is handed: its network's settings section, where files live, and the
    store (X remembers rate-limit windows there, so even the login call respects them)."""

    settings: Any
    paths: Paths
    store: Store


@dataclass(frozen=True)
class StoredLogin:
    """One login as `prune auth status` shows it (never a secret)."""

    network: str
    account: str  # the handle (X, Bluesky) or user@instance (Mastodon)
    account_id: str = ""  # the stable id (X user id, DID, Mastodon account id)
    source: str = ""  # where it comes from: a file path, or an environment variable
    # Further facts for the status display, in order ("Scopes", "read write"), ...
    details: tuple[tuple[str, str], ...] = ()
    problem: str = ""  # set when the login exists but cannot be used


@dataclass(frozen=True)
class LogoutResult:
    forgot: tuple[str, ...] = ()  # accounts whose stored login was deleted
    revoked: bool = False  # the network confirmed the revocation
    problem: str = ""  # why revoking failed ("" when it worked or was not tried)
    # Environment variables that still carry a login after the stored one is gone.
    still_in_environment: tuple[str, ...] = field(default_factory=tuple)
    # Where to revoke by hand when revoking failed.
    revoke_by_hand: str = ""


class LoginFlow(Protocol):
    """A network's login, named in its NetworkSpec as "module:attribute"."""

    # How `prune auth login --help` and messages name the flow ("OAuth 2.0 in the browser").
    summary: str

    def login(self, deps: LoginDeps, options: LoginOptions,
              prompts: LoginPrompts) -> StoredLogin:
        """Log in and store what later runs reuse (0600, via paths.write_private_json)."""
        ...

    def status(self, deps: LoginDeps) -> list[StoredLogin]:
        """Every login this network has (stored or from the environment), without any call
        to the network: status must cost nothing."""
        ...

    def logout(self, deps: LoginDeps, account: str | None) -> LogoutResult:
        """Revoke on the network where it can, then forget locally whatever the network
        answered. `account` picks one login when there are several (None and several:
        raise InputError listing them)."""
        ...


@dataclass(frozen=True)
class LoginFiles:
    """Where a network keeps its stored logins, one file per account: the first in
    `STEM.json` (where a single login has always lived), each further account in
    `STEM-ID.json`, so adding a second account never moves the first."""

    folder: Path
    stem: str

    @property
    def first(self) -> Path:
        return self.folder / f"{self.stem}.json"

    def existing(self) -> list[Path]:
        more = sorted(self.folder.glob(f"{self.stem}-*.json"))
        return ([self.first] if self.first.is_file() else []) + more

    def stored(self, open_file: Callable[[Path], F],
               load: Callable[[F], T | None]) -> list[tuple[F, T]]:
        """Every login kept, first slot first, each with the file it came from (a renewed
        login is saved back to it)."""
        found = []
        for path in self.existing():
            login_file = open_file(path)
            login = load(login_file)
            if login is not None:
                found.append((login_file, login))
        return found

    def forget_unreadable(self, load: Callable[[Path], object]) -> tuple[str, ...]:
        """Delete the stored logins `load` cannot read (it raises AuthError), keeping every
        readable one: logout's way out of a damaged file, which holds nothing to revoke
        with. Returns the paths deleted."""
        from followprune.errors import AuthError
        from followprune.paths import delete_file

        gone = []
        for path in self.existing():
            try:
                load(path)
            except AuthError:
                if delete_file(path):
                    gone.append(str(path))
        return tuple(gone)

    def path_for(self, account_id: str, stored: Mapping[Path, str]) -> Path:
        """The file for `account_id`: its own if it has one (`stored`: path → account id of
        the logins already kept), else the first slot if free, else a new one."""
        for path, owner in stored.items():
            if owner == account_id:
                return path
        if not self.first.exists():
            return self.first
        safe = re.sub(r"[^A-Za-z0-9._-]", "_", account_id)
        return self.folder / f"{self.stem}-{safe}.json"


def chosen_for_logout(network: str, files: LoginFiles,
                      stored: Callable[[LoginFiles], Sequence[T]], load: Callable[[Path], object],
                      names: Callable[[T], tuple[str, ...]], account: str | None,
                      still: tuple[str, ...], revoke_by_hand: str) -> T | LogoutResult:
    """The stored login `account` names (or the only one) for logout to revoke and forget;
    or, when there is none or a file cannot be read, what logout did (a LogoutResult).

    A damaged file holds nothing to revoke with, so only the unreadable files are deleted:
    another account's good login is not this one's to lose. A name that matches no login is
    not logged in (pick_login's AuthError)."""
    from followprune.errors import AuthError

    try:
        logins = stored(files)
    except AuthError as exc:
        return LogoutResult(files.forget_unreadable(load), problem=exc.message,
                            still_in_environment=still, revoke_by_hand=revoke_by_hand)
    chosen = pick_login(network, logins, names, account)
    return LogoutResult(still_in_environment=still) if chosen is None else chosen


def same_account(wanted: str, *names: str) -> bool:
    """`--account` matches a login by handle (with or without @, any case) or by id."""
    wanted = wanted.strip().lstrip("@").lower()
    return bool(wanted) and wanted in {name.strip().lstrip("@").lower() for name in names if name}


def pick_login(network: str, logins: Sequence[T], names: Callable[[T], tuple[str, ...]],
               wanted: str | None) -> T | None:
    """The login `wanted` names, or the only one; None when there is none. Several and no
    choice is the person's to settle (InputError lists them); a choice that matches none is not
    logged in (AuthError, exit 5, as Bluesky and Mastodon say it too)."""
    from followprune.errors import AuthError, InputError

    if wanted:
        for login in logins:
            if same_account(wanted, *names(login)):
                return login
        known = ", ".join(f"@{names(login)[0]}" for login in logins) or "none"
        raise AuthError(f"no {network} login for account {wanted!r} (stored: {known})",
                         hint=f"log in with `prune auth login --network {network.lower()}`,"
                         " or pick one of the stored accounts with --account")
    if len(logins) > 1:
        known = ", ".join(f"@{names(login)[0]}" for login in logins)
        raise InputError(f"several {network} logins are stored ({known}): which one?",
                         hint="choose one with --account HANDLE, or set it in the config")
    return logins[0] if logins else None
