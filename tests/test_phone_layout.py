"""The sample help center on phones: nothing scrolls sideways, the header keeps its title, results read cleanly."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from tests.support.browsing import PAGES, QUERIES, open_page, overflow

pytestmark = pytest.mark.browser

SMALLEST = {"width": 320, "height": 640}
PHONE = {"width": 390, "height": 844}
CASES = [
    *[(lang, kind, url, None) for lang in PAGES for kind, url in PAGES[lang].items()],
    *[(lang, "search on an article", PAGES[lang]["article"], QUERIES[lang]) for lang in PAGES],
    *[(lang, "search on the home page", PAGES[lang]["home"], QUERIES[lang]) for lang in PAGES],
    ("-", "language chooser", "", None),
    ("-", "404", "404.html", None),
]


@pytest.mark.parametrize(("lang", "kind", "url", "query"), CASES, ids=[f"{c[0]}-{c[1]}" for c in CASES])
@pytest.mark.parametrize("viewport", [SMALLEST, PHONE], ids=["320", "390"])
def test_no_page_scrolls_sideways(
    sample_site: Path, serve: Callable[[Path], str], page: Any, viewport: dict[str, int],
    lang: str, kind: str, url: str, query: str | None,
) -> None:  # fmt: skip
    page.set_viewport_size(viewport)
    open_page(page, serve(sample_site), url, query)
    assert overflow(page) == []


def box(page: Any, selector: str) -> dict[str, float]:
    found = page.locator(selector).first.bounding_box()
    assert found is not None, f"{selector} is not shown"
    return found  # type: ignore[no-any-return]


@pytest.mark.parametrize("lang", ["en", "tr"])
def test_article_header_keeps_a_readable_title_above_the_search_box(
    sample_site: Path, serve: Callable[[Path], str], page: Any, lang: str
) -> None:
    """The search box once squeezed the title between the menu and language buttons to a 3 px sliver."""
    page.set_viewport_size(PHONE)
    open_page(page, serve(sample_site), PAGES[lang]["article"])
    title, search = box(page, ".md-header__title"), box(page, ".kb-search--bar .kb-search__input")
    assert title["width"] >= 150
    assert search["y"] >= title["y"] + title["height"] - 1  # a row of its own
    assert search["width"] >= PHONE["width"] * 0.8
    header = box(page, ".md-header")
    assert search["y"] + search["height"] <= header["y"] + header["height"]


@pytest.mark.parametrize(("url", "query"), [("en/", "invoice"), ("en/billing/download-invoices/", "invoice")])
def test_results_have_no_bullets_and_the_version_filter_sits_in_the_panel(
    sample_site: Path, serve: Callable[[Path], str], page: Any, url: str, query: str
) -> None:
    page.set_viewport_size(PHONE)
    open_page(page, serve(sample_site), url, query)
    styles = page.eval_on_selector_all(
        ".kb-search__results:visible > .kb-search__result",
        "els => els.map(e => [getComputedStyle(e).display, getComputedStyle(e).listStyleType, "
        "getComputedStyle(e).marginLeft, getComputedStyle(e.parentElement).paddingLeft])",
    )
    assert styles and all(s == ["list-item", "none", "0px", "0px"] or s[0] != "list-item" for s in styles), styles
    panel, select = box(page, ".kb-search__panel:visible"), box(page, ".kb-search__version-filter:visible")
    assert panel["y"] <= select["y"] and select["y"] + select["height"] <= panel["y"] + panel["height"]
    assert panel["x"] <= select["x"] and select["x"] + select["width"] <= panel["x"] + panel["width"]
    header = box(page, ".md-header")
    assert select["y"] >= header["y"] + header["height"] or url == "en/"  # below the header, never over it
    label = page.locator(".kb-search__filter-label:visible").first
    assert label.inner_text() == "Product version"
