"""The keep-list: accounts never proposed, from the config (`proposals.keep`) and from the
person's decisions (`keep` at the review, `prune keep add`, restores by undo)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from followprune.app.context import App
from followprune.app.handles import not_followed, on_home_instance
from followprune.app.history import identity_for
from followprune.store import Identity
from followprune.store.keeps import KeepEntry


@dataclass(frozen=True)
class KeepList:
    network: str
    stored: list[KeepEntry]
    configured: list[str]  # handles in proposals.keep, as written


def list_keeps(app: App, network_name: str) -> KeepList:
    identity = app.store.stored_identity(network_name, app.account)
    stored = app.store.keeps.entries(identity) if identity else []
    return KeepList(network_name, stored, list(app.settings.proposals.keep))


def add_keeps(app: App, network_name: str, handles: Iterable[str]) -> list[KeepEntry]:
    """Put followed accounts on the keep-list; every handle must be one you follow."""
    identity = identity_for(app, network_name)
    found = [_followed(app, identity, handle) for handle in handles]
    for account_id, handle in found:
        app.store.keeps.add(identity, account_id, handle, "added with `prune keep add`",
                            app.now)
    chosen = {account_id for account_id, _ in found}
    return [e for e in app.store.keeps.entries(identity) if e.account_id in chosen]


def remove_keeps(
    app: App, network_name: str, handles: Iterable[str]
) -> tuple[list[str], list[str]]:
    """Take accounts off the stored keep-list: (removed, not on it)."""
    identity = identity_for(app, network_name)
    entries = {e.handle.lower(): e for e in app.store.keeps.entries(identity)}
    removed, absent = [], []
    for handle in handles:
        key = handle.removeprefix("@").lower()
        entry = entries.get(key) or entries.get(on_home_instance(identity, key) or "") or next(
            (e for e in entries.values() if e.account_id == key), None)
        if entry and entry.handle in removed:
            continue  # named twice (`alice @Alice`): taken off once, not absent the second time
        if entry and app.store.keeps.remove(identity, entry.account_id, entry.handle, app.now):
            removed.append(entry.handle)
        else:
            absent.append(handle.removeprefix("@"))
    return removed, absent


def remember_kept(app: App, identity: Identity, run_id: int,
                  accounts: Iterable[tuple[str, str]]) -> None:
    """`keep` at the review prompt: (account id, handle) pairs, kept from now on."""
    for account_id, handle in accounts:
        app.store.keeps.add(identity, account_id, handle, f"kept at the review of run {run_id}",
                            app.now)


def _followed(app: App, identity: Identity, handle: str) -> tuple[str, str]:
    key = handle.removeprefix("@")
    account = app.store.snapshots.find_account(identity, key)
    local = on_home_instance(identity, key)
    if account is None and local is not None:
        account = app.store.snapshots.find_account(identity, local)
    if account is None:
        graph = app.store.snapshots.load_graph(identity) if local is not None else None
        raise not_followed(identity, key,
                           f"@{key} is not among the accounts you follow on {identity.network}",
                           [a.handle for a in graph.accounts] if graph else [],
                           hint="check the handle with `prune --dry-run --all --format csv`")
    return account.id, account.handle
