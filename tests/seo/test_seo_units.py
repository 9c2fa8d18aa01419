"""hreflang alternates, sitemap entries and robots.txt from a small published tree (kbgen.render.seo)."""

from __future__ import annotations

from pathlib import Path

import pytest

from kbgen.config.settings import ConfigError, KbConfig, parse_config
from kbgen.loading.loader import load_corpus
from kbgen.render import seo
from kbgen.render.tree import SiteTree
from tests.support.project import BASE_PLUGIN_CONFIG, article

SITE = "https://help.example.com/"


@pytest.fixture
def tree(tmp_path: Path) -> SiteTree:
    """en and tr publish billing/invoices; only en has account/delete and an internal note; ro has one article."""
    files = {
        "en/billing/invoices.md": article(title="Invoices"),
        "tr/billing/invoices.md": article(title="Faturalar"),
        "en/account/delete.md": article(title="Delete your account"),
        "en/account/note.md": article(title="Support note", extra="audience: internal\n"),
        "ro/projects/archive.md": article(title="Arhivare"),
    }
    for rel, text in files.items():
        (tmp_path / rel).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / rel).write_text(text, encoding="utf-8")
    kb = parse_config(BASE_PLUGIN_CONFIG)
    return SiteTree(load_corpus(tmp_path, kb, "content/"), kb.default_language)


def by_url(tree: SiteTree, url: str) -> object:
    return next(a for a in tree.corpus.articles if a.url == url)


def test_a_translated_article_names_every_language_and_the_default_as_x_default(tree: SiteTree) -> None:
    found = seo.page_alternates(tree, "en", article=by_url(tree, "en/billing/invoices/"))  # type: ignore[arg-type]
    assert [(a.lang, a.url) for a in found] == [
        ("en", "en/billing/invoices/"),
        ("tr", "tr/billing/invoices/"),
        ("x-default", "en/billing/invoices/"),
    ]


def test_an_article_in_one_language_has_no_alternates(tree: SiteTree) -> None:
    assert seo.page_alternates(tree, "en", article=by_url(tree, "en/account/delete/")) == []  # type: ignore[arg-type]
    assert seo.page_alternates(tree, "en", article=by_url(tree, "en/account/note/")) == []  # type: ignore[arg-type]


def test_without_the_default_language_there_is_no_x_default(tree: SiteTree) -> None:
    found = seo.alternates({"tr": "tr/a/", "ro": "ro/a/"}, "en", None)
    assert [a.lang for a in found] == ["ro", "tr"]


def test_homes_point_x_default_at_the_language_chooser(tree: SiteTree) -> None:
    home = tree.home("tr")
    assert home is not None
    found = seo.page_alternates(tree, "en", node=home)
    assert [(a.lang, a.url) for a in found] == [("en", "en/"), ("ro", "ro/"), ("tr", "tr/"), ("x-default", "")]
    assert seo.page_alternates(tree, "en") == found  # the root itself is in the same set


def test_a_section_only_lists_the_languages_that_publish_it(tree: SiteTree) -> None:
    billing = tree.node("tr", ("billing",))
    assert billing is not None
    assert [a.lang for a in seo.page_alternates(tree, "en", node=billing)] == ["en", "tr", "x-default"]
    account = tree.node("en", ("account",))
    assert account is not None and seo.page_alternates(tree, "en", node=account) == []


def test_the_sitemap_lists_every_public_page_once_with_absolute_addresses(tree: SiteTree) -> None:
    entries = seo.sitemap_entries(tree, "en", SITE)
    locs = [entry.loc for entry in entries]
    assert locs == sorted(locs) and len(locs) == len(set(locs))
    assert locs == [
        SITE,
        *[SITE + path for path in ("en/", "en/account/", "en/account/delete/", "en/billing/", "en/billing/invoices/",
                                   "ro/", "ro/projects/", "ro/projects/archive/", "tr/", "tr/billing/",
                                   "tr/billing/invoices/")],
    ]  # fmt: skip
    assert {e.loc: e.lastmod for e in entries}[SITE + "en/account/delete/"] == "2026-09-01"  # its review date
    assert {e.loc: e.lastmod for e in entries}[SITE + "en/account/"] == ""
    invoices = next(e for e in entries if e.loc == SITE + "tr/billing/invoices/")
    assert invoices.alternates == (
        ("en", SITE + "en/billing/invoices/"),
        ("tr", SITE + "tr/billing/invoices/"),
        ("x-default", SITE + "en/billing/invoices/"),
    )


def test_without_site_url_the_sitemap_is_empty(tree: SiteTree) -> None:
    assert seo.sitemap_entries(tree, "en", "") == []


@pytest.mark.parametrize(
    ("site_url", "url", "expected"),
    [
        ("https://help.example.com/", "en/a/", "https://help.example.com/en/a/"),
        ("https://help.example.com", "en/a/", "https://help.example.com/en/a/"),
        ("https://example.com/help/", "", "https://example.com/help/"),
        ("https://example.com/help", "sitemap.xml", "https://example.com/help/sitemap.xml"),
    ],
)
def test_absolute_url_keeps_the_sites_path(site_url: str, url: str, expected: str) -> None:
    assert seo.absolute_url(site_url, url) == expected


def test_robots_txt_points_at_the_sitemap_or_shuts_crawlers_out() -> None:
    assert seo.robots_txt(SITE, noindex=False) == (
        "User-agent: *\nAllow: /\nSitemap: https://help.example.com/sitemap.xml\n"
    )
    assert seo.robots_txt("", noindex=False) == "User-agent: *\nAllow: /\n"
    internal = seo.robots_txt(SITE, noindex=True)
    assert "Disallow: /\n" in internal and "Sitemap" not in internal and "Allow" not in internal


@pytest.mark.parametrize("value", ["assets/social.png", "https://cdn.example.com/card.png", " img/a b.jpg "])
def test_social_image_accepts_a_docs_path_or_an_address(value: str) -> None:
    assert parse_config({"social_image": value}).social_image == value.strip()


@pytest.mark.parametrize("value", ["", "/etc/passwd", "../secret.png", "assets//x.png", "assets\\x.png", "./a.png", 3])
def test_social_image_refuses_paths_outside_the_docs_folder(value: object) -> None:
    with pytest.raises(ConfigError, match=r"'social_image'.*such as 'assets/social\.png'"):
        parse_config({"social_image": value})


def test_social_image_defaults_to_none() -> None:
    assert KbConfig().social_image == ""
