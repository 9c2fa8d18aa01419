"""Collects the published articles' text as MkDocs renders them and writes the prebuilt search index."""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Mapping, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from pathlib import Path

from mkdocs.exceptions import PluginError

from kbgen.config.settings import KbConfig
from kbgen.model import Article
from kbgen.render.tree import SiteTree
from kbgen.search import SearchDocument, build_search_assets
from kbgen.search.build import SearchBuildError
from kbgen.search.text import html_to_text
from kbgen.search.vendor import VendorFileMissing

# From this many documents on (and with a second core), the index is built in a background process while MkDocs
# renders the pages; below it, starting a Python process costs more than the overlap saves.
BACKGROUND_FROM = 400


class SearchCollector:
    """One per build: only public articles are ever added, so nothing internal can reach the index."""

    def __init__(self, tree: SiteTree) -> None:
        self.tree = tree
        self.documents: list[SearchDocument] = []
        self._pool: ProcessPoolExecutor | None = None
        self._pending: Future[list[Path]] | None = None

    def add(self, article: Article | None, page_url: str, html: str) -> None:
        section = self.tree.section_of(article) if article is not None else None
        if article is None or section is None:
            return
        titles = [node.title for node in section.trail()[1:]]  # the category, then each section below it (none
        # for an article directly in the language folder)
        self.documents.append(
            SearchDocument(
                url=page_url,
                title=article.title,
                summary=article.summary,
                text=html_to_text(html),
                lang=article.lang,
                category=titles[0] if titles else "",
                versions=article.versions,
                section=" › ".join(titles),
            )
        )

    def start(self, site_dir: Path, kb: KbConfig, synonyms: Mapping[str, Sequence[Sequence[str]]]) -> None:
        """Once every page has been read: build the index in another process while the pages are rendered.

        The same function on the same documents as `write` alone, so the files are byte for byte the same; the
        site folder was already cleaned, and nothing else writes under kb-search/.
        """
        if len(self.documents) < BACKGROUND_FROM or (os.cpu_count() or 1) < 2:
            return
        try:
            # spawned, not forked: `kbgen serve` builds from a thread of a threaded server
            self._pool = ProcessPoolExecutor(1, mp_context=multiprocessing.get_context("spawn"))
            self._pending = self._pool.submit(
                build_search_assets, self.documents, site_dir, contact=_contact(kb), synonyms=synonyms
            )
        except (BrokenProcessPool, OSError):
            self.stop()  # `write` builds it here instead

    def write(self, site_dir: Path, kb: KbConfig, synonyms: Mapping[str, Sequence[Sequence[str]]]) -> None:
        try:
            if self._pending is not None:
                try:
                    self._pending.result()
                    return
                except (BrokenProcessPool, OSError):
                    pass  # the process died or could not start: build the same files here
                finally:
                    self.stop()
            build_search_assets(self.documents, site_dir, contact=_contact(kb), synonyms=synonyms)
        except (SearchBuildError, VendorFileMissing) as exc:
            raise PluginError(str(exc)) from None

    def stop(self) -> None:
        """Wait for a background build to end (a failed site build is about to delete its folder)."""
        pool, self._pool, self._pending = self._pool, None, None
        if pool is not None:
            pool.shutdown(wait=True, cancel_futures=True)


def _contact(kb: KbConfig) -> list[tuple[str, str]]:
    # pages carry their own language's contact labels (kbgen.render.chrome); the index keeps the default's
    return [(option.label(kb.default_language), option.url) for option in kb.contact]
