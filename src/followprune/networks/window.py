"""A rate-limit window as a network's answers describe it (Bluesky's `ratelimit-*` and
Mastodon's `X-RateLimit-*` headers say the same two things: calls left, and when the window
reopens). Shared so both wait the same way: a window spent to its last calls makes the next
call wait for the reset instead of meeting a 429, and a reset too far off ends the run."""

from __future__ import annotations

from collections.abc import Callable

from followprune.networks.base import Waiter

# A 429 whose window reopens later than this ends the run (exit 6) instead of waiting.
MAX_WAIT_SECONDS = 900.0
# 429s waited out in one call before it gives up (exit 6).
MAX_WAITS = 3
# Calls kept in hand when a window is nearly used up: at this many left, wait for the reset.
RESERVE = 2


def wait_shown(on_wait: Waiter | None, sleep: Callable[[float], None], seconds: float,
               why: str) -> None:
    """Sleep through a wait, shown by `on_wait` (the CLI's countdown) when there is one."""
    if on_wait is not None:
        on_wait(seconds, why, sleep)
    else:
        sleep(seconds)


def until_reset(reset: float | None, now: float) -> float | None:
    """Seconds until a window that reopens at `reset` (epoch seconds) does; None when it is
    unknown or further off than a run should sit through."""
    if not reset:
        return None
    wait = max(1.0, reset - now)
    return wait if wait <= MAX_WAIT_SECONDS else None


class LastCalls:
    """Remembers whether the last answer left the window at its last calls."""

    def __init__(self, network: str) -> None:
        self.network = network
        self._dry_until: float | None = None  # the reset of a nearly spent window

    def note(self, remaining: int | None, reset: float | None) -> None:
        near = remaining is not None and remaining <= RESERVE and bool(reset)
        self._dry_until = reset if near else None

    def before(self, what: str, now: float, wait: Callable[[float, str], None]) -> None:
        """Wait for the window to reopen instead of spending its last calls and meeting a
        429; a window further off than a run should wait is left to the 429 handling."""
        if self._dry_until is None:
            return
        seconds = self._dry_until - now
        self._dry_until = None
        if 0 < seconds <= MAX_WAIT_SECONDS:
            wait(seconds, f"{self.network} rate limit nearly reached before {what}")
