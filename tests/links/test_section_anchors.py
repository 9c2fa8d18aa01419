"""A `#fragment` in a link to a section page, a language home or the site's root is checked against the ids that
page really has: the headings of the text its `index.md` shows, and the headings kbgen's home template draws."""

from __future__ import annotations

import re
from collections.abc import Callable

import pytest
from click.testing import Result

from kbgen.model import Finding
from kbgen.publishing.site_build import build_site
from kbgen.render.page_ids import HOME_HEADINGS
from tests.support.edits import edit
from tests.support.project import REPO, SAMPLE_TODAY, Site, article

BILLING = (
    "---\ntitle: Billing\n---\n\n"
    "# Welcome to billing\n\nHow we bill.\n\n## Refund rules\n\nWithin 30 days.\n\n## Card payments\n\nVisa.\n"
)
HOME = "---\ntitle: Help\n---\n\n## Getting help\n\nAsk us.\n"
CONTACT = [{"label": "Contact support", "url": "mailto:support@example.com"}]


def small_site(site: Site) -> None:
    site.write("en/index.md", HOME)
    site.write("en/billing/index.md", BILLING)
    site.write("en/billing/pay.md", article(title="Pay by card", extra="promoted: true"))
    site.write("en/account/reset.md", article(title="Reset your password"))


def check(run_kbgen: Callable[..., Result], site: Site, body: str) -> list[str]:
    """The link findings of an article whose body is `body` (its first line is line 8 of the file)."""
    site.write("en/account/links.md", article(title="Links", body=body))
    result = run_kbgen("check", "--today", SAMPLE_TODAY.isoformat(), cwd=site.root)
    return [line for line in result.stdout.splitlines() if line.startswith("content/en/account/links.md:")]


def test_a_broken_anchor_into_a_section_s_text_is_reported_at_its_line(
    site: Site, run_kbgen: Callable[..., Result]
) -> None:
    small_site(site)
    body = "Intro.\n\nSee [the rules](../billing/index.md#refund-rule) for details.\n"
    assert check(run_kbgen, site, body) == [
        "content/en/account/links.md:10:5: error KB302: anchor '#refund-rule' not found in "
        "content/en/billing/index.md; did you mean '#refund-rules'? (headings: #refund-rules, #card-payments) "
        "[broken-anchor]"
    ]


@pytest.mark.parametrize(
    "target",
    [
        "../billing/index.md#refund-rules",
        "../../billing/#card-payments",  # the page's address, resolved against the article's as a browser does
        "/en/billing/#refund-rules",
        "../billing/index.md#top",
        "../billing/index.md#",
        "../index.md#getting-help",  # the language home's own text
        "../../index.md#top",
    ],
)
def test_an_anchor_the_section_page_has_is_accepted(site: Site, run_kbgen: Callable[..., Result], target: str) -> None:
    small_site(site)
    assert check(run_kbgen, site, f"[x]({target})\n") == []


def test_the_opening_h1_the_page_drops_is_no_anchor(site: Site, run_kbgen: Callable[..., Result]) -> None:
    """The section's title is its H1; the text's own opening H1 is not shown, so its id is not on the page."""
    small_site(site)
    (found,) = check(run_kbgen, site, "[x](../billing/index.md#welcome-to-billing)\n")
    assert "content/en/account/links.md:8:1: error KB302: anchor '#welcome-to-billing' not found" in found
    assert found.endswith("its headings are #refund-rules, #card-payments [broken-anchor]")


@pytest.mark.parametrize("fragment", ["kb-hero-title", "kb-categories-title", "kb-featured-title", "kb-recent-title"])
def test_a_heading_the_home_template_draws_is_accepted(
    site: Site, run_kbgen: Callable[..., Result], fragment: str
) -> None:
    small_site(site)
    assert check(run_kbgen, site, f"[x](../index.md#{fragment}) [y](../../#{fragment})\n") == []


def test_a_home_s_own_text_may_link_to_its_template_s_headings(site: Site, run_kbgen: Callable[..., Result]) -> None:
    small_site(site)
    site.write("en/index.md", HOME + "\nSee [popular](#kb-featured-title) and [nope](#kb-feature-title).\n")
    result = run_kbgen("check", "--today", SAMPLE_TODAY.isoformat(), cwd=site.root)
    assert [line for line in result.stdout.splitlines() if line.startswith("content/en/index.md")] == [
        "content/en/index.md:9:39: error KB302: anchor '#kb-feature-title' not found in this page; did you mean "
        "'#kb-featured-title'? (headings: #getting-help, #kb-hero-title, #kb-categories-title, #kb-featured-title, "
        "#kb-recent-title) [broken-anchor]"
    ]


def test_a_home_heading_is_an_anchor_only_while_the_home_draws_it(site: Site, run_kbgen: Callable[..., Result]) -> None:
    """No promoted article: no featured list. No article in the language folder: no list of them. No contact
    options: no contact card."""
    small_site(site)
    site.write("en/billing/pay.md", article(title="Pay by card"))
    body = "[a](../index.md#kb-featured-title) [b](../index.md#kb-articles-title) [c](../index.md#kb-contact-title)\n"
    found = check(run_kbgen, site, body)
    assert [re.findall(r"KB302: anchor '#([^']*)' not found in content/en/index.md", line) for line in found] == [
        ["kb-featured-title"],
        ["kb-articles-title"],
        ["kb-contact-title"],
    ]
    headings = "(headings: #getting-help, #kb-hero-title, #kb-categories-title, #kb-recent-title) [broken-anchor]"
    assert all(line.endswith(headings) for line in found)
    site.write("en/start.md", article(title="Start here", extra="promoted: true"))
    site.configure(contact=CONTACT)
    assert check(run_kbgen, site, body) == []


def test_a_bad_anchor_into_a_home_is_reported(site: Site, run_kbgen: Callable[..., Result]) -> None:
    small_site(site)
    found = check(run_kbgen, site, "[home](../index.md#getting-hlep)\n[root](../../index.md#languages)\n")
    assert found == [
        "content/en/account/links.md:8:1: error KB302: anchor '#getting-hlep' not found in content/en/index.md; "
        "did you mean '#getting-help'? (headings: #getting-help, #kb-hero-title, #kb-categories-title, "
        "#kb-featured-title, #kb-recent-title) [broken-anchor]",
        # no index.md at the site's root: kbgen makes the language chooser, which has no heading with an id
        "content/en/account/links.md:9:1: error KB302: anchor '#languages' not found in the site's root page "
        "(kbgen makes it; it has no index.md); the page has no heading with that id [broken-anchor]",
    ]


def test_the_page_s_other_ids_are_no_link_targets(site: Site, run_kbgen: Callable[..., Result]) -> None:
    """The header, footer, search form and material's toggles are on every page, articles included, whose
    anchors count only what the page itself shows; `__nav_*` even change with the navigation."""
    small_site(site)
    site.configure(contact=CONTACT)
    body = "[a](../billing/index.md#kb-footer-contact) [b](../../billing/#__drawer) [c](../../#kb-search-hero-input)\n"
    assert [line.split(": ")[1] for line in check(run_kbgen, site, body)] == ["error KB302"] * 3


def test_a_generated_section_page_has_only_its_template_s_ids(site: Site, run_kbgen: Callable[..., Result]) -> None:
    small_site(site)
    (found,) = check(run_kbgen, site, "[x](../#steps)\n")  # en/account/, which has no index.md
    assert found == (
        "content/en/account/links.md:8:1: error KB302: anchor '#steps' not found in the page 'en/account/' "
        "(kbgen makes it; it has no index.md); the page has no heading with that id [broken-anchor]"
    )


def test_the_home_headings_are_the_ids_kbgen_s_templates_write(site: Site) -> None:
    """Every id written as such in the home and section templates (and the contact card they include) is in
    HOME_HEADINGS; the search form's ids are made from a variable, and are form fields."""
    written: set[str] = set()
    for name in ("kb_home.html", "kb_category.html", "partials/kb-contact.html"):
        written |= set(re.findall(r'\bid="([^"{]+)"', (REPO / "theme" / name).read_text(encoding="utf-8")))
    assert written == {heading for heading, _ in HOME_HEADINGS}


def test_the_home_headings_the_check_accepts_are_on_the_built_pages(site: Site) -> None:
    """en has every list (a promoted article, one in the language folder, contact options); tr has only some."""
    small_site(site)
    site.configure(contact=CONTACT)
    site.write("en/start.md", article(title="Start here"))
    site.write("tr/account/reset.md", article(title="Şifrenizi sıfırlayın", owner="emre.kaya"))
    every = {heading for heading, _ in HOME_HEADINGS}
    links = " ".join(f"[{n}](../../{lang}/index.md#{h})" for n, (lang, h) in enumerate(
        (lang, heading) for lang in ("en", "tr") for heading in sorted(every)))  # fmt: skip
    site.write("en/account/links.md", article(title="Links", body=links + "\n"))
    result = build_site(site.config_file, None, SAMPLE_TODAY, strict=False)
    refused = {(f.target, f.message.split("'")[1][1:]) for f in result.findings if f.code == "KB302"}
    accepted: dict[str, set[str]] = {}
    for lang in ("en", "tr"):
        accepted[lang] = {heading for heading in every if (f"content/{lang}/index.md", heading) not in refused}
        assert set(re.findall(r'\bid="([^"]+)"', site.read_output(f"{lang}/index.html"))) & every == accepted[lang]
    assert accepted == {"en": every, "tr": every - {"kb-featured-title", "kb-articles-title"}}


def test_after_a_section_s_heading_is_renamed_a_rebuild_reports_what_a_clean_build_does(site: Site) -> None:
    """The rebuild reuses unchanged pages, not findings: a link into the section's text is judged again."""
    small_site(site)
    site.write("en/account/links.md", article(title="Links", body="[x](../billing/index.md#refund-rules)\n"))
    assert not [f for f in build_site(site.config_file, None, SAMPLE_TODAY, strict=False).findings if f.code == "KB302"]
    edit(site, "en/billing/index.md", "## Refund rules", "## Refunds")
    rebuilt = build_site(site.config_file, None, SAMPLE_TODAY, strict=False)
    clean = build_site(site.config_file, site.root / "clean", SAMPLE_TODAY, strict=False, reuse=False)
    assert sorted(rebuilt.findings, key=Finding.sort_key) == sorted(clean.findings, key=Finding.sort_key)
    assert [f.format().split(": ", 1)[0] for f in rebuilt.findings if f.code == "KB302"] == [
        "content/en/account/links.md:8:1"
    ]


def test_an_anchor_through_an_article_s_old_source_is_checked_in_the_article(
    site: Site, run_kbgen: Callable[..., Result]
) -> None:
    """A renamed article keeps its old name in `redirect_from`; a link to the old `.md` is repointed at it with its
    fragment, so the fragment must be one of the article's headings (it was never checked)."""
    small_site(site)
    site.write(
        "en/billing/refunds.md",
        article(title="Refunds", extra='redirect_from: ["en/billing/old-refunds/"]', body="## Steps\n\nAsk us.\n"),
    )
    body = "See [steps](../billing/old-refunds.md#step) and [the same](../billing/old-refunds.md#steps).\n"
    found = check(run_kbgen, site, body)
    assert len(found) == 1 and "error KB302: anchor '#step' not found in content/en/billing/refunds.md" in found[0]
    assert "did you mean '#steps'?" in found[0]
