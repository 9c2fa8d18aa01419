"""Nested sections in the loader: depth up to max_depth, section defaults inherited by articles, order keys."""

from __future__ import annotations

from typing import Any

import pytest

from kbgen.checks import CheckContext, run_checks
from kbgen.config.settings import ConfigError, parse_config
from kbgen.loading.loader import load_corpus
from kbgen.model import Corpus, Finding
from tests.support.project import BASE_PLUGIN_CONFIG, SAMPLE_TODAY, Site, article


def load(site: Site, **plugin: Any) -> Corpus:
    return load_corpus(site.content, parse_config({**BASE_PLUGIN_CONFIG, **plugin}), "content/")


def findings(site: Site, **plugin: Any) -> list[Finding]:
    config = parse_config({**BASE_PLUGIN_CONFIG, **plugin})
    return run_checks(CheckContext(load_corpus(site.content, config, "content/"), config, SAMPLE_TODAY))


def section(title: str = "", extra: str = "") -> str:
    front = (f"title: {title}\n" if title else "") + extra
    return f"---\n{front}---\n" if front else "---\n---\n"


def bare(title: str, extra: str = "") -> str:
    """An article relying on its sections for owner and product_version."""
    return f"---\ntitle: {title}\nreviewed: 2026-09-01\n{extra}---\n\nBody.\n"


def lines(found: list[Finding], rule: str) -> list[str]:
    return [f.format() for f in found if f.rule == rule]


@pytest.mark.parametrize("depth", [1, 2, 3, 6])
def test_articles_load_at_every_depth_up_to_the_default_limit(site: Site, depth: int) -> None:
    folders = ["billing", "invoices", "eu", "vat", "2026", "q1"][:depth]
    site.write("/".join(["en", *folders, "how-to.md"]), article(title="How to"))
    corpus = load(site)
    assert [f.format() for f in corpus.findings] == []
    (found,) = corpus.articles
    assert found.category == "billing"
    assert found.section_path == tuple(folders)
    assert found.url == "en/" + "".join(f"{part}/" for part in folders) + "how-to/"
    assert found.translation_key == "/".join(folders) + "/how-to"


def test_one_folder_past_the_default_limit_is_refused_with_the_file_and_the_limit(site: Site) -> None:
    site.write("en/a/b/c/d/e/f/g/too-deep.md", article(title="Too deep"))
    site.write("en/a/b/c/d/e/f/fine.md", article(title="Fine"))
    corpus = load(site)
    assert [a.slug for a in corpus.articles] == ["fine"]
    assert [f.format() for f in corpus.findings] == [
        "content/en/a/b/c/d/e/f/g/too-deep.md:1:1: error KB136: this file is 7 section folders below the language; "
        "the limit is max_depth: 6: move it up, or raise max_depth in the kbgen plugin options [too-deep]"
    ]


def test_max_depth_is_configurable_and_applies_to_section_pages_too(site: Site) -> None:
    site.write("en/billing/invoices/pay.md", article(title="Pay"))
    site.write("en/billing/invoices/eu/index.md", section("EU invoices"))
    site.write("en/billing/invoices/eu/vat.md", article(title="VAT"))
    corpus = load(site, max_depth=2)
    assert [a.slug for a in corpus.articles] == ["pay"]
    assert sorted((f.path, f.rule) for f in corpus.findings) == [
        ("content/en/billing/invoices/eu/index.md", "too-deep"),
        ("content/en/billing/invoices/eu/vat.md", "too-deep"),
    ]
    assert "the limit is max_depth: 2" in corpus.findings[0].message
    assert sorted(a.slug for a in load(site, max_depth=3).articles) == ["pay", "vat"]


@pytest.mark.parametrize("value", [0, -1, "6", True])
def test_max_depth_must_be_a_positive_number(value: object) -> None:
    with pytest.raises(ConfigError, match="'max_depth': expected a positive number of folders"):
        parse_config({"max_depth": value})


def test_a_markdown_file_outside_any_language_folder_is_still_misplaced(site: Site) -> None:
    site.write("stray.md", article())
    (finding,) = load(site).findings
    assert finding.rule == "misplaced-article" and "belong in a language folder" in finding.message


def test_every_folder_is_a_section_with_its_index_title_order_and_summary(site: Site) -> None:
    site.write("en/billing/index.md", section("Billing and plans", "order: 2\n"))
    site.write("en/billing/invoices/index.md", section("Invoices and receipts", "summary: Get PDFs.\norder: 1\n"))
    site.write("en/billing/invoices/pay.md", article(title="Pay"))
    corpus = load(site)
    invoices = corpus.section("en", ("billing", "invoices"))
    assert invoices is not None and corpus.section("en", "billing/invoices") is invoices
    assert (invoices.title, invoices.summary, invoices.order, invoices.url) == (
        "Invoices and receipts", "Get PDFs.", 1, "en/billing/invoices/",
    )  # fmt: skip
    assert invoices.category == "billing"


def test_owner_and_versions_come_from_the_nearest_section_that_sets_them(site: Site) -> None:
    site.write("en/billing/index.md", section("Billing", 'owner: billing-team\nproduct_version: ["3.2", "4.0"]\n'))
    site.write("en/billing/invoices/index.md", section("Invoices", "owner: invoices-team\n"))
    site.write("en/billing/invoices/pay.md", bare("Pay an invoice"))
    site.write("en/billing/refunds/ask.md", bare("Ask for a refund"))
    site.write("en/billing/invoices/own.md", bare("Own owner", 'owner: ana\nproduct_version: "4.0"\n'))
    corpus = load(site)
    assert [f.format() for f in corpus.findings] == []
    by_slug = {a.slug: a for a in corpus.articles}
    assert (by_slug["pay"].owner, by_slug["pay"].versions) == ("invoices-team", ("3.2", "4.0"))
    assert by_slug["pay"].inherited["owner"].display == "content/en/billing/invoices/index.md"
    assert by_slug["pay"].inherited["product_version"].display == "content/en/billing/index.md"
    assert (by_slug["ask"].owner, by_slug["ask"].inherited["owner"].path) == ("billing-team", ("billing",))
    assert (by_slug["own"].owner, by_slug["own"].versions, dict(by_slug["own"].inherited)) == ("ana", ("4.0",), {})


def test_without_a_section_default_owner_and_versions_are_still_required(site: Site) -> None:
    site.write("en/billing/index.md", section("Billing", "owner: billing-team\n"))
    site.write("en/billing/invoices/pay.md", bare("Pay"))
    site.write("en/account/reset.md", bare("Reset"))
    found = findings(site)
    assert lines(found, "missing-field") == [
        "content/en/account/reset.md:1:1: error KB110: required field 'owner' is missing; add 'owner: ...' "
        "[missing-field]",
        "content/en/account/reset.md:1:1: error KB110: required field 'product_version' is missing; "
        "add 'product_version: ...' [missing-field]",
        "content/en/billing/invoices/pay.md:1:1: error KB110: required field 'product_version' is missing; "
        "add 'product_version: ...' [missing-field]",
    ]


def test_a_broken_section_index_is_refused_and_lends_nothing(site: Site) -> None:
    site.write("en/billing/index.md", section("Billing", "owner: billing-team\nreview_interval: soon\n"))
    site.write("en/billing/pay.md", bare("Pay", 'product_version: "4.0"\n'))
    corpus = load(site)
    assert corpus.section("en", "billing") is None
    assert sorted((f.path, f.rule) for f in corpus.findings) == [
        ("content/en/billing/index.md", "invalid-value"),
        ("content/en/billing/pay.md", "missing-field"),
    ]


def test_an_internal_section_makes_everything_below_it_internal(site: Site) -> None:
    site.write("en/billing/index.md", section("Billing"))
    site.write("en/billing/disputes/index.md", section("Disputes", "audience: internal\n"))
    site.write("en/billing/disputes/escalate.md", article(title="Escalate"))
    site.write("en/billing/disputes/eu/index.md", section("EU disputes"))
    site.write("en/billing/disputes/eu/chargebacks.md", article(title="Chargebacks"))
    site.write("en/billing/pay.md", article(title="Pay"))
    corpus = load(site)
    audience = {a.slug: a.audience for a in corpus.articles}
    assert audience == {"escalate": "internal", "chargebacks": "internal", "pay": "public"}
    origin = {a.slug: a.inherited["audience"].display for a in corpus.articles if "audience" in a.inherited}
    assert origin == {
        "escalate": "content/en/billing/disputes/index.md",
        "chargebacks": "content/en/billing/disputes/index.md",
    }
    assert not corpus.is_published("en", ("billing", "disputes"))
    assert not corpus.is_published("en", ("billing", "disputes", "eu"))
    assert corpus.is_published("en", ("billing",))


def test_audience_public_cannot_reopen_an_internal_section_and_says_so(site: Site) -> None:
    site.write("en/ops/index.md", section("Operations", "audience: internal\n"))
    site.write("en/ops/runbook.md", article(title="Runbook", extra="audience: public\n"))
    site.write("en/ops/oncall/index.md", section("On call", "audience: public\n"))
    site.write("en/ops/oncall/pager.md", article(title="Pager"))
    corpus = load(site)
    assert {a.slug: a.audience for a in corpus.articles} == {"runbook": "internal", "pager": "internal"}
    assert [f.format() for f in corpus.findings] == [
        "content/en/ops/oncall/index.md:3:11: warning KB117: 'audience: public' has no effect: "
        "content/en/ops/index.md makes everything under it internal, so this stays unpublished; remove the key, "
        "or move the file out of that section [public-under-internal]",
        "content/en/ops/runbook.md:6:11: warning KB117: 'audience: public' has no effect: content/en/ops/index.md "
        "makes everything under it internal, so this stays unpublished; remove the key, or move the file out of "
        "that section [public-under-internal]",
    ]


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("first", "'order' expected a whole number such as 1, 2 or 10, got the text 'first'"),
        ('"3"', "'order' expected a whole number, got text; remove the quotes"),
        ("1.5", "'order' expected a whole number such as 1, 2 or 10, got number"),
        ("true", "'order' expected a whole number such as 1, 2 or 10, got boolean"),
        ("[1, 2]", "'order' expected a whole number such as 1, 2 or 10, got a list"),
    ],
)
@pytest.mark.parametrize("where", ["article", "section"])
def test_order_must_be_a_whole_number_on_articles_and_sections(
    site: Site, value: str, expected: str, where: str
) -> None:
    if where == "article":
        site.write("en/billing/pay.md", article(title="Pay", extra=f"order: {value}\n"))
    else:
        site.write("en/billing/index.md", section("Billing", f"order: {value}\n"))
        site.write("en/billing/pay.md", article(title="Pay"))
    (finding,) = load(site).findings
    assert finding.rule == "wrong-type" and finding.message.startswith(expected), finding.message


def test_order_is_read_on_articles_and_negative_numbers_are_fine(site: Site) -> None:
    site.write("en/billing/pay.md", article(title="Pay", extra="order: -2\n"))
    site.write("en/billing/index.md", section("Billing", "order: 10\n"))
    corpus = load(site)
    assert [a.order for a in corpus.articles] == [-2]
    section_page = corpus.section("en", "billing")
    assert section_page is not None and section_page.order == 10


def test_language_homes_take_no_section_defaults(site: Site) -> None:
    site.write("en/index.md", section("Help", "owner: someone\n"))
    site.write("en/billing/pay.md", article(title="Pay"))
    (finding,) = load(site).findings
    assert finding.rule == "unknown-field" and "unknown key 'owner'" in finding.message


def test_an_article_named_like_a_section_folder_is_refused_and_the_section_wins(site: Site) -> None:
    site.write("en/billing/invoices.md", article(title="Invoices"))
    site.write("en/billing/invoices/pay.md", article(title="Pay"))
    corpus = load(site)
    assert [a.slug for a in corpus.articles] == ["pay"]
    found = run_checks(CheckContext(corpus, parse_config(BASE_PLUGIN_CONFIG), SAMPLE_TODAY))
    assert [f.format() for f in found] == [
        "content/en/billing/invoices.md:1:1: error KB306: 'en/billing/invoices.md' and the section folder "
        "'en/billing/invoices/' would be written to the same URL (en/billing/invoices/); the section is published "
        "and this article is not: rename one of them [duplicate-url]"
    ]


def test_duplicate_titles_are_per_section(site: Site) -> None:
    site.write("en/billing/invoices/overview.md", article(title="Overview"))
    site.write("en/billing/refunds/overview.md", article(title="Overview"))
    site.write("en/billing/refunds/again.md", article(title="overview"))
    flagged = sorted(f.path for f in findings(site) if f.rule == "duplicate-title")
    assert flagged == ["content/en/billing/refunds/again.md", "content/en/billing/refunds/overview.md"]


def test_links_into_an_internal_section_are_links_to_unpublished_pages(site: Site) -> None:
    site.write("en/billing/disputes/index.md", section("Disputes", "audience: internal\n"))
    site.write("en/billing/disputes/escalate.md", article(title="Escalate"))
    site.write("en/billing/invoices/pay.md", article(title="Pay"))
    body = "[a](../disputes/index.md) [b](../disputes/escalate.md) [c](../../disputes/) [d](../invoices/pay.md)\n"
    site.write("en/billing/refunds/ask.md", article(title="Ask", body=body))
    found = [f for f in findings(site) if f.path == "content/en/billing/refunds/ask.md"]
    assert [(f.rule, f.column) for f in found] == [("link-to-unpublished", c) for c in (1, 27, 56)]
    assert "a section with no public article" in found[0].message
