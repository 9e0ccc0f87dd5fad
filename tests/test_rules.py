"""Automatic rules: parsing, validation messages, matching, cooling-off, and `prune rules check`."""

from __future__ import annotations

import json
import sqlite3
from datetime import UTC, datetime, timedelta
from importlib import resources
from pathlib import Path
from typing import Any

import pytest

from followprune.app.actions import PlannedAction
from followprune.app.auto import drop_settled
from followprune.app.rules import match_rules, ready_at, split_cooled
from followprune.config import AutoRule, Settings, load_settings
from followprune.errors import ConfigError
from followprune.models import Account, AccountState, ActionKind, Relationship
from followprune.paths import resolve_paths
from followprune.scoring.blend import AccountScore
from followprune.scoring.components import Component
from followprune.store.journal import ActionRecord
from tests.conftest import Invoke

NOW = datetime(2026, 6, 1, tzinfo=UTC)

RULES_TOML = """
network = "demo"
[auto]
cooling_off_hours = 0
[[auto.rules]]
name = "gone"
dead = true
[[auto.rules]]
name = "stale"
inactive_days = 365
follows_you = false
[[auto.rules]]
name = "bots"
bot_score_above = 0.8
action = "mute"
"""


def write_config(home: Path, text: str) -> Path:
    home.mkdir(parents=True, exist_ok=True)
    path = home / "config.toml"
    path.write_text(text, encoding="utf-8")
    return path


def rule(**fields: Any) -> AutoRule:
    return AutoRule.model_validate({"name": "r", **fields})


def score(
    *,
    handle: str = "alice",
    keep: float = 0.2,
    state: AccountState = AccountState.ACTIVE,
    days_silent: int | None = 400,
    bot: float = 0.1,
    quality: float = 0.5,
    follows_you: bool = False,
    last_them: datetime | None = None,
    last_you: datetime | None = None,
    events: dict[str, int] | None = None,
    location: str = "",
    guard: str | None = None,
    muted: bool = False,
) -> AccountScore:
    dead = state is not AccountState.ACTIVE
    account = Account(id=f"id-{handle}", handle=handle, location=location, state=state)
    facts_q = {"dead": dead, "bot_score": bot, "days_silent": None if dead else days_silent}
    facts_i = {"follows_you": follows_you, "last_from_them": last_them,
               "last_from_you": last_you, "events": events or {}}
    components = {
        "relevance": Component(0.5),
        "interaction": Component(0.3, facts=facts_i),
        "geography": Component(0.5),
        "quality": Component(quality, facts=facts_q),
    }
    rel = Relationship(account_id=account.id, follows_you=follows_you, muted=muted)
    return AccountScore(account, rel, components, keep, guard is None and keep < 0.3, dead,
                        guard)


# --- parsing and validation -----------------------------------------------------------------

def test_rules_parse_from_the_config_file(isolated_env: Path) -> None:
    write_config(isolated_env, RULES_TOML + '[[auto.rules]]\nname = "far"\n'
                 'country_not_in = ["de", " fr "]\n')
    rules = load_settings(resolve_paths()).settings.auto.rules
    assert [r.name for r in rules] == ["gone", "stale", "bots", "far"]
    assert rules[1].conditions() == {"inactive_days": 365, "follows_you": False}
    assert rules[2].action == "mute" and rules[0].action == "unfollow"
    assert rules[3].country_not_in == ["DE", "FR"]


def test_the_example_rule_in_config_example_is_valid() -> None:
    text = resources.files("followprune.data").joinpath("config.example.toml").read_text()
    example = text[text.index("# [[auto.rules]]"):]
    body = "\n".join(line.removeprefix("# ") for line in example.splitlines()
                     if line.startswith("# ") and ("=" in line or "[[" in line))
    import tomllib

    settings = Settings.model_validate(tomllib.loads(body))
    assert set(settings.auto.rules[0].conditions()) == {
        "dead", "blocked", "inactive_days", "no_engagement_days", "follows_you", "keep_below",
        "quality_below", "bot_score_above", "country_not_in", "posts_per_day_above",
        "stream_share_above"}


def test_the_packaged_config_example_is_the_one_at_the_top() -> None:
    # `prune config init` writes the packaged copy; the README points at the top-level one.
    packaged = resources.files("followprune.data").joinpath("config.example.toml").read_text()
    assert packaged == (Path(__file__).parents[1] / "config.example.toml").read_text()


@pytest.mark.parametrize(
    ("rule_toml", "expected"),
    [
        ('name = "stale"\ninactive_days = 0',
         'auto.rules[0] ("stale"): inactive_days: Input should be greater than or equal to 1'),
        ('name = "empty"', 'auto.rules[0] ("empty"): a rule needs at least one condition'),
        ('name = "typo"\ninactive_dayz = 3',
         'auto.rules[0] ("typo"): inactive_dayz: unknown key (expected one of: name, action,'),
        ('name = "act"\ndead = true\naction = "block"',
         "auto.rules[0] (\"act\"): action: Input should be 'unfollow' or 'mute'"),
        ('name = "geo"\ncountry_not_in = ["Germany"]',
         'auto.rules[0] ("geo"): country_not_in: Value error, expected a non-empty list'),
        ('name = "k"\nkeep_below = 1.5', 'auto.rules[0] ("k"): keep_below: Input should be'),
        ('dead = true', "auto.rules[0]: name: Field required"),
    ],
)
def test_rule_errors_name_the_file_the_rule_and_the_key(
    isolated_env: Path, rule_toml: str, expected: str
) -> None:
    path = write_config(isolated_env, f"[[auto.rules]]\n{rule_toml}\n")
    with pytest.raises(ConfigError) as info:
        load_settings(resolve_paths())
    assert f"{path}: {expected}".replace("Value error, ", "") in info.value.message


def test_rule_names_must_be_unique(isolated_env: Path) -> None:
    write_config(isolated_env, RULES_TOML + '[[auto.rules]]\nname = "Stale"\ndead = true\n')
    with pytest.raises(ConfigError) as info:
        load_settings(resolve_paths())
    assert "auto: rule name 'Stale' is used twice (rules[1] and rules[3])" in info.value.message


def test_a_bad_rule_stops_the_cli_with_exit_2(isolated_env: Path, invoke: Invoke) -> None:
    write_config(isolated_env, '[[auto.rules]]\nname = "empty"\n')
    result = invoke("rules", "check", "--demo")
    assert result.exit_code == 2
    assert 'auto.rules[0] ("empty"): a rule needs at least one condition' in result.stderr


# --- matching -------------------------------------------------------------------------------

@pytest.mark.parametrize(
    ("conditions", "account", "matches"),
    [
        ({"dead": True}, {"state": AccountState.SUSPENDED}, True),
        ({"dead": True}, {}, False),
        ({"dead": False}, {}, True),
        ({"inactive_days": 365}, {"days_silent": 366}, True),
        ({"inactive_days": 365}, {"days_silent": 365}, False),
        ({"inactive_days": 365}, {"days_silent": None}, False),  # unknown is not inactive
        ({"inactive_days": 365}, {"state": AccountState.DELETED}, True),
        ({"follows_you": False}, {"follows_you": True}, False),
        ({"follows_you": True}, {"follows_you": True}, True),
        ({"keep_below": 0.3}, {"keep": 0.29}, True),
        ({"keep_below": 0.3}, {"keep": 0.3}, False),
        ({"quality_below": 0.2}, {"quality": 0.1}, True),
        ({"quality_below": 0.2}, {"quality": 0.2}, False),
        ({"bot_score_above": 0.8}, {"bot": 0.81}, True),
        ({"bot_score_above": 0.8}, {"bot": 0.8}, False),
        ({"no_engagement_days": 90}, {}, True),
        ({"no_engagement_days": 90}, {"last_them": NOW - timedelta(days=30)}, False),
        ({"no_engagement_days": 90}, {"last_you": NOW - timedelta(days=30)}, False),
        ({"no_engagement_days": 90},
         {"last_you": NOW - timedelta(days=100), "last_them": NOW - timedelta(days=200)}, True),
        ({"no_engagement_days": 90}, {"events": {"from_them:like": 1}}, False),  # when unknown
        ({"country_not_in": ["DE"]}, {"location": "Paris, France"}, True),
        ({"country_not_in": ["DE", "FR"]}, {"location": "Paris, France"}, False),
        ({"country_not_in": ["DE"]}, {"location": ""}, False),  # unknown is not elsewhere
        # "UK", as people write it, is GB: a Londoner is inside (probe round 10).
        ({"country_not_in": ["UK", "IE"]}, {"location": "London, UK"}, False),
        ({"country_not_in": ["uk"]}, {"location": "Manchester, England"}, False),
        ({"country_not_in": ["UK"]}, {"location": "Dublin, Ireland"}, True),
        ({"dead": False, "inactive_days": 100, "follows_you": False}, {}, True),
        ({"dead": False, "inactive_days": 100, "follows_you": True}, {}, False),  # AND
    ],
)
def test_conditions(conditions: dict[str, Any], account: dict[str, Any], matches: bool) -> None:
    verdicts = match_rules([score(**account)], [rule(**conditions)], NOW)
    assert bool(verdicts.matches) is matches
    if matches:
        assert len(verdicts.matches[0].reasons) == len(conditions)


def test_the_first_matching_rule_decides_and_reasons_explain() -> None:
    rules = [rule(name="bots", bot_score_above=0.5, action="mute"),
             rule(name="stale", inactive_days=100)]
    verdicts = match_rules([score(bot=0.9, days_silent=500)], rules, NOW)
    (match,) = verdicts.matches
    assert match.rule.name == "bots" and match.action is ActionKind.MUTE
    assert match.reasons == ("bot score 0.90 > 0.50",)


def test_guard_wins_and_muted_accounts_are_not_muted_again() -> None:
    rules = [rule(name="mute-bots", bot_score_above=0.5, action="mute")]
    scores = [score(handle="kept", bot=0.9, guard="on your keep-list"),
              score(handle="muted", bot=0.9, muted=True),
              score(handle="fine", bot=0.1)]
    verdicts = match_rules(scores, rules, NOW)
    assert verdicts.matches == []
    assert [(b.match.score.account.handle, b.why) for b in verdicts.blocked] == [
        ("kept", "on your keep-list"), ("muted", "already muted")]
    assert [s.account.handle for s in verdicts.unmatched] == ["fine"]


def test_cooling_off_needs_two_runs_far_enough_apart() -> None:
    t0 = NOW
    assert ready_at([t0], 0) is None  # one run is never enough
    assert ready_at([t0, t0 + timedelta(hours=5)], 20) is None
    assert ready_at([t0, t0 + timedelta(hours=5), t0 + timedelta(hours=21)], 20) == (
        t0 + timedelta(hours=21))
    assert ready_at([t0, t0], 0) == t0  # two runs, zero hours: ready
    match = match_rules([score()], [rule(inactive_days=10)], NOW).matches
    ready, waiting = split_cooled(match, {"id-alice": [t0]}, 20)
    assert ready == [] and waiting[0].earliest == t0 + timedelta(hours=20)


def _record(id_: int, account: str, kind: ActionKind, phase: str = "done",
            undo_of: int | None = None) -> ActionRecord:
    return ActionRecord(id_, 1, account, account, kind, "r", undo_of, NOW, phase, "", None)


def test_never_act_twice_and_never_undo_an_undo() -> None:
    matches = match_rules(
        [score(handle=h) for h in ("done", "undone", "failed", "new")],
        [rule(inactive_days=10)], NOW,
    ).matches
    records = [
        _record(1, "id-done", ActionKind.UNFOLLOW),
        _record(2, "id-undone", ActionKind.UNFOLLOW),
        _record(3, "id-undone", ActionKind.FOLLOW, undo_of=2),
        _record(4, "id-failed", ActionKind.UNFOLLOW, phase="failed"),
    ]
    keep, skipped = drop_settled(records, matches)
    assert [m.score.account.handle for m in keep] == ["failed", "new"]
    assert {s.match.score.account.handle: s.why for s in skipped} == {
        "done": "already unfollowed (action 1)",
        "undone": "you undid an earlier action on this account",
    }
    assert PlannedAction("x", "x", ActionKind.UNFOLLOW, rule="r").rule == "r"


# --- prune rules check ----------------------------------------------------------------------

def _runs(home: Path) -> int:
    with sqlite3.connect(home / "followprune.sqlite3") as conn:
        return int(conn.execute("SELECT COUNT(*) FROM runs").fetchone()[0])


def test_rules_check_lists_matches_per_rule_and_records_no_run(
    isolated_env: Path, invoke: Invoke
) -> None:
    write_config(isolated_env, RULES_TOML)
    result = invoke("rules", "check")
    assert result.exit_code == 0, result.output
    out = result.stdout
    assert "Rule 'gone': unfollow when dead=True — 8 accounts" in out
    assert "Rule 'stale': unfollow when inactive_days=365, follows_you=False" in out
    assert "Rule 'bots': mute when bot_score_above=0.8" in out
    assert "account suspended" in out and "doesn't follow you back" in out
    assert "Matching no rule:" in out and "Nothing was changed." in out
    assert _runs(isolated_env) == 0
    # Checking again and again never arms the rules: an auto run still has to wait.
    invoke("rules", "check")
    auto = invoke("--auto")
    assert auto.exit_code == 3, auto.output


def test_rules_check_json_and_offline(isolated_env: Path, invoke: Invoke) -> None:
    write_config(isolated_env, RULES_TOML)
    assert invoke("rules", "check", "--offline").exit_code == 2  # never synced yet
    invoke("rules", "check")
    result = invoke("rules", "check", "--offline", "--format", "json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert [r["name"] for r in data["rules"]] == ["gone", "stale", "bots"]
    gone = data["rules"][0]["accounts"]
    assert len(gone) == 8 and all(a["why"][0].startswith("account ") for a in gone)
    assert all(a["status"] == "cooling off: acted on by the next run" for a in gone)
    assert data["no_rule_other"] > 0 and isinstance(data["protected"], list)
    handles = {a["handle"] for r in data["rules"] for a in r["accounts"]}
    assert not handles & {p["handle"] for p in data["no_rule_proposed"]}


def test_rules_check_without_rules_is_a_config_error(invoke: Invoke) -> None:
    result = invoke("rules", "check", "--demo")
    assert result.exit_code == 2
    assert "auto.rules: no rules" in result.stderr


def test_unknown_country_code_names_the_rule(isolated_env: Path, invoke: Invoke) -> None:
    write_config(isolated_env, '[[auto.rules]]\nname = "geo"\ncountry_not_in = ["QQ"]\n')
    result = invoke("rules", "check", "--demo")
    assert result.exit_code == 2
    assert "auto.rules[0] (\"geo\"): country_not_in: 'QQ' is not a country code" in result.stderr
