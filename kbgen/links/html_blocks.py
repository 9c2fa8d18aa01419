"""Where the renderer passes raw HTML through unread: the raw HTML blocks of a body, as Python-Markdown finds them.

A block-level tag (`<div>`, `<p>`, `<details>`, ...) at the start of a line, at most three spaces in, opens a raw
block that runs to the end tag that closes it, blank lines included (Python-Markdown's `HTMLExtractor`; CommonMark,
which GitHub renders with, would end it at the first blank line). Markdown inside is not read: `[x](missing.md)`
there is text on the page, not a link, while an `<a href>` there is a link. With the `md_in_html` extension a
block whose opening tag says `markdown="1"` (or `block`, `span`) is read as Markdown; without it, it is raw too.

The text given is the body with code blocks, code spans and comments blanked (kbgen.links.code_mask), so a tag
shown as code opens nothing.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# Python-Markdown's `Markdown.block_level_elements`, as of 3.x
BLOCK_LEVEL = frozenset({
    "address", "article", "aside", "blockquote", "body", "canvas", "center", "colgroup", "dd", "details", "div",
    "dl", "dt", "fieldset", "figcaption", "figure", "footer", "form", "group", "h1", "h2", "h3", "h4", "h5", "h6",
    "header", "hgroup", "hr", "html", "iframe", "legend", "li", "main", "map", "math", "menu", "nav", "noscript",
    "object", "ol", "option", "output", "p", "pre", "progress", "script", "section", "style", "summary", "table",
    "tbody", "td", "textarea", "tfoot", "th", "thead", "tr", "ul", "video",
})  # fmt: skip
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


@dataclass(frozen=True, slots=True)
class RawBlock:
    """`text[start:end]` is one raw HTML block; `markdown` when its opening tag asks for Markdown inside."""

    start: int
    end: int
    markdown: bool


def raw_html_blocks(text: str) -> list[RawBlock]:
    """Every raw HTML block of `text`, in order."""
    if "<" not in text:
        return []
    blocks: list[RawBlock] = []
    stack: list[str] = []
    start, markdown, tail = 0, False, -1  # where a block ended in the middle of a line
    for tag in _TAG.finditer(text):
        name, end = tag.group("name").lower(), bool(tag.group("end"))
        if stack:
            if not end and not tag.group("close") and name not in _EMPTY:
                stack.append(name)
            elif end and name in stack:
                while stack.pop() != name:
                    pass
                if not stack:
                    blocks.append(RawBlock(start, tag.end(), markdown))
                    tail = -1 if _REST_BLANK.match(text, tag.end()) else tag.end()  # a block tag next on it is raw
            continue
        if end or tag.group("close") or name not in BLOCK_LEVEL or name in _EMPTY:
            continue
        in_tail = tail >= 0 and text.find("\n", tail, tag.start()) < 0
        if in_tail or _at_line_start(text, tag.start()):
            stack, start, markdown = [name], tag.start(), _asks_markdown(tag.group("attrs"))
    if stack:  # never closed: the renderer keeps the rest of the body raw
        blocks.append(RawBlock(start, len(text), markdown))
    return blocks


def _at_line_start(text: str, at: int) -> bool:
    """At most three spaces (or tabs) before `at` on its line; only those four characters are looked at."""
    before = text[max(0, at - 4) : at]
    newline = before.rfind("\n")
    if newline < 0 and at > 3:
        return False
    return not before[newline + 1 :].strip()


def _asks_markdown(attrs: str) -> bool:
    found = _MARKDOWN_ATTR.search(attrs)
    if found is None:
        return False
    value = found.group("q") if found.group("q") is not None else found.group("s") or found.group("u") or "markdown"
    return value.lower() in _ASKS_MARKDOWN
