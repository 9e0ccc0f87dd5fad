"""`prune --auto`: the scheduled run. Never prompts; exit codes tell cron what happened."""

from __future__ import annotations

import logging
from pathlib import Path

import click

from followprune.cli.progress import PartialRun, end_at_cap, stopped_at_cap
from followprune.cli.state import CliState
from followprune.errors import ExitCode, FollowpruneError, InputError
from followprune.scoring.wording import plural

log = logging.getLogger("followprune.auto")

# Review options that make no sense for a run nobody watches.
_NOT_WITH_AUTO = {
    "from_file": "--from (a file cannot be acted on)",
    "dry_run": "--dry-run (use `prune rules check` to see what --auto would do)",
    "all_accounts": "--all",
    "limit": "--limit (caps are set in [actions])",
}


def run_auto_command(
    state: CliState,
    *,
    auto: bool,
    report_file: Path | None,
    demo: bool,
    network: str | None,
    output_format: str,
    **review_options: object,
) -> None:
    """`review_options` are the group's review flags; only --yes is harmless with --auto."""
    _check_options(auto, report_file, output_format, review_options)
    from followprune.logs import FILE_ONLY, setup_logging
    from followprune.paths import resolve_paths

    log_file = resolve_paths().log_file
    setup_logging(log_file, echo=not state.quiet)
    try:
        report = _run_logged(state, demo, network, log_file)
    except FollowpruneError as exc:
        log.error("auto run failed: %s (exit %d)", exc.message, exc.exit_code, extra=FILE_ONLY)
        if report_file is not None:
            from followprune.render.report import write_report

            # A stale report from an earlier run must not look like this run's.
            write_report(report_file, exc)
        raise
    _output(state, report, output_format, report_file)


def _check_options(
    auto: bool, report_file: Path | None, output_format: str, others: dict[str, object]
) -> None:
    from followprune.render.output import formats_of

    if not auto:
        raise InputError("--report only works with --auto")
    for name, text in _NOT_WITH_AUTO.items():
        if others.get(name):
            raise InputError(f"{text} cannot be combined with --auto")
    if output_format not in formats_of("auto-report"):
        raise InputError(f"--auto writes its summary as {' or '.join(formats_of('auto-report'))},"
                         f" not {output_format}",
                         hint="use --format json; `prune history --format csv` exports actions")
    if report_file is not None:
        from followprune.render.report import check_report_path

        check_report_path(report_file)


def _run_logged(state: CliState, demo: bool, network: str | None, log_file: Path) -> object:
    from followprune.app.acting import waits_shown
    from followprune.app.auto import run_auto
    from followprune.cli.progress import visible_waiter
    from followprune.logs import FILE_ONLY, one_line

    # The log echoes every wait to stderr already (not with --quiet) and always writes it to
    # the file; a terminal also gets the countdown, for the Pacer's and X's rate limits alike.
    waiter = visible_waiter(state, line=False)
    try:
        app = state.app()
        with waits_shown(app, waiter):
            return run_auto(app, state.network_name(demo, network), waiter=waiter)
    except FollowpruneError:
        raise
    except Exception as exc:
        from followprune.store.database import damaged_store_error

        damaged = damaged_store_error(exc, state.store_file())
        if damaged is not None:
            log.exception("auto run stopped: %s", damaged.message, extra=FILE_ONLY)
            raise damaged from None
        # A bug, not a user mistake: keep the traceback in the log, give cron one line. Not
        # the repr: a decoding error's repr holds the whole input (a 4 KB binary config).
        log.exception("auto run crashed", extra=FILE_ONLY)
        raise FollowpruneError(f"unexpected error: {one_line(exc)}",
                               hint=f"the traceback is in {log_file}") from None


def _output(state: CliState, report: object, output_format: str,
            report_file: Path | None) -> None:
    from followprune.app.auto import AutoReport
    from followprune.render.output import write
    from followprune.render.report import write_report

    assert isinstance(report, AutoReport)
    if output_format == "json" or not state.quiet:
        write("auto-report", output_format, report, state.consoles.out)
    if report_file is not None:
        write_report(report_file, report)
    code = report.exit_code
    if report.error is not None:
        raise report.error
    if code == ExitCode.PARTIAL:
        if stopped_at_cap(report.result):
            # A cap reached is a normal end (the next run carries on): a note, and under
            # --quiet, which leaves only errors, nothing for cron to mail.
            end_at_cap(state, report.result.stopped_because or "",
                       f"the next run carries on; `prune history --run {report.run_id}` lists"
                       " them")
        raise PartialRun(
            f"stopped early: {report.result.stopped_because}" if report.result.stopped_because
            else f"{plural(len(report.result.failed), 'action')} failed",
            hint=f"the next run carries on; `prune history --run {report.run_id}` lists them",
        )
    if code != ExitCode.OK:
        raise click.exceptions.Exit(int(code))
