"""The review remembers what the person decided: keep, mute, undo."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest

from followprune.scoring.blend import MUTED_GUARD
from tests.conftest import Invoke, proposals_json


def everyone(invoke: Invoke) -> dict[str, dict[str, Any]]:
    data = proposals_json(invoke("--demo", "--format", "json", "--all"))
    return {a["handle"]: a for a in data["accounts"]}


def first_live_proposals(invoke: Invoke, n: int) -> list[str]:
    accounts = everyone(invoke).values()
    return [a["handle"] for a in accounts if a["proposed"] and not a["dead"]][:n]


def test_keep_at_the_prompt_is_remembered_and_skip_is_not(
    invoke: Invoke, interactive: None
) -> None:
    kept, skipped = first_live_proposals(invoke, 2)
    result = invoke("--demo", input=f"keep @{kept}\nskip @{skipped}\nquit\n")
    assert result.exit_code == 0, result.output
    assert "Keeping 1 from now on" in result.stdout and "Skipping 1 this time" in result.stdout

    after = everyone(invoke)
    assert not after[kept]["proposed"] and after[kept]["guard"] == "on your keep-list"
    assert after[skipped]["proposed"]  # skip was for that review only

    listed = invoke("keep", "list", "--demo")
    assert listed.exit_code == 0 and f"@{kept}" in listed.stdout
    assert "kept at the review of run" in listed.stdout

    removed = invoke("keep", "remove", "--demo", f"@{kept}")
    assert removed.exit_code == 0 and f"Off the keep-list: @{kept}." in removed.stdout
    assert everyone(invoke)[kept]["proposed"]


def test_keep_add_and_remove_check_the_handles(invoke: Invoke) -> None:
    handle = first_live_proposals(invoke, 1)[0]
    added = invoke("keep", "add", "--demo", handle)
    assert added.exit_code == 0 and f"Kept from now on: @{handle}." in added.stdout
    assert everyone(invoke)[handle]["guard"] == "on your keep-list"

    unknown = invoke("keep", "add", "--demo", "@nobody_like_this")
    assert unknown.exit_code == 2
    assert "@nobody_like_this is not among the accounts you follow on demo" in unknown.stderr
    # Found: a handle not on the keep-list was a note and exit 0, so a typo passed unseen.
    absent = invoke("keep", "remove", "--demo", "@nobody_like_this")
    assert absent.exit_code == 2, absent.output
    assert "@nobody_like_this is not on your keep-list on demo" in absent.stderr
    assert "prune keep list" in absent.stderr


def test_keep_remove_changes_nothing_when_any_handle_is_not_on_the_list(
    invoke: Invoke,
) -> None:
    kept, other = first_live_proposals(invoke, 2)
    assert invoke("keep", "add", "--demo", kept, other).exit_code == 0
    refused = invoke("keep", "remove", "--demo", kept, "@nobody_like_this", "@nor_this", other)
    assert refused.exit_code == 2, refused.output
    assert ("@nobody_like_this, @nor_this are not on your keep-list on demo; nothing was"
            " taken off") in refused.stderr
    assert "Off the keep-list" not in refused.stdout
    listed = invoke("keep", "list", "--demo").stdout
    assert f"@{kept}" in listed and f"@{other}" in listed


def test_keep_remove_of_a_handle_kept_by_the_config_file_says_where(
    invoke: Invoke, isolated_env: Path
) -> None:
    kept, configured = first_live_proposals(invoke, 2)
    assert invoke("keep", "add", "--demo", kept).exit_code == 0
    config = isolated_env / "config.toml"
    config.write_text(f'[proposals]\nkeep = ["@{configured.upper()}"]\n', encoding="utf-8")
    refused = invoke("keep", "remove", "--demo", kept, configured)
    assert refused.exit_code == 2, refused.output
    assert (f"@{configured} is kept by your config file ({config}, proposals.keep): remove it"
            " there; nothing was taken off") in refused.stderr
    assert f"@{kept}" in invoke("keep", "list", "--demo").stdout


def test_keep_with_a_handle_adds_it_and_a_mistyped_command_is_still_refused(
    invoke: Invoke,
) -> None:
    handle = first_live_proposals(invoke, 1)[0]
    added = invoke("keep", f"@{handle}", "--demo")
    assert added.exit_code == 0, added.output
    assert f"Kept from now on: @{handle}." in added.stdout
    assert everyone(invoke)[handle]["guard"] == "on your keep-list"
    typo = invoke("keep", "lsit", "--demo")
    assert typo.exit_code == 2 and "No such command 'lsit'" in typo.stderr


def test_a_handle_named_twice_is_removed_once_and_not_called_absent(invoke: Invoke) -> None:
    # Found: `keep remove alice alice` said both "Off the keep-list: @alice." and "Not on
    # the stored keep-list: @alice".
    handle = first_live_proposals(invoke, 1)[0]
    assert invoke("keep", "add", "--demo", handle).exit_code == 0
    removed = invoke("keep", "remove", "--demo", handle, f"@{handle.upper()}")
    assert removed.exit_code == 0, removed.output
    assert f"Off the keep-list: @{handle}." in removed.stdout
    assert "not on your keep-list" not in removed.stderr, removed.stderr


def test_a_profile_address_names_its_account(invoke: Invoke) -> None:
    # Copied from a browser, it was looked up as a handle: "@https://x.com/alice is not
    # among the accounts you follow".
    handle = first_live_proposals(invoke, 1)[0]
    added = invoke("keep", "add", "--demo", f"https://x.com/{handle}/")
    assert added.exit_code == 0 and f"Kept from now on: @{handle}." in added.stdout
    explained = invoke("explain", "--demo", f"twitter.com/{handle}?lang=en")
    assert explained.exit_code == 0 and f"@{handle}" in explained.stdout
    removed = invoke("keep", "remove", "--demo", f"https://www.x.com/{handle}")
    assert removed.exit_code == 0 and f"Off the keep-list: @{handle}." in removed.stdout


@pytest.mark.parametrize(("written", "handle"), [
    ("https://bsky.app/profile/alice.bsky.social", "alice.bsky.social"),
    ("bsky.app/profile/did:plc:abc123/", "did:plc:abc123"),
    ("https://mastodon.social/@alice", "alice@mastodon.social"),
    ("mastodon.social/@alice", "alice@mastodon.social"),
    ("https://mastodon.social/@alice@hachyderm.io", "alice@hachyderm.io"),
    ("https://x.com/alice/status/1", "https://x.com/alice/status/1"),  # a post, not a profile
    ("@alice", "@alice"),
    ("@@alice", "@alice"),
])
def test_profile_addresses_of_each_network(written: str, handle: str) -> None:
    from followprune.cli.options import Handle

    assert Handle().convert(written, None, None) == handle


def test_a_muted_account_is_not_proposed_again(invoke: Invoke, interactive: None) -> None:
    handle = first_live_proposals(invoke, 1)[0]
    shown = proposals_json(invoke("--demo", "--format", "json", "--limit", "50"))["accounts"]
    others = " ".join(f"@{a['handle']}" for a in shown if a["handle"] != handle)
    result = invoke("--demo", "--limit", "50", input=f"mute @{handle}\nskip {others}\nall\n")
    # Every other row was skipped, so only the mute is carried out.
    assert result.exit_code == 0, result.output
    assert "Done: 1 mute." in result.stdout
    after = everyone(invoke)[handle]
    assert not after["proposed"] and after["guard"] == MUTED_GUARD


def test_an_account_restored_by_undo_says_so_and_is_kept(invoke: Invoke) -> None:
    handle = first_live_proposals(invoke, 1)[0]
    assert invoke("--demo", "--yes", "--limit", "50").exit_code == 0
    undo = invoke("undo", "--demo", "--yes")
    assert undo.exit_code in (0, 4), undo.output  # gone accounts cannot come back
    run = re.search(r"Undo run (\d+)", undo.stdout)
    assert run is not None
    explained = invoke("explain", "--demo", f"@{handle}")
    assert explained.exit_code == 0, explained.output
    assert f"never proposed: restored by undo of run {run.group(1)}" in explained.stdout
    assert "grace period" not in explained.stdout
    assert everyone(invoke)[handle]["guard"] == f"restored by undo of run {run.group(1)}"


def test_explain_prints_facts_as_a_person_reads_them(invoke: Invoke) -> None:
    handle = first_live_proposals(invoke, 1)[0]
    out = invoke("explain", "--demo", f"@{handle}").stdout
    assert "follows you: no" in out or "follows you: yes" in out
    assert not re.search(r"\d\.\d{4,}", out)  # no unrounded floats
    assert "={" not in out and "=[" not in out and "True" not in out and "None" not in out


def test_a_rule_may_still_take_a_muted_account(
    invoke: Invoke, interactive: None, isolated_env: Any
) -> None:
    handle = first_live_proposals(invoke, 1)[0]
    shown = proposals_json(invoke("--demo", "--format", "json", "--limit", "50"))["accounts"]
    others = " ".join(f"@{a['handle']}" for a in shown if a["handle"] != handle)
    assert invoke("--demo", "--limit", "50",
                  input=f"mute @{handle}\nskip {others}\nall\n").exit_code == 0
    (isolated_env / "config.toml").write_text(
        '[[auto.rules]]\nname = "low"\nkeep_below = 0.99\n', encoding="utf-8")
    check = json.loads(invoke("rules", "check", "--demo", "--format", "json").stdout)
    taken = {a["handle"] for rule in check["rules"] for a in rule["accounts"]}
    assert handle in taken


def test_keep_remove_of_a_handle_also_in_the_config_says_it_stays_kept(
    invoke: Invoke, isolated_env: Path
) -> None:
    """Taken off the stored keep-list while the config still keeps it: said, so nobody
    waits for it to be proposed."""
    both = first_live_proposals(invoke, 1)[0]
    assert invoke("keep", "add", "--demo", both).exit_code == 0
    config = isolated_env / "config.toml"
    config.write_text(f'[proposals]\nkeep = ["@{both}"]\n', encoding="utf-8")
    removed = invoke("keep", "remove", "--demo", both)
    assert removed.exit_code == 0, removed.output
    assert f"Off the keep-list: @{both}." in removed.stdout
    assert (f"@{both} is still kept by your config file (proposals.keep): remove it there"
            " too.") in removed.stdout
