from __future__ import annotations

import re

import pytest

from followprune.app.selection import parse_command
from followprune.errors import InputError

HANDLES = ["alice", "bob", "carol", "dave", "erin", "frank", "grace"]


def test_keep_rows_ranges_and_handles() -> None:
    command = parse_command("keep 3,5-7 @alice", HANDLES)
    assert command.verb == "keep"
    assert command.rows == {1, 3, 5, 6, 7}


@pytest.mark.parametrize("text,verb", [("all", "apply"), ("y", "apply"), ("", "help"),
                                       ("q", "quit"), ("list", "list"), ("MUTE 2", "mute")])
def test_verbs(text: str, verb: str) -> None:
    assert parse_command(text, HANDLES).verb == verb


@pytest.mark.parametrize("text,verb", [
    ("sí", "apply"), ("SI", "apply"), ("sim", "apply"), ("Sí", "apply"),
    ("si\u0301", "apply"),  # "sí" as "i" and a combining accent, as macOS may send it
    ("não", "quit"), ("nao", "quit"), ("s 2", "skip"),
])
def test_spanish_and_portuguese_yes_and_no(text: str, verb: str) -> None:
    # Found: "sí" at the review prompt was "unknown command 'sí'".
    assert parse_command(text, HANDLES).verb == verb


@pytest.mark.parametrize("text,message", [
    ("keep", "needs rows"),
    ("keep 9", "outside the table (rows 1-7)"),
    ("keep 5-3", "runs backwards"),
    ("keep @zed", "@zed is not in the table"),
    ("keep 2x", "not a row number"),
    ("frobnicate", "unknown command"),
    ("all 3", "takes no rows"),
])
def test_mistakes_are_named(text: str, message: str) -> None:
    with pytest.raises(InputError, match=re.escape(message)):
        parse_command(text, HANDLES)
