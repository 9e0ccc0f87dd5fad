"""The clock and the sleep the X client uses, replaceable as one unit in tests."""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class Timing:
    now: Callable[[], float] = time.time  # Unix seconds, the unit of x-rate-limit-reset
    sleep: Callable[[float], None] = time.sleep


# build_x_network uses this; tests swap it for the fake server's clock.
SYSTEM_TIMING = Timing()
