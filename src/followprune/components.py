"""The score components, each declared once: name, default weight, how it is shown, and the
function that scores a whole follow list for it.

Config weights (`[weights]`), the blend, the stored scores, JSON/CSV columns, table headers,
`explain` and the summary's causes all read this registry. A component is a scoring function
plus one `register(...)` line at the bottom of this file; nothing else names the components
one by one.

Plain data, imported by every layer (config sits below scoring, so the declarations cannot
live there). The scorer is named as "module:function" and imported when a list is scored.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from followprune.plugins import Registry, resolve


@dataclass(frozen=True)
class ComponentSpec:
    name: str
    weight: float  # the default weight in the blend
    header: str  # the narrow table's column header
    cause: str  # what the summary counts a proposal under when this component is its worst
    summary: str  # one line for help and docs
    # "module:function" scoring a whole list: it takes a scoring.context.ScoringContext and
    # returns one Component per account, in order.
    scorer: str
    # Scored neutral (with a note) for an account whose profile was never read.
    needs_profile: bool = True

    def score_function(self) -> Any:
        return resolve(self.scorer)


_COMPONENTS: Registry[ComponentSpec] = Registry("component")
register = _COMPONENTS.register
unregister = _COMPONENTS.unregister
# Every component, in the order they were registered (the order of every column).
component_names = _COMPONENTS.names
component_specs = _COMPONENTS.items


def component_spec(name: str) -> ComponentSpec:
    spec = _COMPONENTS.get(name)
    if spec is None:
        raise KeyError(name)
    return spec


# Quality weighs as much as relevance and interaction, so bots and dead weight rank below
# genuine but quiet ties (tuned on the demo and the research digest).
register(ComponentSpec(
    "relevance", 0.30, "rel", "off-topic",
    "how well the bio and pinned post fit your interests",
    scorer="followprune.scoring.lists:relevance_of_list"))
register(ComponentSpec(
    "interaction", 0.30, "int", "no interaction",
    "engagement both ways, and who follows back",
    scorer="followprune.scoring.lists:interaction_of_list", needs_profile=False))
register(ComponentSpec(
    "geography", 0.10, "geo", "far away",
    "where the account is against your home and regions",
    scorer="followprune.scoring.lists:geography_of_list"))
register(ComponentSpec(
    "quality", 0.30, "qual", "low quality",
    "activity, posting volume, and bot or follower-seeker signals",
    scorer="followprune.scoring.lists:quality_of_list"))
