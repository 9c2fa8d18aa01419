"""Real MkDocs builds of small sites and of the sample help center, asserting on what customers get."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from mkdocs.exceptions import PluginError

from kbgen.mkdocs_plugin.search import SearchCollector
from kbgen.publishing.site_build import BuildFailed, build_site
from tests.support.project import SAMPLE_TODAY, Site, article


def test_sample_site_has_pages_in_all_four_languages(sample_site: Path) -> None:
    for lang in ("en", "tr", "ro", "zh"):
        home = (sample_site / lang / "index.html").read_text(encoding="utf-8")
        assert f'<html lang="{lang}"' in home
        assert 'class="kb-card"' in home


def test_home_page_lists_every_category_with_its_public_article_count(sample_site: Path) -> None:
    home = (sample_site / "en" / "index.html").read_text(encoding="utf-8")
    cards = re.findall(r'<span class="kb-card__title">([^<]+)</span>.*?kb-card__count">(\d+) articles?<', home, re.S)
    counts = dict(cards)
    assert set(counts) == {
        "Your account",
        "Billing and plans",
        "Getting started",
        "Integrations",
        "Projects, tasks and time",
    }
    # billing has 6 English files, one internal, and 5 more in its nested sections: customers are told 10
    assert counts["Billing and plans"] == "10"


def test_draft_and_internal_articles_are_not_published(sample_site: Path) -> None:
    assert not (sample_site / "en/integrations/zapier-integration").exists()
    assert not (sample_site / "en/billing/escalating-a-billing-dispute").exists()
    everything = "".join(p.read_text(encoding="utf-8") for p in sample_site.rglob("*.html"))
    assert "Escalating a billing dispute" not in everything
    assert "Zapier" not in everything


def test_article_page_shows_versions_review_date_and_translations(sample_site: Path) -> None:
    html = (sample_site / "tr/account/two-factor-authentication/index.html").read_text(encoding="utf-8")
    assert re.search(r'<time class="kb-meta__reviewed" datetime="\d{4}-\d{2}-\d{2}">', html)
    assert "3.2, 4.0" in html
    assert 'hreflang="en"' in html and 'href="../../../en/account/two-factor-authentication/"' in html
    assert "Geçerli sürüm" in html  # kbgen's own labels follow the page language


def test_no_google_fonts_or_other_third_party_hosts(sample_site: Path) -> None:
    for page in sample_site.rglob("*.html"):
        html = page.read_text(encoding="utf-8")
        assert "fonts.googleapis.com" not in html and "fonts.gstatic.com" not in html
        # what the page loads: src attributes and <link href> (a plain <a href> is a navigation, not a request)
        links = re.findall(r'<link\b(?![^>]*\srel="(?:canonical|alternate)\s*")[^>]*\shref="([^"]*)"', html)
        loads = re.findall(r'\ssrc="([^"]*)"', html) + links  # canonical and hreflang addresses are not fetched
        hosts = {m.group(1) for url in loads if (m := re.match(r"(?:https?:)?//([^/]+)", url))}
        assert hosts <= {"127.0.0.1"}, (page, hosts)


def test_nav_is_pruned_so_pages_do_not_embed_the_whole_tree(sample_site: Path) -> None:
    html = (sample_site / "en/account/reset-your-password/index.html").read_text(encoding="utf-8")
    nav_links = set(
        re.findall(r'class="md-nav__link[^"]*"[^>]*href="([^"]+)"|href="([^"]+)"[^>]*class="md-nav__link', html)
    )
    targets = {a or b for a, b in nav_links}
    # its own category's articles are listed; other categories appear only as their index page
    assert "../change-your-email-address/" in targets
    assert not any(re.search(r"\.\./\.\./billing/[a-z-]+/$", t) for t in targets), targets
    assert len(targets) < len(list(sample_site.rglob("index.html"))) / 2


def test_article_with_front_matter_error_is_not_built_and_build_succeeds(site: Site) -> None:
    site.write("en/account/good.md", article(title="Good one"))
    site.write("en/account/bad.md", "---\ntitle: [unclosed\n---\nbody\n")
    result = build_site(site.config_file, None, SAMPLE_TODAY, strict=False)
    assert (site.site_dir / "en/account/good/index.html").exists()
    assert not (site.site_dir / "en/account/bad").exists()
    assert [f.rule for f in result.findings] == ["front-matter-syntax"]


def test_strict_build_fails_and_keeps_the_previous_site(site: Site) -> None:
    site.write("en/account/good.md", article(title="Good one"))
    build_site(site.config_file, None, SAMPLE_TODAY, strict=True)
    before = {p: p.read_bytes() for p in site.site_dir.rglob("*") if p.is_file()}
    site.write("en/account/bad.md", article(extra="colour: blue\n"))
    with pytest.raises(BuildFailed) as failure:
        build_site(site.config_file, None, SAMPLE_TODAY, strict=True)
    assert [f.rule for f in failure.value.findings] == ["unknown-field"]
    after = {p: p.read_bytes() for p in site.site_dir.rglob("*") if p.is_file()}
    assert after == before
    assert not list(site.root.glob(".site.kbgen-tmp-*"))


def test_a_build_that_fails_after_loading_still_reports_the_content_s_findings(
    site: Site, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The checks run late in a build, while its search is indexed; a build that fails before then (here: its
    search process cannot be started) still lists what is wrong in the content, with the failure."""
    site.write("en/account/bad.md", article(extra="colour: blue\n"))

    def broken(*args: object, **kwargs: object) -> None:
        raise PluginError("the search process could not start")

    monkeypatch.setattr(SearchCollector, "start", broken)
    with pytest.raises(BuildFailed) as failure:
        build_site(site.config_file, None, SAMPLE_TODAY, strict=False)
    assert [f.rule for f in failure.value.findings] == ["unknown-field"]
    assert not site.site_dir.exists()


def test_generated_category_page_lists_articles_with_summaries(site: Site) -> None:
    site.write("en/billing/invoices.md", article(title="Download invoices", extra="summary: Get PDFs of past bills.\n"))
    site.write("en/billing/refunds.md", article(title="Ask for a refund"))
    build_site(site.config_file, None, SAMPLE_TODAY, strict=True)
    html = site.read_output("en/billing/index.html")
    titles = re.findall(r'class="kb-list__title" href="[^"]+">([^<]+)</a>', html)
    assert titles == ["Ask for a refund", "Download invoices"]
    assert "Get PDFs of past bills." in html


def test_plain_mkdocs_build_uses_the_registered_plugin(site: Site) -> None:
    """An existing MkDocs project gets kbgen with `plugins: [kbgen]`; `mkdocs build --strict` fails on findings."""
    import os
    import subprocess
    import sys

    from tests.support.project import REPO

    env = {**os.environ, "PYTHONPATH": str(REPO), "KBGEN_TODAY": "2026-11-22"}
    site.write("en/account/ok.md", article(title="Fine"))
    command = [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(site.config_file)]
    done = subprocess.run(command, capture_output=True, text=True, env=env, check=False)
    assert done.returncode == 0, done.stderr
    assert (site.site_dir / "en/account/ok/index.html").exists()
    site.write("en/account/typo.md", article(extra="colour: red\n"))
    done = subprocess.run(command, capture_output=True, text=True, env=env, check=False)
    assert done.returncode == 1
    assert "content/en/account/typo.md:6:1: warning KB113: unknown key 'colour'" in done.stderr


def test_kbgen_status_key_does_not_become_a_material_status_badge(site: Site) -> None:
    site.write("en/account/a.md", article(title="Explicitly published", extra="status: published\n"))
    site.write("en/account/b.md", article(title="Another"))
    build_site(site.config_file, None, SAMPLE_TODAY, strict=True)
    for page in ("en/account/a/index.html", "en/account/b/index.html", "en/account/index.html"):
        assert "md-status" not in site.read_output(page)


def test_long_category_lists_a_bounded_number_of_articles_in_the_sidebar(site: Site) -> None:
    site.configure(nav_articles_per_category=3)
    for number in range(1, 6):
        site.write(f"en/billing/a{number}.md", article(title=f"Billing question {number}"))
    site.write("en/account/only.md", article(title="Account question"))
    build_site(site.config_file, None, SAMPLE_TODAY, strict=True)
    html = site.read_output("en/billing/a1/index.html")
    start = html.index("md-nav--primary")
    nav = html[start : html.index('class="md-nav md-nav--secondary"', start)]
    listed = re.findall(r"Billing question (\d)", nav)
    assert listed == ["1", "2", "3"]
    assert re.search(r'<a href="\.\./" class="md-nav__link">\s*<span class="md-ellipsis">\s*All 5 articles', nav)
    # the category page still lists every article
    assert len(re.findall(r'class="kb-list__title"', site.read_output("en/billing/index.html"))) == 5
    # a short category keeps its whole list
    assert "Account question" in site.read_output("en/account/only/index.html")


def test_at01_a_commit_with_one_broken_link_leaves_the_last_good_site_intact(site: Site) -> None:
    site.write("en/account/a.md", article(title="First", body="See [the second](b.md).\n"))
    site.write("en/account/b.md", article(title="Second"))
    build_site(site.config_file, None, SAMPLE_TODAY, strict=True)
    before = {p: p.read_bytes() for p in site.site_dir.rglob("*") if p.is_file()}
    site.write("en/account/a.md", article(title="First", body="See [the second](b-renamed.md).\n"))
    with pytest.raises(BuildFailed) as failure:
        build_site(site.config_file, None, SAMPLE_TODAY, strict=True)
    assert [(f.rule, f.line) for f in failure.value.findings] == [("broken-link", 8)]
    assert {p: p.read_bytes() for p in site.site_dir.rglob("*") if p.is_file()} == before
    assert not [p for p in site.root.iterdir() if ".kbgen-tmp-" in p.name]
