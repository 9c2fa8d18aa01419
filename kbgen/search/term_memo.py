"""Each document's index terms, kept between builds so a one-edit rebuild analyses only what changed.

Tokenising, segmenting and stemming is most of the work of indexing a language, and for one document it depends
on nothing but that document's texts and kbgen's code. So an analysis is named by a digest of the texts
(:func:`kbgen.search.index.document_digest`) and kept, per language, in a file beside the built site, under a
key for the code that made it: a JSON header line, then a line a document (its digest, a tab, its analysis as
JSON). A document kept as it was is written back as the line read, so saving a language after a one-article edit
does not print its 4,000 analyses again (a quarter of a second at 10,000 articles, waited for by the build).

A file with another key, unreadable or malformed in any way means "analyse again": the memo only ever saves time,
and since a name follows the texts, an entry can never describe other texts than its own.

The same file keeps what each of the language's search blobs compresses to (its SHA-256 by the blob's), under the
zlib that compressed it: with the build cache's record of the previous site's files, a rebuild links an unchanged
blob's file without reading it (kbgen.search.earlier).
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import zlib
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

FORMAT = 4  # 2: each document's title key; 3: what the blobs compress to; 4: a line a document
FIELD_COUNT = 3  # title, summary, text: kbgen.search.index.FIELDS
_SHA256_HEX = re.compile(r"[0-9a-f]{64}")


@dataclass(frozen=True, slots=True)
class DocumentTerms:
    """What indexing found in one document: per field its index terms with their counts, in first-seen order,
    and its length in terms; the document's distinct spellings (lower-case words, not Han), sorted; and its
    title's key (:func:`kbgen.search.titles.title_key`), which stemming every title word again made a tenth of
    re-indexing a language."""

    fields: tuple[dict[str, int], ...]
    lengths: tuple[int, ...]
    seen: tuple[str, ...]
    title_key: str


class TermMemo:
    """One language's analyses: those an earlier build kept, and those this build used (the ones to keep); and
    what its search blobs compress to, likewise."""

    def __init__(
        self,
        known: Mapping[str, DocumentTerms] | None = None,
        compressions: Mapping[str, str] | None = None,
        lines: Mapping[str, str] | None = None,
    ) -> None:
        self.known = dict(known or {})
        self.lines = dict(lines or {})  # each known analysis as the file held it
        self.used: dict[str, DocumentTerms] = {}
        self.analysed = 0  # documents this build had to analyse
        self.compressions_known = dict(compressions or {})  # a blob's SHA-256 -> its compressed bytes', in hex
        self.compressions: dict[str, str] = {}

    def terms(self, digest: str, analyse: Callable[[], DocumentTerms]) -> DocumentTerms:
        found = self.used.get(digest) or self.known.get(digest)
        if found is None:
            found = analyse()
            self.analysed += 1
        self.used[digest] = found
        return found

    def compressed(self, raw: str) -> str | None:
        """The SHA-256 of what the blob with SHA-256 `raw` compresses to, when known."""
        found = self.compressions.get(raw) or self.compressions_known.get(raw)
        if found is not None:
            self.compressions[raw] = found
        return found

    def record_compression(self, raw: str, compressed: str) -> None:
        self.compressions[raw] = compressed

    @property
    def remembers_compressions(self) -> bool:
        """Whether an earlier build kept what its blobs compress to (a blob it does not know was not made then)."""
        return bool(self.compressions_known)

    @property
    def changed(self) -> bool:
        return (
            self.analysed > 0 or self.used.keys() != self.known.keys() or self.compressions != self.compressions_known
        )


@dataclass(frozen=True, slots=True)
class TermStore:
    """Where a site's analyses are read from and written to (a `kbgen serve` preview reads its predecessor's),
    as path prefixes completed by ``<lang>.json``, and the key of the code that may use them."""

    source: str
    target: str
    key: str
    # `kbgen serve`'s patches keep each language's analyses here between edits instead of reading and writing the
    # file each time: a build after them reads the file, and analyses what changed since (kbgen.publishing.patch)
    kept: dict[str, TermMemo] | None = field(default=None, compare=False)

    def load(self, lang: str) -> TermMemo:
        if self.kept is not None and lang in self.kept:
            return TermMemo(self.kept[lang].used, self.kept[lang].compressions)
        path = _file(self.source, lang)
        ahead = _READ_AHEAD.pop((str(path), self.key), None)
        return TermMemo(*(ahead if ahead is not None else _read(path, self.key)))

    def read_ahead(self, languages: Iterable[str] | None = None) -> None:
        """Read the analyses of `languages` (every language the store holds when None) into this process now, for
        the `load` that follows: a rebuild's search process does it while the build checks the content, for the
        languages of the articles it loaded afresh. Reading all four languages of a 10,000-article site was a
        second of that process's time, on the path of the one language a body edit changes."""
        if languages is None:
            prefix = Path(self.source)
            paths = sorted(prefix.parent.glob(f"{prefix.name}*.json"))
        else:
            paths = [_file(self.source, lang) for lang in sorted(set(languages))]
        for path in paths:
            _READ_AHEAD[(str(path), self.key)] = _read(path, self.key)

    def carry(self, lang: str) -> None:
        """A language reused whole keeps its analyses in the new place too (a preview replaces its predecessor)."""
        if self.source != self.target:
            with contextlib.suppress(OSError):
                _file(self.target, lang).hardlink_to(_file(self.source, lang))

    def preload(self, lang: str) -> None:
        """Read a language's analyses from the file into `kept` now, so the next `load` answers from memory."""
        if self.kept is not None and lang not in self.kept:
            memo = self.load(lang)
            memo.used = dict(memo.known)  # what the next `load` answers with
            memo.compressions = dict(memo.compressions_known)
            self.kept[lang] = memo

    def save(self, lang: str, memo: TermMemo) -> None:
        """Atomically (temp file and rename); a memo that cannot be written costs time next build, nothing else."""
        if self.kept is not None:
            self.kept[lang] = memo
            return
        target = _file(self.target, lang)
        if not memo.changed and self.source == self.target and target.exists():
            return
        temporary = target.with_name(f"{target.name}.{os.getpid()}.tmp")
        header = {"format": FORMAT, "key": self.key, "zlib": zlib.ZLIB_RUNTIME_VERSION}
        header["compressions"] = dict(sorted(memo.compressions.items()))
        try:  # line by line: one string of the whole file would be tens of megabytes at 10,000 articles
            with temporary.open("w", encoding="utf-8") as handle:
                handle.write(json.dumps(header) + "\n")
                for digest, terms in sorted(memo.used.items()):
                    line = memo.lines.get(digest) if memo.known.get(digest) is terms else None
                    if line is None:
                        entry = [terms.fields, terms.lengths, terms.seen, terms.title_key]
                        line = json.dumps(entry, ensure_ascii=False)
                    handle.write(f"{digest}\t{line}\n")
            temporary.replace(target)
        except (OSError, ValueError, TypeError):
            with contextlib.suppress(OSError):
                temporary.unlink(missing_ok=True)


# What `TermStore.read_ahead` read (analyses, compressions, lines), by file and code key, until the `load` that takes it
_Read = tuple[dict[str, DocumentTerms], dict[str, str], dict[str, str]]
_READ_AHEAD: dict[tuple[str, str], _Read] = {}


def _read(path: Path, key: str) -> _Read:
    try:
        return _parsed(path.read_text(encoding="utf-8").split("\n"), key)
    except (OSError, ValueError, TypeError, KeyError, AttributeError, RecursionError):
        return {}, {}, {}


def _file(prefix: str, lang: str) -> Path:
    return Path(f"{prefix}{lang}.json")


def _parsed(lines: list[str], key: str) -> _Read:
    """The file's analyses, compressions and lines, or none at all when anything in it is not exactly what `save`
    writes (compressions made by another zlib are left out: it may compress the same blob to other bytes)."""
    header = json.loads(lines[0])
    if not isinstance(header, dict) or header.get("format") != FORMAT or header.get("key") != key:
        return {}, {}, {}
    found: dict[str, DocumentTerms] = {}
    kept: dict[str, str] = {}
    for line in lines[1:]:
        if not line:
            continue
        digest, tab, text = line.partition("\t")
        fields, lengths, seen, title = json.loads(text) if tab else (None, None, None, None)
        if not (isinstance(fields, list) and isinstance(lengths, list) and isinstance(seen, list)):
            return {}, {}, {}
        if not (len(fields) == len(lengths) == FIELD_COUNT and all(type(n) is int for n in lengths)):
            return {}, {}, {}
        for counts in fields:
            if not isinstance(counts, dict) or not all(type(n) is int and n > 0 for n in counts.values()):
                return {}, {}, {}
        if not all(isinstance(word, str) for word in seen) or not isinstance(title, str):
            return {}, {}, {}
        found[digest] = DocumentTerms(tuple(fields), tuple(lengths), tuple(seen), title)
        kept[digest] = text
    compressions = header["compressions"]
    if not isinstance(compressions, dict) or not all(map(_is_digest, [*compressions, *compressions.values()])):
        return {}, {}, {}
    return found, (compressions if header["zlib"] == zlib.ZLIB_RUNTIME_VERSION else {}), kept


def _is_digest(value: object) -> bool:
    return isinstance(value, str) and _SHA256_HEX.fullmatch(value) is not None
