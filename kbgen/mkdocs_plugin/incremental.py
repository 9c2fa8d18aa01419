"""One-edit rebuilds: decides which pages of the previous site are still exactly right and may be reused.

MkDocs' own `dirty` build skips pages by file mtime and then renders the others with unread neighbours (blank
titles, a short search index): fast but wrong. kbgen runs MkDocs' dirty build with its own answers instead:

- a page is *read* (Markdown converted) again only when its populate key changed: the settings (kbgen and theme
  versions and files, mkdocs.yml, today), the site's structure (every file's URL, what is published and where
  links lead) or its own source and loaded article. A page not read gets back, from the cache, exactly what the
  other pages show of it: its metadata, its title and its search text.
- a page is *written* again only when its render key changed: the populate key, the whole navigation as shown
  (every title, URL, order and badge), its previous and next pages, and its view model (breadcrumbs, listings,
  related articles, review notices, translations). Every other page file is hard-linked from the previous site.

Anything not sure (no cache, another site, a value without a stable text form) means "read and write it again":
the result is byte-identical to a clean build, and the tests compare every file of both.
"""

from __future__ import annotations

import contextlib
import dataclasses
import hashlib
import html
import importlib
import importlib.metadata
import os
import sys
from collections.abc import Callable, Iterable, Mapping, Sequence
from concurrent.futures import CancelledError, Future, ThreadPoolExecutor
from pathlib import Path
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page
from mkdocs.utils import get_build_date

from kbgen.digests import add_framed
from kbgen.file_links import link_file, link_files, remove_empty_folders
from kbgen.loading.load_memo import tree_stats
from kbgen.mkdocs_plugin.theme import theme_dir
from kbgen.model import Corpus
from kbgen.publishing import links_ahead
from kbgen.publishing.build_cache import BuildCache, PageRecord, output_unchanged
from kbgen.publishing.manifest import file_sha256, listed_digests
from kbgen.render.i18n import strings
from kbgen.workers import run_shared

_PACKAGE = Path(__file__).resolve().parent.parent  # kbgen's own code and templates: edited in a checkout
_NAV_META = frozenset({"icon", "subtitle", "status", "hide", "title"})  # what material's nav shows of a page
# What a page's HTML or the search files depend on besides kbgen: the sanitiser, the stemmers, the segmenter, lunr
_DISTRIBUTIONS = (
    "kbgen", "mkdocs", "mkdocs-material", "markdown", "pymdown-extensions", "jinja2", "pyyaml", "nh3", "lunr",
    "snowballstemmer", "pystemmer", "jieba",
)  # fmt: skip


def _digest(*parts: object) -> str:
    """sha256 of the parts, each tagged and length-prefixed: a string as its UTF-8, anything else as its repr. The
    texts keyed here are large (a page's view, as printed), and printing one again only escaped it twice."""
    hasher = hashlib.sha256()
    for part in parts:
        text, tag = (part, b"s") if type(part) is str else (repr(part), b"r")
        add_framed(hasher, text.encode("utf-8", "surrogatepass"), tag)
    return hasher.hexdigest()


def _stable(value: object) -> str | None:
    """repr of a value, or None when it names an object by address (it would differ on every build)."""
    text = repr(value)
    return None if " at 0x" in text or " object at " in text else text


def _view_text(view: object) -> str | None:
    """A view model's text for a render key, less the UI strings table it carries (`t`) when that is exactly the
    table of a language the view names: a pure function of the language and kbgen's code, which the setting key
    covers. Printing it for every page was a tenth of a one-edit rebuild at 10,000 articles."""
    if isinstance(view, dict) and isinstance(view.get("lang"), str) and view.get("t") == strings(view["lang"]):
        return _stable({**view, "t": "the strings of the view's language"})
    return _stable(view)


def _tree_contents(root: Path) -> list[tuple[str, str]]:
    found: list[tuple[str, str]] = []
    for folder, dirs, names in os.walk(root):
        dirs.sort()
        for name in sorted(names):
            path = Path(folder, name)
            found.append((path.relative_to(root).as_posix(), hashlib.sha256(path.read_bytes()).hexdigest()))
    return found


def setting_key(config: MkDocsConfig, today: object, kb: object) -> str | None:
    """Everything every page depends on; None when kbgen cannot tell (mkdocs.yml reads the environment)."""
    versions = []
    for name in _DISTRIBUTIONS:
        try:
            versions.append((name, importlib.metadata.version(name)))
        except importlib.metadata.PackageNotFoundError:
            versions.append((name, ""))
    config_file = Path(config.config_file_path or "mkdocs.yml")
    try:
        config_text = config_file.read_bytes()
    except OSError:
        return None
    if b"!ENV" in config_text or b"INHERIT" in config_text:
        return None  # values from the environment or another file: not visible in mkdocs.yml's bytes
    material = Path(importlib.import_module("material").__file__ or ".").resolve().parent
    root = config_file.resolve().parent
    themes: list[object] = []
    for folder in config.theme.dirs:
        path = Path(folder).resolve()
        if material in path.parents or path == material:
            continue  # material's own templates: pinned by its version
        ours = _PACKAGE in path.parents or path == theme_dir().resolve()  # kbgen's own: changed by installs, edits
        contents = tree_stats(path) if ours else _tree_contents(path)
        themes.append((_relative(path, root), contents))
    kb_text = _stable(kb)
    if kb_text is None:
        return None
    return _digest(
        sys.version, versions, tree_stats(_PACKAGE), config_text, themes, str(today), get_build_date(),
        os.environ.get("SOURCE_DATE_EPOCH"), _relative(Path(config.docs_dir), root), config.site_url, kb_text,
    )  # fmt: skip


def _relative(path: Path, root: Path) -> str:
    """A project folder by its place in the project, so a copied or moved project keeps its cache."""
    resolved = path.resolve()
    return resolved.relative_to(root).as_posix() if root in resolved.parents else str(resolved)


def outward_key(corpus: Corpus, known: Mapping[str, str] | None = None, kept: dict[str, str] | None = None) -> str:
    """Everything of the content other pages, listings and the navigation may show: every article but its body,
    and every section but its text (its title, summary and order show on the cards above it; its text on its own
    page alone); "" when one of them cannot be printed the same way twice. The digests of their files are left
    out: a body edit keeps this key.

    An article's part is a digest of it printed, which is a function of its load key (the loader's memo gives the
    same article for the same key): `known` holds a previous build's by key, so only the articles loaded afresh
    are printed (12,000 printed were 0.3 s of a one-edit rebuild); `kept` receives this build's."""
    hasher = hashlib.sha256()
    for article in corpus.articles:
        key = corpus.load_keys.get(str(article.source.rel))
        digest = known.get(key) if known is not None and key is not None else None
        if digest is None:
            source = dataclasses.replace(article.source, digest=b"")
            text = _stable(dataclasses.replace(article, source=source, body="", body_line=0))
            if text is None:
                return ""
            digest = hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()
        if kept is not None and key is not None:
            kept[key] = digest
        add_framed(hasher, digest.encode("ascii"), b"a")
    for section in corpus.sections:
        shown = dataclasses.replace(section, source=None, body="", body_line=0)
        text = _stable(shown)
        if text is None:
            return ""
        add_framed(hasher, text.encode("utf-8", "surrogatepass"), b"s")
    return hasher.hexdigest()


def structure_key(files: Files, corpus: Corpus) -> str:
    """Where every file is published and which sources are accepted: what a page's links resolve against."""
    entries = sorted((f.src_uri, f.dest_uri, f.url, f.inclusion.name) for f in files)
    articles = sorted((str(a.source.rel), a.url, a.is_public, a.redirect_from) for a in corpus.articles)
    return _digest(entries, sorted(str(rel) for rel in corpus.rejected), articles)


def _loaded_text(corpus: Corpus, src_uri: str, file: File) -> str | None:
    """What a page is read from, for its populate key: the loader's key of its file when it has one (it covers the
    file's bytes, and the article or section loaded from them is a function of it: kbgen.loading.load_memo; nothing
    sets one after loading), else the file's digest and the loaded record printed in full. Printing 10,000 articles,
    bodies and all, and hashing their files again was 1.5 s and 0.7 s of a rebuild.

    A file that changes after loading is read as it is then, not as loaded: `Incremental.forget` drops those keys.
    """
    loaded = corpus.by_source(src_uri)
    key = corpus.load_keys.get(src_uri) if loaded is not None else None
    if key is not None:
        return f"loaded by key {key}"
    text = _stable(loaded)
    return None if text is None else f"{_source_digest(file)} {text}"


def _source_digest(file: File) -> str:
    if file.generated_by is not None or file.abs_src_path is None:
        return hashlib.sha256(file.content_bytes).hexdigest()
    with open(file.abs_src_path, "rb") as handle:  # noqa: PTH123 - one read, no Path object per page
        return hashlib.sha256(handle.read()).hexdigest()


def headings_of(page: Page) -> list[str]:
    """The page's toc titles as kbgen's related-articles rule reads them (after escaping)."""
    return [html.unescape(str(item.title)) for item in _walk_toc(page.toc)]


def _walk_toc(items: Iterable[Any]) -> Iterable[Any]:
    for item in items:
        yield item
        yield from _walk_toc(item.children)


def nav_meta(meta: Mapping[str, Any]) -> list[tuple[str, str]]:
    """What material's navigation shows of a page's metadata (icon, subtitle, status, title...), printed."""
    return sorted((key, repr(value)) for key, value in meta.items() if key in _NAV_META)


def _nav_text(nav: Navigation) -> str:
    """Every nav entry's kind, title, URL, badges and place, as the templates show them."""
    lines: list[str] = []

    def walk(items: Iterable[Any], depth: int) -> None:
        for item in items:
            meta = getattr(item, "meta", None)
            shown = nav_meta(meta) if isinstance(meta, dict) else None
            url = getattr(item, "url", None)
            lines.append(repr((depth, type(item).__name__, str(item.title), url, shown)))
            walk(getattr(item, "children", None) or [], depth + 1)

    walk(nav.items, 0)
    return "\n".join(lines)


class Incremental:
    """One build's reuse decisions. Without a previous cache (or with `setting` None) every page is rebuilt."""

    def __init__(self, previous: BuildCache | None, previous_site: Path | None, setting: str | None) -> None:
        usable = previous is not None and previous_site is not None and setting is not None
        self.previous = previous if usable and previous is not None and previous.setting == setting else None
        self.previous_site = previous_site
        self.setting = setting
        self.structure = ""
        self.cache = BuildCache(setting or "")
        self.unread: set[str] = set()  # pages not read this build: restored from the cache
        self.unwritten: dict[str, str] = {}  # src_uri -> dest of pages linked from the previous site
        self._linker: ThreadPoolExecutor | None = None
        self._linked: Future[None] | None = None
        self._ahead: Future[list[str]] | None = None  # link_ahead's work: the page files linked
        self.texts: dict[str, str] = {}  # search text of articles read this build
        self._populate: dict[str, str] = {}
        self.outward = ""  # every article but its body (outward_key); "" when it cannot be told
        self.same_site = False  # plan_writing found the navigation and every article as they showed before
        self._listing: dict[str, str] | None = None
        self.reused_files: dict[str, str] = {}  # name -> digest of the site-wide files linked from the previous site

    def plan_reading(self, files: Files, corpus: Corpus) -> None:
        """After the nav is made: mark which pages MkDocs reads, by each file's populate key."""
        self.structure = structure_key(files, corpus)
        known = self.previous.outward if self.previous is not None else None
        self.outward = outward_key(corpus, known, self.cache.outward)
        for file in files.documentation_pages():
            loaded = _loaded_text(corpus, file.src_uri, file)
            key = (
                _digest(self.setting, self.structure, file.src_uri, loaded)
                if self.setting is not None and loaded is not None
                else ""
            )
            self._populate[file.src_uri] = key
            record = self.previous.pages.get(file.src_uri) if self.previous is not None else None
            reuse = bool(key) and record is not None and record.populate == key
            if reuse:
                self.unread.add(file.src_uri)
            _set_modified(file, not reuse)

    def restore_unread(self, files: Files) -> None:
        """Before any page renders: unread pages get back the metadata and title a reading would have given."""
        assert self.previous is not None or not self.unread
        for file in files.documentation_pages():
            if file.src_uri not in self.unread or file.page is None or self.previous is None:
                continue
            record = self.previous.pages[file.src_uri]
            page = file.page
            page.markdown = ""
            page.meta = dict(record.meta)
            page._title_from_render = record.title_from_render

    def text_of(self, src_uri: str) -> str | None:
        if src_uri in self.texts:
            return self.texts[src_uri]
        record = self.previous.pages.get(src_uri) if self.previous is not None else None
        return record.text if record is not None and src_uri in self.unread else None

    def headings(self, page: Page) -> list[str]:
        if page.file.src_uri in self.unread and self.previous is not None:
            return list(self.previous.pages[page.file.src_uri].headings)
        return headings_of(page)

    def plan_writing(
        self,
        files: Files,
        nav: Navigation | None,
        view_of: Callable[[Page], object],
        meta_before: dict[str, Any],
        workers: int = 1,
        translations: Mapping[str, str] | None = None,
    ) -> list[File]:
        """After titles are escaped: mark which pages MkDocs writes, by each page's render key.

        `view_of(page)` gives a page's view model. Working out every page's view and key is most of a one-edit
        rebuild's own work, and pages are independent here, so `workers` processes share it (kbgen.workers); only
        each page's key and verdict come back. Returns the pages to write that were not read (their own source is
        unchanged): the caller reads them now.

        A view is made of the page's own source, the other articles as they show (all but their bodies), the
        navigation, the settings and, for a translation, its state (`translations`: src_uri -> that state,
        printed). So while the articles and the navigation show as they did (the cache's `site` key), a page
        whose source was not read again and whose state is unchanged keeps its render key, and its view is not
        worked out at all: after a body edit, only the edited pages and their translations' are.
        """
        nav_text = _digest(_nav_text(nav) if nav is not None else "")  # hashed once, not once per page
        states = translations or {}
        self.cache.site = _digest(nav_text, self.outward) if self.outward else ""
        same_site = self.previous is not None and bool(self.cache.site) and self.previous.site == self.cache.site
        self.same_site = same_site
        pages = [file for file in files.documentation_pages() if file.page is not None]
        decided: dict[str, tuple[str, bool]] = {}
        todo: list[File] = []
        for file in pages:
            record = self.previous.pages.get(file.src_uri) if self.previous is not None else None
            as_before = same_site and file.src_uri in self.unread
            if as_before and record is not None and record.translation == states.get(file.src_uri, ""):
                decided[file.src_uri] = (record.render, self._reusable(file, record.render))
            else:
                todo.append(file)

        def decide(file: File) -> tuple[str, bool]:
            assert file.page is not None
            render = self._render_key(file, nav_text, view_of(file.page))
            return render, self._reusable(file, render)

        run_shared(todo, decide, lambda file, verdict: decided.__setitem__(file.src_uri, verdict), workers)
        late: list[File] = []
        for file in pages:
            page = file.page
            assert page is not None
            render, reuse = decided[file.src_uri]
            populate = self._populate.get(file.src_uri, "")
            record = self.previous.pages.get(file.src_uri) if self.previous is not None else None
            if reuse:
                self.unwritten[file.src_uri] = file.dest_uri
            elif file.src_uri in self.unread:
                late.append(file)
            _set_modified(file, not reuse)
            if record is not None and file.src_uri in self.unread:
                kept = record
                self.cache.pages[file.src_uri] = PageRecord(
                    populate, render, file.dest_uri, kept.meta, kept.title_from_render, kept.headings, kept.text,
                    translation=states.get(file.src_uri, ""),
                )  # fmt: skip
            else:
                saved = meta_before.get(file.src_uri)
                self.cache.pages[file.src_uri] = PageRecord(
                    populate if saved is not None else "",
                    render,
                    file.dest_uri,
                    saved or {},
                    page._title_from_render,
                    headings_of(page),
                    self.texts.get(file.src_uri),
                    translation=states.get(file.src_uri, ""),
                )
        return late

    def _render_key(self, file: File, nav_text: str, view: object) -> str:
        """The populate key, the navigation, the neighbours, the page's metadata and its view; "" when unsure."""
        page = file.page
        assert page is not None
        populate = self._populate.get(file.src_uri, "")
        view_text = _view_text(view)
        around = (page.previous_page, page.next_page)
        neighbours = [(str(p.title), p.url) if p is not None else None for p in around]
        meta_text = _stable(sorted(page.meta.items()))
        if not populate or view_text is None or meta_text is None:
            return ""
        return _digest(populate, nav_text, view_text, neighbours, meta_text)

    def _reusable(self, file: File, render: str) -> bool:
        """The previous site's file for this page is exactly what this build would write."""
        record = self.previous.pages.get(file.src_uri) if self.previous is not None else None
        return (
            bool(render)
            and record is not None
            and record.render == render
            and self.previous_site is not None
            and record.dest == file.dest_uri
            and output_unchanged(self.previous_site, record)
        )

    def forget(self, changed: Iterable[str]) -> None:
        """Pages read from a file that changed after it was loaded: their output is not what their keys name (the
        loaded file's), so the next build reads and writes them again."""
        for src_uri in changed:
            record = self.cache.pages.get(src_uri)
            if record is not None:
                record.populate = record.render = ""

    def link_ahead(self, submit: Callable[..., Future[list[str]] | None], site_dir: Path) -> None:
        """Start linking every page file of the previous site into `site_dir` now, in another process (`submit`
        runs a function there; None where there is none), while this one loads the content and checks it: by the
        time `start_linking` knows which pages are written again, their old files are linked and only those few
        are unlinked. Ten thousand folders made and files linked are 0.5 to 2.5 s of file system work at
        10,000 articles, and a thread doing them beside the build waits on this process for every call. After a
        `kbgen build`, a detached process makes them for the next build (kbgen.publishing.links_ahead), which
        takes that folder as its staging folder and only checks it here."""
        if self.previous is None or self.previous_site is None:
            return
        dests = self.previous.page_files()
        previous, staging = str(self.previous_site), str(site_dir)
        if links_ahead.take(self.previous_site, site_dir):  # linked after the last build: only checked here
            ahead = submit(links_ahead.adopt, previous, staging, dests)
            if ahead is None:  # no process: checked now, as nothing unchecked may stay in the site
                ahead = Future()
                ahead.set_result(links_ahead.adopt(previous, staging, dests))
            self._ahead = ahead
            return
        self._ahead = submit(link_files, previous, staging, dests)

    def _linked_ahead(self, site_dir: Path) -> set[str]:
        """The page files `link_ahead` linked into `site_dir` (waited for); none when it failed, after removing
        whatever it may have linked (nothing is ever written through a link into the previous site)."""
        if self._ahead is None:
            return set()
        ahead, self._ahead = self._ahead, None
        try:
            return set(ahead.result())
        except (OSError, RuntimeError, CancelledError):  # a full disk, a dead process: undone, done here
            # nothing is written yet: every file the staging folder holds is a link made or taken ahead
            links_ahead.adopt(str(self.previous_site), str(site_dir), [])
            return set()

    def start_linking(self, site_dir: Path) -> None:
        """Make the previous site's page files of the pages plan_writing left unwritten, and only those, the new
        site's: those `link_ahead` linked stay, the others it linked are unlinked before any page is written,
        and any not linked yet are linked in a thread (`finish_linking` waits for it)."""
        ahead = self._linked_ahead(site_dir)
        keep = set(self.unwritten.values())
        for dest in sorted(ahead - keep):
            _unlink(site_dir, dest)
        todo = {uri: dest for uri, dest in self.unwritten.items() if dest not in ahead}
        if self.previous_site is not None and todo:
            self._linker = ThreadPoolExecutor(1, thread_name_prefix="kbgen-link")
            self._linked = self._linker.submit(self.link_unwritten, site_dir, todo)

    def finish_linking(self) -> None:
        """Wait for start_linking's thread; what failed there (a full disk) is raised here."""
        linker, linked, self._linker, self._linked = self._linker, self._linked, None, None
        if linker is None or linked is None:
            return
        try:
            linked.result()
        finally:
            linker.shutdown(wait=True)

    def link_unwritten(self, site_dir: Path, pages: Mapping[str, str] | None = None) -> None:
        """Hard-link (or copy) every reused page file (or those of `pages`) from the previous site into the new one."""
        if self.previous_site is None:
            return
        previous, site = str(self.previous_site), str(site_dir)
        for dest in (pages if pages is not None else self.unwritten).values():
            link_file(f"{previous}/{dest}", f"{site}/{dest}")

    def reuse_site_files(self, site_dir: Path, names: Sequence[str]) -> bool:
        """Link `names` (files every page's listing feeds, such as the sitemap) from the previous site, all or none,
        when the navigation and every article show as they did (`same_site`, with the same settings) and each file
        still has the digest the previous manifest lists. False, and nothing linked, when any of that fails: the
        caller writes them."""
        if not self.same_site or self.previous_site is None:
            return False
        listed = self._previous_listing()
        previous = str(self.previous_site)
        try:
            if not all(name in listed and file_sha256(f"{previous}/{name}") == listed[name] for name in names):
                return False
        except OSError:
            return False
        for name in names:
            link_file(f"{previous}/{name}", f"{site_dir}/{name}")
            self.reused_files[name] = listed[name]
        return True

    def linked_digests(self) -> dict[str, str]:
        """The previous manifest's digests of the page files linked into the new site: the same bytes (the cache
        is trusted only with that manifest, and each page's size and mtime were checked), so not hashed again."""
        if self.previous is None or self.previous_site is None:
            return {}
        listed = self._previous_listing()
        return {dest: listed[dest] for dest in self.unwritten.values() if dest in listed} | self.reused_files

    def _previous_listing(self) -> dict[str, str]:
        """The previous site's manifest, read once per build (20,000 lines at 10,000 articles)."""
        if self._listing is None:
            self._listing = listed_digests(self.previous_site) if self.previous_site is not None else {}
        return self._listing


def _unlink(site_dir: Path, dest: str) -> None:
    """Remove a page file linked ahead that this build does not reuse, and its folder when that is left empty:
    a page written again gets a file of its own, and a page gone leaves nothing behind."""
    with contextlib.suppress(FileNotFoundError):
        os.unlink(f"{site_dir}/{dest}")  # noqa: PTH108 - strings, as for linking
    remove_empty_folders(str(site_dir), dest)


def _set_modified(file: File, modified: bool) -> None:
    """MkDocs' dirty build asks each page file whether it is modified; kbgen answers, not the file's mtime."""
    file.is_modified = (lambda: True) if modified else (lambda: False)  # type: ignore[method-assign]
