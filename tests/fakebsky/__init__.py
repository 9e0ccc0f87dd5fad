"""A fake Bluesky service (PDS + the AppView methods followprune uses) on loopback."""

from tests.fakebsky.server import APP_PASSWORD, Answer, FakeBluesky, make_state

__all__ = ["APP_PASSWORD", "Answer", "FakeBluesky", "make_state"]
