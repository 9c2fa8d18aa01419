"""VitePress' Markdown extensions made what kbgen's renderer shows: code groups, `[[toc]]`, code imports, includes.

    ::: code-group                    becomes   (blank)
    ```sh [npm]                                 === "npm"
                                                    ```sh
    <<< @/snippets/config.js{2}                 the file's text in a fence (```js), its lines highlighted dropped

A code group's fences become mkdocs-material content tabs, each titled by its `[label]` (else its language), the
title written on the blank line above the fence when there is one, so the lines keep their numbers. `[[toc]]` is
Python-Markdown's `[TOC]`, on the same line. A code import (`<<< @/x.js`, `<<< ./x.js#region{1,3 js}`) is expanded as
an include is: the file, from the tree's top (`@/`) or the page's folder, read only inside the adopted folder, its
`#region name` cut out, put in a fence in the language its extension or `{… lang}` names; a Markdown include
(`<!--@include: ./parts/basics.md{3,}-->`, an HTML comment that would otherwise hide the text) alike, its text in
place of the comment. One that names no file of the folder, or one outside it, stays as written and is reported with
its line. Code blocks are never read.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from kbgen.adopt import code_fences
from kbgen.adopt.include_files import line_number, read_tree_lines
from kbgen.adopt.mapping import Left
from kbgen.adopt.mdx_prepare import fenced_lines
from kbgen.adopt.tab_titles import tab_title

_GROUP_OPEN = re.compile(r"(?P<indent>[ \t]*)(?P<fence>:{3,})[ \t]*code-group[ \t]*")
_GROUP_CLOSE = re.compile(r"[ \t]*(?P<fence>:{3,})[ \t]*")
_FENCE = re.compile(r"(?P<indent>[ \t]*)(?P<ticks>`{3,}|~{3,})(?P<info>[^\n]*)")
_LABEL = re.compile(r"[ \t]*\[(?P<label>[^\]\n]*)\][ \t]*$")
_LINE_MARKS = re.compile(r"\{[^}\n]*\}")
_TOC = re.compile(r"[ \t]*\[\[toc\]\][ \t]*", re.I)
_IMPORT = re.compile(
    r"(?P<indent>[ \t]*)<<<[ \t]+(?P<path>[^\s#{\[]+)(?:#(?P<region>[\w.-]+))?(?:\{(?P<options>[^}\n]*)\})?"
    r"(?:[ \t]*\[(?P<label>[^\]\n]*)\])?[ \t]*"
)
# `<!--@include: ./parts/basics.md-->`, with a region (`#basic-usage`) or a range of lines (`{3,}`, `{3,10}`)
_MARKDOWN_INCLUDE = re.compile(
    r"(?P<indent>[ \t]*)<!--[ \t]*@include:[ \t]*(?P<path>[^\s#{]+?)(?:#(?P<region>[\w.-]+))?"
    r"(?:\{(?P<first>[0-9]*),(?P<last>[0-9]*)\})?[ \t]*-->[ \t]*"
)
_LANGUAGES = {".mjs": "js", ".cjs": "js", ".mts": "ts", ".cts": "ts", ".yml": "yaml", ".ansi": "text", ".txt": "text"}
# what one page's imports and includes may add in all, as for DocFX includes (kbgen.adopt.includes): a page of
# 50,000 imports of a 1 MiB file would otherwise be written 50 GB long
_MOST_GROWTH = 4 * 1024 * 1024


@dataclass(slots=True)
class Converted:
    text: str = ""
    code_groups: int = 0
    tocs: int = 0
    imports: int = 0
    left: list[Left] = field(default_factory=list)


def uses_vitepress_syntax(text: str) -> bool:
    return "code-group" in text or "[[toc]]" in text.lower() or "<<<" in text or "@include:" in text


def convert_vitepress(text: str, root: Path, rel: PurePosixPath, first_line: int = 1) -> Converted:
    """`text` (the body of the page at `rel` in the tree at `root`, its first line file line `first_line`) with its
    code imports expanded, code groups made tabs and `[[toc]]` markers made `[TOC]`."""
    result = Converted()
    lines = _imported(text.split("\n"), root, rel, first_line, result)
    code, _ = fenced_lines(lines)
    for number, line in enumerate(lines):
        if not code[number] and _TOC.fullmatch(line):
            lines[number] = line.lower().replace("[[toc]]", "[TOC]")
            result.tocs += 1
    result.text = "\n".join(_grouped(lines, result))
    return result


def _imported(lines: list[str], root: Path, rel: PurePosixPath, first_line: int, result: Converted) -> list[str]:
    code, _ = fenced_lines(lines)
    out: list[str] = []
    growth = 0
    read: dict[str, list[str] | str] = {}  # each directive read once per page (50,000 of one missing file)
    for number, line in enumerate(lines):
        found = _IMPORT.fullmatch(line) if not code[number] and "<<<" in line else None
        if found is None and not code[number] and "@include:" in line:
            found = _MARKDOWN_INCLUDE.fullmatch(line)
        if found is None:
            out.append(line)
            continue
        if line not in read:
            read[line] = _expand(found, root, rel) if "<<<" in line else _included(found, root, rel)
        expanded = read[line]
        if not isinstance(expanded, str):
            growth += sum(len(part) + 1 for part in expanded)
            if growth > _MOST_GROWTH:
                expanded = f"the page's imports and includes would add more than {_MOST_GROWTH // 2**20} MiB"
        if isinstance(expanded, str):
            result.left.append(Left(first_line + number, f"{line.strip()} not expanded: {expanded}"))
            out.append(line)
            continue
        result.imports += 1
        out.extend(expanded)
    return out


def _expand(found: re.Match[str], root: Path, rel: PurePosixPath) -> list[str] | str:
    """The fence holding the imported file's text, or why it cannot be read."""
    read = _read(found, root, rel)
    if isinstance(read, str):
        return read
    target, body = read
    language = _language(found["options"] or "", target.suffix.lower())
    ticks = code_fences.ticks(body)
    label = f" [{found['label']}]" if found["label"] is not None else ""
    indent = found["indent"]
    return [f"{indent}{ticks}{language}{label}", *(f"{indent}{line}" if line else "" for line in body), indent + ticks]


def _included(found: re.Match[str], root: Path, rel: PurePosixPath) -> list[str] | str:
    """A Markdown file's text (its front matter left out, only the lines `{3,10}` names), or why it cannot be read.
    Its own includes are not read again: a writer sees the directive left in it."""
    read = _read(found, root, rel)
    if isinstance(read, str):
        return read
    body = read[1]
    if body[:1] == ["---"] and "---" in body[1:]:
        body = body[body.index("---", 1) + 1 :]
    if found["first"] or found["last"]:
        first = line_number(found["first"] or "1")
        body = body[max(first, 1) - 1 : line_number(found["last"]) if found["last"] else None]
    return [f"{found['indent']}{line}" if line else "" for line in body]


def _read(found: re.Match[str], root: Path, rel: PurePosixPath) -> tuple[Path, list[str]] | str:
    """(the file, its text, its lines, or its region's) for an import or include, or why it cannot be read."""
    written = found["path"]
    base = root if written.startswith("@/") else root / rel.parent.as_posix()
    target = Path(os.path.normpath(base / written.removeprefix("@/")))
    top = Path(os.path.normpath(root))
    if top not in target.parents:
        return "the file is outside the adopted folder; paste its text here"
    body = read_tree_lines(top, PurePosixPath(target.relative_to(top).as_posix()))
    if isinstance(body, str):
        return body
    if found["region"]:
        region = _region(body, found["region"])
        if region is None:
            return f"the file has no region '{found['region']}'; paste its text here"
        body = region
    return target, body


def _language(options: str, suffix: str) -> str:
    """The language `{1,3 js:line-numbers}` names, else the file's extension's."""
    named = _LANGUAGES.get(suffix, code_fences.language(suffix.lstrip("."), "")) if suffix else ""
    for word in options.split():
        name = word.split(":")[0]
        if name and not re.fullmatch(r"[\d,\s-]+", name):
            return code_fences.language(name, named)
    return named


def _region(lines: list[str], name: str) -> list[str] | None:
    """The lines between `#region name` and its `#endregion` (any comment style, as VitePress reads them), dedented."""
    start = re.compile(rf"#region[ \t]+{re.escape(name)}\b")
    end = re.compile(rf"#endregion(?:[ \t]+{re.escape(name)}\b|[ \t]*(?:-->|\*/)?[ \t]*$)")
    opened = next((n for n, line in enumerate(lines) if start.search(line)), None)
    if opened is None:
        return None
    closed = next((n for n in range(opened + 1, len(lines)) if end.search(lines[n])), len(lines))
    inner = lines[opened + 1 : closed]
    widths = [len(line) - len(line.lstrip()) for line in inner if line.strip()]
    cut = min(widths, default=0)
    return [line[cut:] for line in inner]


def _grouped(lines: list[str], result: Converted) -> list[str]:
    """Each `::: code-group` … `:::` whose fences all stand inside it as content tabs; anything else as written."""
    code, _ = fenced_lines(lines)
    out: list[str] = []
    number = 0
    while number < len(lines):
        opening = _GROUP_OPEN.fullmatch(lines[number]) if not code[number] else None
        closing = _group_end(lines, code, number, opening["fence"]) if opening else None
        if opening is None or closing is None:
            out.append(lines[number])
            number += 1
            continue
        out.append("")
        out.extend(_tabs(lines[number + 1 : closing], code[number + 1 : closing], opening["indent"]))
        out.append("")
        result.code_groups += 1
        number = closing + 1
    return out


def _group_end(lines: list[str], code: list[bool], start: int, fence: str) -> int | None:
    for number in range(start + 1, len(lines)):
        if code[number]:
            continue
        closing = _GROUP_CLOSE.fullmatch(lines[number])
        if closing is not None:
            return number if closing["fence"] == fence else None
        if lines[number].strip():
            return None  # text between the fences: not a group of code alone, left as written
    return None


def _tabs(lines: list[str], code: list[bool], indent: str) -> list[str]:
    """The fences of one group, each under its tab's title; the title on the blank line above when there is one."""
    out: list[str] = []
    inside: str | None = None  # the ticks of the fence being copied
    tabs = 0
    for number, line in enumerate(lines):
        fence = _FENCE.fullmatch(line) if code[number] else None
        if inside is None and fence is not None:
            info = fence["info"]
            label = _LABEL.search(info)
            info = info[: label.start()] if label else info
            language = _LINE_MARKS.sub("", info).strip().split(" ")[0]
            tabs += 1
            title = tab_title((label["label"].strip() if label else "") or language) or f"Tab {tabs}"
            title_line = f'{indent}=== "{title}"'
            if out and not out[-1].strip():
                out[-1] = title_line
            else:
                out.append(title_line)
            out.append(f"{indent}    {fence['indent'][len(indent) :]}{fence['ticks']}{info.rstrip()}")
            inside = fence["ticks"]
            continue
        if inside is not None and fence is not None and fence["ticks"].startswith(inside) and not fence["info"].strip():
            inside = None
        out.append(f"{indent}    {line.removeprefix(indent)}" if line.strip() else "")
    return out
