"""The keep-list: accounts never proposed, from the config (`proposals.keep`) and from the
person's decisions (`keep` at the review, `prune keep add`, restores by undo)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from followprune.app.context import App
from followprune.app.handles import not_followed, on_home_instance
from followprune.app.history import identity_for
from followprune.errors import InputError
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


def remove_keeps(app: App, network_name: str, handles: Iterable[str]) -> list[str]:
    """Take accounts off the stored keep-list and return their handles. Every handle is
    looked up before any is taken off: one that is not on the list changes nothing."""
    identity = identity_for(app, network_name)
    entries = {e.handle.lower(): e for e in app.store.keeps.entries(identity)}
    configured = _configured(app)
    found: dict[str, KeepEntry] = {}
    in_config: list[str] = []
    absent: list[str] = []
    for handle in handles:
        key = handle.removeprefix("@").lower()
        local = on_home_instance(identity, key) or ""
        entry = entries.get(key) or entries.get(local) or next(
            (e for e in entries.values() if e.account_id == key), None)
        if entry is not None:
            # Named twice (`alice @Alice`): taken off once.
            found.setdefault(entry.account_id, entry)
        elif key in configured or local in configured:
            in_config.append(handle.removeprefix("@"))
        else:
            absent.append(handle.removeprefix("@"))
    if absent or in_config:
        raise _not_removable(app, network_name, absent, in_config, bool(found))
    for entry in found.values():
        app.store.keeps.remove(identity, entry.account_id, entry.handle, app.now)
    return [entry.handle for entry in found.values()]


def kept_by_config(app: App, handles: Iterable[str]) -> list[str]:
    """Those of `handles` that the config's proposals.keep keeps as well."""
    configured = _configured(app)
    return [h for h in handles if h.lower().removeprefix("@") in configured]


def _configured(app: App) -> set[str]:
    return {h.lower().removeprefix("@") for h in app.settings.proposals.keep}


def _not_removable(app: App, network_name: str, absent: list[str],
                   in_config: list[str], others: bool) -> InputError:
    said = []
    if absent:
        said.append(f"{_handles(absent)} {'is' if len(absent) == 1 else 'are'} not on your"
                    f" keep-list on {network_name}")
    if in_config:
        source = app.loaded.source_of(("proposals", "keep"))
        kind, _, name = source.partition(" ")
        where = (f"your config file ({name}, proposals.keep)" if kind == "file"
                 else f"your settings (environment variable {name})" if kind == "env"
                 else "your config file")
        said.append(f"{_handles(in_config)} {'is' if len(in_config) == 1 else 'are'} kept by"
                    f" {where}: remove {'it' if len(in_config) == 1 else 'them'} there")
    if others:
        said.append("nothing was taken off")
    return InputError("; ".join(said),
                      hint="`prune keep list` shows the keep-list" if absent else None)


def _handles(handles: list[str]) -> str:
    return ", ".join(f"@{h}" for h in handles)


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
