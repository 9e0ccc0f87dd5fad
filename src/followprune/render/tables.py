"""Rich renderables for proposals, explanations, history and runs."""

from __future__ import annotations

import unicodedata
from collections import Counter
from collections.abc import Mapping, Sequence
from datetime import datetime

from rich import box
from rich.console import Console, Group, RenderableType
from rich.padding import Padding
from rich.table import Table
from rich.text import Text

from followprune.app.review import Review
from followprune.app.stream import percent
from followprune.components import component_names, component_spec
from followprune.config import DEFAULT_THRESHOLD
from followprune.models import AccountState, ActionKind
from followprune.render.documents import ExplanationDocument, Proposals
from followprune.scoring.blend import MUTED_GUARD, AccountScore
from followprune.scoring.stream import RateSource
from followprune.scoring.wording import ago, plural
from followprune.store.journal import ActionRecord
from followprune.store.runs import RunRecord


def keep_bar(value: float, width: int = 8) -> Text:
    filled = round(value * width)
    style = "red" if value < 0.35 else "yellow" if value < 0.55 else "green"
    return Text("█" * filled, style=style) + Text("░" * (width - filled), style="dim") + Text(
        f" {value:.2f}"
    )


def last_active(score: AccountScore, now: datetime) -> str:
    when = score.account.last_active_at
    if score.dead:
        return score.account.state.value
    return ago(when, now) if when else "unknown"


# Below this many columns the table cannot show the reasons; each account gets two lines.
WIDE_ENOUGH = 150
# The handle column WIDE_ENOUGH allows for: "@" and X's 15 letters. A Mastodon handle names
# its server too ("@lena@social.example"), and each letter more needs a column more.
_HANDLE_ROOM = 16
# The widest the full table's handle column gets; a longer handle (a Bluesky DID, a long
# custom domain) folds onto a second line within it, so the columns after it stay in line
# and a 160-column terminal still gets the full table (persona 16).
_HANDLE_MOST = 24


def proposals_table(
    review: Review, actions: Sequence[ActionKind], now: datetime, *, plain: bool = False,
    handle_width: int = _HANDLE_MOST,
) -> Table:
    table = Table(
        box=None if plain else box.SIMPLE_HEAD,
        show_edge=False,
        pad_edge=False,
        title=None,
    )
    table.add_column("#", justify="right")
    # A handle longer than its column folds within it (see _HANDLE_MOST).
    table.add_column("handle", max_width=handle_width, overflow="fold")
    table.add_column("name", max_width=20, no_wrap=True, overflow="ellipsis")
    table.add_column("keep", no_wrap=True)
    names = component_names()
    for name in names:
        table.add_column(component_spec(name).header, justify="right")
    table.add_column("last active", no_wrap=True)
    table.add_column("location", max_width=18, no_wrap=True, overflow="ellipsis")
    table.add_column("posts/day", justify="right", no_wrap=True)
    table.add_column("action")
    table.add_column("why", ratio=1)
    for row, (score, action) in enumerate(zip(review.proposals, actions, strict=True), start=1):
        table.add_row(
            str(row),
            "@" + score.account.handle,
            ltr_after(score.account.name),
            keep_bar(score.keep),
            *(f"{score.components[n].value:.2f}" for n in names),
            last_active(score, now),
            ltr_after(score.account.location) or "—",
            stream_cell(review, score),
            Text(action.value, style="bold red" if action is ActionKind.UNFOLLOW else "yellow"),
            "; ".join(review.why(score, 3)),
        )
    return table


def ltr_after(text: str) -> str:
    """`text` ended by a left-to-right mark when it holds right-to-left letters (Arabic,
    Hebrew): a terminal that lays out bidirectional text had carried the row's next cells
    (the scores, the posts a day) into the Arabic run and shown them reversed (persona round
    11). The mark is zero-width, and text without such letters is left as it is."""
    if text.isascii() or not any(unicodedata.bidirectional(ch) in ("R", "AL") for ch in text):
        return text
    return text + "\u200e"


def stream_cell(review: Review, score: AccountScore) -> str:
    """Posts a day and share of the timeline, e.g. "38 · 6 %" ("~" marks a lifetime guess)."""
    stream = review.stream
    rate = stream.rates.get(score.account.id)
    if rate is None:
        return "—"
    guess = "~" if rate.source is RateSource.LIFETIME else ""
    posts = rate.posts_per_day
    if posts == 0 and rate.source is RateSource.TIMELINE:
        # Nothing in a sample of hours is no rate of 0 a day: an account active yesterday
        # had read "0 · 0 %" (persona round 13), as explain says, "none seen".
        return "none seen"
    shown = (f"{posts:,.0f}" if posts >= 10 else f"{posts:.1f}" if posts >= 0.05
             else "<0.1" if posts > 0 else "0")  # never "0.0" for an account that posts
    share = stream.share(score.account.id) or 0.0
    return f"{guess}{shown} · {percent(share)}" if score.account.id not in stream.muted \
        else f"{guess}{shown} · muted"


def proposals_view(
    review: Review, actions: Sequence[ActionKind], now: datetime, *, width: int, plain: bool
) -> RenderableType:
    # Off a terminal the width is 200 unless COLUMNS says otherwise: a narrower COLUMNS
    # gets the two-line layout there too, as the full table would squeeze its columns.
    longest = max((len(s.account.handle) + 1 for s in review.proposals), default=0)
    if width >= WIDE_ENOUGH + max(0, min(longest, _HANDLE_MOST) - _HANDLE_ROOM):
        # What the width has beyond WIDE_ENOUGH goes to the handle column first.
        room = max(_HANDLE_MOST, _HANDLE_ROOM + width - WIDE_ENOUGH)
        return proposals_table(review, actions, now, plain=plain, handle_width=room)
    return proposals_compact(review, actions, now, width=width)


# What a compact row holds besides its handle: the row number, the keep bar, the values,
# "last active" and the action, with the spaces between them.
_COMPACT_REST = 66


def proposals_compact(
    review: Review, actions: Sequence[ActionKind], now: datetime, *, width: int = 0
) -> RenderableType:
    """Two lines an account, for terminals too narrow for the full table. The handle column
    is as wide as the longest handle where the width allows (up to _HANDLE_MOST); a longer
    handle is cut there and given whole on the line below, so the columns stay in line."""
    longest = max((len(s.account.handle) + 1 for s in review.proposals), default=0)
    room = max(_HANDLE_ROOM, min(longest, width - _COMPACT_REST, _HANDLE_MOST))
    # Each value is printed in 4 characters and a space: the headers line up with them.
    headers = " ".join(f"{component_spec(n).header:<4}" for n in component_names())
    lines: list[RenderableType] = [
        Text(f"{'#':>3}  {'handle':<{room}} {'keep':<13}  {headers.rstrip():<19}  "
             f"{'last active':<13} action", style="bold")
    ]
    for row, (score, action) in enumerate(zip(review.proposals, actions, strict=True), start=1):
        full = "@" + score.account.handle
        # Cut to its column, so the values after it stay under their headers; the whole
        # handle leads the line below.
        long = len(full) > room
        handle = full[:room - 1] + "…" if long else full.ljust(room)
        values = " ".join(f"{c.value:.2f}" for c in score.components.values())
        lines.append(
            Text(f"{row:>3}  {handle} ")
            + keep_bar(score.keep)
            + Text(f"  {values}  {last_active(score, now):<13} ")
            + Text(action.value, style="bold red" if action is ActionKind.UNFOLLOW else "yellow")
        )
        where = f" · {ltr_after(score.account.location)}" if score.account.location else ""
        detail = (f"{ltr_after(score.account.name)}{where}: " if score.account.name or where
                  else "")
        if long:
            detail = f"{full} · {detail}" if detail else f"{full}: "
        lines.append(Padding(Text(detail + "; ".join(review.why(score, 3)), style="dim"),
                             (0, 0, 0, 5)))
    return Group(*lines)


def guard_kind(guard: str) -> str:
    """What kind of protection a guard's words name, for the summary's counts."""
    if guard == MUTED_GUARD:
        return "muted"
    if guard.startswith("followed "):
        return "in their grace period"
    if guard.startswith("mutual who engaged"):
        return "engaged mutuals"
    if guard.endswith(("(keep_mutuals)", "(keep_verified)", "(keep_places)")):
        return "kept by your keep rules"
    return "on your keep-list"  # your own keeps, proposals.keep, restored by undo


def summary_line(review: Review) -> str:
    followed = len(review.scores)
    aside = review.set_aside
    # The rows shown before any were taken out at the prompt.
    shown = len(review.proposals) + review.skipped_at_prompt + review.kept_at_prompt
    total = review.proposed_total
    why = ", ".join(f"{n} {cause}" for cause, n in review.why_counts())
    text = f"Following {plural(followed, 'account')} on {review.network}; {total:,} proposed"
    if shown < total:
        text += f" (showing the worst {shown:,})"
    budget = review.stream.budget
    if budget is not None:
        text += f" to bring your timeline under {budget.budget:,.0f} posts a day"
    else:
        text += f" with keep score below {review.threshold:.2f} or dead"
    if why:
        text += f": {why}"
    kinds = Counter(guard_kind(s.guard) for s in review.scores if s.guard)
    if kinds:
        text += f". {kinds.total():,} protected: " + ", ".join(
            f"{n:,} {kind}" for kind, n in kinds.most_common())
    if aside is not None:
        # Persona 16 skipped one of 19 and still read "19 proposed" and "These 19 proposals
        # would cut it by 71 %", as if all were still to be acted on.
        text += (f". At the prompt: {aside};"
                 f" {plural(len(review.proposals), 'account')} left to act on")
    if review.as_of is not None:
        text += f". Scored as of {review.as_of:%Y-%m-%d %H:%M} UTC, {review.as_of_source}"
    return text + "."


def nothing_below(review: Review) -> str:
    """Why a review proposes nothing, true of the accounts below the threshold too (they
    are protected: keep-list, grace period, a keep rule); at the default threshold or a
    lower one, the floor on sound accounts is why, and a higher threshold is the way to cut
    deeper (persona 16 raised it and read "every account is above the threshold")."""
    threshold = review.threshold
    protected = sum(1 for s in review.scores if s.guard is not None and s.keep < threshold)
    text = (f"Nothing to propose: every account you follow scores at or above the threshold"
            f" ({threshold:.2f})")
    if protected:
        text += (f", but for {plural(protected, 'protected account')} (keep-list, grace period,"
                 " keep rules)")
    text += "."
    if threshold <= DEFAULT_THRESHOLD:
        text += (f" Accounts of sound quality are floored just above the default threshold"
                 f" ({DEFAULT_THRESHOLD:.2f}), so being off-topic or never engaged does not"
                 " propose them on its own; a higher threshold (proposals.threshold)"
                 " proposes those whose score is below it.")
    return text


def explain_table(score: AccountScore, weights: dict[str, float]) -> Table:
    table = Table(box=box.SIMPLE_HEAD, show_edge=False)
    table.add_column("component")
    table.add_column("value", justify="right")
    table.add_column("weight", justify="right")
    table.add_column("reasons and facts", ratio=1)
    # "dead: no" beside someone who has died reads cruelly; the verdict names the memorial.
    unsaid = ("dead",) if score.account.state is AccountState.MEMORIAL else ()
    for name, component in score.components.items():
        lines = [("− " if r.push < 0 else "+ " if r.push > 0 else "· ") + r.text
                 for r in component.reasons]
        facts = " · ".join(f"{k.replace('_', ' ')}: {_fact(v)}"
                           for k, v in component.facts.items() if k not in unsaid)
        if facts:
            lines.append(f"[dim]{facts}[/dim]")
        table.add_row(name, f"{component.value:.2f}", f"{weights.get(name, 0):.2f}",
                      "\n".join(lines))
    return table


def _fact(value: object) -> str:
    """A fact as a person reads it: yes/no, rounded numbers, lists and maps spelled out."""
    if value is None:
        return "unknown"
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, datetime):
        return value.date().isoformat()
    if isinstance(value, float):
        return f"{value:.2f}".rstrip("0").rstrip(".") if abs(value) < 1000 else f"{value:,.0f}"
    if isinstance(value, int):
        return f"{value:,}"
    if isinstance(value, str):
        return value or "—"
    if isinstance(value, Mapping):
        return ", ".join(f"{str(k).replace('_', ' ')} {_fact(v)}"
                         for k, v in value.items()) or "none"
    if isinstance(value, (list, tuple, set, frozenset)):
        return ", ".join(_fact(v) for v in value) or "none"
    return str(value)


def runs_table(runs: Sequence[RunRecord], counts: dict[int, dict[str, int]]) -> Table:
    table = Table(box=box.SIMPLE_HEAD, show_edge=False)
    for column in ("run", "started", "mode", "followed", "proposed", "actions"):
        table.add_column(column)
    for run in runs:
        done = counts.get(run.id, {})
        text = ", ".join(f"{n} {phase}" for phase, n in sorted(done.items())) or "none"
        table.add_row(str(run.id), run.started_at.strftime("%Y-%m-%d %H:%M"), run.mode,
                      f"{run.followed:,}", f"{run.proposed:,}", text)
    return table


def actions_table(records: Sequence[ActionRecord]) -> Table:
    table = Table(box=box.SIMPLE_HEAD, show_edge=False)
    for column in ("id", "run", "when", "action", "handle", "rule", "state", "detail"):
        table.add_column(column)
    for r in records:
        table.add_row(str(r.id), str(r.run_id), r.created_at.strftime("%Y-%m-%d %H:%M"),
                      r.kind.value + (f" (undo of {r.undo_of})" if r.undo_of else ""),
                      "@" + r.handle, r.rule or "", r.phase, r.detail)
    return table


def write_proposals(doc: Proposals, console: Console) -> None:
    review = doc.review
    if review.proposals:
        console.print(proposals_view(review, doc.actions, doc.now, width=console.width,
                                     plain=not console.is_terminal))
    console.print(summary_line(review))
    # Once rows are taken out at the prompt, the cut is that of the rows left to act on.
    stream = review.stream.summary_line(
        review.proposals if review.set_aside is not None
        else [s for s in review.scores if s.proposed])
    if stream:
        console.print(stream)


def write_explanation(doc: ExplanationDocument, console: Console) -> None:
    result, now = doc.explanation, doc.now
    score = result.score
    account = score.account
    console.print(f"[bold]@{account.handle}[/bold] {account.name}  (id {account.id})")
    if account.bio:
        console.print(f"  bio: {account.bio}", markup=False)
    follows = score.relationship.follows_you
    console.print(f"  location: {account.location or '—'} · last active: "
                  f"{last_active(score, now)} · follows you: "
                  f"{'unknown' if follows is None else 'yes' if follows else 'no'}",
                  markup=False)
    console.print("  keep score: ", keep_bar(score.keep),
                  f"  (rank {result.rank:,} of {result.followed:,}, worst first)")
    if result.stream:
        console.print(f"  in your timeline: {result.stream}", markup=False)
    console.print(explain_table(score, result.weights))
    console.print(f"[bold]{result.verdict}[/bold]")
