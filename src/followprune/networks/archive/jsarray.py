"""Streaming reader for the archive's `window.<name> = <JSON>` files.

A tweets part can be hundreds of MB, so the array is decoded one entry at a time with
`json.JSONDecoder.raw_decode` over a sliding window of the text: memory stays at about one
read chunk plus one entry, whatever the file size.
"""

from __future__ import annotations

import io
import json
import re
from collections.abc import Iterator
from typing import IO, Any

from followprune.errors import InputError

_CHUNK_CHARS = 1024 * 1024
# The assignment must come early; a file that does not start with one is not an archive part.
_MAX_PREFIX_CHARS = 1024
_WHITESPACE = re.compile(r"[ \t\n\r]*")
_DECODER = json.JSONDecoder()


class JsAssignment:
    """One `window.<target> = <value>` file, read from a binary stream."""

    def __init__(self, stream: IO[bytes], name: str, max_entry_chars: int) -> None:
        # utf-8-sig: a byte-order mark, which some editors add, is not an error.
        self._text = io.TextIOWrapper(stream, encoding="utf-8-sig", newline="")
        self._name = name
        self._max_entry = max_entry_chars
        self._buf = ""
        self._pos = 0
        self._eof = False

    def close(self) -> None:
        self._text.close()

    def _fail(self, problem: str) -> InputError:
        return InputError(f"{self._name}: {problem}")

    def _fill(self) -> bool:
        """Read one more chunk, dropping what was already consumed; False at the end."""
        if self._eof:
            return False
        try:
            chunk = self._text.read(_CHUNK_CHARS)
        except UnicodeDecodeError as exc:
            raise self._fail(f"not UTF-8 text ({exc.reason})") from None
        if not chunk:
            self._eof = True
            return False
        self._buf = self._buf[self._pos :] + chunk
        self._pos = 0
        return True

    def _peek(self) -> str | None:
        """The next character that is not whitespace, or None at the end of the file."""
        while True:
            match = _WHITESPACE.match(self._buf, self._pos)
            assert match is not None  # the pattern matches the empty string
            self._pos = match.end()
            if self._pos < len(self._buf):
                return self._buf[self._pos]
            if not self._fill():
                return None

    def read_target(self) -> str:
        """The name assigned to, e.g. `window.YTD.tweets.part0`."""
        while "=" not in self._buf and len(self._buf) < _MAX_PREFIX_CHARS and self._fill():
            pass
        equals = self._buf.find("=", self._pos, self._pos + _MAX_PREFIX_CHARS)
        if equals < 0:
            raise self._fail("does not start with `window.… =`; not an X archive data file")
        target = self._buf[self._pos : equals].strip()
        self._pos = equals + 1
        return target

    def read_value(self) -> Any:
        """The whole value (for small files: the manifest)."""
        if self._peek() is None:
            raise self._fail("nothing after `=`; the file is truncated")
        value = self._decode("the value")
        self._expect_end()
        return value

    def iter_array(self) -> Iterator[Any]:
        """The entries of the array, one at a time."""
        if self._peek() != "[":
            raise self._fail("expected a JSON array `[` after `=`")
        self._pos += 1
        number = 0
        char = self._peek()
        while char != "]":
            if char is None:
                raise self._fail(f"ends after {number:,} entries without the closing `]`;"
                                 " the file is truncated")
            number += 1
            yield self._decode(f"entry {number:,}")
            char = self._peek()
            if char == ",":
                self._pos += 1
                char = self._peek()
            elif char not in ("]", None):
                raise self._fail(f"expected `,` or `]` after entry {number:,}")
        self._pos += 1
        self._expect_end()

    def _decode(self, what: str) -> Any:
        while True:
            try:
                value, end = _DECODER.raw_decode(self._buf, self._pos)
            except json.JSONDecodeError as exc:
                # Most often the entry simply runs past the window: read on and retry.
                if len(self._buf) - self._pos > self._max_entry:
                    raise self._fail(f"{what} is larger than {self._max_entry:,} characters"
                                     " or never ends") from None
                if self._fill():
                    continue
                raise self._fail(f"{what} is not valid JSON ({exc.msg});"
                                 " the file is malformed or truncated") from None
            except RecursionError:
                # The decoder recurses per level: an entry nested thousands deep is hostile
                # or broken, never an archive X wrote.
                raise self._fail(f"{what} is nested too deeply to be X archive data"
                                 ) from None
            # A value that ends exactly at the window's edge (a number) may go on.
            if end == len(self._buf) and self._fill():
                continue
            self._pos = end
            return value

    def _expect_end(self) -> None:
        char = self._peek()
        if char == ";":
            self._pos += 1
            char = self._peek()
        if char is not None:
            raise self._fail("unexpected text after the data; the file is malformed")
