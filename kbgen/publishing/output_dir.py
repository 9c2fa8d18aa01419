"""Owns the output folder's life cycle: the build lock, staging beside it, the swap, and recovery after a kill.

Everything kbgen creates next to the output `site/` is a dot-entry of the same parent, so renames never cross
file systems: `.site.kbgen.lock` (held with `flock` while a build runs; the kernel drops it if the process dies),
`.site.kbgen-tmp-PID` (staging) and `.site.kbgen-old-PID` (the previous site for a moment during the swap).
Host-owned entries at the top of the output (`.git/`, `.nojekyll`, `CNAME`) are carried into each new site.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import shutil
import time
from collections.abc import Iterator
from pathlib import Path

from kbgen.publishing.manifest import is_host_entry

STAGING_MARK = ".kbgen-tmp-"
OLD_MARK = ".kbgen-old-"


class OutputError(Exception):
    """The output folder cannot be used (held by another build, or badly placed): exit 2."""


def lock_path_for(site_dir: Path) -> Path:
    return site_dir.parent / f".{site_dir.name}.kbgen.lock"


def staging_dir_for(site_dir: Path) -> Path:
    """A sibling of the output, so the final rename never crosses file systems."""
    return site_dir.parent / f".{site_dir.name}{STAGING_MARK}{os.getpid()}"


def check_placement(content_root: Path, site_dir: Path) -> None:
    """An output equal to, inside or around the content root would publish or delete the sources."""
    content, site = content_root.resolve(), site_dir.resolve()
    if site == content:
        relation = "is the same folder as"
    elif content in site.parents:
        relation = "is inside"
    elif site in content.parents:
        relation = "contains"
    else:
        return
    raise OutputError(
        f"output folder '{site_dir}' {relation} the content root '{content_root}'; choose an output folder outside it"
    )


@contextlib.contextmanager
def build_lock(site_dir: Path, wait_seconds: float = 0.0) -> Iterator[Path]:
    """Hold the output's lock for one build; a second build waits up to wait_seconds, then fails naming the holder."""
    lock = lock_path_for(site_dir)
    lock.parent.mkdir(parents=True, exist_ok=True)
    handle = lock.open("a+", encoding="utf-8")
    try:
        deadline = time.monotonic() + wait_seconds
        while True:
            try:
                fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() >= deadline:
                    handle.seek(0)
                    holder = handle.read().strip() or "unknown"
                    raise OutputError(f"another build holds {lock} (pid {holder}); wait for it to finish") from None
                time.sleep(0.1)
        handle.seek(0)
        handle.truncate()
        handle.write(f"{os.getpid()}\n")
        handle.flush()
        yield lock
    finally:
        handle.close()  # closing drops the flock; the file stays so a waiting build never locks a deleted inode


def recover(site_dir: Path) -> None:
    """Under the lock: finish or undo whatever a killed build left beside the output."""
    prefix = f".{site_dir.name}"
    for entry in sorted(site_dir.parent.glob(f"{prefix}{OLD_MARK}*")):
        if not site_dir.exists():
            entry.rename(site_dir)  # killed between the two renames of a swap: the old site comes back
            continue
        _carry_host_entries(entry, site_dir)
        shutil.rmtree(entry, ignore_errors=True)
    for entry in sorted(site_dir.parent.glob(f"{prefix}{STAGING_MARK}*")):
        shutil.rmtree(entry, ignore_errors=True)


def swap_in(staging: Path, site_dir: Path) -> None:
    """Two same-directory renames; host entries then move from the old site into the new one."""
    old = site_dir.parent / f".{site_dir.name}{OLD_MARK}{os.getpid()}"
    if site_dir.exists():
        site_dir.rename(old)
    staging.rename(site_dir)
    if old.exists():
        _carry_host_entries(old, site_dir)
        shutil.rmtree(old, ignore_errors=True)


def _carry_host_entries(old: Path, new: Path) -> None:
    for entry in sorted(old.iterdir()):
        if is_host_entry(entry.name) and not os.path.lexists(new / entry.name):
            entry.rename(new / entry.name)
