"""The text of admonitions (`!!! note`, `??? tip`) and content tabs (`=== "Tab"`) read as the text around it is.

Their text is indented four spaces under the line that opens them, and inside it writers nest lists the way they do
everywhere else: two spaces in, or three under a numbered step. Python-Markdown reads that text as a page of its own
once the four spaces are taken off, so the same reading that moves list items' content for it (kbgen.render.
list_indents) applies there. Only blocks opened at the top of the text are read (those inside a list item move with
the item); a block whose indentation holds a tab is left as written.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from kbgen.links.code_mask import mask_blocks

# the line that opens a block: an admonition and its type (`!!! note "Title"`, collapsible `???`/`???+`) or a content
# tab and its quoted title (`=== "Windows"`, `===+`, `===!`): a setext heading's `===` line opens nothing
_OPENER = re.compile(r' {0,3}(?:(?:!!!|\?\?\?\+?)[ \t]+[\w-]|===[!+]{0,2}[ \t]+")')
_INDENT = 4
# searched for after a newline put before the body (see kbgen.render.quoted): a list item in a block's text, and
# a line that opens a block
_LIST_IN_BLOCK = re.compile(r"\n {4,}(?:[-*+]|\d{1,9}[.)])(?:[ \t]|$)", re.M)
_OPENER_LINE = re.compile("\n" + _OPENER.pattern)


def within_blocks(body: str, read: Callable[[str], str]) -> str:
    """`body` with the text of each admonition and content tab opened at its top given to `read`, four spaces
    off, and indented again. A block `read` leaves as it is keeps its bytes."""
    if _LIST_IN_BLOCK.search("\n" + body) is None or _OPENER_LINE.search("\n" + body) is None:
        return body
    lines = body.split("\n")
    masked = mask_blocks(body).split("\n")
    out: list[str] = []
    n = 0
    while n < len(lines):
        line = lines[n]
        out.append(line)
        n += 1
        if masked[n - 1] != line or not _OPENER.match(line):
            continue
        end = n
        while end < len(lines) and (not lines[end].strip() or lines[end].startswith(" " * _INDENT)):
            end += 1
        while end > n and not lines[end - 1].strip():
            end -= 1  # blank lines after the block are the page's
        block = lines[n:end]
        if any("\t" in text[: len(text) - len(text.lstrip())] for text in block):
            continue  # a tab in the indentation: which column it reaches is the renderer's guess
        text = "\n".join(text[_INDENT:] for text in block)
        read_as = read(text)
        if read_as != text:
            out.extend(" " * _INDENT + text if text else "" for text in read_as.split("\n"))
            n = end
    return "\n".join(out) if out != lines else body  # unchanged: the same object, not an equal copy
