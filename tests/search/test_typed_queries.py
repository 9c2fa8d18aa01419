"""A query whose last word is still being typed finds the article meant first, in the Python reference and in
the browser core alike, and in Chromium: a word begun is read as the words it likeliest becomes, in Han text too,
and one that may yet become a stop word is not required.

The articles are short paraphrases of d365-project-operations titles (Microsoft Learn, CC BY 4.0, see
tests/search/fixtures/articles.json for the attribution), each with rivals that the half-typed word also starts.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from kbgen.search.folders import PREFIX
from kbgen.search.index import build_language_index
from tests.search.reference_search import search, searchable
from tests.support.search import Session, query_doc, run_node, write_search_site

ARTICLES = (
    # ``wit`` may yet become ``with``, a stop word no index holds: the title that says it is not left out for that
    query_doc(
        "en", "contract-workers", "Staffing a project with contract workers", "Book contract workers as resources."
    ),
    query_doc("en", "staffing", "Staffing overview", "Withdraw a project booking when plans change."),
    # ``proj`` is far likelier ``proje``, the word most articles use, than the rare ``projektör`` and
    # ``projeksiyon`` a rival holds both of (lunr's wildcard weighed each completion as a whole word, the rarest,
    # of the highest idf, the most)
    query_doc("tr", "budgets", "Proje bütçelerini ayarlama", "Proje bütçesi projenin maliyetini sınırlar."),
    query_doc(
        "tr", "display", "Projektör projeksiyonunu ayarlama", "Projektörü bağlayın; projeksiyon ekranı yansıtır."
    ),
    query_doc("tr", "estimates", "Proje tahminleri", "Proje başlamadan önce projeyi tahmin edin."),
    query_doc("tr", "contracts", "Proje sözleşmeleri", "Proje sözleşmesi projenin müşterisine fatura keser."),
    # a Chinese reader types a word a character at a time: ``创建价`` has begun 价目表, not 项目 or 部门
    query_doc("zh", "price-lists", "创建价目表", "价目表包含角色和类别的价格。"),
    query_doc("zh", "projects", "创建项目", "创建项目后添加任务和团队成员。"),
    query_doc("zh", "departments", "创建部门", "部门拥有资源和项目。"),
    query_doc("zh", "budgets", "设置项目预算", "预算限制项目的成本。"),
    query_doc("zh", "settings", "项目设置", "设置项目参数和默认值。"),
)

# half-typed query -> the article it must find first
CASES = {
    "en": [("staffing a project wit", "en/contract-workers/")],
    "tr": [("ayarlama proj", "tr/budgets/")],
    "zh": [("创建价", "zh/price-lists/"), ("设置项目预", "zh/budgets/")],
}
# whole titles typed, no space after: the article they name stays first
WHOLE = {lang: [(doc.title, doc.url) for doc in ARTICLES if doc.lang == lang] for lang in CASES}


@pytest.fixture(scope="module")
def pages(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The search files, the client and one test page per language."""
    return write_search_site(tmp_path_factory.mktemp("typed-queries"), list(ARTICLES), tuple(CASES))


@pytest.fixture(scope="module")
def site(pages: Path) -> Path:
    return pages / PREFIX


@pytest.mark.parametrize("lang", sorted(CASES))
def test_a_half_typed_query_finds_its_article_first(lang: str) -> None:
    built = build_language_index([doc for doc in ARTICLES if doc.lang == lang], lang)
    index = searchable(built)
    for query, url in CASES[lang] + WHOLE[lang]:
        hits = search(index, query, complete=False).hits
        assert hits, query
        assert built.documents[hits[0].ref].url == url, query


@pytest.mark.parametrize("lang", sorted(CASES))
def test_the_browser_core_finds_it_first_too(site: Path, lang: str) -> None:
    built = build_language_index([doc for doc in ARTICLES if doc.lang == lang], lang)
    index = searchable(built)
    cases = CASES[lang] + WHOLE[lang]
    tasks = [{"op": "search", "lang": lang, "queries": [{"query": q, "complete": False} for q, _ in cases]}]
    [answers] = run_node(site, tasks)
    for (query, url), answer in zip(cases, answers, strict=True):
        js: list[Any] = [(ref, tuple(terms)) for ref, _, terms in answer["hits"]]
        assert js == [(hit.ref, hit.terms) for hit in search(index, query, complete=False).hits], query
        assert built.documents[js[0][0]].url == url, query


@pytest.fixture
def session(browser: Any, serve: Callable[[Path], str], pages: Path) -> Iterator[Session]:
    s = Session(browser, serve(pages))
    yield s
    assert s.errors == []
    assert s.hosts <= {"127.0.0.1"}
    s.close()


@pytest.mark.browser
@pytest.mark.parametrize(("lang", "query", "url"), [(lang, q, url) for lang in sorted(CASES) for q, url in CASES[lang]])
def test_chromium_shows_it_first_while_typing(session: Session, lang: str, query: str, url: str) -> None:
    session.open(lang)
    session.type(query, enter=False)
    assert session.top(1) == [url]
