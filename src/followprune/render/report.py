"""Summaries of an automatic run (text, Markdown, JSON) and of `prune rules check`.

Pure functions from results to strings; the CLI decides where they go.
"""

from __future__ import annotations

import io
import json
import os
from pathlib import Path
from typing import Any

from rich.console import Console

from followprune.app.auto import AutoReport, RulesCheck
from followprune.errors import ExitCode, FollowpruneError, InputError
from followprune.render.output import envelope, format_of_file, write
from followprune.scoring.wording import plural

STATUS = {
    ExitCode.OK: "ok",
    ExitCode.NOTHING_TO_DO: "nothing to do",
    ExitCode.PARTIAL: "partial",
}


def _time(moment: Any) -> str | None:
    return None if moment is None else moment.isoformat(timespec="seconds")


def action_rows(report: AutoReport) -> list[dict[str, Any]]:
    """Every planned action with its rule, its reasons and what became of it."""
    rows = []
    outcomes = {o.action.account_id: o for o in report.result.outcomes}
    left_alone = {a.account_id: why for a, why in report.result.left_alone}
    for action in report.plan:
        outcome = outcomes.get(action.account_id)
        state = "not attempted" if outcome is None else "done" if outcome.ok else "failed"
        detail = "" if outcome is None else outcome.detail
        if outcome is None and action.account_id in left_alone:
            state, detail = "left alone", left_alone[action.account_id]
        rows.append({
            "action": action.kind.value,
            "handle": action.handle,
            "account_id": action.account_id,
            "rule": action.rule,
            "why": list(report.reasons.get(action.account_id, ())),
            "outcome": state,
            "detail": detail,
        })
    return rows


def report_dict(report: AutoReport) -> dict[str, Any]:
    result = report.result
    code = report.exit_code
    return {
        **envelope("auto-report"),
        "network": report.network,
        "run_id": report.run_id,
        "started_at": _time(report.started_at),
        "finished_at": _time(report.finished_at),
        "status": STATUS.get(code, "error"),
        "exit_code": int(code),
        "stopped_because": result.stopped_because,
        "error": None if report.error is None else report.error.message,
        "rules": report.rules,
        "counts": {
            "followed": report.followed,
            "matched": len(report.matched),
            "protected": len(report.blocked),
            "cooling_off": len(report.waiting),
            "skipped": len(report.skipped),
            "planned": len(report.plan),
            "done": len(result.done),
            "failed": len(result.failed),
            "not_attempted": len(result.not_attempted),
            "left_alone": len(result.left_alone),
            "reconciled": len(report.reconciled),
        },
        "actions": action_rows(report),
        "reconciled": [
            {"action_id": r.id, "action": r.kind.value, "handle": r.handle, "rule": r.rule,
             "outcome": r.phase, "detail": r.detail}
            for r in report.reconciled
        ],
    }


def report_json(report: AutoReport) -> str:
    return json.dumps(report_dict(report), indent=2, ensure_ascii=False) + "\n"


def _headline(data: dict[str, Any]) -> str:
    c = data["counts"]
    line = (f"prune --auto on {data['network']}, run {data['run_id']}: {data['status']}"
            f" (exit {data['exit_code']}). {c['done']} done, {c['failed']} failed,"
            f" {c['not_attempted']} not attempted; {c['matched']} matched a rule,"
            f" {c['cooling_off']} cooling off, {c['protected']} protected,"
            f" {c['skipped']} skipped.")
    if data["stopped_because"]:
        line += f" Stopped: {data['stopped_because']}."
    if c["left_alone"]:
        line += (f" Left {c['left_alone']} alone: kept or done by another run since they"
                 " were planned.")
    if c["reconciled"]:
        line += (f" Finished {plural(c['reconciled'], 'action')} an interrupted run left in"
                 " flight.")
    return line


def report_text(report: AutoReport) -> str:
    data = report_dict(report)
    lines = [_headline(data)]
    left = 0
    for row in data["actions"]:
        if row["outcome"] == "not attempted":
            left += 1  # after a cap stop these run to hundreds: counted here, listed in --report
            continue
        detail = f" ({row['detail']})" if row["detail"] else ""
        lines.append(f"  {row['outcome']:<13} {row['action']:<8} @{row['handle']}"
                     f"  rule {row['rule']}: {'; '.join(row['why'])}{detail}")
    if left:
        lines.append(f"  {left} matches left for the next runs (--report FILE lists them)")
    return "\n".join(lines) + "\n"


def _md_cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def report_markdown(report: AutoReport) -> str:
    data = report_dict(report)
    lines = [f"# prune --auto: run {data['run_id']} on {data['network']}", "",
             f"- started: {data['started_at']}", f"- finished: {data['finished_at']}",
             f"- status: **{data['status']}** (exit code {data['exit_code']})"]
    if data["stopped_because"]:
        lines.append(f"- stopped because: {data['stopped_because']}")
    lines.append("- " + ", ".join(f"{k.replace('_', ' ')}: {v}"
                                  for k, v in data["counts"].items()))
    lines += ["", "| outcome | action | account | rule | why |", "|---|---|---|---|---|"]
    for row in data["actions"]:
        why = "; ".join(row["why"]) + (f" ({row['detail']})" if row["detail"] else "")
        lines.append(f"| {row['outcome']} | {row['action']} | @{_md_cell(row['handle'])}"
                     f" | {_md_cell(row['rule'] or '')} | {_md_cell(why)} |")
    if not data["actions"]:
        lines.append("| — | — | — | — | nothing to act on |")
    for r in data["reconciled"]:
        lines.append(f"\nReconciled action {r['action_id']}: {r['action']} @{r['handle']}"
                     f" → {r['outcome']}")
    return "\n".join(lines) + "\n"


def error_dict(error: FollowpruneError) -> dict[str, Any]:
    return {**envelope("auto-report"), "status": "error", "exit_code": int(error.exit_code),
            "error": error.message, "hint": error.hint}


def check_report_path(path: Path) -> None:
    """Before the run acts: a report that cannot be written would otherwise fail only after
    the actions, with their summary lost."""
    format_of_file("auto-report", path, "--report")
    if path.is_dir():
        raise InputError(f"--report {path} is a folder", hint="name a file inside it")
    parent = path.parent
    while not parent.exists() and parent != parent.parent:
        parent = parent.parent
    if not parent.is_dir():
        raise InputError(f"--report {path}: {parent} is not a folder")
    if parent == path.parent:
        probe = parent / f".{path.name}.{os.getpid()}.probe"
        try:
            probe.write_bytes(b"")
            probe.unlink()
        except OSError as exc:
            raise InputError(f"--report {path}: cannot write in {parent}:"
                             f" {exc.strerror or exc}") from None


def write_report(path: Path, report: AutoReport | FollowpruneError) -> None:
    """In the format its suffix names (.md, .json, .html), written atomically: a reader never sees
    half a report."""
    fmt = format_of_file("auto-report", path, "--report")
    if isinstance(report, FollowpruneError):
        data = error_dict(report)
        if fmt == "html":
            from followprune.render.html import error_html

            text = error_html(report)
        else:
            text = (f"# prune --auto: failed\n\n- exit code {data['exit_code']}\n"
                    f"- error: {data['error']}\n" if fmt == "markdown"
                    else json.dumps(data, indent=2, ensure_ascii=False) + "\n")
    else:
        buffer = io.StringIO()
        write("auto-report", fmt, report, Console(file=buffer, width=200, no_color=True))
        text = buffer.getvalue()
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp.write_text(text, encoding="utf-8")
        tmp.replace(path)
    except OSError as exc:
        # Half a report left beside the real one would be read as one: the old one stays.
        tmp.unlink(missing_ok=True)
        raise FollowpruneError(f"cannot write the report {path}: {exc.strerror or exc}",
                               hint="free some space there, or name another --report file"
                               ) from None


def rules_check_dict(check: RulesCheck) -> dict[str, Any]:
    ready = {m.score.account.id for m in check.ready}
    waiting = {w.match.score.account.id: w for w in check.waiting}
    skipped = {s.match.score.account.id: s.why for s in check.skipped}

    def status(account_id: str) -> str:
        if account_id in ready:
            return "ready"
        if account_id in skipped:
            return f"skipped: {skipped[account_id]}"
        w = waiting[account_id]
        if w.earliest is not None and w.earliest > check.now:
            return f"cooling off until {_time(w.earliest)}"
        return "cooling off: acted on by the next run"

    return {
        **envelope("rules-check"),
        "network": check.network,
        "followed": check.followed,
        "cooling_off_hours": check.cooling_off_hours,
        "rules": [
            {"name": rule.name, "action": rule.action,
             "conditions": rule.conditions(),
             "accounts": [
                 {"handle": m.score.account.handle, "account_id": m.score.account.id,
                  "keep": round(m.score.keep, 2), "why": list(m.reasons),
                  "status": status(m.score.account.id)}
                 for m in matches
             ]}
            for rule, matches in zip(check.rules, check.verdicts.by_rule(check.rules).values(),
                                     strict=True)
        ],
        "protected": [
            {"handle": b.match.score.account.handle, "rule": b.match.rule.name, "why": b.why}
            for b in check.verdicts.blocked
        ],
        "no_rule_proposed": [
            {"handle": s.account.handle, "keep": round(s.keep, 2), "why": s.reasons()}
            for s in check.verdicts.unmatched if s.proposed
        ],
        "no_rule_other": sum(1 for s in check.verdicts.unmatched if not s.proposed),
    }


def rules_check_text(check: RulesCheck) -> str:
    data = rules_check_dict(check)
    lines = [f"Rules on {data['network']} ({plural(data['followed'], 'followed account')};"
             f" cooling-off {data['cooling_off_hours']:g} hours). Nothing was changed."]
    for rule in data["rules"]:
        conditions = ", ".join(f"{k}={v}" for k, v in rule["conditions"].items())
        lines.append(f"\nRule {rule['name']!r}: {rule['action']} when {conditions}"
                     f" — {plural(len(rule['accounts']), 'account')}")
        for acc in rule["accounts"]:
            lines.append(f"  @{acc['handle']:<20} keep {acc['keep']:.2f}  {acc['status']:<40}"
                         f" {'; '.join(acc['why'])}")
    if data["protected"]:
        protected = len(data["protected"])
        lines.append(f"\nProtected: {plural(protected, 'account')}"
                     f" {'matches' if protected == 1 else 'match'} a rule but"
                     f" {'is' if protected == 1 else 'are'} never acted on automatically")
        lines += [f"  @{p['handle']:<20} rule {p['rule']}: {p['why']}" for p in data["protected"]]
    proposed = data["no_rule_proposed"]
    others = data["no_rule_other"]
    lines.append(f"\nMatching no rule: {plural(len(proposed), 'proposed account')} (left for"
                 f" review) and {others} {'other' if others == 1 else 'others'}")
    lines += [f"  @{p['handle']:<20} keep {p['keep']:.2f}  {'; '.join(p['why'])}"
              for p in proposed]
    return "\n".join(lines) + "\n"


# -- writers for the output layer (render/output.py) ---------------------------------------

def write_report_text(report: AutoReport, console: Console) -> None:
    console.file.write(report_text(report))


def write_report_json(report: AutoReport, console: Console) -> None:
    console.file.write(report_json(report))


def write_report_markdown(report: AutoReport, console: Console) -> None:
    console.file.write(report_markdown(report))


def write_rules_check_text(check: RulesCheck, console: Console) -> None:
    console.file.write(rules_check_text(check))


def write_rules_check_json(check: RulesCheck, console: Console) -> None:
    console.file.write(json.dumps(rules_check_dict(check), indent=2, ensure_ascii=False) + "\n")
