"""The whole-language posting encoder gives each term the bytes the one-term encoder does: the shards a browser
reads are the same whichever wrote them."""

from __future__ import annotations

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from kbgen.search.documents import SearchDocument
from kbgen.search.index import build_language_index
from kbgen.search.posting_bytes import leb128
from kbgen.search.shards import _varints, encode_postings
from tests.support.search import load_articles, shaped_documents


@given(st.lists(st.integers(0, 2**63 - 1)))
def test_varints_of_an_array_are_the_listed_ones(values: list[int]) -> None:
    data, offsets = leb128(np.array(values, dtype=np.int64))
    assert data.tobytes() == _varints(values)
    assert offsets.tolist() == [0, *np.cumsum([len(_varints([v])) for v in values]).tolist()]


def test_every_term_of_a_real_index_is_encoded_as_one_term_alone() -> None:
    for lang in ("en", "tr", "zh"):
        docs = [doc for doc in load_articles() if doc.lang == lang]
        index = build_language_index(docs, lang)
        assert index.encoded.keys() == index.postings.keys()
        for term, fields in index.postings.items():
            assert index.encoded[term] == encode_postings(fields), term


@settings(max_examples=40, deadline=None)
@given(
    st.lists(
        st.tuples(st.integers(0, 3), st.integers(0, 30), st.integers(0, 3000), st.integers(1, 9)),
        min_size=1,
        max_size=40,
    )
)
def test_any_shape_of_postings_is_encoded_as_one_term_alone(shapes: list[tuple[int, int, int, int]]) -> None:
    """Refs far apart (gaps of two and three varint bytes), weights over 255, fields left empty."""
    docs = shaped_documents(shapes, words=60) + [
        SearchDocument(url=f"/en/z{n:05}/", title="w1", summary="", text="", lang="en", category="c")
        for n in range(300)
    ]
    index = build_language_index(docs, "en")
    for term, fields in index.postings.items():
        assert index.encoded[term] == encode_postings(fields), term
