"""`prune --auto`: exit codes, cooling-off, caps, lock, reports, logs, undo; and the property
that no rule, data or cap setting ever breaks the keep-list, the grace period or a cap."""

from __future__ import annotations

import json
import os
import random
import subprocess
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from followprune.app.actions import Pacer, PlannedAction, apply_actions
from followprune.app.auto import run_auto
from followprune.app.context import App
from followprune.app.lock import run_lock
from followprune.app.rules import match_rules, split_cooled
from followprune.config import ActionSettings, AutoRule, load_settings
from followprune.errors import ActionRejected, ApiError, AuthError
from followprune.models import Account, AccountState, ActionKind, Relationship
from followprune.networks.demo import DemoNetwork
from followprune.paths import resolve_paths
from followprune.scoring.blend import ScoringPolicy, score_all
from followprune.store import Store
from tests.conftest import Invoke
from tests.test_rules import RULES_TOML, write_config

CAPS = "[actions]\nper_run = 3\ndelay_seconds = 0\njitter_seconds = 0\n"


@pytest.fixture
def configured(isolated_env: Path) -> Path:
    return write_config(isolated_env, RULES_TOML + CAPS)


def journal_phases(home: Path) -> list[tuple[str, str, str | None, str]]:
    with Store(home / "followprune.sqlite3") as store:
        identity = store.find_identity("demo")
        assert identity is not None
        return [(r.handle, r.kind.value, r.rule, r.phase) for r in store.journal.actions(identity)]


# --- exit codes -----------------------------------------------------------------------------

def test_first_run_waits_second_acts_within_the_cap(configured: Path, invoke: Invoke) -> None:
    first = invoke("--auto")
    assert first.exit_code == 3, first.output  # nothing has cooled off yet
    assert "nothing to do (exit 3)" in first.stdout
    second = invoke("--auto", "--format", "json")
    assert second.exit_code == 4, second.output  # the per-run cap of 3 stopped it
    data = json.loads(second.stdout)
    assert data["counts"]["done"] == 3 and data["stopped_because"].startswith("per-run cap")
    assert [a["rule"] for a in data["actions"][:3]] == ["gone"] * 3
    # A cap it was told to keep is a normal end: said, not called an error (persona 16).
    assert "Stopped early, as the caps say: per-run cap of 3 actions reached" in second.stderr
    assert "Error" not in second.stderr
    phases = journal_phases(configured.parent)
    assert len(phases) == 3 and all(p[3] == "done" and p[2] == "gone" for p in phases)


def test_quiet_leaves_a_reached_cap_to_the_exit_status(configured: Path, invoke: Invoke) -> None:
    # Cron mails any output; a cap reached is a normal end, so --quiet says nothing of it.
    assert invoke("--auto").exit_code == 3
    quiet = invoke("--auto", "--quiet")
    assert quiet.exit_code == 4, quiet.output
    assert quiet.stdout == "" and quiet.stderr == ""
    assert len(journal_phases(configured.parent)) == 3


def test_exit_0_when_everything_planned_was_done(isolated_env: Path, invoke: Invoke) -> None:
    # Only the dead accounts: 8 of them, below every cap.
    only_gone = RULES_TOML.split('[[auto.rules]]\nname = "stale"')[0]
    write_config(isolated_env, only_gone + CAPS.replace("per_run = 3", "per_run = 50"))
    invoke("--auto")
    result = invoke("--auto")
    assert result.exit_code == 0, result.output
    assert "8 done, 0 failed, 0 not attempted" in result.stdout
    assert invoke("--auto").exit_code == 3  # and nothing twice


def test_config_error_exit_2(isolated_env: Path, invoke: Invoke) -> None:
    write_config(isolated_env, 'network = "demo"\n')
    result = invoke("--auto")
    assert result.exit_code == 2
    assert "no rules" in result.stderr
    for bad in (["--auto", "--dry-run"], ["--auto", "--format", "csv"],
                ["--auto", "--report", "x.txt"], ["--report", "x.md"]):
        assert invoke(*bad).exit_code == 2, bad


def test_locked_exit_7_in_process(configured: Path, invoke: Invoke) -> None:
    with run_lock(resolve_paths().lock_file):
        result = invoke("--auto")
    assert result.exit_code == 7
    assert "another prune run is in progress (pid " in result.stderr
    assert invoke("--auto").exit_code == 3  # the lock is gone with its holder


def test_two_concurrent_processes_one_is_refused(configured: Path) -> None:
    env = {**os.environ, "FOLLOWPRUNE_HOME": str(configured.parent)}
    with run_lock(configured.parent / "run.lock"):
        proc = subprocess.run([sys.executable, "-m", "followprune", "--auto"], env=env,
                              capture_output=True, text=True, timeout=60)
    assert proc.returncode == 7, proc.stderr
    assert "this one did nothing" in proc.stderr


@pytest.mark.parametrize(
    ("error", "where", "code"),
    [
        (AuthError("token refused"), "whoami", 5),
        (ApiError("connection reset"), "whoami", 6),
        (AuthError("token refused"), "unfollow", 5),
        (ApiError("503 after retries"), "unfollow", 6),
        (ActionRejected("account gone"), "unfollow", 4),
        (RuntimeError("bug"), "whoami", 1),
    ],
)
def test_network_errors_map_to_exit_codes(
    configured: Path, invoke: Invoke, monkeypatch: pytest.MonkeyPatch,
    error: Exception, where: str, code: int,
) -> None:
    invoke("--auto")  # first run: matches recorded, nothing acted

    def fail(*args: object) -> None:
        raise error

    monkeypatch.setattr(DemoNetwork, where, fail)
    report = configured.parent / "report.json"
    result = invoke("--auto", "--report", str(report))
    assert result.exit_code == code, result.output
    data = json.loads(report.read_text())
    assert data["exit_code"] == code
    log = (configured.parent / "logs" / "followprune.log").read_text()
    if where == "unfollow":
        assert data["counts"]["failed"] >= 1
        assert all(p[3] != "intent" for p in journal_phases(configured.parent))
    if code == 1:
        assert "Traceback" in log and "unexpected error" in result.stderr


# --- reports, logs, cooling-off with a faked clock ------------------------------------------

def test_report_files_and_log(configured: Path, invoke: Invoke) -> None:
    invoke("--auto")
    md = configured.parent / "out" / "run.md"
    result = invoke("--auto", "--quiet", "--report", str(md))
    assert result.exit_code == 4
    assert result.stdout == ""  # --quiet: nothing on stdout for cron to mail
    text = md.read_text()
    assert "| done | unfollow | @" in text and "| gone | account" in text
    log = (configured.parent / "logs" / "followprune.log").read_text()
    assert log.count(", rule gone: done") == 3
    assert "auto run 2 finished: 3 done" in log


def _app(home: Path, now: datetime) -> App:
    paths = resolve_paths()
    assert paths.data_dir == home
    return App(paths, load_settings(paths), now=now)


def test_cooling_off_with_a_fake_clock(isolated_env: Path) -> None:
    write_config(isolated_env, RULES_TOML.replace("cooling_off_hours = 0",
                                                  "cooling_off_hours = 20") + CAPS)
    t0 = datetime(2026, 6, 1, 8, tzinfo=UTC)
    for hours, done in ((0, 0), (10, 0), (21, 3)):
        moment = t0 + timedelta(hours=hours)
        app = _app(isolated_env, moment)
        try:
            report = run_auto(app, "demo", clock=lambda: moment)  # noqa: B023 - used at once
        finally:
            app.close()
        assert len(report.result.done) == done, hours
        if not done:
            assert report.waiting and not report.plan


def test_every_sleep_is_logged(configured: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(DemoNetwork, "paced", True)
    cfg = configured.read_text().replace("delay_seconds = 0", "delay_seconds = 4")
    configured.write_text(cfg.replace("jitter_seconds = 0", "jitter_seconds = 2"))
    from followprune.logs import setup_logging

    setup_logging(resolve_paths().log_file)
    clock = [datetime(2026, 6, 1, tzinfo=UTC)]
    slept: list[float] = []

    def sleep(seconds: float) -> None:
        slept.append(seconds)
        clock[0] += timedelta(seconds=seconds)

    for _ in range(2):
        app = _app(configured.parent, clock[0])
        try:
            report = run_auto(app, "demo", sleep=sleep, clock=lambda: clock[0])
        finally:
            app.close()
    assert len(report.result.done) == 3 and len(slept) == 2
    assert all(4 <= s <= 6 for s in slept)
    log = (configured.parent / "logs" / "followprune.log").read_text()
    assert log.count("(pacing)") == 2 and "sleeping " in log


# --- history and undo of automatic actions ----------------------------------------------------

def test_history_by_rule_and_csv_and_undo_within_caps(configured: Path, invoke: Invoke) -> None:
    # The gone accounts are muted, not unfollowed: an undo cannot follow a gone account again.
    write_config(configured.parent,
                 RULES_TOML.replace("dead = true\n", 'dead = true\naction = "mute"\n') + CAPS)
    invoke("--auto")
    invoke("--auto")
    invoke("--auto")  # 6 mutes by rule "gone" over two runs
    result = invoke("history", "--rule", "gone", "--csv")
    assert result.exit_code == 0
    rows = result.stdout.strip().splitlines()
    assert len(rows) == 7 and all(",gone," in row for row in rows[1:])
    assert invoke("history", "--rule", "stale", "--csv").stdout.count("\n") == 1
    table = invoke("history", "--rule", "gone")
    assert table.exit_code == 0 and "mute done" in table.stdout
    # Undo a time range: six unmutes, but the per-run cap of 3 still applies.
    undo = invoke("undo", "--since", "2000-01-01", "--yes")
    assert undo.exit_code == 4, undo.output
    assert "per-run cap of 3" in undo.stderr
    follows = [p for p in journal_phases(configured.parent) if p[1] == "unmute"]
    assert len(follows) == 3
    # What was undone is never taken again by a rule.
    again = invoke("--auto", "--format", "json")
    data = json.loads(again.stdout)
    undone = {p[0] for p in follows}
    assert not undone & {a["handle"] for a in data["actions"]}


# --- property: whatever the rules and data, guards and caps hold ------------------------------

NOW = datetime(2026, 6, 1, tzinfo=UTC)

# One condition that often holds, so that plenty of examples act, plus any others.
_often = st.one_of(
    st.fixed_dictionaries({"dead": st.booleans()}),
    st.fixed_dictionaries({"follows_you": st.booleans()}),
    st.fixed_dictionaries({"keep_below": st.floats(0.3, 1.0)}),
)
_more = st.fixed_dictionaries({}, optional={
    "inactive_days": st.integers(1, 800),
    "no_engagement_days": st.integers(1, 400),
    "quality_below": st.floats(0.01, 1.0),
    "bot_score_above": st.floats(0.0, 0.99),
    "dead": st.booleans(),
})


def _rule(often: dict[str, object], more: dict[str, object], action: str) -> AutoRule:
    return AutoRule.model_validate({"name": "r", "action": action, **more, **often})


rule_strategy = st.builds(
    _rule,
    often=_often,
    more=_more,
    action=st.sampled_from(["unfollow", "mute"]),
)


@st.composite
def follow_lists(draw: st.DrawFn) -> tuple[list[Account], list[Relationship]]:
    n = draw(st.integers(3, 25))
    accounts, rels = [], []
    for i in range(n):
        accounts.append(Account(
            id=str(i), handle=f"h{i}",
            created_at=NOW - timedelta(days=draw(st.integers(1, 4000))),
            followers_count=draw(st.integers(0, 10_000)),
            following_count=draw(st.integers(0, 10_000)),
            post_count=draw(st.integers(0, 50_000)),
            last_active_at=draw(st.none() | st.integers(0, 2000).map(
                lambda d: NOW - timedelta(days=d))),
            state=draw(st.sampled_from(list(AccountState))),
            default_avatar=draw(st.booleans()),
        ))
        rels.append(Relationship(
            account_id=str(i), follows_you=draw(st.booleans()), muted=draw(st.booleans()),
            first_seen=NOW - timedelta(days=draw(st.integers(0, 200)), hours=draw(
                st.integers(0, 23))),
        ))
    return accounts, rels


class RecordingNetwork(DemoNetwork):
    """Acts on nothing; remembers every call."""

    def __init__(self) -> None:
        self.calls: list[tuple[ActionKind, str]] = []

    def act(self, kind: ActionKind, account_id: str) -> None:
        self.calls.append((kind, account_id))


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    graph=follow_lists(),
    rules=st.lists(rule_strategy, min_size=1, max_size=3),
    keep_every=st.integers(2, 6),
    grace_days=st.integers(0, 60),
    caps=st.tuples(st.integers(1, 10), st.integers(1, 30), st.integers(1, 5)),
    spacing=st.tuples(st.floats(0, 5), st.floats(0, 5)),
    earlier=st.lists(st.integers(0, 24 * 60), max_size=12),
    cooling=st.floats(0, 30),
    seed=st.integers(0, 2**32),
)
def test_guards_cooling_off_and_caps_always_hold(
    graph: tuple[list[Account], list[Relationship]], rules: list[AutoRule], keep_every: int,
    grace_days: int, caps: tuple[int, int, int], spacing: tuple[float, float],
    earlier: list[int], cooling: float, seed: int,
) -> None:
    accounts, rels = graph
    rules = [r.model_copy(update={"name": f"r{i}"}) for i, r in enumerate(rules)]
    keep = frozenset(a.handle for a in accounts[::keep_every])
    policy = ScoringPolicy(weights={"relevance": 1, "interaction": 1, "geography": 1,
                                    "quality": 1}, threshold=0.4, keep_handles=keep,
                           grace_days=grace_days)
    scores = score_all(accounts, rels, [], policy, NOW)
    verdicts = match_rules(scores, rules, NOW)
    rng = random.Random(seed)
    seen = {m.score.account.id: [NOW - timedelta(hours=rng.uniform(0, 40))
                                 for _ in range(rng.randint(0, 3))] + [NOW]
            for m in verdicts.matches}
    ready, _ = split_cooled(verdicts.matches, seen, cooling)

    per_run, per_day, per_15 = caps
    store = Store(Path(":memory:"))
    identity = store.identity("demo", "me", "me")
    old_run = store.runs.start(identity, "auto", NOW - timedelta(days=1))
    for minutes in earlier:  # what earlier runs did in the last day
        at = NOW - timedelta(minutes=minutes)
        action_id = store.journal.record_intent(identity, old_run, "x", "x",
                                                ActionKind.UNFOLLOW, at)
        store.journal.record_outcome(action_id, True, at)
    clock = [NOW]

    def sleep(seconds: float) -> None:
        assert seconds > 0
        clock[0] += timedelta(seconds=seconds)

    pacer = Pacer(ActionSettings(per_run=per_run, per_day=per_day, per_15_minutes=per_15,
                                 delay_seconds=spacing[0], jitter_seconds=spacing[1]),
                  store, identity, paced=True, sleep=sleep, clock=lambda: clock[0], rng=rng)
    network = RecordingNetwork()
    run = store.runs.start(identity, "auto", NOW)
    plan = [PlannedAction(m.score.account.id, m.score.account.handle, m.action,
                          rule=m.rule.name) for m in ready]
    result = apply_actions(store, network, identity, run, plan, pacer)

    by_id = {a.id: (a, r) for a, r in zip(accounts, rels, strict=True)}
    for _kind, account_id in network.calls:
        account, rel = by_id[account_id]
        assert account.handle not in keep
        assert account.state is not AccountState.MEMORIAL  # whatever the rule says
        assert rel.first_seen is not None
        assert NOW - rel.first_seen >= timedelta(days=grace_days)
        times = sorted(seen[account_id])
        assert len(times) >= 2 and times[-1] - times[0] >= timedelta(hours=cooling)
    assert len(network.calls) <= per_run
    assert len(network.calls) == len(result.done)
    moments = sorted(r.created_at for r in store.journal.actions(identity))
    new = [r.created_at for r in store.journal.actions(identity, run_id=run)]
    for t in new:
        in_window = [m for m in moments if t - timedelta(minutes=15) <= m <= t]
        in_day = [m for m in moments if t - timedelta(days=1) <= m <= t]
        assert len(in_window) <= per_15
        assert len(in_day) <= per_day
    if result.not_attempted:
        assert result.stopped_because is not None
    event("acted" if network.calls else "did not act")
    event(f"stopped: {(result.stopped_because or 'no').split(' cap')[0]}")
    store.close()


def test_a_report_that_cannot_be_written_stops_the_run_before_it_acts(
        configured: Path, invoke: Invoke, tmp_path: Path) -> None:
    assert invoke("--auto").exit_code == 3
    not_a_folder = tmp_path / "report.html"
    not_a_folder.write_text("", encoding="utf-8")
    result = invoke("--auto", "--report", str(not_a_folder / "last.md"))
    assert result.exit_code == 2, result.output
    assert f"{not_a_folder} is not a folder" in result.stderr
    assert journal_phases(configured.parent) == []  # nothing acted, nothing lost
