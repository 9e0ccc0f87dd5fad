"""The OAuth 2.0 tokens file: written atomically with mode 0600, never printed or logged."""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass
from pathlib import Path

from followprune.errors import AuthError
from followprune.networks.login import LoginFiles, checked_fields, unreadable_because
from followprune.paths import delete_file, write_private_json

STEM = "x-tokens"


@dataclass
class TokenSet:
    access_token: str
    refresh_token: str | None
    expires_at: float | None  # Unix seconds
    scope: str
    client_id: str
    user_id: str = ""
    username: str = ""

    def expires_within(self, seconds: float, now: float) -> bool:
        return self.expires_at is not None and self.expires_at - now < seconds

    def __repr__(self) -> str:  # keeps tokens out of tracebacks and debug output
        return (f"TokenSet(user=@{self.username}, scope={self.scope!r},"
                f" expires_at={self.expires_at})")


class TokenFile:
    def __init__(self, path: Path) -> None:
        self.path = path

    def load(self) -> TokenSet | None:
        try:
            data = json.loads(self.path.read_text(encoding="utf-8"))
            return TokenSet(**checked_fields(TokenSet, data))
        except FileNotFoundError:
            return None
        except (OSError, ValueError, TypeError) as exc:
            raise AuthError(
                f"the X login in {self.path} cannot be read ({unreadable_because(exc)})",
                hint="run `prune auth logout` and `prune auth login` again",
            ) from None

    def save(self, tokens: TokenSet) -> None:
        """tmp file created 0600 + fsync + rename: a crash leaves the old or the new login,
        never half a file — losing a rotated refresh token would force a new login."""
        write_private_json(self.path, asdict(tokens))

    def delete(self) -> bool:
        return delete_file(self.path)


def login_files(data_dir: Path) -> LoginFiles:
    return LoginFiles(data_dir, STEM)


def stored_logins(files: LoginFiles) -> list[tuple[TokenFile, TokenSet]]:
    """Every X login kept by `prune auth login`, first slot first."""
    return files.stored(TokenFile, TokenFile.load)


def names(login: tuple[TokenFile, TokenSet]) -> tuple[str, ...]:
    return (login[1].username or login[1].user_id, login[1].user_id)
