"""The review prompt's little language: `all`, `keep 3,5-7 @alice`, `skip 4`, `mute 2`,
`quit`.

Parsing is pure so it can be tested without a terminal.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from typing import Literal

from followprune.errors import InputError

# Yes and no wherever a question is asked, in English, Spanish, Portuguese, Japanese, German
# and French (people use the tool in all of them: persona 16's "はい" was refused); written
# with or without the accent.
YES_WORDS = frozenset({"y", "yes", "sí", "si", "sim", "はい", "ja", "oui"})
NO_WORDS = frozenset({"n", "no", "não", "nao", "いいえ", "nein", "non"})

Verb = Literal["apply", "keep", "skip", "mute", "unfollow", "list", "quit", "help"]
_VERBS: dict[str, Verb] = {
    "": "help", "all": "apply", "apply": "apply", "go": "apply",
    "keep": "keep", "k": "keep", "skip": "skip", "s": "skip", "mute": "mute", "m": "mute",
    "unfollow": "unfollow", "u": "unfollow", "list": "list", "l": "list", "show": "list",
    "quit": "quit", "q": "quit", "help": "help", "?": "help",
    **dict.fromkeys(YES_WORDS, "apply"), **dict.fromkeys(NO_WORDS, "quit"),
}


def answer_word(text: str) -> str:
    """A typed word as the tables above spell it: lower case, and "sí" one character
    whether the terminal sent it composed or as "i" and an accent (as macOS may)."""
    return unicodedata.normalize("NFC", text.strip()).lower()


@dataclass(frozen=True)
class Command:
    verb: Verb
    rows: frozenset[int] = frozenset()  # 1-based row numbers of the table


def parse_command(text: str, handles: list[str]) -> Command:
    """`handles[i]` is the handle on row i+1. Rows can be numbers, ranges or @handles."""
    words = text.strip().split(None, 1)
    verb_word = answer_word(words[0]) if words else ""
    verb = _VERBS.get(verb_word)
    if verb is None:
        raise InputError(f"unknown command {verb_word!r}", hint="type `help` to see the commands")
    rest = words[1] if len(words) > 1 else ""
    if verb in ("keep", "skip", "mute", "unfollow"):
        if not rest.strip():
            raise InputError(f"`{verb}` needs rows, e.g. `{verb} 3,5-7 @alice`")
        return Command(verb, frozenset(parse_rows(rest, handles)))
    if rest.strip():
        raise InputError(f"`{verb_word}` takes no rows")
    return Command(verb)


def parse_rows(text: str, handles: list[str]) -> set[int]:
    by_handle = {h.lower(): i + 1 for i, h in enumerate(handles)}
    rows: set[int] = set()
    for token in text.replace(",", " ").split():
        if token.startswith("@") or not token[0].isdigit():
            row = by_handle.get(token.lower().removeprefix("@"))
            if row is None:
                raise InputError(f"{token} is not in the table")
            rows.add(row)
            continue
        first, sep, last = token.partition("-")
        try:
            start, end = int(first), int(last) if sep else int(first)
        except ValueError:
            raise InputError(f"{token!r} is not a row number, range or @handle") from None
        if start > end:
            raise InputError(f"range {token} runs backwards")
        if start < 1 or end > len(handles):
            raise InputError(f"row {token} is outside the table (rows 1-{len(handles)})")
        rows.update(range(start, end + 1))
    return rows
