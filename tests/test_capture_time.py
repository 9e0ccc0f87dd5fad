"""A `--from` file is scored as of when it was captured (issue 11): twarc2's
`__twarc.retrieved_at`, or `--as-of` for plain JSON lines."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import Invoke, proposals_json

# Last post at 2020-01-01 (a snowflake made from that time).
LAST_POST_2020 = str((1577836800000 - 1288834974657) << 22)


def _user(i: int) -> dict[str, Any]:
    return {"id": str(500 + i), "username": f"u{i}", "description": "rust", "location": "",
            "created_at": "2012-01-01T00:00:00.000Z",
            "public_metrics": {"followers_count": 100, "following_count": 100,
                               "tweet_count": 3000, "listed_count": 1},
            "most_recent_tweet_id": LAST_POST_2020}


def _silence(record: dict[str, Any]) -> str:
    return next(r for r in record["reasons"] + ["-"] if r.startswith(("silent", "-")))


def test_as_of_scores_a_plain_file_as_of_that_day(invoke: Invoke, tmp_path: Path) -> None:
    path = tmp_path / "plain.jsonl"
    path.write_text("".join(json.dumps(_user(i)) + "\n" for i in range(3)), encoding="utf-8")
    then = proposals_json(invoke("--from", str(path), "--all", "--format", "json",
                                 "--as-of", "2020-01-20"))
    assert then["as_of"] == "2020-01-20T00:00:00+00:00"
    # Nineteen days after the last post is no silence at all.
    assert all(not r.startswith("silent") for a in then["accounts"] for r in a["reasons"])
    result = invoke("--from", str(path), "--all", "--format", "json")
    now = proposals_json(result)
    assert "as_of" not in now
    assert "does not say when it was captured" in result.stderr
    assert _silence(now["accounts"][0]).startswith("silent for")


def test_twarc_pages_carry_their_capture_time(invoke: Invoke, tmp_path: Path) -> None:
    path = tmp_path / "twarc.jsonl"
    pages = [
        {"data": [_user(0), _user(1)], "__twarc": {"retrieved_at": "2020-02-01T10:00:00+00:00"}},
        {"data": [_user(2)], "__twarc": {"retrieved_at": "2020-02-01T10:05:00+00:00"}},
    ]
    path.write_text("".join(json.dumps(p) + "\n" for p in pages), encoding="utf-8")
    data = proposals_json(invoke("--from", str(path), "--all", "--format", "json"))
    assert data["as_of"] == "2020-02-01T10:05:00+00:00"  # the latest page read
    assert all(not r.startswith("silent") for a in data["accounts"] for r in a["reasons"])
    # --as-of overrides what the file says.
    later = proposals_json(invoke("--from", str(path), "--all", "--format", "json",
                                  "--as-of", "2024-02-01"))
    assert later["as_of"].startswith("2024-02-01")
    assert _silence(later["accounts"][0]).startswith("silent for")
    csv = invoke("--from", str(path), "--format", "csv")
    assert "Scored as of 2020-02-01 10:05 UTC" in csv.stderr
    table = invoke("--from", str(path), "--dry-run")
    assert table.exit_code == 0, table.output
    assert "Scored as of 2020-02-01 10:05 UTC, when the file was captured" in " ".join(
        table.stdout.split())
    # A moment --as-of gave is not called the file's capture time.
    given = invoke("--from", str(path), "--dry-run", "--as-of", "2024-02-01")
    assert "Scored as of 2024-02-01 00:00 UTC, the moment --as-of gave" in " ".join(
        given.stdout.split())


def test_as_of_in_the_future_is_refused(invoke: Invoke, tmp_path: Path) -> None:
    path = tmp_path / "plain.jsonl"
    path.write_text(json.dumps(_user(0)) + "\n", encoding="utf-8")
    result = invoke("--from", str(path), "--as-of", "2999-01-01")
    assert result.exit_code == 2
    assert "is in the future" in result.stderr


def test_a_capture_time_that_is_a_number_is_refused_not_ignored(
        invoke: Invoke, tmp_path: Path) -> None:
    """It had been skipped without a word, and the file scored as of now (probe round 10)."""
    path = tmp_path / "twarc.jsonl"
    path.write_text(json.dumps({"data": [_user(0)], "__twarc": {"retrieved_at": 1700000000}})
                    + "\n", encoding="utf-8")
    result = invoke("--from", str(path), "--format", "json")
    assert result.exit_code == 2, result.output
    assert '"__twarc.retrieved_at": expected an ISO 8601 time, got the number 1700000000' \
        in result.stderr


def test_a_capture_time_no_file_can_have_is_refused_unless_overridden(
        invoke: Invoke, tmp_path: Path) -> None:
    for when, why in (("9999-12-31T23:59:59+00:00", "is in the future"),
                      ("1970-01-01T00:00:00+00:00", "is before X existed")):
        path = tmp_path / "twarc.jsonl"
        path.write_text(json.dumps({"data": [_user(0)], "__twarc": {"retrieved_at": when}})
                        + "\n", encoding="utf-8")
        result = invoke("--from", str(path), "--format", "json")
        assert result.exit_code == 2, result.output
        assert f'"__twarc.retrieved_at": {when!r} {why}' in result.stderr
        fixed = invoke("--from", str(path), "--format", "json", "--as-of", "2024-02-01")
        assert fixed.exit_code == 0, fixed.output
        assert proposals_json(fixed)["as_of"].startswith("2024-02-01")


@pytest.mark.parametrize(
    ("given", "as_of"),
    [("2020-01-20T00:00:00Z", "2020-01-20T00:00:00+00:00"),  # as X writes created_at
     ("2020-01-20T09:00:00+09:00", "2020-01-20T00:00:00+00:00"),
     ("2020-01-20T08:30", "2020-01-20T08:30:00+00:00")],
)
def test_as_of_takes_iso_8601_with_a_zone(invoke: Invoke, tmp_path: Path, given: str,
                                          as_of: str) -> None:
    path = tmp_path / "plain.jsonl"
    path.write_text(json.dumps(_user(0)) + "\n", encoding="utf-8")
    data = proposals_json(invoke("--from", str(path), "--all", "--format", "json",
                                 "--as-of", given))
    assert data["as_of"] == as_of


@pytest.mark.parametrize("given", ["01/12/2026", "2026-13-01", "2026-12-01T25:00", "yesterday",
                                   "0001-01-01T00:00:00+14:00"])
def test_as_of_that_is_no_date_is_refused_with_the_forms_it_takes(
        invoke: Invoke, tmp_path: Path, given: str) -> None:
    path = tmp_path / "plain.jsonl"
    path.write_text(json.dumps(_user(0)) + "\n", encoding="utf-8")
    result = invoke("--from", str(path), "--as-of", given)
    assert result.exit_code == 2
    assert "is not a date" in result.stderr and "2026-12-01T08:30:00Z" in result.stderr


@pytest.mark.parametrize("command", [["--all", "--format", "json"], ["--dry-run"],
                                     ["explain", "u0"]])
def test_an_as_of_before_the_files_own_data_is_refused(invoke: Invoke, tmp_path: Path,
                                                       command: list[str]) -> None:
    # Scored as of 2015, the 2020 post had been read as no silence at all and the file
    # scored as if the date were right.
    path = tmp_path / "plain.jsonl"
    path.write_text("".join(json.dumps(_user(i)) + "\n" for i in range(3)), encoding="utf-8")
    where = command[:1] if command[0] == "explain" else []
    rest = command[1:] if where else command
    result = invoke(*where, *rest, "--from", str(path), "--as-of", "2015-06-01")
    assert result.exit_code == 2, result.output
    assert "--as-of 2015-06-01 00:00 is before what" in result.stderr
    assert "@u0 was created or posted on 2020-01-01" in result.stderr
    assert result.stdout == ""
    # A day of clock skew is allowed: a capture dated the evening before the post stands.
    ok = invoke(*where, *rest, "--from", str(path), "--as-of", "2019-12-31T12:00")
    assert ok.exit_code == 0, ok.output


def test_a_twarc_time_without_a_zone_is_utc(invoke: Invoke, tmp_path: Path) -> None:
    # Refused as "expected an ISO 8601 time", though --as-of reads the same text as UTC.
    path = tmp_path / "twarc.jsonl"
    page = {"data": [_user(0)], "__twarc": {"retrieved_at": "2020-02-01T10:00:00"}}
    path.write_text(json.dumps(page) + "\n", encoding="utf-8")
    data = proposals_json(invoke("--from", str(path), "--all", "--format", "json"))
    assert data["as_of"] == "2020-02-01T10:00:00+00:00"
