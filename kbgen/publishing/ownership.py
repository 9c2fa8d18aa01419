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

import contextlib
import json
import os
import re
import stat
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from kbgen.file_links import inside_name
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


def check_replaceable(site_dir: Path, label: str, checked: Checked | None = None) -> Checked | None:
    """Raise NotKbgenOutput unless replacing site_dir (resolved) can delete only what kbgen built there; return
    what was read (None for a folder that does not exist).

    With `checked`, an earlier reading of the same folder (the check before the build, for the one before the
    swap; a record the last build left, `kept_check`, for the one before the build), only the folders that changed
    since are listed again: adding, removing or renaming an entry moves its folder's modification time, so every
    other folder still holds what was read then. A folder changed within RACY_NS before that reading is listed
    again too (a second change in the same clock tick would not show). Statting 12,500 folders is a fifth of
    listing them.

    label names the folder in the message, quoted, as the user wrote it (`'site'`).
    """
    fix = "choose another output folder (--site-dir, or site_dir in mkdocs.yml)"
    if checked is not None:
        again = _check_again(site_dir, label, fix, checked)
        if again is not None:
            return again
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
    began = time.time_ns()  # a folder changed within RACY_NS of this is read again (_check_again)
    folders: dict[str, tuple[int, int]] = {}
    listed = _listed(site_dir, label, fix)
    if listed is None:
        foreign = sorted(entry.name for entry in site_dir.iterdir() if not is_host_entry(entry.name))
        if foreign:
            _refuse(label, "is not empty and has no kbgen-manifest.txt, so kbgen did not build it", foreign, fix)
        return None
    _refuse_unlisted(label, [name for name in _entries(site_dir, folders) if name not in listed], fix)
    return Checked(folders, began)


def _check_again(site_dir: Path, label: str, fix: str, checked: Checked) -> Checked | None:
    """`check_replaceable` standing on `checked`: the folders that changed since are listed again, and a folder
    that is new is listed whole. None when the site is no longer a folder, or has no manifest (the full check
    then says why)."""
    began = time.time_ns()
    root = str(site_dir)
    kept: dict[str, tuple[int, int]] = {}
    changed: list[str] = []
    for name, (inode, modified) in checked.folders.items():
        try:
            info = os.lstat(f"{root}/{name}" if name else root)
        except FileNotFoundError:
            if not name:
                return None
            continue  # gone with all it held; its parent changed, so is listed again
        except OSError:
            return None
        if not stat.S_ISDIR(info.st_mode):
            return None
        if info.st_ino != inode or info.st_mtime_ns != modified or modified >= checked.began - RACY_NS:
            changed.append(name)
        else:
            kept[name] = (inode, modified)
    if not changed:
        return checked
    listed = _listed(site_dir, label, fix)
    if listed is None:
        return None
    read = set(kept) | set(changed)  # a folder not among them is new (or made again): listed whole
    unlisted: list[str] = []
    for name in changed:
        prefix = f"{name}/" if name else ""
        path = f"{root}/{name}" if name else root
        try:
            info = os.lstat(path)
            kept[name] = (info.st_ino, info.st_mtime_ns)
            with os.scandir(path) as entries:
                found = list(entries)
        except FileNotFoundError:
            kept.pop(name, None)
            continue
        for entry in found:
            if not prefix and (is_host_entry(entry.name) or entry.name == MANIFEST_NAME):
                continue
            relative = f"{prefix}{entry.name}"
            if not entry.is_dir(follow_symlinks=False):
                if relative not in listed:
                    unlisted.append(relative)
            elif relative not in read:
                unlisted.extend(held for held in _entries(Path(entry.path), kept, f"{relative}/") if held not in listed)
    _refuse_unlisted(label, sorted(unlisted), fix)
    return Checked(kept, began)


def site_tag(site_dir: Path) -> str | None:
    """A name for the site now in `site_dir`: its folder's and its manifest's inode, the manifest's size and
    modification time. Every build writes a new folder and manifest, so a rebuilt site has another tag."""
    try:
        folder = os.lstat(site_dir)
        manifest = os.lstat(site_dir / MANIFEST_NAME)
    except OSError:
        return None
    if not stat.S_ISDIR(folder.st_mode) or not stat.S_ISREG(manifest.st_mode):
        return None
    return f"{folder.st_ino:x}-{manifest.st_ino:x}-{manifest.st_size:x}-{manifest.st_mtime_ns:x}"


_RECORD_FORMAT = 1


def keep_check(site_dir: Path, record: Path) -> None:
    """Check the site now in `site_dir` and keep what was read in `record`, under the site's tag, for the next
    build's first check (`kept_check`): run after a build by its detached process, so that check lists only the
    folders changed since. Nothing is kept for a site replaced meanwhile, or one that is not kbgen's."""
    tag = site_tag(site_dir)
    if tag is None:
        return
    try:
        checked = check_replaceable(site_dir, f"'{site_dir}'")
    except (NotKbgenOutput, OSError):
        return
    if checked is None or site_tag(site_dir) != tag:
        return
    data = {"format": _RECORD_FORMAT, "tag": tag, "began": checked.began, "folders": checked.folders}
    temporary = record.with_name(f"{record.name}.{os.getpid()}.tmp")
    try:
        temporary.write_text(json.dumps(data, separators=(",", ":")), encoding="utf-8")
        temporary.replace(record)
    except OSError:
        with contextlib.suppress(OSError):
            temporary.unlink(missing_ok=True)


def kept_check(site_dir: Path, record: Path) -> Checked | None:
    """What `keep_check` read of the site now in `site_dir`; None when `record` is missing, malformed in any way,
    or was kept for another site (a build since, or a site put there by hand)."""
    try:
        data: Any = json.loads(record.read_bytes())
        if not isinstance(data, dict) or data.get("format") != _RECORD_FORMAT or data.get("tag") != site_tag(site_dir):
            return None
        began, folders = data["began"], data["folders"]
        if type(began) is not int or not isinstance(folders, dict):
            return None
        kept: dict[str, tuple[int, int]] = {}
        for name, (inode, modified) in folders.items():
            if type(inode) is not int or type(modified) is not int or not (name == "" or inside_name(name)):
                return None
            kept[name] = (inode, modified)
    except (OSError, ValueError, TypeError, KeyError, RecursionError):
        return None
    return Checked(kept, began)


def _refuse_unlisted(label: str, foreign: list[str], fix: str) -> None:
    if foreign:
        _refuse(label, f"holds files its {MANIFEST_NAME} does not list, so kbgen did not build them", foreign, fix)


def _refuse(label: str, reason: str, foreign: list[str], fix: str) -> None:
    more = f" and {len(foreign) - _SHOWN} more" if len(foreign) > _SHOWN else ""
    names = ", ".join(f"'{name}'" for name in foreign[:_SHOWN]) + more
    raise NotKbgenOutput(
        f"output folder {label} {reason} ({names}); kbgen only replaces an empty folder or one it built, "
        f"and changed nothing: {fix}, or move those files out"
    )


def _entries(root: Path, folders: dict[str, tuple[int, int]] | None = None, prefix: str = "") -> list[str]:
    """What `manifest.built_files` would list, by relative name (`prefix`: `root`'s own, below the site); os.scandir,
    as this runs on every build. Each folder's inode and modification time, taken before it is listed, go into
    `folders`."""
    found: list[str] = []
    stack = [(prefix, str(root))]
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
