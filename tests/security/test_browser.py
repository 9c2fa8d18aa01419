"""S1, S3, S4, FM12 in real Chromium: no payload runs, nothing leaves 127.0.0.1, the site works under its CSP."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest

from tests.support.canary import HOSTILE_CATEGORY, HOSTILE_DESCRIPTION, HOSTILE_TITLE, Canary
from tests.support.site_audit import pages

pytestmark = pytest.mark.browser


@dataclass
class Visit:
    """What one page load did: hosts contacted, dialogs opened, CSP reports and other console errors."""

    hosts: set[str] = field(default_factory=set)
    dialogs: list[str] = field(default_factory=list)
    csp: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)  # 404s: the canary's `<img src=x onerror=...>` asks for them


class _Watch:
    """Listens to one tab for its whole life; `fresh()` starts a new record for the next page load."""

    def __init__(self, page: Any) -> None:
        self.visit = Visit()
        page.on("dialog", self._dialog)
        page.on("console", self._console)
        page.route("**/*", self._route)

    def fresh(self) -> Visit:
        self.visit = Visit()
        return self.visit

    def _dialog(self, dialog: Any) -> None:
        self.visit.dialogs.append(dialog.message)
        dialog.dismiss()

    def _console(self, message: Any) -> None:
        if "Content Security Policy" in message.text:
            self.visit.csp.append(message.text)
        elif "404 (File not found)" in message.text:
            self.visit.missing.append(message.text)
        elif message.type == "error":
            self.visit.errors.append(message.text)

    def _route(self, route: Any) -> None:
        host = urlsplit(route.request.url).hostname or route.request.url
        self.visit.hosts.add(host)
        if host == "127.0.0.1":
            route.continue_()
        else:
            route.abort()  # never let a request out, even one the page should not have made


def _watch(page: Any) -> Visit:
    return _Watch(page).visit


def _visit_all(page: Any, base: str, rels: list[str], act: Callable[[Any], None] | None = None) -> dict[str, Visit]:
    watch = _Watch(page)
    visits = {}
    for rel in rels:
        visit = watch.fresh()
        page.goto(base + rel, wait_until="load")
        if act is not None:
            act(page)
        state = page.evaluate("() => typeof window.__kbxss")
        if state != "undefined":
            visit.errors.append(f"window.__kbxss is {state}")
        visits[rel] = visit
    return visits


def _trouble(visits: dict[str, Visit]) -> dict[str, Visit]:
    return {rel: v for rel, v in visits.items() if v.dialogs or v.csp or v.errors or v.hosts - {"127.0.0.1"}}


def _interact(page: Any) -> None:
    """A reader's normal use: hover and click what a page offers, so event-handler payloads would fire."""
    page.mouse.move(5, 5)
    for selector in ("article img", "article a", "article details summary", "article p", "article h2"):
        for element in page.query_selector_all(selector)[:10]:
            if element.is_visible():
                element.hover()
    for summary in page.query_selector_all("article details summary")[:5]:
        summary.click()
    page.keyboard.press("End")


def test_no_canary_payload_runs_and_nothing_leaves_loopback(
    canary: Canary, page: Any, serve: Callable[[Path], str]
) -> None:
    rels = [rel for rel in pages(canary.site_dir) if not rel.startswith("assets/")]
    visits = _visit_all(page, serve(canary.site_dir), rels, act=_interact)
    assert len(visits) >= 6
    assert _trouble(visits) == {}


def test_hostile_title_and_description_render_as_text(canary: Canary, page: Any, serve: Callable[[Path], str]) -> None:
    page.goto(serve(canary.site_dir) + "en/canary/hostile-front-matter/", wait_until="load")
    assert page.title() == f"{HOSTILE_TITLE} - Canary Help Center"
    assert page.inner_text("article h1") == HOSTILE_TITLE
    assert page.get_attribute('meta[name="description"]', "content") == HOSTILE_DESCRIPTION
    header = page.text_content(".md-header__topic:last-child .md-ellipsis") or ""
    assert header.strip() == HOSTILE_TITLE
    crumbs = [c.strip() for c in page.locator(".md-path__link").all_text_contents()]
    assert HOSTILE_CATEGORY in crumbs
    nav = [t.strip() for t in page.locator(".md-nav--primary .md-nav__link").all_text_contents()]
    assert HOSTILE_TITLE in nav and HOSTILE_CATEGORY in nav
    assert page.evaluate("() => document.querySelectorAll('article img[onerror], .md-header img').length") == 0


def test_sample_site_works_under_its_csp(sample_site: Path, page: Any, serve: Callable[[Path], str]) -> None:
    # Every English page, each language's home and the 404 page: the templates are shared, and the static audit has
    # already shown that no page carries an inline script or style the policy would block.
    rels = [rel for rel in pages(sample_site) if rel.startswith("en/") or rel.count("/") == 1 or rel == "404.html"]
    visits = _visit_all(page, serve(sample_site), rels)
    assert len(visits) > 15
    assert _trouble(visits) == {}
    assert [v.missing for v in visits.values() if v.missing] == []


def test_material_features_work_under_the_csp(canary: Canary, page: Any, serve: Callable[[Path], str]) -> None:
    visit = _watch(page)
    page.set_viewport_size({"width": 600, "height": 800})
    page.goto(serve(canary.site_dir) + "en/canary/material-markup/", wait_until="load")
    page.click('label[for="__tabbed_1_2"]')
    assert page.is_visible("text=Press")
    page.click("article details summary")
    assert page.is_visible("text=Hidden until opened.")
    page.click('.md-header label[for="__drawer"]')  # material's JS and CSS run: the drawer opens on a narrow screen
    assert page.evaluate("() => document.getElementById('__drawer').checked")
    assert page.evaluate("() => typeof __md_get === 'function' && __md_scope instanceof URL")
    assert (visit.csp, visit.errors, visit.dialogs) == ([], [], [])


def test_an_injected_inline_script_is_blocked_by_the_policy(
    canary: Canary, page: Any, serve: Callable[[Path], str], tmp_path: Path
) -> None:
    control = tmp_path / "control"
    shutil.copytree(canary.site_dir, control)
    article = control / "en/canary/material-markup/index.html"
    text = article.read_text(encoding="utf-8")
    article.write_text(text.replace("</h1>", "</h1><script>window.__kbxss = 1</script>", 1), encoding="utf-8")
    visit = _watch(page)
    page.goto(serve(control) + "en/canary/material-markup/", wait_until="load")
    assert page.evaluate("() => typeof window.__kbxss") == "undefined"
    assert any("script-src 'self'" in message for message in visit.csp)


# The canary's active SVGs as Chromium treats them when a reader opens the file itself: these run script or
# fetch from another host. kbgen refuses every one of them (test_near_misses); this shows the refusals are real.
RUNS_SCRIPT = ("script", "script-cdata", "prefixed-script", "xhtml-script", "onload", "foreignobject", "iframe",
               "upper-ext")  # fmt: skip
LOADS_ELSEWHERE = ("fill-url-external", "image-external", "style-attr-url", "style-import", "stylesheet-pi")


def _open_svg(page: Any, url: str) -> tuple[str, set[str]]:
    visit = _watch(page)
    page.goto(url, wait_until="load")
    page.wait_for_timeout(200)
    return page.evaluate("() => typeof window.__kbxss"), visit.hosts - {"127.0.0.1"}


@pytest.mark.parametrize("name", RUNS_SCRIPT + LOADS_ELSEWHERE)
def test_a_refused_svg_really_is_active_in_a_browser(
    canary: Canary, page: Any, serve: Callable[[Path], str], name: str
) -> None:
    raw = serve(canary.project / "content/en/canary")
    file = f"canary-svg-{name}.{'SVG' if name == 'upper-ext' else 'svg'}"
    ran, hosts = _open_svg(page, raw + file)
    assert (ran == "number", bool(hosts)) == (name in RUNS_SCRIPT, name in LOADS_ELSEWHERE)
    assert not (canary.site_dir / "en/canary" / file).exists()
    assert any(f"/{file}:" in finding and " KB135: " in finding for finding in canary.findings)


def test_the_published_svg_runs_nothing_and_loads_nothing(
    canary: Canary, page: Any, serve: Callable[[Path], str]
) -> None:
    assert _open_svg(page, serve(canary.site_dir) + "en/canary/benign.svg") == ("undefined", set())
