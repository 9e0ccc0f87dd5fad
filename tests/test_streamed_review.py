"""Issue 17: a `--from` file whose review is only written out (JSON, CSV) is scored a chunk
at a time (app/streamed.py). Its output is the one scoring the file whole gives, byte for
byte: every account, proposals only, `--limit`, lists of one chunk and a few around a
chunk's size, twarc2 pages (repeated users, a capture time), bad lines with and without
`--skip-bad`."""

from __future__ import annotations

import importlib.util
import json
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest
from click.testing import CliRunner

from followprune.app import streamed
from followprune.cli.main import cli
from followprune.networks.file import FileNetwork
from tests.golden_runs import BENCHMARKS, FILE_SETTINGS, frozen_home

CHUNK = 64  # small, so a few hundred accounts make several chunks


def _follow_file() -> ModuleType:
    spec = importlib.util.spec_from_file_location("follow_file", BENCHMARKS / "follow_file.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


FOLLOW_FILE = _follow_file()


@pytest.fixture(autouse=True)
def small_chunks(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(streamed, "CHUNK", CHUNK)
    monkeypatch.setattr(streamed, "STREAMED_FROM_BYTES", 0)  # any file, however short


class _Run:
    def __init__(self, exit_code: int, stdout: bytes, stderr: str, chunked: int,
                 left: list[str]) -> None:
        self.exit_code, self.stdout, self.stderr = exit_code, stdout, stderr
        self.chunked = chunked  # lists scored a chunk at a time
        self.left = left  # what the run left in the data folder


def _run(monkeypatch: pytest.MonkeyPatch, argv: list[str], *, whole: bool,
         settings: dict[str, str] | None = None) -> _Run:
    calls = []
    real = streamed.score_in_chunks

    def counted(*args: Any, **kwargs: Any) -> Any:
        found = real(*args, **kwargs)
        calls.append(found is not None)
        return found

    with monkeypatch.context() as patch:
        patch.setattr(streamed, "score_in_chunks", counted)
        if whole:
            patch.setattr(streamed, "streamable", lambda app, identity, network: False)
        with frozen_home({**FILE_SETTINGS, **(settings or {})}) as home:
            result = CliRunner().invoke(cli, argv)
            left = sorted(p.name for p in home.rglob("*") if p.is_file())
    return _Run(result.exit_code, result.stdout_bytes, result.stderr, sum(calls), left)


def _both(monkeypatch: pytest.MonkeyPatch, argv: list[str]) -> tuple[_Run, _Run]:
    chunked = _run(monkeypatch, argv, whole=False)
    whole = _run(monkeypatch, argv, whole=True)
    assert whole.chunked == 0
    return chunked, whole


def _same(chunked: _Run, whole: _Run) -> None:
    assert chunked.exit_code == whole.exit_code == 0, chunked.stderr + whole.stderr
    assert chunked.stdout == whole.stdout
    assert chunked.stderr == whole.stderr
    assert chunked.chunked == 1
    # The lines' temporary file is gone with the run; the store is all that stays.
    assert chunked.left == whole.left


@pytest.fixture(scope="module")
def files(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    folder = tmp_path_factory.mktemp("follow-files")
    for n in (1, CHUNK - 1, CHUNK, CHUNK + 1, 300):
        FOLLOW_FILE.write(folder / f"{n}.jsonl", n, seed=n)
    FOLLOW_FILE.write(folder / "pages.jsonl", 2_500, seed=3, twarc=True)
    yield folder


FORMATS = [
    ["--all", "--format", "json"],
    ["--all", "--format", "csv"],
    ["--format", "json"],
    ["--format", "csv", "--limit", "7"],
    ["--all", "--format", "json", "--limit", "3"],
]


@pytest.mark.parametrize("n", [1, CHUNK - 1, CHUNK, CHUNK + 1, 300])
@pytest.mark.parametrize("shape", FORMATS, ids=lambda shape: "-".join(shape).lstrip("-"))
def test_chunks_write_what_the_whole_list_writes(
    monkeypatch: pytest.MonkeyPatch, files: Path, n: int, shape: list[str]
) -> None:
    argv = ["--from", str(files / f"{n}.jsonl"), "--dry-run", "--as-of", "2026-06-01T12:00:00",
            *shape]
    _same(*_both(monkeypatch, argv))


@pytest.mark.parametrize("shape", FORMATS[:2], ids=["json", "csv"])
def test_twarc_pages_with_repeated_users_and_their_own_capture_time(
    monkeypatch: pytest.MonkeyPatch, files: Path, tmp_path: Path, shape: list[str]
) -> None:
    pages = (files / "pages.jsonl").read_text(encoding="utf-8").splitlines(keepends=True)
    # A later page repeats the first's users (read once) and says the list was captured a
    # month before the clock: scored as of then, which the first pass only learns at the
    # end of the file.
    repeat = pages[0].replace('"retrieved_at": "2026-06-01T12:00:00+00:00"',
                              '"retrieved_at": "2026-05-01T08:30:00+00:00"')
    assert repeat != pages[0]
    pages = [p.replace("2026-06-01T12:00:00+00:00", "2026-04-01T00:00:00+00:00")
             for p in pages]
    path = tmp_path / "repeated.jsonl"
    path.write_text("".join([*pages, repeat]), encoding="utf-8")
    chunked, whole = _both(monkeypatch, ["--from", str(path), "--dry-run", *shape])
    _same(chunked, whole)
    if "json" in shape:
        assert b'"as_of": "2026-05-01T08:30:00+00:00"' in chunked.stdout


def _with_bad_lines(source: Path, target: Path) -> Path:
    lines = source.read_text(encoding="utf-8").splitlines(keepends=True)
    lines.insert(5, "{not json\n")
    lines.insert(150, '{"id": "1", "username": 7}\n')
    target.write_text("".join(lines), encoding="utf-8")
    return target


def test_bad_lines_end_the_run_as_they_do_when_read_whole(
    monkeypatch: pytest.MonkeyPatch, files: Path, tmp_path: Path
) -> None:
    path = _with_bad_lines(files / "300.jsonl", tmp_path / "bad.jsonl")
    chunked, whole = _both(monkeypatch, ["--from", str(path), "--dry-run", "--all",
                                         "--format", "json"])
    assert chunked.exit_code == whole.exit_code != 0
    assert "line 6" in chunked.stderr and "2 bad lines in all" in chunked.stderr
    assert chunked.stderr == whole.stderr
    assert chunked.stdout == whole.stdout == b""
    assert chunked.left == whole.left


@pytest.mark.parametrize("fmt", ["json", "csv"])
def test_skipped_bad_lines_are_counted_once(
    monkeypatch: pytest.MonkeyPatch, files: Path, tmp_path: Path, fmt: str
) -> None:
    path = _with_bad_lines(files / "300.jsonl", tmp_path / "bad.jsonl")
    chunked, whole = _both(monkeypatch, ["--from", str(path), "--dry-run", "--all",
                                         "--skip-bad", "--format", fmt,
                                         "--as-of", "2026-06-01T12:00:00"])
    _same(chunked, whole)
    assert "Skipped 2 bad lines" in chunked.stderr
    if fmt == "json":
        assert b'"skipped_lines": 2' in chunked.stdout


def test_a_file_that_changes_between_the_passes_is_refused(
    monkeypatch: pytest.MonkeyPatch, files: Path, tmp_path: Path
) -> None:
    path = tmp_path / "growing.jsonl"
    path.write_bytes((files / "300.jsonl").read_bytes())
    real = streamed.ListSurvey.figures

    def grow_then_figure(self: streamed.ListSurvey) -> Any:
        with path.open("a", encoding="utf-8") as out:
            out.write('{"id": "99999999999", "username": "latecomer"}\n')
        return real(self)

    monkeypatch.setattr(streamed.ListSurvey, "figures", grow_then_figure)
    run = _run(monkeypatch, ["--from", str(path), "--dry-run", "--all", "--format", "json"],
               whole=False)
    assert run.exit_code != 0
    assert "changed while it was being read" in run.stderr
    assert run.stdout == b""


def test_a_verdict_the_chunks_cannot_score_sends_the_list_to_be_scored_whole(
    monkeypatch: pytest.MonkeyPatch, files: Path
) -> None:
    from followprune.scoring import lists
    from followprune.scoring.components import Component

    real = lists._quality_as_if_typical

    def one_unsure(context: Any) -> Any:
        found, rates, fast = real(context)
        return [Component(0.4, (), {}, 0.6), *found[1:]], rates, fast

    monkeypatch.setattr(lists, "_quality_as_if_typical", one_unsure)
    argv = ["--from", str(files / "300.jsonl"), "--dry-run", "--all", "--format", "json",
            "--as-of", "2026-06-01T12:00:00"]
    chunked, whole = _both(monkeypatch, argv)
    assert chunked.chunked == 0  # tried, and given up before anything was written
    assert chunked.exit_code == whole.exit_code == 0
    assert chunked.stdout == whole.stdout
    assert chunked.left == whole.left


def test_a_short_file_is_scored_whole(monkeypatch: pytest.MonkeyPatch, files: Path) -> None:
    monkeypatch.setattr(streamed, "STREAMED_FROM_BYTES", 10_000_000)
    run = _run(monkeypatch, ["--from", str(files / "300.jsonl"), "--dry-run", "--all",
                             "--format", "json"], whole=False)
    assert run.exit_code == 0
    assert run.chunked == 0


def test_the_semantic_backend_sends_the_list_to_be_scored_whole(
    monkeypatch: pytest.MonkeyPatch, files: Path, tmp_path: Path
) -> None:
    pytest.importorskip("model2vec")
    from tests.test_semantic import build_model, default_words

    model = build_model(tmp_path / "model", default_words())
    settings = {"FOLLOWPRUNE_INTERESTS_SEMANTIC": "true",
                "FOLLOWPRUNE_INTERESTS_SEMANTIC_MODEL": str(model)}
    argv = ["--from", str(files / "300.jsonl"), "--dry-run", "--all", "--format", "json"]
    # Its threshold is the whole list's similarity spread: no chunk can know it alone.
    run = _run(monkeypatch, argv, whole=False, settings=settings)
    assert run.exit_code == 0, run.stderr
    assert run.chunked == 0
    assert run.stdout == _run(monkeypatch, argv, whole=True, settings=settings).stdout


def _halves(monkeypatch: pytest.MonkeyPatch, fork: bool) -> list[bool]:
    """Make the second pass fork (or not) whatever the machine's load; the list records,
    for each second pass, whether a child scored the odd chunks and sent them back."""
    monkeypatch.setattr(streamed, "can_fork", lambda: fork)
    passes: list[bool] = []
    real = streamed._second_pass

    def recorded(*args: Any, halves: bool) -> Any:
        found = real(*args, halves=halves)
        passes.append(halves and found is not None)
        return found

    monkeypatch.setattr(streamed, "_second_pass", recorded)
    return passes


@pytest.mark.parametrize("shape", FORMATS, ids=lambda shape: "-".join(shape).lstrip("-"))
@pytest.mark.parametrize("path", ["300.jsonl", "pages.jsonl"])
def test_a_child_scoring_the_odd_chunks_changes_no_byte(
    monkeypatch: pytest.MonkeyPatch, files: Path, shape: list[str], path: str
) -> None:
    argv = ["--from", str(files / path), "--dry-run", "--as-of", "2026-06-01T12:00:00",
            *shape]
    passes = _halves(monkeypatch, fork=True)
    skipping = []
    real = FileNetwork.user_chunks

    def counted(self: FileNetwork, size: int, wanted: int) -> Any:
        skipping.append(wanted)
        return real(self, size, wanted)

    monkeypatch.setattr(FileNetwork, "user_chunks", counted)
    chunked, whole = _both(monkeypatch, argv)
    _same(chunked, whole)
    assert passes == [True]  # the child's proposals crossed and were used
    # One user a line: the other process's chunks are not parsed here (this process
    # surveys, then scores, the even ones). Pages (users repeated across them) are read
    # through: the first pass tries, meets a page of several users and reads them whole.
    assert skipping == ([0, 0] if path == "300.jsonl" else [0])
    alone = _halves(monkeypatch, fork=False)
    assert _run(monkeypatch, argv, whole=False).stdout == chunked.stdout
    assert alone == [False]


def test_a_child_that_fails_leaves_the_work_to_the_parent(
    monkeypatch: pytest.MonkeyPatch, files: Path
) -> None:
    argv = ["--from", str(files / "300.jsonl"), "--dry-run", "--as-of", "2026-06-01T12:00:00",
            "--all", "--format", "json"]
    passes = _halves(monkeypatch, fork=True)

    def broken(results: Any) -> Any:
        raise RuntimeError("results that cannot cross")  # only the child calls this

    monkeypatch.setattr(streamed, "_child_results", broken)
    chunked, whole = _both(monkeypatch, argv)
    _same(chunked, whole)
    assert passes == [False, False]  # the child's pass came to nothing; then one process


@pytest.mark.parametrize("missing", [OSError("no C library"), AttributeError("malloc_trim")])
def test_the_heap_is_trimmed_before_the_fork_only_where_it_can_be(
    monkeypatch: pytest.MonkeyPatch, missing: Exception
) -> None:
    trimmed: list[int] = []

    class Libc:
        def malloc_trim(self, pad: int) -> int:
            trimmed.append(pad)
            return 1

    monkeypatch.setattr(streamed.ctypes, "CDLL", lambda name: Libc())
    streamed._trim_heap()
    assert trimmed == [0]  # every free page at the top and in the middle of the heap

    def absent(name: object) -> object:
        raise missing

    monkeypatch.setattr(streamed.ctypes, "CDLL", absent)
    streamed._trim_heap()  # nothing to trim with: the fork goes ahead as before
    assert trimmed == [0]


def _surveys(monkeypatch: pytest.MonkeyPatch) -> list[bool]:
    """Make both passes fork whatever the machine's load; the list records, for each first
    pass, whether it was made in two processes (the child's surveys crossed and were used)."""
    monkeypatch.setattr(streamed, "can_fork", lambda: True)
    made: list[bool] = []
    real = streamed._survey_halves

    def recorded(*args: Any) -> Any:
        found = real(*args)
        made.append(found is not None)
        return found

    monkeypatch.setattr(streamed, "_survey_halves", recorded)
    return made


@pytest.mark.parametrize("shape", FORMATS[:3], ids=["all-json", "all-csv", "json"])
def test_a_first_pass_in_two_processes_changes_no_byte(
    monkeypatch: pytest.MonkeyPatch, files: Path, shape: list[str]
) -> None:
    argv = ["--from", str(files / "300.jsonl"), "--dry-run", "--as-of", "2026-06-01T12:00:00",
            *shape]
    made = _surveys(monkeypatch)
    chunked, whole = _both(monkeypatch, argv)
    _same(chunked, whole)
    assert made == [True]
    monkeypatch.setattr(streamed, "can_fork", lambda: False)
    assert _run(monkeypatch, argv, whole=False).stdout == chunked.stdout
    assert made == [True]  # no second process asked for: none tried


def _with_line(files: Path, tmp_path: Path, at: int, line: str | None = None,
               copy_of: int | None = None) -> Path:
    """300.jsonl with its line `at` (0-based) replaced by `line`, or by a copy of line
    `copy_of` (the same user met twice)."""
    lines = (files / "300.jsonl").read_text(encoding="utf-8").splitlines(keepends=True)
    lines[at] = line if line is not None else lines[copy_of or 0]
    path = tmp_path / "changed.jsonl"
    path.write_text("".join(lines), encoding="utf-8")
    return path


@pytest.mark.parametrize("skip_bad", [False, True], ids=["stops", "skip-bad"])
def test_a_bad_line_in_the_childs_chunks_is_said_as_reading_whole_says_it(
    monkeypatch: pytest.MonkeyPatch, files: Path, tmp_path: Path, skip_bad: bool
) -> None:
    path = _with_line(files, tmp_path, CHUNK + 5, "{not json\n")  # chunk 1: the child's
    argv = ["--from", str(path), "--dry-run", "--all", "--format", "json",
            "--as-of", "2026-06-01T12:00:00", *(["--skip-bad"] if skip_bad else [])]
    made = _surveys(monkeypatch)
    chunked = _run(monkeypatch, argv, whole=False)
    whole = _run(monkeypatch, argv, whole=True)
    assert made[0] is False  # given up: the file was read whole, as one process reads it
    assert chunked.exit_code == whole.exit_code == (0 if skip_bad else 2)
    assert chunked.stdout == whole.stdout
    assert chunked.stderr == whole.stderr
    assert ("Skipped 1 bad line " if skip_bad else f"line {CHUNK + 6}") in chunked.stderr


def test_a_user_met_in_both_processes_chunks_is_scored_once(
    monkeypatch: pytest.MonkeyPatch, files: Path, tmp_path: Path
) -> None:
    path = _with_line(files, tmp_path, CHUNK + 3, copy_of=2)  # chunk 1 repeats chunk 0's
    argv = ["--from", str(path), "--dry-run", "--all", "--format", "json",
            "--as-of", "2026-06-01T12:00:00"]
    made = _surveys(monkeypatch)
    chunked, whole = _both(monkeypatch, argv)
    _same(chunked, whole)
    assert made[0] is False
    assert chunked.stdout.count(b'"rank":') == 299


def test_a_moment_after_as_of_in_the_childs_chunks_is_refused_as_reading_whole_does(
    monkeypatch: pytest.MonkeyPatch, files: Path, tmp_path: Path
) -> None:
    lines = (files / "300.jsonl").read_text(encoding="utf-8").splitlines()
    user = json.loads(lines[CHUNK + 4])  # chunk 1: the child's
    user["created_at"] = "2026-07-01T00:00:00.000Z"  # a month after --as-of
    path = _with_line(files, tmp_path, CHUNK + 4, json.dumps(user) + "\n")
    argv = ["--from", str(path), "--dry-run", "--all", "--format", "json",
            "--as-of", "2026-06-01T12:00:00"]
    made = _surveys(monkeypatch)
    chunked = _run(monkeypatch, argv, whole=False)
    whole = _run(monkeypatch, argv, whole=True)
    assert made[0] is False
    assert chunked.exit_code == whole.exit_code == 2
    assert chunked.stderr == whole.stderr
    assert f"@{user['username']} was created or posted on 2026-07-01" in chunked.stderr


def test_a_child_that_fails_the_first_pass_leaves_it_to_the_parent(
    monkeypatch: pytest.MonkeyPatch, files: Path
) -> None:
    argv = ["--from", str(files / "300.jsonl"), "--dry-run", "--all", "--format", "json",
            "--as-of", "2026-06-01T12:00:00"]
    made = _surveys(monkeypatch)
    real = streamed._survey_half

    def broken(*args: Any) -> Any:
        if args[-1] == 1:  # the child's half
            raise RuntimeError("a child that dies")
        return real(*args)

    monkeypatch.setattr(streamed, "_survey_half", broken)
    chunked, whole = _both(monkeypatch, argv)
    _same(chunked, whole)
    assert made == [False]


def test_pages_of_one_user_with_their_capture_time_are_read_whole_once(
    monkeypatch: pytest.MonkeyPatch, files: Path, tmp_path: Path
) -> None:
    # One user a page, each page saying when it was captured: the capture time is the
    # latest page's, so the two-process pass gives up at its first page's time, and the
    # second pass (as of that time) does not try again.
    path = tmp_path / "one-a-page.jsonl"
    with path.open("w", encoding="utf-8") as out:
        for line in (files / "300.jsonl").read_text(encoding="utf-8").splitlines():
            user = json.loads(line)
            if "data" in user:
                user = user["data"][0]
            out.write(json.dumps({"data": [user], "__twarc": {
                "retrieved_at": "2026-06-01T12:00:00+00:00"}}) + "\n")
    argv = ["--from", str(path), "--dry-run", "--all", "--format", "json"]
    made = _surveys(monkeypatch)
    reads = []
    real = FileNetwork.user_chunks

    def counted(self: FileNetwork, size: int, wanted: int) -> Any:
        for part in real(self, size, wanted):
            reads.append(part)
            yield part

    monkeypatch.setattr(FileNetwork, "user_chunks", counted)
    chunked, whole = _both(monkeypatch, argv)
    _same(chunked, whole)
    assert made == [False]
    # Here: the first pass's first chunk (where it gave up), then the second pass's even
    # chunks of five (0, 2, 4), which it reads in two processes.
    assert len([p for p in reads if not isinstance(p, int)]) == 1 + 3
    assert b'"as_of": "2026-06-01T12:00:00+00:00"' in chunked.stdout
