"""The sample help center in headless Chromium, on a phone (390 px) and a desktop (1280 px), in all four languages.

Screenshots of the home, a section, an article and search results (English and Turkish, both widths) are saved
under tests/artifacts/screenshots/ for people to look at; the assertions do not depend on them.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from kbgen.render.i18n import STRINGS
from tests.help_center.chrome_text import foreign
from tests.help_center.conftest import FeedbackEndpoint
from tests.support.project import REPO
from tests.support.waiting import wait_until

pytestmark = pytest.mark.browser

LANGS = ("en", "tr", "ro", "zh")
WIDTHS = (390, 1280)
SCREENSHOTS = REPO / "tests" / "artifacts" / "screenshots"
ARTICLE = "account/reset-your-password/"  # in every language, with no related section written by hand
SECTION = "billing/"
NO_MATCH = "zqxjkvwpq"  # a query nothing in the sample is close to, so only the contact options answer

# The parts of a page that are kbgen's or material's, not the writer's: everything in them must be the page's.
CHROME = (
    ".md-header, .md-tabs, .md-footer, .md-sidebar, .kb-home, .kb-breadcrumbs, .kb-meta, .kb-feedback, "
    ".kb-related, .kb-contact, .kb-not-found, .kb-search"
)
VISIBLE_STRINGS = """(selector) => {
  const seen = (el) => {
    if (!el.checkVisibility({ checkOpacity: true, checkVisibilityCSS: true })) { return false; }
    const box = el.getBoundingClientRect();
    return box.width > 0 && box.height > 0 && box.right > 0 && box.left < window.innerWidth;
  };
  const found = new Set();
  for (const root of document.querySelectorAll(selector)) {
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    while (walker.nextNode()) {
      const text = walker.currentNode.textContent.trim();
      if (text && seen(walker.currentNode.parentElement)) { found.add(text); }
    }
    for (const el of [root, ...root.querySelectorAll('[placeholder], [title], [aria-label]')]) {
      if (!seen(el)) { continue; }
      for (const name of ['placeholder', 'title', 'aria-label']) {
        const value = (el.getAttribute(name) || '').trim();
        if (value) { found.add(value); }
      }
    }
  }
  return [...found];
}"""


@pytest.fixture
def context_for(browser: Any) -> Iterator[Any]:
    """New browser contexts (viewport, locale, colour scheme, scripts) that fail the test on a script error."""
    made: list[tuple[Any, list[str]]] = []

    def make(width: int = 1280, **options: Any) -> Any:
        context = browser.new_context(viewport={"width": width, "height": 900}, **options)
        errors: list[str] = []
        context.on("weberror", lambda error: errors.append(str(error.error)))
        made.append((context, errors))
        return context

    yield make
    for context, errors in made:
        context.close()
        assert not errors, f"uncaught page errors: {errors}"


def visible_strings(page: Any) -> list[str]:
    return list(page.evaluate(VISIBLE_STRINGS, CHROME))


def search(page: Any, query: str) -> None:
    box = page.locator("input.kb-search__input:visible").first
    box.fill(query)
    page.wait_for_selector(".kb-search__panel:not([hidden]) .kb-search__status:not(:empty)", timeout=15_000)


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("lang", LANGS)
def test_every_visible_string_of_the_chrome_is_in_the_pages_language(
    help_url: str, context_for: Any, lang: str, width: int
) -> None:
    page = context_for(width, locale=lang).new_page()
    problems: dict[str, list[str]] = {}
    checked = 0
    for path in (f"{lang}/", f"{lang}/{SECTION}", f"{lang}/{ARTICLE}", f"{lang}/no-such-page/"):
        page.goto(help_url + path)
        page.wait_for_load_state("load")
        if path.endswith(ARTICLE):
            page.locator(".kb-feedback__choice").first.click()  # shows the comment field and the send button
        if path.endswith(SECTION):
            search(page, NO_MATCH)  # the no-match message and the contact options
            page.wait_for_selector(".kb-search__contact a", timeout=15_000)
        strings = visible_strings(page)
        checked += len(strings)
        if wrong := foreign(strings, lang):
            problems[path] = wrong
    assert checked > 60  # the walk saw the chrome, not an empty page
    assert problems == {}


def test_the_no_match_search_offers_the_contact_options_in_turkish(help_url: str, context_for: Any) -> None:
    page = context_for(390).new_page()
    page.goto(help_url + f"tr/{SECTION}")
    search(page, NO_MATCH)
    page.wait_for_selector(".kb-search__contact a", timeout=15_000)
    links = page.eval_on_selector_all(".kb-search__contact a", "els => els.map(e => e.textContent)")
    assert links == ["Destek ekibine yazın", "Topluluğa sorun"]
    assert page.locator(".kb-search__contact-title").inner_text() == STRINGS["tr"]["search_contact"]


@pytest.mark.parametrize(("helpful", "comment"), [(True, "Çok açık, teşekkürler"), (False, "")])
def test_feedback_posts_one_json_record_to_the_endpoint(
    help_url: str, context_for: Any, feedback_endpoint: FeedbackEndpoint, helpful: bool, comment: str
) -> None:
    page = context_for(390, locale="tr").new_page()
    page.goto(help_url + f"tr/{ARTICLE}")
    widget = page.locator(".kb-feedback")
    assert widget.is_visible()
    before = len(feedback_endpoint.received)
    widget.get_by_role("button", name=STRINGS["tr"]["feedback_yes" if helpful else "feedback_no"]).click()
    page.locator(".kb-feedback__comment").fill(comment)
    page.locator(".kb-feedback__send").click()
    page.locator(".kb-feedback__thanks").wait_for(state="visible", timeout=10_000)
    assert page.locator(".kb-feedback__thanks").inner_text() == STRINGS["tr"]["feedback_thanks"]
    assert not page.locator(".kb-feedback__form").is_visible()
    wait_until(lambda: len(feedback_endpoint.received) == before + 1, "the feedback POST")
    (record,) = feedback_endpoint.received[before:]
    assert record == {
        "path": "/feedback",
        "type": "application/json",
        "body": {"url": f"tr/{ARTICLE}", "lang": "tr", "helpful": helpful, "comment": comment},
    }


def test_feedback_the_endpoint_refuses_shows_an_error_and_can_be_sent_again(
    help_url: str, context_for: Any, feedback_endpoint: FeedbackEndpoint
) -> None:
    page = context_for(1280).new_page()
    page.goto(help_url + f"ro/{ARTICLE}")
    page.get_by_role("button", name=STRINGS["ro"]["feedback_no"]).click()
    feedback_endpoint.status = 500
    try:
        page.locator(".kb-feedback__send").click()
        page.locator(".kb-feedback__error").wait_for(state="visible", timeout=10_000)
        assert page.locator(".kb-feedback__error").inner_text() == STRINGS["ro"]["feedback_error"]
        assert page.locator(".kb-feedback__send").is_enabled() and not page.locator(".kb-feedback__thanks").is_visible()
    finally:
        feedback_endpoint.status = 204
    page.locator(".kb-feedback__send").click()
    page.locator(".kb-feedback__thanks").wait_for(state="visible", timeout=10_000)
    assert not page.locator(".kb-feedback__error").is_visible()


@pytest.mark.parametrize("lang", LANGS)
def test_an_article_lists_related_articles_and_how_to_reach_support(help_url: str, context_for: Any, lang: str) -> None:
    page = context_for(390).new_page()
    page.goto(help_url + f"{lang}/{ARTICLE}")
    related = page.locator(".kb-related__item a")
    assert related.count() >= 1 and related.first.is_visible()
    assert page.locator(".kb-related__title").inner_text() == STRINGS[lang]["related"]
    here = page.url
    related.first.click()
    page.wait_for_load_state("load")
    assert page.url != here and f"/{lang}/" in page.url
    assert page.locator(".kb-contact--article .kb-contact__link").count() == 2


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("path", ["tr/", f"en/{ARTICLE}", "zh/404.html"])
def test_dark_mode_follows_the_system_preference(help_url: str, context_for: Any, path: str, width: int) -> None:
    colours = {}
    for scheme in ("light", "dark"):
        page = context_for(width, color_scheme=scheme).new_page()
        page.goto(help_url + path)
        page.wait_for_function("document.body.getAttribute('data-md-color-scheme') !== null")
        colours[scheme] = page.evaluate(
            "() => [document.body.dataset.mdColorScheme, getComputedStyle(document.body).backgroundColor,"
            " getComputedStyle(document.querySelector('.md-typeset')).color]"
        )
    assert colours["light"][:2] == ["default", "rgb(255, 255, 255)"]
    scheme, background, text = colours["dark"]
    assert scheme == "slate"
    red, green, blue = (int(part) for part in background[4:-1].split(",")[:3])
    assert max(red, green, blue) < 60  # a dark background, with light text on it
    assert min(int(float(part)) for part in text[text.index("(") + 1 : -1].split(",")[:3]) > 180


@pytest.mark.parametrize(
    ("locale", "lands_on"), [("tr-TR", "tr/"), ("ro", "ro/"), ("zh-CN", "zh/"), ("en-GB", "en/"), ("de-DE", "")]
)
def test_the_root_opens_the_readers_language(help_url: str, context_for: Any, locale: str, lands_on: str) -> None:
    page = context_for(390, locale=locale).new_page()
    page.goto(help_url)
    if lands_on:
        page.wait_for_url(help_url + lands_on)
        assert page.locator("html").get_attribute("lang") == lands_on.rstrip("/")
    else:  # none of the site's languages: the chooser stays
        page.wait_for_load_state("load")
        assert page.url == help_url
        names = page.locator(".kb-languages .kb-card__title").all_inner_texts()
        assert names == ["English", "Română", "Türkçe", "中文"]


def test_without_scripts_the_root_is_a_chooser_naming_each_language_in_itself(help_url: str, context_for: Any) -> None:
    page = context_for(1280, locale="tr-TR", java_script_enabled=False).new_page()
    page.goto(help_url)
    assert page.url == help_url
    assert page.locator("h1").inner_text() == "Tessera Help Center"  # the site's name, not "Home"
    cards = page.locator(".kb-languages .kb-card__link")
    named = [(card.get_attribute("lang"), card.locator(".kb-card__title").inner_text()) for card in cards.all()]
    assert named == [("en", "English"), ("ro", "Română"), ("tr", "Türkçe"), ("zh", "中文")]
    assert "Tessera Yardım Merkezi" in cards.nth(2).inner_text()


@pytest.mark.parametrize("width", WIDTHS)
def test_a_missing_turkish_page_answers_in_turkish_with_search_and_contact(
    help_url: str, context_for: Any, width: int
) -> None:
    page = context_for(width, locale="en-US").new_page()
    page.goto(help_url + "tr/faturalar/eski-adres/")
    page.wait_for_url(help_url + "tr/404.html")
    assert page.locator("html").get_attribute("lang") == "tr"
    assert page.locator("h1").inner_text() == STRINGS["tr"]["not_found_title"]
    assert page.title() == f"{STRINGS['tr']['not_found_title']} - Tessera Yardım Merkezi"
    search(page, "fatura")
    page.wait_for_selector(".kb-search__result", timeout=15_000)
    assert "/tr/" in (page.locator(".kb-search__result a").first.get_attribute("href") or "")
    contact = page.locator(".kb-contact .kb-contact__link").all_inner_texts()
    assert contact == ["Destek ekibine yazın", "Topluluğa sorun"]
    page.locator(".kb-not-found .md-button", has_text=STRINGS["tr"]["not_found_home"]).click()
    page.wait_for_url(help_url + "tr/")


def test_a_missing_address_outside_any_language_follows_the_browser(help_url: str, context_for: Any) -> None:
    page = context_for(390, locale="ro-RO").new_page()
    page.goto(help_url + "old/link.html")
    page.wait_for_url(help_url + "ro/404.html")
    assert page.locator("h1").inner_text() == STRINGS["ro"]["not_found_title"]


def test_without_scripts_the_site_wide_404_speaks_every_language(help_url: str, context_for: Any) -> None:
    page = context_for(390, java_script_enabled=False).new_page()
    response = page.goto(help_url + "tr/no-such-page/")
    assert response is not None and response.status == 404
    sections = page.locator(".kb-not-found__language")
    assert [section.get_attribute("lang") for section in sections.all()] == ["en", "ro", "tr", "zh"]
    assert STRINGS["tr"]["not_found_home"] in sections.nth(2).inner_text()


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("lang", ["en", "tr"])
def test_screenshots_of_home_section_article_and_search(help_url: str, context_for: Any, lang: str, width: int) -> None:
    """Saved for people to review the design; the test checks each page rendered and the files exist."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page = context_for(width, locale=lang).new_page()
    saved: list[Path] = []
    for name, path in (("home", f"{lang}/"), ("section", f"{lang}/{SECTION}"), ("article", f"{lang}/{ARTICLE}")):
        page.goto(help_url + path)
        page.wait_for_load_state("load")
        assert page.locator("h1").first.is_visible()
        saved.append(SCREENSHOTS / f"{lang}-{name}-{width}.png")
        page.screenshot(path=str(saved[-1]), full_page=True)
    page.goto(help_url + f"{lang}/")
    search(page, {"en": "invoice", "tr": "fatura"}[lang])
    page.wait_for_selector(".kb-search__result", timeout=15_000)
    saved.append(SCREENSHOTS / f"{lang}-search-{width}.png")
    page.screenshot(path=str(saved[-1]), full_page=False)
    assert all(path.stat().st_size > 10_000 for path in saved)
