"""Writes and verifies `kbgen-manifest.txt`: the sha256 of every file kbgen built, in `sha256sum` format.

A deploy step can check the uploaded tree with `kbgen verify DIR` or, from inside DIR, with
`sha256sum -c kbgen-manifest.txt`. Files the host owns (see `is_host_entry`) are neither listed nor checked.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Mapping
from pathlib import Path, PurePosixPath

MANIFEST_NAME = "kbgen-manifest.txt"
# Written into the published folder for the host: `CNAME` by GitHub Pages and similar hosts, `_headers` (response
# headers such as Cache-Control, README "Cache headers") by the team for Netlify and Cloudflare Pages.
HOST_FILES = frozenset({"CNAME", "_headers"})


def is_host_entry(name: str) -> bool:
    """Top-level entries the host owns (`.git/`, `.nojekyll`, `CNAME`, `_headers`): kept across builds, never listed."""
    return name.startswith(".") or name in HOST_FILES


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 16), b""):
            digest.update(chunk)
    return digest.hexdigest()


def built_files(root: Path) -> list[PurePosixPath]:
    """Every file below root except the manifest and host entries, sorted by path (symlinks included, to flag)."""
    found: list[PurePosixPath] = []
    for folder, dirs, names in os.walk(root, followlinks=False):
        rel_folder = PurePosixPath(Path(folder).relative_to(root).as_posix())
        top = str(rel_folder) == "."
        linked = [d for d in dirs if Path(folder, d).is_symlink()]
        dirs[:] = sorted(d for d in dirs if not (top and is_host_entry(d)) and d not in linked)
        for name in [*names, *linked]:
            if top and (is_host_entry(name) or name == MANIFEST_NAME):
                continue
            found.append(PurePosixPath(name) if top else rel_folder / name)
    return sorted(found)


def manifest_text(root: Path, known: Mapping[str, str] | None = None) -> str:
    """`known`: digests of files the caller knows unchanged since they were listed (pages a rebuild reused)."""
    known = known or {}
    lines = []
    for rel in built_files(root):
        name = str(rel)
        lines.append(f"{known[name] if name in known else _sha256(root / rel)}  {name}\n")
    return "".join(lines)


def write_manifest(root: Path, known: Mapping[str, str] | None = None) -> Path:
    target = root / MANIFEST_NAME
    target.write_text(manifest_text(root, known), encoding="utf-8", newline="\n")
    return target


def listed_digests(root: Path) -> dict[str, str]:
    """The manifest of the site in root as a mapping of path to digest; empty when there is none to read."""
    try:
        return _parse((root / MANIFEST_NAME).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}


def _parse(text: str) -> dict[str, str]:
    listed: dict[str, str] = {}
    for line in text.splitlines():
        digest, _, name = line.partition("  ")
        listed[name] = digest
    return listed


def verify_manifest(root: Path) -> list[str]:
    """Problems, one line each (empty when the tree matches); raises FileNotFoundError without a manifest."""
    listed = _parse((root / MANIFEST_NAME).read_text(encoding="utf-8"))
    problems: list[str] = []
    present = {str(rel): rel for rel in built_files(root)}
    for name, digest in sorted(listed.items()):
        path = root / name
        if name not in present:
            problems.append(f"{name}: missing")
        elif path.is_symlink():
            problems.append(f"{name}: is a symbolic link")
        elif _sha256(path) != digest:
            problems.append(f"{name}: contents differ from the manifest")
    problems.extend(f"{name}: not in the manifest" for name in sorted(set(present) - set(listed)))
    return problems
