"""render/export.py's two-process line maker (`in_rank_order`): the same lines in the same
order as one process makes them, at every block boundary, whatever the child does, and no
child left behind.

The limits are lowered here so small lists take the two-process path; the golden outputs
(test_output_unchanged.py) hold the one-process path to the recorded documents, and the
last tests hold the whole command's two paths to each other.
"""

from __future__ import annotations

import os
import random
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest

from followprune.render import export
from followprune.scoring import blend
from tests import golden_runs

BLOCK = 64


def _scores(count: int) -> list[Any]:
    # Made shuffled, so memory order (which splits the work) and rank order differ.
    made = [SimpleNamespace(account=SimpleNamespace(id=str(n))) for n in range(count)]
    random.Random(7).shuffle(made)
    return made


def _line(score: Any, rank: int) -> bytes:
    # Which process made the line rides along, so a test can see both took part.
    return f"{score.account.id}@{rank}:{os.getpid()}".encode()


def _without_maker(lines: list[bytes | memoryview]) -> list[bytes]:
    # The child's lines come back as views into what it sent.
    return [bytes(line).rsplit(b":", 1)[0] for line in lines]


def _makers(lines: list[bytes | memoryview]) -> set[bytes]:
    return {bytes(line).rsplit(b":", 1)[1] for line in lines}


def _assert_no_child_left() -> None:
    with pytest.raises(ChildProcessError):
        os.waitpid(-1, os.WNOHANG)


@pytest.fixture(autouse=True)
def forking_allowed(monkeypatch: pytest.MonkeyPatch) -> None:
    # A thread left running by another test would keep the child from being started.
    monkeypatch.setattr(export, "can_fork", lambda: True)


@pytest.fixture
def two_processes(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(export, "PARALLEL_FROM", 1)
    monkeypatch.setattr(export, "MEMORY_ORDER_BLOCK", BLOCK)


@pytest.mark.usefixtures("two_processes")
@pytest.mark.parametrize("count", [1, 2, BLOCK - 1, BLOCK, BLOCK + 1, 2 * BLOCK + 1, 500])
def test_two_processes_make_what_one_makes(count: int) -> None:
    scores = _scores(count)
    alone = list(export.in_memory_order(scores, _line))
    shared = list(export.in_rank_order(scores, _line))
    assert _without_maker(shared) == _without_maker(alone)
    assert len(_makers(shared)) == (2 if count > 1 else 1)
    _assert_no_child_left()


@pytest.mark.usefixtures("two_processes")
def test_an_empty_list_starts_no_child() -> None:
    assert list(export.in_rank_order([], _line)) == []
    _assert_no_child_left()


def test_a_short_list_stays_in_one_process() -> None:
    scores = _scores(300)
    made = list(export.in_rank_order(scores, _line))
    assert _makers(made) == {str(os.getpid()).encode()}
    assert made == list(export.in_memory_order(scores, _line))


@pytest.mark.usefixtures("two_processes")
def test_text_lines_pass_through_bytes_and_back() -> None:
    scores = _scores(200)

    def text(score: Any, rank: int) -> str:
        return f"é,\"{score.account.id}\"\n{rank}\n"

    shared = list(export.in_rank_order(scores, text, str.encode, export._text))
    assert shared == list(export.in_memory_order(scores, text))


@pytest.mark.usefixtures("two_processes")
def test_a_failing_child_leaves_its_lines_to_the_parent() -> None:
    parent = os.getpid()
    scores = _scores(3 * BLOCK + 5)

    def fails_in_child(score: Any, rank: int) -> bytes:
        if os.getpid() != parent and rank > 2 * BLOCK:
            raise RuntimeError("only in the child")
        return _line(score, rank)

    shared = list(export.in_rank_order(scores, fails_in_child))
    assert _without_maker(shared) == _without_maker(list(export.in_memory_order(scores, _line)))
    # The child's first two blocks still came from it; the rest were made here.
    assert len(_makers(shared[:2 * BLOCK])) == 2
    assert _makers(shared[2 * BLOCK:]) == {str(parent).encode()}
    _assert_no_child_left()


@pytest.mark.usefixtures("two_processes")
def test_an_error_in_making_a_line_is_raised_as_without_a_child() -> None:
    scores = _scores(300)
    bad = scores[150].account.id

    def fails(score: Any, rank: int) -> bytes:
        if score.account.id == bad:
            raise ValueError(f"cannot write {score.account.id}")
        return _line(score, rank)

    with pytest.raises(ValueError, match=f"cannot write {bad}$"):
        list(export.in_memory_order(scores, fails))
    with pytest.raises(ValueError, match=f"cannot write {bad}$"):
        list(export.in_rank_order(scores, fails))
    _assert_no_child_left()


@pytest.mark.usefixtures("two_processes")
def test_stopping_early_ends_and_collects_the_child() -> None:
    lines = export.in_rank_order(_scores(10 * BLOCK), _line)
    assert len(next(iter(lines))) > 0
    lines.close()  # type: ignore[attr-defined]
    _assert_no_child_left()


@pytest.fixture(scope="module")
def follow_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return golden_runs.follow_file(tmp_path_factory.mktemp("parallel") / "follows.jsonl", 1_500)


@pytest.mark.parametrize("output", ["json", "csv"])
@pytest.mark.parametrize("block", [499, 500, 1_500, 100_000])
def test_the_command_writes_the_same_with_two_processes(
    monkeypatch: pytest.MonkeyPatch, follow_file: Path, output: str, block: int
) -> None:
    argv = ["--from", str(follow_file), "--all", "--dry-run", "--format", output]
    with golden_runs.frozen_home(golden_runs.FILE_SETTINGS):
        alone = golden_runs.run(*argv)
    monkeypatch.setattr(export, "PARALLEL_FROM", 1)
    monkeypatch.setattr(export, "MEMORY_ORDER_BLOCK", block)
    # Relevance in a child too: the whole command as a long list runs it.
    monkeypatch.setattr(blend, "PARALLEL_FROM", 1)
    monkeypatch.setattr(blend, "can_fork", lambda: True)
    with golden_runs.frozen_home(golden_runs.FILE_SETTINGS):
        shared = golden_runs.run(*argv)
    assert shared == alone
    assert shared.count("\n") > 1_500
    _assert_no_child_left()
