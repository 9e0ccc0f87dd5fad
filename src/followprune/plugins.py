"""What every extension point shares: a registry of named declarations, and references to
code as "module:attribute", imported only when used (so `prune --help` stays light)."""

from __future__ import annotations

import importlib
from typing import Any, Generic, Protocol, TypeVar


class _Named(Protocol):
    @property
    def name(self) -> str: ...


T = TypeVar("T", bound=_Named)


class Registry(Generic[T]):
    """Declarations by name, in the order they were registered."""

    def __init__(self, what: str) -> None:
        self._what = what  # "network", "component": for the error message
        self._items: dict[str, T] = {}

    def register(self, item: T) -> T:
        if item.name in self._items:
            raise ValueError(f"{self._what} {item.name!r} is registered twice")
        self._items[item.name] = item
        return item

    def unregister(self, name: str) -> None:
        """For tests that register one of their own."""
        self._items.pop(name, None)

    def get(self, name: str) -> T | None:
        return self._items.get(name)

    def names(self) -> tuple[str, ...]:
        return tuple(self._items)

    def items(self) -> tuple[T, ...]:
        return tuple(self._items.values())


def resolve(reference: str) -> Any:
    """The object a "module:attribute" reference names, its module imported now."""
    module, _, attribute = reference.partition(":")
    return getattr(importlib.import_module(module), attribute)
