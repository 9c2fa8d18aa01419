"""Writes a site's search assets: per-language sharded indexes, result fragments and the lunr.js files."""

from __future__ import annotations

import gzip
import hashlib
import multiprocessing
import os
import re
import shutil
from collections.abc import Collection, Iterator, Mapping, Sequence
from concurrent.futures import Future, ProcessPoolExecutor, ThreadPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from pathlib import Path
from typing import Any, Protocol

from kbgen.config.settings import SAFE_CONTACT_URL
from kbgen.file_links import link_or_copy
from kbgen.heap import collect_less
from kbgen.search.documents import SearchDocument
from kbgen.search.earlier import EarlierFiles, EarlierSearch, KeptFile
from kbgen.search.folders import IMMUTABLE, PREFIX
from kbgen.search.index import build_language_index
from kbgen.search.languages import language_key
from kbgen.search.shards import (
    FILE_GROUPS,
    FORMAT,
    dumps,
    fragment,
    manifest,
    shard_files,
    title_files,
    versions,
    vocabulary,
)
from kbgen.search.synonyms import manifest_synonyms
from kbgen.search.term_memo import TermMemo, TermStore
from kbgen.search.typos import neighbourhood, typo_words
from kbgen.search.vendor import vendor_files

# BCP 47 subtags are at most 8 letters, so no language folder can be taken for IMMUTABLE.
_LANG = re.compile(r"^[a-z0-9]{1,8}(-[a-z0-9]{1,8})*$")


class SearchBuildError(ValueError):
    """Bad search configuration (a contact URL with a dangerous scheme, an unusable language code)."""


def _compress(data: bytes) -> bytes:
    # mtime=0 keeps rebuilds byte-identical. The browser inflates these itself (DecompressionStream), so any
    # static host serves them small, with or without its own compression.
    return gzip.compress(data, compresslevel=9, mtime=0)


def language_folder(lang: str) -> str:
    """The folder a language's search files go in (and the key its records are kept under): ``pt-br`` for ``pt_BR``."""
    code = lang.strip().lower().replace("_", "-")
    if not _LANG.match(code):
        raise SearchBuildError(f"language code {lang!r} is not a BCP 47 tag like 'en' or 'pt-br'")
    return code


def _natural(version: str) -> tuple[tuple[int, int | str], ...]:
    return tuple((0, int(p)) if p.isdigit() else (1, p) for p in re.split(r"(\d+)", version) if p)


# Hex digits of a content-hashed file name.
NAME_CHARS = 16

# From this many documents on, languages are indexed in parallel processes (one per core, largest first).
PARALLEL_FROM = 2000


def content_name(data: bytes) -> str:
    """A file's name from its bytes: a new name whenever, and only when, the bytes change.

    64 bits keep a collision (an old cached file answering for a new one under an immutable cache header)
    out of reach even across many deploys of 100,000 files.
    """
    return hashlib.sha256(data).hexdigest()[:NAME_CHARS]


def group_name(digests: Sequence[bytes]) -> str:
    """One name for a group of files, from the SHA-256 of each (empty for a file left empty): each file stays small
    and its own, but the manifest lists one name a group (a name a file would grow it by 17 bytes a document and a
    shard). From the digests, not the bytes, so a rebuild names a group of files it links without reading them.

    Grouping costs little cache: a real edit changes every term shard anyway (lunr weighs each term by the
    average field length, which the edit changes), and fragments are renumbered when an article comes or goes.
    """
    framed = hashlib.sha256()
    for digest in digests:
        framed.update(len(digest).to_bytes(8, "big") + digest)
    return framed.hexdigest()[:NAME_CHARS]


# A search file's bytes, or the earlier file that holds exactly them.
SearchFile = bytes | KeptFile


def file_digest(data: SearchFile) -> bytes:
    return data.sha256 if isinstance(data, KeptFile) else hashlib.sha256(data).digest()


LanguageResult = tuple[dict[str, SearchFile], dict[str, Any]]


def language_files(
    lang: str,
    documents: Sequence[SearchDocument],
    synonyms: Sequence[Sequence[str]] = (),
    terms: TermStore | None = None,
    unsaved: list[tuple[str, TermMemo]] | None = None,
    earlier: EarlierSearch | None = None,
    ahead: AheadWriter | None = None,
) -> LanguageResult:
    """Index one language and lay it out: manifest, vocabulary, versions, term shards, title files, typo
    neighbourhood shards and one fragment per document.

    Every file but the manifest is named by its content and listed in the manifest (the vocabulary by its own
    bytes, the others ``<group name>-<number>`` by :func:`group_name` of their :data:`FILE_GROUPS`), so a host
    can cache them forever and a reader never combines a manifest with files of another build. ``terms`` keeps
    each document's analysis for the next build (:mod:`kbgen.search.term_memo`), saved now or, given `unsaved`,
    put there for its caller to save once the files are out. A blob the previous site's search folder
    (`earlier`) holds compressed under the same kind and number is taken from there (:mod:`kbgen.search.earlier`).
    With `ahead`, each new file is written as soon as it is made (:class:`AheadWriter`) and given as a KeptFile.
    """
    memo = terms.load(lang) if terms is not None else None
    index = build_language_index(documents, language_key(lang), memo)
    firsts, shards, tails = shard_files(index)
    neighbours = neighbourhood(typo_words(index.folded, index.key))
    groups = manifest_synonyms(synonyms, index.key)
    files: dict[str, SearchFile] = {}
    previous = EarlierFiles.of(earlier, lang)

    def packed(kind: str, blobs: list[bytes]) -> list[tuple[bytes, SearchFile]]:
        """Each blob compressed (an empty one stays empty), with its digest (empty for an empty blob), and what
        the site gets for it: those bytes, or the previous site's file that holds exactly them. That file is
        linked even under a new name (its group's changed): after a one-article edit, 255 of the 256 fragments
        of its group are what they were, and on some file systems making a file is a millisecond where linking
        one is not."""
        out: list[tuple[bytes, SearchFile]] = []
        for number, blob in enumerate(blobs):
            if not blob:
                out.append((b"", b""))
                continue
            raw = hashlib.sha256(blob).hexdigest() if memo is not None else ""
            kept = previous.compressed(kind, number, blob, raw, memo) if previous is not None else None
            if kept is not None:
                out.append((kept.sha256, kept))
                continue
            data = _compress(blob)
            digest = hashlib.sha256(data).digest()
            if memo is not None:
                memo.record_compression(raw, digest.hex())
            out.append((digest, ahead.put(data, digest) if ahead is not None else data))
        return out

    def grouped(kind: str, blobs: list[tuple[bytes, SearchFile]]) -> list[str]:
        size = FILE_GROUPS[kind]
        names = []
        for start in range(0, len(blobs), size):
            name = group_name([digest for digest, _ in blobs[start : start + size]])
            names.append(name)
            for number, (digest, published) in enumerate(blobs[start : start + size], start):
                if digest:  # an empty blob is a shard with no tail: never fetched, so not written
                    files[f"{IMMUTABLE}/{lang}/{kind}/{name}-{number}.kbs"] = published
        return names

    single = {"r": _compress(versions(index)), "v": _compress(vocabulary(index))}
    titles = title_files(index)
    names = {
        "d": grouped("d", packed("d", [fragment(index, ref) for ref in range(len(index.documents))])),
        "h": grouped("h", packed("h", titles)),
        "n": grouped("n", packed("n", [dumps(near) for near in neighbours])),
        "t": grouped("t", packed("t", shards)),
        "w": grouped("w", packed("w", tails)),
        **{kind: content_name(data) for kind, data in single.items()},
    }
    for kind, data in single.items():
        files[f"{IMMUTABLE}/{lang}/{kind}/{names[kind]}.kbs"] = ahead.put(data) if ahead is not None else data
    counts = {"neighbours": len(neighbours), "titles": len(titles)}
    listing = _compress(manifest(index, lang, firsts, names, groups, counts))
    files[f"{lang}/manifest.kbs"] = ahead.put(listing) if ahead is not None else listing
    if terms is not None and memo is not None:  # with what this build's blobs compress to
        if unsaved is not None:
            unsaved.append((lang, memo))
        else:
            terms.save(lang, memo)
    return files, {"docs": len(index.documents), "key": index.key, "lang": lang}


# One language's work: its code, its documents, its synonym groups, where its analyses are kept and the previous
# site's search folder.
_Job = tuple[str, list[SearchDocument], Sequence[Sequence[str]], TermStore | None, EarlierSearch | None]


class LanguageCache(Protocol):
    """One-edit rebuilds: a language whose documents and synonyms did not change gets its previous files back."""

    def get(
        self, lang: str, documents: Sequence[SearchDocument], synonyms: Sequence[Sequence[str]]
    ) -> LanguageResult | None: ...

    def put(
        self, lang: str, documents: Sequence[SearchDocument], synonyms: Sequence[Sequence[str]], result: LanguageResult
    ) -> LanguageResult:
        """Record a language's result for the next build; returns it as this site is to publish it."""
        ...


def _build_languages(jobs: list[_Job]) -> list[LanguageResult]:
    if not jobs:
        return []
    workers = min(len(jobs), os.cpu_count() or 1)
    if workers < 2 or sum(len(job[1]) for job in jobs) < PARALLEL_FROM:
        return [_language_files_star(job) for job in jobs]
    # lunr.py is pure Python and languages are independent, so processes (spawned, not forked: the caller may
    # be a threaded MkDocs server) give a near-linear speed-up. The output is the same as the serial path's.
    biggest_first = sorted(jobs, key=lambda job: -len(job[1]))
    try:
        with ProcessPoolExecutor(workers, multiprocessing.get_context("spawn"), collect_less) as pool:
            results = list(pool.map(_language_files_star, biggest_first))
    except (BrokenProcessPool, OSError):
        # Spawning fails from a main script without an ``if __name__ == "__main__"`` guard; same output, slower.
        return [_language_files_star(job) for job in jobs]
    built = dict(zip([job[0] for job in biggest_first], results, strict=True))
    return [built[job[0]] for job in jobs]


def _language_files_star(job: _Job) -> LanguageResult:
    lang, documents, synonyms, terms, earlier = job
    return language_files(lang, documents, synonyms, terms, earlier=earlier)


def search_files(
    documents: Sequence[SearchDocument],
    contact: Sequence[tuple[str, str]] = (),
    synonyms: Mapping[str, Sequence[Sequence[str]]] | None = None,
    cache: LanguageCache | None = None,
    terms: TermStore | None = None,
    built: Mapping[str, LanguageResult] | None = None,
    earlier: EarlierSearch | None = None,
) -> dict[str, SearchFile]:
    """Every file under the search prefix, by relative path; pure, so tests can inspect it without a disk.

    ``synonyms`` maps a language code to its groups of equivalent phrases (see :mod:`synonyms`); ``cache``
    answers for languages indexed by an earlier build from the same input (language_files is pure); ``terms``
    for documents an earlier build analysed; ``built`` holds languages another process has just indexed from
    these documents (:func:`build_languages`); ``earlier`` is the previous site's search folder, whose
    compressed blobs are taken where they are still the same.
    """
    for label, url in contact:
        if not SAFE_CONTACT_URL.match(url.strip()) or not label.strip():
            raise SearchBuildError(
                f"contact option {label!r} -> {url!r}: need a label and an http(s), mailto:, tel: or site-relative URL"
            )
    files: dict[str, SearchFile] = {}
    languages = []
    jobs = _jobs(documents, synonyms)
    results: dict[str, LanguageResult] = {}
    for lang, docs, groups in jobs:
        if built is not None and lang in built:
            results[lang] = built[lang]
            continue
        found = cache.get(lang, docs, groups) if cache is not None else None
        if found is not None:
            results[lang] = found
            if terms is not None:
                terms.carry(lang)
    todo: list[_Job] = [(lang, docs, groups, terms, earlier) for lang, docs, groups in jobs if lang not in results]
    for job, result in zip(todo, _build_languages(todo), strict=True):
        results[job[0]] = result
    for lang, docs, groups in jobs:
        if cache is not None:
            results[lang] = cache.put(lang, docs, groups, results[lang])
        lang_files, info = results[lang]
        files.update(lang_files)
        languages.append(info)
    for name, data in sorted(vendor_files().items()):
        files[f"lunr/{name}"] = data
    digest = hashlib.sha256()
    for path in sorted(files):
        digest.update(path.encode() + b"\0" + file_digest(files[path]))
    versions = sorted({v for doc in documents if not doc.all_versions for v in doc.versions}, key=_natural)
    files["index.json"] = dumps(
        {
            "build": digest.hexdigest()[:16],
            "contact": [{"label": label.strip(), "url": url.strip()} for label, url in contact],
            "format": FORMAT,
            "languages": languages,
            "versions": versions,
        }
    )
    return files


def build_languages(
    documents: Sequence[SearchDocument],
    synonyms: Mapping[str, Sequence[Sequence[str]]] | None,
    terms: TermStore | None = None,
    earlier: EarlierSearch | None = None,
    ahead: Path | None = None,
) -> dict[str, LanguageResult]:
    """Index every language of `documents` one after the other, for :func:`search_files`' ``built`` (a rebuild's
    background process, given the languages its cache cannot answer for; `earlier`: the previous site's search
    folder), each new file written into the folder `ahead` as it is made when given (:class:`AheadWriter`).

    The analyses wait in this process for :func:`save_analyses`, its next task: the build waits for the files,
    and writing 4,000 articles' analyses (half a second) can overlap the build's own last steps."""
    jobs = _jobs(documents, synonyms)
    writer = AheadWriter(ahead) if ahead is not None else None
    try:
        return {
            lang: language_files(lang, docs, groups, terms, _UNSAVED, earlier, writer) for lang, docs, groups in jobs
        }
    finally:
        if writer is not None:
            writer.finish()


class AheadWriter:
    """Writes a rebuild's new search files into a folder from WRITERS threads as the search process makes them, so
    writing overlaps the making of the next ones. Each is named by its digest there: the build links it under its
    final name (quick, where making 300 files after a large deletion takes a fifth of a second; see
    StagedSearchFolder.put) and removes the folder once its search folder is out."""

    def __init__(self, folder: Path) -> None:
        self.folder = str(folder)
        Path(folder).mkdir(parents=True, exist_ok=True)
        self.pool = ThreadPoolExecutor(WRITERS, thread_name_prefix="kbgen-search-ahead")
        self.writing: dict[str, Future[None]] = {}

    def put(self, data: bytes, digest: bytes | None = None) -> KeptFile:
        """Start writing `data` (whose SHA-256 is `digest`, when known); the file it will be."""
        digest = digest if digest is not None else hashlib.sha256(data).digest()
        path = f"{self.folder}/{digest.hex()}.kbs"
        if path not in self.writing:
            self.writing[path] = self.pool.submit(_write_file, (path, data))
        return KeptFile(path, digest, len(data))

    def finish(self) -> None:
        """Wait for every write; the first failure (a full disk) is raised here, once all have ended."""
        self.pool.shutdown(wait=True)
        for writing in self.writing.values():
            writing.result()


# `build_languages`' analyses, by language, until `save_analyses` (a process' next task) writes them
_UNSAVED: list[tuple[str, TermMemo]] = []


def save_analyses(terms: TermStore) -> None:
    """Save what `build_languages` left unsaved in this process."""
    while _UNSAVED:
        terms.save(*_UNSAVED.pop(0))


def unanswered(
    documents: Sequence[SearchDocument],
    synonyms: Mapping[str, Sequence[Sequence[str]]] | None,
    cache: LanguageCache,
    first: Collection[str] = (),
) -> Iterator[list[SearchDocument]]:
    """The documents of each language `cache` cannot answer for, a language at a time, the languages of `first`
    (those a rebuild expects to have changed) looked at first: the caller starts indexing one before the cache has
    looked at the others (a digest of their documents, a look at each of their files)."""
    expected = {code.strip().lower().replace("_", "-") for code in first}
    for lang, docs, groups in sorted(_jobs(documents, synonyms), key=lambda job: job[0] not in expected):
        if cache.get(lang, docs, groups) is None:
            yield docs


def answered_files(
    documents: Sequence[SearchDocument], synonyms: Mapping[str, Sequence[Sequence[str]]] | None, cache: LanguageCache
) -> dict[str, SearchFile]:
    """The files of the languages `cache` answers for, as :func:`search_files` will list them."""
    files: dict[str, SearchFile] = {}
    for lang, docs, groups in _jobs(documents, synonyms):
        found = cache.get(lang, docs, groups)
        if found is not None:
            files.update(found[0])
    return files


def _jobs(
    documents: Sequence[SearchDocument], synonyms: Mapping[str, Sequence[Sequence[str]]] | None
) -> list[tuple[str, list[SearchDocument], Sequence[Sequence[str]]]]:
    """One job per language folder: its documents in the given order and its synonym groups."""
    by_lang: dict[str, list[SearchDocument]] = {}
    for doc in documents:
        by_lang.setdefault(language_folder(doc.lang), []).append(doc)
    groups = {language_folder(lang): found for lang, found in (synonyms or {}).items()}
    return [(lang, docs, groups.get(lang, ())) for lang, docs in sorted(by_lang.items())]


class RecordingCache:
    """A LanguageCache that answers nothing and keeps every language's result: a build in another process
    returns them, and `replay` hands them to the real cache there (which cannot cross a process boundary)."""

    def __init__(self) -> None:
        self.results: dict[str, LanguageResult] = {}

    def get(self, lang: str, documents: Sequence[SearchDocument], synonyms: Sequence[Sequence[str]]) -> None:
        return None

    def put(
        self, lang: str, documents: Sequence[SearchDocument], synonyms: Sequence[Sequence[str]], result: LanguageResult
    ) -> LanguageResult:
        self.results[lang] = result
        return result


def replay(
    recorded: Mapping[str, LanguageResult],
    documents: Sequence[SearchDocument],
    synonyms: Mapping[str, Sequence[Sequence[str]]] | None,
    cache: LanguageCache,
) -> None:
    """Tell `cache` what a RecordingCache saw, as search_files would have told it directly."""
    for job in _jobs(documents, synonyms):
        cache.put(*job, recorded[job[0]])


def build_search_assets(
    documents: Sequence[SearchDocument],
    site_dir: Path,
    *,
    contact: Sequence[tuple[str, str]] = (),
    synonyms: Mapping[str, Sequence[Sequence[str]]] | None = None,
    cache: LanguageCache | None = None,
    terms: TermStore | None = None,
) -> list[Path]:
    """Write the search index for ``documents`` (exactly these, nothing else) to ``site_dir/kb-search/``.

    The folder is replaced as a whole: files are written to a sibling temporary folder that is then renamed,
    so an interrupted build never leaves a mix of old and new shards. Returns the written paths, sorted.
    """
    return write_search_files(search_files(documents, contact, synonyms, cache, terms), site_dir)


WRITERS = 2  # threads writing a search folder's files
WRITERS_FROM = 64  # fewer files are written in the calling thread


def _write_file(item: tuple[str, bytes]) -> None:
    with open(item[0], "wb") as handle:  # noqa: PTH123 - no Path per file
        handle.write(item[1])


def _write_all(writes: Sequence[tuple[str, bytes]]) -> None:
    """Each file of `writes`, by WRITERS threads when there are enough of them (see StagedSearchFolder.put)."""
    if len(writes) < WRITERS_FROM:
        for item in writes:
            _write_file(item)
        return
    with ThreadPoolExecutor(WRITERS, thread_name_prefix="kbgen-search-write") as pool:
        for _ in pool.map(_write_file, writes):
            pass  # the first failure (a full disk) is raised here, once every write has ended


def write_search_files(files: Mapping[str, SearchFile], site_dir: Path) -> list[Path]:
    """Replace ``site_dir/kb-search/`` with ``files`` as a whole (see build_search_assets); a KeptFile is
    hard-linked (copied where the file system has no links): no site ever writes into another's files."""
    StagedSearchFolder(site_dir).publish(files)
    return sorted(Path(site_dir) / PREFIX / relative for relative in files)


class StagedSearchFolder:
    """A new search folder written beside ``site_dir/kb-search/`` and put in its place whole by `publish`.

    A rebuild `put`s the files of the languages it links from the previous site while its search process still
    indexes the edited one: linking 10,000 files no longer waits for that language."""

    def __init__(self, site_dir: Path) -> None:
        self.site_dir = Path(site_dir)
        self.staging = self.site_dir / f"{PREFIX}.kbgen-tmp-{os.getpid()}"
        if self.staging.exists():
            shutil.rmtree(self.staging)
        self.written: dict[str, SearchFile] = {}
        self._made: set[str] = set()

    def put(self, files: Mapping[str, SearchFile]) -> None:
        """Write `files` into the new folder (a name written before with other data is written again). Files are
        linked here and written by WRITERS threads: making a file is mostly the kernel's work, a millisecond each
        on a file system that has just deleted many (ext4 without a journal passes over every inode it freed in the
        last seconds), so two threads halve the wait for a rebuild's 400 new files or a first build's 12,000.
        Paths are strings here: a Path a file was a tenth of a second at 10,000 articles."""
        writes: list[tuple[str, bytes]] = []
        staging = str(self.staging)
        for relative, data in files.items():
            earlier = self.written.get(relative)
            if earlier is not None and (earlier is data or earlier == data):
                continue
            path = f"{staging}/{relative}"
            parent = path.rpartition("/")[0]
            if parent not in self._made:
                Path(parent).mkdir(parents=True, exist_ok=True)
                self._made.add(parent)
            if earlier is not None:
                Path(path).unlink()
            if isinstance(data, KeptFile):
                link_or_copy(data.path, path)
            else:
                writes.append((path, data))
            self.written[relative] = data
        _write_all(writes)

    def publish(self, files: Mapping[str, SearchFile]) -> None:
        """Make the folder hold exactly `files` and put it in place of ``site_dir/kb-search/``."""
        self.put(files)
        for relative in self.written.keys() - files.keys():
            (self.staging / relative).unlink()
        target = self.site_dir / PREFIX
        if target.is_symlink() or target.is_file():
            target.unlink()
        elif target.exists():
            shutil.rmtree(target)
        self.staging.mkdir(parents=True, exist_ok=True)
        self.staging.rename(target)
