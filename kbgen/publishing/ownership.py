"""Decides whether kbgen may replace an existing output folder: only when nothing it would delete is someone else's.

Replacing the output renames the old folder away and deletes it, keeping only its host entries (`.git/`,
`CNAME`, see `is_host_entry`), which move into the new site. So kbgen may replace a folder only when every other
file in it is one kbgen listed in that folder's own `kbgen-manifest.txt`: an empty folder, a folder holding only
host entries, or a site kbgen built (edited pages included: they are kbgen's output). A folder of documents,
`.git`, a theme, a file, or a folder whose manifest is not in kbgen's format or leaves files out is refused and
left exactly as it was. A forged manifest that names every file is taken at its word: it takes a deliberate act,
and what it names is all that is deleted.
"""

from __future__ import annotations

import os
import re
import stat
import time
from dataclasses import dataclass
from pathlib import Path

from kbgen.loading.load_memo import RACY_NS  # a time this close before a reading may change again unseen
from kbgen.publishing.manifest import MANIFEST_NAME, is_host_entry

_LINE = re.compile(r"[0-9a-f]{64}  (?P<name>[^\r\n]+)\n")
_MAX_LINE = 8192  # longer is not a manifest line; stops a large foreign file being read whole
_SHOWN = 3  # files named in a refusal; the rest are counted


class NotKbgenOutput(Exception):
    """The folder holds something kbgen did not build; the message names the folder and how to fix it."""


@dataclass(frozen=True, slots=True)
class Checked:
    """What `check_replaceable` read: each folder of the site (relative name) with its inode and modification time
    (ns) as they were just before the folder was listed, and when the reading began (ns)."""

    folders: dict[str, tuple[int, int]]
    began: int

    def still_holds(self, site_dir: Path) -> bool:
        """Whether no folder of the site changed since: adding, removing or renaming an entry moves its folder's
        modification time. A folder changed within RACY_NS before the reading is not trusted (a second change in
        the same clock tick would not show). Stats the folders only: a tenth of the listing's time."""
        root = str(site_dir)
        try:
            for name, (inode, modified) in self.folders.items():
                info = os.lstat(f"{root}/{name}" if name else root)
                if info.st_ino != inode or info.st_mtime_ns != modified or modified >= self.began - RACY_NS:
                    return False
        except OSError:
            return False
        return True


def check_replaceable(site_dir: Path, label: str, checked: Checked | None = None) -> Checked | None:
    """Raise NotKbgenOutput unless replacing site_dir (resolved) can delete only what kbgen built there; return
    what was read (None for a folder that does not exist). With `checked`, an earlier answer for the same folder
    stands when `Checked.still_holds`: the check before the swap after the one before the build.

    label names the folder in the message, quoted, as the user wrote it (`'site'`).
    """
    if checked is not None and checked.still_holds(site_dir):
        return checked
    fix = "choose another output folder (--site-dir, or site_dir in mkdocs.yml)"
    for parent in site_dir.parents:
        if os.path.lexists(parent / MANIFEST_NAME):
            raise NotKbgenOutput(
                f"output folder {label} is inside {parent}, a site kbgen built: its {MANIFEST_NAME} would not list "
                f"what is built there, so the next build of that site would refuse it; kbgen changed nothing: {fix}"
            )
    try:
        mode = site_dir.lstat().st_mode
    except FileNotFoundError:
        return None
    if not stat.S_ISDIR(mode):
        raise NotKbgenOutput(f"output folder {label} exists and is not a folder; kbgen left it alone: {fix}")
    began = time.time_ns()  # a folder changed within RACY_NS of this is read again (still_holds)
    folders: dict[str, tuple[int, int]] = {}
    listed = _listed(site_dir, label, fix)
    if listed is None:
        foreign = sorted(entry.name for entry in site_dir.iterdir() if not is_host_entry(entry.name))
        reason = "is not empty and has no kbgen-manifest.txt, so kbgen did not build it"
    else:
        foreign = [name for name in _entries(site_dir, folders) if name not in listed]
        reason = f"holds files its {MANIFEST_NAME} does not list, so kbgen did not build them"
    if foreign:
        more = f" and {len(foreign) - _SHOWN} more" if len(foreign) > _SHOWN else ""
        names = ", ".join(f"'{name}'" for name in foreign[:_SHOWN]) + more
        raise NotKbgenOutput(
            f"output folder {label} {reason} ({names}); kbgen only replaces an empty folder or one it built, "
            f"and changed nothing: {fix}, or move those files out"
        )
    return Checked(folders, began) if listed is not None else None


def _entries(root: Path, folders: dict[str, tuple[int, int]] | None = None) -> list[str]:
    """What `manifest.built_files` would list, by relative name; os.scandir, as this runs on every build. Each
    folder's inode and modification time, taken before it is listed, go into `folders`."""
    found: list[str] = []
    stack = [("", str(root))]
    while stack:
        prefix, folder = stack.pop()
        if folders is not None:
            info = os.lstat(folder)
            folders[prefix.rstrip("/")] = (info.st_ino, info.st_mtime_ns)
        with os.scandir(folder) as entries:
            for entry in entries:
                if not prefix and (is_host_entry(entry.name) or entry.name == MANIFEST_NAME):
                    continue
                if entry.is_dir(follow_symlinks=False):
                    stack.append((f"{prefix}{entry.name}/", entry.path))
                else:
                    found.append(prefix + entry.name)
    return sorted(found)


def _listed(site_dir: Path, label: str, fix: str) -> set[str] | None:
    """The names a kbgen manifest lists, None without one; a file that is not kbgen's format is refused."""
    manifest = site_dir / MANIFEST_NAME
    if not os.path.lexists(manifest):
        return None
    names: set[str] = set()
    problem = "is not a regular file"
    if manifest.is_file() and not manifest.is_symlink():
        problem = ""
        with manifest.open("rb") as handle:
            for number, raw in enumerate(iter(lambda: handle.readline(_MAX_LINE), b""), start=1):
                match = _LINE.fullmatch(raw.decode("utf-8", "replace"))
                name = match["name"] if match else ""
                if not match or name.startswith("/") or ".." in name.split("/"):
                    problem = f"line {number} is not 'SHA256  PATH'"
                    break
                names.add(name)
    if problem:
        raise NotKbgenOutput(
            f"output folder {label} has a {MANIFEST_NAME} kbgen did not write ({problem}), so kbgen did not "
            f"build it and changed nothing: {fix}"
        )
    return names
