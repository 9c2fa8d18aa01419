"""Test-only MkDocs hook: the search call the kbgen plugin makes, for builds where the plugin does not yet.

It does nothing when the plugin has already written ``kb-search/`` (hooks run after plugins).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from kbgen.search import SearchDocument, build_search_assets
from kbgen.search.text import html_to_text
from kbgen.views import category_title

_documents: list[SearchDocument] = []


def on_config(config: Any) -> Any:
    _documents.clear()
    return config


def on_page_content(html: str, page: Any, config: Any, files: Any) -> str:
    plugin = config.plugins["kbgen"]
    article = plugin.articles_by_uri.get(page.file.src_uri)
    if article is not None and article.is_public:
        _documents.append(
            SearchDocument(
                url=page.url,
                title=article.title,
                summary=article.summary,
                text=html_to_text(html),
                lang=article.lang,
                category=category_title(plugin.corpus, article.lang, article.category),
                versions=article.versions,
            )
        )
    return html


def on_post_build(config: Any) -> None:
    site = Path(config.site_dir)
    if (site / "kb-search" / "index.json").exists():
        return
    plugin = config.plugins["kbgen"]
    build_search_assets(_documents, site, contact=[(c.label, c.url) for c in plugin.kb.contact])
