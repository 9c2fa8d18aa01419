"""Updates a shown search folder in place, for `kbgen serve`'s patches: only the files an edit changed are written.

A build writes a whole new search folder (kbgen.search.build.write_search_files). After a one-article edit
nearly all of it is unchanged: the other languages' files, and in the edited language every fragment group and
title file the edit did not touch. Every file below ``immutable/`` is named by a digest of its bytes, so a name
the folder already holds is already right; new names sit beside the old ones until the manifests that list them
take over. Writing only the new files (a few hundred at 10,000 articles, not 11,500 linked or written again)
takes the search side of a patch from seconds of writing to a fraction of one.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Mapping
from pathlib import Path

from kbgen.file_links import inside_name, link_or_copy
from kbgen.search.build import SearchFile
from kbgen.search.earlier import KeptFile
from kbgen.search.folders import IMMUTABLE


def _order(name: str) -> tuple[int, str]:
    """Content-named files first, then the language manifests that list them, then index.json, which names the
    languages: a reader who fetches any of them meanwhile finds every file it lists."""
    if name.startswith(f"{IMMUTABLE}/"):
        return 0, name
    return (2 if name == "index.json" else 1), name


def _held(shown: str, name: str, data: SearchFile) -> bool:
    """Whether the folder `shown` already holds `data` as `name`."""
    path = f"{shown}/{name}"
    if isinstance(data, KeptFile):
        return os.path.abspath(data.path) == os.path.abspath(path)  # noqa: PTH100 - compared as text
    try:
        size = os.lstat(path).st_size
    except OSError:
        return False
    if size != len(data):
        return False
    if name.startswith(f"{IMMUTABLE}/"):
        return True  # the name is a digest of the bytes
    with open(path, "rb") as held:  # noqa: PTH123 - one small file: a manifest, index.json, lunr.js
        return held.read() == data


def stage_update(files: Mapping[str, SearchFile], shown: Path, staging: Path) -> list[str]:
    """Write into `staging` each file of `files` (a search folder's, by relative name) that the search folder
    `shown` does not hold with those bytes; returns their names in the order `move_in` must take them."""
    changed = [name for name in sorted(files, key=_order) if not _held(str(shown), name, files[name])]
    for name in changed:  # the few the edit changed: every other file was only looked at, by a string
        data, path = files[name], staging / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(data, KeptFile):
            link_or_copy(data.path, path)
        else:
            path.write_bytes(data)
    return changed


def move_in(staging: Path, shown: Path, names: Iterable[str], gone: Iterable[str]) -> None:
    """Move the staged `names` into `shown`, one rename each in the order given, then remove the files `gone` (those
    no manifest lists any more). A rename replaces a directory entry: no file another site links is written."""
    for name in names:
        target = shown / name
        target.parent.mkdir(parents=True, exist_ok=True)
        (staging / name).replace(target)
    for name in gone:
        if inside_name(name):  # names from the cache: inside the folder only
            (shown / name).unlink(missing_ok=True)
