"""Lists written right under a paragraph line, as GitHub and Microsoft Learn render them.

    The following issues have been fixed:
    - Slow project creation.

CommonMark (GitHub's and Microsoft Learn's renderers) starts a list there; Python-Markdown, MkDocs' renderer, needs
a blank line first and shows "The following issues have been fixed: - Slow project creation." as one paragraph. So
the renderer is given that blank line. Only where CommonMark itself starts a list: a bullet, or an ordered item
numbered 1, at most three spaces in, right under an unindented line of a plain paragraph. A paragraph that is a
list item's, a quote's, a table's or raw HTML's is left alone (a list there is one list already), as is everything
in code. For the renderer only: findings keep the lines the writer wrote.
"""

from __future__ import annotations

import re

from kbgen.links.code_mask import mask_blocks

_OPENS_LIST = re.compile(r" {0,3}(?:[-*+]|1[.)])[ \t]+\S")
# a list line right under an unindented line of text that is no list item: where a blank line may be needed
# (most bodies have no such place, and are returned without being read line by line); an indented paragraph is rare
_CANDIDATE = re.compile(r"^(?!(?:[-*+]|\d{1,9}[.)])[ \t])[^\s][^\n]*\n {0,3}(?:[-*+]|1[.)])[ \t]+\S", re.M)
_STANDS_ALONE = re.compile(r" {0,3}(?:#|!!!|\?\?\?|:::)")  # a heading or a box's marker: a paragraph starts under it
_NOT_PLAIN = re.compile(r" {0,3}(?:[-*+][ \t]|\d{1,9}[.)][ \t]|[>|<#]|!!!|\?\?\?|:::|[=-]+[ \t]*$)")


def break_before_lists(body: str) -> str:
    """The body with a blank line wherever a list starts right under a plain paragraph's line."""
    if _CANDIDATE.search(body) is None:
        return body
    lines = body.split("\n")
    masked = mask_blocks(body).split("\n")
    out: list[str] = []
    opening: str | None = None  # the first line of the paragraph the previous line belongs to
    for number, line in enumerate(lines):
        shown = masked[number]
        if not shown.strip() or shown != line:  # a blank line, or a line of code
            opening = None
            out.append(line)
            continue
        if (
            opening is not None
            and _OPENS_LIST.match(line)
            and plain_paragraph_line(opening)
            and plain_paragraph_line(lines[number - 1])
        ):
            out.append("")
            opening = None
        if opening is None:
            opening = line
        out.append(line)
        if _STANDS_ALONE.match(line):
            opening = None
    return "\n".join(out)


def plain_paragraph_line(line: str) -> bool:
    """A line that can belong to a plain paragraph at the top level: not a list item, quote, table row, raw HTML,
    heading, admonition or underline, and indented at most three spaces."""
    return len(line) - len(line.lstrip(" ")) <= 3 and not line.startswith("\t") and not _NOT_PLAIN.match(line)
