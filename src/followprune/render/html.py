"""One self-contained HTML file: the proposals (`--format html`) or an automatic run
(`--auto --report run.html`), with inline SVG charts.

Self-contained means nothing is fetched when the file is opened: no CDN, no fonts, no
avatars; the style and the small sort-and-filter script are inline and pinned by hash in a
Content-Security-Policy, so even a script that slipped past escaping would not run.
Every text from the network (names, bios, locations, URLs) goes through Jinja2's
autoescaping, is cut to a bounded length (a 10 KB name must not make a 10 KB row) and is
isolated with <bdi> so a right-to-left override cannot reorder the text around it.
"""

from __future__ import annotations

import base64
import hashlib
import math
from collections import Counter
from collections.abc import Iterable
from datetime import datetime
from functools import cache
from typing import IO, TYPE_CHECKING, Any

from jinja2 import Environment, PackageLoader, select_autoescape
from markupsafe import Markup

from followprune.components import component_names
from followprune.render import charts
from followprune.render.console import controls_shown, has_controls
from followprune.render.documents import Proposals
from followprune.render.tables import nothing_below
from followprune.scoring.blend import AccountScore
from followprune.scoring.geo_resolver import country_display_name
from followprune.scoring.geography import resolve_location
from followprune.scoring.quality import posts_per_day

if TYPE_CHECKING:
    from rich.console import Console

    from followprune.app.auto import AutoReport
    from followprune.app.review import Review
    from followprune.errors import FollowpruneError

# Longest text shown from a field a stranger wrote; the rest is cut with an ellipsis.
_CUT = {"handle": 40, "name": 60, "location": 50, "bio": 160, "reason": 160}
# Countries named in the chart; the rest are counted together.
_TOP_COUNTRIES = 12
# Last-activity bins: (label, at most this many days ago).
_ACTIVITY_BINS = (("week", 7), ("month", 30), ("3 months", 91), ("6 months", 182),
                  ("year", 365), ("2 years", 730), ("older", math.inf))


def _visible(value: object) -> object:
    """Every value a template writes: profile text with its control characters shown (an
    escape sequence in a name means nothing to a browser, but the page is text too)."""
    if isinstance(value, str) and has_controls(value):
        shown = controls_shown(value)
        # Markup the page made itself (charts) stays markup; the rest is escaped after this.
        return Markup(shown) if isinstance(value, Markup) else shown
    return value


@cache
def _environment() -> Environment:
    env = Environment(
        loader=PackageLoader("followprune", "render/templates"),
        autoescape=select_autoescape(default=True, default_for_string=True),
        trim_blocks=True,
        lstrip_blocks=True,
        finalize=_visible,
    )
    env.filters["cut"] = cut
    env.filters["safe_url"] = safe_url
    return env


def cut(text: object, field: str = "reason") -> str:
    """`text` no longer than the limit for `field`; line breaks become spaces."""
    value = " ".join(str(text or "").split())
    limit = _CUT[field]
    return value if len(value) <= limit else value[: limit - 1] + "…"


def safe_url(url: object) -> str | None:
    """`url` when it is a plain http(s) address, else None (no javascript:, data:, ...)."""
    text = str(url or "").strip()
    scheme, sep, rest = text.partition("://")
    if not sep or scheme.lower() not in ("http", "https") or not rest:
        return None
    if any(c.isspace() or ord(c) < 32 for c in text) or len(text) > 300:
        return None
    return text


def _hash(source: str) -> str:
    return "sha256-" + base64.b64encode(hashlib.sha256(source.encode()).digest()).decode()


@cache
def _assets() -> tuple[Markup, Markup, str]:
    """The inline style and script, and the Content-Security-Policy that allows exactly them."""
    env = _environment()
    assert env.loader is not None
    style = env.loader.get_source(env, "report.css")[0]
    script = env.loader.get_source(env, "report.js")[0]
    policy = (f"default-src 'none'; style-src '{_hash(style)}'; script-src '{_hash(script)}';"
              " img-src 'none'; base-uri 'none'; form-action 'none'")
    return Markup(style), Markup(script), policy


def _render(template: str, **context: Any) -> str:
    style, script, policy = _assets()
    return _environment().get_template(template).render(
        style=style, script=script, policy=policy, **context)


def render_template(template: str, **context: Any) -> str:
    """One of the templates, with the reports' inline style, script and policy (for
    documents rendered outside this module, e.g. render/suggestions.py)."""
    return _render(template, **context)


# -- proposals ------------------------------------------------------------------------------

def _days_ago(moment: datetime | None, now: datetime) -> float | None:
    return None if moment is None else max((now - moment).total_seconds() / 86_400, 0.0)


def _activity_bins(scores: Iterable[AccountScore], now: datetime) -> list[tuple[str, int]]:
    counts = Counter[str]()
    for score in scores:
        days = _days_ago(score.account.last_active_at, now)
        if days is None:
            counts["unknown"] += 1
            continue
        label = next(label for label, limit in _ACTIVITY_BINS if days <= limit)
        counts[label] += 1
    rows = [(f"≤ {label}" if label != "older" else label, counts[label])
            for label, _ in _ACTIVITY_BINS]
    if counts["unknown"]:
        rows.append(("unknown", counts["unknown"]))
    return rows


def _countries(scores: Iterable[AccountScore]) -> list[tuple[str, int]]:
    by_text: dict[str, str] = {}
    by_code: dict[str | None, str] = {}
    counts = Counter[str]()
    for score in scores:
        geography = score.components.get("geography")
        if geography is not None and "location" in geography.facts:
            # The country geography scored: the reader's own namesake, or a place the bio
            # named for a profile with no location, as the reasons say.
            found = geography.facts.get("country")
            code = found if isinstance(found, str) else None
            country = by_code.get(code)
            if country is None:
                country = by_code[code] = country_display_name(code) if code else "not known"
            counts[country] += 1
            continue
        text = score.account.location
        country = by_text.get(text)
        if country is None:
            code = resolve_location(text).country if text.strip() else None
            country = country_display_name(code) if code else "not known"
            by_text[text] = country
        counts[country] += 1
    unknown = counts.pop("not known", 0)
    top = counts.most_common(_TOP_COUNTRIES)
    rest = sum(counts.values()) - sum(n for _, n in top)
    if rest:
        top.append(("other countries", rest))
    if unknown:
        top.append(("not known", unknown))
    return top


def _engagement(score: AccountScore) -> float:
    facts = score.components["interaction"].facts
    total = 0.0
    for key in ("engagement_from_them", "engagement_from_you"):
        value = facts.get(key)
        if isinstance(value, (int, float)):
            total += float(value)
    return total


def _rates(review: Review, now: datetime) -> list[float | None]:
    """Each account's posts a day: the stream estimate (issue 12), else the lifetime rate."""
    estimated = review.stream.rates
    return [estimated[s.account.id].posts_per_day if s.account.id in estimated
            else posts_per_day(s.account, now) if s.account.profile_known else None
            for s in review.scores]


def _stream_share(review: Review) -> float | None:
    """The share of the posts a day in the timeline that the proposed accounts write (muted
    accounts write none of it)."""
    summary = review.stream.summary(s for s in review.scores if s.proposed)
    return summary.cut_share if summary.posts_per_day > 0 else None


def _row(score: AccountScore, rank: int, now: datetime, action: str | None,
         reasons: list[str]) -> dict[str, Any]:
    account = score.account
    days = _days_ago(account.last_active_at, now)
    parts = [(name, max(0.0, min(1.0, c.value))) for name, c in score.components.items()]
    return {
        "rank": rank,
        "handle": account.handle,
        "name": account.name,
        "bio": account.bio,
        "location": account.location,
        "url": account.url,
        "keep": score.keep,
        "components": parts,
        "mini": charts.components(parts),
        "action": action,
        "proposed": score.proposed,
        "guard": score.guard,
        "days": days,
        "active": "unknown" if days is None else _ago(days),
        "reasons": reasons,
    }


def _ago(days: float) -> str:
    if days < 1:
        return "today"
    if days < 60:
        return f"{days:.0f} d"
    if days < 730:
        return f"{days / 30.4:.0f} mo"
    return f"{days / 365.25:.1f} y"


def proposals_html(doc: Proposals) -> str:
    review = doc.review
    scores = review.scores
    now = doc.now
    rates = _rates(review, now)
    action_of = {s.account.id: a.value for s, a in zip(review.proposals, doc.actions,
                                                          strict=True)}
    shaping = dict(doc.settings)
    weights = shaping.pop("weights", None)
    summary = {
        "followed": len(scores),
        "proposed": review.proposed_total,
        "shown": len(review.proposals),
        "protected": sum(1 for s in scores if s.guard),
        "threshold": review.threshold,
        "share": _stream_share(review),
    }
    threshold_label = f"threshold {review.threshold:g}"
    figures = [
        ("Keep score of every followed account",
         f"Accounts left of the line ({threshold_label}) score low enough to be proposed"
         " unless protected.",
         charts.histogram("Keep score distribution", [s.keep for s in scores],
                          marker=review.threshold, marker_label=threshold_label)),
        ("Why accounts are proposed", "The leading cause of each proposal.",
         charts.hbars("Causes of proposals", review.why_counts(), empty="nothing proposed")),
        ("Last activity", "When each followed account last posted.",
         charts.vbars("Last activity", _activity_bins(scores, now))),
        ("Countries", "Where the accounts you follow say they are.",
         charts.hbars("Countries of followed accounts", _countries(scores))),
        ("Posting rate and engagement",
         "Posts a day against your engagement with each account (both on log scales);"
         " proposals are highlighted.",
         charts.scatter("Posting rate vs engagement",
                        [(r, _engagement(s), s.proposed)
                         for s, r in zip(scores, rates, strict=True) if r is not None],
                        x_label="posts a day", y_label="engagement")),
    ]
    proposals = [_row(s, rank, now, action_of.get(s.account.id), review.why(s))
                 for rank, s in enumerate(review.proposals, 1)]
    everyone = ([_row(s, rank, now, action_of.get(s.account.id), review.why(s, 2))
                 for rank, s in enumerate(scores, 1)] if doc.all_accounts else None)
    return _render(
        "proposals.html.j2",
        title=f"followprune: {_list_name(review.network)}",
        network=review.network,
        list_name=_list_name(review.network),
        run_id=review.run_id,
        now=now,
        as_of=review.as_of,
        summary=summary,
        weights=weights or {},
        shaping=shaping,
        components=component_names(),
        figures=figures,
        proposals=proposals,
        everyone=everyone,
        missing=review.missing,
        nothing_below=None if proposals else nothing_below(review),
    )


def write_proposals_html(doc: Proposals, console: Console) -> None:
    _write(console.file, proposals_html(doc))


# -- automatic runs -------------------------------------------------------------------------

def auto_report_html(report: AutoReport) -> str:
    from followprune.render.report import report_dict

    data = report_dict(report)
    counts = data["counts"]
    by_rule = Counter[tuple[str, str]]()
    for row in data["actions"]:
        by_rule[(row["rule"] or "no rule", row["outcome"])] += 1
    rule_rows = sorted({rule for rule, _ in by_rule})
    outcomes = ("done", "failed", "not attempted")
    return _render(
        "auto.html.j2",
        title=f"followprune: automatic run {data['run_id']} on {data['network']}",
        data=data,
        counts=counts,
        figures=[
            ("What the run found", "Accounts at each stage of the run.",
             charts.hbars("Counts of the run", [
                 (name.replace("_", " "), int(value)) for name, value in counts.items()])),
            ("Actions by rule", "Each rule's actions and what became of them.",
             charts.hbars("Actions by rule", [
                 (f"{rule}: {outcome}", by_rule[(rule, outcome)])
                 for rule in rule_rows for outcome in outcomes if by_rule[(rule, outcome)]
             ], empty="no actions")),
        ],
        by_rule=[(rule, [by_rule[(rule, o)] for o in outcomes]) for rule in rule_rows],
        outcomes=outcomes,
    )


def error_html(error: FollowpruneError) -> str:
    return _render("auto.html.j2", title="followprune: automatic run failed",
                   failed={"message": error.message, "hint": error.hint,
                           "exit_code": int(error.exit_code)},
                   data=None, counts={}, figures=[], by_rule=[], outcomes=())


def write_report_html(report: AutoReport, console: Console) -> None:
    _write(console.file, auto_report_html(report))


def _write(out: IO[str], text: str) -> None:
    out.write(text)
    out.flush()


def _list_name(network: str) -> str:
    """'X follow list'; a list read with --from is no network's ("Your file follow list"
    read oddly: persona round 15)."""
    return "follow list read from a file" if network == "file" else f"{network} follow list"
