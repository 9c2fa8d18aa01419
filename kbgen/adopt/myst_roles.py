"""MyST's roles, targets and comments made Markdown, links across the tree found from every page's `(label)=`.

    (install-steps)=                  becomes   (the line blank; the heading below it gets `{#install-steps}`)
    ## Install steps                            ## Install steps {#install-steps}
    {ref}`install-steps`                        [Install steps](guide/install.md#install-steps)
    {ref}`the steps <install-steps>`            [the steps](guide/install.md#install-steps)
    {doc}`../guide/install`                     [Install](../guide/install.md), titled by the page's heading
    {kbd}`Ctrl+C`, {abbr}`CLI (Command line)`   <kbd>Ctrl+C</kbd>, <abbr title="Command line">CLI</abbr>
    {term}`Sphinx`, {code}`x`, {math}`a^2`     Sphinx, `x`, `a^2`; API roles ({py:func}, {class}, …) code
    {download}`the data <run.zip>`              [the data](run.zip); of a file kbgen does not publish (`.py`),
                                                the text alone, noted
    % a comment                                 (the line blank)

Links are written from the page's own path to the target's, as any Markdown link between adopted files is, so the
later steps point them at the adopted files. A role whose label or page is not in the tree, or that kbgen has no
Markdown for, stays as written and is reported with its line. Code blocks and code spans are never read.
"""

from __future__ import annotations

import html
import posixpath
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import partial
from pathlib import PurePosixPath

from kbgen.adopt.mapping import Left
from kbgen.adopt.mdx_prepare import fenced_lines
from kbgen.loading.loader import ASSET_EXTENSIONS

_TARGET = re.compile(r"[ \t]*\((?P<label>[^()\s]+)\)=[ \t]*")
_HEADING = re.compile(r"(?P<marks>#{1,6})[ \t]+(?P<title>.*?)(?:[ \t]+#+)?[ \t]*")
_COMMENT = re.compile(r"[ \t]*%(?:[^\n]*)")
_FIRST_HEADING = re.compile(r"^#[ \t]+(?P<title>[^\n]+?)[ \t]*$", re.M)
# a code span, a role's name before it when there is one: spans read in order, so a role inside a span stays code
_SPAN = re.compile(r"(?:\{(?P<role>[\w:.+-]+)\})?(?P<ticks>`+)(?P<content>.+?)(?P=ticks)(?!`)")
_EXPLICIT = re.compile(r"(?P<text>.*?)\s*<(?P<target>[^<>]+)>", re.S)
_ABBR = re.compile(r"(?P<short>.*?)\s*\((?P<long>[^()]*)\)", re.S)
_TEXT_ROLES = {"term", "dfn", "guilabel", "menuselection", "sub", "sup", "emphasis", "strong", "index"}
_CODE_ROLES = {"code", "math", "file", "samp", "command", "program", "envvar", "option", "literal", "eq"}
_API = re.compile(r"(?:py:|js:|c:|cpp:|std:)?(?:func|class|meth|mod|attr|obj|exc|data|const|type|function|member)")
_PAGE_SUFFIXES = (".md", ".markdown")


@dataclass(slots=True)
class MystIndex:
    """Every page's title and every `(label)=` target of the tree, for the roles that point at them."""

    titles: dict[PurePosixPath, str] = field(default_factory=dict)
    # label: (page, the heading's title, "#label" when it is a heading's id, "" when it marks something else)
    labels: dict[str, tuple[PurePosixPath, str, str]] = field(default_factory=dict)


@dataclass(slots=True)
class Converted:
    text: str = ""
    roles: int = 0
    targets: int = 0
    left: list[Left] = field(default_factory=list)


def read_index(pages: Iterable[tuple[PurePosixPath, str]]) -> MystIndex:
    """The titles and labels of the tree's pages, each given as (path in the tree, body)."""
    index = MystIndex()
    for rel, text in pages:
        first = _FIRST_HEADING.search(text)
        index.titles[rel] = first["title"] if first else rel.stem
        if "(" not in text:
            continue
        lines = text.split("\n")
        code, _ = fenced_lines(lines)
        for number, line in enumerate(lines):
            target = _TARGET.fullmatch(line) if not code[number] and line.rstrip().endswith(")=") else None
            if target:
                heading = _heading_below(lines, number)
                title = heading["title"] if heading else index.titles[rel]
                anchor = f"#{target['label']}" if heading else ""
                index.labels.setdefault(target["label"].lower(), (rel, title, anchor))
    return index


def uses_myst_inline(text: str) -> bool:
    return "}`" in text or ")=" in text or "%" in text


def convert_roles(text: str, rel: PurePosixPath, index: MystIndex, first_line: int = 1) -> Converted:
    """`text` (the body of the page at `rel`) with its roles made links and text, targets anchors, comments gone."""
    result = Converted()
    lines = text.split("\n")
    code, _ = fenced_lines(lines)
    for number, line in enumerate(lines):
        if code[number]:
            continue
        target = _TARGET.fullmatch(line) if line.rstrip().endswith(")=") else None
        if target:
            lines[number] = ""
            result.targets += 1
            if _heading_below(lines, number) is not None:
                _anchor(lines, number, target["label"])
            continue
        if _COMMENT.fullmatch(line):
            lines[number] = ""
            continue
        if "}`" in line:
            role = partial(_role, rel=rel, index=index, line=first_line + number, result=result)
            lines[number] = _SPAN.sub(role, line)
    result.text = "\n".join(lines)
    return result


def _heading_below(lines: list[str], number: int) -> re.Match[str] | None:
    for line in lines[number + 1 : number + 4]:
        if line.strip():
            return _HEADING.fullmatch(line)
    return None


def _anchor(lines: list[str], number: int, label: str) -> None:
    """The label as the id of the heading below the target line, unless it has an id of its own."""
    below = next(n for n in range(number + 1, len(lines)) if lines[n].strip())
    if "{#" not in lines[below] and "{:" not in lines[below]:
        lines[below] = f"{lines[below].rstrip()} {{#{label}}}"


def _role(span: re.Match[str], rel: PurePosixPath, index: MystIndex, line: int, result: Converted) -> str:
    role = span["role"]
    if role is None:
        return span[0]
    name = role.lower()
    content = span["content"].strip()
    explicit = _EXPLICIT.fullmatch(content)
    text, target = (explicit["text"].strip(), explicit["target"].strip()) if explicit else ("", content)
    words = html.escape(text, quote=False)  # a role's own text is text in Sphinx: `<b>` in it is words, not markup
    shown: str | None = None
    if name == "ref" or name == "numref":
        found = index.labels.get(target.lower())
        if found is not None:
            page, title, anchor = found
            address = (_relative(page, rel) if page != rel else "") + anchor or _relative(page, rel)
            shown = _link(words or title, address)
    elif name == "doc":
        named = _page(target, rel, index)
        if named is not None:
            shown = _link(words or index.titles.get(named, named.stem), _relative(named, rel))
    elif name == "download":
        suffix = posixpath.splitext(target.split("#")[0].split("?")[0])[1].lower()
        shown = _link(words or html.escape(target.rsplit("/", 1)[-1], quote=False), target)
        if (
            suffix not in ASSET_EXTENSIONS
            and suffix not in _PAGE_SUFFIXES
            and not re.match(r"[A-Za-z][\w+.-]*:", target)
        ):
            shown = html.escape(text or target, quote=False)
            why = f"kbgen does not publish '{suffix or target}' files, so its text is left without a link"
            result.left.append(Left(line, f"MyST role {span[0]}: {why}; zip the file, or link where it is published"))
    elif name == "kbd":
        shown = "+".join(f"<kbd>{html.escape(key)}</kbd>" for key in content.split("+")) if content else ""
    elif name == "abbr":
        abbr = _ABBR.fullmatch(content)
        shown = (
            f'<abbr title="{html.escape(abbr["long"].strip())}">{html.escape(abbr["short"])}</abbr>'
            if abbr
            else html.escape(content)
        )
    elif name in _TEXT_ROLES:
        shown = html.escape(text or content, quote=False)
    elif name in _CODE_ROLES or _API.fullmatch(name):
        value = (text or target).lstrip("~!")
        ticks = "``" if "`" in value else "`"
        shown = f"{ticks}{value}{ticks}"
    if shown is None:
        why = "names no page or (label)= of the tree" if name in ("ref", "numref", "doc") else "has no Markdown form"
        result.left.append(Left(line, f"MyST role {span[0]} left as written: it {why}; write a Markdown link or text"))
        return span[0]
    result.roles += 1
    return shown


def _page(target: str, rel: PurePosixPath, index: MystIndex) -> PurePosixPath | None:
    """The page `{doc}` names: from the tree's top when it starts with `/`, else from the page's folder."""
    written = target.split("#", 1)[0]
    joined = written.lstrip("/") if written.startswith("/") else posixpath.join(rel.parent.as_posix(), written)
    base = posixpath.normpath(joined)
    for candidate in (base, *(base + suffix for suffix in _PAGE_SUFFIXES)):
        if PurePosixPath(candidate) in index.titles:
            return PurePosixPath(candidate)
    return None


def _relative(page: PurePosixPath, rel: PurePosixPath) -> str:
    return posixpath.relpath(page.as_posix(), rel.parent.as_posix() or ".")


def _link(text: str, target: str) -> str:
    shown = text.replace("\\", "\\\\").replace("[", r"\[").replace("]", r"\]")
    return f"[{shown}](<{target}>)"
