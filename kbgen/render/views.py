"""Plain view models for the help-center templates, built from the corpus (no MkDocs types here).

Values are plain strings; the templates escape every one of them.
"""

from __future__ import annotations

from collections import Counter
from datetime import date
from typing import Any

from kbgen.config.settings import KbConfig
from kbgen.model import Article, Corpus, title_from_slug
from kbgen.render.i18n import count_text, format_date, language_name, strings
from kbgen.render.reader_notice import notice_view


def public_articles(corpus: Corpus) -> list[Article]:
    return [a for a in corpus.articles if a.is_public]


def languages(corpus: Corpus, default: str) -> list[str]:
    """Languages with at least one public article, the default one first."""
    found = {a.lang for a in public_articles(corpus)}
    return sorted(found, key=lambda lang: (lang != default, lang))


def category_title(corpus: Corpus, lang: str, category: str) -> str:
    section = corpus.section(lang, category)
    return section.title if section else title_from_slug(category)


def categories(corpus: Corpus, lang: str) -> list[str]:
    return sorted({a.category for a in public_articles(corpus) if a.lang == lang})


def _versions_text(article: Article, lang: str) -> str:
    if not article.versions or article.versions == ("all",):
        return strings(lang)["all_versions"]
    return ", ".join(article.versions)


def root_view(corpus: Corpus, default: str) -> dict[str, Any]:
    counts = Counter(a.lang for a in public_articles(corpus))
    return {
        "kind": "root",
        "lang": default,
        "t": strings(default),
        "languages": [
            {"code": lang, "name": language_name(lang), "url": f"{lang}/", "count": count_text(counts[lang], lang)}
            for lang in languages(corpus, default)
        ],
    }


def home_view(corpus: Corpus, lang: str, default: str) -> dict[str, Any]:
    counts = Counter(a.category for a in public_articles(corpus) if a.lang == lang)
    section = corpus.section(lang)
    return {
        "kind": "home",
        "lang": lang,
        "t": strings(lang),
        "summary": section.summary if section else "",
        "categories": [
            {
                "title": category_title(corpus, lang, category),
                "summary": (corpus.section(lang, category) or _NO_SECTION).summary,
                "url": f"{lang}/{category}/",
                "count": count_text(counts[category], lang),
            }
            for category in categories(corpus, lang)
        ],
        "alternates": _alternates({other: f"{other}/" for other in languages(corpus, default)}, lang),
    }


def category_view(corpus: Corpus, lang: str, category: str) -> dict[str, Any]:
    articles = sorted(
        (a for a in public_articles(corpus) if a.lang == lang and a.category == category),
        key=lambda a: (a.title.casefold(), a.slug),
    )
    section = corpus.section(lang, category)
    return {
        "kind": "category",
        "lang": lang,
        "t": strings(lang),
        "summary": section.summary if section else "",
        "count": count_text(len(articles), lang),
        "articles": [
            {"title": a.title, "summary": a.summary, "url": a.url, "versions": _versions_text(a, lang)}
            for a in articles
        ],
        "alternates": _alternates(
            {
                other: f"{other}/{category}/"
                for other in languages(corpus, lang)
                if category in categories(corpus, other)
            },
            lang,
        ),
    }


def article_view(
    corpus: Corpus, article: Article, config: KbConfig | None = None, today: date | None = None
) -> dict[str, Any]:
    translations = {other.lang: other.url for other in corpus.translations(article.translation_key)}
    return {
        "kind": "article",
        "lang": article.lang,
        "t": strings(article.lang),
        "versions": _versions_text(article, article.lang),
        "reviewed_iso": article.reviewed.isoformat(),
        "reviewed_text": format_date(article.reviewed, article.lang),
        "category": {
            "title": category_title(corpus, article.lang, article.category),
            "url": f"{article.lang}/{article.category}/",
        },
        "alternates": _alternates(translations, article.lang),
        "notice": notice_view(article, config, today) if config is not None and today is not None else None,
    }


def _alternates(urls: dict[str, str], current: str) -> list[dict[str, Any]]:
    if len(urls) < 2:
        return []
    return [
        {"lang": lang, "name": language_name(lang), "url": url, "current": lang == current}
        for lang, url in sorted(urls.items())
    ]


class _NoSection:
    summary = ""


_NO_SECTION = _NoSection()
