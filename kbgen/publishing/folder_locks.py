"""`flock` on a folder kbgen works on in a detached process, so another process leaves that folder be.

The detached process that deletes a replaced site, or makes the next build's links (kbgen.publishing.links_ahead),
holds the folder's lock while it works; a build that finds the folder locked leaves it to that process instead
of deleting the same tens of thousands of files beside it. The kernel drops the lock if the process is killed,
and the folder is then cleared up by the next build.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
from collections.abc import Iterator
from pathlib import Path


@contextlib.contextmanager
def held(folder: Path) -> Iterator[None]:
    """Hold `flock` on `folder` for the length of the block (nothing, if it cannot be opened or locked)."""
    try:
        fd = os.open(folder, os.O_RDONLY | os.O_DIRECTORY | os.O_NOFOLLOW)
    except OSError:
        yield
        return
    try:
        with contextlib.suppress(OSError):
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        yield
    finally:
        os.close(fd)


def is_held(folder: Path) -> bool:
    """Whether another process holds `folder` (`held`)."""
    try:
        fd = os.open(folder, os.O_RDONLY | os.O_DIRECTORY | os.O_NOFOLLOW)
    except OSError:
        return False
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        return True
    finally:
        os.close(fd)  # closing drops a lock this process took
    return False
