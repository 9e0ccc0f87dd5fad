"""Profile text is shown, never obeyed: an escape sequence in a name or location must not
clear the reader's screen or retitle the window, on a terminal or in a pipe."""

from __future__ import annotations

import io

from rich.table import Table
from rich.text import Text

from followprune.render.console import SafeConsole

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
