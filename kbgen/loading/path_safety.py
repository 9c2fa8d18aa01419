"""Judges content paths that are unsafe to publish: names other systems cannot hold, symbolic links and special files.

A help center is edited on Windows and macOS as often as on Linux, and a name Windows cannot create breaks
every writer's checkout there. Symbolic links are never published: one pointing out of the content root could
publish `/etc/passwd`, a dangling one or a loop would crash a naive walk.
"""

from __future__ import annotations

import os
import re
import stat
from pathlib import Path, PurePosixPath

from kbgen.model import Finding
from kbgen.rules import rule
from kbgen.safe_text import BIDI_CONTROLS, one_line

MAX_NAME_BYTES = 255  # NTFS, APFS and ext4 all stop at 255 (UTF-16 units or bytes) per path component
_WINDOWS_RESERVED = frozenset(
    {"con", "prn", "aux", "nul", *(f"com{i}" for i in range(1, 10)), *(f"lpt{i}" for i in range(1, 10))}
)
_FORBIDDEN_CHARACTERS = re.compile(r'[<>:"\\|?*\x00-\x1f]')
_BIDI = re.compile(f"[{BIDI_CONTROLS}]")


def name_problem(name: str) -> str | None:
    """Why one path component is not portable, or None; the reason is written for the person renaming it."""
    if len(name.encode("utf-8", errors="surrogateescape")) > MAX_NAME_BYTES:
        return f"is {len(name.encode('utf-8', errors='surrogateescape'))} bytes long (limit {MAX_NAME_BYTES})"
    match = _FORBIDDEN_CHARACTERS.search(name)
    if match:
        return f"contains {match.group()!r}, which Windows does not allow in names"
    if name.endswith((".", " ")):
        return "ends with a dot or a space, which Windows drops silently"
    if name.split(".", 1)[0].lower() in _WINDOWS_RESERVED:
        return f"uses the reserved Windows device name '{name.split('.', 1)[0]}'"
    return None


def portability_findings(rel: PurePosixPath, display: str) -> list[Finding]:
    """At most one finding per file: the first component that reads as another name (a bidirectional control:
    `invoice\u202egpj.md` shows as `invoicedm.jpg` in a review, a listing or its page's address), else the first
    that would not survive a Windows checkout."""
    for part in rel.parts:
        control = _BIDI.search(part)
        if control:
            message = (
                f"name holds the invisible control character U+{ord(control.group()):04X}, which makes it read as "
                f"another name; rename '{one_line(part)}' without it"
            )
            return [rule("deceptive-name").finding(display, 1, 1, message)]
    for part in rel.parts:
        problem = name_problem(part)
        if problem:
            message = f"name is not portable (Windows): '{part}' {problem}; rename it"
            return [rule("non-portable-name").finding(display, 1, 1, message)]
    return []


_URL_BREAKERS = "#%"


def url_findings(rel: PurePosixPath, display: str) -> list[Finding]:
    """A page whose file or folder name holds '#' or '%': kbgen's listings, related links and search results use
    the path as the address, where '#' starts a fragment and '%' an escape, so every link to it would break."""
    for part in rel.parts[1:]:
        problem = url_problem(part)
        if problem:
            return [rule("url-unsafe-name").finding(display, 1, 1, f"'{part}' {problem}; rename it")]
    return []


def url_problem(name: str) -> str | None:
    """Why a page's file or folder name cannot be part of its address as it is, or None."""
    found = next((char for char in _URL_BREAKERS if char in name), None)
    return None if found is None else f"contains '{found}', which cannot be part of a page's address as it is"


def special_file(mode: int) -> str | None:
    """What a directory entry is when it is neither a file nor a folder nor a link (None otherwise): opening a
    named pipe waits for a writer for ever, and a device or socket holds nothing to publish."""
    if stat.S_ISFIFO(mode):
        return "a named pipe"
    if stat.S_ISSOCK(mode):
        return "a socket"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    return None


def special_file_finding(kind: str, display: str) -> Finding:
    message = f"not a regular file ({kind}); nothing is read from it or published, so remove it from the folder"
    return rule("stray-file").finding(display, 1, 1, message)


def symlink_finding(path: Path, content_root: Path, display: str) -> Finding:
    """A link is never followed: say where it points so the writer can replace it with the real file."""
    try:
        target = str(path.readlink())
    except OSError as exc:
        return rule("dangling-symlink").finding(display, 1, 1, f"cannot read symbolic link: {exc.strerror or exc}")
    resolved = Path(os.path.realpath(path))
    root = Path(os.path.realpath(content_root))
    if resolved != root and root not in resolved.parents:
        message = f"symlink points outside the content root (-> {target}); nothing from there is published"
        return rule("symlink").finding(display, 1, 1, message)
    folder = Path(os.path.realpath(path.parent))
    if resolved == folder or resolved in folder.parents:
        message = f"symlink loops back to a folder that contains it (-> {target}); delete it"
        return rule("dangling-symlink").finding(display, 1, 1, message)
    if not path.exists():
        message = f"symlink target does not exist or is a loop (-> {target}); delete the link or restore the file"
        return rule("dangling-symlink").finding(display, 1, 1, message)
    message = f"symbolic links are not published (-> {target}); replace the link with a copy of the file"
    return rule("symlink").finding(display, 1, 1, message)
