"""The content folder's files, listed again only in the folders that changed since the last run.

Walking a content tree is a third of what loading it takes before any file is read: at 10,000 articles, 2,500
folders and 12,500 files, a tenth of a second of every rebuild, and telling what each file is another fifth
(kbgen.loading.loader). A folder's listing changes only when an entry is added, removed, renamed or replaced (a
file swapped for a link, an editor saving through a temporary file), and each of those moves the folder's mtime
and ctime.

So each folder's stat is taken before it is listed, and kept with its listing (kbgen.loading.load_memo keeps
them in its file); the next walk lists again only the folders whose stat differs, or that had changed less than
RACY_NS before they were listed (a change in the same clock tick may not show in the times).

Dot-folders, dot-files and editors' scratch files are left out (never published; kbgen.loading.editor_files).
Links are listed but never followed, so a link loop or a link out of the tree cannot be walked.
"""

from __future__ import annotations

import os
import time
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import PurePosixPath

from kbgen.loading.editor_files import is_editor_scratch
from kbgen.loading.load_memo import RACY_NS

# A folder's mtime and ctime (ns) and inode, when it was listed (ns), the folders walked into and the names listed
# (files and links), both sorted: plain values, so the memo's unpickler reads them.
FolderRecord = tuple[tuple[int, int, int], int, tuple[str, ...], tuple[str, ...]]


@dataclass(slots=True)
class ContentListing:
    """Every file below the content root, sorted; each folder's record, by its path below the root (``""`` for
    the root); and the folders listed afresh by this walk rather than taken from the records."""

    files: list[PurePosixPath]
    folders: dict[str, FolderRecord] = field(default_factory=dict)
    listed: set[str] = field(default_factory=set)


def list_content(content_root: os.PathLike[str] | str, known: Mapping[str, object] | None = None) -> ContentListing:
    """Every file below the root, each folder listed afresh unless `known` holds its listing from a stat it still
    has, taken long enough after its last change."""
    root = os.fspath(content_root)
    known = known or {}
    listing = ContentListing([])
    found: list[PurePosixPath] = []
    pending = [""]
    while pending:
        folder = pending.pop()
        path = os.path.join(root, folder) if folder else root  # noqa: PTH118 - no Path per folder
        record = _listed(path, known.get(folder))
        if record is None:
            record = _list_folder(path)
            if record is None:
                continue  # gone or unreadable since its parent was listed: as os.walk, left out
            listing.listed.add(folder)
        listing.folders[folder] = record
        base = PurePosixPath(folder) if folder else None
        found.extend(base / name if base is not None else PurePosixPath(name) for name in record[3])
        pending.extend(f"{folder}/{sub}" if folder else sub for sub in reversed(record[2]))
    listing.files = sorted(found)
    return listing


def _stat_of(info: os.stat_result) -> tuple[int, int, int]:
    return (info.st_mtime_ns, info.st_ctime_ns, info.st_ino)


def _listed(path: str, record: object) -> FolderRecord | None:
    """`record` when the folder at `path` still has its stat and had not changed for RACY_NS when it was listed."""
    if not _is_record(record):
        return None
    assert isinstance(record, tuple)
    try:
        now = _stat_of(os.stat(path))  # noqa: PTH116 - no Path per folder
    except OSError:
        return None
    then, listed_at = record[0], record[1]
    if now != then or max(then[0], then[1]) >= listed_at - RACY_NS:
        return None
    return record


def _list_folder(path: str) -> FolderRecord | None:
    """A folder's record: its stat, taken first (a change while it is listed then shows next time), the folders
    to walk into and the names to list (a link to a folder is listed, not walked into)."""
    listed_at = time.time_ns()
    try:
        then = _stat_of(os.stat(path))  # noqa: PTH116 - no Path per folder
        with os.scandir(path) as entries:
            folders: list[str] = []
            names: list[str] = []
            for entry in entries:
                try:
                    is_folder = entry.is_dir()  # through a link, as os.walk tells folders from files
                except OSError:
                    is_folder = False
                (folders if is_folder else names).append(entry.name)
    except OSError:
        return None
    folders = sorted(name for name in folders if not name.startswith("."))
    links = [name for name in folders if os.path.islink(os.path.join(path, name))]  # noqa: PTH114, PTH118
    walked = tuple(name for name in folders if name not in links)
    return then, listed_at, walked, tuple(sorted([*links, *(name for name in names if not is_editor_scratch(name))]))


def _is_record(value: object) -> bool:
    """A record exactly as `_list_folder` makes them (the memo's file is read, never trusted)."""
    if not (isinstance(value, tuple) and len(value) == 4):
        return False
    stat, listed_at, folders, names = value
    return (
        isinstance(stat, tuple)
        and len(stat) == 3
        and all(type(number) is int for number in stat)
        and type(listed_at) is int
        and all(isinstance(names_of, tuple) and all(map(_is_name, names_of)) for names_of in (folders, names))
    )


def _is_name(name: object) -> bool:
    return isinstance(name, str) and name not in ("", ".", "..") and "/" not in name and "\0" not in name
