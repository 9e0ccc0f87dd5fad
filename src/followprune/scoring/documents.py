"""A list of relevance documents whose texts are made, or decoded, only when read.

Relevance reads a list a chunk at a time; holding every account's joined text at once would be
a second copy of the list's texts. Each kind below says how one text is made; reading by index
and by slice is shared.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import overload


class TextsMadeWhenRead(Sequence[str]):
    """Subclasses give `__len__` and `_text(index)` for 0 ≤ index < len."""

    def _text(self, index: int) -> str:
        raise NotImplementedError

    @overload
    def __getitem__(self, index: int) -> str: ...
    @overload
    def __getitem__(self, index: slice) -> Sequence[str]: ...
    def __getitem__(self, index: int | slice) -> str | Sequence[str]:
        if isinstance(index, slice):
            return [self._text(i) for i in range(*index.indices(len(self)))]
        size = len(self)
        if not -size <= index < size:
            raise IndexError(index)
        return self._text(index % size)
