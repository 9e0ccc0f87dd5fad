"""Undo, by run, by time range and by default, against a model of the follow set.

Random sequences of acting runs, undos and kills run at the app level on the demo network: a
kill interrupts `apply_actions` at a random action, after its intent was journaled and either
before or after the network carried it out, exactly what SIGKILL leaves behind. The next
operation reconciles it first, as every acting command does. The model is the follow and mute
state of a handful of accounts; after every operation that was not killed the network must
match it, and undoing everything must bring back the state before the first run.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from followprune.app.actions import (
    Pacer,
    PlannedAction,
    apply_actions,
    reconcile_before,
)
from followprune.app.context import App
from followprune.app.history import plan_undo
from followprune.config import ActionSettings, LoadedSettings, Settings
from followprune.models import ActionKind
from followprune.networks.demo import DemoNetwork, load_demo_data
from followprune.paths import Paths
from followprune.store import Identity, Store

T0 = datetime(2026, 6, 1, tzinfo=UTC)
POOL_SIZE = 6
UNCAPPED = ActionSettings(per_run=10_000, per_day=10_000, per_15_minutes=10_000,
                          delay_seconds=0, jitter_seconds=0)

State = dict[str, tuple[bool, bool]]  # account id -> (following, muted)


def _pool() -> list[tuple[str, str]]:
    data = load_demo_data()
    followed = {r["account_id"] for r in data["relationships"]
                if r.get("you_follow", True) and not r.get("muted", False)}
    return [(a["id"], a["handle"]) for a in data["accounts"] if a["id"] in followed][:POOL_SIZE]


POOL = _pool()


class Killed(BaseException):
    """SIGKILL, as far as the process is concerned: nothing after it runs."""


class KillingNetwork:
    """The demo network, killed during its `kill_at`-th action, before or after the call."""

    def __init__(self, network: DemoNetwork, kill_at: int | None, after: bool) -> None:
        self.network, self.kill_at, self.after, self.calls = network, kill_at, after, 0

    def ensure_can_act(self) -> None:
        self.network.ensure_can_act()

    def refusal(self, kind: ActionKind, now: datetime) -> str | None:
        return self.network.refusal(kind, now)

    def act(self, kind: ActionKind, account_id: str) -> None:
        index, self.calls = self.calls, self.calls + 1
        if index == self.kill_at and not self.after:
            raise Killed
        self.network.act(kind, account_id)
        if index == self.kill_at:
            raise Killed


@dataclass
class Original:
    op: int  # the operation that took it; its actions fall inside that operation's hour
    run_id: int
    account_id: str
    kind: ActionKind
    undone: bool = False  # by an undo whose outcome is journaled as done
    undo_pending: bool = False  # by an undo killed before its outcome


@dataclass
class Model:
    state: State
    originals: list[Original] = field(default_factory=list)

    def reconcile(self) -> None:
        for original in self.originals:
            if original.undo_pending:
                original.undo_pending, original.undone = False, True

    def apply(self, account_id: str, kind: ActionKind) -> None:
        following, muted = self.state[account_id]
        self.state[account_id] = {
            ActionKind.UNFOLLOW: (False, muted), ActionKind.FOLLOW: (True, muted),
            ActionKind.MUTE: (following, True), ActionKind.UNMUTE: (following, False),
        }[kind]


@dataclass
class World:
    store: Store
    app: App
    network: DemoNetwork
    identity: Identity
    initial: State
    model: Model
    clock_ticks: int = 0
    op: int = 0

    def moment(self) -> datetime:
        self.clock_ticks += 1
        return T0 + timedelta(hours=self.op, seconds=self.clock_ticks)

    def actual(self) -> State:
        overrides = self.store.demo.overrides()
        return {a: overrides.get(a, self.initial[a]) for a, _ in POOL}


@st.composite
def operations(draw: st.DrawFn) -> list[tuple[object, ...]]:
    count = draw(st.integers(1, 9))
    ops: list[tuple[object, ...]] = []
    for _ in range(count):
        kill = draw(st.one_of(st.none(), st.tuples(st.integers(0, 5), st.booleans())))
        kind = draw(st.sampled_from(["run", "run", "undo_last", "undo_run", "undo_range"]))
        if kind == "run":
            picks = draw(st.lists(st.tuples(st.integers(0, POOL_SIZE - 1),
                                            st.sampled_from([ActionKind.UNFOLLOW,
                                                             ActionKind.MUTE])),
                                  min_size=1, max_size=POOL_SIZE))
            ops.append(("run", picks, kill))
        elif kind == "undo_run":
            ops.append(("undo_run", draw(st.integers(0, 8)), kill))
        elif kind == "undo_range":
            since = draw(st.one_of(st.none(), st.integers(0, 9)))
            until = draw(st.one_of(st.none(), st.integers(0, 10)))
            ops.append(("undo_range", (since, until), kill))
        else:
            ops.append(("undo_last", None, kill))
    return ops


def _new_world(root: Path) -> World:
    root.mkdir(parents=True)
    paths = Paths(config_dir=root, data_dir=root, log_dir=root / "logs")
    store = Store(paths.store_file)
    app = App(paths, LoadedSettings(Settings(), None), now=T0, _store=store)
    network = DemoNetwork(store, now=T0)
    me = network.whoami()
    identity = store.identity("demo", me.id, me.handle)
    initial = {a: (True, False) for a, _ in POOL}
    return World(store, app, network, identity, dict(initial), Model(dict(initial)))


def _act(world: World, run_id: int, plan: list[PlannedAction],
         kill: tuple[int, bool] | None) -> bool:
    """Reconcile what a killed operation left, then carry out `plan`; True if killed."""
    now = world.moment()
    _, remaining = reconcile_before(world.store, world.network, world.identity, plan, now)
    world.model.reconcile()
    network = KillingNetwork(world.network, *(kill or (None, False)))
    pacer = Pacer(UNCAPPED, world.store, world.identity, paced=False, clock=world.moment)
    try:
        apply_actions(world.store, network, world.identity, run_id,  # type: ignore[arg-type]
                      remaining, pacer)
    except Killed:
        done = network.calls  # the killed action's intent is journaled: it counts
        _model_effects(world, remaining[:done], killed=True)
        return True
    _model_effects(world, remaining, killed=False)
    return False


def _model_effects(world: World, actions: list[PlannedAction], *, killed: bool) -> None:
    by_id = {o_id: o for o_id, o in _journal_ids(world)}
    for index, action in enumerate(actions):
        world.model.apply(action.account_id, action.kind)
        if action.undo_of is not None:
            if killed and index == len(actions) - 1:
                by_id[action.undo_of].undo_pending = True  # an intent without outcome
            else:
                by_id[action.undo_of].undone = True


def _journal_ids(world: World) -> list[tuple[int, Original]]:
    records = [r for r in world.store.journal.actions(world.identity) if r.undo_of is None]
    assert len(records) == len(world.model.originals)
    return [(r.id, o) for r, o in zip(records, world.model.originals, strict=True)]


def _run(world: World, picks: list[tuple[int, ActionKind]], kill: tuple[int, bool] | None,
         run_ids: list[int]) -> bool:
    world.model.reconcile()
    plan: list[PlannedAction] = []
    seen: set[str] = set()
    for index, kind in picks:
        account_id, handle = POOL[index]
        following, muted = world.model.state[account_id]
        if account_id in seen or not following or (kind is ActionKind.MUTE and muted):
            continue  # a review proposes only accounts followed now, each once
        seen.add(account_id)
        plan.append(PlannedAction(account_id, handle, kind))
    run_id = world.store.runs.start(world.identity, "review", world.moment())
    run_ids.append(run_id)
    killed_at = None if kill is None else kill[0]
    attempted = plan if killed_at is None else plan[: killed_at + 1]
    for action in attempted:
        world.model.originals.append(Original(world.op, run_id, action.account_id, action.kind))
    return _act(world, run_id, plan, kill)


def _undo(world: World, op: tuple[object, ...], run_ids: list[int]) -> bool:
    kind, arg, kill = op
    model = world.model
    undone_at_plan = {id(o) for o in model.originals if o.undone}
    if kind == "undo_range" and arg == (None, None):
        kind = "undo_last"  # no run and no range given: `prune undo` takes the last run
    if kind == "undo_run":
        assert isinstance(arg, int)
        if not run_ids:
            return False
        run_id = run_ids[arg % len(run_ids)]
        planned = plan_undo(world.app, "demo", run_id=run_id)
        scope = [o for o in model.originals if o.run_id == run_id]
    elif kind == "undo_range":
        assert isinstance(arg, tuple)
        since, until = arg
        planned = plan_undo(
            world.app, "demo",
            since=None if since is None else T0 + timedelta(hours=since),
            until=None if until is None else T0 + timedelta(hours=until),
        )
        scope = [o for o in model.originals
                 if (since is None or o.op >= since) and (until is None or o.op < until)]
    else:
        planned = plan_undo(world.app, "demo")
        candidates = [o for o in model.originals if id(o) not in undone_at_plan]
        last_run = max((o.run_id for o in candidates), default=None)
        scope = [o for o in candidates if o.run_id == last_run]
    expected = [o for o in scope if id(o) not in undone_at_plan]
    # The plan reverses exactly the originals in scope not yet undone, newest first, and
    # never an undo's own action.
    assert [(a.account_id, a.kind) for a in planned.plan] == [
        (o.account_id, o.kind.inverse) for o in reversed(expected)
    ]
    if not planned.plan:
        return False
    run_id = world.store.runs.start(world.identity, "undo", world.moment())
    run_ids.append(run_id)
    assert kill is None or isinstance(kill, tuple)
    return _act(world, run_id, planned.plan, kill)


@settings(max_examples=60, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(ops=operations())
def test_any_sequence_of_runs_kills_and_undos_undoes_back_to_the_start(
    ops: list[tuple[object, ...]], tmp_path_factory: pytest.TempPathFactory
) -> None:
    world = _new_world(tmp_path_factory.mktemp("undo") / "home")
    try:
        run_ids: list[int] = []
        for world.op, op in enumerate(ops):
            kill = op[2]
            assert kill is None or isinstance(kill, tuple)
            if op[0] == "run":
                assert isinstance(op[1], list)
                killed = _run(world, op[1], kill, run_ids)
            else:
                killed = _undo(world, op, run_ids)
            # Whatever a kill left in flight is reconciled by the next operation that acts;
            # until then the network may be either side of it.
            if not killed and not world.store.journal.in_flight(world.identity):
                assert world.actual() == world.model.state, (op, world.model.originals)
        # Undo everything, as the person would after regretting it all: the state before
        # the first run comes back, whatever was killed on the way.
        world.op = len(ops)
        _undo(world, ("undo_range", (0, None), None), run_ids)
        _act(world, world.store.runs.start(world.identity, "review", world.moment()), [],
             None)
        assert world.actual() == world.initial
        assert world.store.journal.in_flight(world.identity) == []
    finally:
        world.store.close()
