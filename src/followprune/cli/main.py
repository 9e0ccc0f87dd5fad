"""`prune`: bare, it reviews proposals; subcommands explain, undo, configure and more.

Only Click is imported at module level so `prune --help` starts fast; each command imports
what it needs when it runs.
"""

from __future__ import annotations

import logging
import os
import sys
from pathlib import Path
from typing import Any, NoReturn

import click

from followprune.cli.options import FilePath, Text, UtcMoment, format_option
from followprune.cli.state import CliState, RegisteredNetwork, get_state
from followprune.errors import ExitCode, FollowpruneError, InterruptedInFlight


class PruneGroup(click.Group):
    """Turns every FollowpruneError into one message and its exit code, in one place."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except FollowpruneError as exc:
            _print_error(exc.message, exc.hint)
            ctx.exit(int(exc.exit_code))
        except InterruptedInFlight:
            # The network may have carried out the call whose outcome was never journaled.
            _print_error("interrupted; the last action may have gone through; the next run"
                         " checks it", None)
            ctx.exit(int(ExitCode.INTERRUPTED))
        except KeyboardInterrupt:
            _print_error("interrupted; nothing further was changed", None)
            ctx.exit(int(ExitCode.INTERRUPTED))
        except BrokenPipeError:
            # `prune --format json | head`: the reader had enough. Not an error to report;
            # stdout goes to /dev/null so the flush at exit does not fail a second time.
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, sys.stdout.fileno())
            ctx.exit(int(ExitCode.PIPE_CLOSED))
        except (click.exceptions.ClickException, click.exceptions.Exit, click.exceptions.Abort):
            raise
        except Exception as exc:
            import sqlite3

            if not os.environ.get("FOLLOWPRUNE_DEBUG"):
                state = ctx.find_object(CliState)
                store = state.store_file() if state is not None else None
                from followprune.store.database import (
                    damaged_store_error,
                    disk_full_error,
                    is_disk_full,
                )

                if isinstance(exc, sqlite3.Error) and is_disk_full(exc) and store is not None:
                    full = disk_full_error(store)
                    _print_error(full.message, full.hint)
                    ctx.exit(int(full.exit_code))
                # The store opened, but a page read later is damaged (a cut or garbled
                # file), or a row holds a value that cannot be read back: a problem with
                # the file, not with followprune.
                damaged = damaged_store_error(exc, store)
                if damaged is not None:
                    _print_error(damaged.message, damaged.hint)
                    ctx.exit(int(damaged.exit_code))
            if not os.environ.get("FOLLOWPRUNE_DEBUG") and _output_failed(exc):
                # `prune --format json > file` on a full disk: every file followprune opens
                # itself names its path on failure, so one that names none is the output.
                assert isinstance(exc, OSError)
                _print_error(f"cannot write the output: {exc.strerror}",
                             "free some space where the output goes, or send it elsewhere")
                ctx.exit(int(ExitCode.ERROR))
            # A bug, not a user mistake: one line for the user, the traceback in the log.
            if os.environ.get("FOLLOWPRUNE_DEBUG"):
                raise
            from followprune.logs import FILE_ONLY, one_line

            logging.getLogger("followprune").exception("internal error", extra=FILE_ONLY)
            _print_error(f"internal error: {one_line(exc)}",
                         "this is a bug in followprune; FOLLOWPRUNE_DEBUG=1 shows the traceback")
            ctx.exit(int(ExitCode.ERROR))
        finally:
            state = ctx.find_object(CliState)
            if state is not None:
                state.close()


def _output_failed(exc: Exception) -> bool:
    """`exc` is a write to stdout or stderr that the system refused (a full disk, a quota,
    an I/O error), not a bug."""
    import errno

    return (isinstance(exc, OSError) and exc.filename is None
            and exc.errno in (errno.ENOSPC, errno.EDQUOT, errno.EFBIG, errno.EIO))


def _print_error(message: str, hint: str | None) -> None:
    click.echo(f"Error: {_printable(message)}", err=True)
    if hint:
        click.echo(f"Hint: {_printable(hint)}", err=True)


def _printable(text: str) -> str:
    """Messages quote what the person typed or a file held: a NUL, an escape sequence or a
    right-to-left override in it would garble (or disguise) the line on the terminal, so
    such characters are shown as escapes. Newlines stay: some messages list several
    problems, one a line."""
    import unicodedata

    return "".join(
        # Joiners stay: they hold emoji sequences together and move nothing.
        char if char in "\n\t\u200c\u200d" or unicodedata.category(char) not in ("Cc", "Cf")
        else (f"\\x{ord(char):02x}" if ord(char) < 0x100 else f"\\u{ord(char):04x}")
        for char in text)


@click.group(cls=PruneGroup, invoke_without_command=True,
             context_settings={"help_option_names": ["-h", "--help"]})
@click.option("--demo", is_flag=True, help="Use the bundled demo network (no account needed).")
@click.option("--network", type=RegisteredNetwork(), default=None,
              help="Network to review (default: `network` in the config).")
@click.option("--from", "from_file", type=FilePath(), default=None,
              help="Score accounts from a file of X API user objects (read-only).")
@click.option("--skip-bad", is_flag=True,
              help="With --from: score the good lines and count the bad ones on stderr.")
@click.option("--as-of", type=UtcMoment(), default=None,
              help="With --from: when the file was captured (2026-12-01, or a time; UTC unless it"
                   " names a zone, as in 2026-12-01T08:30:00Z); scored as of then.")
@click.option("--dry-run", is_flag=True, help="Show the proposals; change nothing.")
@click.option("--yes", "-y", is_flag=True, help="Act on every proposal without asking.")
@format_option("proposals",
               extra_help=" json and csv change nothing unless --yes; --auto writes its"
               " summary as table, json or html.")
@click.option("--all", "all_accounts", is_flag=True,
              help="With --format json/csv/html: every account, not only proposals.")
@click.option("--limit", type=click.IntRange(min=1, max=100_000), default=None,
              help="Propose at most N accounts (default: proposals.limit).")
@click.option("--account", type=Text(), default=None, metavar="HANDLE",
              help="Which account to use on a network where you have logged in to several.")
@click.option("--config", "config_file", type=FilePath(), default=None,
              help="Config file (default: FOLLOWPRUNE_CONFIG or the platform config dir).")
@click.option("--quiet", "-q", is_flag=True, help="Only results and errors; no progress.")
@click.option("--auto", is_flag=True,
              help="Scheduled run: act on rule matches within caps, never prompt (for cron).")
@click.option("--report", "report_file", type=FilePath(), default=None,
              help="With --auto: also write the run summary to FILE (.md, .json or .html).")
@click.option("--max-cost", type=click.FloatRange(min=0), default=None,
              help="Most a sync of X may spend on reads, in US dollars (default: x.max_cost).")
@click.option("--refresh", is_flag=True, help="Read X again even if the stored data is fresh.")
@click.option("--stream-budget", type=click.FloatRange(min=0, max=1_000_000),
              default=None, metavar="N",
              help="Propose the unfollows that bring your timeline under N posts a day; 0 is"
              " off (default: proposals.stream_budget).")
@click.version_option(package_name="followprune", prog_name="prune")
@click.pass_context
def cli(
    ctx: click.Context, /, config_file: Path | None, account: str | None, quiet: bool,
    auto: bool,
    report_file: Path | None, **review_options: Any
) -> None:
    """Rank the accounts you follow and prune the noise, with review, explanations and undo.

    Bare `prune` syncs your follow list, scores every account and asks before it unfollows
    anything. Try it with `prune --demo`.
    """
    if ctx.invoked_subcommand is not None:
        _refuse_review_options(ctx, ctx.invoked_subcommand)
    state = ctx.ensure_object(CliState)
    state.config_file = config_file
    state.quiet = quiet
    state.account = account.strip() if account and account.strip() else None
    state.group_network = "demo" if review_options["demo"] else review_options["network"]
    refresh = review_options.pop("refresh")
    max_cost = review_options.pop("max_cost")
    if max_cost is not None:  # a setting given as a flag: wins over env and file
        state.flags[("x", "max_cost")] = ("--max-cost", max_cost)
    stream_budget = review_options.pop("stream_budget")
    if stream_budget is not None:
        state.flags[("proposals", "stream_budget")] = ("--stream-budget", stream_budget)
    if auto or report_file is not None:
        if ctx.invoked_subcommand is not None:
            raise click.UsageError("--auto runs on its own, without a command")
        from followprune.cli.auto import run_auto_command

        run_auto_command(get_state(), auto=auto, report_file=report_file, **review_options)
    elif ctx.invoked_subcommand is None:
        from followprune.cli.review import run_review

        run_review(get_state(), refresh=refresh, **review_options)


# The review's own options: before a command they had been dropped without a word, so
# `prune --dry-run undo --yes` undid, and `prune --from FILE history` read the store.
_REVIEW_ONLY = ("from_file", "skip_bad", "as_of", "dry_run", "yes", "all_accounts", "limit",
                "refresh")


def _refuse_review_options(ctx: click.Context, name: str) -> None:
    """UsageError if an option of the review was given before the command `name`, naming
    where it belongs."""
    from click.core import ParameterSource

    command = cli.get_command(ctx, name)
    if command is None:
        return  # click names the unknown command itself
    given = [p for p in ctx.command.params
             if p.name in _REVIEW_ONLY
             and ctx.get_parameter_source(p.name) is ParameterSource.COMMANDLINE]
    if not given:
        return
    option = given[0].opts[0]
    own = {opt for p in command.params for opt in p.opts}
    if option in own:
        raise click.UsageError(f"{option} before `{name}` belongs to the review; for"
                               f" `{name}` write it after: prune {name} {option} …")
    raise click.UsageError(f"{option} belongs to the review (bare `prune`); `{name}` does"
                           f" not take it (see prune {name} --help)")


def _register() -> None:
    from followprune.cli import (
        auth,
        config_cmd,
        explain,
        history,
        import_archive,
        keep,
        locate,
        rules,
        store_cmd,
        suggest,
        sync,
        undo,
    )

    for command in (explain.explain, history.history, undo.undo, config_cmd.config,
                    locate.locate, rules.rules, import_archive.import_archive, auth.auth,
                    sync.sync, keep.keep, store_cmd.store, suggest.suggest):
        cli.add_command(command)


_register()


def main() -> None:
    if sys.stdout is None:
        # Started with stdout closed (`prune >&-`): every result would be lost without a
        # word, and a run that acts would report nothing of what it did.
        if sys.stderr is not None:
            print("Error: stdout is closed, so nothing prune says could be shown; nothing was"
                  " done", file=sys.stderr)
        _exit_without_freeing(1)
    state = CliState()
    try:
        cli.main(prog_name="prune", obj=state)
    except SystemExit as done:
        if not state.kept_until_exit:
            raise
        _exit_without_freeing(done.code)


def _exit_without_freeing(code: object) -> NoReturn:
    """End the process as SystemExit(code) would, but without freeing, object by object,
    what the command kept (CliState.keep_until_exit): streams and log files are flushed
    first; the store was closed when the command ended (PruneGroup.invoke)."""
    if code is None:
        status = 0
    elif isinstance(code, int):
        status = code
    else:
        print(code, file=sys.stderr)
        status = 1
    logging.shutdown()
    for stream in (sys.stdout, sys.stderr):
        if stream is None:  # started with it closed (`prune >&-`): nothing to flush
            continue
        try:
            stream.flush()
        except (OSError, ValueError):
            status = status or 120  # as Python exits when stdout cannot be flushed
    os._exit(status)


if __name__ == "__main__":  # pragma: no cover
    main()
    sys.exit(0)
