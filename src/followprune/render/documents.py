"""What the writers of render/output.py are handed: a command's result and what shapes it."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from followprune.app.explain import Explanation
    from followprune.app.history import History
    from followprune.app.review import Review
    from followprune.models import ActionKind
    from followprune.scoring.geography import Place


@dataclass
class Proposals:
    review: Review
    actions: Sequence[ActionKind]  # the action of each proposal, in order
    now: datetime  # what "last active" is counted from
    all_accounts: bool = False  # every account, not only the proposals (json, csv, html)
    # The settings that shaped the scores (weights, home, regions), for reports that show
    # them (html); empty when the caller has none to give.
    settings: Mapping[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class ExplanationDocument:
    explanation: Explanation
    now: datetime


@dataclass(frozen=True)
class Places:
    resolved: Sequence[tuple[str, Place]]  # each text and how it resolved


@dataclass(frozen=True)
class HistoryDocument:
    history: History
    filtered: bool  # --run or --rule was given
