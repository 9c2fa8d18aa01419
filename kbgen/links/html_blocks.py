"""Where the renderer passes raw HTML through unread: the raw HTML blocks of a body, as Python-Markdown finds them.

A block-level tag (`<div>`, `<p>`, `<details>`, ...) at the start of a line, at most three spaces in, opens a raw
block that runs to the end tag that closes it, blank lines included (Python-Markdown's `HTMLExtractor`; CommonMark,
which GitHub renders with, would end it at the first blank line). Markdown inside is not read: `[x](missing.md)`
there is text on the page, not a link, while an `<a href>` there is a link. With the `md_in_html` extension a
block whose opening tag says `markdown="1"` (or `block`, `span`) is read as Markdown; without it, it is raw too.

GitHub's renderer ends such a block at its first blank line and reads what follows as Markdown, so writers put
Markdown in a `<details>` answer or a `<div>` after a blank line and see it rendered in their preview. A block of
prose (`PROSE`) with a blank line inside and no `markdown` attribute of its own is read that way too: the renderer
is given it marked `markdown="1"` (kbgen.render.html_markdown), which md_in_html reads as Markdown.

The text given is the body with code blocks, code spans and comments blanked (kbgen.links.code_mask), so a tag
shown as code opens nothing.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence
from dataclasses import dataclass

# Python-Markdown's `Markdown.block_level_elements`, as of 3.x
BLOCK_LEVEL = frozenset({
    "address", "article", "aside", "blockquote", "body", "canvas", "center", "colgroup", "dd", "details", "div",
    "dl", "dt", "fieldset", "figcaption", "figure", "footer", "form", "group", "h1", "h2", "h3", "h4", "h5", "h6",
    "header", "hgroup", "hr", "html", "iframe", "legend", "li", "main", "map", "math", "menu", "nav", "noscript",
    "object", "ol", "option", "output", "p", "pre", "progress", "script", "section", "style", "summary", "table",
    "tbody", "td", "textarea", "tfoot", "th", "thead", "tr", "ul", "video",
})  # fmt: skip
# Blocks that hold prose, where a blank line starts Markdown as on GitHub; tables, lists, figures and the like
# keep their raw HTML whole (md_in_html would wrap an image in a paragraph, and GitHub reads their cells as HTML)
PROSE = frozenset({"article", "aside", "blockquote", "center", "details", "div", "footer", "header", "main", "nav",
                   "section"})  # fmt: skip
_BLANK_LINE = re.compile(r"\n[ \t]*\n")
_EMPTY = frozenset({"hr"})  # a block tag that never opens a block (Python-Markdown's `empty_tags`)
_TAG = re.compile(
    r"""<(?P<end>/?)(?P<name>[A-Za-z][A-Za-z0-9-]*)"""
    r"""(?P<attrs>(?:\s+[^\s"'<>/=`]+(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s"'=<>`]+))?)*)\s*(?P<close>/?)>"""
)
_MARKDOWN_ATTR = re.compile(r"""\smarkdown(?:\s*=\s*(?:"(?P<q>[^"]*)"|'(?P<s>[^']*)'|(?P<u>[^\s"'=<>`]+)))?""", re.I)
_ASKS_MARKDOWN = frozenset({"1", "block", "span", "markdown"})
_REST_BLANK = re.compile(r"[ \t]*(?:\n|$)")


# mkdocs.yml names of the extension that reads Markdown in `markdown="1"` blocks (`extra` includes it)
_MD_IN_HTML = frozenset({"md_in_html", "markdown.extensions.md_in_html", "extra", "markdown.extensions.extra"})


def extension_names(extensions: object) -> frozenset[str]:
    """The names in mkdocs.yml's `markdown_extensions` (each a name, or a name mapped to its options)."""
    if not isinstance(extensions, list | tuple):
        return frozenset()
    names = (next(iter(entry), None) if isinstance(entry, dict) else entry for entry in extensions)
    return frozenset(name for name in names if isinstance(name, str))


def reads_markdown_in_html(extensions: object) -> bool:
    """Whether mkdocs.yml's `markdown_extensions` include md_in_html."""
    return bool(extension_names(extensions) & _MD_IN_HTML)


Span = tuple[int, int]  # a start and an end offset


@dataclass(frozen=True, slots=True)
class RawBlock:
    """`text[start:end]` is one raw HTML block; `markdown` when its opening tag asks for Markdown inside, or when
    it is prose with a blank line inside (`marked`: the renderer is given its tag marked so, at `tag_end`, the
    offset of the opening tag's `>`). In a block read as Markdown, its own blocks (`raw`, as start and end: a
    `<summary>`, a nested `<div>`) stay raw, as md_in_html keeps them."""

    start: int
    end: int
    markdown: bool
    marked: bool = False
    tag_end: int = 0
    raw: tuple[Span, ...] = ()

    def reads_markdown_at(self, offset: int) -> bool:
        """Whether the renderer reads Markdown at `offset`, a place inside this block, given md_in_html."""
        return self.markdown and not any(start <= offset < end for start, end in self.raw)


def raw_html_blocks(text: str, indents: Sequence[int] | None = None) -> list[RawBlock]:
    """Every raw HTML block of `text`, in order. `indents`: how far in each line is as the renderer reads the lists
    (kbgen.render.list_reading.read_indents), where that differs from `text`: a tag in a list item's content, moved
    four spaces in, is the item's text, not a block."""
    if "<" not in text:
        return []
    line_starts = [0, *(at + 1 for at, char in enumerate(text) if char == "\n")] if indents is not None else []
    blocks: list[RawBlock] = []
    stack: list[str] = []
    start, markdown, tail = 0, False, -1  # where a block ended in the middle of a line
    opening: re.Match[str] | None = None
    children: list[Span] = []  # the block's own blocks, raw even where it holds Markdown
    child = -1
    for tag in _TAG.finditer(text):
        name, end = tag.group("name").lower(), bool(tag.group("end"))
        if stack:
            if not end and not tag.group("close") and name not in _EMPTY:
                if len(stack) == 1 and name in BLOCK_LEVEL and _at_line_start(text, tag.start(), None, []):
                    child = tag.start()
                stack.append(name)
            elif end and name in stack:
                while stack.pop() != name:
                    pass
                if len(stack) == 1 and child >= 0:
                    children.append((child, tag.end()))
                    child = -1
                if not stack:
                    blocks.append(_closed(text, start, tag.end(), markdown, opening, tuple(children)))
                    tail = -1 if _REST_BLANK.match(text, tag.end()) else tag.end()  # a block tag next on it is raw
                    children, child = [], -1
            continue
        if end or tag.group("close") or name not in BLOCK_LEVEL or name in _EMPTY:
            continue
        in_tail = tail >= 0 and text.find("\n", tail, tag.start()) < 0
        if in_tail or _at_line_start(text, tag.start(), indents, line_starts):
            stack, start, markdown, opening = [name], tag.start(), _asks_markdown(tag.group("attrs")), tag
    if stack:  # never closed: the renderer keeps the rest of the body raw
        blocks.append(RawBlock(start, len(text), markdown))
    return blocks


def _closed(
    text: str, start: int, end: int, markdown: bool, opening: re.Match[str] | None, children: tuple[Span, ...]
) -> RawBlock:
    """The block `text[start:end]` opened by `opening`, read as Markdown where GitHub reads it so."""
    if opening is None or markdown or _MARKDOWN_ATTR.search(opening.group("attrs")) is not None:
        return RawBlock(start, end, markdown, raw=children if markdown else ())
    if opening.group("name").lower() in PROSE and _BLANK_LINE.search(text, opening.end(), end) is not None:
        return RawBlock(start, end, True, marked=True, tag_end=opening.end() - 1, raw=children)
    return RawBlock(start, end, False)


def _at_line_start(text: str, at: int, indents: Sequence[int] | None, line_starts: list[int]) -> bool:
    """At most three spaces (or tabs) before `at` on its line, in `text` and, given `indents`, in the renderer's
    reading; only those four characters of `text` are looked at."""
    before = text[max(0, at - 4) : at]
    newline = before.rfind("\n")
    if (newline < 0 and at > 3) or before[newline + 1 :].strip():
        return False
    if indents is None:
        return True
    line = bisect.bisect_right(line_starts, at) - 1
    return line >= len(indents) or indents[line] <= 3


def _asks_markdown(attrs: str) -> bool:
    found = _MARKDOWN_ATTR.search(attrs)
    if found is None:
        return False
    value = found.group("q") if found.group("q") is not None else found.group("s") or found.group("u") or "markdown"
    return value.lower() in _ASKS_MARKDOWN
