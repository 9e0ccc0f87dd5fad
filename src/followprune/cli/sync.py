"""`prune sync`, and the cost check before any sync of a priced network (X)."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

import click

from followprune.cli.state import CliState, get_state, network_options
from followprune.scoring.wording import plural

if TYPE_CHECKING:
    from followprune.app.sync import SyncReport
    from followprune.networks.base import Network
    from followprune.networks.x.plan import SyncPlan


@click.command()
@click.option("--refresh", is_flag=True, help="Read everything again, even if fresh.")
@click.option("--max-cost", type=click.FloatRange(min=0), default=None,
              help="Most to spend on reads, in US dollars (default: x.max_cost).")
@click.option("--profiles-only", is_flag=True,
              help="Only read the profiles of accounts known by id only (after an import).")
@click.option("--yes", "-y", is_flag=True,
              help="Do not ask; spend up to --max-cost / x.max_cost.")
@network_options
def sync(refresh: bool, max_cost: float | None, profiles_only: bool, yes: bool, demo: bool,
         network: str | None) -> None:
    """Read your follow list into the local store, without reviewing it."""
    state = get_state()
    set_max_cost(state, max_cost)
    app = state.app()
    net = app.network(state.network_name(demo, network))
    report = sync_with_consent(state, net, refresh=refresh, profiles_only=profiles_only,
                               yes=yes)
    if report is None:
        return
    change = report.change
    if report.plan is not None and report.plan.profiles_only:
        state.consoles.out.print(f"Read {len(report.plan.profile_ids)} profiles.")
        return
    for note in report.notes:
        state.consoles.note(f"{note[:1].upper()}{note[1:]}.")
    line = f"Following {change.following}"
    if not report.reused:
        line += f" ({change.new} new, {change.gone} no longer followed)"
    state.consoles.out.print(line + ".")


def set_max_cost(state: CliState, max_cost: float | None) -> None:
    """--max-cost is a setting given as a flag: it wins over env and file."""
    if max_cost is not None:
        state.flags[("x", "max_cost")] = ("--max-cost", max_cost)


def sync_with_consent(
    state: CliState, net: Network, *, refresh: bool = False, profiles_only: bool = False,
    yes: bool = False,
) -> SyncReport | None:
    """app.sync.sync_with_consent with the plan shown on stderr and, on a terminal without
    --yes, the price asked; None if the person declined."""
    from followprune.app.sync import PricedNetwork
    from followprune.app.sync import sync_with_consent as sync
    from followprune.render.console import stdin_is_interactive

    app = state.app()
    app.on_wait = countdown(state)
    max_cost = net.max_cost if isinstance(net, PricedNetwork) else 0.0

    def ask(plan: SyncPlan) -> bool:
        from followprune.cli.answers import confirm

        question = (f"Spend at least ${plan.estimate:.2f} on this sync, and up to"
                    f" ${max_cost:.2f} (the max cost) as the list needs?"
                    if plan.open_ended else f"Spend about ${plan.estimate:.2f} on this sync?")
        agreed = confirm(question, default=True, err=True)
        if not agreed:
            state.consoles.note("Nothing was read.")
        return agreed

    asking = not yes and stdin_is_interactive()
    report = sync(app, net, refresh=refresh, profiles_only=profiles_only,
                  show_plan=lambda plan: _show_plan(state, plan, max_cost),
                  ask=ask if asking else None)
    if report is not None:
        _show_usage(state, report)
    return report


def _show_plan(state: CliState, plan: SyncPlan, max_cost: float) -> None:
    show_read_plan(state, plan, "This sync", maybe="maybe", max_cost=max_cost)


def show_read_plan(state: CliState, plan: SyncPlan, reader: str, *, maybe: str,
                   max_cost: float | None = None) -> None:
    """The paid reads `reader` plans on X and their price, before any is made; `maybe`
    names the reads listed apart (made only if needed, or left out over the budget)."""
    note = state.consoles.note
    for reused in plan.reused:
        note(f"Reusing: {reused}")
    if plan.open_ended:
        lists = " and ".join(f"your {name} list" for name in plan.unknown)
        limit = f" ${max_cost:.2f}" if max_cost is not None else ""
        they = "They are" if len(plan.unknown) > 1 else "It is"
        note(f"X did not say how many accounts {lists} holds: the estimate is a lower bound."
             f" {they} read page by page, stopping before a page would pass the max"
             f" cost{limit}; what was read is kept and the next sync resumes from it.")
        note(f"{reader} reads at least {plural(plan.resources, 'resource')} in"
             f" {_calls(plan.calls)},"
             f" estimated at least ${plan.estimate:.2f}:")
    else:
        note(f"{reader} reads about {plural(plan.resources, 'resource')} in"
             f" {_calls(plan.calls)},"
             f" estimated ${plan.estimate:.2f}:")
    for read in plan.reads:
        note(f"  {read.label}: {_calls(read.calls)}, ~${read.cost:.3f}")
    for read in plan.maybe:
        note(f"  {maybe}: {read.label}: {_calls(read.calls)}, ~${read.cost:.3f}")


def _calls(n: int) -> str:
    return plural(n, "call")


def _show_usage(state: CliState, report: SyncReport) -> None:
    usage, plan = report.usage, report.plan
    if usage is None or plan is None:
        return
    state.consoles.note(
        f"X: {_calls(usage.total_calls)}, {plural(usage.resources_read, 'resource')} read;"
        f" estimated ${plan.estimate:.2f}, spent about ${usage.cost:.2f}."
    )


def countdown(state: CliState) -> Callable[[float, str, Callable[[float], None]], None]:
    consoles = state.consoles

    def wait(seconds: float, why: str, sleep: Callable[[float], None]) -> None:
        if not consoles.err.is_terminal or consoles.quiet:
            consoles.note(f"Waiting {seconds:.0f} s: {why}.")
            sleep(seconds)
            return
        with consoles.err.status(f"Waiting {seconds:.0f} s: {why}") as status:
            left = seconds
            while left > 0:
                step = min(1.0, left)
                sleep(step)
                left -= step
                status.update(f"Waiting {left:.0f} s: {why}")

    return wait
