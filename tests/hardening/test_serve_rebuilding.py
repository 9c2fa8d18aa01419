"""While `kbgen serve` runs a full rebuild (20 to 100 s on a large help center, where a text edit is patched in a
second), the open page and the terminal say so, once, with what changed; `kbgen build` output never has it."""

from __future__ import annotations

import json
import threading
import urllib.request
from collections.abc import Callable, Iterator

import pytest

from kbgen.publishing import serve
from kbgen.publishing.serve_terminal import change_reason
from kbgen.publishing.site_build import build_site
from tests.hardening.test_serve import Running, _serving
from tests.support.project import SAMPLE_TODAY, Site, article
from tests.support.waiting import wait_until

HOSTILE = "<img src=x onerror=alert(1)>.md"  # a file name is the writer's text: shown as text, never as markup


class Held:
    """A preview whose next full builds wait until `release` is set; the terminal's lines in `lines`."""

    def __init__(self, running: Running, monkeypatch: pytest.MonkeyPatch) -> None:
        self.running, self.release, self.lines = running, threading.Event(), []
        build = serve.build_site

        def held(*args: object, **kwargs: object) -> object:
            self.release.wait(30)
            return build(*args, **kwargs)  # type: ignore[arg-type]

        monkeypatch.setattr(serve, "build_site", held)
        running.preview.terminal.say = self.lines.append

    def state(self, query: str) -> dict[str, object]:
        with urllib.request.urlopen(f"{self.running.base}__kbgen__/state?{query}", timeout=30) as response:
            return dict(json.loads(response.read()))


@pytest.fixture
def held(small_site: Site, monkeypatch: pytest.MonkeyPatch) -> Iterator[Held]:
    with _serving(small_site) as running:
        shown = Held(running, monkeypatch)
        yield shown
        shown.release.set()


def test_a_full_rebuild_is_told_once_in_the_terminal_and_to_the_open_pages(held: Held, small_site: Site) -> None:
    small_site.write("en/account/alpha.md", article(title="Alpha retitled"))  # front matter: a full rebuild
    started = held.state("after=1")  # answered as the build starts, not when it ends
    why = "content/en/account/alpha.md changed; not patched: its front matter changed"
    assert started == {"building": why, "generation": 1, "moved": {}, "problems": []}
    assert held.lines == [f"rebuilding (full): {why}"]
    held.release.set()
    done = held.state("after=1&building=1")  # the page reloads into the new site
    assert done["building"] is None and done["generation"] == 2
    assert held.lines[0] == f"rebuilding (full): {why}" and held.lines[1].startswith("rebuilt in ")
    assert len(held.lines) == 2


def test_a_patched_text_edit_announces_no_rebuild(held: Held, small_site: Site) -> None:
    held.release.set()
    small_site.write("en/account/alpha.md", article(title="Alpha article", body="New text.\n"))
    assert held.state("after=1")["generation"] == 2
    assert [line.split(" in ")[0] for line in held.lines] == ["patched 1 page"]


def test_the_reason_names_what_changed_as_the_writer_sees_it() -> None:
    root = "/p/"
    a, b, c = "/p/content/en/a.md", "/p/content/en/b.md", "/p/mkdocs.yml"
    assert change_reason({a: (1, 1)}, {b: (1, 1)}, root) == "content/en/a.md renamed to content/en/b.md"
    assert change_reason({a: (1, 1)}, {a: (1, 1), b: (2, 2)}, root) == "content/en/b.md added"
    assert change_reason({a: (1, 1), c: (1, 1)}, {c: (2, 2)}, root) == "content/en/a.md removed; mkdocs.yml changed"
    both = change_reason({a: (1, 1), b: (1, 1)}, {a: (2, 2), b: (2, 2)}, root)
    assert both == "content/en/a.md and 1 other file changed"
    assert change_reason({}, {"/elsewhere/theme/main.html": (1, 1)}, root) == "/elsewhere/theme/main.html added"


def test_the_built_site_has_no_preview_status_line(small_site: Site) -> None:
    result = build_site(small_site.config_file, small_site.site_dir, SAMPLE_TODAY, strict=False)
    pages = [path.read_text(encoding="utf-8") for path in result.site_dir.rglob("*.html")]
    assert pages and not any("kbgen-serve" in page or "__kbgen__" in page for page in pages)


@pytest.mark.browser
@pytest.mark.parametrize("width", [1280, 375], ids=["desktop", "phone"])
def test_the_open_page_shows_a_rebuild_as_one_line_over_none_of_the_article(
    held: Held, small_site: Site, page: Callable, width: int
) -> None:
    page.set_viewport_size({"width": width, "height": 700})
    page.goto(held.running.base + "en/account/beta/")
    small_site.write(f"en/account/{HOSTILE}", article(title="Hostile"))
    status = page.locator(".kbgen-serve-building")
    status.wait_for(timeout=15_000)
    assert status.inner_text() == f"kbgen: rebuilding the site (content/en/account/{HOSTILE} added)…"
    assert page.locator(".kbgen-serve-building img").count() == 0
    box, heading = status.bounding_box(), page.locator("article h1").bounding_box()
    assert box is not None and heading is not None
    assert box["x"] >= 0 and box["x"] + box["width"] <= width and box["height"] < 70  # on screen, short
    assert box["y"] + box["height"] <= heading["y"]  # above the article, never over it
    assert page.evaluate("document.documentElement.scrollWidth") <= width  # no sideways scrolling on a phone
    on_top = page.evaluate(
        "([x, y]) => document.elementFromPoint(x, y).closest('h1') !== null",
        [heading["x"] + heading["width"] / 2, heading["y"] + heading["height"] / 2],
    )
    assert on_top, "the status line covers the article's heading"
    with page.expect_event("load", timeout=30_000):
        held.release.set()
    assert status.count() == 0  # the new page has none
    assert sum(line.startswith("rebuilding (full):") for line in held.lines) == 1


@pytest.mark.browser
def test_with_a_refused_edits_banner_up_the_status_line_is_still_in_sight(
    held: Held, small_site: Site, page: Callable
) -> None:
    """The banner of a refused edit is sticky above the header, so a line in the header went under it once the
    page was scrolled: the line goes into the banner then."""
    held.release.set()
    small_site.write("en/account/alpha.md", "---\ntitle: Alpha\nowner: [\n---\n")  # refused: a new error
    wait_until(lambda: held.running.preview.generation >= 2, "the broken edit to be refused")
    held.release.clear()
    page.set_viewport_size({"width": 375, "height": 400})
    page.goto(held.running.base + "en/account/beta/")
    small_site.write("en/account/alpha.md", article(title="Alpha fixed"))
    status = page.locator(".kbgen-serve-building")
    status.wait_for(timeout=15_000)
    page.evaluate("window.scrollTo(0, document.body.scrollHeight)")
    assert page.evaluate("window.scrollY") > 100
    box = status.bounding_box()
    assert box is not None and 0 <= box["y"] < 400
    seen = page.evaluate(
        "([x, y]) => document.elementFromPoint(x, y).closest('.kbgen-serve-building') !== null",
        [box["x"] + box["width"] / 2, box["y"] + box["height"] / 2],
    )
    assert seen, "the status line is hidden under the banner"


@pytest.mark.browser
def test_the_open_page_of_a_renamed_article_opens_at_its_new_address(
    held: Held, small_site: Site, page: Callable
) -> None:
    """A writer renames the file of the page they are looking at (to fix its address): the page reloaded at the
    old address, into "Page not found"."""
    held.release.set()
    page.goto(held.running.base + "en/account/alpha/")
    folder = small_site.content / "en/account"
    (folder / "alpha.md").rename(folder / "alpha-renamed.md")
    page.wait_for_url("**/en/account/alpha-renamed/", timeout=30_000)
    assert "Alpha article" in page.inner_text("article h1")
    assert any("alpha.md renamed to content/en/account/alpha-renamed.md" in line for line in held.lines)


def test_a_save_that_breaks_an_articles_front_matter_is_refused_at_once_then_its_fix_is_patched(
    held: Held, small_site: Site
) -> None:
    """Breaking the front matter mid-edit (`owner: [a, b` saved half typed) is refused without the full build that
    would end refused the same way (the builds here wait until released: none is run); the save that fixes it is
    a text edit away from the site shown, so it is patched."""
    broken = article(title="Alpha article").replace("owner: ", "owner: [team, ", 1)
    small_site.write("en/account/alpha.md", broken)
    refused = held.state("after=1")
    problems = refused["problems"]
    assert isinstance(problems, list) and problems
    assert problems[0].startswith("content/en/account/alpha.md:") and "KB101" in problems[0]
    assert refused["generation"] == 2 and refused["building"] is None  # the last good site stays shown
    assert not [line for line in held.lines if line.startswith("rebuilding (full)")]
    assert held.lines[-1].startswith("checked 1 file in ") and "not shown" in held.lines[-1]
    small_site.write("en/account/alpha.md", article(title="Alpha article", body="Fixed text.\n"))
    fixed = held.state("after=2")
    assert fixed["problems"] == [] and fixed["generation"] == 3
    assert held.lines[-1].startswith("patched 1 page in ")
    assert [line for line in held.lines if line.startswith("fixed: content/en/account/alpha.md:")]
