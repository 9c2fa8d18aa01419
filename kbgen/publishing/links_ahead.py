"""The next build's page links, made in the background after a build, so a one-edit rebuild need not make them.

A rebuild starts from links to the previous site's page files (kbgen.mkdocs_plugin.incremental): at 10,000 articles,
12,000 folders made and files linked, one to two seconds of the kernel's time, in the process that then indexes
the edited language. `kbgen build` makes them instead after it returns, in the detached process that deletes the
replaced site (kbgen.publishing.output_dir): a folder beside the site, `.site.kbgen-ahead-TAG`, holding a hard link
to each page file of the site as it was just built, where TAG names that site (kbgen.publishing.ownership.site_tag).
The next build of the same site takes the folder as its staging folder (`take`) and keeps only the links that are
still the site's own files (`adopt`): anything else in it is removed before a page is written, so the folder can
only save time.
"""

from __future__ import annotations

import os
import shutil
import stat
from collections.abc import Sequence
from pathlib import Path

from kbgen.file_links import link_files, remove_empty_folders
from kbgen.publishing.folder_locks import held, is_held
from kbgen.publishing.ownership import site_tag

AHEAD_MARK = ".kbgen-ahead-"
_MAKING = "making-"  # AHEAD_MARK + _MAKING + pid: a folder being made, renamed to its tag's name when done
MIN_PAGES = 400  # below this a rebuild's linking takes less time than the folder's upkeep is worth


def _folder(site_dir: Path, name: str) -> Path:
    return site_dir.parent / f".{site_dir.name}{AHEAD_MARK}{name}"


def make(site_dir: Path, pages: Sequence[str]) -> None:
    """Link `pages` (relative names) of the site just built into a new folder named after it; any older folder
    goes (it names a site that is no more). Run by the detached process after the build's lock is released: a
    build that starts meanwhile finds no folder of its tag until this one is complete, and links its pages itself."""
    tag = site_tag(site_dir)
    current = _folder(site_dir, tag).name if tag is not None else None
    for old in site_dir.parent.glob(f".{site_dir.name}{AHEAD_MARK}*"):
        if old.name == current or (old.name.startswith(f".{site_dir.name}{AHEAD_MARK}{_MAKING}") and is_held(old)):
            continue  # the current site's (a build may be taking it), or one another process is making
        if old.is_dir() and not old.is_symlink():
            shutil.rmtree(old, ignore_errors=True)
    if tag is None or len(pages) < MIN_PAGES:
        return
    making = _folder(site_dir, f"{_MAKING}{os.getpid()}")
    try:
        making.mkdir()
    except OSError:
        return
    with held(making):
        try:
            link_files(str(site_dir), str(making), list(pages))
        except OSError:  # a full disk: no folder, the next build links its pages itself
            shutil.rmtree(making, ignore_errors=True)
            return
        if site_tag(site_dir) != tag or os.path.lexists(_folder(site_dir, tag)):
            shutil.rmtree(making, ignore_errors=True)  # replaced meanwhile: the links name no site
            return
        making.rename(_folder(site_dir, tag))


def take(site_dir: Path, staging: Path) -> bool:
    """Put the folder made for the site now in `site_dir`, if there is one, in place of the empty `staging`
    folder (a rename over an empty folder); False, and `staging` untouched, otherwise."""
    tag = site_tag(site_dir)
    if tag is None:
        return False
    made = _folder(site_dir, tag)
    try:
        if not stat.S_ISDIR(os.lstat(made).st_mode):
            return False
        os.rename(made, staging)  # noqa: PTH104 - replaces staging only while it is an empty folder
    except OSError:
        return False
    return True


def adopt(site_dir: str, staging: str, pages: Sequence[str]) -> list[str]:
    """The names of `pages` that `staging` holds as links to the very files `site_dir` holds now (same device and
    inode); every other entry that is not a folder is removed, with the folders that leaves empty. What remains
    is exactly what linking `pages` from `site_dir` would have made (kbgen.file_links.link_files)."""
    wanted = set(pages)
    kept: list[str] = []
    stack = [("", staging)]
    while stack:
        prefix, folder = stack.pop()
        with os.scandir(folder) as entries:
            found = list(entries)
        for entry in found:
            name = f"{prefix}{entry.name}"
            if entry.is_dir(follow_symlinks=False):
                stack.append((f"{name}/", entry.path))
                continue
            if name in wanted and _same_file(entry, f"{site_dir}/{name}"):
                kept.append(name)
                continue
            os.unlink(entry.path)  # noqa: PTH108 - strings, as for linking
            remove_empty_folders(staging, name)
    return kept


def _same_file(entry: os.DirEntry[str], path: str) -> bool:
    try:
        mine, theirs = entry.stat(follow_symlinks=False), os.lstat(path)
    except OSError:
        return False
    return stat.S_ISREG(mine.st_mode) and (mine.st_dev, mine.st_ino) == (theirs.st_dev, theirs.st_ino)
