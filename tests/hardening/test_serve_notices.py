"""What a `kbgen serve` page says about problems: the refused edit's new errors on every page, and the errors the
site shown already has only on the page of their own file, never hiding the article."""

from __future__ import annotations

import threading
import urllib.request
from collections.abc import Callable, Iterator

import pytest

from kbgen.publishing.serve import Preview, make_server
from tests.support.project import SAMPLE_TODAY, Site, article


class Shown:
    def __init__(self, preview: Preview, base: str) -> None:
        self.preview, self.base = preview, base

    def get(self, path: str) -> str:
        with urllib.request.urlopen(self.base + path, timeout=10) as response:
            return str(response.read().decode("utf-8"))


@pytest.fixture
def shown(site: Site) -> Iterator[Shown]:
    """A preview of a site that already has an error: an article overdue for review."""
    site.write("en/account/alpha.md", article(title="Alpha article", body="## Steps\n\nOne.\n"))
    site.write("en/account/stale.md", article(title="Stale article", reviewed="2020-01-01"))
    preview = Preview(site.config_file, SAMPLE_TODAY, [site.content], say=lambda line: None)
    preview.rebuild()
    server = make_server(preview, port=0)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield Shown(preview, f"http://127.0.0.1:{server.server_address[1]}/")
    preview.stop()
    server.shutdown()
    server.server_close()


def test_the_sites_own_errors_show_only_on_the_page_of_their_file(shown: Shown) -> None:
    """Every page carried every error of the site in a banner saying the latest edit was not built: at 2,400
    overdue articles a sticky banner taller than the screen, on a site that was built and shown."""
    clean, stale = shown.get("en/account/alpha/"), shown.get("en/account/stale/")
    assert "kbgen-serve-problems" not in clean and "kbgen-serve-page-errors" not in clean
    assert "Alpha article" in clean
    assert "not built" not in stale and "kbgen-serve-problems" not in stale
    assert "kbgen-serve-page-errors" in stale
    assert "content/en/account/stale.md:4:1: error KB201: overdue for review" in stale
    assert "1 error in this page's file" in stale


def test_an_edit_with_new_errors_still_shows_them_on_every_page(shown: Shown, site: Site) -> None:
    site.write("en/account/beta.md", article(title="Beta", body="[Steps](alpha.md#gone)\n"))
    shown.preview.rebuild()
    page = shown.get("en/account/alpha/")
    assert "kbgen-serve-problems" in page and "the latest edit was not built" in page
    assert "content/en/account/beta.md:8:1: error KB302: anchor &#x27;#gone&#x27; not found" in page
    assert "KB201" not in page  # the stale article's error is old news: on its own page only


@pytest.mark.browser
def test_a_long_list_of_new_errors_leaves_the_article_readable(shown: Shown, site: Site, page: Callable) -> None:
    """Renaming a heading that 80 articles link to refuses the edit with 80 new errors; the banner scrolls on its
    own and the article under it can still be read."""
    for number in range(80):
        site.write(f"en/account/linker-{number:02}.md", article(title=f"Linker {number}", body="[S](alpha.md#steps)\n"))
    shown.preview.rebuild()
    site.write("en/account/alpha.md", article(title="Alpha article", body="## Renamed steps\n\nOne.\n"))
    shown.preview.rebuild()
    assert len(shown.preview.problems) == 80
    page.set_viewport_size({"width": 1280, "height": 800})
    page.goto(shown.base + "en/account/alpha/")
    heading = page.locator("article h1")
    heading.scroll_into_view_if_needed()
    box = heading.bounding_box()
    assert box is not None and box["y"] + box["height"] <= 800
    on_top = page.evaluate(
        "([x, y]) => document.elementFromPoint(x, y).closest('h1') !== null",
        [box["x"] + box["width"] / 2, box["y"] + box["height"] / 2],
    )
    assert on_top, "the banner covers the article's heading"
