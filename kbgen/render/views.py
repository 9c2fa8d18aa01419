"""Plain view models for the help-center templates, built from the published tree (no MkDocs types here).

Values are plain strings; the templates escape every one of them (except `breadcrumbs_json`, which
kbgen.render.breadcrumbs makes safe inside its script element).
"""

from __future__ import annotations

from datetime import date
from typing import Any

from kbgen.config.settings import KbConfig
from kbgen.model import Article, page_url
from kbgen.render import breadcrumbs, seo
from kbgen.render.i18n import count_text, format_date, language_name, strings
from kbgen.render.ordering import collation_key
from kbgen.render.reader_notice import notice_view, translation_notice_view
from kbgen.render.tree import Node, SiteTree
from kbgen.translations.status import Entry

RECENT = 5  # articles under "Recently updated" on a language home


def _versions_text(article: Article, lang: str) -> str:
    if not article.versions or article.versions == ("all",):
        return strings(lang)["all_versions"]
    return ", ".join(article.versions)


def root_view(
    tree: SiteTree, default: str, site_names: dict[str, str] | None = None, site_url: str = ""
) -> dict[str, Any]:
    """The language chooser: each language named in itself, with the site's name and a count in that language."""
    return {
        "kind": "root",
        "lang": default,
        "t": strings(default),
        "languages": [
            {
                "code": lang,
                "name": language_name(lang),
                "url": node.url,
                "count": count_text(node.count, lang),
                "site_name": (site_names or {}).get(lang, ""),
                "choose": strings(lang)["choose_language"],
            }
            for lang in tree.languages
            if (node := tree.home(lang)) is not None
        ],
        "hreflang": _hreflang(seo.page_alternates(tree, default), site_url),
    }


def _card(node: Node) -> dict[str, Any]:
    return {
        "title": node.title,
        "summary": node.summary,
        "url": node.url,
        "count": count_text(node.count, node.lang),
        "icon": node.icon,
    }


def _article_item(article: Article, lang: str) -> dict[str, Any]:
    return {
        "title": article.title,
        "summary": article.summary,
        "url": article.url,
        "versions": _versions_text(article, lang),
    }


def home_view(tree: SiteTree, lang: str, default: str, site_url: str = "") -> dict[str, Any]:
    """Search first, then the categories, any articles kept directly in the language folder, the writers'
    featured articles and the recently reviewed ones."""
    home = tree.home(lang)
    written = tree.corpus.section(lang)
    listed = list(_listing(home)) if home else []
    recent = sorted(listed, key=lambda a: (-a.reviewed.toordinal(), collation_key(a.title, lang), a.url))[:RECENT]
    return {
        "kind": "home",
        "lang": lang,
        "t": strings(lang),
        "summary": written.summary if written else "",
        "categories": [_card(category) for category in home.children] if home else [],
        "articles": [_article_item(a, lang) for a in home.articles] if home else [],
        "featured": [_link(article) for article in listed if article.promoted],
        "recent": [
            {**_link(a), "reviewed_iso": a.reviewed.isoformat(), "reviewed_text": format_date(a.reviewed, lang)}
            for a in recent
        ],
        "alternates": _alternates(seo.node_translations(tree, home) if home else {}, lang),
        "hreflang": _hreflang(seo.page_alternates(tree, default, node=home), site_url) if home else [],
    }


def _listing(node: Node) -> list[Article]:
    """Every public article below `node` in the order the section pages list them: subsections, then articles."""
    found: list[Article] = []
    for child in node.children:
        found += _listing(child)
    return found + node.articles


def _link(article: Article) -> dict[str, str]:
    return {"title": article.title, "summary": article.summary, "url": article.url}


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
        "articles": [_article_item(a, lang) for a in node.articles],
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
    translation: Entry | None = None,
    related: list[Article] | None = None,
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
        "translation_notice": (
            translation_notice_view(article, translation, tree.corpus, config.default_language) if config else None
        ),
        "related": [_link(other) for other in related or ()],
        "feedback": bool(config and config.feedback_url),
    }


def not_found_view(tree: SiteTree, lang: str, root: bool = False) -> dict[str, Any]:
    """The 404 page of one language, or (`root`) the site's own, which offers every language."""
    return {
        "kind": "not_found",
        "lang": lang,
        "t": strings(lang),
        "root": root,
        "languages": [
            {
                "code": other,
                "name": language_name(other),
                "url": page_url(f"{other}/index.md", tree.corpus.directory_urls),
                "t": strings(other),
            }
            for other in tree.languages
        ]
        if root
        else [],
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
