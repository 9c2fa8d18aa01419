"""A language's search files as the previous site holds them, so a rebuild compresses only the blobs that changed.

After a one-article edit most of a language's blobs are byte for byte what they were: every fragment but the
edited article's, most title and neighbourhood files. Compressing them again (gzip at level 9) was half a second
of a rebuild at 10,000 articles, on the path the build waits for. The previous file with the same kind and number
(found through the previous manifest's group names) is read instead and used only when it inflates to exactly the
new blob: what is published is always what compressing that blob gives, whatever the previous folder holds.
"""

from __future__ import annotations

import gzip
import json
import os
import stat
import zlib
from pathlib import Path
from typing import Any, NamedTuple

from kbgen.search.folders import IMMUTABLE
from kbgen.search.shards import FILE_GROUPS

_GZIP = 16 + zlib.MAX_WBITS  # a gzip member, as gzip.compress writes one
_MAX_MANIFEST = 16 << 20  # bytes of a language manifest read back at most


class EarlierFile(NamedTuple):
    """A file of the previous search folder and the bytes read from it."""

    data: bytes
    path: str


class EarlierFiles:
    """One language's grouped files in the previous site's search folder, by kind and number."""

    def __init__(self, folder: str, lang: str, names: dict[str, list[str]]) -> None:
        self.folder = f"{folder}/{IMMUTABLE}/{lang}"
        self.names = names
        self.reused = 0

    @classmethod
    def of(cls, search_folder: Path | None, lang: str) -> EarlierFiles | None:
        """From the previous site's `kb-search` folder; None when it has no readable manifest for `lang`."""
        if search_folder is None:
            return None
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
        return cls(str(search_folder), lang, names)

    def compressed(self, kind: str, number: int, blob: bytes) -> EarlierFile | None:
        """The previous file `kind`/`number` when it inflates to exactly `blob`, else None."""
        groups = self.names.get(kind)
        group = number // FILE_GROUPS[kind]
        if groups is None or group >= len(groups):
            return None
        path = f"{self.folder}/{kind}/{groups[group]}-{number}.kbs"
        data = _read_plain(path, len(blob) + 1024)
        if data is None:
            return None
        inflater = zlib.decompressobj(_GZIP)
        try:  # never more than the blob and one byte: a file that inflates to more is not it
            inflated = inflater.decompress(data, len(blob) + 1)
        except zlib.error:
            return None
        if inflated != blob or not inflater.eof or inflater.unused_data:
            return None
        self.reused += 1
        return EarlierFile(data, path)


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
