"""A plan is made before the run holds the lock and carried out over minutes (paced): what
changed meanwhile is honoured before each action. The keep-list wins over every proposal
and rule, even one added while a run acts; an account another run already unfollowed or
muted is not acted on twice."""

from __future__ import annotations

from followprune.app.acting import ActingCallbacks, carry_out
from followprune.app.actions import PlannedAction
from followprune.app.context import App
from followprune.app.review import Review, plan_actions, prepare_review
from followprune.config import load_settings
from followprune.models import ActionKind
from followprune.networks.demo import DemoNetwork
from followprune.paths import resolve_paths


def _planned(app: App, limit: int) -> tuple[DemoNetwork, Review, list[PlannedAction]]:
    network = DemoNetwork(app.store, now=app.now)
    review = prepare_review(app, network, mode="apply", limit=limit)
    kinds = [ActionKind.UNFOLLOW] * (limit - 1) + [ActionKind.MUTE]
    return network, review, plan_actions(review, kinds)


def test_a_keep_added_after_the_plan_and_a_second_run_are_left_alone() -> None:
    paths = resolve_paths()
    app = App(paths, load_settings(paths))
    quiet = ActingCallbacks(sleep=lambda seconds: None)
    network, first, plan = _planned(app, 4)
    # A second review made before the first run acts: the same proposals.
    _, second, again = _planned(app, 4)
    assert [a.account_id for a in again] == [a.account_id for a in plan]

    kept = plan[1]
    app.store.keeps.add(first.identity, kept.account_id, kept.handle, "keep", app.now)
    done = carry_out(app, network, first.identity, first.run_id, plan, quiet)
    assert [(a.account_id, why) for a, why in done.left_alone] == [
        (kept.account_id, "on the keep-list now")]
    assert {o.action.account_id for o in done.done} == {
        a.account_id for a in plan if a is not kept}

    repeat = carry_out(app, network, second.identity, second.run_id, again, quiet)
    assert repeat.done == [] and repeat.failed == []
    whys = {a.account_id: why for a, why in repeat.left_alone}
    assert whys[kept.account_id] == "on the keep-list now"
    assert whys[plan[0].account_id] == "unfollowed by another run since this one was planned"
    assert whys[plan[-1].account_id] == "muted by another run since this one was planned"
    actions = app.store.journal.actions(first.identity)
    assert len(actions) == len(plan) - 1  # nothing journaled twice, the kept one never
    app.close()
