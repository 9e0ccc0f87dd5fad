"""Bare `prune`: sync, score, show the proposals, ask, act."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import Any

from followprune.cli.state import CliState, as_utc
from followprune.errors import AuthError, InputError, NeedsConfirmation
from followprune.models import ActionKind
from followprune.scoring.wording import plural

HELP = """Commands:
  all (yes, sí, sim)  carry out the actions shown
  keep 3,5-7 @alice   keep these from now on (stored keep-list: `prune keep list`)
  skip 4              leave these out this time only (they may be proposed again)
  mute 2 @bob         mute these instead of unfollowing
  unfollow 2          switch rows back to unfollow
  list                show the table again
  quit                leave without changing anything"""


# The first post on X (then twttr): the earliest moment a --from file can describe.
X_LAUNCH = datetime(2006, 3, 21)


def check_file_options(from_file: Path | None, skip_bad: bool, as_of: datetime | None) -> None:
    """--skip-bad and --as-of belong to --from, and --as-of to the years X has been."""
    if from_file is None and (skip_bad or as_of is not None):
        raise InputError(f"{'--skip-bad' if skip_bad else '--as-of'} only works with --from")
    if as_of is not None and as_of < X_LAUNCH:
        # Scored as of year 1, every account would be "created in the future" and quietly
        # scored on nonsense ages; no file of X user objects can be that old.
        # isoformat, not %Y: strftime writes year 1 as "1".
        raise InputError(f"--as-of {as_of.date().isoformat()} is before X existed"
                         f" ({X_LAUNCH.date().isoformat()})",
                         hint="give the date the file was exported")


def note_uncaptured(state: CliState, from_file: Path) -> None:
    state.consoles.note(f"{from_file} does not say when it was captured: scored as of now"
                        " (--as-of DATE sets the moment).")


def run_review(
    state: CliState,
    *,
    demo: bool,
    network: str | None,
    from_file: Path | None,
    dry_run: bool,
    yes: bool,
    output_format: str,
    all_accounts: bool,
    limit: int | None,
    refresh: bool = False,
    skip_bad: bool = False,
    as_of: datetime | None = None,
) -> None:
    from followprune.app.review import prepare_review
    from followprune.render.console import stdin_is_interactive

    if all_accounts and output_format == "table":
        raise InputError("--all only works with --format json, csv or html")
    check_file_options(from_file, skip_bad, as_of)
    if from_file is not None and (demo or network):
        # Which list did the person mean? Scoring one while they meant the other is worse
        # than asking (probe round 10: the file won, silently).
        raise InputError(f"--from reads a file; {'--demo' if demo else '--network'} names"
                         " another follow list: give one of them")
    if demo and network not in (None, "demo"):
        raise InputError(f"--demo and --network {network} name two follow lists: give one")
    app = state.app()
    consoles = state.consoles
    if from_file is not None and yes:
        consoles.note("--from files are read-only: --yes changes nothing (nothing there can"
                      " be unfollowed).")
    if from_file is not None:
        from followprune.app.review import file_network

        net = file_network(app, from_file, skip_bad=skip_bad, as_of=as_utc(as_of))
        dry_run = True
    else:
        net = app.network(state.network_name(demo, network), stored_ok=True)
    report_only = dry_run or (output_format != "table" and not yes)
    if not report_only and not net.reads_live and (app.account or (
            not yes and stdin_is_interactive())):
        # A stored list stands in for a network without a login, to look at; a run that
        # asks the person first, or names an account whose login is missing, says so before
        # the review, not after answers that could never be carried out.
        try:
            net.ensure_can_act()
        except AuthError as exc:
            raise AuthError(exc.message, hint=f"{exc.hint}; or add --dry-run to look at the"
                            " follow list stored") from None
    mode = "dry-run" if report_only else "review"
    from followprune.app.sync import PricedNetwork

    if isinstance(net, PricedNetwork):
        # Reads cost money: show the price and get consent before the sync.
        from followprune.cli.sync import sync_with_consent

        if sync_with_consent(state, net, refresh=refresh) is None:
            return
        review = prepare_review(app, net, mode=mode, limit=limit, sync=False)
    else:
        _note_if_stored(state, net)
        # Issue 17: a file whose review is only written out is scored a chunk at a time.
        rest_line = None
        if from_file is not None and all_accounts and output_format in ("json", "csv"):
            from followprune.render.export import csv_rest_line, json_rest_line

            rest_line = json_rest_line if output_format == "json" else csv_rest_line
        review = prepare_review(app, net, mode=mode, limit=limit,
                                streamed=output_format in ("json", "csv"), rest_line=rest_line)
    state.keep_until_exit(review)
    default = ActionKind(app.settings.proposals.action)
    actions = [default] * len(review.proposals)

    _write(state, review, actions, output_format, all_accounts=all_accounts,
           settings=_shaping(app, net) if output_format == "html" else None)
    if from_file is not None and review.as_of is None:
        note_uncaptured(state, from_file)
    elif review.as_of is not None and output_format == "csv":
        # JSON carries "as_of" and the table's summary says it; CSV has nowhere to.
        consoles.note(f"Scored as of {review.as_of:%Y-%m-%d %H:%M} UTC,"
                      f" {review.as_of_source}.")
    if review.skipped:
        consoles.note(f"Skipped {plural(review.skipped, 'bad line')} of {from_file}"
                      " (--skip-bad).")
    if review.repeated:
        repeated = plural(review.repeated, "user")
        consoles.note(f"{repeated} of {from_file} repeated one met before (same id): each"
                      " account is scored once, as first met.")
    for missing in review.missing:
        consoles.note(f"Missing data: {missing}.")
    for note in review.sync.notes if review.sync is not None else ():
        consoles.note(f"{note[:1].upper()}{note[1:]}.")
    if from_file is None:
        _note_parked_news(state, review)
    if not review.proposals:
        budget = review.stream.budget
        if budget is not None:
            # Accounts below the threshold may remain: the budget, not the threshold, chose.
            consoles.note(f"Nothing to propose: your timeline, about {budget.before:,.0f} posts"
                          f" a day, is already within your stream budget of"
                          f" {budget.budget:,.0f}.")
        else:
            from followprune.render.tables import nothing_below

            consoles.note(nothing_below(review))
        return
    if report_only:
        consoles.note("Dry run: nothing was changed.")
        return
    if not yes:
        from followprune.render.console import stdin_is_interactive

        if not stdin_is_interactive():
            raise NeedsConfirmation(
                f"{plural(len(review.proposals), 'account')} proposed, but nothing was changed: "
                "stdin is not a terminal, so nobody can confirm",
                hint="use --dry-run to report only, or --yes to act on every proposal",
            )
        chosen = _ask(state, review, actions)
        if chosen is None:
            consoles.note("Quit: nothing was changed.")
            return
        review.proposals, actions = chosen
    _carry_out(state, review, actions)


def _note_if_stored(state: CliState, net: Any) -> None:
    from followprune.networks.stored import StoredNetwork

    if isinstance(net, StoredNetwork):
        when = net.synced_at.strftime("%Y-%m-%d %H:%M UTC") if net.synced_at else "earlier"
        state.consoles.note(
            f"Not logged in to {net.name}: reviewing the follow list stored {when} "
            "(an import or an earlier sync). Acting on it needs `prune auth login`."
        )


def _note_parked_news(state: CliState, review: Any) -> None:
    """Issue 16: parked accounts (unfollowed or muted while silent) that posted again."""
    from followprune.app.parked import news_of_parked

    app = state.app()
    for line in news_of_parked(app.store, review.identity, [s.account for s in review.scores],
                               [s.relationship for s in review.scores], app.now):
        state.consoles.note(f"Back: {line} (`prune suggest` shows it).")


def _show(state: CliState, review: Any, actions: list[ActionKind]) -> None:
    _write(state, review, actions, "table", all_accounts=False)


def _shaping(app: Any, net: Any) -> dict[str, Any]:
    """The settings a report shows as shaping the scores; the demo persona's home and
    regions where the person set none, as the scoring itself does (app/review.py)."""
    settings = app.settings
    persona = net.persona()
    return {
        "weights": settings.weights.model_dump(),
        "home": list(settings.geography.home or (persona.home if persona else ())),
        "regions": list(settings.geography.regions or (persona.regions if persona else ())),
    }


def _write(state: CliState, review: Any, actions: list[ActionKind], fmt: str, *,
           all_accounts: bool, settings: dict[str, Any] | None = None) -> None:
    from followprune.render.documents import Proposals
    from followprune.render.output import write

    document = Proposals(review, actions, review.as_of or state.app().now, all_accounts,
                         settings or {})
    write("proposals", fmt, document, state.consoles.out)
    if fmt != "table":
        state.consoles.document_on_stdout = True
        shown, total = len(review.proposals), review.proposed_total
        note = f"{total} proposed of {review.followed_total} followed."
        if shown < total:  # the count must agree with the document's `proposed`
            note = (f"{total} proposed of {review.followed_total} followed; the worst {shown}"
                    " are up for action (--limit N for more).")
        state.consoles.note(note)


def _ask(state: CliState, review: Any, actions: list[ActionKind]) -> Any:
    """Loop until the person applies or quits; returns (proposals, actions) or None."""
    from followprune.app.selection import parse_command
    from followprune.cli.answers import answer as read_answer
    from followprune.errors import FollowpruneError

    out = state.consoles.out
    proposals = list(review.proposals)
    while True:
        if not proposals:
            out.print(f"No row is left to act on ({review.set_aside}): nothing was changed.")
            return None
        counts = {k: actions.count(k) for k in set(actions)}
        what = " and ".join(f"{n} {k.value}" for k, n in sorted(counts.items()))
        answer = read_answer(out, f"\n[bold]{what}[/bold] — `all` to go ahead, `keep …` (for"
                             " good), `skip …` (this time), `mute …`, `list`, `quit`, `help`: ")
        if answer is None:
            return None
        try:
            command = parse_command(answer, [p.account.handle for p in proposals])
        except FollowpruneError as exc:
            out.print(f"[red]{exc.message}[/red]" + (f" — {exc.hint}" if exc.hint else ""))
            continue
        if command.verb == "apply":
            return proposals, actions
        if command.verb == "quit":
            return None
        if command.verb == "help":
            out.print(HELP, highlight=False)
        elif command.verb in ("keep", "skip"):
            left_out = [p for i, p in enumerate(proposals, 1) if i in command.rows]
            pairs = [(p, a) for i, (p, a) in enumerate(zip(proposals, actions, strict=True), 1)
                     if i not in command.rows]
            proposals = [p for p, _ in pairs]
            actions = [a for _, a in pairs]
            if command.verb == "keep":
                review.kept_at_prompt += len(left_out)
                _remember_kept(state, review, left_out)
                out.print(f"Keeping {len(left_out)} from now on (`prune keep remove` undoes"
                          f" that); {len(proposals)} left.")
            else:
                review.skipped_at_prompt += len(left_out)
                out.print(f"Skipping {len(left_out)} this time; {len(proposals)} left.")
        elif command.verb in ("mute", "unfollow"):
            kind = ActionKind(command.verb)
            actions = [kind if i in command.rows else a for i, a in enumerate(actions, 1)]
        if command.verb in ("list", "keep", "skip", "mute", "unfollow"):
            review.proposals = proposals
            _show(state, review, actions)


def _remember_kept(state: CliState, review: Any, kept: list[Any]) -> None:
    """A `keep` is a decision: stored at once, so it holds even if the person quits."""
    from followprune.app.keeps import remember_kept

    remember_kept(state.app(), review.identity, review.run_id,
                  [(s.account.id, s.account.handle) for s in kept])


def _carry_out(state: CliState, review: Any, actions: list[ActionKind]) -> None:
    from followprune.app.review import moves, plan_actions
    from followprune.cli.progress import apply_with_progress

    plan = plan_actions(review, actions)
    moved = moves(review)
    if moved:
        state.consoles.note(f"{plural(moved, 'moved account')}: unfollowing"
                            " follows the new address in the same run (`prune undo`"
                            " reverses both).")
    apply_with_progress(state, review.identity, review.run_id, plan,
                        network_name=review.network, set_aside=review.set_aside)

