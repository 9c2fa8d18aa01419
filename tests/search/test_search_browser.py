"""The search client in real headless Chromium, on a static page served from 127.0.0.1 (no MkDocs involved)."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

import pytest

from kbgen.search.documents import SearchDocument
from kbgen.search.index import build_language_index
from kbgen.search.languages import language_key
from tests.search.reference_search import search, searchable
from tests.support.search import CONTACT, RESULT, SETTLED, SYNONYMS, XSS_TITLE, Session, pasted_paragraph

pytestmark = pytest.mark.browser
ALLOWED_TAGS = {"A", "MARK", "P", "LI", "SPAN"}


@pytest.fixture
def session(browser: Any, base_url: str) -> Iterator[Session]:
    s = Session(browser, base_url)
    yield s
    assert s.errors == []
    assert s.dialogs == []
    assert s.hosts <= {"127.0.0.1"}
    assert not [m for m in s.console if "Content Security Policy" in m]
    s.close()


@pytest.mark.parametrize(
    ("lang", "query", "url"),
    [
        ("en", "key", "en/account/api-keys/"),
        ("en", "regenerate api keys", "en/account/api-keys/"),
        ("en", "cash advance", "en/expense/cash-advance/"),
        ("tr", "sifre", "tr/account/reset-password/"),
        ("tr", "şifremi unuttum", "tr/account/reset-password/"),
        ("tr", "SIFRE SIFIRLAMA", "tr/account/reset-password/"),
        ("ro", "arhivare proiect", "ro/projects/archive/"),
        ("ro", "proiectele arhivate", "ro/projects/archive/"),
        ("zh", "报销", "zh/expense/receipts/"),
        ("zh", "上传收据", "zh/expense/receipts/"),
    ],
)
def test_typed_query_finds_the_article_in_the_top_three(session: Session, lang: str, query: str, url: str) -> None:
    session.open(lang)
    session.type(query)
    assert url in session.top()


@pytest.mark.parametrize(
    ("lang", "query", "url"),
    [
        ("en", "cash advnace", "en/expense/cash-advance/"),
        ("en", "Regenrate API key", "en/account/api-keys/"),
        ("tr", "şifrenizi sıfırlamma", "tr/account/reset-password/"),
        ("tr", "SİFRENİZİ SIFIRLMA", "tr/account/reset-password/"),
        ("ro", "arhivarea proiectelr", "ro/projects/archive/"),
        ("ro", "arhivare proeict", "ro/projects/archive/"),
    ],
)
def test_a_query_with_a_typo_finds_its_article(session: Session, lang: str, query: str, url: str) -> None:
    session.open(lang)
    session.type(query)
    assert url in session.top()


def test_a_typo_is_forgiven_while_typing(session: Session) -> None:
    session.open("en")
    session.type("cash advnace", enter=False)
    assert "en/expense/cash-advance/" in session.top()


@pytest.mark.parametrize(
    ("lang", "query", "url"),
    [("zh", "上传报销收据", "zh/expense/receipts/"), ("en", "regenerate an api key", "en/account/api-keys/")],
)
def test_a_query_that_is_a_title_puts_that_article_first(session: Session, lang: str, query: str, url: str) -> None:
    session.open(lang)
    session.type(query)
    assert session.top(1) == [url]


@pytest.mark.parametrize(
    ("lang", "query", "url"),
    [("tr", "parola", "tr/account/reset-password/"), ("zh", "小票", "zh/expense/receipts/")],
)
def test_synonyms_find_the_word_the_articles_use(session: Session, lang: str, query: str, url: str) -> None:
    session.open(lang)
    session.type(query)
    assert url in session.top()


def test_results_with_the_same_title_show_their_categories(session: Session) -> None:
    session.open("en")
    session.type("Regenerate an API key")
    session.top()
    same = session.page.locator(RESULT).filter(has=session.page.get_by_text("Regenerate an API key", exact=True))
    assert same.count() == 2
    assert sorted(same.locator(".kb-search__category").all_inner_texts()) == ["Account", "Integrations"]


def test_results_appear_while_typing(session: Session) -> None:
    session.open("en")
    session.type("regenerate ap", enter=False)
    assert "en/account/api-keys/" in session.top()


def test_result_shows_title_category_version_and_highlighted_snippet(session: Session) -> None:
    session.open("en")
    session.type("regenerate key")
    session.top()
    first = session.page.locator(RESULT).first
    assert first.locator(".kb-search__title").inner_text() == "Regenerate an API key"
    assert first.locator(".kb-search__category").inner_text() == "Account"
    assert first.locator(".kb-search__version").all_inner_texts() == ["2024"]
    marks = [m.lower() for m in first.locator(".kb-search__snippet mark").all_inner_texts()]
    assert "key" in marks or "keys" in marks


def test_keyboard_navigation_opens_the_selected_result(session: Session) -> None:
    session.open("en")
    session.type("regenerate key")
    session.top()
    box = session.page.locator("#kb-search-hero-input")
    box.press("ArrowDown")
    first = session.page.locator(RESULT).first.locator("[role=option]")
    assert first.get_attribute("aria-selected") == "true"
    assert box.get_attribute("aria-activedescendant") == first.get_attribute("id")
    with session.page.expect_navigation():
        box.press("Enter")
    assert session.page.url.endswith("/en/account/api-keys/")


def test_version_filter_keeps_only_matching_articles(session: Session) -> None:
    session.open("en")
    session.type("key")
    assert "en/account/api-keys/" in session.top(10)
    versions = [path for path in session.paths if "/immutable/en/r/" in path]
    assert versions == []  # a search without a filter does not fetch the documents' versions
    session.page.select_option("#kb-search-hero-version", "2023")
    session.page.wait_for_selector(SETTLED, state="attached", timeout=10_000)
    hrefs = session.page.eval_on_selector_all(f"{RESULT} a", "els => els.map(e => e.getAttribute('href'))")
    assert hrefs
    assert not any("account/api-keys" in h for h in hrefs)
    assert len([path for path in session.paths if "/immutable/en/r/" in path]) == 1


def test_a_versions_file_that_failed_to_arrive_is_fetched_again(session: Session) -> None:
    """One dropped request must not leave the version filter broken for the rest of the visit."""
    failures: list[str] = []

    def drop_first(route: Any) -> None:
        if not failures:
            failures.append(route.request.url)
            route.abort()
        else:
            route.continue_()

    session.page.route("**/immutable/en/r/*", drop_first)
    session.open("en")
    session.type("key")
    assert "en/account/api-keys/" in session.top(10)
    session.page.select_option("#kb-search-hero-version", "2023")
    session.page.wait_for_function("() => true")
    session.page.select_option("#kb-search-hero-version", "")
    session.page.select_option("#kb-search-hero-version", "2023")
    filtered = """() => {
      const links = Array.from(document.querySelectorAll('.kb-search__result a')).map((a) => a.getAttribute('href'));
      return links.length > 0 && !links.some((h) => h.includes('account/api-keys'));
    }"""
    session.page.wait_for_function(filtered, timeout=10_000)
    assert len(failures) == 1


def test_no_match_offers_suggestions_and_contact_options(session: Session) -> None:
    session.open("en")
    session.type("expnce")  # two edits from "expense": too far to correct a six-letter word, near enough to suggest
    session.page.wait_for_selector(".kb-search__contact a", timeout=10_000)
    contact = session.page.eval_on_selector_all(
        ".kb-search__contact a", "els => els.map(e => [e.textContent, e.getAttribute('href')])"
    )
    assert contact == [list(option) for option in CONTACT]
    suggestions = session.page.locator(".kb-search__suggestion").all_inner_texts()
    assert "expense" in suggestions
    assert session.page.locator(RESULT).count() == 0
    session.page.locator(".kb-search__suggestion", has_text="expense").first.click()
    assert session.top()


def test_unknown_word_with_nothing_close_still_shows_contact(session: Session) -> None:
    session.open("zh")
    session.type("qqqqqqqqqq")
    session.page.wait_for_selector(".kb-search__contact a", timeout=10_000)
    assert session.page.locator(".kb-search__contact a").count() == len(CONTACT)


def test_hostile_title_renders_as_text(session: Session) -> None:
    session.open("en")
    session.type("paste editor")
    session.top()
    titles = session.page.locator(f"{RESULT} .kb-search__title").all_inner_texts()
    assert XSS_TITLE in titles
    assert session.page.locator(".kb-search img, .kb-search script").count() == 0
    assert session.page.evaluate("() => window.__kbxss") is None


@pytest.mark.parametrize(
    "query",
    ["<img src=x onerror=alert(1)>", ":", "^", "~", "*foo*", "title:key^10", "x" * 10_000, "\u0000\ufffd", "🙂🙂"],
)
def test_hostile_queries_are_harmless(session: Session, query: str) -> None:
    session.open("en", query)
    # Arrow functions, not bare expressions: Playwright evals expressions, which the page's CSP forbids.
    session.page.wait_for_function(
        "() => { const s = document.querySelector('.kb-search__status').textContent;"
        " return s !== '' && !s.endsWith('…'); }",
        timeout=10_000,
    )
    tags = session.page.eval_on_selector_all(".kb-search__results *", "els => els.map(e => e.tagName)")
    assert set(tags) <= ALLOWED_TAGS
    assert session.page.evaluate("() => window.__kbxss") is None
    assert session.page.locator(".kb-search img").count() == 0


def test_a_pasted_paragraph_shows_results_and_leaves_the_page_responsive(
    session: Session, articles: list[SearchDocument]
) -> None:
    session.open("en")
    box = session.page.locator("#kb-search-hero-input")
    box.fill(pasted_paragraph(articles))  # all at once, as a paste is
    box.press("Enter")
    assert session.top()  # within top()'s ten seconds
    session.type("cash advance")
    assert session.top(1) == ["en/expense/cash-advance/"]


def test_results_in_other_languages_follow_when_the_readers_language_has_few(session: Session) -> None:
    session.open("tr")
    session.type("Regenerate API")
    top = session.top(10)
    assert "en/account/api-keys/" in top
    assert session.page.locator(".kb-search__group").count() >= 1


# Ranks queries with the shipped worker over its public protocol, as the page does, and keeps the URLs of the
# page language's hits in rank order. Injected by this test only; the page itself carries no such hook.
RANK_IN_WORKER = """async ([lang, queries]) => {
  const worker = new Worker('assets/search/kb-search-worker.js');
  const base = document.baseURI;
  worker.postMessage({ type: 'init', root: new URL('kb-search/', base).href,
                       core: new URL('assets/search/kb-search-core.js', base).href, lang });
  const ranked = [];
  for (const [i, query] of queries.entries()) {
    ranked.push(await new Promise((resolve, reject) => {
      const urls = [];
      worker.onmessage = ({ data }) => {
        if (data.type === 'error') { reject(new Error(data.message)); }
        if (data.id !== i + 1) { return; }
        if (data.type === 'hit' && data.lang === lang) { urls[data.rank] = data.item.url; }
        if (data.type === 'finish') { resolve(urls); }
      };
      worker.postMessage({ type: 'search', id: i + 1, query, complete: true, version: '' });
    }));
  }
  worker.terminate();
  return ranked;
}"""


def _python_ranking(articles: list[SearchDocument], lang: str, queries: list[str]) -> list[list[str]]:
    built = build_language_index([d for d in articles if d.lang == lang], language_key(lang))
    index = searchable(built, SYNONYMS[lang])
    return [[built.documents[h.ref].url for h in search(index, q).hits[:10]] for q in queries]


@pytest.mark.parametrize("lang", ["en", "tr", "ro", "zh"])
def test_chromium_ranks_like_python(session: Session, articles: list[SearchDocument], lang: str) -> None:
    docs = sorted((d for d in articles if d.lang == lang), key=lambda d: d.url)
    queries = [d.title for d in docs[:12]] + [d.summary for d in docs[:6] if d.summary]
    session.open(lang)
    ranked = session.page.evaluate(RANK_IN_WORKER, [lang, queries])
    expected = _python_ranking(articles, lang, queries)
    assert all(expected)
    assert ranked == expected, json.dumps(queries, ensure_ascii=False)
