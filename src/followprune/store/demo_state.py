"""The demo network's changes to its bundled data (table demo_state), so demo actions
persist between runs and undo can bring accounts back."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from followprune.store.database import Store


class DemoState:
    def __init__(self, store: Store) -> None:
        self.store = store

    def overrides(self) -> dict[str, tuple[bool, bool]]:
        """account id -> (following, muted), for accounts the demo's actions changed."""
        return {
            row[0]: (bool(row[1]), bool(row[2]))
            for row in self.store.conn.execute(
                "SELECT account_id, following, muted FROM demo_state"
            )
        }

    def set(self, account_id: str, *, following: bool, muted: bool) -> None:
        with self.store.transaction() as conn:
            conn.execute(
                "INSERT INTO demo_state VALUES (?, ?, ?) ON CONFLICT (account_id) DO UPDATE"
                " SET following = excluded.following, muted = excluded.muted",
                (account_id, int(following), int(muted)),
            )
