"""Two consoles: results on stdout, diagnostics on stderr. Colour and live progress only on a
terminal; NO_COLOR is honoured by Rich itself."""

from __future__ import annotations

import os
import re
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from rich.console import Console
from rich.segment import Segment

# Off a terminal nothing wraps at 80 columns: cron mail and pipes get whole lines.
_PLAIN_WIDTH = 200


@dataclass
class Consoles:
    out: Console
    err: Console
    quiet: bool = False
    # A JSON, CSV or HTML document went to stdout: a script parses it whole, so what the run
    # says after it (what was done) goes to stderr.
    document_on_stdout: bool = False

    @property
    def interactive(self) -> bool:
        return self.out.is_terminal

    @property
    def after_output(self) -> Console:
        """Where a run's closing lines go: stdout, unless it holds a document already."""
        return self.err if self.document_on_stdout else self.out

    def note(self, message: str) -> None:
        """A diagnostic line on stderr, unless --quiet."""
        if not self.quiet:
            self.err.print(message, highlight=False)


# C0 and C1 control characters but the newline and the tab: in a profile's name or location
# an escape sequence would clear the screen or retitle the window of whoever reads the table
# (or `cat`s the CSV or the HTML page). And the bidirectional embeddings, overrides and
# isolates: "@evil\u202egnp.exe" shows as "@evilexe.png", a disguise. The plain direction
# marks (LRM, RLM, ALM), which Arabic and Hebrew bios use to place punctuation, reorder
# nothing and stay.
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def _escape(match: re.Match[str]) -> str:
    return ascii(match.group())[1:-1]  # "\x1b", as the error lines show them


def has_controls(text: str) -> bool:
    return _CONTROL.search(text) is not None


def controls_shown(text: str) -> str:
    """`text` with its control characters written as escapes ("\x1b"), for every output a
    person or a terminal reads (tables, CSV, HTML; JSON escapes them itself)."""
    return _CONTROL.sub(_escape, text) if _CONTROL.search(text) else text


def _harmless(buffer: Iterable[Segment]) -> Iterator[Segment]:
    """Segments of text with their control characters shown as escapes. Rich's own control
    segments (cursor moves, the live progress) are marked as such and pass; its styles are
    applied after this, so colours stay."""
    for segment in buffer:
        if not segment.control and _CONTROL.search(segment.text):
            yield Segment(_CONTROL.sub(_escape, segment.text), segment.style)
        else:
            yield segment


class SafeConsole(Console):
    """Rich's Console, safe to print profile text with and to pipe into `head`."""

    def on_broken_pipe(self) -> None:
        # Rich's own answer is SystemExit(1), the code of an unexpected error; the CLI
        # answers a reader that stopped reading with 141, as for every other output.
        raise BrokenPipeError

    def _render_buffer(self, buffer: Iterable[Segment]) -> str:
        # Every line a person reads passes here: profile text is made harmless once, not at
        # each of the dozens of places that print a name, a location or a reason.
        return super()._render_buffer(_harmless(buffer))


def make_consoles(quiet: bool = False) -> Consoles:
    for stream in (sys.stdout, sys.stderr):
        _never_fail_on_encoding(stream)
    out = SafeConsole(file=sys.stdout, highlight=False, soft_wrap=False)
    err = SafeConsole(file=sys.stderr, highlight=False)
    if not out.is_terminal:
        out = SafeConsole(file=sys.stdout, highlight=False, width=_width(), no_color=True)
    if not err.is_terminal:
        err = SafeConsole(file=sys.stderr, highlight=False, width=_width(), no_color=True)
    return Consoles(out, err, quiet)


def _never_fail_on_encoding(stream: object) -> None:
    """A stream whose encoding cannot hold every character (cp1252 on a Windows console,
    PYTHONIOENCODING=ascii) shows "?" for a name's emoji instead of stopping the run halfway
    through its output; Rich already draws its boxes in ASCII there."""
    encoding = (getattr(stream, "encoding", None) or "").replace("-", "").lower()
    reconfigure = getattr(stream, "reconfigure", None)
    if encoding and not encoding.startswith("utf") and reconfigure is not None:
        reconfigure(errors="replace")


def _width() -> int:
    try:
        return max(80, int(os.environ.get("COLUMNS", "")))
    except ValueError:
        return _PLAIN_WIDTH


def stdin_is_interactive() -> bool:
    """Tests replace this to drive the prompt; cron and pipes never see one."""
    return sys.stdin.isatty()
