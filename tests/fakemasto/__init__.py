"""A fake Mastodon instance on loopback."""

from tests.fakemasto.server import FakeMastodon, State, make_state

__all__ = ["FakeMastodon", "State", "make_state"]
