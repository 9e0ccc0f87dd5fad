"""Profile text is shown, never obeyed: an escape sequence in a name or location must not
clear the reader's screen or retitle the window, on a terminal or in a pipe."""

from __future__ import annotations

import io

from rich.table import Table
from rich.text import Text

from followprune.render.console import SafeConsole
from tests.conftest import Invoke

HOSTILE = "\x1b[2J\x1b[HEvil\x1b]0;PWNED\x07 \x9b31m \x00"


def _printed(terminal: bool) -> str:
    out = io.StringIO()
    console = SafeConsole(file=out, force_terminal=terminal, color_system="standard",
                          width=120, highlight=False, no_color=False)
    table = Table("handle", "location")
    table.add_row("@bob", Text(HOSTILE, style="bold"))
    console.print(table)
    console.print(Text(HOSTILE, style="red"))
    return out.getvalue()


def test_control_characters_in_profile_text_are_shown_as_escapes() -> None:
    for terminal in (True, False):
        text = _printed(terminal)
        assert "\\x1b[2J" in text and "\\x9b31m" in text and "\\x00" in text
        # Rich drops the bell itself; nothing else may reach the reader raw.
        assert "\x07" not in text and "\x9b" not in text and "\x00" not in text
        assert "\x1b[2J" not in text and "\x1b]" not in text


def test_the_consoles_own_colours_survive() -> None:
    text = _printed(terminal=True)
    assert "\x1b[31m" in text and "\x1b[1m" in text  # red and bold, written by Rich


def test_direction_overrides_are_shown_as_escapes_and_direction_marks_stay(
    invoke: Invoke,
) -> None:
    # "@evil\u202egnp.exe" reads as "@evilexe.png": an override is a disguise. A right-to-left
    # mark (Arabic and Hebrew bios use it to place punctuation) reorders nothing.
    out = io.StringIO()
    console = SafeConsole(file=out, force_terminal=False, width=120, highlight=False)
    console.print("@evil\u202egnp.exe \u2067isolated\u2069 \u0645\u0631\u062d\u0628\u0627\u200f!")
    text = out.getvalue()
    assert "@evil\\u202egnp.exe" in text and "\\u2067isolated\\u2069" in text
    assert "\u202e" not in text and "\u2067" not in text and "\u200f" in text
    located = invoke("locate", "\u202eBerlin")
    assert "\u202e" not in located.stdout and "\\u202e" in located.stdout
