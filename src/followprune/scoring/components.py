"""What every scoring component returns: a value in [0,1] with reasons a person can read."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field


@dataclass(frozen=True, slots=True)
class Reason:
    """One plain-words reason. `push` < 0 argues for unfollowing, > 0 for keeping;
    its size says how strongly, so the strongest reasons can be shown first."""

    text: str
    push: float


@dataclass(frozen=True, slots=True)
class Component:
    """One component's verdict: higher `value` means more reason to keep the account."""

    value: float
    reasons: tuple[Reason, ...] = ()
    # The facts the value was computed from, shown by `prune explain`.
    facts: Mapping[str, object] = field(default_factory=dict)

    def __post_init__(self) -> None:
        if not 0.0 <= self.value <= 1.0:
            raise ValueError(f"component value {self.value} outside [0, 1]")
