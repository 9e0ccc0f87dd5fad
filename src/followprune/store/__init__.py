"""The local SQLite store: snapshots, runs and scores, the action journal, sync state.

Everything is kept per identity (network + account), so several accounts and networks can
share one store file.
"""

from __future__ import annotations

from followprune.store.database import Identity, Store

__all__ = ["Identity", "Store"]
