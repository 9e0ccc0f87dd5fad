"""The JSON and CSV writers of render/export.py: lines made out of rank order land in rank
order, batches join into one valid document, and CSV lines are quoted as csv.writer quotes.

The golden outputs (test_output_unchanged.py) hold the whole documents byte for byte; these
hold the pieces at the edges the golden lists do not reach (a batch boundary, an empty list,
lists longer than one block of ranks).
"""

from __future__ import annotations

import csv
import io
import json
import random
from datetime import UTC, datetime
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import orjson
import pytest
from hypothesis import given
from hypothesis import strategies as st

from followprune.render import export
from tests.conftest import Invoke


class _Out(io.StringIO):
    """A text stream with the bytes underneath it, as stdout has."""

    def __init__(self) -> None:
        super().__init__()
        self.buffer = io.BytesIO()


def _scores(count: int) -> list[Any]:
    # In memory order and rank order apart: the accounts are made shuffled, so their
    # addresses follow the shuffle, not the ranks.
    made = [SimpleNamespace(account=SimpleNamespace(id=str(n))) for n in range(count)]
    random.Random(7).shuffle(made)
    return made


@pytest.mark.parametrize("block", [1, 64, 10_000])
def test_each_result_is_made_once_and_lands_at_its_rank(
    monkeypatch: pytest.MonkeyPatch, block: int
) -> None:
    monkeypatch.setattr(export, "MEMORY_ORDER_BLOCK", block)
    scores = _scores(500)
    calls: list[int] = []

    def make(score: Any, rank: int) -> tuple[str, int]:
        calls.append(rank)
        return score.account.id, rank

    made = list(export.in_memory_order(scores, make))
    assert made == [(s.account.id, rank) for rank, s in enumerate(scores, 1)]
    assert sorted(calls) == list(range(1, 501))
    # Each block of ranks is made before the next, in memory order within it.
    blocks = [calls[i:i + block] for i in range(0, 500, block)]
    assert [sorted(b) for b in blocks] == [list(range(i + 1, min(i + block, 500) + 1))
                                           for i in range(0, 500, block)]
    if block > 1:
        assert calls != list(range(1, 501))


@pytest.mark.parametrize("count", [0, 1, export._BATCH - 1, export._BATCH, export._BATCH + 1,
                                   2 * export._BATCH])
def test_json_document_across_batches(count: int) -> None:
    records = [{"rank": n + 1, "name": f"a\"\n{n}", "reasons": ["é", "x"]} for n in range(count)]
    out = _Out()
    export.write_json(out, (export.indented(r) for r in records), {"kind": "proposals"})
    written = out.buffer.getvalue()
    assert json.loads(written) == {"kind": "proposals", "accounts": records}
    # The layout scripts and diffs rely on: the head indented, one account a line.
    expected_accounts = ",\n".join("    " + json.dumps(r, ensure_ascii=False,
                                                        separators=(",", ":"))
                                   for r in records)
    assert written.decode() == ('{\n  "kind": "proposals",\n  "accounts": [\n'
                                + expected_accounts + "\n  ]\n}\n")


def test_csv_lines_are_quoted_as_csv_writer_quotes() -> None:
    rows: list[list[object]] = [
        ["plain", 1, 0.25, None, True, False],
        ['say "hi"', "a,b", "two\nlines", "", " padded ", "é😀"],
        ["\r", ";", "'", 10**20, -0.0, 1e-05],
    ]
    expected = io.StringIO()
    csv.writer(expected, lineterminator="\n").writerows(rows)
    lines = export.CsvLines()
    assert "".join(lines.line(row) for row in rows) == expected.getvalue()
    out = io.StringIO()
    export.write_csv(out, (lines.line(row) for row in rows))
    header = io.StringIO()
    csv.writer(header, lineterminator="\n").writerow(export.csv_columns())
    assert out.getvalue() == header.getvalue() + expected.getvalue()


@given(st.datetimes(timezones=st.just(UTC)))
def test_orjson_writes_a_utc_moment_as_isoformat_does(moment: datetime) -> None:
    # json_moment hands UTC moments to orjson instead of making the text itself.
    written = orjson.dumps({"last_active": export.json_moment(moment)})
    assert json.loads(written)["last_active"] == moment.isoformat()


@given(st.datetimes(timezones=st.timezones()) | st.datetimes() | st.none())
def test_any_other_moment_is_made_text_first(moment: datetime | None) -> None:
    expected = None if moment is None else moment.isoformat()
    assert json.loads(orjson.dumps(export.json_moment(moment))) == expected


def test_profile_text_that_a_spreadsheet_would_run_is_quoted(tmp_path: Path,
                                                             invoke: Invoke) -> None:
    user = {"id": "1500000000000000001", "username": "mallory",
            "name": '=HYPERLINK("http://evil.example","x")', "location": "@SUM(1+1)",
            "description": "-2+3", "created_at": "2015-03-01T10:00:00.000Z",
            "public_metrics": {"followers_count": 1, "following_count": 900,
                               "tweet_count": 0}}
    path = tmp_path / "follows.jsonl"
    path.write_text(json.dumps(user) + "\n", encoding="utf-8")
    result = invoke("--from", str(path), "--all", "--format", "csv", "--as-of", "2026-06-01")
    assert result.exit_code == 0, result.output
    row = next(csv.DictReader(io.StringIO(result.stdout)))
    assert row["name"] == "'" + user["name"] and row["location"] == "'@SUM(1+1)"
    assert row["handle"] == "mallory"  # ordinary text is left as it is
    data = invoke("--from", str(path), "--all", "--format", "json", "--as-of", "2026-06-01")
    assert json.loads(data.stdout)["accounts"][0]["name"] == user["name"]  # JSON: as is


@pytest.mark.parametrize("fmt", ["csv", "html"])
def test_control_characters_in_profile_text_never_reach_a_file_raw(
        tmp_path: Path, invoke: Invoke, fmt: str) -> None:
    user = {"id": "1500000000000000002", "username": "eve", "name": "Eve\x1b]0;owned\x07",
            "location": "\x1b[2JBerlin", "created_at": "2015-03-01T10:00:00.000Z"}
    path = tmp_path / "follows.jsonl"
    path.write_text(json.dumps(user) + "\n", encoding="utf-8")
    result = invoke("--from", str(path), "--all", "--format", fmt, "--as-of", "2026-06-01")
    assert result.exit_code == 0, result.output
    assert "\x1b" not in result.stdout and "\x07" not in result.stdout
    assert "\\x1b]0;owned\\x07" in result.stdout
