"""Listing order: `order` keys first, then titles in the language's alphabet; and the published tree's counts."""

from __future__ import annotations

import unicodedata

import pytest

from kbgen.config.settings import parse_config
from kbgen.loading.loader import load_corpus
from kbgen.render.ordering import _TAILORING, collation_key, fold, listing_key
from kbgen.render.tree import SiteTree
from tests.support.project import BASE_PLUGIN_CONFIG, Site, article


@pytest.mark.parametrize(
    ("lang", "titles"),
    [
        # Turkish: ç after c, ğ after g, dotless ı before i, ö after o, ş after s, ü after u; I is ı, İ is i
        ("tr", ["Cep", "Çalışma", "Gider", "Ğ harfi", "Hesap", "Işık", "İptal", "Ödeme", "Sıfırla", "Şifre", "Uç"]),
        ("tr", ["ılık", "Işıklar", "iki", "İlk"]),
        # Romanian: ă then â after a, î after i, ș after s, ț after t (the old cedilla forms sort the same)
        ("ro", ["Abonament", "Argint", "Ăsta", "Âmbă", "Istoric", "Îndrumar", "Sumar", "Ştergere", "Taxe", "Țară"]),
        # English: accents and case do not decide, punctuation is skipped
        ("en", ["apple", "Émile", "“Quoted” reply", "Resume", "résumé", "Zebra"]),
    ],
)
def test_titles_sort_in_the_languages_alphabet(lang: str, titles: list[str]) -> None:
    shuffled = titles[::-1][1::2] + titles[::-1][::2]
    assert sorted(shuffled, key=lambda t: collation_key(t, lang)) == titles


def test_the_same_letters_sort_differently_by_language() -> None:
    words = ["Çay", "Dosya", "Cuma"]
    assert sorted(words, key=lambda w: collation_key(w, "tr")) == ["Cuma", "Çay", "Dosya"]
    assert sorted(words, key=lambda w: collation_key(w, "en")) == ["Çay", "Cuma", "Dosya"]


def test_ordered_items_come_first_lowest_first_then_the_rest_by_title() -> None:
    items = [(None, "Alpha"), (2, "Zulu"), (None, "Bravo"), (1, "Yankee"), (2, "Echo"), (-5, "X-ray")]
    ranked = sorted(items, key=lambda item: listing_key(item[0], item[1], "en"))
    assert [title for _, title in ranked] == ["X-ray", "Yankee", "Echo", "Zulu", "Alpha", "Bravo"]


def test_different_titles_never_tie() -> None:
    assert collation_key("Resume", "en") != collation_key("résumé", "en")
    assert collation_key("Resume", "en")[0] == collation_key("résumé", "en")[0]


def _primary_one_by_one(text: str, lang: str) -> str:
    """The primary letters as the ordering rules define them, worked out for each character of the text afresh."""
    tailoring = _TAILORING.get(lang.split("-")[0], {})
    primary = []
    for char in fold(text, lang):
        if char in tailoring:
            base, rank = tailoring[char]
            primary.append(base + chr(rank + 1))
            continue
        for part in unicodedata.normalize("NFKD", char):
            if unicodedata.category(part) != "Mn" and not unicodedata.category(part).startswith("P"):
                primary.append(part + chr(1))
    return "".join(primary)


@pytest.mark.parametrize("lang", ["en", "tr", "ro", "ro-MD", "zh"])
def test_a_key_is_its_characters_keys_in_order(lang: str) -> None:
    """Each character's primary letters are remembered per language (str.translate); a title's key is still
    exactly theirs, character by character, whatever else was keyed before."""
    for text in ["İstanbul’da ŞİFRE", "Ţara ţării: Ăsta, âmbă", "ﬁle — Émile (2nd)", "资源管理 ¹²", "a\u0301b\u200b"]:
        assert collation_key(text, lang) == (_primary_one_by_one(text, lang), fold(text, lang), text)


def tree(site: Site) -> SiteTree:
    return SiteTree(load_corpus(site.content, parse_config(BASE_PLUGIN_CONFIG), "content/"), "en")


def test_the_tree_orders_sections_and_articles_and_counts_public_articles_below(site: Site) -> None:
    site.write("en/billing/index.md", "---\ntitle: Billing\n---\n")
    site.write("en/billing/refunds/index.md", "---\ntitle: Refunds\n---\n")
    site.write("en/billing/invoices/index.md", "---\ntitle: Invoices\norder: 1\n---\n")
    site.write("en/billing/invoices/pay.md", article(title="Pay an invoice"))
    site.write("en/billing/invoices/download.md", article(title="Download invoices", extra="order: 5\n"))
    site.write("en/billing/invoices/eu/vat.md", article(title="VAT on invoices"))
    site.write("en/billing/invoices/eu/draft.md", article(title="Draft", extra="status: draft\n"))
    site.write("en/billing/refunds/ask.md", article(title="Ask for a refund"))
    site.write("en/billing/plans.md", article(title="Plans"))
    site.write("en/billing/secret/index.md", "---\ntitle: Secret\naudience: internal\n---\n")
    site.write("en/billing/secret/x.md", article(title="Secret thing"))
    built = tree(site)
    billing = built.node("en", ("billing",))
    assert billing is not None
    assert [(child.title, child.count) for child in billing.children] == [("Invoices", 3), ("Refunds", 1)]
    assert [a.title for a in billing.articles] == ["Plans"]
    assert billing.count == 5
    invoices = billing.children[0]
    assert [a.title for a in invoices.articles] == ["Download invoices", "Pay an invoice"]
    assert [(c.title, c.count, c.url) for c in invoices.children] == [("Eu", 1, "en/billing/invoices/eu/")]
    assert built.node("en", ("billing", "secret")) is None
    assert [n.title for n in invoices.children[0].trail()] == ["English", "Billing", "Invoices", "Eu"]
    home = built.home("en")
    assert home is not None and home.count == 5


def test_a_language_with_only_internal_articles_has_no_tree(site: Site) -> None:
    site.write("en/account/reset.md", article(title="Reset"))
    site.write("tr/ops/index.md", "---\ntitle: Ops\naudience: internal\n---\n")
    site.write("tr/ops/runbook.md", article(title="Runbook"))
    built = tree(site)
    assert built.languages == ["en"] and built.home("tr") is None
