"""What loading each Markdown file produced, kept between runs so an unchanged file is not parsed again.

Parsing front matter, validating it and measuring the body against the render budget is most of `kbgen check`
and of a rebuild's start, and for one file it depends only on: the file's bytes, its place (path and display
name), the site's settings, the section defaults above it, and kbgen's code. A result is named by a digest of all
of these, so an entry can only ever answer for the exact inputs it was made from; the memo keeps the entries one
run used, in one file in the cache folder beside the output (`.site.kbgen-cache/load.pickle`). The links of each
body are kept there too (kbgen.checks.links).

Each file's content digest is kept too, with the size, times and inode it had when it was read: a later run
whose stat of the file says the same takes the digest without reading the file, as git's index does. A change
always moves the change time (st_ctime, which no tool sets back), and a file changed less than RACY_NS before it
was read is read again next time, since a change in that same clock tick may not show in its times.

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
RACY_NS = 2_000_000_000  # a file's times are trusted only when it had not changed for this long when it was read

# A file's size, modification and change times (ns) and inode, then its SHA-256 and when it was read (ns)
FileStat = tuple[int, int, int, int]
_Digest = tuple[FileStat, bytes, int]
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
        known, digests, listing = _read(source) if source is not None else ({}, {}, {})
        self.known: dict[str, bytes] = known  # each entry as pickled
        self.used: dict[str, bytes] = {}  # entries of the earlier run this run asked for, as read
        self.new: dict[str, Any] = {}  # results this run made, pickled when saved
        self.hits = 0
        self.added = 0  # results this run made that the memo did not hold
        self.digests_known: dict[str, _Digest] = digests
        self.digests: dict[str, _Digest] = {}  # this run's, kept by `save`
        self.digests_read = 0  # files this run had to read for their digest
        self.digests_changed = 0  # of those, files new to the memo or not as it knew them
        # the content tree's listing (kbgen.loading.content_listing) and what each file was found to be, under the
        # settings key it was found with (kbgen.loading.loader): as the earlier run kept them, and this run's
        self.listing_known = listing
        self.listing: dict[str, Any] = {}

    def digest(self, path: str, stat: os.stat_result) -> bytes | None:
        """The SHA-256 of `path`'s bytes as an earlier run read them, when `stat` says the file is unchanged."""
        found = self.digests_known.get(path)
        if found is None:
            return None
        then, digest, read_at = found
        if then != file_stat(stat) or max(stat.st_mtime_ns, stat.st_ctime_ns) >= read_at - RACY_NS:
            return None
        self.digests[path] = found
        return digest

    def read_digest(self, path: str, stat: os.stat_result, digest: bytes, read_at: int) -> None:
        """`digest` of the bytes read at `read_at` (ns) from `path`, whose stat before the read was `stat`."""
        now = file_stat(stat)
        self.digests[path] = (now, digest, read_at)
        self.digests_read += 1
        known = self.digests_known.get(path)
        self.digests_changed += known is None or known[:2] != (now, digest)

    @property
    def listing_folders(self) -> dict[str, Any]:
        return self._listed("folders")

    @property
    def listing_kinds(self) -> dict[str, Any]:
        return self._listed("kinds")

    @property
    def listing_settings(self) -> object:
        return self.listing_known.get("settings")

    def _listed(self, part: str) -> dict[str, Any]:
        found = self.listing_known.get(part)
        return found if isinstance(found, dict) else {}

    def keep_listing(self, folders: dict[str, Any], settings: str | None, kinds: dict[str, Any]) -> None:
        """This run's listing, and what each file was found to be under `settings` (None: no stable key)."""
        self.listing = {"folders": folders, "settings": settings, "kinds": kinds if settings is not None else {}}

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
        # a file read again only because it had just changed when last read is kept when something else is
        same_digests = not self.digests_changed and self.digests.keys() == self.digests_known.keys()
        same_listing = not self.listing or _same_listing(self.listing, self.listing_known)
        unchanged = not self.added and kept == self.known.keys() and same_digests and same_listing
        if self.path is None or (unchanged and self.path.exists()):
            return  # nothing new to keep
        entries = dict(self.used)
        for key, result in self.new.items():
            if key not in entries:
                with contextlib.suppress(pickle.PicklingError, TypeError, AttributeError, RecursionError):
                    entries[key] = pickle.dumps(result, protocol=pickle.HIGHEST_PROTOCOL)  # else loaded again
        temporary = self.path.with_name(f"{self.path.name}.{os.getpid()}.tmp")
        try:
            with temporary.open("wb") as handle:
                listing = self.listing or self.listing_known
                kept_data = {"format": FORMAT, "entries": entries, "digests": self.digests, "listing": listing}
                pickle.dump(kept_data, handle, protocol=pickle.HIGHEST_PROTOCOL)
            temporary.replace(self.path)
        except OSError:
            with contextlib.suppress(OSError):
                temporary.unlink(missing_ok=True)


def _same_listing(listing: dict[str, Any], known: dict[str, Any]) -> bool:
    """The same folders, files and kinds: a folder listed again only because it had just changed when last listed
    is kept when something else is (as a digest is), not for its new listing time alone."""

    def contents(found: dict[str, Any]) -> dict[str, Any]:
        folders = found.get("folders")
        if not isinstance(folders, dict):
            return {}
        # each folder's record but for when it was listed
        return {name: (r[:1] + r[2:] if isinstance(r, tuple) else r) for name, r in folders.items()}

    return (
        listing.get("settings") == known.get("settings")
        and listing.get("kinds") == known.get("kinds")
        and contents(listing) == contents(known)
    )


def file_stat(stat: os.stat_result) -> FileStat:
    return (stat.st_size, stat.st_mtime_ns, stat.st_ctime_ns, stat.st_ino)


def _read(path: Path) -> tuple[dict[str, bytes], dict[str, _Digest], dict[str, Any]]:
    try:
        with path.open("rb") as handle:
            data = _ModelUnpickler(handle).load()
    except Exception:
        return {}, {}, {}
    if not isinstance(data, dict) or data.get("format") != FORMAT or not isinstance(data.get("entries"), dict):
        return {}, {}, {}
    entries: dict[str, bytes] = data["entries"]
    if not all(isinstance(key, str) and isinstance(value, bytes) for key, value in entries.items()):
        return {}, {}, {}
    digests = data.get("digests")
    listing = data.get("listing")  # each folder and kind is looked at where it is used
    return (
        entries,
        (digests if isinstance(digests, dict) and all(map(_is_digest, digests.items())) else {}),
        (listing if isinstance(listing, dict) else {}),
    )


def _is_digest(item: tuple[object, object]) -> bool:
    path, value = item
    if not (isinstance(path, str) and isinstance(value, tuple) and len(value) == 3):
        return False
    stat, digest, read_at = value
    return (
        isinstance(stat, tuple)
        and len(stat) == 4
        and all(type(number) is int for number in stat)
        and isinstance(digest, bytes)
        and type(read_at) is int
    )


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
