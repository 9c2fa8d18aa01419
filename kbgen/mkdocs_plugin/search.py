"""Collects the published articles' text as MkDocs renders them and writes the prebuilt search index."""

from __future__ import annotations

import contextlib
import multiprocessing
import os
import shutil
from collections.abc import Callable, Collection, Mapping, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from pathlib import Path
from typing import TypeVar

from mkdocs.exceptions import PluginError

from kbgen.config.settings import KbConfig
from kbgen.heap import collect_less_and_end_at_once
from kbgen.model import Article
from kbgen.render.tree import SiteTree
from kbgen.search.build import (
    LanguageCache,
    LanguageResult,
    RecordingCache,
    SearchBuildError,
    SearchFile,
    StagedSearchFolder,
    answered_files,
    build_languages,
    file_digest,
    language_folder,
    replay,
    save_analyses,
    search_files,
    unanswered,
)
from kbgen.search.documents import SearchDocument, article_document, public_section_titles
from kbgen.search.earlier import EarlierSearch
from kbgen.search.folders import PREFIX
from kbgen.search.index import prepare_analysis
from kbgen.search.term_memo import TermStore
from kbgen.search.text import html_to_text
from kbgen.search.vendor import VendorFileMissing

# From this many documents on (and with a second core), the index is built in a background process while MkDocs
# renders the pages; below it, starting a Python process costs more than the overlap saves.
BACKGROUND_FROM = 400
_T = TypeVar("_T")


def worth_a_process(items: int) -> bool:
    """Whether indexing `items` documents (or a site of that many pages) in another process pays."""
    return items >= BACKGROUND_FROM and (os.cpu_count() or 1) >= 2


class SearchProcess:
    """The process a build indexes search in, beside its own: started when the pages' text is known, or earlier,
    as the build starts, by `start_early`."""

    def __init__(self) -> None:
        self.pool: ProcessPoolExecutor | None = None

    def start_early(self, terms: TermStore | None, pages: int) -> None:
        """Start the process now, while this one loads the content: its start-up (imports, a third of a second)
        no longer waits for the pages' text. Only for a rebuild of a site of `pages` pages, where a language
        indexed again is worth a process, and with a store of the previous build's analyses (`terms`)."""
        if not worth_a_process(pages) or terms is None:
            return
        if self.spawned() and self.pool is not None:
            with contextlib.suppress(BrokenProcessPool, OSError):
                self.pool.submit(os.getpid)  # a worker starts with its first task

    def prepare(self, terms: TermStore | None, languages: list[str]) -> None:
        """Have the process read the analyses of `languages` and make ready what analysing them needs, once the
        content is loaded and so the languages to index again are known (a hint: any other is read when asked)."""
        if terms is not None:
            self.submit(terms.read_ahead, languages)
        self.submit(prepare_analysis, languages)

    def submit(self, work: Callable[..., _T], *args: object) -> Future[_T] | None:
        """Run `work` in the process after what it was given before; None where no process runs (only a rebuild
        large enough for `start_early` starts one this early)."""
        if self.pool is None:
            return None
        try:
            return self.pool.submit(work, *args)
        except (BrokenProcessPool, OSError, RuntimeError):
            return None

    def spawned(self) -> bool:
        """Whether the process runs (started now if need be); False where no process can be started."""
        if self.pool is None:
            try:
                # spawned, not forked: `kbgen serve` builds from a thread of a threaded server
                self.pool = ProcessPoolExecutor(1, multiprocessing.get_context("spawn"), collect_less_and_end_at_once)
            except (BrokenProcessPool, OSError):
                self.stop()
        return self.pool is not None

    def stop(self) -> None:
        """Wait for the work in hand to end (a failed site build is about to delete its folder), and end it."""
        pool, self.pool = self.pool, None
        if pool is not None:
            pool.shutdown(wait=True, cancel_futures=True)


class SearchCollector:
    """One per build: only public articles are ever added, so nothing internal can reach the index."""

    def __init__(self, tree: SiteTree, process: SearchProcess | None = None) -> None:
        self.tree = tree
        self.documents: list[SearchDocument] = []
        self.process = process if process is not None else SearchProcess()
        # a first build's background work: every file, and each language's result for the build cache
        self._pending: Future[tuple[dict[str, SearchFile], dict[str, LanguageResult]]] | None = None
        # a rebuild's: the languages its cache cannot answer for, and then the saving of their analyses
        self._languages: list[Future[dict[str, LanguageResult]]] = []
        self._saving: Future[None] | None = None
        self._earlier: EarlierSearch | None = None  # a rebuild's previous search folder and its records
        self._ahead: Path | None = None  # where a rebuild's search process writes the files it makes
        # site-relative name -> sha256 of each search file written or linked, for the site's manifest
        self.digests: dict[str, str] = {}

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
        kb: KbConfig,
        synonyms: Mapping[str, Sequence[Sequence[str]]],
        reuse: LanguageCache | None = None,
        terms: TermStore | None = None,
        earlier: EarlierSearch | None = None,
        first: Collection[str] = (),
        site_dir: Path | None = None,
    ) -> None:
        """Once every page's search text is known: index in another process while the pages are rendered.

        A first build indexes every language there. A rebuild (`reuse`, the previous site's files) indexes
        there only the languages whose documents changed, taking each blob the previous search folder (`earlier`)
        holds compressed from there (the process is sent the records of its language alone); `write` links the
        other languages' files. Each language is handed over as soon as it is known to have changed, those of
        `first` (whose articles were loaded afresh) looked at first. Given the folder the site is built in
        (`site_dir`), the process writes the files it makes beside its search folder itself (AheadWriter), and
        `write` links them.
        The same functions on the same documents as `write` alone, so the files are byte for byte the same.
        """
        if reuse is not None:
            self._earlier = earlier
            self._ahead = Path(site_dir) / f"{PREFIX}.kbgen-ahead" if site_dir is not None else None
            for todo in unanswered(self.documents, synonyms, reuse, first):
                if worth_a_process(len(todo)):
                    sent = earlier.only({language_folder(todo[0].lang)}) if earlier is not None else None
                    indexing = self._submit(build_languages, todo, synonyms, terms, sent, self._ahead)
                    if indexing is not None:
                        self._languages.append(indexing)
            if self._languages and terms is not None:
                self._saving = self._submit(save_analyses, terms)
        elif worth_a_process(len(self.documents)):
            self._pending = self._submit(_index, self.documents, search_contact(kb), synonyms, terms)

    def _submit(self, work: Callable[..., _T], *args: object) -> Future[_T] | None:
        try:
            if self.process.spawned() and self.process.pool is not None:
                return self.process.pool.submit(work, *args)
        except (BrokenProcessPool, OSError):
            pass
        self.stop()  # `write` builds it here instead
        return None

    def write(
        self,
        site_dir: Path,
        kb: KbConfig,
        synonyms: Mapping[str, Sequence[Sequence[str]]],
        cache: LanguageCache | None = None,
        terms: TermStore | None = None,
        meanwhile: Callable[[], None] | None = None,
    ) -> None:
        """Write the search folder: from the background process' work when it did it, else indexed here.
        `cache` is the one a rebuild started with (it answers each language once); `meanwhile` runs before this
        waits for the process (the build's own last steps: kbgen.publishing.site_finish)."""
        try:
            finished: tuple[dict[str, SearchFile], dict[str, LanguageResult]] | None = None
            built: dict[str, LanguageResult] = {}  # each language the process indexed
            folder = StagedSearchFolder(site_dir)
            if self._languages and cache is not None:
                # while the process indexes the edited languages: link the others' files from the previous site
                folder.put(answered_files(self.documents, synonyms, cache))
            if meanwhile is not None:
                meanwhile()
            try:
                if self._pending is not None:
                    finished = self._pending.result()
                for indexing in self._languages:
                    built.update(indexing.result())
            except (BrokenProcessPool, OSError):
                pass  # the process died or could not start: build the same files here
            finally:
                self._pending, self._languages = None, []
                if self._saving is None:
                    self.stop()  # a process started early and given no work ends here too
            if finished is not None:
                files, recorded = finished
                self._write(files, folder)
                if cache is not None:  # so the next build can reuse them
                    replay(recorded, self.documents, synonyms, cache)
                return
            files = search_files(self.documents, search_contact(kb), synonyms, cache, terms, built, self._earlier)
            self._write(files, folder)
        except (SearchBuildError, VendorFileMissing) as exc:
            raise PluginError(str(exc)) from None

    def _write(self, files: Mapping[str, SearchFile], folder: StagedSearchFolder) -> None:
        """Write the folder and keep each file's digest: a file linked from the previous site has the one recorded
        when it was written (its size and mtime checked), so the manifest need not read 12,000 files again."""
        folder.publish(files)
        self._remove_ahead()
        self.digests = {f"{PREFIX}/{name}": file_digest(data).hex() for name, data in files.items()}

    def _remove_ahead(self) -> None:
        """The files the search process wrote ahead are linked into the search folder by now, or not wanted."""
        if self._ahead is not None:
            shutil.rmtree(self._ahead, ignore_errors=True)

    def stop(self) -> None:
        """Wait for a background build, or the saving of its analyses, to end (a failed site build is about to
        delete its folder; a finished one's command is about to exit): `kbgen build` and `kbgen serve` call it
        when the site is out."""
        self._pending, self._languages, self._saving = None, [], None
        self.process.stop()
        self._remove_ahead()  # a failed build's: its process has ended, so nothing writes there any more


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
