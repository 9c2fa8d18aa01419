"""The text a writer puts below the front matter of a section's or language home's `index.md`: shown on that
page between its title and summary and its listings, through the same checks and sanitiser as an article body."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

from kbgen.publishing.site_build import BuildResult, build_site
from tests.support.project import SAMPLE_TODAY, Site, article

INTRO = 'class="kb-intro"'


def build(site: Site) -> BuildResult:
    return build_site(site.config_file, None, SAMPLE_TODAY, strict=False)


def lines(result: BuildResult, path: str) -> list[str]:
    return [f.format() for f in result.findings if f.path == f"content/{path}"]


class _Intro(HTMLParser):
    """The inside of the intro element, as written in the page."""

    def __init__(self, html: str) -> None:
        super().__init__(convert_charrefs=False)
        self.html, self.depth, self.start, self.inner = html, 0, -1, ""
        self.offsets = [0]
        for line in html.splitlines(keepends=True):
            self.offsets.append(self.offsets[-1] + len(line))
        self.feed(html)

    def _here(self) -> int:
        line, column = self.getpos()
        return self.offsets[line - 1] + column

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if self.depth:
            self.depth += tag == "div"
        elif tag == "div" and ("class", "kb-intro") in attrs and not self.inner:
            self.depth, self.start = 1, self._here() + len(self.get_starttag_text() or "")

    def handle_endtag(self, tag: str) -> None:
        if self.depth and tag == "div":
            self.depth -= 1
            if not self.depth:
                self.inner = self.html[self.start : self._here()]


def intro(html: str) -> str:
    """The inside of a built home or section page's intro block ("" when it has none)."""
    return _Intro(html).inner


def text_of(html: str) -> str:
    return " ".join(re.sub(r"<[^>]+>", " ", html).split())


def h1s(html: str) -> list[str]:
    """The text of every H1 in a page's content (material's header shows the site name in no H1)."""
    return [text_of(found) for found in re.findall(r"<h1\b[^>]*>(.*?)</h1>", html, re.S)]


def small_site(site: Site) -> None:
    site.write("en/billing/pay.md", article(title="Pay by card", body="## Card types\n\nVisa.\n"))
    site.write("en/billing/internal.md", article(title="Refund desk", extra="audience: internal"))
    site.write("en/account/reset.md", article(title="Reset your password"))


def test_a_section_s_text_shows_between_its_summary_and_its_articles(site: Site) -> None:
    small_site(site)
    body = "We bill **monthly**; see [paying by card](pay.md).\n\n## Before you start\n\nHave your invoice.\n"
    site.write("en/billing/index.md", f"---\ntitle: Billing\nsummary: Pay and plan.\n---\n\n{body}")
    build(site)
    html = site.read_output("en/billing/index.html")
    shown = intro(html)
    assert "We bill <strong>monthly</strong>" in shown
    assert '<a href="pay/">paying by card</a>' in shown  # a Markdown link to an article, as in an article
    assert '<h2 id="before-you-start">' in shown
    summary, listing = html.index("kb-category__summary"), html.index('class="kb-list"')
    assert summary < html.index(INTRO) < listing


def test_a_language_home_s_text_shows_below_its_search_and_above_its_categories(site: Site) -> None:
    small_site(site)
    site.write("en/index.md", "---\ntitle: Help\nsummary: Welcome.\n---\n\nLeaders gain *insight* here.\n")
    site.write("index.md", "---\ntitle: Help\n---\n\nPick your language.\n")  # the site's root
    build(site)
    html = site.read_output("en/index.html")
    assert "Leaders gain <em>insight</em> here." in intro(html)
    assert html.index('id="kb-hero-title"') < html.index(INTRO) < html.index('id="kb-categories-title"')
    root = site.read_output("index.html")
    assert intro(root).strip() == "<p>Pick your language.</p>" and len(h1s(root)) == 1


def test_a_leading_h1_is_dropped_for_the_front_matter_title_and_later_ones_become_h2(site: Site) -> None:
    """An adopted Microsoft Learn page opens with `# Welcome to ...`; the page already shows its title as its H1."""
    small_site(site)
    body = "# Welcome to billing\n\nHow we bill.\n\n# Paying\n\nBy card.\n\n<h1>Raw heading</h1>\n"
    site.write("en/billing/index.md", f"---\ntitle: Billing and plans\n---\n\n{body}")
    site.write(
        "en/index.md", "---\ntitle: Help\n---\n\n<!-- for writers -->\nWelcome to help\n===============\n\nHi.\n"
    )
    build(site)
    html = site.read_output("en/billing/index.html")
    assert h1s(html) == ["Billing and plans"]
    assert "Welcome to billing" not in html
    assert re.search(r'<h2 id="paying">Paying', intro(html)) and "<h2>Raw heading</h2>" in intro(html)
    html = site.read_output("en/index.html")
    assert len(h1s(html)) == 1 and "Welcome to help" not in html and "Hi." in intro(html)


def test_without_a_front_matter_title_the_page_keeps_the_folder_title_the_listings_show(site: Site) -> None:
    small_site(site)
    site.write("en/billing/index.md", "---\nsummary: Pay.\n---\n\n# Welcome to billing\n\nHow we bill.\n")
    build(site)
    html = site.read_output("en/billing/index.html")
    assert h1s(html) == ["Billing"]
    assert "<title>Billing - Test Help Center</title>" in html
    assert "Welcome to billing" not in html


@pytest.mark.parametrize("body", ["", "\n\n   \n", "<!-- a note to writers: CANARY-NOTE-1 -->\n\n", "# Billing\n"])
def test_a_body_of_only_comments_whitespace_or_the_title_shows_no_intro(site: Site, body: str) -> None:
    small_site(site)
    site.write("en/billing/index.md", f"---\ntitle: Billing\n---\n{body}")
    site.write("en/index.md", f"---\ntitle: Help\n---\n{body}")
    result = build(site)
    for page in ("en/billing/index.html", "en/index.html"):
        html = site.read_output(page)
        assert INTRO not in html and "CANARY-NOTE-1" not in html
    assert not [f for f in result.findings if f.path.endswith("index.md")]


def test_broken_links_images_and_anchors_in_a_section_s_text_are_findings_at_their_line(site: Site) -> None:
    small_site(site)
    body = (
        "See [gone](gone.md) and [steps](#steps).\n"  # line 5
        "![diagram](missing.png)\n"
        "[cards](pay.md#card-types) [nope](pay.md#nope) [intro](#before-you-start)\n"
        "[desk](internal.md)\n"
        "\n## Before you start\n"
    )
    site.write("en/billing/index.md", f"---\ntitle: Billing\n---\n\n{body}")
    result = build(site)
    found = lines(result, "en/billing/index.md")
    assert [line.split(" [")[0].split(": ", 2)[0:2] for line in found] == [
        ["content/en/billing/index.md:5:5", "error KB301"],
        ["content/en/billing/index.md:5:25", "error KB302"],
        ["content/en/billing/index.md:6:1", "error KB303"],
        ["content/en/billing/index.md:7:28", "error KB302"],
        ["content/en/billing/index.md:8:1", "error KB304"],
    ]
    assert "anchor '#nope' not found in content/en/billing/pay.md" in found[3]


def test_a_file_only_a_section_s_text_shows_is_published(site: Site) -> None:
    small_site(site)
    site.write("en/billing/diagram.png", b"\x89PNG\r\n\x1a\n")
    site.write("en/billing/index.md", "---\ntitle: Billing\n---\n\n![How billing works](diagram.png)\n")
    result = build(site)
    assert not lines(result, "en/billing/index.md")
    assert (site.site_dir / "en/billing/diagram.png").is_file()
    assert '<img alt="How billing works" src="diagram.png"' in intro(site.read_output("en/billing/index.html"))


HOSTILE = """\
<script>window.__kbxss=1</script>
<img src="x" onerror="window.__kbxss=1">
[run](javascript:window.__kbxss=1) and <a href="JaVaScRiPt:window.__kbxss=1">raw</a>
<iframe srcdoc="<script>parent.__kbxss=1</script>"></iframe>
<p style="background:url(https://evil.example/p.png)" onclick="window.__kbxss=1">styled</p>
<!-- internal: CANARY-COMMENT-2 -->
Bell \x07 escape \x1b[31m red and a NUL \x00 here.
"""


def test_hostile_text_in_a_section_is_refused_and_sanitised_as_in_an_article(site: Site) -> None:
    small_site(site)
    site.write("en/billing/index.md", f"---\ntitle: Billing\n---\n\n{HOSTILE}")
    site.write("en/billing/hostile.md", article(title="Hostile", body=HOSTILE))
    result = build(site)
    found = [f.split(" [")[0].split(": ", 2)[:2] for f in lines(result, "en/billing/index.md")]
    assert found == [
        ["content/en/billing/index.md:6:1", "error KB303"],  # the raw <img src="x">
        ["content/en/billing/index.md:7:1", "error KB305"],
        ["content/en/billing/index.md:7:40", "error KB305"],
    ]
    in_article = [f.split(": ")[1] for f in lines(result, "en/billing/hostile.md")]
    assert in_article == ["error KB303", "error KB305", "error KB305"]
    shown = intro(site.read_output("en/billing/index.html"))
    assert "styled" in shown and "Bell" in shown and "\x00" not in shown
    assert not re.search(r"<(script|iframe|style)|\son\w+=|javascript:|evil\.example|CANARY-COMMENT", shown, re.I)
    assert shown.strip() in site.read_output("en/billing/hostile/index.html")  # the very HTML the article shows


def test_an_unclosed_comment_in_a_section_refuses_its_text_as_in_an_article(site: Site) -> None:
    small_site(site)
    site.write("en/billing/index.md", "---\ntitle: Billing\n---\n\nShown.\n\n<!-- a hidden note: CANARY-NOTE-3\n")
    result = build(site)
    assert [f.split(" [")[0] for f in lines(result, "en/billing/index.md")] == [
        "content/en/billing/index.md:7:1: error KB138: HTML comment '<!--' is never closed with '-->': the site "
        "would show everything after it as text, where a Markdown preview hides it; close it with '-->'"
    ]
    html = site.read_output("en/billing/index.html")
    assert "CANARY-NOTE-3" not in html and INTRO not in html


def test_a_render_bomb_in_a_section_is_refused_as_in_an_article(site: Site) -> None:
    small_site(site)
    site.write("en/billing/index.md", "---\ntitle: Billing\n---\n" + "[" * 8000)
    result = build(site)
    assert [f.split(": ")[1] for f in lines(result, "en/billing/index.md")] == ["error KB161"]
    assert "[[[[" not in site.read_output("en/billing/index.html")


def test_the_text_of_an_internal_section_is_never_published(site: Site) -> None:
    small_site(site)
    site.write("en/desk/index.md", "---\ntitle: Desk\naudience: internal\n---\n\nCANARY-DESK-4 escalations.\n")
    site.write("en/desk/escalate.md", article(title="Escalate"))
    build(site)
    assert not any(b"CANARY-DESK-4" in p.read_bytes() for p in Path(site.site_dir).rglob("*") if p.is_file())


def test_a_section_s_text_is_checked_by_kbgen_check_too(site: Site, run_kbgen) -> None:  # type: ignore[no-untyped-def]
    small_site(site)
    site.write("en/billing/index.md", "---\ntitle: Billing\n---\n\nSee [gone](gone.md).\n")
    result = run_kbgen("check", "--today", SAMPLE_TODAY.isoformat(), cwd=site.root)
    assert result.exit_code == 1
    assert "content/en/billing/index.md:5:5: error KB301: link target 'gone.md' not found" in result.stdout
