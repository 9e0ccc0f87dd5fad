"""`prune suggest`: people worth following, with reasons; following only the rows you pick."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import click

from followprune.cli.options import format_option
from followprune.cli.state import CliState, get_state, network_options
from followprune.errors import FollowpruneError, InputError

if TYPE_CHECKING:
    from collections.abc import Callable

    from followprune.app.actions import ApplyResult
    from followprune.app.parked import Comeback
    from followprune.app.suggest import Suggestion, Suggestions
    from followprune.models import ActionKind

HELP = """Commands:
  follow 1,3-5 @alice   follow these rows (journaled, capped, `prune undo` reverses them)
  unmute 1 @bob         unmute these muted accounts that came back (their own numbers,
                        below the table; journaled, capped, `prune undo` mutes them again)
  list                  show the table again
  quit                  leave without following anyone"""


@click.command()
@format_option("suggestions")
@click.option("--limit", type=click.IntRange(min=1, max=100_000), default=None,
              help="Show at most N suggestions (default: suggest.limit).")
@click.option("--max-cost", type=click.FloatRange(min=0), default=None,
              help="Most the reads may cost on X, in US dollars (default: x.max_cost).")
@click.option("--yes", "-y", "spend_ok", is_flag=True,
              help="Do not ask before paid reads; spend up to --max-cost. Never follows"
              " anyone: following always needs rows you pick.")
@network_options
def suggest(output_format: str, limit: int | None, max_cost: float | None, spend_ok: bool,
            demo: bool, network: str | None) -> None:
    """Suggest people worth following, ranked, with reasons. Never follows on its own."""
    from followprune.app.suggest import prepare_suggestions
    from followprune.cli.sync import countdown, set_max_cost
    from followprune.render.console import stdin_is_interactive
    from followprune.render.output import write
    from followprune.render.suggestions import SuggestionsDocument
    from followprune.scoring.wording import plural

    state = get_state()
    set_max_cost(state, max_cost)
    app = state.app()
    consoles = state.consoles
    net = app.network(state.network_name(demo, network), stored_ok=True)
    app.on_wait = countdown(state)
    interactive = stdin_is_interactive()

    def ask(plan: Any) -> bool:
        from followprune.cli.answers import confirm

        agreed = confirm(f"Spend about ${plan.estimate:.2f} on these reads?", default=True,
                         err=True)
        if not agreed:
            consoles.note("Nothing was read.")
        return agreed

    result = prepare_suggestions(
        app, net, limit=limit, show_plan=lambda plan: _show_plan(state, plan),
        ask=ask if interactive and not spend_ok else None)
    if result is None:
        return
    if result.usage is not None and result.plan is not None:
        consoles.note(f"X: {plural(result.usage.total_calls, 'call')},"
                      f" {plural(result.usage.resources_read, 'resource')}"
                      f" read; estimated ${result.plan.estimate:.2f}, spent about"
                      f" ${result.usage.cost:.2f}.")
    write("suggestions", output_format, SuggestionsDocument(result), consoles.out)
    if output_format != "table" or not (result.suggestions or result.muted_comebacks):
        return
    if not interactive:
        consoles.note("Nothing was followed: on a terminal, pick rows with `follow 1,3-5`"
                      + (" or `unmute 1`." if result.muted_comebacks else "."))
        return
    # Unmuting leaves the prompt open (the suggestions are still there to follow); following
    # ends it, as it always has.
    while True:
        verb, chosen = _ask(state, result)
        if verb == "unmute":
            outcome = _unmute(state, result, chosen)
            taken = {o.action.account_id for o in outcome.done}
            result.muted_comebacks = [c for c in result.muted_comebacks
                                      if c.account_id not in taken]
            if result.suggestions or result.muted_comebacks:
                continue
            return
        if not chosen:
            consoles.note("Nothing was followed.")
            return
        _follow(state, result, chosen)
        return


def _show_plan(state: CliState, plan: Any) -> None:
    from followprune.cli.sync import show_read_plan

    show_read_plan(state, plan, "Suggest", maybe="over --max-cost, left out")


def _ask(state: CliState, result: Suggestions) -> tuple[str, list[Any]]:
    """Loop until the person picks rows to follow ("follow", the Suggestions), muted
    comebacks to unmute ("unmute", the Comebacks), or quits ("follow", [])."""
    from followprune.app.selection import NO_WORDS, answer_word, parse_rows
    from followprune.cli.answers import answer as read_answer
    from followprune.render.output import write
    from followprune.render.suggestions import SuggestionsDocument

    out = state.consoles.out
    handles = [s.account.handle for s in result.suggestions]
    muted = [c.parked.handle for c in result.muted_comebacks]
    while True:
        answer = read_answer(out, "\n`follow 1,3-5` to follow those rows"
                             + (", `unmute 1`" if muted else "") + ", `list`, `quit`, `help`: ")
        if answer is None:
            return "follow", []
        words = answer.strip().split(None, 1)
        verb = words[0].lower() if words else ""
        rest = words[1] if len(words) > 1 else ""
        try:
            if verb in ("follow", "f"):
                if not rest.strip():
                    raise InputError("`follow` needs rows, e.g. `follow 1,3-5 @alice`")
                rows = parse_rows(rest, handles)
                return "follow", [s for i, s in enumerate(result.suggestions, 1) if i in rows]
            if verb == "unmute":
                if not muted:
                    raise InputError("no muted account came back: nothing to unmute")
                if not rest.strip():
                    raise InputError("`unmute` needs rows of the muted accounts that came"
                                     " back, e.g. `unmute 1`")
                rows = parse_rows(rest, muted)
                return "unmute", [c for i, c in enumerate(result.muted_comebacks, 1)
                                  if i in rows]
            if verb in ("quit", "q") or answer_word(verb) in NO_WORDS:
                return "follow", []
            if verb in ("list", "l", "show"):
                write("suggestions", "table", SuggestionsDocument(result), out)
            elif verb in ("help", "?", ""):
                out.print(HELP, highlight=False)
            else:
                raise InputError(f"unknown command {verb!r}",
                                 hint="`follow 1,3-5`, `unmute 1`, `list`, `quit` or `help`")
        except FollowpruneError as exc:
            out.print(f"[red]{exc.message}[/red]" + (f" — {exc.hint}" if exc.hint else ""))


def _follow(state: CliState, result: Suggestions, chosen: list[Suggestion]) -> ApplyResult:
    from followprune.app.suggest import follow_chosen
    from followprune.models import ActionKind

    return _act(state, result, chosen, ActionKind.FOLLOW, "follows", follow_chosen)


def _unmute(state: CliState, result: Suggestions, chosen: list[Comeback]) -> ApplyResult:
    from followprune.app.suggest import unmute_chosen
    from followprune.models import ActionKind

    return _act(state, result, chosen, ActionKind.UNMUTE, "unmutes", unmute_chosen)


def _act(state: CliState, result: Suggestions, chosen: list[Any], kind: ActionKind,
         plural: str, act: Callable[..., ApplyResult]) -> ApplyResult:
    """Follows and unmutes share one daily cap setting, counted apart (`follow_cap`)."""
    from followprune.app.acting import waits_shown
    from followprune.app.suggest import follow_cap
    from followprune.cli.progress import acting_display, report_result

    app = state.app()
    cap = follow_cap(app, result.identity, kind)
    if cap.allowed < len(chosen):
        state.consoles.note(f"Only {cap.allowed} more {plural} are allowed in the next 24"
                            f" hours ([suggest] follows_per_day = {cap.per_day}).")
    with acting_display(state, min(len(chosen), cap.allowed), command="suggest") as callbacks:
        with waits_shown(app, callbacks.waiter):
            network = app.network(result.network)
        outcome = act(app, network, result, chosen, callbacks)
    report_result(state, outcome, result.run_id, undoable=True)
    return outcome
