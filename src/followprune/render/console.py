"""Two consoles: results on stdout, diagnostics on stderr. Colour and live progress only on a
terminal; NO_COLOR is honoured by Rich itself."""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass

from rich.console import Console

# Off a terminal nothing wraps at 80 columns: cron mail and pipes get whole lines.
_PLAIN_WIDTH = 200


@dataclass
class Consoles:
    out: Console
    err: Console
    quiet: bool = False

    @property
    def interactive(self) -> bool:
        return self.out.is_terminal

    def note(self, message: str) -> None:
        """A diagnostic line on stderr, unless --quiet."""
        if not self.quiet:
            self.err.print(message, highlight=False)


class _Console(Console):
    def on_broken_pipe(self) -> None:
        # Rich's own answer is SystemExit(1), the code of an unexpected error; the CLI
        # answers a reader that stopped reading with 141, as for every other output.
        raise BrokenPipeError


def make_consoles(quiet: bool = False) -> Consoles:
    out = _Console(file=sys.stdout, highlight=False, soft_wrap=False)
    err = _Console(file=sys.stderr, highlight=False)
    if not out.is_terminal:
        out = _Console(file=sys.stdout, highlight=False, width=_width(), no_color=True)
    if not err.is_terminal:
        err = _Console(file=sys.stderr, highlight=False, width=_width(), no_color=True)
    return Consoles(out, err, quiet)


def _width() -> int:
    try:
        return max(80, int(os.environ.get("COLUMNS", "")))
    except ValueError:
        return _PLAIN_WIDTH


def stdin_is_interactive() -> bool:
    """Tests replace this to drive the prompt; cron and pipes never see one."""
    return sys.stdin.isatty()
