"""Issue 12: the `posts_per_day_above` and `stream_share_above` rule conditions."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from followprune.app.rules import match_rules
from followprune.app.stream import StreamView
from followprune.config import load_settings
from followprune.errors import ConfigError
from followprune.paths import resolve_paths
from followprune.scoring.stream import Rate, RateSource
from tests.conftest import Invoke
from tests.test_rules import NOW, rule, score, write_config


def _view(rates: dict[str, float], muted: frozenset[str] = frozenset()) -> StreamView:
    return StreamView(
        rates={f"id-{h}": Rate(r, RateSource.TIMELINE, 3.0, 0.8) for h, r in rates.items()},
        muted=frozenset(f"id-{h}" for h in muted),
    )


def test_posts_per_day_above_reads_the_estimate() -> None:
    view = _view({"loud": 80.0, "quiet": 2.0})
    verdicts = match_rules([score(handle="loud"), score(handle="quiet")],
                           [rule(posts_per_day_above=50)], NOW, view)
    assert [m.score.account.handle for m in verdicts.matches] == ["loud"]
    assert verdicts.matches[0].reasons == ("about 80.0 posts a day (more than 50)",)


def test_stream_share_above_and_muted_never_matches() -> None:
    view = _view({"loud": 80.0, "quiet": 10.0, "muted": 500.0}, muted=frozenset({"muted"}))
    scores = [score(handle=h) for h in ("loud", "quiet", "muted")]
    verdicts = match_rules(scores, [rule(stream_share_above=0.5)], NOW, view)
    assert [m.score.account.handle for m in verdicts.matches] == ["loud"]
    assert verdicts.matches[0].reasons == ("89 % of your timeline (more than 50 %)",)


def test_no_estimate_never_matches() -> None:
    verdicts = match_rules([score(handle="x")],
                           [rule(stream_share_above=0.0), rule(posts_per_day_above=0)], NOW)
    assert not verdicts.matches


def test_stream_conditions_and_with_others() -> None:
    view = _view({"loud": 80.0, "quiet": 1.0})
    verdicts = match_rules([score(handle="loud", keep=0.9)],
                           [rule(posts_per_day_above=50, keep_below=0.5)], NOW, view)
    assert not verdicts.matches


@pytest.mark.parametrize(("toml", "expected"), [
    ("stream_share_above = 1.5", "stream_share_above: Input should be less than 1"),
    ("posts_per_day_above = -1", "posts_per_day_above: Input should be greater than or equal"),
])
def test_bad_stream_conditions_are_clear(isolated_env: Path, toml: str, expected: str) -> None:
    write_config(isolated_env, f'[[auto.rules]]\nname = "s"\n{toml}\n')
    with pytest.raises(ConfigError) as info:
        load_settings(resolve_paths())
    assert expected in info.value.message


def test_rules_check_on_the_demo_uses_the_sample(isolated_env: Path, invoke: Invoke) -> None:
    write_config(isolated_env,
                 'network = "demo"\n[[auto.rules]]\nname = "floods"\nposts_per_day_above = 100\n')
    result = invoke("rules", "check", "--demo", "--format", "json")
    assert result.exit_code == 0, result.output
    assert "posts a day (more than 100)" in json.dumps(json.loads(result.stdout))
