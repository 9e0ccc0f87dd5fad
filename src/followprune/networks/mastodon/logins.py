"""Where Mastodon logins live: one registered app per instance and one token per account,
both 0600 in the data folder, and which of them a run uses.

    <data>/mastodon/apps/<host>.json           client id + secret, registered once
    <data>/mastodon/logins/<user@host>.json    the access token of one account

Mastodon tokens do not expire unless revoked, so there is nothing to refresh; a cron job
reuses the file for ever. `MASTODON_ACCESS_TOKEN` (with `mastodon.instance`) serves scripts
that keep the token elsewhere.
"""

from __future__ import annotations

import json
import os
from dataclasses import asdict, dataclass
from pathlib import Path

from followprune.errors import AuthError, InputError
from followprune.networks.login import checked_fields, token_from_environment
from followprune.networks.mastodon.client import instance_host, instance_url
from followprune.paths import Paths, write_private_json

TOKEN_ENV = "MASTODON_ACCESS_TOKEN"
# Granular scopes (Mastodon ≥ 3.5): reading the follow graph, notifications, own posts and
# favourites, and the four actions. Nothing that could post, delete or read DMs' content
# beyond what statuses already allow.
SCOPES = ("read:accounts", "read:follows", "read:notifications", "read:statuses",
          "read:favourites", "read:mutes", "write:follows", "write:mutes")
APP_NAME = "followprune"
OOB = "urn:ietf:wg:oauth:2.0:oob"


@dataclass
class App:
    instance: str
    client_id: str
    client_secret: str
    scopes: str

    def __repr__(self) -> str:  # keeps the secret out of tracebacks
        return f"App({self.instance}, client_id={self.client_id})"


@dataclass
class Token:
    account: str  # user@host
    account_id: str
    instance: str
    access_token: str
    scopes: str
    created_at: str

    def __repr__(self) -> str:
        return f"Token({self.account}, instance={self.instance})"


def root(paths: Paths) -> Path:
    return paths.data_dir / "mastodon"


def app_path(paths: Paths, instance: str) -> Path:
    return root(paths) / "apps" / f"{_safe(instance_host(instance))}.json"


def token_path(paths: Paths, account: str) -> Path:
    return root(paths) / "logins" / f"{_safe(account.lower())}.json"


def _safe(name: str) -> str:
    """A host or user@host as a file name: ports keep their digits, nothing can climb out."""
    return "".join(c if c.isalnum() or c in "@.-_" else "_" for c in name).lstrip(".")


def load_app(paths: Paths, instance: str) -> App | None:
    data = _read(app_path(paths, instance))
    if data is None:
        return None
    try:
        return App(**checked_fields(App, data))
    except (TypeError, ValueError):
        return None  # unreadable: registering again costs one call


def save_app(paths: Paths, app: App) -> None:
    write_private_json(app_path(paths, app.instance), asdict(app))


def save_token(paths: Paths, token: Token) -> Path:
    path = token_path(paths, token.account)
    write_private_json(path, asdict(token))
    return path


def stored_tokens(paths: Paths) -> list[tuple[Token | None, Path]]:
    """Every stored login, sorted; None for a file that cannot be read (status shows it)."""
    folder = root(paths) / "logins"
    out: list[tuple[Token | None, Path]] = []
    for path in sorted(folder.glob("*.json")) if folder.is_dir() else []:
        data = _read(path)
        try:
            token = Token(**checked_fields(Token, data)) if data is not None else None
            if token is not None:
                instance_url(token.instance)  # every later call parses it
        except (TypeError, ValueError, InputError):
            token = None
        out.append((token, path))
    return out


def _read(path: Path) -> dict[str, str] | None:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return None
    except (OSError, ValueError):
        return None
    return data if isinstance(data, dict) else None


def same_account(token_account: str, wanted: str) -> bool:
    """`alice@mastodon.social`, `@alice@mastodon.social` and a bare `alice` (when it is the
    only alice) all name the same login."""
    wanted = wanted.strip().lstrip("@").lower()
    have = token_account.lower()
    return wanted == have or ("@" not in wanted and have.split("@", 1)[0] == wanted)


def env_token() -> str:
    return os.environ.get(TOKEN_ENV, "").strip()


@dataclass(frozen=True)
class Chosen:
    """The login a run uses: a stored token, or the environment's with the configured
    instance (its account is only known after verify_credentials)."""

    instance: str
    access_token: str
    account: str = ""  # user@host; "" for the environment's token
    source: str = ""


def choose(paths: Paths, *, wanted: str | None, configured_account: str,
           configured_instance: str) -> Chosen:
    """--account, else `mastodon.account`, else the only stored login. MASTODON_ACCESS_TOKEN
    wins when no account is asked for by name: a script that sets it means it."""
    token = env_token()
    if token and not wanted:
        token = token_from_environment(TOKEN_ENV, token)
        if not configured_instance:
            raise AuthError(f"{TOKEN_ENV} is set but not the instance it belongs to",
                            hint="set mastodon.instance (or FOLLOWPRUNE_MASTODON_INSTANCE)")
        return Chosen(instance_url(configured_instance), token, source=TOKEN_ENV)
    logins = [t for t, _ in stored_tokens(paths) if t is not None]
    name = wanted or configured_account
    if name:
        matches = [t for t in logins if same_account(t.account, name)]
        if len(matches) == 1:
            found = matches[0]
            return Chosen(found.instance, found.access_token, found.account,
                          str(token_path(paths, found.account)))
        if len(matches) > 1:
            raise InputError(f"{name!r} names more than one Mastodon login: "
                             + ", ".join(t.account for t in matches),
                             hint="give the full user@instance")
        raise AuthError(f"no Mastodon login for {name}",
                        hint="log in: prune auth login --network mastodon --instance URL"
                        + (f" (stored: {', '.join(t.account for t in logins)})"
                           if logins else "")
                        # The token in the environment is not the named account's (a token
                        # does not say whose it is until the instance is asked).
                        + (f"; {TOKEN_ENV} is used only when no account is named"
                           if token else ""))
    if len(logins) == 1:
        only = logins[0]
        return Chosen(only.instance, only.access_token, only.account,
                      str(token_path(paths, only.account)))
    if len(logins) > 1:
        raise InputError("several Mastodon logins are stored: "
                         + ", ".join(t.account for t in logins),
                         hint="pick one with --account user@instance, or set"
                         " mastodon.account in the config")
    raise AuthError("not logged in to Mastodon",
                    hint="prune auth login --network mastodon --instance https://your.instance"
                    f" (or set {TOKEN_ENV} and mastodon.instance)")
