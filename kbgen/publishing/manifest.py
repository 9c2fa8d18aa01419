"""Writes and verifies `kbgen-manifest.txt`: the sha256 of every file kbgen built, in `sha256sum` format.

A deploy step can check the uploaded tree with `kbgen verify DIR` or, from inside DIR, with
`sha256sum -c kbgen-manifest.txt`. Files the host owns (see `is_host_entry`) are neither listed nor checked.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Callable, Mapping
from pathlib import Path, PurePosixPath

from kbgen.loading.path_safety import special_file

MANIFEST_NAME = "kbgen-manifest.txt"
# Written into the published folder for the host: `CNAME` by GitHub Pages and similar hosts, `_headers` (response
# headers such as Cache-Control, README "Cache headers") by the team for Netlify and Cloudflare Pages.
HOST_FILES = frozenset({"CNAME", "_headers"})


def is_host_entry(name: str) -> bool:
    """Top-level entries the host owns (`.git/`, `.nojekyll`, `CNAME`, `_headers`): kept across builds, never listed."""
    return name.startswith(".") or name in HOST_FILES


def file_sha256(path: Path | str) -> str:
    with open(path, "rb") as handle:  # noqa: PTH123 - a name as built_names gives it, no Path object per file
        return hashlib.file_digest(handle, "sha256").hexdigest()


def built_names(root: Path, top: Callable[[str], bool] | None = None) -> list[str]:
    """Every file below root except the manifest and host entries (symlinks included, to flag), as relative POSIX
    names sorted part by part, as PurePosixPath sorts (`a/b` before `a-c`); with `top`, only below the top-level
    entries it accepts. Strings and os.scandir: a site of 10,000 articles holds 20,000 files or more, listed on
    every build."""
    found: list[str] = []
    stack = [("", str(root))]
    while stack:
        prefix, folder = stack.pop()
        try:
            with os.scandir(folder) as entries:
                listed = list(entries)
        except OSError:
            continue  # as os.walk did: a folder that cannot be listed is skipped
        for entry in listed:
            folder_entry = entry.is_dir(follow_symlinks=False)  # a link to a folder is listed, never followed
            if not prefix and (is_host_entry(entry.name) or (entry.name == MANIFEST_NAME and not folder_entry)):
                continue
            if not prefix and top is not None and not top(entry.name):
                continue
            if folder_entry:
                stack.append((f"{prefix}{entry.name}/", entry.path))
            else:
                found.append(prefix + entry.name)
    return sorted(found, key=lambda name: name.split("/"))


def built_files(root: Path) -> list[PurePosixPath]:
    """`built_names` as paths."""
    return [PurePosixPath(name) for name in built_names(root)]


def manifest_text(root: Path, known: Mapping[str, str] | None = None) -> str:
    """`known`: digests of files the caller knows unchanged since they were listed (pages a rebuild reused)."""
    return manifest_listing(built_digests(root, known))


def built_digests(
    root: Path, known: Mapping[str, str] | None = None, top: Callable[[str], bool] | None = None
) -> dict[str, str]:
    """Each of `built_names(root, top)` with its sha256, from `known` when it is there, else read."""
    known = known or {}
    base = str(root)
    return {name: known[name] if name in known else file_sha256(f"{base}/{name}") for name in built_names(root, top)}


def manifest_listing(digests: Mapping[str, str]) -> str:
    """The manifest's text for `digests` (relative name -> sha256), sorted as `built_names` sorts."""
    return "".join(f"{digests[name]}  {name}\n" for name in sorted(digests, key=lambda name: name.split("/")))


def write_manifest(root: Path, digests: Mapping[str, str]) -> Path:
    """The manifest of the site in `root` from `digests`, every file built there by name (built_digests)."""
    target = root / MANIFEST_NAME
    target.write_text(manifest_listing(digests), encoding="utf-8", newline="\n")
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
        elif kind := special_file(path.lstat().st_mode):  # opening a named pipe would wait for ever
            problems.append(f"{name}: not a regular file ({kind})")
        elif file_sha256(path) != digest:
            problems.append(f"{name}: contents differ from the manifest")
    problems.extend(f"{name}: not in the manifest" for name in sorted(set(present) - set(listed)))
    return problems
