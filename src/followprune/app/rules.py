"""Automatic rules: which followed accounts a `[[auto.rules]]` entry takes, and why.

Pure: scores, rules and a moment in; verdicts out. The store and the network are the auto
run's business (app/auto.py), so this can be tested, and property-tested, on its own.

Decisions this module makes (documented in the README's automation section):
- The first rule in config order that matches an account takes it; an account is acted on
  once, whatever else matches.
- The scorer's `guard` (memorial account, keep-list, grace period, engaged mutuals) always
  wins over a rule.
- Unknown facts never satisfy a condition: an account with no known location is not "outside"
  any country, one whose last post is unknown is not "inactive".
- An account is acted on only once it has been proposed or matched in at least two runs at
  least `cooling_off_hours` apart, the current run included.
- The stream conditions (issue 12) read the run's timeline estimate: `posts_per_day_above`
  the account's best rate (sampled, between syncs, else lifetime), `stream_share_above` its
  share of the timeline, which a muted account never exceeds. No estimate, no match.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from followprune.app.stream import StreamView, percent
from followprune.config import AutoRule
from followprune.errors import ConfigError
from followprune.models import AccountState, ActionKind
from followprune.scoring.blend import MEMORIAL_GUARD, MUTED_GUARD, AccountScore
from followprune.scoring.facts import engagement, quality_faults
from followprune.scoring.quality import quality_rate
from followprune.scoring.wording import plural

# A condition check: the rule's value, the account's score and now -> why it holds, or None.
Check = Callable[[object, AccountScore, datetime], str | None]


@dataclass(frozen=True)
class RuleMatch:
    """A rule that takes an account, with one plain-words reason per condition."""

    score: AccountScore
    rule: AutoRule
    reasons: tuple[str, ...]

    @property
    def action(self) -> ActionKind:
        return ActionKind(self.rule.action)


@dataclass(frozen=True)
class Blocked:
    """A match that must not be acted on: protected by the scorer, or nothing left to do."""

    match: RuleMatch
    why: str


@dataclass
class RuleVerdicts:
    matches: list[RuleMatch] = field(default_factory=list)  # actionable, worst first
    blocked: list[Blocked] = field(default_factory=list)
    unmatched: list[AccountScore] = field(default_factory=list)

    def by_rule(self, rules: Sequence[AutoRule]) -> dict[str, list[RuleMatch]]:
        grouped: dict[str, list[RuleMatch]] = {rule.name: [] for rule in rules}
        for match in self.matches:
            grouped[match.rule.name].append(match)
        return grouped


def _days_ago(moment: object, now: datetime) -> float | None:
    if not isinstance(moment, datetime):
        return None
    return (now - moment).total_seconds() / 86400


def _dead(value: object, score: AccountScore, now: datetime) -> str | None:
    if score.dead == value:
        if score.dead:
            return f"account {score.account.state.value}"
        if score.account.state is AccountState.MEMORIAL:
            return MEMORIAL_GUARD  # not "active": its owner has died (the guard blocks it)
        return "account is active"
    return None


def _blocked(value: object, score: AccountScore, now: datetime) -> str | None:
    rel = score.relationship
    if rel.blocks_you or rel.blocked:
        return ("blocks you" if rel.blocks_you else "you block it") if value else None
    return None if value else "no block either way"


def _inactive(value: object, score: AccountScore, now: datetime) -> str | None:
    assert isinstance(value, int)
    if score.dead:  # a suspended or deleted account posts nothing, so it is inactive
        return f"account {score.account.state.value}"
    silent = quality_faults(score.components["quality"]).days_silent
    if silent is not None and silent > value:
        return f"silent for {plural(silent, 'day')} (more than {value})"
    return None


def _no_engagement(value: object, score: AccountScore, now: datetime) -> str | None:
    assert isinstance(value, int)
    seen = engagement(score.components["interaction"])
    last = [seen.last_from_them, seen.last_from_you]
    ages = [_days_ago(moment, now) for moment in last if moment is not None]
    if seen.events and not ages:
        return None  # engagement at an unknown time: it may be recent
    if any(age is None or age <= value for age in ages):
        return None
    if not ages:
        return "no engagement either way, ever"
    return ("no engagement either way for"
            f" {plural(int(min(a for a in ages if a is not None)), 'day')}")


def _follows_you(value: object, score: AccountScore, now: datetime) -> str | None:
    # Unknown follow-back (None, a file without follower data) matches neither true nor false.
    if score.relationship.follows_you != value:
        return None
    return "follows you back" if value else "doesn't follow you back"


def _apart(a: float, b: float) -> tuple[str, str]:
    """Two numbers with as many decimals as it takes to tell them apart (two to six):
    "keep score 0.00 < 0.00" had read as a false statement."""
    for digits in range(2, 7):
        shown, other = f"{a:.{digits}f}", f"{b:.{digits}f}"
        if shown != other:
            return shown, other
    return f"{a:g}", f"{b:g}"


def _keep_below(value: object, score: AccountScore, now: datetime) -> str | None:
    assert isinstance(value, float | int)
    if score.keep >= value:
        return None
    keep, limit = _apart(score.keep, value)
    return f"keep score {keep} < {limit}"


def _quality_below(value: object, score: AccountScore, now: datetime) -> str | None:
    assert isinstance(value, float | int)
    quality = score.components["quality"].value
    if quality >= value:
        return None
    shown, limit = _apart(quality, value)
    return f"quality {shown} < {limit}"


def _bot_above(value: object, score: AccountScore, now: datetime) -> str | None:
    assert isinstance(value, float | int)
    bot = quality_faults(score.components["quality"]).bot
    if bot > value:
        shown, limit = _apart(bot, value)
        return f"bot score {shown} > {limit}"
    return None


def _country_not_in(value: object, score: AccountScore, now: datetime) -> str | None:
    assert isinstance(value, list)
    from followprune.scoring.geography import location_of, resolve_location

    account = score.account
    country = resolve_location(location_of(account.location, account.bio)).country
    if country is None or country in value:
        return None
    return f"located in {country}, not in {', '.join(value)}"


CHECKS: dict[str, Check] = {
    "dead": _dead,
    "blocked": _blocked,
    "inactive_days": _inactive,
    "no_engagement_days": _no_engagement,
    "follows_you": _follows_you,
    "keep_below": _keep_below,
    "quality_below": _quality_below,
    "bot_score_above": _bot_above,
    "country_not_in": _country_not_in,
}


# Conditions on the timeline as a whole: they also need the run's stream estimate.
StreamCheck = Callable[[object, AccountScore, StreamView | None], str | None]


def _posts_above(value: object, score: AccountScore, stream: StreamView | None) -> str | None:
    assert isinstance(value, float | int)
    rate = stream.rates.get(score.account.id) if stream else None
    posts = rate.posts_per_day if rate else quality_rate(score.components["quality"])
    if posts is None or posts <= value:
        return None
    return f"about {posts:,.1f} posts a day (more than {value:g})"


def _share_above(value: object, score: AccountScore, stream: StreamView | None) -> str | None:
    assert isinstance(value, float | int)
    share = stream.share(score.account.id) if stream else None
    if share is None or share <= value:
        return None
    return f"{percent(share)} of your timeline (more than {percent(float(value))})"


STREAM_CHECKS: dict[str, StreamCheck] = {
    "posts_per_day_above": _posts_above,
    "stream_share_above": _share_above,
}


def evaluate(
    rule: AutoRule, score: AccountScore, now: datetime, stream: StreamView | None = None
) -> tuple[str, ...] | None:
    """The reasons every condition of `rule` holds for this account, or None if one fails."""
    reasons = []
    for name, value in rule.conditions().items():
        stream_check = STREAM_CHECKS.get(name)
        reason = (stream_check(value, score, stream) if stream_check
                  else CHECKS[name](value, score, now))
        if reason is None:
            return None
        reasons.append(reason)
    return tuple(reasons)


def first_match(
    rules: Sequence[AutoRule], score: AccountScore, now: datetime,
    stream: StreamView | None = None,
) -> RuleMatch | None:
    for rule in rules:
        reasons = evaluate(rule, score, now, stream)
        if reasons is not None:
            return RuleMatch(score, rule, reasons)
    return None


def match_rules(
    scores: Iterable[AccountScore], rules: Sequence[AutoRule], now: datetime,
    stream: StreamView | None = None,
) -> RuleVerdicts:
    """Sort every followed account into actionable matches, blocked matches and no match.
    `stream` is the run's timeline estimate, for the stream conditions."""
    verdicts = RuleVerdicts()
    for score in scores:
        match = first_match(rules, score, now, stream) if rules else None
        if match is None:
            verdicts.unmatched.append(score)
        elif score.guard is not None and score.guard != MUTED_GUARD:
            verdicts.blocked.append(Blocked(match, score.guard))
        elif match.action is ActionKind.MUTE and score.relationship.muted:
            verdicts.blocked.append(Blocked(match, "already muted"))
        else:
            verdicts.matches.append(match)
    return verdicts


def check_countries(rules: Sequence[AutoRule]) -> None:
    """Country codes are checked here, not in the config model, because it takes the
    geography data (half a second to load) and most commands never need it."""
    from followprune.scoring.geo_resolver import resolve_code

    for index, rule in enumerate(rules):
        for code in rule.country_not_in or []:
            if resolve_code(code) is None:
                raise ConfigError(
                    f'auto.rules[{index}] ("{rule.name}"): country_not_in: {code!r} is not a'
                    " country code followprune knows",
                    hint="use ISO 3166 two-letter codes, e.g. DE, FR, US",
                )


def ready_at(times: Iterable[datetime], cooling_off_hours: float) -> datetime | None:
    """When an account seen (proposed or matched) at these run times has cooled off: the
    second run at least `cooling_off_hours` after the first. None until that run exists.

    `times` holds one entry per run, so two runs started in the same instant count twice."""
    ordered = sorted(times)
    if len(ordered) < 2:
        return None
    span = timedelta(hours=cooling_off_hours)
    first = ordered[0]
    return next((t for t in ordered[1:] if t - first >= span), None)


@dataclass(frozen=True)
class Waiting:
    match: RuleMatch
    runs_seen: int
    earliest: datetime | None  # the earliest moment a run could act, if one run is known


def split_cooled(
    matches: Iterable[RuleMatch],
    seen: dict[str, list[datetime]],
    cooling_off_hours: float,
) -> tuple[list[RuleMatch], list[Waiting]]:
    """Matches that have cooled off, and those still waiting (with when they could be ready).

    `seen` holds, per account id, the start of every run that proposed or matched it,
    including the current run."""
    ready: list[RuleMatch] = []
    waiting: list[Waiting] = []
    for match in matches:
        times = seen.get(match.score.account.id, [])
        if ready_at(times, cooling_off_hours) is not None:
            ready.append(match)
        else:
            first = min(times, default=None)
            earliest = None if first is None else first + timedelta(hours=cooling_off_hours)
            waiting.append(Waiting(match, len(times), earliest))
    return ready, waiting
