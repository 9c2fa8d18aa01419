"""What loading each Markdown file produced, kept between runs so an unchanged file is not parsed again.

Parsing front matter, validating it and measuring the body against the render budget is most of `kbgen check`
and of a rebuild's start, and for one file it depends only on: the file's bytes, its place (path and display
name), the site's settings, the section defaults above it, and kbgen's code. A result is named by a digest of all
of these, so an entry can only ever answer for the exact inputs it was made from; the memo keeps the entries one
run used, in one file in the cache folder beside the output (`.site.kbgen-cache/load.pickle`). The links of each
body are kept there too (kbgen.checks.links).

The file is read with an unpickler that builds nothing but kbgen's own model records, dates, paths and Python's
containers: a file someone else wrote cannot run code. Anything unreadable means "load every file afresh".
"""

from __future__ import annotations

import contextlib
import hashlib
import importlib.metadata
import os
import pickle
import sys
from dataclasses import is_dataclass
from datetime import date
from functools import cache
from pathlib import Path, PurePosixPath
from typing import Any

import kbgen.model
from kbgen.links.extract import Link
from kbgen.review.durations import Interval

FORMAT = 1
_PACKAGE = Path(__file__).resolve().parent.parent


@cache
def code_key() -> str:
    """kbgen's own files (size and mtime: a checkout being edited) and the versions of what parsing relies on."""
    hasher = hashlib.sha256(f"{FORMAT}\0{sys.version}".encode())
    for name in ("kbgen", "pyyaml"):
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
        hasher.update(len(data).to_bytes(8, "big") + data)
    return hasher.hexdigest()


class LoadMemo:
    """The loaded results of an earlier run, and those of this run (the ones `save` keeps)."""

    def __init__(self, path: Path | None = None, read_from: Path | None = None) -> None:
        """Kept in `path`; read from `read_from` when given (a `kbgen serve` preview reads its predecessor's)."""
        self.path = path
        source = read_from if read_from is not None else path
        self.known: dict[str, Any] = _read(source) if source is not None else {}
        self.used: dict[str, Any] = {}
        self.hits = 0
        self.added = 0  # results this run made that the memo did not hold

    def get(self, key: str | None) -> Any | None:
        if key is None:
            return None
        found = self.known.get(key)
        if found is not None:
            self.used[key] = found
            self.hits += 1
        return found

    def put(self, key: str | None, result: Any) -> None:
        if key is not None:
            self.used[key] = result
            self.added += key not in self.known

    def save(self) -> None:
        """Atomically (temp file and rename); when it cannot be written, the next run loads every file again."""
        if self.path is None or (not self.added and self.used.keys() == self.known.keys() and self.path.exists()):
            return  # nothing new to keep
        temporary = self.path.with_name(f"{self.path.name}.{os.getpid()}.tmp")
        try:
            with temporary.open("wb") as handle:
                pickle.dump({"format": FORMAT, "entries": self.used}, handle, protocol=pickle.HIGHEST_PROTOCOL)
            temporary.replace(self.path)
        except (OSError, pickle.PicklingError, TypeError, AttributeError, RecursionError):
            with contextlib.suppress(OSError):
                temporary.unlink(missing_ok=True)


def _read(path: Path) -> dict[str, Any]:
    try:
        with path.open("rb") as handle:
            data = _ModelUnpickler(handle).load()
    except Exception:
        return {}
    if not isinstance(data, dict) or data.get("format") != FORMAT or not isinstance(data.get("entries"), dict):
        return {}
    entries: dict[str, Any] = data["entries"]
    return entries


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
