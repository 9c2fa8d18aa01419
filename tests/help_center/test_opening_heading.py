"""An article whose body opens with its own `# Heading` (as nearly every page of a real docs tree does) shows that
heading first, then its review facts and notices: never the facts above the page's heading."""

from __future__ import annotations

from kbgen.publishing.site_build import build_site
from kbgen.render.opening_heading import split_opening_heading
from tests.support.project import SAMPLE_TODAY, Site, article


def _order(page: str, *markers: str) -> list[int]:
    main = page[page.index('<article class="md-content__inner') :]
    return [main.index(marker) for marker in markers]


def test_the_heading_a_body_opens_with_comes_before_the_review_facts_and_notice(site: Site) -> None:
    body = "# Cancel actuals via *journals*\n\nIntro text.\n\n## Steps\n\nDo it.\n"
    site.write("en/actuals/cancel.md", article(title="Cancel actuals", reviewed="2025-01-10", body=body))
    build_site(site.config_file, None, SAMPLE_TODAY, strict=False)
    page = site.read_output("en/actuals/cancel/index.html")
    heading, meta, notice, intro = _order(page, "<h1", 'class="kb-meta"', 'class="kb-notice"', "Intro text.")
    assert heading < meta < notice < intro
    assert page.count("<h1") == 1 and "Cancel actuals via <em>journals</em>" in page


def test_an_article_without_one_gets_its_title_as_heading_above_the_facts(site: Site) -> None:
    site.write("en/actuals/cancel.md", article(title="Cancel actuals", body="Intro text.\n\n# Later heading\n"))
    site.write("en/actuals/plain.md", article(title="Plain <title>", body="Intro text.\n"))
    build_site(site.config_file, None, SAMPLE_TODAY, strict=False)
    plain = site.read_output("en/actuals/plain/index.html")
    heading, meta, intro = _order(plain, "<h1>Plain &lt;title&gt;</h1>", 'class="kb-meta"', "Intro text.")
    assert heading < meta < intro
    later = site.read_output("en/actuals/cancel/index.html")  # a heading further down is not the page's opening
    meta, intro, heading = _order(later, 'class="kb-meta"', "Intro text.", "<h1")
    assert meta < intro < heading and later.count("<h1") == 1


def test_only_an_opening_h1_element_is_split_off() -> None:
    assert split_opening_heading('\n<h1 id="a">A <code>x</code></h1>\n<p>b</p>') == (
        '<h1 id="a">A <code>x</code></h1>',
        "\n<p>b</p>",
    )
    assert split_opening_heading("<h10>x</h10><h1>y</h1>") == ("", "<h10>x</h10><h1>y</h1>")
    assert split_opening_heading("<p>a</p><h1>b</h1>") == ("", "<p>a</p><h1>b</h1>")
    assert split_opening_heading(None) == ("", "")
