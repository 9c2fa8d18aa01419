"""Finds and reads the file an include directive names, only inside the tree adopt was asked to read.

A directive's path was written by whoever wrote the docs, and the text it names is published. So adopt
follows it only to a regular `.md` file below the source folder: no URL, absolute or DocFX `~/` root path, no
`..` above the folder, no symbolic link anywhere on the way (adopt publishes none), and no more than
MAX_BYTES read. Each file is read once, however many pages include it.
"""

from __future__ import annotations

import errno
import os
import re
import stat
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from urllib.parse import unquote

from kbgen.adopt.source_file import split_source
from kbgen.adopt.tree_paths import TreePaths, Unmapped
from kbgen.model import Finding

MAX_BYTES = 1024 * 1024  # the largest include in the d365 corpus is 1.1 KiB
_PAST_ANY_FILE = 10**9  # a line number past the end of any file adopt reads (MAX_BYTES has fewer lines)
_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:")
_OPEN_FLAGS = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0)


@dataclass(frozen=True, slots=True)
class Fragment:
    """An included file's body (front matter removed, newlines `\\n`) and the file line it starts on."""

    body: str  # paths that climbed out of the tree and back in already written from inside it
    body_line: int
    titled: bool  # its front matter names a title: a page in its own right as well
    climbing: int = 0  # paths out of the tree and back in, written from inside it
    case: int = 0  # paths to a file in another letter case, spelt as the file is
    unmapped: tuple[Unmapped, ...] = ()  # climbing paths that could not be


def resolve(written: str, including: PurePosixPath) -> PurePosixPath | str:
    """The file `written` names, relative to the source folder, from the file `including`; or what is wrong."""
    path = written.strip()
    if path.startswith("<") and path.endswith(">"):
        path = path[1:-1].strip()
    if not path:
        return "names no file"
    if _SCHEME.match(path) or path.startswith("//"):
        return "a URL; adopt expands only files in the adopted folder"
    if path.startswith("~"):
        return "'~/' is the DocFX project root, which adopt does not know; expand it by hand"
    if path.startswith(("/", "\\")):
        return "an absolute path; write it relative to this file"
    path = unquote(path)
    if "\\" in path or "\0" in path:
        return "a path with '\\'; write it with '/'"
    if "#" in path or "?" in path:
        return "names a part of a file; adopt includes whole files"
    parts: list[str] = []
    for part in [*including.parent.parts, *path.split("/")]:
        if part == "..":
            if not parts:
                return "it points outside the adopted folder"
            parts.pop()
        elif part not in ("", "."):
            parts.append(part)
    if not parts or not parts[-1].lower().endswith(".md"):
        return "not a Markdown (.md) file"
    return PurePosixPath(*parts)


Prepare = Callable[[str, PurePosixPath, int], str]  # an included file's body (its path, its first line) converted


class Fragments:
    """The included files of one source folder, each read once; `prepare` converts an included file's text as the
    pages' own is converted before their includes are expanded (Hugo's shortcodes, a GitBook tree's hints)."""

    def __init__(self, root: Path, paths: TreePaths | None = None, prepare: Prepare | None = None) -> None:
        self.root = root
        self.paths = paths
        self.prepare = prepare
        self._read: dict[PurePosixPath, Fragment | str] = {}

    def rewritten(self, rel: PurePosixPath) -> tuple[int, int, tuple[Unmapped, ...]]:
        """How many climbing and miscased paths of an included file were rewritten, and those that could not be."""
        fragment = self._read.get(rel)
        return (fragment.climbing, fragment.case, fragment.unmapped) if isinstance(fragment, Fragment) else (0, 0, ())

    def read(self, rel: PurePosixPath) -> Fragment | str:
        """The file's fragment, or what is wrong with it."""
        if rel not in self._read:
            self._read[rel] = self._load(rel)
        return self._read[rel]

    def _load(self, rel: PurePosixPath) -> Fragment | str:
        path = self.root / rel
        try:
            link = link_on_the_way(self.root, rel)
            if link is not None:
                return f"{link} is a symbolic link; adopt follows none (copy the file into the folder)"
            data = read_regular(path)
        except FileNotFoundError:
            return f"no such file ({rel})"
        except OSError as exc:
            return f"cannot read {rel}: {exc.strerror or exc}"
        if isinstance(data, str):
            return f"{rel} is {data}"
        source = split_source(data, rel.as_posix())
        if isinstance(source, Finding):
            return f"{rel} is not UTF-8 text ({source.message})"
        body = source.text_body
        if self.prepare is not None:
            body = self.prepare(body, rel, source.body_line)
        if self.paths is None:
            return Fragment(body, source.body_line, "title" in source.fields)
        paths = self.paths.rewrite(body, rel, source.body_line)
        titled = "title" in source.fields
        return Fragment(paths.text, source.body_line, titled, paths.climbing, paths.case, tuple(paths.unmapped))


def hidden_part(rel: PurePosixPath) -> PurePosixPath | None:
    """The first file or folder of `rel` whose name starts with '.', or None: kbgen publishes no dot-file, and a
    MyST or VitePress include or code import of `.env` or `.git/config` would publish its text (a token in a
    remote's URL). (GitBook's and DocFX's includes read only Markdown, GitBook's own from `.gitbook/includes/`.)"""
    where = PurePosixPath()
    for part in rel.parts:
        where /= part
        if part.startswith(".") and part not in (".", ".."):
            return where
    return None


def link_on_the_way(root: Path, rel: PurePosixPath) -> PurePosixPath | None:
    """The first part of `rel` below `root` that is a symbolic link (each asked without following it, so a link
    loop is an answer, never an exception), or None. A name the system cannot hold raises OSError as open does."""
    if "\0" in rel.as_posix():  # os.lstat would raise ValueError, which no caller expects of a name it was given
        raise OSError(errno.EINVAL, "a file name cannot hold a NUL character", rel.as_posix())
    path, where = root, PurePosixPath()
    for part in rel.parts:
        path, where = path / part, where / part
        if path.is_symlink():
            return where
    return None


def read_regular(path: Path) -> bytes | str:
    """The bytes of a regular file of at most MAX_BYTES, else what it is (a FIFO would block, a device never
    end): opened without following a link, then judged by what was opened."""
    limit = f"adopt includes files of up to {MAX_BYTES // (1024 * 1024)} MiB"
    if "\0" in os.fspath(path):  # os.open would raise ValueError, which no caller expects of a name it was given
        raise OSError(errno.EINVAL, "a file name cannot hold a NUL character", os.fspath(path))
    fd = os.open(path, _OPEN_FLAGS)
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            return "not a regular file"
        if info.st_size > MAX_BYTES:
            return f"{info.st_size / (1024 * 1024):.1f} MiB; {limit}"
        chunks: list[bytes] = []
        size = 0
        while size <= MAX_BYTES and (chunk := os.read(fd, MAX_BYTES + 1 - size)):
            chunks.append(chunk)
            size += len(chunk)
    finally:
        os.close(fd)
    if size > MAX_BYTES:
        return f"more than 1 MiB; {limit}"
    return b"".join(chunks)


def line_number(digits: str) -> int:
    """A line number an include writes (ASCII digits), however long: Python refuses to read more than 4,300 digits
    as a number, and any number past the end of the file cuts it as the end does."""
    return int(digits) if len(digits) < 10 else _PAST_ANY_FILE


def read_lines(path: Path) -> list[str] | str:
    """The lines of a regular UTF-8 text file of bounded size (see read_regular), without a last empty one, for a
    page that includes it; else why not, in words a note can end with."""
    try:
        data = read_regular(path)
    except OSError:
        return "no such file in the adopted folder; paste its text here"
    if isinstance(data, str):
        return f"the file is {data}; paste its text here"
    try:
        # "utf-8-sig": a BOM (Windows editors write one) is no text; left in, it hid the front matter behind it
        lines = data.decode("utf-8-sig").replace("\r\n", "\n").split("\n")
    except UnicodeDecodeError:
        return "the file is not UTF-8 text"
    return lines[:-1] if lines and lines[-1] == "" else lines


def read_tree_lines(root: Path, rel: PurePosixPath) -> list[str] | str:
    """The lines of the file at `rel` in the tree at `root` (see read_lines), or why not: no folder on the way may be
    a symbolic link, asked of each without following it, so a link loop is a reason and never an exception."""
    hidden = hidden_part(rel)
    if hidden is not None:
        return f"{hidden} is hidden (its name starts with '.'), and kbgen publishes no dot-files; paste its text here"
    try:
        if link_on_the_way(root, rel) is not None:
            return "the path passes through a symbolic link; paste its text here"
    except OSError as exc:
        return f"cannot read it ({exc.strerror or exc}); paste its text here"
    return read_lines(root / rel)
