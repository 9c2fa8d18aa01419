"""A long question keeps the words it ends with, and a pasted paragraph costs no more than a dozen words, in the
Python reference and in the browser core alike.

The articles are the sample ones (tests/search/fixtures/articles.json: Microsoft Learn, CC BY 4.0).
"""

from __future__ import annotations

import time
from typing import Any

import pytest

from kbgen.search.documents import SearchDocument
from kbgen.search.index import build_language_index
from tests.search.reference_search import MAX_WORDS, Searchable, analyse, search, searchable
from tests.support.search import pasted_paragraph

# A reader's question: twelve words before the ones that say what it is about
QUESTION = "hi, could you please tell me how I would be able to create a work breakdown structure"
# Stop words do not count, nor does a word said twice
PADDED = " ".join(["the", "of", "and", "to", "is", "it"] * 6) + " cash advance"
REPEATED = "expense " * 14 + "distributions report"


@pytest.fixture(scope="module")
def english(articles: list[SearchDocument]) -> tuple[Any, Searchable]:
    built = build_language_index([doc for doc in articles if doc.lang == "en"], "en")
    return built, searchable(built)


def _texts(query: str) -> list[str]:
    return [word.text for word in analyse(query, "en", complete=True).words]


def test_a_long_question_keeps_the_words_it_ends_with() -> None:
    assert {"work", "breakdown", "structure"} <= set(_texts(QUESTION))
    assert _texts(PADDED) == ["cash", "advance"]
    assert _texts(REPEATED) == ["expense", "distributions", "report"]


@pytest.mark.parametrize(
    ("query", "url"),
    [
        (QUESTION, "en/project-management/create-wbs/"),
        (PADDED, "en/expense/cash-advance/"),
        (REPEATED, "en/expense/distributions-expense-report/"),
    ],
)
def test_a_long_question_finds_its_article_first(english: tuple[Any, Searchable], query: str, url: str) -> None:
    built, index = english
    hits = search(index, query).hits
    assert hits, query
    assert built.documents[hits[0].ref].url == url


def test_a_pasted_paragraph_is_read_up_to_a_dozen_words(articles: list[SearchDocument]) -> None:
    pasted = pasted_paragraph(articles)
    started = time.perf_counter()
    analysed = analyse(pasted, "en", complete=False)
    assert len(analysed.words) == MAX_WORDS
    assert len(set(analysed.title_terms)) == MAX_WORDS
    assert time.perf_counter() - started < 1.0


def test_the_browser_core_reads_long_queries_as_python_does(
    node: Any, articles: list[SearchDocument], english: tuple[Any, Searchable]
) -> None:
    built, index = english
    queries = [QUESTION, PADDED, REPEATED, pasted_paragraph(articles)]
    [answers] = node([{"op": "search", "lang": "en", "queries": [{"query": q, "fresh": True} for q in queries]}])
    for query, answer in zip(queries, answers, strict=True):
        python = search(index, query)
        assert [(ref, tuple(terms)) for ref, _, terms in answer["hits"]] == [(h.ref, h.terms) for h in python.hits]
        assert answer["missing"] == list(python.missing)
    assert built.documents[answers[0]["hits"][0][0]].url == "en/project-management/create-wbs/"
    # the paragraph fetches no more term shards than a dozen words can need (two terms and a title key each)
    assert len(answers[-1]["shards"]) <= 3 * MAX_WORDS
