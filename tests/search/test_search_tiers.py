"""Common words' body weights come in a tail file: the browser must rank exactly as before, and show a first page
it can be sure of before the tail arrives (kbgen.search.shards.tier, LanguageIndex.search in kb-search-core.js).

The sample has 27 English articles, too few for any word to be tiered, so this builds 1,200 from their
sentences: every common word of the sample is then in hundreds of bodies and a few dozen titles.
"""

from __future__ import annotations

import itertools
import random
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

import pytest

from kbgen.search.documents import SearchDocument
from kbgen.search.folders import PREFIX
from kbgen.search.index import build_language_index
from kbgen.search.languages import language_key
from kbgen.search.shards import TIER_FROM, TIER_KEEP, tier
from tests.search.reference_search import search, searchable
from tests.support.search import RESULT, SETTLED, SYNONYMS, Session, load_articles, run_node, write_search_site

QUERIES = ["expense", "approve expense", "project invoice", "expense report", "time entry", "cash advance",
           "the project", "expenses approvers", "invoice proposal correct"]  # fmt: skip


def many_articles(count: int = 1200) -> list[SearchDocument]:
    """`count` English articles: each a title of words from the sample's titles and a body of sample sentences."""
    sample = [doc for doc in load_articles() if doc.lang == "en"]
    sentences = [s for doc in sample for s in re.split(r"(?<=[.!?])\s+", doc.text) if len(s.split()) > 3]
    title_words = sorted({w for doc in sample for w in re.findall(r"[A-Za-z]{4,}", doc.title)})
    rng = random.Random(7)
    return [
        SearchDocument(
            url=f"en/many/{n:04d}/",
            title=" ".join(rng.sample(title_words, rng.randint(2, 5))),
            summary=rng.choice(sentences) if n % 3 else "",
            text=" ".join(rng.sample(sentences, rng.randint(3, 40))),
            lang="en",
            category="Many",
            versions=(("2.0",), ("1.0",), ())[n % 3],  # () is every version
        )
        for n in range(count)
    ]


@pytest.fixture(scope="module")
def many() -> list[SearchDocument]:
    return many_articles()


@pytest.fixture(scope="module")
def many_site(tmp_path_factory: pytest.TempPathFactory, many: list[SearchDocument]) -> Path:
    """The search folder of `many`, the client's files and an English test page, as the search tests' site."""
    return write_search_site(tmp_path_factory.mktemp("many"), many, ("en",), synonyms={"en": SYNONYMS["en"]})


@pytest.fixture(scope="module")
def many_root(many_site: Path) -> Path:
    return many_site / PREFIX


def as_python(many: list[SearchDocument], queries: list[str]) -> list[Any]:
    index = searchable(build_language_index(many, language_key("en")), SYNONYMS["en"])
    return [search(index, query) for query in queries]


def assert_ranked_like_python(python: list[Any], js: list[dict[str, Any]]) -> None:
    for query, py, other in zip(QUERIES, python, js, strict=True):
        assert [h.ref for h in py.hits] == [ref for ref, _, _ in other["hits"]], query
        assert [h.score for h in py.hits] == pytest.approx([score for _, score, _ in other["hits"]], rel=1e-9), query


def test_common_words_body_weights_are_split_at_the_largest_left_to_the_tail(many: list[SearchDocument]) -> None:
    index = build_language_index(many, language_key("en"))
    tiered = {term: tier(fields) for term, fields in index.postings.items()}
    common = {term: found for term, found in tiered.items() if found is not None}
    assert {"expens", "project"} <= common.keys()
    for term, found in common.items():
        body = index.postings[term][-1]
        assert len(body) // 2 >= TIER_FROM
        assert len(found.extra) == TIER_KEEP
        assert len(found.kept) + len(found.tail) == len(body) // 2
        assert (found.edges[0], found.edges[-1]) == (min(found.tail), max(found.tail))
        assert min(body[1::2][i] for i in found.extra) >= max(found.tail)  # the largest others are kept
        for weight, bucket in zip(found.tail, found.buckets, strict=True):
            assert found.edges[bucket] <= weight <= found.edges[bucket + 1]
        widths = [high / max(low, 1) for low, high in itertools.pairwise(found.edges)]
        assert max(widths) < 1.2 or found.edges[-1] < 100, found.edges  # a bucket bounds a weight closely
    assert all(found is None for term, found in tiered.items() if len(index.postings[term][2]) // 2 < TIER_FROM)


def test_with_tails_the_browser_ranks_every_hit_as_python_does(many: list[SearchDocument], many_root: Path) -> None:
    [js] = run_node(many_root, [{"op": "search", "lang": "en", "queries": [{"query": q} for q in QUERIES]}])
    assert_ranked_like_python(as_python(many, QUERIES), js)
    assert sum(bool(answer["tails"]) for answer in js) >= len(QUERIES) // 2  # the tails were needed and read


def test_a_first_page_shows_before_the_tails_and_is_the_page_they_give(
    many: list[SearchDocument], many_root: Path
) -> None:
    """What a reader sees first: the first ten hits, fetched without a tail where the bounds make that page
    certain; the settled hits are every hit in lunr's order, the first page unchanged."""
    queries = [{"query": q, "exactFirst": 10, "fresh": True} for q in QUERIES]
    tasks = [{"op": "search", "lang": "en", "queries": queries}]
    [js] = run_node(many_root, tasks)
    assert_ranked_like_python(as_python(many, QUERIES), js)
    early = [answer for answer in js if answer["early"] is not None]
    assert len(early) >= len(QUERIES) // 2, [answer["tails"] for answer in js]
    for answer in early:
        assert answer["tails"] == [], "a tail was fetched before the first page"
        assert answer["tailsAfter"], "settling reads the tails"
        assert [ref for ref, _, _ in answer["early"]] == [ref for ref, _, _ in answer["hits"][:10]]
    for answer in js:
        if answer["early"] is None:  # not certain without them: the tails came before the first page
            assert answer["tails"] or len(answer["hits"]) == 0


@pytest.mark.browser
def test_in_chromium_the_first_page_comes_before_the_tails_and_more_follows_in_lunrs_order(
    browser: Any, serve: Callable[[Path], str], many_site: Path, many: list[SearchDocument]
) -> None:
    """A reader's first page of a common word: the tails are fetched only once it is shown; "More" then shows
    the next ten in the exact order, from the settled ranking."""
    session = Session(browser, serve(many_site))
    session.open("en")
    session.type("expense")
    refs = [h.ref for h in as_python(many, ["expense"])[0].hits[:20]]
    expected = [build_language_index(many, language_key("en")).documents[ref].url for ref in refs]
    assert session.top(10) == expected[:10]
    first_tail = next(i for i, path in enumerate(session.paths) if "/immutable/en/w/" in path)
    fragments = [i for i, path in enumerate(session.paths) if "/immutable/en/d/" in path]
    assert len(fragments) >= 10 and first_tail > fragments[9]  # after the first page's ten fragments
    session.page.click(".kb-search__more")
    session.page.wait_for_function(
        f"() => document.querySelectorAll('{RESULT}').length >= 20 && document.querySelector('{SETTLED}') !== null"
    )
    shown = session.page.eval_on_selector_all(f"{RESULT} a", "els => els.map(e => e.getAttribute('href'))")
    assert [urlparse(h).path.lstrip("/") for h in shown[:20]] == expected
    assert session.errors == []
    session.close()


def test_a_version_filter_keeps_the_first_page_certain_and_exact(many: list[SearchDocument], many_root: Path) -> None:
    """The filter drops hits before the bounds are compared: the first page is the filtered exact one."""
    queries = [{"query": q, "exactFirst": 10, "fresh": True, "version": "2.0"} for q in QUERIES]
    [js] = run_node(many_root, [{"op": "search", "lang": "en", "queries": queries}])
    built = build_language_index(many, language_key("en"))
    index = searchable(built, SYNONYMS["en"])
    kept = {ref for ref, doc in enumerate(built.documents) if not doc.versions or "2.0" in doc.versions}
    for query, answer in zip(QUERIES, js, strict=True):
        expected = [hit.ref for hit in search(index, query, allowed=kept.__contains__).hits]
        assert [ref for ref, _, _ in answer["hits"]] == expected, query
        if answer["early"] is not None:
            assert [ref for ref, _, _ in answer["early"]] == expected[:10], query
    assert any(answer["early"] is not None for answer in js)  # the early path ran under the filter too


def test_while_typing_prefixes_of_common_words_rank_as_python_does(many: list[SearchDocument], many_root: Path) -> None:
    typed = ["expen", "approve exp", "proj", "invoice prop"]
    queries = [{"query": q, "complete": False, "exactFirst": 10, "fresh": True} for q in typed]
    [js] = run_node(many_root, [{"op": "search", "lang": "en", "queries": queries}])
    index = searchable(build_language_index(many, language_key("en")), SYNONYMS["en"])
    for query, answer in zip(typed, js, strict=True):
        expected = search(index, query, complete=False).hits
        assert [ref for ref, _, _ in answer["hits"]] == [hit.ref for hit in expected], query
        if answer["early"] is not None:
            assert [ref for ref, _, _ in answer["early"]] == [hit.ref for hit in expected[:10]], query
