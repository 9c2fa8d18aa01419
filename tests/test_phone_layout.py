"""The sample help center on phones: nothing scrolls sideways, the header keeps its title, results read cleanly."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from tests.support.browsing import PAGES, QUERIES, clipped_text, open_page, overflow
from tests.support.rich_article import URL as RICH

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


# The rich article (tests/rich_article/): tabs holding long code lines, notes, a nine-column table, a card grid.
NARROW = {"width": 375, "height": 812}
TABS = [["Windows", "macOS", "Linux"], ["Intune", "Group Policy", "Jamf Pro", "Configuration Manager", "Ansible"]]


def scrolls_inside(page: Any, selector: str) -> list[str]:
    """Each visible element matching `selector` that is wider than its content box yet ends inside the viewport:
    it scrolls in place. Returns the ones that do not (wider than the page, or cut off instead of scrolling)."""
    return page.eval_on_selector_all(  # type: ignore[no-any-return]
        selector,
        """(els) => els.filter((e) => e.offsetParent !== null).flatMap((e) => {
          const style = getComputedStyle(e);
          const right = e.getBoundingClientRect().right;
          const scrolls = ['auto', 'scroll'].includes(style.overflowX) && e.scrollWidth > e.clientWidth;
          return scrolls && right <= document.documentElement.clientWidth ? []
            : [`${e.tagName.toLowerCase()}.${e.className}: overflow-x ${style.overflowX}, ${e.scrollWidth} wide in ${
               e.clientWidth}, ends at ${right}`];
        })""",
    )


@pytest.mark.parametrize("scripts", [True, False], ids=["scripts", "no scripts"])
@pytest.mark.parametrize("viewport", [SMALLEST, NARROW], ids=["320", "375"])
def test_rich_article_never_scrolls_sideways_whichever_tab_is_open(
    rich_site: Path, serve: Callable[[Path], str], browser: Any, viewport: dict[str, int], scripts: bool
) -> None:
    context = browser.new_context(java_script_enabled=scripts, viewport=viewport)
    page = context.new_page()
    try:
        page.goto(serve(rich_site) + RICH)
        for summary in page.locator("article details:not([open]) > summary").all():
            summary.click()
        for row, names in enumerate(TABS):
            tab_set = page.locator(".tabbed-set").nth(row)
            for index, name in enumerate(names):
                tab = tab_set.locator(".tabbed-labels > label").nth(index)
                box = tab.bounding_box()
                assert box is not None and box["height"] >= 24 and box["width"] >= 24, (name, box)  # WCAG 2.5.8
                tab.click()
                assert tab_set.locator(".tabbed-block").nth(index).is_visible(), f"{name} does not show its panel"
                assert overflow(page) == [], name
                assert clipped_text(page) == [], name
                code = "article .tabbed-block:visible pre > code"
                if page.locator(code).count():  # a long command scrolls in its own box, never widening the page
                    assert scrolls_inside(page, code) == [], name
        table = "article .md-typeset__scrollwrap" if scripts else "article table:not([class])"
        assert page.locator(table).count() == 1
        assert scrolls_inside(page, table) == []
    finally:
        context.close()


def test_tab_labels_are_whole_words_on_the_smallest_phone(
    rich_site: Path, serve: Callable[[Path], str], page: Any
) -> None:
    page.set_viewport_size(SMALLEST)
    page.goto(serve(rich_site) + RICH)
    labels = page.locator(".tabbed-labels > label")
    assert labels.all_inner_texts() == [name for names in TABS for name in names]
    for label in labels.all():
        assert label.evaluate("e => e.scrollWidth <= e.clientWidth"), label.inner_text()


LABEL_ON_SCREEN = """(label) => { const box = label.getBoundingClientRect();
  return box.left >= 0 && box.right <= document.documentElement.clientWidth + 0.5; }"""


@pytest.mark.parametrize("scripts", [True, False], ids=["scripts", "no scripts"])
def test_the_chosen_tab_of_a_long_row_is_on_screen(
    rich_site: Path, serve: Callable[[Path], str], browser: Any, scripts: bool
) -> None:
    """Five tabs do not fit a 320 px phone. Material's script scrolls the row to the chosen one; without scripts
    the row stood still, so a tab chosen with the arrow keys showed its panel under a label nobody could see."""
    context = browser.new_context(java_script_enabled=scripts, viewport=SMALLEST)
    page = context.new_page()
    try:
        page.goto(serve(rich_site) + RICH)
        row = page.locator(".tabbed-set").nth(1)
        labels = row.locator(".tabbed-labels > label")
        assert labels.count() == 5
        page.focus("#__tabbed_2_1")
        for _ in range(4):
            page.keyboard.press("ArrowRight")
        assert row.locator(".tabbed-block").last.is_visible()
        page.wait_for_function(LABEL_ON_SCREEN, arg=labels.last.element_handle(), timeout=3000)  # scrolled to it
        if not scripts:  # nothing scrolls the row: every label shows whole, on as many lines as it takes
            assert [label.evaluate(LABEL_ON_SCREEN) for label in labels.all()] == [True] * 5
        assert overflow(page) == []
    finally:
        context.close()
