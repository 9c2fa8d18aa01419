"""Relative links inside the adopted tree: where one points, and the same link written from another folder.

Adopt keeps the tree's layout, so a link between two adopted files never needs rewriting. Text that moves
does: an included file's links are relative to the include's folder, and once its text sits in the including
page they must be relative to that page's folder. The targets come from `link_targets`, the scan kbgen's link
check reads, so exactly the links the check will judge are the ones rewritten.
"""

from __future__ import annotations

import re
from pathlib import PurePosixPath
from urllib.parse import unquote

from kbgen.links.extract import link_targets

_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:")


def is_relative(target: str) -> bool:
    """A path to resolve against the page's folder: not a URL, an anchor on the same page, site- or
    DocFX-root-absolute (`/x`, `~/x`)."""
    return bool(target) and not target.startswith(("#", "?", "/", "~", "\\")) and not _SCHEME.match(target)


def split_target(target: str) -> tuple[str, str]:
    """The path and what follows it (`?query`, `#fragment`)."""
    cut = min((i for i in (target.find("?"), target.find("#")) if i >= 0), default=len(target))
    return target[:cut], target[cut:]


def _parts(path: str) -> list[str]:
    """The path's segments with `.` and `..` worked out; a `..` above the top stays as a leading `..`."""
    parts: list[str] = []
    for part in path.split("/"):
        if part in ("", "."):
            continue
        if part == ".." and parts and parts[-1] != "..":
            parts.pop()
        else:
            parts.append(part)
    return parts


def _relative(parts: list[str], folder: list[str]) -> str:
    """`parts` (from the top of the tree) written relative to `folder` (also from the top)."""
    common = 0
    while common < min(len(parts), len(folder)) and parts[common] == folder[common]:
        common += 1
    return "/".join([".."] * (len(folder) - common) + parts[common:]) or "."


def _folder(path: PurePosixPath) -> list[str]:
    return _parts(path.as_posix())


def rebased(target: str, written_in: PurePosixPath, read_in: PurePosixPath) -> str | None:
    """`target`, written in folder `written_in`, rewritten to reach the same place from folder `read_in`;
    None when it is not a relative path (nothing to do)."""
    if not is_relative(target):
        return None
    path, rest = split_target(target)
    if not path:
        return None
    parts = _parts(f"{written_in.as_posix()}/{path}")
    new = _relative(parts, _folder(read_in))
    if path.endswith("/") and not new.endswith("/"):
        new += "/"
    return new + rest


def rebase_links(text: str, written_in: PurePosixPath, read_in: PurePosixPath) -> str:
    """`text` written in folder `written_in`, with every relative link and image made to work from `read_in`."""
    if _folder(written_in) == _folder(read_in):
        return text
    pieces: list[str] = []
    done = 0
    for _, target, at in link_targets(text):
        new = rebased(target, written_in, read_in)
        if new is None or new == target:
            continue
        pieces += [text[done:at], new]
        done = at + len(target)
    return "".join(pieces) + text[done:]


def linked_file(target: str, folder: PurePosixPath) -> PurePosixPath | None:
    """The file a relative link written in `folder` points at, from the top of the tree; None for a URL, an
    anchor, an absolute path or one that climbs above the tree."""
    if not is_relative(target):
        return None
    path = split_target(target)[0]
    parts = _parts(f"{folder.as_posix()}/{unquote(path)}") if path else []
    if not parts or parts[0] == "..":
        return None
    return PurePosixPath(*parts)
