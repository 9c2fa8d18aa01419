"""Collects the published articles' text as MkDocs renders them and writes the prebuilt search index."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path

from mkdocs.exceptions import PluginError

from kbgen.config.settings import KbConfig
from kbgen.model import Article
from kbgen.render.tree import SiteTree
from kbgen.search import SearchDocument, build_search_assets
from kbgen.search.build import LanguageCache, SearchBuildError
from kbgen.search.documents import article_document, public_section_titles
from kbgen.search.text import html_to_text
from kbgen.search.vendor import VendorFileMissing


class SearchCollector:
    """One per build: only public articles are ever added, so nothing internal can reach the index."""

    def __init__(self, tree: SiteTree) -> None:
        self.tree = tree
        self.documents: list[SearchDocument] = []

    def add(self, article: Article | None, page_url: str, html: str) -> None:
        if article is not None:
            self.add_text(article, page_url, html_to_text(html))

    def add_text(self, article: Article, page_url: str, text: str) -> None:
        """`text` is html_to_text of the sanitised page body, this build's or a one-edit rebuild's cached copy."""
        titles = public_section_titles(self.tree, article)
        if titles is not None:
            self.documents.append(article_document(article, page_url, text, titles))

    def write(
        self,
        site_dir: Path,
        kb: KbConfig,
        synonyms: Mapping[str, Sequence[Sequence[str]]],
        cache: LanguageCache | None = None,
    ) -> None:
        try:
            # pages carry their own language's contact labels (kbgen.render.chrome); the index keeps the default's
            contact = [(option.label(kb.default_language), option.url) for option in kb.contact]
            build_search_assets(self.documents, site_dir, contact=contact, synonyms=synonyms, cache=cache)
        except (SearchBuildError, VendorFileMissing) as exc:
            raise PluginError(str(exc)) from None
