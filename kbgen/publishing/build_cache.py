"""The build cache beside an output folder: what each page of that site was built from, so a rebuild can reuse it.

`kbgen build` keeps it in `.site.kbgen-cache/build.pickle`, in the cache folder next to `site/` (a dot-entry of the
same parent, like the lock). It records, per page, the keys its output was rendered from and the size and mtime of
the file it wrote, and the sha256 of the site's manifest. A cache is trusted only for the exact site it describes: a
different manifest (another build swapped in, a kill between the swap and the cache write), an unreadable file,
another format or a page file whose size or mtime changed since (edited by hand) all mean "rebuild that from
scratch". The cache is never deployed: it is outside the output folder.

It is a pickle of nothing but Python's containers, strings and numbers, read with an unpickler that builds nothing
else (a file someone else wrote cannot run code): at 10,000 articles it is 54 MB, mostly the pages' search texts,
which JSON took 0.6 s to write and 0.45 s to read, and pickle 0.15–0.4 s each (the write mostly the disk's).
"""

from __future__ import annotations

import contextlib
import hashlib
import io
import os
import pickle
import shutil
import stat
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from jinja2 import BytecodeCache, FileSystemBytecodeCache

from kbgen.file_links import inside_name
from kbgen.loading.load_memo import LoadMemo
from kbgen.publishing.manifest import MANIFEST_NAME
from kbgen.search.folders import PREFIX as SEARCH_PREFIX
from kbgen.search.term_memo import TermStore

FORMAT = 3  # 3: a pickle in the cache folder, its pages pickled apart inside it (pickled_pages)
LOAD_MEMO = "load.pickle"
OWNERSHIP_RECORD = "ownership.json"  # kbgen.publishing.ownership.keep_check's, in the cache folder
_MAGIC = b"kbgen build cache\n"


def cache_path_for(site_dir: Path) -> Path:
    """In the cache folder beside the output, named after it; `kbgen serve` builds each preview into its own."""
    return _folder_of(site_dir) / "build.pickle"


def _folder_of(site_dir: Path) -> Path:
    """`.site.kbgen-cache/` beside the output `site/`: where every cache of that output is kept."""
    return site_dir.parent / f".{site_dir.name}.kbgen-cache"


class _PlainUnpickler(pickle.Unpickler):
    """Builds containers, strings and numbers only: a pickle that names any class or function is refused."""

    def find_class(self, module: str, name: str) -> Any:
        raise pickle.UnpicklingError(f"the build cache names {module}.{name}")


@dataclass(slots=True)
class PageRecord:
    """One page of a built site: the keys its output was made from, what others need of it, and its output file."""

    populate: str  # source, site structure and settings: equal means its Markdown renders to the same HTML
    render: str  # populate + navigation + view model: equal means the written page is byte-identical
    dest: str  # the output file, relative to the site folder
    meta: dict[str, Any]  # page.meta after kbgen's on_page_markdown, for the titles and badges other pages show
    title_from_render: str | None
    headings: list[str]  # the page's toc titles (decide whether kbgen adds related articles)
    text: str | None  # the search text of an article, None for other pages
    size: int = -1
    mtime_ns: int = -1
    translation: str = ""  # its translation state as its notice shows it, "" for a page that is no translation


@dataclass(slots=True)
class BuildCache:
    """The records of one built site, valid only while `setting` (settings, versions, today) is unchanged."""

    setting: str
    manifest: str = ""
    # every article but its body, every section and the navigation: while they are as they were, a page's view
    # changes only with its own source or its translation state (kbgen.mkdocs_plugin.incremental.plan_writing)
    site: str = ""
    pages: dict[str, PageRecord] = field(default_factory=dict)
    search: dict[str, dict[str, Any]] = field(default_factory=dict)  # lang -> digest of its input, files, info
    # an article's load key -> the digest of all of it but its body (incremental.outward_key): the same key loads
    # the same article, so a rebuild prints only the articles it loaded afresh
    outward: dict[str, str] = field(default_factory=dict)

    def page_files(self) -> list[str]:
        """The page files of the site, relative to it and sorted; a name that would lead out of it (the cache is a
        file beside the site) is left out, so nothing outside is ever linked or unlinked for it."""
        return sorted({record.dest for record in self.pages.values() if inside_name(record.dest)})


def manifest_digest(site_dir: Path) -> str:
    """sha256 of the site's manifest, "" without one: ties a cache to the one build it describes."""
    try:
        return hashlib.sha256((site_dir / MANIFEST_NAME).read_bytes()).hexdigest()
    except OSError:
        return ""


def load_cache(site_dir: Path) -> BuildCache | None:
    """The cache of the site in site_dir, or None when there is none or it does not describe this exact site."""
    path = cache_path_for(site_dir)
    if path.parent.is_symlink():
        return None  # kbgen never reads its caches through a link
    try:
        data = read_cache_file(path)
        if not isinstance(data, dict) or data.get("format") != FORMAT or data.get("fields") != PageRecord.__slots__:
            return None
        cache = BuildCache(str(data["setting"]), str(data["manifest"]), str(data.get("site", "")))
        pages = data["pages"]
        if not isinstance(pages, bytes):
            return None
        for src_uri, record in _PlainUnpickler(io.BytesIO(pages)).load().items():
            cache.pages[str(src_uri)] = PageRecord(*record)
        cache.search = {str(lang): dict(record) for lang, record in data["search"].items()}
        cache.outward = {str(key): str(digest) for key, digest in data.get("outward", {}).items()}
    except (OSError, ValueError, TypeError, KeyError, AttributeError, EOFError, pickle.UnpicklingError, MemoryError):
        return None
    if not cache.manifest or cache.manifest != manifest_digest(site_dir):
        return None
    return cache


def pickled_pages(cache: BuildCache) -> bytes:
    """The cache's page records as the cache file keeps them: pickled apart from the rest, so a build can do it
    while it waits for its search process (kbgen.publishing.site_finish), before the site is swapped in."""
    fields = PageRecord.__slots__
    pages = {src: [_plain(getattr(rec, name)) for name in fields] for src, rec in sorted(cache.pages.items())}
    return pickle.dumps(pages, protocol=5)


def save_cache(cache: BuildCache, site_dir: Path, pages: bytes | None = None) -> None:
    """Write atomically (temp file and rename): a reader sees the old cache or the new one, never half of one.
    `pages`: pickled_pages of `cache` as it is now, when the caller made it earlier."""
    cache.manifest = manifest_digest(site_dir)
    target = cache_path_for(site_dir)
    temporary = target.with_name(f"{target.name}.{os.getpid()}.tmp")
    fields = PageRecord.__slots__
    try:
        pages = pages if pages is not None else pickled_pages(cache)
        data = {"format": FORMAT, "fields": fields, "setting": cache.setting, "manifest": cache.manifest}
        data |= {"site": cache.site, "pages": pages, "search": _plain(cache.search), "outward": cache.outward}
        if cache_folder(site_dir) is None:  # not a plain folder: kbgen never writes through a link
            raise OSError(f"{target.parent} cannot hold the build cache")
        write_cache_file(temporary, data)
        temporary.replace(target)
    except (OSError, TypeError, ValueError, pickle.PicklingError):  # disk trouble, or a value that will not keep
        discard_cache(site_dir)  # a missing cache costs one full build; a wrong one would publish stale pages
        with contextlib.suppress(OSError):
            temporary.unlink(missing_ok=True)


def read_cache_file(path: Path) -> Any:
    """The data in a cache file; ValueError when it is not one, pickle.UnpicklingError when it names a class."""
    with path.open("rb") as handle:
        if handle.read(len(_MAGIC)) != _MAGIC:
            raise ValueError(f"{path} is not a kbgen build cache")
        return _PlainUnpickler(handle).load()


def write_cache_file(path: Path, data: Any) -> None:
    with path.open("wb") as handle:
        handle.write(_MAGIC)
        pickle.dump(data, handle, protocol=5)


def _plain(value: Any) -> Any:
    """`value` as the plain types the cache's unpickler builds (a str subclass such as Jinja's Markup as a str, a
    tuple as a list); TypeError for anything else, which could not be read back."""
    kind = type(value)
    if kind is str or kind is int or kind is bool or kind is float or value is None:
        return value
    if isinstance(value, str):
        return str(value)
    if kind is list or kind is tuple:
        return [_plain(item) for item in value]
    if kind is dict:
        return {_plain(key): _plain(item) for key, item in value.items()}
    raise TypeError(f"the build cache cannot keep a {kind.__name__}")


def discard_cache(site_dir: Path) -> None:
    with contextlib.suppress(OSError):
        cache_path_for(site_dir).unlink(missing_ok=True)
    with contextlib.suppress(OSError):  # where kbgen before build cache format 2 kept it
        (site_dir.parent / f".{site_dir.name}.kbgen-cache.json").unlink(missing_ok=True)


def cache_folder(site_dir: Path) -> Path | None:
    """`.site.kbgen-cache/` beside the output: memos that hold for any build, since each entry is named by its
    inputs (loaded files, search terms, compiled templates). It holds a `.gitignore` of its own. None when it
    cannot be made or is not a plain folder (kbgen never writes through a link).
    """
    folder = _folder_of(site_dir)
    try:
        folder.mkdir(exist_ok=True)
        if folder.is_symlink() or not folder.is_dir():
            return None
        ignore = folder / ".gitignore"
        if not ignore.exists():
            ignore.write_text("# kbgen's caches: rebuilt when missing, never committed\n*\n", encoding="utf-8")
    except OSError:
        return None
    return folder


def ownership_record(site_dir: Path) -> Path:
    """Where the detached process of a build keeps its reading of the site (kbgen.publishing.ownership.keep_check)."""
    return _folder_of(site_dir) / OWNERSHIP_RECORD


def term_store(previous_site: Path, site_dir: Path, key: str) -> TermStore | None:
    """The search analyses of the site in previous_site, kept for the site built into site_dir from now on
    (`kbgen serve` builds each preview into a new folder; `kbgen build` into the same one)."""
    target = cache_folder(site_dir)
    if target is None:
        return None
    source = _folder_of(previous_site)
    return TermStore(f"{source}/search-terms-", f"{target}/search-terms-", key)


def load_memo(previous_site: Path, site_dir: Path) -> LoadMemo:
    """What loading each Markdown file produced, as the previous site's build left it, kept for this one."""
    target = cache_folder(site_dir)
    source = _folder_of(previous_site) / LOAD_MEMO
    return LoadMemo(target / LOAD_MEMO if target is not None else None, source)


def compiled_templates(site_dir: Path) -> BytecodeCache | None:
    """Jinja's compiled templates, kept for the next build; Jinja checks each against its template's source and
    the Python version before using it."""
    folder = cache_folder(site_dir)
    return FileSystemBytecodeCache(str(folder)) if folder is not None else None


def discard_all(site_dir: Path) -> None:
    """Remove every cache kept beside site_dir (`kbgen serve` removing a preview it no longer shows)."""
    discard_cache(site_dir)
    folder = _folder_of(site_dir)
    if folder.is_dir() and not folder.is_symlink():
        shutil.rmtree(folder, ignore_errors=True)


def output_unchanged(site_dir: Path, record: PageRecord) -> bool:
    """The page file is still the one the cache recorded (same size and mtime), so it may be linked as is."""
    try:
        info = os.lstat(f"{site_dir}/{record.dest}")  # a string, not a Path: once per page of the site
    except OSError:
        return False
    return stat.S_ISREG(info.st_mode) and (info.st_size, info.st_mtime_ns) == (record.size, record.mtime_ns)


def stamp(record: PageRecord, site_dir: Path) -> None:
    """Record the size and mtime of the page file as written (or linked) in site_dir."""
    try:
        info = os.lstat(f"{site_dir}/{record.dest}")
        record.size, record.mtime_ns = info.st_size, info.st_mtime_ns
    except OSError:
        record.size, record.mtime_ns = -1, -1


def stamp_search(cache: BuildCache, site_dir: Path) -> None:
    """Add each search file's mtime to its recorded [digest, size], as `stamp` does for pages: a file changed in
    the output since (even to the same size) is not linked into the next site."""
    folder = f"{site_dir}/{SEARCH_PREFIX}"  # a string, not a Path: thousands of files at 10,000 articles
    for record in cache.search.values():
        for name, kept in record.get("files", {}).items():
            try:
                kept[2:] = [os.lstat(f"{folder}/{name}").st_mtime_ns]
            except OSError:
                kept[2:] = [-1]
