"""A followed account as the person names it: on Mastodon, one of your own instance without
the instance (`@jonas`, as Mastodon itself shows local accounts)."""

from __future__ import annotations

from collections.abc import Iterable

from followprune.errors import InputError
from followprune.store import Identity


def on_home_instance(identity: Identity, key: str) -> str | None:
    """`key` (without its leading @) as user@<your instance> when it names no instance on
    Mastodon; None elsewhere, or when it has one. Stored Mastodon handles always carry the
    instance, so `jonas` matched no one ("not among the accounts you follow")."""
    if identity.network != "mastodon" or "@" in key:
        return None
    _, _, home = identity.handle.partition("@")
    return f"{key}@{home}" if home else None


def not_followed(identity: Identity, key: str, message: str, handles: Iterable[str],
                 hint: str | None = None) -> InputError:
    """The error for `key`, which names no followed account (`message`, `hint`). On Mastodon a
    name without an instance says which followed accounts of that name live elsewhere (which
    one is meant is the person's to say: it is never guessed), or else hints at the full
    user@instance."""
    if identity.network != "mastodon" or "@" in key:
        return InputError(message, hint=hint)
    home = identity.handle.partition("@")[2]
    same = sorted(h for h in handles if h.lower().partition("@")[0] == key.lower())
    if same:
        return InputError(f"{message}: there is no @{key} on your instance {home}; you follow "
                          + ", ".join(f"@{h}" for h in same),
                          hint="give the full user@instance")
    return InputError(message, hint=f"a Mastodon handle is user@instance ({key}@{home} on your"
                                    " own instance)" + (f"; {hint}" if hint else ""))
