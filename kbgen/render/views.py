"""Plain view models for the help-center templates, built from the published tree (no MkDocs types here).

Values are plain strings; the templates escape every one of them (except `breadcrumbs_json`, which
kbgen.render.breadcrumbs makes safe inside its script element).
"""

from __future__ import annotations

from datetime import date
from typing import Any

from kbgen.config.settings import KbConfig
from kbgen.model import Article
from kbgen.render import breadcrumbs, seo
from kbgen.render.i18n import count_text, format_date, language_name, strings
from kbgen.render.reader_notice import notice_view
from kbgen.render.tree import Node, SiteTree


def _versions_text(article: Article, lang: str) -> str:
    if not article.versions or article.versions == ("all",):
        return strings(lang)["all_versions"]
    return ", ".join(article.versions)


def root_view(tree: SiteTree, default: str, site_url: str = "") -> dict[str, Any]:
    return {
        "kind": "root",
        "lang": default,
        "t": strings(default),
        "languages": [
            {"code": lang, "name": language_name(lang), "url": f"{lang}/", "count": count_text(node.count, lang)}
            for lang in tree.languages
            if (node := tree.home(lang)) is not None
        ],
        "hreflang": _hreflang(seo.page_alternates(tree, default), site_url),
    }


def _card(node: Node) -> dict[str, Any]:
    return {"title": node.title, "summary": node.summary, "url": node.url, "count": count_text(node.count, node.lang)}


def home_view(tree: SiteTree, lang: str, default: str, site_url: str = "") -> dict[str, Any]:
    home = tree.home(lang)
    written = tree.corpus.section(lang)
    translations = seo.node_translations(tree, home) if home else {}
    return {
        "kind": "home",
        "lang": lang,
        "t": strings(lang),
        "summary": written.summary if written else "",
        "categories": [_card(category) for category in home.children] if home else [],
        "alternates": _alternates(translations, lang),
        "hreflang": _hreflang(seo.page_alternates(tree, default, node=home), site_url) if home else [],
    }


def section_view(
    tree: SiteTree, lang: str, path: tuple[str, ...], site_url: str = "", default: str = "en"
) -> dict[str, Any] | None:
    """A category or deeper section: its subsections (with their public article counts), then its articles."""
    node = tree.node(lang, path)
    if node is None:
        return None
    steps = breadcrumbs.trail(node)
    return {
        "kind": "section",
        "lang": lang,
        "t": strings(lang),
        "summary": node.summary,
        "count": count_text(node.count, lang),
        "sections": [_card(child) for child in node.children],
        "articles": [
            {"title": a.title, "summary": a.summary, "url": a.url, "versions": _versions_text(a, lang)}
            for a in node.articles
        ],
        "breadcrumbs": steps[:-1],
        "breadcrumbs_json": breadcrumbs.json_ld(steps, node.url, site_url),
        "alternates": _alternates(seo.node_translations(tree, node), lang),
        "hreflang": _hreflang(seo.page_alternates(tree, default, node=node), site_url),
    }


def article_view(
    tree: SiteTree,
    article: Article,
    config: KbConfig | None = None,
    today: date | None = None,
    site_url: str = "",
) -> dict[str, Any]:
    default = config.default_language if config is not None else "en"
    section = tree.section_of(article)
    steps = breadcrumbs.trail(section, article.title, article.url) if section else []
    return {
        "kind": "article",
        "lang": article.lang,
        "t": strings(article.lang),
        "versions": _versions_text(article, article.lang),
        "reviewed_iso": article.reviewed.isoformat(),
        "reviewed_text": format_date(article.reviewed, article.lang),
        "category": {"title": section.title, "url": section.url} if section else None,
        "breadcrumbs": steps[:-1],
        "breadcrumbs_json": breadcrumbs.json_ld(steps, article.url, site_url) if steps else "",
        "alternates": _alternates(seo.article_translations(tree, article), article.lang),
        "hreflang": _hreflang(seo.page_alternates(tree, default, article=article), site_url),
        "notice": notice_view(article, config, today) if config is not None and today is not None else None,
    }


def _alternates(urls: dict[str, str], current: str) -> list[dict[str, Any]]:
    if len(urls) < 2:
        return []
    return [
        {"lang": lang, "name": language_name(lang), "url": url, "current": lang == current}
        for lang, url in sorted(urls.items())
    ]


def _hreflang(found: list[seo.Alternate], site_url: str) -> list[dict[str, str]]:
    """The `<head>` alternates: `href` is absolute when the site's address is known, else the template makes
    `url` relative to the page."""
    return [
        {"lang": alt.lang, "url": alt.url, "href": seo.absolute_url(site_url, alt.url) if site_url else ""}
        for alt in found
    ]
