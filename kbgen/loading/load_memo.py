"""What loading each Markdown file produced, kept between runs so an unchanged file is not parsed again.

Parsing front matter, validating it and measuring the body against the render budget is most of `kbgen check`
and of a rebuild's start, and for one file it depends only on: the file's bytes, its place (path and display
name), the site's settings, the section defaults above it, and kbgen's code. A result is named by a digest of all
of these, so an entry can only ever answer for the exact inputs it was made from; the memo keeps the entries one
run used, in one file in the cache folder beside the output (`.site.kbgen-cache/load.pickle`). The links of each
body are kept there too (kbgen.checks.links).

Each entry is kept as its own pickle inside the file: a rebuild after one edit writes back the bytes it read for
every other entry (a copy) and pickles only the new ones, and an entry is unpickled only when asked for.

The file and each entry are read with an unpickler that builds nothing but kbgen's own model records, dates,
paths and Python's containers: a file someone else wrote cannot run code. Anything unreadable means "load every
file afresh"; an entry that does not unpickle means "load that file afresh".
"""

from __future__ import annotations

import contextlib
import hashlib
import importlib.metadata
import io
import os
import pickle
import sys
from dataclasses import is_dataclass
from datetime import date
from functools import cache
from pathlib import Path, PurePosixPath
from typing import Any

import kbgen.model
from kbgen.digests import add_framed
from kbgen.links.extract import Link
from kbgen.review.durations import Interval

FORMAT = 2  # 2: each entry pickled on its own
_PACKAGE = Path(__file__).resolve().parent.parent


@cache
def code_key() -> str:
    """kbgen's own files (size and mtime: a checkout being edited) and the versions of what parsing relies on:
    PyYAML, and mkdocs-material, whose icons a section's `icon` is checked against (kbgen.loading.icons)."""
    hasher = hashlib.sha256(f"{FORMAT}\0{sys.version}".encode())
    for name in ("kbgen", "pyyaml", "mkdocs-material"):
        with contextlib.suppress(importlib.metadata.PackageNotFoundError):
            hasher.update(f"{name}={importlib.metadata.version(name)}\0".encode())
    hasher.update(repr(tree_stats(_PACKAGE)).encode("utf-8", "surrogatepass"))
    return hasher.hexdigest()


def tree_stats(root: Path) -> list[tuple[str, int, int]]:
    """Size and mtime of every file below root, but not the bytecode Python writes beside modules it imports."""
    found: list[tuple[str, int, int]] = []
    for folder, dirs, names in os.walk(root):
        dirs[:] = sorted(d for d in dirs if d != "__pycache__")
        for name in sorted(names):
            path = Path(folder, name)
            info = path.stat()
            found.append((path.relative_to(root).as_posix(), info.st_size, info.st_mtime_ns))
    return found


def entry_key(*parts: object) -> str | None:
    """A digest of a file's inputs; None when one of them has no stable text (an object printed by address)."""
    hasher = hashlib.sha256(code_key().encode())
    for part in parts:
        data = part if isinstance(part, bytes) else repr(part).encode("utf-8", "surrogatepass")
        if not isinstance(part, bytes) and b" at 0x" in data:
            return None
        add_framed(hasher, data)
    return hasher.hexdigest()


class LoadMemo:
    """The loaded results of an earlier run, and those of this run (the ones `save` keeps)."""

    def __init__(self, path: Path | None = None, read_from: Path | None = None) -> None:
        """Kept in `path`; read from `read_from` when given (a `kbgen serve` preview reads its predecessor's)."""
        self.path = path
        source = read_from if read_from is not None else path
        self.known: dict[str, bytes] = _read(source) if source is not None else {}  # each entry as pickled
        self.used: dict[str, bytes] = {}  # entries of the earlier run this run asked for, as read
        self.new: dict[str, Any] = {}  # results this run made, pickled when saved
        self.hits = 0
        self.added = 0  # results this run made that the memo did not hold

    def get(self, key: str | None) -> Any | None:
        if key is None:
            return None
        data = self.known.get(key)
        if data is None:
            return None
        found = _entry(data)
        if found is None:
            del self.known[key]  # so the result loaded afresh replaces it
            return None
        self.used[key] = data
        self.hits += 1
        return found

    def put(self, key: str | None, result: Any) -> None:
        if key is None:
            return
        if key in self.known:  # an entry named by the same inputs holds the same result, pickled already
            self.used[key] = self.known[key]
            return
        self.added += key not in self.new
        self.new[key] = result

    def save(self) -> None:
        """Atomically (temp file and rename); when it cannot be written, the next run loads every file again."""
        kept = self.used.keys() | self.new.keys()
        if self.path is None or (not self.added and kept == self.known.keys() and self.path.exists()):
            return  # nothing new to keep
        entries = dict(self.used)
        for key, result in self.new.items():
            if key not in entries:
                with contextlib.suppress(pickle.PicklingError, TypeError, AttributeError, RecursionError):
                    entries[key] = pickle.dumps(result, protocol=pickle.HIGHEST_PROTOCOL)  # else loaded again
        temporary = self.path.with_name(f"{self.path.name}.{os.getpid()}.tmp")
        try:
            with temporary.open("wb") as handle:
                pickle.dump({"format": FORMAT, "entries": entries}, handle, protocol=pickle.HIGHEST_PROTOCOL)
            temporary.replace(self.path)
        except OSError:
            with contextlib.suppress(OSError):
                temporary.unlink(missing_ok=True)


def _read(path: Path) -> dict[str, bytes]:
    try:
        with path.open("rb") as handle:
            data = _ModelUnpickler(handle).load()
    except Exception:
        return {}
    if not isinstance(data, dict) or data.get("format") != FORMAT or not isinstance(data.get("entries"), dict):
        return {}
    entries: dict[str, bytes] = data["entries"]
    if not all(isinstance(key, str) and isinstance(value, bytes) for key, value in entries.items()):
        return {}
    return entries


def _entry(data: bytes) -> Any | None:
    """One entry's result, or None when it does not unpickle (damaged, or a record kbgen no longer has)."""
    try:
        return _ModelUnpickler(io.BytesIO(data)).load()
    except Exception:
        return None


# Beyond kbgen.model's records: the values they hold. tests/test_load_memo.py loads the sample twice and
# requires every file to come from the memo the second time, so a new kind of value cannot slip by unnoticed.
_ALLOWED = {
    ("datetime", "date"): date,
    ("pathlib", "PurePosixPath"): PurePosixPath,
    ("kbgen.review.durations", "Interval"): Interval,
    ("kbgen.links.extract", "Link"): Link,
}


class _ModelUnpickler(pickle.Unpickler):
    """Resolves only kbgen.model's records and enums and the values listed in _ALLOWED; any other is refused."""

    def find_class(self, module: str, name: str) -> Any:
        if (module, name) in _ALLOWED:
            return _ALLOWED[(module, name)]
        if module == "kbgen.model":
            found = getattr(kbgen.model, name, None)
            if isinstance(found, type) and (is_dataclass(found) or issubclass(found, kbgen.model.Severity)):
                return found
        raise pickle.UnpicklingError(f"{module}.{name} is not a kbgen record")
