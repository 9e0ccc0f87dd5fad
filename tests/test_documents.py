"""The relevance document views read like the list of texts they stand for."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from followprune.scoring.lists import _ChainedDocuments, _PackedDocuments

_TEXTS = st.lists(st.text(max_size=12), max_size=12)


@given(_TEXTS, st.integers(0, 4))
def test_packed_and_chained_documents_read_as_their_texts(texts: list[str], cut: int) -> None:
    packed = _PackedDocuments(texts)
    chained = _ChainedDocuments([_PackedDocuments(texts[:cut]), texts[cut:]])
    for view in (packed, chained):
        assert len(view) == len(texts)
        assert list(view) == texts
        assert [view[i] for i in range(-len(texts), 0)] == texts
        assert view[1:-1:2] == texts[1:-1:2]
        with pytest.raises(IndexError):
            view[len(texts)]
        with pytest.raises(IndexError):
            view[-len(texts) - 1]
