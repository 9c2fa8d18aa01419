"""Plain view models for the help-center templates, built from the published tree (no MkDocs types here).

Values are plain strings; the templates escape every one of them (except `breadcrumbs_json`, which
kbgen.render.breadcrumbs makes safe inside its script element).
"""

from __future__ import annotations

from datetime import date
from typing import Any

from kbgen.config.settings import KbConfig
from kbgen.model import Article
from kbgen.render import breadcrumbs
from kbgen.render.i18n import count_text, format_date, language_name, strings
from kbgen.render.reader_notice import notice_view, translation_notice_view
from kbgen.render.tree import Node, SiteTree
from kbgen.translations.status import Entry


def _versions_text(article: Article, lang: str) -> str:
    if not article.versions or article.versions == ("all",):
        return strings(lang)["all_versions"]
    return ", ".join(article.versions)


def root_view(tree: SiteTree, default: str) -> dict[str, Any]:
    return {
        "kind": "root",
        "lang": default,
        "t": strings(default),
        "languages": [
            {"code": lang, "name": language_name(lang), "url": f"{lang}/", "count": count_text(node.count, lang)}
            for lang in tree.languages
            if (node := tree.home(lang)) is not None
        ],
    }


def _card(node: Node) -> dict[str, Any]:
    return {"title": node.title, "summary": node.summary, "url": node.url, "count": count_text(node.count, node.lang)}


def _article_item(article: Article, lang: str) -> dict[str, Any]:
    return {
        "title": article.title,
        "summary": article.summary,
        "url": article.url,
        "versions": _versions_text(article, lang),
    }


def home_view(tree: SiteTree, lang: str, default: str) -> dict[str, Any]:
    """The categories, then any articles kept directly in the language folder."""
    home = tree.home(lang)
    written = tree.corpus.section(lang)
    return {
        "kind": "home",
        "lang": lang,
        "t": strings(lang),
        "summary": written.summary if written else "",
        "categories": [_card(category) for category in home.children] if home else [],
        "articles": [_article_item(a, lang) for a in home.articles] if home else [],
        "alternates": _alternates({other: f"{other}/" for other in tree.languages}, lang),
    }


def section_view(tree: SiteTree, lang: str, path: tuple[str, ...], site_url: str = "") -> dict[str, Any] | None:
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
        "alternates": _alternates(
            {other: f"{other}/{node.folder}/" for other in tree.languages if tree.node(other, path) is not None},
            lang,
        ),
    }


def article_view(
    tree: SiteTree,
    article: Article,
    config: KbConfig | None = None,
    today: date | None = None,
    site_url: str = "",
    translation: Entry | None = None,
) -> dict[str, Any]:
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
        "alternates": _alternates(tree.translations.get(article.translation_key, {}), article.lang),
        "notice": notice_view(article, config, today) if config is not None and today is not None else None,
        "translation_notice": (
            translation_notice_view(article, translation, tree.corpus, config.default_language) if config else None
        ),
    }


def _alternates(urls: dict[str, str], current: str) -> list[dict[str, Any]]:
    if len(urls) < 2:
        return []
    return [
        {"lang": lang, "name": language_name(lang), "url": url, "current": lang == current}
        for lang, url in sorted(urls.items())
    ]
