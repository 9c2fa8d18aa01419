"""Search files from the previous site: a language's files are linked again when its input is what was indexed then.

kbgen.search.build asks a LanguageCache for each language before indexing it and tells it each result after. The
record of a language is a digest of its documents and synonym groups, the files it wrote (each with its digest,
size and mtime) and their info; the setting key (kbgen.mkdocs_plugin.incremental) already covers kbgen's own
code, so equal input means equal files.
"""

from __future__ import annotations

import dataclasses
import hashlib
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from kbgen.digests import add_framed
from kbgen.file_links import inside_name
from kbgen.mkdocs_plugin.incremental import Incremental
from kbgen.search.build import LanguageResult, SearchFile, file_digest
from kbgen.search.documents import SearchDocument
from kbgen.search.earlier import EarlierSearch, KeptFile, holds_recorded
from kbgen.search.folders import PREFIX


class SearchReuse:
    """kbgen.search.build.LanguageCache from the previous site: a language's search files are linked into the new
    site when its documents and synonyms are those the previous build indexed (the setting key covers kbgen's own
    code) and each file is still a plain file of the size and mtime recorded with its digest."""

    def __init__(
        self,
        previous: dict[str, dict[str, Any]],
        site: Path | None,
        records: dict[str, dict[str, Any]],
        same: frozenset[str] = frozenset(),
    ) -> None:
        """`previous`: the records of the site in `site`; `records`: where this build's are put; `same`: languages
        the caller knows have exactly the documents of `previous` (a serve patch's unedited languages), whose
        input is then not digested again."""
        self.previous = previous
        self.folder = site / PREFIX if site is not None else None
        self.records = records
        self.same = same
        # one build's documents: each language is digested and its files looked at once, though asked twice (when
        # a rebuild starts indexing, and when it writes)
        self.digests: dict[str, str] = {}
        self.answers: dict[str, LanguageResult | None] = {}

    @property
    def earlier(self) -> EarlierSearch | None:
        """The previous site's search folder, with what the build cache recorded of its files by language."""
        if self.folder is None:
            return None
        recorded = {lang: record.get("files") for lang, record in self.previous.items() if isinstance(record, dict)}
        return EarlierSearch(self.folder, {lang: files for lang, files in recorded.items() if isinstance(files, dict)})

    @classmethod
    def of(cls, incremental: Incremental) -> SearchReuse:
        """From a rebuild's previous site and cache, into its new cache."""
        previous = incremental.previous.search if incremental.previous is not None else {}
        return cls(previous, incremental.previous_site, incremental.cache.search)

    def get(
        self, lang: str, documents: Sequence[SearchDocument], synonyms: Sequence[Sequence[str]]
    ) -> LanguageResult | None:
        if lang not in self.answers:
            self.answers[lang] = self._answer(lang, documents, synonyms)
        return self.answers[lang]

    def _answer(
        self, lang: str, documents: Sequence[SearchDocument], synonyms: Sequence[Sequence[str]]
    ) -> LanguageResult | None:
        record = self.previous.get(lang)
        if record is None or self.folder is None:
            return None
        if lang not in self.same and record.get("digest") != self._input_digest(lang, documents, synonyms):
            return None
        listed = record.get("files")
        if not isinstance(listed, dict):
            return None
        files: dict[str, SearchFile] = {}
        folder = str(self.folder)  # strings, not Paths: thousands of files at 10,000 articles
        for name, kept in listed.items():
            try:  # names come from the cache file: only plain files inside the previous site's search folder
                digest, size, mtime_ns = kept
                if not inside_name(name):
                    return None
                path = f"{folder}/{name}"
                if not holds_recorded(path, size, mtime_ns):
                    return None
                files[name] = KeptFile(path, bytes.fromhex(digest), size)
            except (OSError, ValueError, TypeError):
                return None
        return files, dict(record["info"])

    def put(
        self, lang: str, documents: Sequence[SearchDocument], synonyms: Sequence[Sequence[str]], result: LanguageResult
    ) -> LanguageResult:
        """Record the result; returns it with each file the previous site holds with the same bytes as that file.

        A language indexed again after a one-article edit is mostly what it was (every fragment group but the
        edited article's, most title files): linking those is a fraction of writing them."""
        digests = {name: file_digest(data).hex() for name, data in result[0].items()}  # each file hashed once
        files = self._unchanged(lang, result[0], digests)
        listed = {name: [digests[name], _size(data)] for name, data in sorted(files.items())}
        known = self.previous.get(lang, {}).get("digest") if lang in self.same else None
        digest = known if isinstance(known, str) else self._input_digest(lang, documents, synonyms)
        self.records[lang] = {"digest": digest, "files": listed, "info": result[1]}
        return files, result[1]

    def _input_digest(self, lang: str, documents: Sequence[SearchDocument], synonyms: Sequence[Sequence[str]]) -> str:
        """input_digest, worked out once per language: `get` and `put` are asked about the same documents."""
        if lang not in self.digests:
            self.digests[lang] = input_digest(lang, documents, synonyms)
        return self.digests[lang]

    def _unchanged(self, lang: str, files: dict[str, SearchFile], digests: Mapping[str, str]) -> dict[str, SearchFile]:
        listed = self.previous.get(lang, {}).get("files")
        if self.folder is None or not isinstance(listed, dict):
            return files
        folder = str(self.folder)
        found: dict[str, SearchFile] = {}
        for name, data in files.items():
            found[name] = data
            kept = listed.get(name)
            if isinstance(data, KeptFile) or not isinstance(kept, list) or len(kept) != 3:
                continue
            digest, size, mtime_ns = kept
            if size != len(data) or digest != digests[name]:
                continue
            path = f"{folder}/{name}"
            if holds_recorded(path, size, mtime_ns):
                found[name] = KeptFile(path, bytes.fromhex(digest), size)
        return found


def _size(data: SearchFile) -> int:
    return data.size if isinstance(data, KeptFile) else len(data)


def input_digest(lang: str, documents: Sequence[object], synonyms: Sequence[Sequence[str]]) -> str:
    """A digest of one language's input: each field of each document as UTF-8, tagged and length-prefixed (a
    value other than a string, or a document that is not a dataclass, by its repr). Printing the documents whole,
    every article's text included, was 0.65 s of a rebuild at 10,000 articles, and it is asked twice."""
    hasher = hashlib.sha256()
    add_framed(hasher, repr((lang, synonyms, len(documents))).encode("utf-8", "surrogatepass"), b"h")
    known: dict[type, tuple[str, ...] | None] = {}
    for document in documents:
        kind = type(document)
        names = known[kind] if kind in known else known.setdefault(kind, _field_names(kind))
        if names is None:
            add_framed(hasher, repr(document).encode("utf-8", "surrogatepass"), b"r")
            continue
        add_framed(hasher, type(document).__qualname__.encode("utf-8", "surrogatepass"), b"d")
        for name in names:
            value = getattr(document, name)
            if type(value) is str:
                add_framed(hasher, value.encode("utf-8", "surrogatepass"), b"s")
            else:
                add_framed(hasher, repr(value).encode("utf-8", "surrogatepass"), b"r")
    return hasher.hexdigest()


def _field_names(kind: type) -> tuple[str, ...] | None:
    return tuple(field.name for field in dataclasses.fields(kind)) if dataclasses.is_dataclass(kind) else None
