"""The stored stand-in for a network without a login: which stored account it reads."""

from __future__ import annotations

from pathlib import Path

import pytest

from followprune.errors import AuthError, InputError
from followprune.networks.stored import stored_or_raise
from followprune.store import Identity, Store

WHY = AuthError("not logged in to x")


def test_the_account_is_looked_up_once(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # Found: with --account, the identities it names were read twice, once to see whether
    # there were any and again to choose among them.
    with Store(tmp_path / "s.sqlite3") as store:
        store.identity("x", "1", "me")
        reads: list[str | None] = []
        real = Store.identities_named

        def counted(self: Store, network: str, account: str | None = None) -> list[Identity]:
            reads.append(account)
            return real(self, network, account)

        monkeypatch.setattr(Store, "identities_named", counted)
        with pytest.raises(AuthError) as raised:  # stored, but never synced: the login it is
            stored_or_raise(store, "x", WHY, "@me")
        assert raised.value is WHY
        assert reads == ["@me"]


def test_which_stored_account_is_unchanged(tmp_path: Path) -> None:
    with Store(tmp_path / "s.sqlite3") as store:
        with pytest.raises(AuthError) as nobody:
            stored_or_raise(store, "x", WHY)
        assert nobody.value is WHY
        store.identity("x", "1", "me")
        store.identity("x", "2", "other")
        with pytest.raises(AuthError) as unknown:  # neither a login nor data for it
            stored_or_raise(store, "x", WHY, "stranger")
        assert unknown.value is WHY
        with pytest.raises(InputError, match="several x accounts are in the store"):
            stored_or_raise(store, "x", WHY)
