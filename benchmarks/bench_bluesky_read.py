"""Calls and time to read 5,000 and 50,000 Bluesky follows from the fake Bluesky service.

    python benchmarks/bench_bluesky_read.py [N ...]

Real HTTP on loopback, lexicon validation off (it measures the fake, not the client). The
lower bound is ⌈N/100⌉ follow-record pages + ⌈N/25⌉ profile batches; the login is not
counted, and the one getProfile call a dead account costs (1% of N here, to tell deleted
from deactivated or suspended) is shown apart.
"""

from __future__ import annotations

import math
import os
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from tests.fakebsky import APP_PASSWORD, FakeBluesky, make_state


def bench(n: int) -> dict[str, object]:
    from followprune.networks.bluesky.network import BlueskyNetwork
    from followprune.networks.bluesky.session import Login, SessionFile
    from followprune.networks.bluesky.xrpc import Xrpc

    os.environ["BLUESKY_HANDLE"] = "me.bsky.social"
    os.environ["BLUESKY_APP_PASSWORD"] = APP_PASSWORD
    with FakeBluesky(make_state(n, dead=n // 100), validate=False) as fake, \
            tempfile.TemporaryDirectory() as folder:
        xrpc = Xrpc(fake.base_url, 30)
        network = BlueskyNetwork(Login.resolve(xrpc, SessionFile(Path(folder) / "s.json")))
        logins = len(fake.calls)
        started = time.perf_counter()
        follows = len(list(network.following()))
        seconds = time.perf_counter() - started
        xrpc.close()
        lookups = fake.count("app.bsky.actor.getProfile")
        return {"follows": follows, "calls": len(fake.calls) - logins - lookups,
                "dead_lookups": lookups,
                "lower_bound": math.ceil(n / 100) + math.ceil(n / 25),
                "seconds": round(seconds, 2)}


if __name__ == "__main__":
    for n in [int(arg) for arg in sys.argv[1:]] or [5_000, 50_000]:
        print(n, bench(n))
