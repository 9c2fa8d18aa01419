"""Reads a title and a summary out of an article body when its front matter has none.

The title is the first level-1 heading (else the first heading of any level) as the reader sees it; the
summary the first paragraph of prose, with link targets, emphasis and code marks removed. Code blocks,
HTML, tables, lists, quotes, content-tab lines (`=== "macOS"`, as adopt writes Docusaurus' tabs) and directive
lines such as DocFX's `[!INCLUDE ...]` or `> [!NOTE]` are not prose; an HTML comment is no text at all, and a
line holding only one ends a paragraph (as Python-Markdown has it).
"""

from __future__ import annotations

import re

from kbgen.links.anchors import heading_text
from kbgen.links.code_mask import mask_blocks

_ATX = re.compile(r"^ {0,3}(#{1,6})[ \t]+(.*?)(?:[ \t]+#+)?[ \t]*$")
_ATTRS = re.compile(r"[ \t]*\{[:#.][^}\n]*\}[ \t]*$")
_NOT_PROSE = re.compile(r"^[ \t]*(?:[-*+>|<!]|\[!|\d+[.)][ \t]|:::|\{%|=+[ \t]*$|-+[ \t]*$|\[[^\]]+\]:|===[!+]*[ \t])")
_ALL_EMPHASIS = re.compile(r"^([*_]{1,3})\S.*\S\1$", re.S)
_COMMENT = re.compile(r"<!--.*?-->", re.S)
SUMMARY_LIMIT = 300
# Characters of a heading or paragraph read for a title or summary: removing links takes time that grows with the
# square of a line of unclosed ones (a 240 KB line of `[x](` took minutes), and no title or summary needs more.
_READ = 4000


def first_heading(body: str) -> str:
    """The first level-1 heading, else the first heading; empty when the body has none."""
    best = ""
    for line in mask_blocks(body).split("\n"):
        match = _ATX.match(line)
        if not match:
            continue
        text = heading_text(_ATTRS.sub("", match.group(2)[:_READ]))
        if text and len(match.group(1)) == 1:
            return text
        best = best or text
    return best


def first_paragraph(body: str, limit: int = SUMMARY_LIMIT) -> str:
    """The first paragraph of prose as plain text, cut at a word boundary near `limit` characters.

    A paragraph that is all emphasis (`_**Applies to:** Core_`, "*Last updated ...*") is a byline, not prose.
    """
    text = _COMMENT.sub(lambda match: "\n" * match.group().count("\n"), mask_blocks(body))
    for paragraph in _paragraphs(text):
        joined = " ".join(paragraph)
        if not _ALL_EMPHASIS.match(joined):
            return _shortened(heading_text(joined[:_READ]), limit)
    return ""


def _paragraphs(masked: str) -> list[list[str]]:
    found: list[list[str]] = []
    paragraph: list[str] = []
    for line in [*masked.split("\n"), ""]:
        ends = not line.strip() or _ATX.match(line) or (not paragraph and _NOT_PROSE.match(line))
        if ends:
            if paragraph:
                found.append(paragraph)
            paragraph = []
            continue
        paragraph.append(line.strip())
    return found


def _shortened(text: str, limit: int) -> str:
    if len(text) <= limit:
        return text
    cut = text[:limit].rsplit(" ", 1)[0].rstrip(",;:")
    return cut + "…"
