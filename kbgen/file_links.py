"""A file of the new site made from the same file of the previous one, without reading or writing its bytes."""

from __future__ import annotations

import os
import shutil


def link_or_copy(source: str | os.PathLike[str], target: str | os.PathLike[str]) -> None:
    """Hard-link `source` as `target`; copy it where the file system has no hard links. A shared inode is safe:
    kbgen never writes into a site's files, it only ever replaces whole sites (and search folders)."""
    try:
        os.link(source, target)
    except OSError:
        shutil.copy2(source, target)
