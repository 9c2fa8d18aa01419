"""Owns the output folder's life cycle: the build lock, staging beside it, the swap, and recovery after a kill.

Everything kbgen creates next to the output `site/` is a dot-entry of the same parent, so renames never cross
file systems: `.site.kbgen.lock` (held with `flock` while a build runs; the kernel drops it if the process dies),
`.site.kbgen-tmp-PID` (staging) and `.site.kbgen-old-PID` (the previous site for a moment during the swap).
Host-owned entries at the top of the output (`.git/`, `.nojekyll`, `CNAME`) are carried into each new site.
What may be replaced at all is decided in `ownership`; the lock is opened without following links and is
truncated only when it holds a pid, so nothing but kbgen's own files is ever renamed, emptied or deleted.
"""

from __future__ import annotations

import contextlib
import errno
import fcntl
import os
import re
import shutil
import stat
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from kbgen.publishing.folder_locks import held, is_held
from kbgen.publishing.manifest import is_host_entry
from kbgen.publishing.ownership import Checked, NotKbgenOutput, check_replaceable

STAGING_MARK = ".kbgen-tmp-"
_MAX_FD = 65536
OLD_MARK = ".kbgen-old-"


class OutputError(Exception):
    """The output folder cannot be used (held by another build, or badly placed): exit 2."""


def lock_path_for(site_dir: Path) -> Path:
    return site_dir.parent / f".{site_dir.name}.kbgen.lock"


def own_entry(site_dir: Path, path: Path) -> Path | None:
    """kbgen's entry beside `site_dir` (the lock, the cache folder, a staging or old-site folder: every name starts
    `.site.kbgen`) that `path` is or is inside, or None; a file written there would stop the next build."""
    target = path.resolve()
    for site in (site_dir.absolute(), site_dir.resolve()):  # a linked output keeps its entries beside its target
        parent = site.parent.resolve()
        if target.is_relative_to(parent) and target != parent:
            first = target.relative_to(parent).parts[0]
            if first.startswith(f".{site.name}.kbgen"):
                return parent / first
    return None


def staging_dir_for(site_dir: Path) -> Path:
    """A sibling of the output, so the final rename never crosses file systems."""
    return site_dir.parent / f".{site_dir.name}{STAGING_MARK}{os.getpid()}"


def check_placement(content_root: Path, site_dir: Path, config_dir: Path | None = None) -> None:
    """An output equal to, inside or around the sources would publish them or delete them with the old site."""
    _refuse_overlap(site_dir, "the content root", content_root, inside_ok=False)
    if config_dir is not None:
        _refuse_overlap(site_dir, "the folder of the configuration file", config_dir, inside_ok=True)
    if ".git" in site_dir.resolve().parts:
        raise OutputError(f"output folder '{site_dir}' is inside a '.git' folder; choose an output folder outside it")


def check_theme_placement(site_dir: Path, theme_dirs: Sequence[Path]) -> None:
    """The theme is read while the site is written: an output overlapping it would delete or publish it."""
    for theme in theme_dirs:
        _refuse_overlap(site_dir, "the theme folder", theme, inside_ok=False)


def _refuse_overlap(site_dir: Path, role: str, folder: Path, inside_ok: bool) -> None:
    protected, site = folder.resolve(), site_dir.resolve()
    if site == protected:
        relation = "is the same folder as"
    elif protected in site.parents and not inside_ok:
        relation = "is inside"
    elif site in protected.parents:
        relation = "contains"
    else:
        return
    raise OutputError(f"output folder '{site_dir}' {relation} {role} '{folder}'; choose an output folder outside it")


@dataclass(frozen=True)
class HeldLock:
    path: Path
    waited: bool  # another build held it first: the output may have changed since it was last looked at


@contextlib.contextmanager
def build_lock(site_dir: Path, wait_seconds: float = 0.0) -> Iterator[HeldLock]:
    """Hold the output's lock for one build; a second build waits up to wait_seconds, then fails naming the holder."""
    lock = lock_path_for(site_dir)
    lock.parent.mkdir(parents=True, exist_ok=True)
    fd = _open_lock(lock)
    try:
        deadline = time.monotonic() + wait_seconds
        waited = False
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() >= deadline:
                    holder = os.pread(fd, 64, 0).decode("ascii", "replace").strip() or "unknown"
                    raise OutputError(f"another build holds {lock} (pid {holder}); wait for it to finish") from None
                waited = True
                time.sleep(0.1)
        if not _LOCK_TEXT.fullmatch(os.pread(fd, 64, 0)):
            raise OutputError(f"{lock} is not a kbgen lock file (it holds other text); kbgen left it alone: move it")
        os.ftruncate(fd, 0)
        os.pwrite(fd, f"{os.getpid()}\n".encode("ascii"), 0)
        yield HeldLock(lock, waited)
    finally:
        os.close(fd)  # closing drops the flock; the file stays so a waiting build never locks a deleted inode


_LOCK_TEXT = re.compile(rb"[0-9]{0,20}\n?")


def _open_lock(lock: Path) -> int:
    """Open the lock without following a link, and only if it is a plain file of its own: kbgen truncates it."""
    try:
        fd = os.open(lock, os.O_RDWR | os.O_CREAT | os.O_NOFOLLOW | os.O_CLOEXEC, 0o644)
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            raise OutputError(f"{lock} is a symbolic link; kbgen never writes through one: remove the link") from None
        raise OutputError(f"cannot open the build lock {lock}: {exc.strerror or exc}") from None
    info = os.fstat(fd)
    if not stat.S_ISREG(info.st_mode) or info.st_nlink != 1:
        os.close(fd)
        what = "a hard link to another file" if stat.S_ISREG(info.st_mode) else "not a regular file"
        raise OutputError(f"{lock} is {what}; kbgen left it alone: remove it")
    return fd


def recover(site_dir: Path) -> None:
    """Under the lock: finish or undo whatever a killed build left beside the output (folders kbgen made, only)."""
    prefix = f".{site_dir.name}"
    for entry in sorted(site_dir.parent.glob(f"{prefix}{OLD_MARK}*")):
        if entry.is_symlink() or not entry.is_dir():
            continue  # kbgen only ever renames a folder to this name; anything else is not its to move
        if is_held(entry):
            continue  # the last build's detached process is deleting it now: waiting on it gains nothing
        if not site_dir.exists():
            entry.rename(site_dir)  # killed between the two renames of a swap: the old site comes back
            continue
        _carry_host_entries(entry, site_dir)
        shutil.rmtree(entry, ignore_errors=True)
    for entry in sorted(site_dir.parent.glob(f"{prefix}{STAGING_MARK}*")):
        if entry.is_symlink():
            entry.unlink()  # a link holds no data, and a build must never write through one
        elif entry.is_dir():
            shutil.rmtree(entry, ignore_errors=True)


def make_staging(site_dir: Path) -> Path:
    """A new, empty folder of kbgen's own; whatever already has its name is refused rather than written into."""
    staging = staging_dir_for(site_dir)
    try:
        staging.mkdir()
    except FileExistsError:
        raise OutputError(f"{staging} already exists and is not kbgen's staging folder: remove it") from None
    return staging


def swap_in(
    staging: Path, site_dir: Path, label: str | None = None, keep_old: bool = False, checked: Checked | None = None
) -> Path | None:
    """Two same-directory renames; host entries then move from the old site into the new one.

    The old site is checked again just before it is renamed away, so a file dropped into it during the
    build is refused rather than deleted (`checked`: what the check before the build read, which stands if no
    folder of the site changed since). With `keep_old`, the old site is left beside the new one and returned,
    for the caller to remove once the lock is released (`remove_detached`); else it is removed here.
    """
    old = site_dir.parent / f".{site_dir.name}{OLD_MARK}{os.getpid()}"
    for number in range(1, 100):
        if not os.path.lexists(old):
            break
        old = old.with_name(f".{site_dir.name}{OLD_MARK}{os.getpid()}-{number}")  # a detached removal's, still going
    try:
        check_replaceable(site_dir, label or f"'{site_dir}'", checked)
    except NotKbgenOutput as exc:
        raise OutputError(str(exc)) from None
    if site_dir.exists():
        site_dir.rename(old)
    staging.rename(site_dir)
    if not old.exists():
        return None
    _carry_host_entries(old, site_dir)
    if keep_old:
        return old
    shutil.rmtree(old, ignore_errors=True)
    return None


def remove_detached(old: Path | None, then: Callable[[], None] | None = None) -> None:
    """Remove a replaced site (`old`) without keeping the command waiting: tens of thousands of files take seconds.
    `then`, if given, runs in the same process first (kbgen.publishing.links_ahead makes the next build's links).

    A detached process (forked twice, its own session, no open file of this one's) does the work after this
    process returns, holding `old`'s lock (folder_locks). Only from a single-threaded process on a system with
    fork; otherwise `old` is removed here and now, and `then` is skipped (it only saves the next build time).
    Should the process be killed first, the next build's `recover` finishes the removal under the build lock.
    """
    if not hasattr(os, "fork") or threading.active_count() > 1:
        _remove(old)
        return
    try:
        child = os.fork()
    except OSError:
        _remove(old)
        return
    if child:
        os.waitpid(child, 0)
        return
    try:  # the first child: the grandchild is adopted by init, so no one has to wait for it
        if os.fork() == 0:
            os.setsid()
            quiet = os.open(os.devnull, os.O_RDWR)
            for fd in (0, 1, 2):
                os.dup2(quiet, fd)  # a caller reading this process' output gets its end of file now, not later
            os.closerange(3, _MAX_FD)
            with held(old) if old is not None else contextlib.nullcontext():
                if then is not None:
                    with contextlib.suppress(Exception):
                        then()
                _remove(old)
    finally:
        os._exit(0)


def _remove(folder: Path | None) -> None:
    if folder is not None:
        shutil.rmtree(folder, ignore_errors=True)


def _carry_host_entries(old: Path, new: Path) -> None:
    for entry in sorted(old.iterdir()):
        if is_host_entry(entry.name) and not os.path.lexists(new / entry.name):
            entry.rename(new / entry.name)
