"""Nested sections in the built site: section pages, breadcrumbs and their JSON-LD, order, the sidebar's branch,
what an internal section hides, translations, links across sections and search results' section path."""

from __future__ import annotations

import gzip
import json
import re
from html.parser import HTMLParser
from typing import Any

import pytest

from kbgen.publishing.site_build import build_site
from kbgen.search.folders import PREFIX
from tests.support.project import SAMPLE_TODAY, Site, article

SECRETS = ("SECRET-DISPUTE", "SECRET-CHARGEBACK", "SECRET-RUNBOOK", "Operations handbook", "Disputes desk")


def write_tree(site: Site) -> None:
    """A billing category two sections deep in English and Turkish, with an internal section inside it."""
    w = site.write
    w("en/billing/index.md", '---\ntitle: Billing\nowner: billing-team\nproduct_version: ["3.2", "4.0"]\n---\n')
    w("en/billing/plans.md", article(title="Plans and pricing", extra="order: 1\n"))
    w("en/billing/change-plan.md", article(title="Change your plan"))
    w(
        "en/billing/invoices/index.md",
        "---\ntitle: Invoices\nsummary: Find, pay and download invoices.\norder: 1\nreview_interval: 90d\n---\n",
    )
    w("en/billing/invoices/download.md", article(
        title="Download an invoice", extra="order: 1\n",
        body="See [refunds](../refunds/ask-for-a-refund.md), [plans](../plans.md), [your password]"
             "(../../account/reset.md), [VAT](eu/vat.md) and [the section](../../refunds/).\n",
    ))  # fmt: skip
    w(
        "en/billing/invoices/pay.md",
        article(title="Pay an invoice", reviewed="2026-07-01", body="Back to [invoices](../).\n"),
    )
    w("en/billing/invoices/eu/index.md", "---\ntitle: EU invoices\n---\n")
    w("en/billing/invoices/eu/vat.md", article(title="VAT on invoices", extra="redirect_from: [en/billing/vat/]\n"))
    w("en/billing/refunds/ask-for-a-refund.md", article(title="Ask for a refund"))
    w("en/billing/disputes/index.md", "---\ntitle: Disputes desk\naudience: internal\n---\n")
    w("en/billing/disputes/escalate.md", article(title="Escalate SECRET-DISPUTE"))
    w("en/billing/disputes/eu/chargebacks.md", article(title="Chargebacks SECRET-CHARGEBACK"))
    w("en/ops/index.md", "---\ntitle: Operations handbook\n---\n")
    w("en/ops/runbook.md", article(title="Runbook SECRET-RUNBOOK", extra="audience: internal\n"))
    w("en/account/reset.md", article(title="Reset your password"))
    w("tr/billing/index.md", "---\ntitle: Faturalandırma\n---\n")
    w("tr/billing/invoices/index.md", "---\ntitle: Faturalar\n---\n")
    w("tr/billing/invoices/download.md", article(title="Fatura indirme"))
    w("tr/billing/invoices/eu/vat.md", article(title="Faturalarda KDV"))
    # Turkish order: C before Ç, H before dotless I before dotted İ (codepoint order would differ on both)
    for slug, title in (("wallet", "Cüzdan ile ödeme"), ("online", "Çevrimiçi ödeme"), ("light", "Işık modu"),
                        ("discount", "İndirim kodu"), ("account", "Hesap özeti")):  # fmt: skip
        w(f"tr/billing/invoices/{slug}.md", article(title=title))


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Site:
    site = Site(tmp_path_factory.mktemp("nested") / "project")
    with site.config_file.open("a", encoding="utf-8") as config:
        config.write("site_url: https://help.example.com/\n")  # absolute JSON-LD addresses and a sitemap
    write_tree(site)
    result = build_site(site.config_file, None, SAMPLE_TODAY, strict=False)
    # the section's 90d: 2026-07-01 + 90d is overdue on SAMPLE_TODAY, 2026-09-01 + 90d is due within 30 days
    freshness = [f for f in result.findings if f.code.startswith("KB2")]  # the translations here record no source
    assert sorted((f.rule, f.path) for f in freshness) == [
        ("due-soon", "content/en/billing/invoices/download.md"),
        ("due-soon", "content/en/billing/invoices/eu/vat.md"),
        ("stale", "content/en/billing/invoices/pay.md"),
    ]
    assert all("+ 90d, from content/en/billing/invoices/index.md" in f.message for f in freshness)
    return site


class _Page(HTMLParser):
    """The breadcrumb trail, the JSON-LD blocks and the order of listed titles on one page."""

    def __init__(self) -> None:
        super().__init__()
        self.crumbs: list[tuple[str, str | None]] = []
        self.json_ld: list[str] = []
        self._crumb: dict[str, Any] | None = None
        self._script: list[str] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        if tag == "li" and "kb-breadcrumbs__item" in (a.get("class") or ""):
            self._crumb = {"text": "", "href": None}
        elif tag == "a" and self._crumb is not None:
            self._crumb["href"] = a.get("href")
        elif tag == "script" and a.get("type") == "application/ld+json":
            self._script = []

    def handle_endtag(self, tag: str) -> None:
        if tag == "li" and self._crumb is not None:
            self.crumbs.append((self._crumb["text"].strip(), self._crumb["href"]))
            self._crumb = None
        elif tag == "script" and self._script is not None:
            self.json_ld.append("".join(self._script))
            self._script = None

    def handle_data(self, data: str) -> None:
        if self._crumb is not None:
            self._crumb["text"] += data
        if self._script is not None:
            self._script.append(data)


def parse(site: Site, rel: str) -> tuple[str, _Page]:
    html = site.read_output(rel)
    page = _Page()
    page.feed(html)
    return html, page


def sidebar(html: str) -> str:
    start = html.index("md-nav--primary")
    return html[start : html.index('class="md-nav md-nav--secondary"', start)]


def test_article_page_shows_its_whole_trail_and_the_same_trail_as_json_ld(built: Site) -> None:
    html, page = parse(built, "en/billing/invoices/eu/vat/index.html")
    assert page.crumbs == [
        ("Home", "../../../../"),
        ("Billing", "../../../"),
        ("Invoices", "../../"),
        ("EU invoices", "../"),
        ("VAT on invoices", None),
    ]
    assert '<li class="kb-breadcrumbs__item kb-breadcrumbs__item--current" aria-current="page">' in html
    (block,) = page.json_ld
    data = json.loads(block)
    assert data["@context"] == "https://schema.org" and data["@type"] == "BreadcrumbList"
    assert [(i["position"], i["name"], i["item"]) for i in data["itemListElement"]] == [
        (1, "Home", "https://help.example.com/en/"),
        (2, "Billing", "https://help.example.com/en/billing/"),
        (3, "Invoices", "https://help.example.com/en/billing/invoices/"),
        (4, "EU invoices", "https://help.example.com/en/billing/invoices/eu/"),
        (5, "VAT on invoices", "https://help.example.com/en/billing/invoices/eu/vat/"),
    ]
    assert all(i["@type"] == "ListItem" for i in data["itemListElement"])


def test_one_level_article_keeps_a_short_trail_and_its_category_link(built: Site) -> None:
    html, page = parse(built, "en/account/reset/index.html")
    assert page.crumbs == [("Home", "../../"), ("Account", "../"), ("Reset your password", None)]
    assert '<a class="kb-meta__category" href="../">Account</a>' in html


def test_section_page_lists_subsections_with_public_counts_then_articles(built: Site) -> None:
    html, page = parse(built, "en/billing/index.html")
    assert page.crumbs == [("Home", "../"), ("Billing", None)]
    assert [item["name"] for item in json.loads(page.json_ld[0])["itemListElement"]] == ["Home", "Billing"]
    cards = re.findall(
        r'class="kb-card__link" href="([^"]+)">\s*<span class="kb-card__title">([^<]+)</span>.*?'
        r'kb-card__count">([^<]+)<',
        html,
        re.S,
    )
    # Invoices has order: 1; the internal Disputes desk (two articles) is neither listed nor counted
    assert cards == [("invoices/", "Invoices", "3 articles"), ("refunds/", "Refunds", "1 article")]
    articles = re.findall(r'class="kb-list__title" href="([^"]+)">([^<]+)<', html)
    assert articles == [("plans/", "Plans and pricing"), ("change-plan/", "Change your plan")]
    assert html.index("kb-sections") < html.index('class="kb-list"')
    assert '<p class="kb-category__count">6 articles</p>' in html
    assert '<h2 class="kb-category__heading">Sections</h2>' in html


def test_deeper_section_page_orders_by_order_key_then_title(built: Site) -> None:
    html, page = parse(built, "en/billing/invoices/index.html")
    assert [text for text, _ in page.crumbs] == ["Home", "Billing", "Invoices"]
    assert "Find, pay and download invoices." in html
    assert re.findall(r'class="kb-list__title" href="[^"]+">([^<]+)<', html) == [
        "Download an invoice",
        "Pay an invoice",
    ]
    assert re.findall(r'kb-card__title">([^<]+)<', html) == ["EU invoices"]


def test_home_page_cards_count_public_articles_at_every_depth(built: Site) -> None:
    html = built.read_output("en/index.html")
    cards = re.findall(r'kb-card__title">([^<]+)</span>.*?kb-card__count">([^<]+)<', html, re.S)
    assert cards == [("Account", "1 article"), ("Billing", "6 articles")]


def test_an_internal_section_and_an_internal_only_category_are_not_published_anywhere(built: Site) -> None:
    for gone in ("en/billing/disputes", "en/ops"):
        assert not (built.site_dir / gone).exists()
    for path in built.site_dir.rglob("*"):
        if path.is_file() and path.suffix in (".html", ".xml", ".json", ".txt"):
            text = path.read_text(encoding="utf-8")
            assert not any(secret in text for secret in SECRETS), path
            assert "disputes/" not in text and "en/ops/" not in text, path
    for path in (built.site_dir / PREFIX).rglob("*.kbs"):  # term shards end in binary postings: compare bytes
        data = gzip.decompress(path.read_bytes())
        assert not any(secret.encode() in data for secret in SECRETS) and b"disputes" not in data, path
    sitemap = built.read_output("sitemap.xml")
    assert "https://help.example.com/en/billing/invoices/eu/vat/" in sitemap
    assert "https://help.example.com/en/billing/refunds/" in sitemap


def test_sidebar_expands_the_current_branch_and_collapses_siblings(built: Site) -> None:
    nav = sidebar(built.read_output("en/billing/invoices/eu/vat/index.html"))
    hrefs = re.findall(r'href="([^"]+)"', nav)
    assert '<a href="./" class="md-nav__link md-nav__link--active">' in nav
    items = re.findall(r'<li class="(md-nav__item[^"]*)"[^>]*>.*?<a href="([^"]+)"', nav, re.S)
    state = {href: ("pruned" if "--pruned" in cls else "active" if "--active" in cls else "") for cls, href in items}
    assert [state[h] for h in ("../../../", "../../", "../")] == ["active"] * 3  # Billing > Invoices > EU invoices
    assert state["../../../refunds/"] == "pruned" and state["../../../../account/"] == "pruned"
    # ancestors' own lists are there: Invoices' articles and Billing's articles and sections
    assert "../../download/" in hrefs and "../../pay/" in hrefs
    assert "../../../plans/" in hrefs and "../../../refunds/" in hrefs
    # a sibling section is collapsed to its own page: its articles are not on this page
    assert not any("ask-for-a-refund" in h for h in hrefs)
    assert not any("account/reset" in h for h in hrefs)  # another category, collapsed
    titles = [t.strip() for t in re.findall(r'<span class="md-ellipsis">\s*([^<]+?)\s*</span>', nav)]
    billing = titles[titles.index("Billing") :]
    # listing order in the sidebar: subsections (by order, then title), then articles (by order, then title)
    assert billing[:7] == ["Billing", "Invoices", "EU invoices", "VAT on invoices", "Download an invoice",
                           "Pay an invoice", "Refunds"]  # fmt: skip
    assert billing[7:9] == ["Plans and pricing", "Change your plan"]
    assert "Disputes desk" not in titles


def test_turkish_section_orders_by_the_turkish_alphabet_and_titles_come_from_its_index(built: Site) -> None:
    html, page = parse(built, "tr/billing/invoices/index.html")
    assert page.crumbs == [("Ana sayfa", "../../"), ("Faturalandırma", "../"), ("Faturalar", None)]
    titles = re.findall(r'class="kb-list__title" href="[^"]+">([^<]+)<', html)
    assert titles == ["Cüzdan ile ödeme", "Çevrimiçi ödeme", "Fatura indirme", "Hesap özeti", "Işık modu",
                      "İndirim kodu"]  # fmt: skip
    assert 'hreflang="en"' in html and 'href="../../../en/billing/invoices/"' in html


def test_translated_nested_article_switches_language_and_keeps_its_trail(built: Site) -> None:
    html, page = parse(built, "tr/billing/invoices/eu/vat/index.html")
    # no tr/billing/invoices/eu/index.md: the section's title comes from its folder name
    assert page.crumbs == [("Ana sayfa", "../../../../"), ("Faturalandırma", "../../../"), ("Faturalar", "../../"),
                           ("Eu", "../"), ("Faturalarda KDV", None)]  # fmt: skip
    assert 'href="../../../../../en/billing/invoices/eu/vat/"' in html
    en = built.read_output("en/billing/invoices/eu/vat/index.html")
    assert 'href="../../../../../tr/billing/invoices/eu/vat/"' in en


def test_the_reader_notice_uses_the_interval_inherited_from_the_section(built: Site) -> None:
    stale = built.read_output("en/billing/invoices/pay/index.html")
    assert re.search(r'<div class="kb-notice" data-kb-stale-from="2026-09-30">', stale)
    fresh = built.read_output("en/billing/invoices/download/index.html")  # 2026-09-01 + 90d: 2026-11-30
    assert re.search(r'<div class="kb-notice" data-kb-stale-from="2026-12-01" hidden>', fresh)
    other = built.read_output("en/billing/plans/index.html")  # the site's 180d
    assert re.search(r'<div class="kb-notice" data-kb-stale-from="2027-03-01" hidden>', other)


def test_links_across_sections_resolve_to_pages_that_exist(built: Site) -> None:
    html = built.read_output("en/billing/invoices/download/index.html")
    body = html[html.index('<div class="kb-meta">') :]
    hrefs = {
        text: href for href, text in re.findall(r'<a href="([^"]+)"[^>]*>([^<]+)</a>', body) if not href.startswith("#")
    }
    expected = {
        "refunds": "../../refunds/ask-for-a-refund/",
        "plans": "../../plans/",
        "your password": "../../../account/reset/",
        "VAT": "../eu/vat/",
        "the section": "../../refunds/",
    }
    for text, href in expected.items():
        assert hrefs[text] == href
    page_dir = built.site_dir / "en/billing/invoices/download"
    for text in ("refunds", "plans", "your password", "VAT"):
        assert (page_dir / hrefs[text] / "index.html").resolve().is_file(), text


def test_a_redirect_to_a_nested_article_lands_on_it(built: Site) -> None:
    page = built.read_output("en/billing/vat/index.html")
    assert 'content="0; url=../invoices/eu/vat/"' in page


def test_search_results_carry_the_section_path(built: Site) -> None:
    found = (built.site_dir / PREFIX).glob("immutable/*/d/*.kbs")
    fragments = [json.loads(gzip.decompress(p.read_bytes())) for p in found]
    by_url = {f["u"]: f for f in fragments}
    assert by_url["en/billing/invoices/eu/vat/"]["c"] == "Billing"
    assert by_url["en/billing/invoices/eu/vat/"]["p"] == "Billing › Invoices › EU invoices"
    assert by_url["tr/billing/invoices/eu/vat/"]["p"] == "Faturalandırma › Faturalar › Eu"
    assert "p" not in by_url["en/billing/plans/"] and by_url["en/billing/plans/"]["c"] == "Billing"


def test_json_ld_cannot_be_closed_by_a_title(site: Site) -> None:
    site.write("en/billing/index.md", '---\ntitle: "Bills </script><script>alert(1)</script>"\n---\n')
    site.write("en/billing/x/a.md", article(title="A & B <!-- c --> </SCRIPT >"))
    build_site(site.config_file, None, SAMPLE_TODAY, strict=True)
    for rel in ("en/billing/x/a/index.html", "en/billing/index.html"):
        html, page = parse(site, rel)
        assert html.count("<script>alert(1)") == 0
        (block,) = page.json_ld
        assert "<" not in block and ">" not in block and "&" not in block
        names = [item["name"] for item in json.loads(block)["itemListElement"]]
        assert "Bills </script><script>alert(1)</script>" in names
    names = [
        item["name"] for item in json.loads(parse(site, "en/billing/x/a/index.html")[1].json_ld[0])["itemListElement"]
    ]
    assert names[-1] == "A & B <!-- c --> </SCRIPT >"
    # without site_url the items are relative to the page
    items = json.loads(parse(site, "en/billing/x/a/index.html")[1].json_ld[0])["itemListElement"]
    assert [i["item"] for i in items] == ["../../../", "../../", "../", "./"]


def test_the_sidebar_of_a_long_nested_section_stays_bounded(site: Site) -> None:
    site.configure(nav_articles_per_category=3)
    for number in range(1, 7):
        site.write(f"en/billing/invoices/q{number}.md", article(title=f"Invoice question {number}"))
    site.write("en/billing/other.md", article(title="Other billing question"))
    build_site(site.config_file, None, SAMPLE_TODAY, strict=True)
    nav = sidebar(site.read_output("en/billing/invoices/q1/index.html"))
    assert re.findall(r"Invoice question (\d)", nav) == ["1", "2", "3"]
    assert re.search(r'<a href="\.\./" class="md-nav__link">\s*<span class="md-ellipsis">\s*All 6 articles', nav)
    assert len(re.findall(r'class="kb-list__title"', site.read_output("en/billing/invoices/index.html"))) == 6


def test_max_depth_site_builds_and_one_deeper_is_a_strict_failure(site: Site) -> None:
    from kbgen.publishing.site_build import BuildFailed

    site.configure(max_depth=3)
    site.write("en/a/b/c/deep.md", article(title="Deep"))
    build_site(site.config_file, None, SAMPLE_TODAY, strict=True)
    _html, page = parse(site, "en/a/b/c/deep/index.html")
    assert [text for text, _ in page.crumbs] == ["Home", "A", "B", "C", "Deep"]
    site.write("en/a/b/c/d/deeper.md", article(title="Deeper"))
    with pytest.raises(BuildFailed) as failure:
        build_site(site.config_file, None, SAMPLE_TODAY, strict=True)
    assert [(f.rule, f.path) for f in failure.value.findings] == [("too-deep", "content/en/a/b/c/d/deeper.md")]


def test_written_category_page_with_only_internal_articles_is_not_published(site: Site) -> None:
    site.write("en/ops/index.md", "---\ntitle: Operations handbook\n---\n")
    site.write("en/ops/runbook.md", article(title="Runbook", extra="audience: internal\n"))
    site.write("en/account/reset.md", article(title="Reset"))
    build_site(site.config_file, None, SAMPLE_TODAY, strict=False)
    assert not (site.site_dir / "en/ops").exists()
    assert all("Operations handbook" not in p.read_text(encoding="utf-8") for p in site.site_dir.rglob("*.html"))
