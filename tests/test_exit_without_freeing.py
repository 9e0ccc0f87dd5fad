"""`prune` as a process: a review's scores are left to the operating system at exit
(CliState.keep_until_exit) instead of being freed object by object, and nothing a normal
exit does is lost: the whole output, the notes, the exit status, the log lines.

These run `python -m followprune` in a subprocess, since a test runner's in-process
invocation never takes that exit.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

USER = {"username": "alice", "name": "Alice", "description": "rust and python",
        "location": "Berlin", "created_at": "2015-03-01T10:00:00.000Z",
        "public_metrics": {"followers_count": 300, "following_count": 250,
                           "tweet_count": 4000, "listed_count": 3, "like_count": 90},
        "most_recent_tweet_id": "1790000000000000000", "connection_status": ["following"]}


def _prune(home: Path, *args: str, stdin: str = "") -> subprocess.CompletedProcess[str]:
    env = {key: value for key, value in os.environ.items()
           if not key.startswith(("FOLLOWPRUNE_", "X_"))}
    env.update(FOLLOWPRUNE_HOME=str(home), NO_COLOR="1")
    return subprocess.run([sys.executable, "-m", "followprune", *args], env=env, input=stdin,
                          capture_output=True, text=True, timeout=120, check=False)


def test_a_file_review_writes_all_of_its_output_and_notes(tmp_path: Path) -> None:
    path = tmp_path / "follows.jsonl"
    path.write_text("".join(
        json.dumps({**USER, "id": str(1000 + n), "username": f"user{n}"}) + "\n"
        for n in range(3000)))
    done = _prune(tmp_path / "home", "--from", str(path), "--all", "--format", "json",
                  "--as-of", "2026-06-01")
    assert done.returncode == 0, done.stderr
    document = json.loads(done.stdout)  # whole: the last batch was flushed
    assert len(document["accounts"]) == 3000
    assert "proposed of 3000 followed" in done.stderr
    assert "Traceback" not in done.stderr


def test_the_note_counts_every_proposal_and_says_how_many_are_up_for_action(
        tmp_path: Path) -> None:
    # The note must agree with the document's `proposed`, not with the --limit.
    done = _prune(tmp_path / "home", "--demo", "--dry-run", "--format", "json", "--limit", "5")
    assert done.returncode == 0, done.stderr
    document = json.loads(done.stdout)
    total = document["proposed"]
    assert total > 5
    assert (f"{total} proposed of {document['followed']} followed; the worst 5 are up for"
            " action (--limit N for more).") in " ".join(done.stderr.split())


def test_the_exit_status_of_a_review_is_kept(tmp_path: Path) -> None:
    # Proposals, no terminal to confirm them: refused with its own status (8), after the
    # review was scored and kept.
    done = _prune(tmp_path / "home", "--demo")
    assert done.returncode == 8, done.stderr
    assert "stdin is not a terminal" in done.stderr
    # The table went to a pipe, which Python buffers: flushed before the process ended.
    assert "Following 544 accounts on demo" in done.stdout.replace("\n", " ")


def test_log_lines_of_a_review_that_acted_reach_the_file(tmp_path: Path) -> None:
    home = tmp_path / "home"
    done = _prune(home, "--demo", "--yes", "--limit", "3")
    assert done.returncode == 0, done.stderr
    logs = list(home.rglob("followprune.log"))
    assert logs, "no log file written"
    text = logs[0].read_text(encoding="utf-8")
    assert text.count("unfollow") >= 3, text


@pytest.mark.parametrize(("args", "read"), [
    (("--demo", "--dry-run", "--format", "json", "--all"), 100),
    # Tables are written by Rich, whose own answer to a closed pipe is exit 1. A reader
    # that closes before the first byte: a table this short fits the pipe's buffer.
    (("--demo", "--dry-run"), 0),
    (("locate", "Berlin"), 0),
], ids=["json", "review-table", "locate-table"])
def test_a_reader_that_stops_early_ends_the_run_quietly(
        tmp_path: Path, args: tuple[str, ...], read: int) -> None:
    """`prune … | head`: no "internal error", no traceback, the shell's SIGPIPE status."""
    env = {key: value for key, value in os.environ.items()
           if not key.startswith(("FOLLOWPRUNE_", "X_"))}
    env.update(FOLLOWPRUNE_HOME=str(tmp_path / "home"), NO_COLOR="1")
    proc = subprocess.Popen([sys.executable, "-m", "followprune", *args], env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    assert proc.stdout is not None and proc.stderr is not None
    if read:
        assert proc.stdout.read(read).startswith(b"{")
    proc.stdout.close()  # as `head -c 100` does
    err = proc.stderr.read().decode()
    assert proc.wait(timeout=120) == 141, err
    assert "internal error" not in err and "Traceback" not in err


def _prune_to(home: Path, stdout: int | None, *args: str) -> subprocess.CompletedProcess[str]:
    """`prune` with its stdout on `stdout` (None: closed, as `prune >&-` leaves it)."""
    env = {key: value for key, value in os.environ.items()
           if not key.startswith(("FOLLOWPRUNE_", "X_"))}
    env.update(FOLLOWPRUNE_HOME=str(home), NO_COLOR="1")
    command = [sys.executable, "-m", "followprune", *args]
    if stdout is None:
        # The child's stdout is closed before it starts, not redirected.
        command = ["sh", "-c", 'exec "$@" >&-', "sh", *command]
        stdout = subprocess.DEVNULL
    return subprocess.run(command, env=env, stdout=stdout, stderr=subprocess.PIPE, text=True,
                          timeout=120, check=False)


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs /dev/full")
@pytest.mark.parametrize("output_format", ["json", "csv", "html", "table"])
def test_an_output_that_cannot_be_written_is_named_not_a_bug(tmp_path: Path,
                                                             output_format: str) -> None:
    with open("/dev/full", "w") as full:
        done = _prune_to(tmp_path / "home", full.fileno(), "--demo", "--dry-run", "--format",
                         output_format)
    assert done.returncode == 1, done.stderr
    assert "internal error" not in done.stderr and "Traceback" not in done.stderr
    assert "cannot write the output" in done.stderr
    assert "No space left on device" in done.stderr


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX shell")
def test_a_closed_stdout_ends_without_a_traceback(tmp_path: Path) -> None:
    done = _prune_to(tmp_path / "home", None, "--demo", "--dry-run", "--format", "json")
    assert "Traceback" not in done.stderr, done.stderr
    assert "internal error" not in done.stderr
    # Not a silent success (probe round 10: exit 0, the output lost), and nothing ran.
    assert done.returncode == 1 and "stdout is closed" in done.stderr
    assert not (tmp_path / "home" / "followprune.sqlite3").exists()
