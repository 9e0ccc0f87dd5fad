"""Calls and time to read 5,000 and 50,000 Bluesky follows from the fake Bluesky service.

    python benchmarks/bench_bluesky_read.py [N ...]

Real HTTP on loopback, lexicon validation off (it measures the client, not the fake's
checks). The follow list's lower bound is ⌈N/100⌉ follow-record pages + ⌈N/25⌉ profile
batches; the login is not counted. Shown apart: the one getProfile call a dead account costs
(1% of N here, to tell deleted from deactivated or suspended), and what a first sync reads
beyond the follow list: the home timeline sample, notifications, your own like, post and
repost records, and the author-feed calls for accounts no free read dates (capped by
[bluesky] activity_lookups).
"""

from __future__ import annotations

import math
import os
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from tests.fakebsky import APP_PASSWORD, FakeBluesky, make_state
from tests.fakebsky.server import FOLLOW

EXTRA = {
    "app.bsky.feed.getTimeline": "timeline",
    "app.bsky.notification.listNotifications": "notifications",
    "app.bsky.feed.getAuthorFeed": "author_feeds",
}


def bench(n: int) -> dict[str, object]:
    from followprune.networks.bluesky.network import BlueskyNetwork
    from followprune.networks.bluesky.session import Login, login_files
    from followprune.networks.bluesky.xrpc import Xrpc

    os.environ["BLUESKY_HANDLE"] = "me.bsky.social"
    os.environ["BLUESKY_APP_PASSWORD"] = APP_PASSWORD
    with FakeBluesky(make_state(n, dead=n // 100), validate=False) as fake, \
            tempfile.TemporaryDirectory() as folder:
        xrpc = Xrpc(fake.base_url, 30)
        login = Login.resolve(xrpc, login_files(Path(folder)))
        network = BlueskyNetwork(login)
        login_calls = len(fake.calls)
        # Seconds spent in each method's calls, to show the extras' share of the time.
        spent: Counter[str] = Counter()
        call = login.call

        def timed(method: str, **kwargs: Any) -> dict[str, Any]:
            begun = time.perf_counter()
            try:
                return call(method, **kwargs)
            finally:
                spent[method] += time.perf_counter() - begun

        login.call = timed  # type: ignore[method-assign]
        started = time.perf_counter()
        follows = len(list(network.following()))
        interactions = len(list(network.interactions()))
        sample = network.home_timeline()
        seconds = time.perf_counter() - started
        xrpc.close()
        calls = Counter(fake.calls[login_calls:])
        follow_pages = fake.pages_of(FOLLOW)
        own_record_pages = calls["com.atproto.repo.listRecords"] - follow_pages
        graph = follow_pages + calls["app.bsky.actor.getProfiles"]
        extra = {name: calls[method] for method, name in EXTRA.items()}
        extra["own_record_pages"] = own_record_pages
        # listRecords serves follows and your own records: split its time by page count.
        record_share = own_record_pages / max(1, calls["com.atproto.repo.listRecords"])
        extra_seconds = sum(spent[m] for m in EXTRA) + \
            spent["com.atproto.repo.listRecords"] * record_share
        return {
            "follows": follows,
            "graph_calls": graph,
            "lower_bound": math.ceil(n / 100) + math.ceil(n / 25),
            "dead_lookups": calls["app.bsky.actor.getProfile"],
            "extra_reads": extra,
            "extra_total": sum(extra.values()),
            "all_calls": sum(calls.values()),
            "interactions": interactions,
            "in_timeline": len(sample.counts) if sample else 0,
            "seconds": round(seconds, 2),
            "extra_seconds": round(extra_seconds, 2),
            "seconds_by_method": {m: round(t, 2) for m, t in spent.most_common(4)},
        }


if __name__ == "__main__":
    for n in [int(arg) for arg in sys.argv[1:]] or [5_000, 50_000]:
        print(n, bench(n))
