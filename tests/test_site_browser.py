"""The sample help center as a customer sees it, in real headless Chromium."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

pytestmark = pytest.mark.browser

PHONE = {"width": 390, "height": 844}


def test_home_on_a_phone_shows_every_category_as_a_card(
    sample_site: Path, serve: Callable[[Path], str], page: Any
) -> None:
    base = serve(sample_site)
    page.set_viewport_size(PHONE)
    page.goto(base + "en/")
    cards = page.locator(".kb-card")
    assert cards.count() == 5
    for index in range(cards.count()):
        assert cards.nth(index).is_visible()
    box = cards.first.bounding_box()
    assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= PHONE["width"]


def test_browse_from_home_to_category_to_article(sample_site: Path, serve: Callable[[Path], str], page: Any) -> None:
    page.goto(serve(sample_site) + "en/")
    page.locator(".kb-card__link", has_text="Billing and plans").click()
    page.wait_for_url("**/en/billing/")
    page.locator(".kb-list__title", has_text="Download invoices").click()
    page.wait_for_url("**/en/billing/download-invoices/")
    assert page.locator("h1").first.inner_text() == "Download invoices"
    assert page.locator("time.kb-meta__reviewed").get_attribute("datetime")


def test_language_switcher_lands_on_the_same_article_translated(
    sample_site: Path, serve: Callable[[Path], str], page: Any
) -> None:
    page.goto(serve(sample_site) + "en/account/reset-your-password/")
    assert page.locator("html").get_attribute("lang") == "en"
    page.locator(".md-header__option .md-select").hover()
    page.locator(".md-select__link", has_text="Română").click()
    page.wait_for_url("**/ro/account/reset-your-password/")
    assert page.locator("html").get_attribute("lang") == "ro"
    assert "Se aplică versiunii" in page.locator(".kb-meta").inner_text()


def test_root_page_offers_every_language(sample_site: Path, serve: Callable[[Path], str], browser: Any) -> None:
    # a browser in none of the site's languages stays on the chooser (one in en-US is sent on to en/)
    context = browser.new_context(locale="ja-JP")
    page = context.new_page()
    page.goto(serve(sample_site))
    names = page.locator(".kb-card__title").all_inner_texts()
    context.close()
    assert names == ["English", "Română", "Türkçe", "中文"]
