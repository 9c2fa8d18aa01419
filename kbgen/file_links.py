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


def inside_name(name: object) -> bool:
    """A name read from a cache (a page's or a search file's, relative to a site) names a file inside that folder:
    text, relative, with no ``..``, ``.`` or empty part and no NUL. Caches are files beside the site: a name that
    leads out of it is never linked, moved or unlinked."""
    return (
        isinstance(name, str)
        and bool(name)
        and "\0" not in name
        and all(part not in ("", ".", "..") for part in name.split("/"))
    )


def link_file(source: str, target: str) -> None:
    """`link_or_copy`, making the target's folder first. Strings, not Paths, for each of 10,000s of pages. Every
    page has a folder of its own (directory URLs), made after its parent's: one mkdir, the rest only when a parent
    is missing."""
    folder = os.path.dirname(target)  # noqa: PTH120 - no Path object per page
    try:
        os.mkdir(folder)  # noqa: PTH102 - as above
    except FileExistsError:
        pass
    except FileNotFoundError:
        os.makedirs(folder, exist_ok=True)  # noqa: PTH103 - as above
    link_or_copy(source, target)


def link_files(source_root: str, target_root: str, names: list[str]) -> list[str]:
    """Link (`link_file`) each of `names` (relative) from `source_root` into `target_root`; returns those linked.
    A name the source folder lacks is left out, not an error: the caller asked for what the folder has (and the
    folders made for it are removed again, so none is left empty)."""
    linked = []
    for name in names:
        source = f"{source_root}/{name}"
        try:
            link_file(source, f"{target_root}/{name}")
        except FileNotFoundError:
            if os.path.lexists(source):
                raise
            remove_empty_folders(target_root, name)
            continue
        linked.append(name)
    return linked


def remove_empty_folders(root: str, name: str) -> None:
    """Remove the folders of `name` (relative to `root`) that are empty, from the deepest up to `root`."""
    folder = os.path.dirname(f"{root}/{name}")  # noqa: PTH120 - strings, as for linking
    while folder.startswith(f"{root}/"):
        try:
            os.rmdir(folder)  # noqa: PTH106 - only an empty folder
        except OSError:
            return
        folder = os.path.dirname(folder)  # noqa: PTH120
