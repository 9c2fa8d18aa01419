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
from kbgen.links.code_mask import indent_width, mask_blocks

_ATX = re.compile(r"^ {0,3}(#{1,6})[ \t]+(.*?)(?:[ \t]+#+)?[ \t]*$")
_ATTRS = re.compile(r"[ \t]*\{[:#.][^}\n]*\}[ \t]*$")
# a list, quote, table, HTML, alert or note (`!!!`), a collapsible note (`???`), a content tab (`=== "Label"`), a
# Docusaurus or template directive, a setext underline, a reference definition or a table of contents marker
# (Python-Markdown's `[TOC]`, VitePress' `[[toc]]`)
_NOT_PROSE = re.compile(
    r"^[ \t]*(?:[-*+>|<!]|\[!|\d+[.)][ \t]|\?{3}|={3}[!+]?[ \t]|:::|\{%|=+[ \t]*$|-+[ \t]*$|\[[^\]]+\]:"
    r"|\[TOC\][ \t]*$|(?i:\[\[toc\]\])[ \t]*$)"
)
_BLOCK = re.compile(r"^[ \t]*(?:!!!|\?{3}\+?|={3}[!+]?)[ \t]")  # opens a note, a collapsible note or a tab
_ALL_EMPHASIS = re.compile(r"^([*_]{1,3})\S.*\S\1$", re.S)
# an inline HTML tag (`<b>`, `</kbd>`, `<abbr title="...">`), which the reader never sees as text; an autolink
# (`<https://…>`, `<a@b.c>`) is none; code spans are kept whole
_TAG = re.compile(r"</?[A-Za-z][A-Za-z0-9-]*(?:\s[^<>]*)?/?>")
_CODE_SPAN = re.compile(r"(`+)(?:.*?[^`])?\1(?!`)", re.S)
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
        text = heading_text(_without_tags(_ATTRS.sub("", match.group(2)[:_READ])))
        if text and len(match.group(1)) == 1:
            return text
        best = best or text
    return best


def first_paragraph(body: str, limit: int = SUMMARY_LIMIT) -> str:
    """The first paragraph of prose as plain text, cut at a word boundary near `limit` characters.

    A paragraph that is all emphasis (`_**Applies to:** Core_`, "*Last updated ...*") is a byline, not prose.
    """
    text = _without_comments(mask_blocks(body))
    for paragraphs in (_paragraphs(_outside_blocks(text)), _paragraphs(text)):
        for paragraph in paragraphs:
            joined = " ".join(paragraph)
            if not _ALL_EMPHASIS.match(joined):
                return _shortened(heading_text(_without_tags(joined[:_READ])), limit)
    return ""


def _without_tags(text: str) -> str:
    """`text` without its inline HTML tags, outside code spans: a MyST `{kbd}` role adopt made `<kbd>Ctrl</kbd>`
    showed in every listing as `<kbd>Ctrl</kbd>`, where the page shows Ctrl."""
    pieces: list[str] = []
    at = 0
    for span in _CODE_SPAN.finditer(text):
        pieces += [_TAG.sub("", text[at : span.start()]), span.group()]
        at = span.end()
    return "".join([*pieces, _TAG.sub("", text[at:])])


def _without_comments(text: str) -> str:
    """`text` with each closed HTML comment replaced by its line breaks. Searched for by hand: `<!--.*?-->` tried
    every `<!--` of a page that never closes one to the page's end (60,000 of them, 240 KB: minutes); here the
    first `<!--` left open ends the search, as no later one can close either."""
    parts: list[str] = []
    at = 0
    while (start := text.find("<!--", at)) != -1 and (end := text.find("-->", start + 4)) != -1:
        parts += [text[at:start], "\n" * text.count("\n", start, end)]
        at = end + 3
    return "".join(parts) + text[at:]


def _outside_blocks(masked: str) -> str:
    """The text with what a note, a collapsible note or a content tab holds blanked, line for line: a page's
    summary is its own prose, not one tab's variant of it (the text in them is read only when there is no other)."""
    lines = masked.split("\n")
    opened: int | None = None  # the indent of the block being blanked
    for number, line in enumerate(lines):
        if opened is not None and (not line.strip() or indent_width(line) >= opened + 4):
            lines[number] = ""
            continue
        block = _BLOCK.match(line)
        opened = indent_width(line) if block else None
    return "\n".join(lines)


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
