"""What the language home lists (featured, recently updated, category icons) and the related articles at the end
of an article: chosen in Python at build time, the same on every build."""

from __future__ import annotations

import pytest

from kbgen.config.settings import parse_config
from kbgen.loading.loader import load_corpus
from kbgen.model import Article, Corpus, Finding
from kbgen.render import views
from kbgen.render.related import RelatedArticles, written_by_hand
from kbgen.render.tree import SiteTree
from tests.support.project import BASE_PLUGIN_CONFIG, Site, article


def load(site: Site) -> Corpus:
    return load_corpus(site.content, parse_config(BASE_PLUGIN_CONFIG), "content/")


def tree_of(site: Site) -> SiteTree:
    return SiteTree(load(site), "en")


def by_slug(tree: SiteTree, lang: str, slug: str) -> Article:
    return next(a for a in tree.corpus.articles if a.lang == lang and a.slug == slug)


def titles(items: list[Article] | list[dict[str, str]]) -> list[str]:
    return [item["title"] if isinstance(item, dict) else item.title for item in items]


@pytest.fixture
def tagged(site: Site) -> SiteTree:
    site.write("en/billing/index.md", "---\ntitle: Billing\n---\n")
    site.write("en/billing/invoices.md", article("Invoices", extra="tags: [invoice, pdf, export]"))
    site.write("en/billing/pdf-only.md", article("PDF only", extra="tags: [pdf]"))
    site.write("en/billing/nothing-shared.md", article("Nothing shared"))
    site.write("en/billing/also-unshared.md", article("Also unshared"))
    site.write("en/billing/draft.md", article("Draft twin", extra="tags: [invoice, pdf, export]\nstatus: draft"))
    site.write("en/account/exporter.md", article("Exporter", extra="tags: [Export, invoice]"))
    site.write("en/account/unrelated.md", article("Unrelated", extra="tags: [password]"))
    site.write("tr/billing/faturalar.md", article("Faturalar", extra="tags: [invoice, pdf, export]"))
    return tree_of(site)


def test_related_puts_most_shared_tags_first_then_the_same_section(tagged: SiteTree) -> None:
    related = RelatedArticles(tagged).of(by_slug(tagged, "en", "invoices"))
    # Exporter shares two tags (case folded), PDF only one, then the section's others by title; never itself,
    # a draft, another language or an article of another section with no shared tag.
    assert titles(related) == ["Exporter", "PDF only", "Also unshared", "Nothing shared"]


def test_related_stops_at_five(site: Site) -> None:
    site.write("en/a/index.md", "---\ntitle: A\n---\n")
    for n in range(8):
        site.write(f"en/a/item-{n}.md", article(f"Item {n}"))
    tree = tree_of(site)
    assert titles(RelatedArticles(tree).of(by_slug(tree, "en", "item-0"))) == [f"Item {n}" for n in range(1, 6)]


def test_related_is_the_same_whatever_order_the_files_are_read_in(tagged: SiteTree, site: Site) -> None:
    first = titles(RelatedArticles(tagged).of(by_slug(tagged, "en", "invoices")))
    reversed_corpus = load(site)
    reordered = Corpus(tuple(reversed(reversed_corpus.articles)), reversed_corpus.sections, (), frozenset(), ())
    tree = SiteTree(reordered, "en")
    assert titles(RelatedArticles(tree).of(by_slug(tree, "en", "invoices"))) == first


def test_an_article_alone_in_its_language_has_no_related_articles(tagged: SiteTree) -> None:
    assert RelatedArticles(tagged).of(by_slug(tagged, "tr", "faturalar")) == []


@pytest.mark.parametrize(
    ("headings", "lang", "expected"),
    [
        (["Steps", "Related articles"], "en", True),
        (["RELATED ARTICLES "], "en", True),
        (["İlgili makaleler"], "tr", True),
        (["İLGİLİ MAKALELER"], "tr", True),
        (["相关文章"], "zh", True),
        (["Related articles"], "tr", False),
        (["Related articles and more"], "en", False),
    ],
)
def test_a_hand_written_related_section_is_recognised_in_the_page_language(
    headings: list[str], lang: str, expected: bool
) -> None:
    assert written_by_hand(headings, lang) is expected


@pytest.fixture
def home(site: Site) -> SiteTree:
    site.write("en/zeta/index.md", "---\ntitle: Zeta\norder: 1\nicon: material/credit-card-outline\n---\n")
    site.write("en/alpha/index.md", "---\ntitle: Alpha\norder: 2\n---\n")
    site.write("en/zeta/deep/index.md", "---\ntitle: Deep\n---\n")
    site.write("en/zeta/deep/inner.md", article("Inner", reviewed="2026-05-01", extra="promoted: true"))
    site.write("en/zeta/top.md", article("Top", reviewed="2026-05-01", extra="promoted: true"))
    site.write("en/zeta/plain.md", article("Plain", reviewed="2026-07-01"))
    site.write("en/alpha/first.md", article("First", reviewed="2026-05-01", extra="promoted: true"))
    site.write("en/alpha/b-same-day.md", article("Same day B", reviewed="2026-06-01"))
    site.write("en/alpha/a-same-day.md", article("Same day A", reviewed="2026-06-01"))
    site.write("en/alpha/old.md", article("Old", reviewed="2025-01-01"))
    site.write("en/alpha/hidden.md", article("Hidden", reviewed="2026-09-01", extra="audience: internal"))
    site.write("en/alpha/off.md", article("Not promoted", extra="promoted: false"))
    return tree_of(site)


def test_featured_articles_are_the_promoted_ones_in_listing_order(home: SiteTree) -> None:
    view = views.home_view(home, "en", "en")
    assert titles(view["featured"]) == ["Inner", "Top", "First"]  # Zeta (order 1): its section, then its own


def test_recently_updated_is_the_five_latest_reviews_ties_by_title(home: SiteTree) -> None:
    view = views.home_view(home, "en", "en")
    assert titles(view["recent"]) == ["Not promoted", "Plain", "Same day A", "Same day B", "First"]
    assert view["recent"][1]["reviewed_iso"] == "2026-07-01" and view["recent"][1]["reviewed_text"] == "1 July 2026"


def test_category_cards_carry_their_icon(home: SiteTree) -> None:
    cards = views.home_view(home, "en", "en")["categories"]
    assert [(c["title"], c["icon"]) for c in cards] == [("Zeta", "material/credit-card-outline"), ("Alpha", "")]


def findings(site: Site) -> list[Finding]:
    return list(load(site).findings)


@pytest.mark.parametrize(
    ("value", "code", "message"),
    [
        (
            "material/credit-crd", "KB116",
            "'icon' 'material/credit-crd' is not one of mkdocs-material's icons (did you mean 'material/credit-card'?)",
        ),
        ("Material/Card", "KB116", "'icon' 'Material/Card' is not an icon name such as 'material/credit-card-outline'"),
        ("../../../etc/passwd", "KB116", "'icon' '../../../etc/passwd' is not an icon name"),
        ("[a, b]", "KB112", "'icon' expected an icon name such as 'material/credit-card-outline', got a list"),
    ],
)  # fmt: skip
def test_a_section_icon_material_lacks_is_a_finding_at_its_line(
    site: Site, value: str, code: str, message: str
) -> None:
    site.write("en/billing/index.md", f"---\ntitle: Billing\nicon: {value}\n---\n")
    site.write("en/billing/a.md", article())
    found = [f for f in findings(site) if f.path == "content/en/billing/index.md"]
    assert [(f.code, f.line) for f in found] == [(code, 3)]
    assert found[0].message.startswith(message)


def test_an_article_icon_is_ignored_with_the_reason(site: Site) -> None:
    site.write("en/billing/a.md", article(extra="icon: material/credit-card"))
    (found,) = findings(site)
    assert (found.code, found.line) == ("KB113", 6)
    assert found.message == "unknown key 'icon'; kbgen ignores it: the kbgen theme shows no page icons"


@pytest.mark.parametrize("value", ["yes please", "1", '"true"'])
def test_promoted_must_be_true_or_false(site: Site, value: str) -> None:
    site.write("en/billing/a.md", article(extra=f"promoted: {value}"))
    found = findings(site)
    assert [(f.code, f.line) for f in found] == [("KB112", 6)]
    assert "'promoted' expected true or false" in found[0].message


def test_valid_icon_and_promoted_load_without_findings(site: Site, home: SiteTree) -> None:
    assert findings(site) == []


def test_a_tag_on_too_many_articles_relates_nothing(tagged: SiteTree, monkeypatch: pytest.MonkeyPatch) -> None:
    """Each of the article's tags is on two public English articles: with the bound at one, no tag counts and
    the list is its section's other articles in listing order (Exporter, in another section, is gone)."""
    monkeypatch.setattr("kbgen.render.related.COMMON_TAG", 1)
    related = RelatedArticles(tagged).of(by_slug(tagged, "en", "invoices"))
    assert titles(related) == ["Also unshared", "Nothing shared", "PDF only"]
