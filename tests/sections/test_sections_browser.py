"""A nested page of the sample help center in real headless Chromium, on a desktop and on a phone."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

pytestmark = pytest.mark.browser

DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 390, "height": 844}
ARTICLE = "en/billing/invoices/tax/add-your-vat-id/"
TRAIL = ["Home", "Billing and plans", "Invoices and receipts", "Tax and VAT", "Add your VAT ID"]


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["desktop", "phone"])
def test_nested_article_shows_its_whole_trail_on_screen(
    sample_site: Path, serve: Callable[[Path], str], page: Any, viewport: dict[str, int]
) -> None:
    page.set_viewport_size(viewport)
    page.goto(serve(sample_site) + ARTICLE)
    crumbs = page.locator(".kb-breadcrumbs__item")
    assert crumbs.all_inner_texts() == TRAIL
    for index in range(crumbs.count()):
        item = crumbs.nth(index)
        assert item.is_visible()
        box = item.bounding_box()
        assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= viewport["width"], TRAIL[index]
    trail = page.locator("nav.kb-breadcrumbs").bounding_box()
    heading = page.locator("article h1").first.bounding_box()
    assert trail is not None and heading is not None and trail["y"] < heading["y"]  # above the title
    items = page.evaluate(
        "() => JSON.parse(document.querySelector('script[type=\"application/ld+json\"]').textContent)"
        ".itemListElement.map(i => [i.position, i.name, new URL(i.item, document.baseURI).pathname])"
    )
    assert [name for _, name, _ in items] == TRAIL
    assert [position for position, _, _ in items] == [1, 2, 3, 4, 5]
    assert items[-1][2] == "/" + ARTICLE and items[2][2] == "/en/billing/invoices/"


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["desktop", "phone"])
def test_section_page_lists_subsections_then_articles(
    sample_site: Path, serve: Callable[[Path], str], page: Any, viewport: dict[str, int]
) -> None:
    page.set_viewport_size(viewport)
    page.goto(serve(sample_site) + ARTICLE)
    page.locator(".kb-breadcrumbs__link", has_text="Invoices and receipts").click()
    page.wait_for_url("**/en/billing/invoices/")
    assert page.locator(".kb-breadcrumbs__item").all_inner_texts() == TRAIL[:3]
    section = page.locator(".kb-sections .kb-card").first
    assert section.locator(".kb-card__title").inner_text() == "Tax and VAT"
    assert section.locator(".kb-card__count").inner_text() == "2 articles"
    articles = page.locator(".kb-list__title")
    assert articles.all_inner_texts()[0] == "Read your invoice"  # order: 1
    card, first_article = section.bounding_box(), articles.first.bounding_box()
    assert card is not None and first_article is not None
    assert card["y"] + card["height"] <= first_article["y"]  # subsections first, then articles
    assert card["x"] >= 0 and card["x"] + card["width"] <= viewport["width"]
    section.locator("a").click()
    page.wait_for_url("**/en/billing/invoices/tax/")
    assert page.locator(".kb-list__title").all_inner_texts() == ["Add your VAT ID", "Tax-exempt organisations"]
