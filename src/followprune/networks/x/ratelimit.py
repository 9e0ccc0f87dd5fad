"""X's rate limits, read from response headers: wait before a window runs dry, and after a 429.

X sends `x-rate-limit-{limit,remaining,reset}` per endpoint and per 15-minute window, and
sometimes `x-user-limit-24hour-*`; no Retry-After. Waiting is announced through `on_wait`
(a countdown on a terminal, a log line otherwise) and done with the injected sleep.
"""

from __future__ import annotations

import logging
import random
from collections.abc import Callable, Mapping
from dataclasses import asdict, dataclass
from datetime import UTC, datetime

from followprune.errors import ApiError
from followprune.networks.x.timing import Timing

log = logging.getLogger("followprune.x")

# When a 429 carries no reset header (or one in the past), a short per-second burst limit is
# the likely cause; twarc2 sleeps 10 s in that case too.
FALLBACK_WAIT_SECONDS = 10.0
# Never wait longer than one window plus a margin: a reset further away is a bad header.
MAX_WAIT_SECONDS = 15 * 60 + 60.0
JITTER_SECONDS = 5.0

# Shows a wait (a countdown on a terminal) and sleeps through it with the sleep it is given.
Waiter = Callable[[float, str, Callable[[float], None]], None]


@dataclass
class Window:
    limit: int | None
    remaining: int | None
    reset: float | None  # Unix seconds


class RateLimits:
    """The last known window of every endpoint, and the waits they call for."""

    def __init__(
        self,
        timing: Timing,
        *,
        on_wait: Waiter | None = None,
        rng: random.Random | None = None,
    ) -> None:
        self.timing = timing
        self.on_wait = on_wait
        self.rng = rng or random.Random()
        self.windows: dict[str, Window] = {}
        self.daily: dict[str, Window] = {}
        self.waited_seconds = 0.0

    def record(self, key: str, headers: Mapping[str, str]) -> None:
        window = _window(headers, "x-rate-limit-")
        if window is not None:
            self.windows[key] = window
        day = _window(headers, "x-user-limit-24hour-")
        if day is not None:
            self.daily[key] = day

    def before_call(self, key: str, what: str) -> None:
        """Wait out an exhausted window rather than provoke a 429; stop on a spent day."""
        day = self.daily.get(key)
        now = self.timing.now()
        if day and day.remaining == 0 and day.reset and day.reset > now:
            at = datetime.fromtimestamp(day.reset, UTC).strftime("%Y-%m-%d %H:%M UTC")
            raise ApiError(
                f"X's 24-hour limit for {what} is used up; it resets at {at}",
                hint="run again after that; what was read so far is kept",
            )
        window = self.windows.get(key)
        if window and window.remaining is not None and window.remaining <= 0:
            if window.reset and window.reset > now:
                self.wait(window.reset - now, f"rate limit for {what}")
            # The window has (or will have) reset: forget the count until a new header.
            window.remaining = None

    def remembered(self) -> dict[str, dict[str, dict[str, float | int | None]]]:
        """The windows still in force (reset in the future), for the next run to start from:
        only those can make it wait; an expired one says nothing about the new window."""
        now = self.timing.now()

        def live(table: dict[str, Window]) -> dict[str, dict[str, float | int | None]]:
            return {key: asdict(w) for key, w in table.items()
                    if w.reset is not None and w.reset > now}

        return {"windows": live(self.windows), "daily": live(self.daily)}

    def restore(self, saved: Mapping[str, object]) -> None:
        """Start from what an earlier run remembered. What this run has seen itself is newer
        and wins; windows that have reset since are dropped."""
        now = self.timing.now()
        for name, table in (("windows", self.windows), ("daily", self.daily)):
            entries = saved.get(name)
            if not isinstance(entries, dict):
                continue
            for key, raw in entries.items():
                if key in table or not isinstance(raw, dict):
                    continue
                try:
                    window = Window(**raw)
                except TypeError:
                    continue  # another shape (an older version): ignore rather than fail
                numbers = (window.limit, window.remaining, window.reset)
                if not all(v is None or isinstance(v, int | float) for v in numbers):
                    continue
                if window.reset is not None and window.reset > now:
                    table[key] = window

    def after_429(self, key: str, headers: Mapping[str, str], what: str) -> None:
        self.record(key, headers)
        window = self.windows.get(key)
        now = self.timing.now()
        if window and window.reset and window.reset > now:
            self.wait(window.reset - now, f"rate limit for {what} (429)")
            window.remaining = None
        else:
            self.wait(FALLBACK_WAIT_SECONDS, f"rate limit for {what} (429, no reset time)")

    def wait(self, seconds: float, why: str) -> None:
        seconds = min(MAX_WAIT_SECONDS, max(0.0, seconds)) + self.rng.uniform(1, JITTER_SECONDS)
        log.info("waiting %.0fs: %s", seconds, why)
        self.waited_seconds += seconds
        if self.on_wait is not None:
            self.on_wait(seconds, why, self.timing.sleep)
        else:
            self.timing.sleep(seconds)


def _window(headers: Mapping[str, str], prefix: str) -> Window | None:
    def number(name: str) -> int | None:
        raw = headers.get(prefix + name)
        try:
            return int(raw) if raw is not None else None
        except ValueError:
            return None

    limit, remaining, reset = number("limit"), number("remaining"), number("reset")
    if limit is None and remaining is None and reset is None:
        return None
    return Window(limit, remaining, float(reset) if reset is not None else None)
