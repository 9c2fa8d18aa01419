"""`kbgen serve`'s one-edit path: a save that changes only the text of published articles is patched into the
site shown instead of built again.

A rebuild (kbgen.mkdocs_plugin.incremental) walks every file, loads and checks the whole content and works out
every page's navigation and view to find the few pages that changed: half a minute at 10,000 articles. But when
the only files changed are published articles and each still has exactly the metadata it had (title, URL,
section, dates, versions, tags, theme keys: everything another page, the navigation or a listing shows of it),
only four things in the site can change: those articles' own pages, the pages of their translations (whose
notice says whether they are up to date with their source), the search files of their languages, and the
manifest. So serve keeps the last build's MkDocs objects (kbgen.publishing.site_build.KeptBuild) and:

1. loads the changed files again and runs every check on the patched content (findings are site-wide: a link
   into a heading that is gone is a finding in the page that links);
2. reads and renders each of those pages through MkDocs' own page steps and every plugin hook, into a scratch
   folder;
3. indexes those languages again, and stages the search files the shown folder does not hold yet
   (kbgen.search.update: the other languages' files, and most of the edited ones', are already there).

Only then, and only if the caller accepts the findings, each new file replaces the shown one with one rename, the
search files no manifest lists any more are removed, and the manifest is written again. Anything else (a file
added, removed or renamed, a metadata change, another MkDocs plugin, a new day) is not patched: serve runs the
rebuild. The tests compare patched sites with clean builds of the same content, file by file.
"""

from __future__ import annotations

import dataclasses
import multiprocessing
import os
import shutil
import threading
from collections.abc import Collection
from concurrent.futures import Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from kbgen.checks.links import article_links
from kbgen.config.today import resolve_today
from kbgen.heap import collect_less, keep_until_thawed
from kbgen.links.publication import linked_assets
from kbgen.loading.loader import load_errors, reload_articles
from kbgen.mkdocs_plugin.page_patch import page_output, read_again, write_again
from kbgen.mkdocs_plugin.plugin import KbgenPlugin
from kbgen.mkdocs_plugin.search import BACKGROUND_FROM, search_contact
from kbgen.mkdocs_plugin.search_reuse import SearchReuse
from kbgen.model import Article, Finding
from kbgen.publishing.build_cache import BuildCache, save_cache, stamp_search
from kbgen.publishing.manifest import MANIFEST_NAME, file_sha256, listed_digests, manifest_listing, manifest_text
from kbgen.publishing.site_build import KeptBuild, pinned_build_date
from kbgen.search.build import search_files
from kbgen.search.documents import SearchDocument
from kbgen.search.folders import PREFIX
from kbgen.search.term_memo import TermMemo, TermStore
from kbgen.search.update import move_in, stage_update

SEARCH_PROCESS_FROM = BACKGROUND_FROM  # search documents from which a session indexes in a process of its own


@dataclass(slots=True)
class Session:
    """The site shown and the build objects it was made with; `pending`: pages read since it was last written
    (an edit whose findings were refused), written with the next patch. `matches_site`: False once a patch
    changed the objects and stopped before they held the whole edit, so they no longer describe the site.
    `declined`: why the last edit `prepare` turned down goes to a build, in a writer's words."""

    kept: KeptBuild
    site: Path
    cache: BuildCache
    pending: set[str] = field(default_factory=set)
    cache_saved: bool = True
    matches_site: bool = True
    declined: str = ""
    indexer: ProcessPoolExecutor | None = None  # the search process: indexes while this one checks and writes

    @classmethod
    def of(cls, kept: KeptBuild, site: Path) -> Session | None:
        if kept.plugin.incremental is None:
            return None
        session = cls(kept, site, kept.plugin.incremental.cache)
        session.start_indexer()
        return session

    def start_indexer(self) -> None:
        """Start the search process, now, while the writer reads the site; none for a small site, which is
        indexed in less time than a process takes to start."""
        if len(self.kept.plugin.search.documents) < SEARCH_PROCESS_FROM or (os.cpu_count() or 1) < 2:
            return
        try:  # spawned, not forked: serve runs threads
            self.indexer = ProcessPoolExecutor(1, multiprocessing.get_context("spawn"), collect_less)
            self.indexer.submit(_ready, self.terms(), sorted(self.cache.search))
        except (OSError, BrokenProcessPool):
            self.close()

    def index(self, documents: list[SearchDocument], edited: set[str], scratch: Path) -> Future[SearchUpdate]:
        """Index `documents`, staging in `scratch` (`index_changed`), in the search process or here without one;
        `edited`: the languages of the pages read again (the others have the documents the site was indexed from)."""
        plugin = self.kept.plugin
        same = frozenset(self.cache.search) - edited
        job = (
            documents, search_contact(plugin.kb), plugin.synonyms.by_language(), self.cache.search, same, self.site,
            self.terms(), scratch,
        )  # fmt: skip
        if self.indexer is not None:
            try:
                return self.indexer.submit(index_changed, *job)
            except (OSError, RuntimeError, BrokenProcessPool):
                self.close()
        done: Future[SearchUpdate] = Future()
        done.set_result(index_changed(*job))
        return done

    def terms(self) -> tuple[str, str] | None:
        """Where the shown site's search analyses are kept, and the key of the code that made them."""
        store = self.kept.plugin.term_store
        return (store.target, store.key) if store is not None else None

    def close(self) -> None:
        """Stop the search process; its analyses go with it (the next build reads them from disk)."""
        indexer, self.indexer = self.indexer, None
        if indexer is not None:
            indexer.shutdown(wait=False, cancel_futures=True)

    def save_cache(self) -> None:
        """The cache describes the shown folder as patched: a rebuild from it reuses what the patches left."""
        if not self.cache_saved:
            save_cache(self.cache, self.site)
            self.cache_saved = True


@dataclass(frozen=True, slots=True)
class SearchUpdate:
    """What `index_changed` staged: the search records of the patched site (for its cache) and the files staged
    in the scratch folder's search folder, in the order they are moved in."""

    records: dict[str, dict[str, Any]]
    staged: list[str]


@dataclass(frozen=True, slots=True)
class Broken:
    """An edit that leaves an article failing to load: `errors`, the loader's, in `files` (as findings name them).
    No build could show it (a new error keeps the site shown), so serve says so without one."""

    errors: list[Finding]
    files: frozenset[str]


@dataclass(frozen=True, slots=True)
class Patch:
    """The new files of one patch, in `scratch`, waiting for `apply`."""

    scratch: Path
    pages: dict[str, str]  # src_uri -> output file, relative to the site
    search: SearchUpdate
    findings: list[Finding]


def _outward(article: Article) -> Article:
    """What other pages, the navigation and the listings may show of an article: all of it but its body."""
    source = dataclasses.replace(article.source, digest=b"")
    return dataclasses.replace(article, source=source, body="", body_line=0)


def _assets(plugin: KbgenPlugin, article: Article) -> set[str]:
    """The images and files `article`'s text links, which the site publishes for it (kbgen.links.publication)."""
    return linked_assets(article, article_links(article), plugin.links.site, plugin.corpus.markdown_in_html)


def _today_now(session: Session, today: date | None) -> date:
    plugin = session.kept.plugin
    return today if today is not None else resolve_today(None, os.environ, plugin.kb.timezone).date


def prepare(session: Session, changed: Collection[str], scratch: Path, today: date | None) -> Patch | Broken | None:
    """Check and render an edit of the articles at `changed` (paths under the content folder) into `scratch`;
    None when the edit is not one a patch can build exactly (the caller rebuilds). The session's objects then
    hold the edit: apply the patch, or keep the pages in `pending` for the next one. Broken, the session's objects
    untouched, when the edit leaves one of those articles failing to load.

    The edited pages are read first, with the content as patched: reading needs only their own text and the
    site's addresses, which the edit kept. Their languages are then indexed in the session's search process
    while this one checks the content and writes the pages, the two longest steps side by side."""
    config, plugin = session.kept.config, session.kept.plugin
    files, nav, env, incremental = plugin.files, plugin.nav, plugin.env, plugin.incremental
    session.declined = "a patch could not build it"  # unless a check below says more
    if files is None or nav is None or env is None or incremental is None or plugin.kb.dashboard:
        session.declined = "the dashboard lists every article" if plugin.kb.dashboard else session.declined
        return None
    if list(config.plugins) != ["kbgen"] or _today_now(session, today) != plugin.today.date:
        # another plugin may keep state across pages; a new day changes every review notice
        session.declined = "another MkDocs plugin is on" if list(config.plugins) != ["kbgen"] else "a new day"
        return None
    before = {rel: plugin.articles_by_uri.get(rel) for rel in changed}
    if any(article is None or page_output(plugin, rel) is None for rel, article in before.items()):
        session.declined = "only a published article's text is patched"  # a section's or home's index.md, say
        return None
    corpus = reload_articles(plugin.corpus, Path(config.docs_dir), plugin.kb, changed)
    if corpus is None and (errors := load_errors(plugin.corpus, Path(config.docs_dir), plugin.kb, changed)):
        session.declined = "it no longer loads as an article"
        return Broken(errors, frozenset(article.source.display for article in before.values() if article is not None))
    for rel, article in before.items():
        now = corpus.by_source(rel) if corpus is not None else None
        if article is None or not isinstance(now, Article):
            session.declined = "it no longer loads as an article"
            return None
        if _outward(now) != _outward(article):
            session.declined = "its front matter changed"
            return None
        if now.is_public and _assets(plugin, now) != _assets(plugin, article):
            # an image linked or unlinked: only a build publishes it, or takes it out of the site
            session.declined = "the images or files it links changed"
            return None
    assert corpus is not None  # every changed file was checked in it above
    session.matches_site = False  # until the objects hold the whole edit
    plugin.corpus, plugin.articles_by_uri = corpus, {str(a.source.rel): a for a in corpus.articles}
    reading = {*session.pending, *changed}
    session.pending = reading
    plugin.changed.clear()
    with pinned_build_date(plugin.today_override):
        if not all(read_again(plugin, config, rel) for rel in sorted(reading)):
            return None
    edited = {article.lang for rel in reading if (article := plugin.articles_by_uri.get(rel)) is not None}
    indexing = session.index(plugin.collect_search(files), edited, scratch)
    try:
        states = {rel: entry.as_dict() for rel, entry in plugin.translation_entries.items()}
        plugin.use_corpus(corpus, config)
        after = {rel: entry.as_dict() for rel, entry in plugin.translation_entries.items()}
        # a translation's state (up to date, outdated...) shows on its own page: an edit of its source rewrites it
        moved = {rel for rel in states.keys() | after.keys() if states.get(rel) != after.get(rel)}
        rewritten = {*reading, *(rel for rel in moved if page_output(plugin, rel) is not None)}
        session.pending = rewritten
        with pinned_build_date(plugin.today_override):
            if not all(read_again(plugin, config, rel) for rel in sorted(rewritten - reading)):
                return None
            for rel in sorted(rewritten):
                write_again(plugin, config, rel, scratch)
        if plugin.changed:
            return None  # a file changed again while it was read: the next look sees it
        pages = {rel: files.src_uris[rel].dest_uri for rel in sorted(rewritten)}
        patched = Patch(scratch, pages, indexing.result(), list(plugin.finish_checks()))
        session.matches_site = True  # the site, with the pages in `pending` written, is what they describe
        return patched
    finally:
        wait([indexing])  # the caller may remove the scratch folder: never while the search process writes in it


def index_changed(
    documents: list[SearchDocument],
    contact: list[tuple[str, str]],
    synonyms: dict[str, list[list[str]]],
    previous: dict[str, dict[str, Any]],
    same: frozenset[str],
    site: Path,
    terms: tuple[str, str] | None,
    scratch: Path,
) -> SearchUpdate:
    """The search files of `documents`: the languages whose documents changed since the site's `previous` records
    are indexed again, the others (`same`: known unchanged) kept as `site` has them, and the files `site` does not
    hold staged in `scratch`. Run in the session's search process, which keeps each language's analyses (`terms`:
    where and for which code) in memory from one patch to the next."""
    records: dict[str, dict[str, Any]] = {}
    store = _kept_store(terms) if terms is not None else None
    reuse = SearchReuse(previous, site, records, same)
    # each compressed blob the shown site holds as it still is comes from there (a quarter of the language's time)
    files = search_files(documents, contact, synonyms, reuse, store, earlier=reuse.earlier)
    return SearchUpdate(records, stage_update(files, site / PREFIX, scratch / PREFIX))


_ANALYSES: dict[tuple[str, str], dict[str, TermMemo]] = {}  # in the search process: analyses by store and code


def _kept_store(terms: tuple[str, str]) -> TermStore:
    return TermStore(terms[0], terms[0], terms[1], kept=_ANALYSES.setdefault(terms, {}))


def _ready(terms: tuple[str, str] | None, languages: list[str]) -> None:
    """Run first in a new search process, while the writer reads the site: imports done, and each language's
    analyses read from disk, so the first edit of a language costs what the next ones do."""
    if terms is None:
        return
    store = _kept_store(terms)
    for lang in languages:
        store.preload(lang)
    keep_until_thawed()  # the analyses live as long as the process: no full collection walks them again


def _recorded(records: dict[str, dict[str, Any]]) -> dict[str, str]:
    """Each search file the records list (name in the search folder) with the hex digest of its bytes."""
    return {name: kept[0] for record in records.values() for name, kept in record["files"].items()}


def _unlisted(before: dict[str, dict[str, Any]], after: SearchUpdate) -> list[str]:
    """The search files the shown site's records list and the patched site's do not: no manifest names them."""
    return sorted(_recorded(before).keys() - _recorded(after.records).keys())


def _manifest(session: Session, patch: Patch) -> str:
    """The patched site's manifest, from the shown one's: a patch adds and removes only search files, so the site
    need not be listed again (12,000 pages at 10,000 articles). The pages written, index.json and anything else
    in the search folder no record lists are digested again; without a manifest to start from, the site is listed."""
    site, rewritten = session.site, set(patch.pages.values())
    listed = listed_digests(site)
    search = {f"{PREFIX}/{name}": digest for name, digest in _recorded(patch.search.records).items()}
    if not listed:
        return manifest_text(site, search)
    was_search = {f"{PREFIX}/{name}" for name in _recorded(session.cache.search)}
    digests = {
        name: file_sha256(site / name) if name in rewritten or name.startswith(f"{PREFIX}/") else digest
        for name, digest in listed.items()
        if name not in was_search
    }
    digests.update(search)
    return manifest_listing(digests)


def apply(session: Session, patch: Patch) -> None:
    """Move the patch's files into the shown site, one rename each, and write its manifest again."""
    site = session.site
    for dest in patch.pages.values():
        (patch.scratch / dest).replace(site / dest)
    move_in(patch.scratch / PREFIX, site / PREFIX, patch.search.staged, _unlisted(session.cache.search, patch.search))
    manifest = patch.scratch / MANIFEST_NAME
    manifest.write_text(_manifest(session, patch), encoding="utf-8", newline="\n")
    manifest.replace(site / MANIFEST_NAME)  # a new file: the old one may be linked into another site
    for src_uri in patch.pages:
        record = session.cache.pages.get(src_uri)
        if record is not None:
            record.populate = record.render = ""  # read and written again by the next rebuild
    session.cache.search = patch.search.records
    stamp_search(session.cache, site)
    session.cache_saved = False
    session.pending.clear()
    # the scratch folder, now empty but for its folders: removed while the reader's page reloads
    threading.Thread(target=shutil.rmtree, args=(patch.scratch,), kwargs={"ignore_errors": True}).start()
