"""Served from its own site_url, the help center's hreflang links do not trip material's multi-site script."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

import pytest

from kbgen.publishing.site_build import build_site
from kbgen.translations.source_hash import source_hash
from tests.support.project import SAMPLE_TODAY, Site, article

pytestmark = pytest.mark.browser
SETTLED = '.kb-search__results[aria-busy="false"] .kb-search__result'


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory, serve: Callable[[Path], str]) -> str:
    """A small site built with site_url set to the very address it is served from, as in production."""
    site = Site(tmp_path_factory.mktemp("served") / "project")
    site.site_dir.mkdir()
    base = serve(site.site_dir)
    with site.config_file.open("a", encoding="utf-8") as config:
        config.write(f"site_url: {base}\n")
    site.write("en/billing/invoices.md", article(title="Download invoices", body="Every invoice is a PDF.\n"))
    up_to_date = f"source_hash: {source_hash('Every invoice is a PDF.')}\n"
    site.write(
        "tr/billing/invoices.md", article(title="Faturaları indirme", body="Her fatura bir PDF.\n", extra=up_to_date)
    )
    site.write("tr/billing/refunds.md", article(title="Para iadesi", body="Fatura iadesi için yazın.\n"))
    site.write("en/account/delete.md", article(title="Delete your account", body="Open Settings.\n"))
    build_site(site.config_file, None, SAMPLE_TODAY, strict=True)
    return base


@pytest.fixture
def watched(page: Any) -> dict[str, list[str]]:
    """Every request the page makes, and every response that is not a success."""
    seen: dict[str, list[str]] = {"requests": [], "failed": []}
    page.on("request", lambda r: seen["requests"].append(r.url))
    page.on("response", lambda r: seen["failed"].append(f"{r.status} {r.url}") if r.status >= 400 else None)
    return seen


def search_and_open(page: Any, query: str, title: str) -> None:
    page.locator("form[data-kb-search] input[type=search]:visible").first.fill(query)
    page.wait_for_selector(SETTLED, timeout=15_000)
    with page.expect_navigation():
        page.locator(".kb-search__link", has_text=title).first.click()


def test_the_head_links_every_translation_absolutely(served: str, page: Any) -> None:
    page.goto(served + "tr/billing/invoices/")
    links = page.eval_on_selector_all(
        "link[hreflang]", "els => els.map(e => [e.relList.contains('alternate'), e.hreflang, e.href])"
    )
    assert links == [
        [True, "en", served + "en/billing/invoices/"],
        [True, "tr", served + "tr/billing/invoices/"],
        [True, "x-default", served + "en/billing/invoices/"],
    ]


def test_a_result_on_the_language_chooser_opens_the_article(served: str, page: Any, watched: Any) -> None:
    """material once sent every click below an alternate's address to that address: here, the English home."""
    page.goto(served)
    search_and_open(page, "invoice", "Download invoices")
    assert page.url == served + "en/billing/invoices/"
    assert watched["failed"] == []


def test_a_result_in_another_language_opens_that_article(served: str, page: Any, watched: Any) -> None:
    page.goto(served + "en/")
    search_and_open(page, "iadesi", "Para iadesi")
    assert page.url == served + "tr/billing/refunds/"
    assert watched["failed"] == []


def test_the_language_menu_opens_the_same_article_translated(served: str, page: Any, watched: Any) -> None:
    page.goto(served + "en/billing/invoices/")
    page.locator(".md-header__option .md-select").hover()
    with page.expect_navigation():
        page.locator(".md-select__link", has_text="Türkçe").click()
    assert page.url == served + "tr/billing/invoices/"
    assert watched["failed"] == []
    fetched = {urlparse(url).path for url in watched["requests"]}
    assert not {path for path in fetched if path.endswith("sitemap.xml") and path != "/sitemap.xml"}
