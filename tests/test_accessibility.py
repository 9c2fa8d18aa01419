"""Every kind of page passes axe-core (no serious or critical violations) and shows where keyboard focus is."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest

from tests.support.browsing import AXE, PAGES, QUERIES, announced, axe_violations, open_page
from tests.support.rich_article import URL as RICH
from tests.support.site_audit import html_problems

pytestmark = pytest.mark.browser

DESKTOP = {"width": 1280, "height": 900}  # wide enough for material's tabs and sidebars
PHONE = {"width": 390, "height": 844}
STALE = "en/integrations/google-calendar-sync/"  # overdue on the sample's pinned today: shows the reader notice

CASES = [
    *[(lang, kind, url, None) for lang in ("en", "tr") for kind, url in PAGES[lang].items()],
    *[(lang, "search", PAGES[lang]["article"], QUERIES[lang]) for lang in ("en", "tr", "zh")],
    ("en", "home search", "en/", "invoice"),
    *[(lang, kind, PAGES[lang][kind], None) for lang in ("ro", "zh") for kind in ("home", "article")],
    ("en", "stale article", STALE, None),
    ("-", "language chooser", "", None),
    ("-", "404", "404.html", None),
]


def test_axe_core_is_installed() -> None:
    assert AXE.is_file(), "run `npm ci` (package.json pins axe-core)"


@pytest.mark.parametrize(("lang", "kind", "url", "query"), CASES, ids=[f"{c[0]}-{c[1]}" for c in CASES])
@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["desktop", "phone"])
def test_no_serious_accessibility_violations(
    sample_site: Path, serve: Callable[[Path], str], page: Any, viewport: dict[str, int],
    lang: str, kind: str, url: str, query: str | None,
) -> None:  # fmt: skip
    page.set_viewport_size(viewport)
    open_page(page, serve(sample_site), url, query)
    if kind == "stale article":
        assert page.locator(".kb-notice").is_visible()
    violations = axe_violations(page)
    assert violations == [], "\n".join(violations)


def focus_problems(page: Any) -> list[str]:
    """Each visible control that, focused from the keyboard, shows neither an outline nor a box shadow."""
    return page.evaluate(  # type: ignore[no-any-return]
        """() => {
          const controls = Array.from(document.querySelectorAll(
            'a[href], button, input:not([type=hidden]), select, summary, [tabindex]:not([tabindex="-1"])'));
          const problems = [];
          for (const el of controls) {
            const box = el.getBoundingClientRect();
            if (!box.width || !box.height || getComputedStyle(el).visibility === 'hidden') { continue; }
            el.focus();
            if (document.activeElement !== el) { continue; }
            const style = getComputedStyle(el);
            const outline = style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 1;
            if (!outline && style.boxShadow === 'none') {
              const text = (el.textContent || '').trim().slice(0, 30);
              problems.push(`${el.tagName.toLowerCase()}.${el.className} ${text}`);
            }
          }
          return problems;
        }"""
    )


@pytest.mark.parametrize("url", ["en/", "en/billing/download-invoices/", "tr/billing/"])
def test_every_control_shows_keyboard_focus(
    sample_site: Path, serve: Callable[[Path], str], page: Any, url: str
) -> None:
    page.set_viewport_size(DESKTOP)
    page.goto(serve(sample_site) + url)
    page.keyboard.press("Tab")  # keyboard modality: script focus now matches :focus-visible as a Tab would
    problems = focus_problems(page)
    assert problems == [], "\n".join(problems)


def test_language_menu_items_get_an_outline_not_only_a_colour(
    sample_site: Path, serve: Callable[[Path], str], page: Any
) -> None:
    page.set_viewport_size(DESKTOP)
    page.goto(serve(sample_site) + "en/billing/download-invoices/")
    page.keyboard.press("Tab")
    item = page.locator(".md-select__link", has_text="Türkçe")
    item.focus()
    style = item.evaluate("e => { const s = getComputedStyle(e); return [s.outlineStyle, s.outlineWidth]; }")
    assert style[0] == "solid" and float(style[1].removesuffix("px")) >= 1.5, style
    assert item.is_visible()  # the menu opens for keyboard focus (focus-within), so the outline is seen


# The rich article (tests/rich_article/): tabs, collapsible notes, a task list, icons, a wide table, titled code.
SMALLEST = {"width": 320, "height": 640}
NARROW = {"width": 375, "height": 812}
TASKS = [
    ("You have a Tessera account", "true"),
    ("Your computer runs Windows 10, macOS 13 or a current Linux", "true"),
    ("Your admin has turned on desktop sign-in", "false"),
]


def show_everything(page: Any) -> None:
    """The reader's other states: the last tab of each set chosen and every collapsible note opened."""
    for labels in page.locator(".tabbed-labels").all():
        labels.locator("label").last.click()
    for summary in page.locator("article details:not([open]) > summary").all():
        summary.click()


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("opened", [False, True], ids=["as loaded", "last tab and notes open"])
@pytest.mark.parametrize("viewport", [DESKTOP, NARROW, SMALLEST], ids=["desktop", "375", "320"])
def test_rich_article_has_no_serious_accessibility_violations(
    rich_site: Path, serve: Callable[[Path], str], page: Any, viewport: dict[str, int], opened: bool, scheme: str
) -> None:
    page.set_viewport_size(viewport)
    page.emulate_media(color_scheme=scheme)  # the palette follows the reader's system: material's slate when dark
    open_page(page, serve(rich_site), RICH)
    assert page.evaluate("document.body.dataset.mdColorScheme") == {"light": "default", "dark": "slate"}[scheme]
    if opened:
        show_everything(page)
    violations = axe_violations(page)
    assert violations == [], "\n".join(violations)


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_badges_are_drawn_as_labels_in_either_scheme(
    rich_site: Path, serve: Callable[[Path], str], page: Any, scheme: str
) -> None:
    """`kbgen adopt` writes VitePress' and Starlight's `<Badge>` as a span: unstyled, "New in 4.2" read as words of
    the sentence. Each is a rounded label of its kind's colour that does not break across lines (axe checks its
    contrast in the rich article's test above, in both schemes)."""
    page.emulate_media(color_scheme=scheme)
    open_page(page, serve(rich_site), RICH)
    badges = page.evaluate(
        """() => Array.from(document.querySelectorAll('article .kb-badge'), (badge) => {
            const style = getComputedStyle(badge);
            return [badge.textContent, style.backgroundColor, parseFloat(style.borderTopLeftRadius), style.whiteSpace];
        })"""
    )
    assert [text for text, *_ in badges] == ["New in 4.2", "Deprecated"]
    assert len({background for _, background, *_ in badges} - {"rgba(0, 0, 0, 0)"}) == 2  # one colour per kind
    assert all(radius > 0 and wrap == "nowrap" for *_, radius, wrap in badges)


def test_task_list_checkboxes_are_announced_with_their_task(
    rich_site: Path, serve: Callable[[Path], str], page: Any
) -> None:
    """Not "checkbox, checked" with no name (axe's critical `label`): the task, then whether it is done."""
    open_page(page, serve(rich_site), RICH)
    assert announced(page, "checkbox") == TASKS


def test_decorative_icons_are_silent_and_meaningful_ones_are_named(
    rich_site: Path, serve: Callable[[Path], str], page: Any
) -> None:
    """An icon beside words (":material-clock-fast: Takes about 5 minutes") says nothing a reader would miss; one
    standing for a word (a table's tick, titled "Supported") says that word. Neither is an unnamed "image"."""
    open_page(page, serve(rich_site), RICH)
    images = [name for name, _ in announced(page, "image")]
    assert images == ["Supported", "Supported", "Not supported", "The Tessera app on a desktop, signed in"]
    assert page.locator("article .twemoji svg").count() == 7  # all drawn, only the titled three announced


def _focus_by_tab(page: Any, selector: str, presses: int = 60) -> None:
    """Press Tab until the element matching `selector` has focus, as a keyboard user would get there."""
    target = page.locator(selector)
    for _ in range(presses):
        page.keyboard.press("Tab")
        if target.evaluate("e => e === document.activeElement"):
            return
    raise AssertionError(f"{selector} is never reached with Tab")


def _outlined(page: Any, selector: str) -> bool:
    return page.locator(selector).evaluate(  # type: ignore[no-any-return]
        "e => { const s = getComputedStyle(e); "
        "return s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) >= 1 || s.boxShadow !== 'none'; }"
    )


@pytest.mark.parametrize("scripts", [True, False], ids=["scripts", "no scripts"])
def test_tabs_and_collapsible_notes_work_from_the_keyboard_with_visible_focus(
    rich_site: Path, serve: Callable[[Path], str], browser: Any, scripts: bool
) -> None:
    context = browser.new_context(java_script_enabled=scripts, viewport=NARROW)
    page = context.new_page()
    try:
        page.goto(serve(rich_site) + RICH)
        windows, macos = page.locator(".tabbed-block").nth(0), page.locator(".tabbed-block").nth(1)
        assert windows.is_visible() and not macos.is_visible()  # the first tab shows, even without scripts
        _focus_by_tab(page, "#__tabbed_1_1")
        assert _outlined(page, 'label[for="__tabbed_1_1"]'), "the focused tab's label shows no focus"
        page.keyboard.press("ArrowRight")
        assert macos.is_visible() and not windows.is_visible()
        assert _outlined(page, 'label[for="__tabbed_1_2"]')
        note = page.locator("article details.question")
        _focus_by_tab(page, "article details.question > summary")
        assert _outlined(page, "article details.question > summary"), "the focused summary shows no focus"
        page.keyboard.press("Enter")
        assert note.evaluate("e => e.open") and page.get_by_text("Versions before 3.2").is_visible()
        page.keyboard.press("Space")
        assert not note.evaluate("e => e.open")
    finally:
        context.close()


def test_every_control_of_the_rich_article_shows_keyboard_focus(
    rich_site: Path, serve: Callable[[Path], str], page: Any
) -> None:
    page.set_viewport_size(NARROW)
    page.goto(serve(rich_site) + RICH)
    page.keyboard.press("Tab")
    problems = focus_problems(page)
    assert problems == [], "\n".join(problems)


def test_wide_table_scrolls_from_the_keyboard(rich_site: Path, serve: Callable[[Path], str], page: Any) -> None:
    """A table wider than a phone scrolls in its own box; a keyboard user can reach that box and scroll it."""
    page.set_viewport_size(NARROW)
    page.goto(serve(rich_site) + RICH)
    box = page.locator("article .md-typeset__scrollwrap")  # material's JavaScript wraps each plain table in it
    assert box.evaluate("e => e.scrollWidth > e.clientWidth"), "the table fits: the test proves nothing"
    _focus_by_tab(page, ".md-typeset__scrollwrap")
    assert box.evaluate("e => e.getAttribute('tabindex')") == "0"  # in the tab order of every browser, not only
    page.keyboard.press("ArrowRight")  # Chromium's, which lets any scroll box take focus
    page.wait_for_function("() => document.querySelector('article .md-typeset__scrollwrap').scrollLeft > 0")


def test_rich_article_loads_nothing_from_another_host(rich_site: Path, serve: Callable[[Path], str], page: Any) -> None:
    """S3 for what material's syntax adds: icons are inline SVG and emoji characters, never CDN images."""
    hosts: set[str] = set()

    def record(route: Any) -> None:
        host = urlsplit(route.request.url).hostname or route.request.url
        hosts.add(host)
        route.continue_() if host == "127.0.0.1" else route.abort()

    page.route("**/*", record)
    page.set_viewport_size(NARROW)
    page.goto(serve(rich_site) + RICH, wait_until="load")
    show_everything(page)
    page.keyboard.press("End")
    assert hosts == {"127.0.0.1"}
    assert html_problems((rich_site / RICH / "index.html").read_text(encoding="utf-8")) == []
