"""Plain helpers shared by the hardening tests (their fixtures live in tests/hardening/conftest.py)."""

from __future__ import annotations

import contextlib
import os
import resource
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from kbgen.publishing import ownership
from tests.support.project import REPO, Site

Snapshot = dict[str, bytes]


def snapshot_tree(root: Path) -> Snapshot:
    """Every file under root (links as their target text) by relative path: 'intact' means equal snapshots."""
    found: Snapshot = {}
    for path in sorted(root.rglob("*")):
        rel = path.relative_to(root).as_posix()
        if path.is_symlink():
            found[rel] = b"-> " + str(path.readlink()).encode()
        elif path.is_file():
            found[rel] = path.read_bytes()
    return found


def leftovers(site: Site) -> list[str]:
    """Staging or old-site folders kbgen left beside the output."""
    return sorted(p.name for p in site.root.iterdir() if ".kbgen-tmp-" in p.name or ".kbgen-old-" in p.name)


def everything(root: Path) -> bytes:
    """All bytes of all files under root, for grepping the output."""
    return b"\n".join(p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file() and not p.is_symlink())


_RECORDERS: list[list[tuple[str, tuple[object, ...]]]] = []
_WATCHED_EVENTS = frozenset({"open", "os.rename", "os.replace", "os.scandir", "os.listdir", "os.mkdir", "os.symlink"})


def _audit_hook(event: str, args: tuple[object, ...]) -> None:
    if _RECORDERS and event in _WATCHED_EVENTS:
        _RECORDERS[-1].append((event, args))


_installed: list[bool] = []


@contextlib.contextmanager
def audited() -> Iterator[list[tuple[str, tuple[object, ...]]]]:
    """Record file-system audit events (PEP 578) while the block runs; the hook is installed once per process."""
    if not _installed:
        sys.addaudithook(_audit_hook)
        _installed.append(True)
    events: list[tuple[str, tuple[object, ...]]] = []
    _RECORDERS.append(events)
    try:
        yield events
    finally:
        _RECORDERS.remove(events)


def kbgen_env(**overrides: str) -> dict[str, str]:
    """Environment for a kbgen subprocess that imports this checkout (not whichever kbgen pip installed)."""
    env = {key: value for key, value in os.environ.items() if key not in ("KBGEN_TODAY", "SOURCE_DATE_EPOCH")}
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(REPO), env.get("PYTHONPATH", "")]))
    env.update(overrides)
    return env


def kbgen_process(
    site: Site, *args: str, file_limit: int | None = None, timeout: int = 60
) -> subprocess.CompletedProcess[str]:
    """kbgen in a process of its own: a run that blocks fails the test instead of hanging the suite, and (with
    `file_limit`) no file can grow past that many bytes, as on a full disk."""

    def limit() -> None:
        if file_limit is not None:
            resource.setrlimit(resource.RLIMIT_FSIZE, (file_limit, file_limit))

    return subprocess.run(
        [sys.executable, "-m", "kbgen", *args],
        cwd=site.root,
        env=kbgen_env(),
        capture_output=True,
        text=True,
        timeout=timeout,
        preexec_fn=limit,
    )


def record_full_listings(monkeypatch: pytest.MonkeyPatch) -> list[Path]:
    """The folders the output-folder check (kbgen.publishing.ownership) lists whole from now on, one per walk."""
    listed: list[Path] = []
    original = ownership._entries

    def counting(root: Path, *args: object) -> list[str]:
        listed.append(root)
        return original(root, *args)  # type: ignore[arg-type]

    monkeypatch.setattr(ownership, "_entries", counting)
    return listed
