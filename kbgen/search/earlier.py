"""A language's search files as the previous site holds them, so a rebuild compresses only the blobs that changed.

After a one-article edit most of a language's blobs are byte for byte what they were: every fragment but the
edited article's, most title and neighbourhood files. Compressing them again (gzip at level 9) was half a second
of a rebuild at 10,000 articles, on the path the build waits for. The previous file with the same kind and number
(found through the previous manifest's group names) is used instead, and only when it holds exactly what
compressing the new blob gives, whatever the previous folder holds:

- when the build cache recorded the file (its digest, size and mtime, as kbgen.mkdocs_plugin.search_reuse trusts
  them) and the analyses memo knows the blob compresses to that digest (kbgen.search.term_memo), a look at the
  file's size and mtime is enough: reading and inflating 4,500 files was a tenth of re-indexing a language;
- else, when the memo holds no compressions (none kept yet, or made by another zlib), the file is read and used
  when it inflates to exactly the blob. A blob a memo that holds them does not know is new: its file is not read
  (after an edit, every term shard; at worst, after a build that kept its memo but failed, a blob is compressed
  again).
"""

from __future__ import annotations

import gzip
import hashlib
import json
import os
import stat
import zlib
from collections.abc import Mapping
from pathlib import Path
from typing import Any, NamedTuple, Protocol

from kbgen.search.folders import IMMUTABLE
from kbgen.search.shards import FILE_GROUPS

_GZIP = 16 + zlib.MAX_WBITS  # a gzip member, as gzip.compress writes one
_MAX_MANIFEST = 16 << 20  # bytes of a language manifest read back at most


class EarlierSearch(NamedTuple):
    """The previous site's search folder, and what the build cache recorded of its files: by language, each
    file's ``[sha256 hex, size, mtime_ns]`` by its name in the folder (kbgen.publishing.build_cache.stamp_search)."""

    folder: Path
    recorded: Mapping[str, Mapping[str, Any]] = {}

    def only(self, languages: set[str]) -> EarlierSearch:
        """The same folder with the records of `languages` alone: what a search process is sent for them."""
        return EarlierSearch(self.folder, {lang: files for lang, files in self.recorded.items() if lang in languages})


class Compressions(Protocol):
    """What each blob compresses to, by the blobs' SHA-256 (hex): kbgen.search.term_memo.TermMemo."""

    def compressed(self, raw: str) -> str | None: ...

    @property
    def remembers_compressions(self) -> bool: ...

    def record_compression(self, raw: str, compressed: str) -> None: ...


class KeptFile(NamedTuple):
    """A file of an earlier build's search folder that a rebuild publishes unchanged: linked into the new site
    rather than read and written again (its digest is the one recorded when it was written, or read from it)."""

    path: str
    sha256: bytes
    size: int


def holds_recorded(path: str, size: object, mtime_ns: object) -> bool:
    """The file at `path` is a plain file (not a link) of the size and mtime recorded when it was written: then it
    holds the bytes it was written with (a change moves the mtime)."""
    try:
        found = os.lstat(path)
    except OSError:
        return False
    return stat.S_ISREG(found.st_mode) and (found.st_size, found.st_mtime_ns) == (size, mtime_ns)


class EarlierFiles:
    """One language's grouped files in the previous site's search folder, by kind and number."""

    def __init__(
        self, folder: str, lang: str, names: dict[str, list[str]], recorded: Mapping[str, Any] | None = None
    ) -> None:
        self.folder = f"{folder}/{IMMUTABLE}/{lang}"
        self.prefix = f"{IMMUTABLE}/{lang}"  # a file's name in the records
        self.names = names
        self.recorded = recorded if isinstance(recorded, Mapping) else {}
        self.reused = 0
        self.inflated = 0  # files read and inflated to be compared

    @classmethod
    def of(cls, earlier: EarlierSearch | None, lang: str) -> EarlierFiles | None:
        """From the previous site's `kb-search` folder; None when it has no readable manifest for `lang`."""
        if earlier is None:
            return None
        search_folder = earlier.folder
        data = _read_plain(f"{search_folder}/{lang}/manifest.kbs", _MAX_MANIFEST)
        try:
            files: Any = json.loads(gzip.decompress(data))["files"] if data is not None else None
        except (OSError, EOFError, ValueError, TypeError, KeyError, zlib.error):
            return None
        if not isinstance(files, dict):
            return None
        names = {
            kind: listed
            for kind, listed in files.items()
            if kind in FILE_GROUPS and isinstance(listed, list) and all(_is_name(name) for name in listed)
        }
        return cls(str(search_folder), lang, names, earlier.recorded.get(lang))

    def compressed(
        self, kind: str, number: int, blob: bytes, raw: str = "", memo: Compressions | None = None
    ) -> KeptFile | None:
        """The previous file `kind`/`number` when it holds exactly what compressing `blob` gives, else None.
        `memo` knows what blobs compress to, by their digest (`raw`, the blob's SHA-256 in hex), and learns it
        here from a file that inflates to its blob."""
        groups = self.names.get(kind)
        group = number // FILE_GROUPS[kind]
        if groups is None or group >= len(groups):
            return None
        name = f"{kind}/{groups[group]}-{number}.kbs"
        path = f"{self.folder}/{name}"
        known = memo.compressed(raw) if memo is not None and raw else None
        if known is not None:
            found = self._as_recorded(f"{self.prefix}/{name}", path, known)
            if found is not None:
                self.reused += 1
                return found
        elif memo is not None and memo.remembers_compressions:
            return None  # a blob the last build did not make (every term shard after an edit): not worth a look
        data = _read_plain(path, len(blob) + 1024)
        if data is None:
            return None
        self.inflated += 1
        inflater = zlib.decompressobj(_GZIP)
        try:  # never more than the blob and one byte: a file that inflates to more is not it
            inflated = inflater.decompress(data, len(blob) + 1)
        except zlib.error:
            return None
        if inflated != blob or not inflater.eof or inflater.unused_data:
            return None
        self.reused += 1
        digest = hashlib.sha256(data).digest()
        if memo is not None and raw:
            memo.record_compression(raw, digest.hex())
        return KeptFile(path, digest, len(data))

    def _as_recorded(self, name: str, path: str, digest: str) -> KeptFile | None:
        """The file at `path` when the records list it with `digest` and it still holds what it was written with."""
        kept = self.recorded.get(name)
        if not isinstance(kept, list) or len(kept) != 3 or kept[0] != digest or not holds_recorded(path, *kept[1:]):
            return None
        try:
            return KeptFile(path, bytes.fromhex(digest), kept[1])
        except ValueError:
            return None


def _is_name(name: object) -> bool:
    return isinstance(name, str) and name.isalnum() and name.isascii()


def _read_plain(path: str, limit: int) -> bytes | None:
    """A regular file's bytes (not through a link), None when it is missing, something else or over `limit`."""
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NOFOLLOW)
    except OSError:
        return None
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode) or info.st_size > limit:
            return None
        with os.fdopen(fd, "rb", closefd=False) as handle:
            return handle.read(limit + 1)
    except OSError:
        return None
    finally:
        os.close(fd)
