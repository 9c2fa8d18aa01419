"""Replaces a writer's file only if nobody changed it since kbgen read it, keeping its mode and owner.

A command that reads an article, computes new bytes and writes them back would silently drop an edit saved in
between. So the file is read once through an open descriptor, the new bytes go to a temporary file beside it
(same folder, so the rename is atomic) given the original's owner and mode, and just before the rename the
file on disk is compared with what was read: same inode, size, mtime and bytes (in full; a hash would only be
slower). Afterwards the old inode, still open, is checked once more: an edit written into it in the instant
before the rename is put back.

Hard links are refused rather than split: renaming over one name would leave the others on the old text, and
writing in place would give up the all-or-nothing replace. A writer can still lose an edit saved by renaming
a new file over the article in the microseconds between the last check and the rename; nothing short of a
lock every editor honours closes that.
"""

from __future__ import annotations

import contextlib
import os
import stat
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from kbgen.temp_names import beside, fitted

RERUN = "nothing was written; re-run kbgen review"


class RewriteRefused(Exception):
    """The file was left as it is (or put back as the writer left it); the message says why and what to do."""


@dataclass(frozen=True, slots=True)
class ReadFile:
    """The bytes of a file and the stat they were read with, plus the descriptor that still holds that inode."""

    path: Path
    data: bytes
    before: os.stat_result
    fd: int


@contextlib.contextmanager
def read_for_rewrite(path: Path) -> Iterator[ReadFile]:
    """Read the file once, without following a link; the inode stays open so the replace can check it after."""
    fd = os.open(path, os.O_RDONLY | os.O_NOFOLLOW | os.O_CLOEXEC)
    try:
        before = os.fstat(fd)
        if not stat.S_ISREG(before.st_mode):
            raise RewriteRefused("not a regular file; nothing was written")
        yield ReadFile(path, _read_all(fd), before, fd)
    finally:
        os.close(fd)


def replace_unchanged(original: ReadFile, data: bytes) -> None:
    """Put data in place of the file, or raise RewriteRefused with the file as the writer last saved it."""
    before = original.before
    if before.st_nlink > 1:
        raise RewriteRefused(
            f"the file has {before.st_nlink} hard links, and replacing it would leave the others on the old text; "
            "nothing was written: update 'reviewed' by hand, or make it a single file (cp, then mv) and re-run"
        )
    temp = _prepared_copy(original.path, data, before)
    try:
        if _changed_on_disk(original):
            raise RewriteRefused(f"the file changed while kbgen was updating it; {RERUN}")
        temp.replace(original.path)
    except BaseException:
        temp.unlink(missing_ok=True)
        raise
    written = os.lstat(original.path)
    late = _read_all(original.fd)
    if late != original.data or _mark(os.fstat(original.fd)) != _mark(before):
        _put_back(original.path, late, before, written)


def _prepared_copy(path: Path, data: bytes, before: os.stat_result) -> Path:
    """The new bytes beside the file, with its owner and then its mode (chown clears set-id bits), synced."""
    fd, name = tempfile.mkstemp(prefix=beside(path.name, ".kbgen-tmp"), suffix=".kbgen-tmp", dir=path.parent)
    temp = Path(name)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            if (before.st_uid, before.st_gid) != (os.geteuid(), os.getegid()):
                try:
                    os.fchown(handle.fileno(), before.st_uid, before.st_gid)
                except PermissionError:
                    raise RewriteRefused(
                        f"the file belongs to uid {before.st_uid} gid {before.st_gid}, and kbgen running as uid "
                        f"{os.geteuid()} cannot give the new file that owner; nothing was written: run kbgen "
                        "review as the file's owner"
                    ) from None
            os.fchmod(handle.fileno(), stat.S_IMODE(before.st_mode))
            os.fsync(handle.fileno())
    except BaseException:
        temp.unlink(missing_ok=True)
        raise
    return temp


def _changed_on_disk(original: ReadFile) -> bool:
    """Another inode at the path, or the same one with other size, mtime or bytes, means a save kbgen did not see."""
    try:
        fd = os.open(original.path, os.O_RDONLY | os.O_NOFOLLOW | os.O_CLOEXEC)
    except OSError:
        return True  # deleted or replaced by a link: not the file that was read
    try:
        now = os.fstat(fd)
        same_file = (now.st_dev, now.st_ino) == (original.before.st_dev, original.before.st_ino)
        return not same_file or _mark(now) != _mark(original.before) or _read_all(fd) != original.data
    finally:
        os.close(fd)


def _put_back(path: Path, late: bytes, before: os.stat_result, written: os.stat_result) -> None:
    """An edit landed in the old inode just before the swap: restore it, unless the path has moved on again."""
    now = os.lstat(path)
    if (now.st_ino, *_mark(now)) == (written.st_ino, *_mark(written)):
        temp = _prepared_copy(path, late, before)
        temp.replace(path)
        raise RewriteRefused(f"the file changed while kbgen was updating it and was put back as saved; {RERUN}")
    suffix = f".kbgen-rescued-{os.getpid()}"
    rescued = path.with_name(fitted(path.name, suffix) + suffix)  # a name near the limit is cut: the edit is kept
    with rescued.open("xb") as handle:
        handle.write(late)
    raise RewriteRefused(
        f"the file changed twice while kbgen was updating it; the edit saved first is in {rescued.name}: "
        "compare the two and keep what you need"
    )


def _mark(info: os.stat_result) -> tuple[int, int]:
    return info.st_size, info.st_mtime_ns


def _read_all(fd: int) -> bytes:
    chunks = []
    offset = 0
    while chunk := os.pread(fd, 1 << 16, offset):
        chunks.append(chunk)
        offset += len(chunk)
    return b"".join(chunks)
