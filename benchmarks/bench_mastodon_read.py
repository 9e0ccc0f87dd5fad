"""Calls and time to read 5,000 Mastodon follows from the fake instance.

    python benchmarks/bench_mastodon_read.py [N ...]

Real HTTP on loopback through Mastodon.py, spec validation off (it measures the client,
not the fake's validator). The lower bound is ⌈N/80⌉ following pages (80 is the API's
maximum) + ⌈N/80⌉ relationship chunks (follows-back and muting); whoami is shown apart.
"""

from __future__ import annotations

import math
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from tests.fakemasto import FakeMastodon, make_state


def bench(n: int) -> dict[str, object]:
    from followprune.networks.mastodon.client import Client
    from followprune.networks.mastodon.network import RELATIONSHIP_CHUNK, MastodonNetwork
    from followprune.store import Store

    with FakeMastodon(make_state(n), validate=False) as fake, \
            tempfile.TemporaryDirectory() as folder:
        store = Store(Path(folder) / "store.sqlite3")
        client = Client(fake.base_url, fake.issue_token(), 30)
        network = MastodonNetwork(client, store, datetime.now(UTC))
        network.whoami()
        before = len(fake.calls)
        started = time.perf_counter()
        follows = len(list(network.following()))
        seconds = time.perf_counter() - started
        client.close()
        store.close()
        return {"follows": follows, "calls": len(fake.calls) - before,
                "pages": fake.count("getAccountFollowing"),
                "relationship_chunks": fake.count("getAccountRelationships"),
                "lower_bound": math.ceil(n / 80) + math.ceil(n / RELATIONSHIP_CHUNK),
                "seconds": round(seconds, 2)}


if __name__ == "__main__":
    for n in [int(arg) for arg in sys.argv[1:]] or [5_000]:
        print(n, bench(n))
