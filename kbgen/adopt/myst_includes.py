"""Expands MyST's `{include}` and `{literalinclude}` directives into the text of the files they name.

    ```{include} snippets/intro.md        the file's text in place of the directive (its own directives and
    :start-after: <!-- start -->             roles then converted as the page's are), framed by `included from`
    ```                                      comments as DocFX includes are (kbgen.adopt.include_text)
    ```{literalinclude} ../examples/x.py   a fence of the file's text, in the `:language:` (else the extension's)
    :lines: 2-4                              language, `:caption:` its title
    ```

Sphinx resolves a path from the page's folder, or from the tree's top when it starts with `/`. As for every include
kbgen expands (kbgen.adopt.include_files), only a regular file inside the adopted folder is read, no symbolic link on
the way, at most 1 MiB each, and what one page's includes add is bounded; an include inside an included file is
expanded from that file's folder, up to MAX_DEPTH deep, a cycle refused. `:start-line:`/`:end-line:` (counted from 0,
as docutils counts them), `:start-after:`/`:end-before:` and a literal include's `:lines:` (`1,3-5,8-`) cut the text.
One that cannot be expanded stays as written and is noted with its line. `origins` gives each line of the result the
page's line it came from, so the notes later steps make still name the line the writer wrote.
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from kbgen.adopt import code_fences
from kbgen.adopt.include_files import line_number, read_tree_lines
from kbgen.adopt.include_text import marker
from kbgen.adopt.mapping import Left
from kbgen.adopt.myst_directives import Fences, directive_at, directive_name, fence_end

MAX_DEPTH = 8
MAX_GROWTH = 4 * 1024 * 1024  # characters one page's includes may add, as for DocFX includes
_TEXT = (".md", ".markdown", ".txt")
_LANGUAGES = {".py": "python", ".js": "javascript", ".ts": "typescript", ".yml": "yaml", ".sh": "bash", ".rs": "rust"}
_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:|^//")
_TOO_MUCH = f"the page's includes would add more than {MAX_GROWTH // 2**20} MiB"
_FRONT = re.compile(r"\A---[ \t]*\n(?:.*?\n)?---[ \t]*(?:\n|\Z)", re.S)


@dataclass(slots=True)
class Expanded:
    text: str = ""
    origins: list[int] = field(default_factory=list)  # the page's line each line of `text` came from
    expanded: int = 0
    left: list[Left] = field(default_factory=list)
    used: set[PurePosixPath] = field(default_factory=set)


def uses_includes(text: str) -> bool:
    return "include}" in text


def expand_includes(text: str, root: Path, rel: PurePosixPath, first_line: int = 1) -> Expanded:
    """`text` (the body of the page at `rel` in the tree at `root`, its first line file line `first_line`) with its
    `{include}` and `{literalinclude}` directives replaced by the files' text."""
    result = Expanded()
    lines = text.split("\n")
    out, origins = _expand(lines, root, (rel,), [first_line + n for n in range(len(lines))], result, [0])
    result.text, result.origins = "\n".join(out), origins
    return result


def included_pages(root: Path, files: Iterable[PurePosixPath]) -> set[PurePosixPath]:
    """The Markdown files of the tree that an `{include}` of another of its pages names: Sphinx sites keep them
    out of the toctrees (often in `exclude_patterns`), so they are parts of pages, not pages. Only one whose text
    reaches a page: read by an include (one it cannot read, not UTF-8 or a link, is adopted as a page, its problem
    named) from a page no include names, or from a part of one; files that only include one another in a ring
    are pages, or their text would be in none."""
    includes: dict[PurePosixPath, set[PurePosixPath]] = {}
    for rel in files:
        if rel.suffix.lower() != ".md":
            continue
        data = read_tree_lines(root, rel)
        if isinstance(data, list):
            named = _included_files(data, rel) if any("include}" in line for line in data) else set()
            includes[rel] = {target for target in named if target.suffix.lower() == ".md"}
    readable = {target for named in includes.values() for target in named if target in includes}
    reached: set[PurePosixPath] = set()
    waiting = [rel for rel in includes if rel not in readable]
    while waiting:
        for target in includes[waiting.pop()] & readable - reached:
            reached.add(target)
            waiting.append(target)
    return reached


def _included_files(lines: list[str], rel: PurePosixPath) -> set[PurePosixPath]:
    """The files `{include}` directives of the page at `rel` name (found or not), from the tree's top."""
    found: set[PurePosixPath] = set()
    fences = Fences(lines)
    number = 0
    while number < len(lines):
        directive = directive_at(fences, number) if directive_name(lines[number]) == "include" else None
        if directive is not None:
            target = _target(directive[0].arg, rel)
            if isinstance(target, PurePosixPath):
                found.add(target)
        number = directive[1] + 1 if directive is not None else number + 1  # an include's lines are its options
    return found


def _expand(
    lines: list[str],
    root: Path,
    chain: tuple[PurePosixPath, ...],
    where: list[int],
    result: Expanded,
    growth: list[int],
) -> tuple[list[str], list[int]]:
    out: list[str] = []
    origins: list[int] = []
    fences = Fences(lines)
    number = 0
    while number < len(lines):
        line = lines[number]
        name = directive_name(line) if "include}" in line else None
        found = directive_at(fences, number) if name in ("include", "literalinclude") else None
        if found is None:
            end = fence_end(fences, number) if name is None else number  # a code block is never read
            out.extend(lines[number : end + 1])
            origins.extend(where[number : end + 1])
            number = end + 1
            continue
        block, end, indent = found
        written = _included(block.name, block.arg, block.options, root, chain, result, growth, where[number])
        if isinstance(written, str):
            why = f"MyST {{{block.name}}} {block.arg} not expanded: {written}"
            result.left.append(Left(where[number], why))
            out.extend(lines[number : end + 1])
            origins.extend(where[number : end + 1])
        else:
            result.expanded += 1
            shown = [f"{indent}{item}" if item.strip() else "" for item in written]
            out.extend(shown)
            origins.extend([where[number]] * len(shown))
        number = end + 1
    return out, origins


def _included(
    name: str,
    arg: str,
    options: dict[str, str],
    root: Path,
    chain: tuple[PurePosixPath, ...],
    result: Expanded,
    growth: list[int],
    line: int,
) -> list[str] | str:
    """The lines that replace one directive (on the page's `line`), or why it cannot be expanded."""
    target = _target(arg, chain[-1])
    if isinstance(target, str):
        return target
    if target in chain:
        return f"a cycle ({' → '.join(rel.as_posix() for rel in (*chain[chain.index(target) :], target))})"
    if len(chain) > MAX_DEPTH:
        return f"more than {MAX_DEPTH} includes inside one another"
    text = read_tree_lines(root, target)
    if not isinstance(text, list):
        return text
    literal = name == "literalinclude" or "literal" in options or "code" in options
    if not literal and target.suffix.lower() not in _TEXT:
        return f"'{target.suffix}' is not Markdown text; include it with {{literalinclude}}"
    if not literal and text[:1] == ["---"]:
        text = _FRONT.sub("", "\n".join(text) + "\n").split("\n")[:-1]
    cut = _cut(text, options, name == "literalinclude", MAX_GROWTH - growth[0])
    if isinstance(cut, str):
        return cut
    growth[0] += sum(len(line) + 1 for line in cut)
    if growth[0] > MAX_GROWTH:
        return _TOO_MUCH
    if literal:
        return _fence(cut, target, options)
    inner, _ = _expand(cut, root, (*chain, target), [line] * len(cut), result, growth)
    result.used.add(target)
    name_shown = target.as_posix()
    return [marker(name_shown), *inner, marker(name_shown, end=True)]


def _target(written: str, including: PurePosixPath) -> PurePosixPath | str:
    """The file a directive names, from the tree's top, or what is wrong with the path."""
    path = written.strip()
    if not path:
        return "it names no file"
    if _SCHEME.match(path):
        return "a URL; kbgen expands only files of the adopted folder"
    joined = path.lstrip("/") if path.startswith("/") else posixpath.join(including.parent.as_posix(), path)
    normal = posixpath.normpath(joined)
    if normal == ".." or normal.startswith("../") or "\\" in path or "\0" in path:
        return "the file is outside the adopted folder; paste its text here"
    return PurePosixPath(normal)


def _signed_line(written: str) -> int:
    """A `:start-line:` or `:end-line:` (whole, maybe negative: from the end, as a Python slice), however long."""
    return -line_number(written[1:]) if written.startswith("-") else line_number(written)


def _cut(lines: list[str], options: dict[str, str], literal: bool, room: int) -> list[str] | str:
    """The lines the options keep: `:start-line:`/`:end-line:` (docutils' slice), `:lines:`, then the text after
    `:start-after:` and before `:end-before:`; `room` is how many characters the page's includes may still add."""
    start_line, end_line = options.get("start-line") or "0", options.get("end-line") or ""
    if not re.fullmatch(r"-?[0-9]+", start_line) or (end_line and not re.fullmatch(r"-?[0-9]+", end_line)):
        return ":start-line: and :end-line: must be whole numbers"
    start = _signed_line(start_line)
    end = _signed_line(end_line) if end_line else None
    lines = lines[start:end]
    if literal and options.get("lines"):
        picked = _pick(lines, options["lines"], room)
        if isinstance(picked, str):
            return picked
        lines = picked
    text = "\n".join(lines)
    after, before = options.get("start-after", ""), options.get("end-before", "")
    if after:
        if after not in text:
            return f":start-after: text '{after}' is not in the file"
        text = text.split(after, 1)[1]
        text = text[1:] if text.startswith("\n") else text
    if before:
        if before not in text:
            return f":end-before: text '{before}' is not in the file"
        text = text.split(before, 1)[0]
    return text.strip("\n").split("\n") if text.strip() else []


def _pick(lines: list[str], spec: str, room: int) -> list[str] | str:
    """The lines `:lines:` names, in its order; or why not. A range named again is copied again, so the copies are
    counted against `room` as they are made: `1-,1-,…` of a large file would otherwise fill the memory."""
    picked: list[str] = []
    for part in spec.replace(" ", "").split(","):
        match = re.fullmatch(r"([0-9]+)(?:(-)([0-9]*))?", part)
        if match is None:
            return f":lines: {spec} is not a list of lines such as 1,3-5,8-"
        first = line_number(match[1])
        last = (line_number(match[3]) if match[3] else len(lines)) if match[2] else first
        more = lines[max(first, 1) - 1 : last]
        room -= sum(len(line) + 1 for line in more)
        if room < 0:
            return _TOO_MUCH
        picked.extend(more)
    return picked


def _fence(lines: Iterable[str], target: PurePosixPath, options: dict[str, str]) -> list[str]:
    body = list(lines)
    suffix = target.suffix.lower()
    named = _LANGUAGES.get(suffix, code_fences.language(suffix.lstrip("."))) if suffix else "text"
    language = code_fences.language(options.get("language") or options.get("code") or named, named)
    title = options.get("caption", "")
    head = f'{language} title="{title.replace(chr(34), "&quot;")}"' if title else language
    ticks = code_fences.ticks(body)
    return [f"{ticks}{head}", *body, ticks]
