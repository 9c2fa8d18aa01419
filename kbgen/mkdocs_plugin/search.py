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
from kbgen.heap import collect_less
from kbgen.model import Article
from kbgen.render.tree import SiteTree
from kbgen.search.build import (
    LanguageCache,
    LanguageResult,
    RecordingCache,
    SearchBuildError,
    SearchFile,
    build_search_assets,
    replay,
    search_files,
    write_search_files,
)
from kbgen.search.documents import SearchDocument, article_document, public_section_titles
from kbgen.search.term_memo import TermStore
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
        self._pending: Future[tuple[dict[str, SearchFile], dict[str, LanguageResult]]] | None = None

    def add(self, article: Article | None, page_url: str, html: str) -> None:
        if article is not None:
            self.add_text(article, page_url, html_to_text(html))

    def add_text(self, article: Article, page_url: str, text: str) -> None:
        """`text` is html_to_text of the sanitised page body, this build's or a one-edit rebuild's cached copy."""
        titles = public_section_titles(self.tree, article)
        if titles is not None:
            self.documents.append(article_document(article, page_url, text, titles))

    def start(
        self,
        site_dir: Path,
        kb: KbConfig,
        synonyms: Mapping[str, Sequence[Sequence[str]]],
        reusable: bool = False,
        terms: TermStore | None = None,
    ) -> None:
        """Once every page has been read: build the index in another process while the pages are rendered.

        The same function on the same documents as `write` alone, so the files are byte for byte the same. Not
        when a previous build's files may be `reusable` (a one-edit rebuild indexes only the changed languages,
        here, which is quicker than all of them there).
        """
        if reusable or len(self.documents) < BACKGROUND_FROM or (os.cpu_count() or 1) < 2:
            return
        try:
            # spawned, not forked: `kbgen serve` builds from a thread of a threaded server
            self._pool = ProcessPoolExecutor(1, multiprocessing.get_context("spawn"), collect_less)
            self._pending = self._pool.submit(_index, self.documents, search_contact(kb), synonyms, terms)
        except (BrokenProcessPool, OSError):
            self.stop()  # `write` builds it here instead

    def write(
        self,
        site_dir: Path,
        kb: KbConfig,
        synonyms: Mapping[str, Sequence[Sequence[str]]],
        cache: LanguageCache | None = None,
        terms: TermStore | None = None,
    ) -> None:
        try:
            if self._pending is not None:
                try:
                    files, recorded = self._pending.result()
                except (BrokenProcessPool, OSError):
                    pass  # the process died or could not start: build the same files here
                else:
                    write_search_files(files, site_dir)
                    if cache is not None:  # so the next build can reuse them
                        replay(recorded, self.documents, synonyms, cache)
                    return
                finally:
                    self.stop()
            contact = search_contact(kb)
            build_search_assets(self.documents, site_dir, contact=contact, synonyms=synonyms, cache=cache, terms=terms)
        except (SearchBuildError, VendorFileMissing) as exc:
            raise PluginError(str(exc)) from None

    def stop(self) -> None:
        """Wait for a background build to end (a failed site build is about to delete its folder)."""
        pool, self._pool, self._pending = self._pool, None, None
        if pool is not None:
            pool.shutdown(wait=True, cancel_futures=True)


def _index(
    documents: Sequence[SearchDocument],
    contact: Sequence[tuple[str, str]],
    synonyms: Mapping[str, Sequence[Sequence[str]]],
    terms: TermStore | None,
) -> tuple[dict[str, SearchFile], dict[str, LanguageResult]]:
    """The background process' work: every search file, and each language's result for the build cache (the
    documents' analyses it keeps itself, in `terms`)."""
    recorder = RecordingCache()
    return search_files(documents, contact, synonyms, recorder, terms), recorder.results


def search_contact(kb: KbConfig) -> list[tuple[str, str]]:
    # pages carry their own language's contact labels (kbgen.render.chrome); the index keeps the default's
    return [(option.label(kb.default_language), option.url) for option in kb.contact]
