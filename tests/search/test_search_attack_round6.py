"""Red team, round six: search queries a reader types without the language's own letters, and hostile query text,
read the same by the Python index builder and the browser core (kb-search-core.js under node)."""

from __future__ import annotations

from typing import Any

import pytest

from kbgen.search.documents import SearchDocument
from kbgen.search.languages import process_word, stop_words
from kbgen.search.tokenize import words
from tests.search.test_search_parity_node import assert_same, python_results


@pytest.mark.parametrize(
    ("key", "typed"),
    [("tr", "ICIN"), ("tr", "BIR"), ("tr", "Icin"), ("tr", "NASIL"), ("tr", "IÇIN"), ("ro", "SI"), ("ro", "PENTRU")],
)
def test_a_stop_word_typed_in_capitals_without_the_language_s_letters_is_a_stop_word(key: str, typed: str) -> None:
    """On a keyboard without Turkish letters `için` is typed `ICIN`, which Turkish casing reads `ıcın`: it was no
    stop word, so the query asked every article for a term (`icin`) no index holds (the stop word is left out of
    every article): no article held every word, where `için fatura` found the invoice articles."""
    assert process_word(typed, key) == ()


def test_a_word_that_only_folds_near_a_stop_word_is_still_indexed() -> None:
    assert process_word("fatura", "tr") != () and process_word("BIRIM", "tr") != ()


def test_capitals_without_turkish_letters_are_stop_words_in_the_browser_too(node: Any) -> None:
    texts = ["ICIN BIR Icin IÇIN NASIL fatura BIRIM"]
    [js] = node([{"op": "words", "key": "tr", "texts": texts, "stopWords": sorted(stop_words("tr"))}])
    python = [[w, han, [w] if han else list(process_word(w, "tr"))] for w, han in words(texts[0])]
    assert js == [python]
    assert [terms for _, _, terms in python[:5]] == [[]] * 5


HOSTILE_QUERIES = [
    "__proto__", "constructor", "toString", "hasOwnProperty valueOf", "prototype __defineGetter__",
    "__proto__*", "constructor~1", "<img src=x onerror=alert(1)>", ":", "^", "~", "*foo*", "+-", "\"unclosed",
    "\ud800", "a\u0000b", "\u202eexpense", "expense\u200f", "項目 __proto__", "ＥＸＰＥＮＳＥ", "ﬁle", "x" * 10_000,
    "expense " * 500, "proje\u0307", "İ" * 300,
]  # fmt: skip


@pytest.mark.parametrize("lang", ["en", "tr", "ro", "zh"])
def test_hostile_queries_answer_in_the_browser_as_in_python(
    node: Any, articles: list[SearchDocument], lang: str
) -> None:
    """Names JavaScript objects hold (`__proto__`, `constructor`), lone surrogates, NUL, bidi controls, query syntax
    and 10,000 characters: the browser's search answers each as the Python reference does, never an exception."""
    queries = [(query, complete) for query in HOSTILE_QUERIES for complete in (True, False)]
    [js] = node([{"op": "search", "lang": lang, "queries": [{"query": q, "complete": c} for q, c in queries]}])
    assert_same(queries, python_results(articles, lang, queries), js)
