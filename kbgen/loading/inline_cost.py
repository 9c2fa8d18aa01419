"""Estimates, in linear time, how long Python-Markdown's inline pass would take on a Markdown body.

Measured with `bench/inline_budget.py` (Python-Markdown 3.x with mkdocs.yml's extensions): every inline element
(an HTML tag, an entity, a link, emphasis, a code span, an escape, an autolink) is cut out of its paragraph by
rebuilding the paragraph's string, so one paragraph costs about (elements x characters), ~1 ns each: 16,000
`<b>x</b>` on one line take 4 s, 32,000 take 17 s, and a 350 KiB paragraph of them kept `kbgen build` busy for
almost three minutes. Across paragraphs the cost is linear, ~50 us an element.

A "run" is the text the inline pass sees at once: a paragraph, one table row, one list item. Runs are only ever
cut where Python-Markdown certainly cuts them; anything unusual stays one run, which can only over-estimate.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

# Where an inline element can start. Things the renderer skips cheaply are left out (a '<' before a space, a
# lone '&', '_' inside a word, a backslash before a letter), so prose and code-heavy text are not over-counted.
# The extensions mkdocs.yml enables add their own: an emoji or icon (`:smile:`, pymdownx.emoji's `:[+\-\w]+:`),
# keys (`++ctrl++`) and strike-through (`~~`), each as costly: 80,000 `:smile:` on one line took a build 35 s.
MARKER = re.compile(
    r"<[A-Za-z/!?]|&(?:#[0-9]{1,8}|#[xX][0-9A-Fa-f]{1,8}|[A-Za-z][A-Za-z0-9]{0,31});|\[|`|\*|(?<!\w)_"
    r"|\\[\\`*_{}\[\]()>#+\-.!|]| {2,}\n|:[+\-\w]+:|\+\+|~~"
)
_ITEM = re.compile(r"^ {0,3}(?:[*+-]|[0-9]+\.) +")
_HR = re.compile(r"^\s*(?:(?:-+ {0,2}){3,}|(?:_+ {0,2}){3,}|(?:\*+ {0,2}){3,})\s*$")
_FENCE_LIKE = re.compile(r"^\s*(?:>\s*)*(?:`{3,}|~{3,})")


@dataclass(frozen=True, slots=True)
class Run:
    offset: int  # its first line, counted from the block's first line
    markers: int
    length: int
    ampersands: int = 0  # each written back as a character reference by the sanitiser (render_budget)

    @property
    def work(self) -> int:
        return self.markers * self.length


def runs(lines: list[str]) -> Iterator[Run]:
    """The runs of one block (lines between blank lines, fenced code already removed)."""
    if _is_table(lines):
        starts = list(range(len(lines)))
    elif _is_plain_list(lines):
        starts = [index for index, line in enumerate(lines) if _ITEM.match(line)]
    else:
        starts = [0]
    for first, end in zip(starts, [*starts[1:], len(lines)], strict=True):
        text = "\n".join(lines[first:end])
        yield Run(first, len(MARKER.findall(text)), len(text), text.count("&"))


def _is_table(lines: list[str]) -> bool:
    """Python-Markdown's own table test, narrowed to headers it cannot split differently (no '\\' or '`')."""
    if len(lines) < 2 or _indent(lines[0]) > 3 or any(_is_breaker(line) for line in lines):
        return False
    header, separator = lines[0].strip(" "), lines[1].strip(" ")
    if "\\" in header or "`" in header:
        return False
    border = header.startswith("|") or header.endswith("|")
    columns = len(_cells(header, border))
    return columns > 1 and len(_cells(separator, border)) == columns and set(separator) <= set("|:- ")


def _cells(row: str, border: bool) -> list[str]:
    if border:
        row = row.removeprefix("|").removesuffix("|")
    return row.split("|")


def _is_plain_list(lines: list[str]) -> bool:
    """A list whose every line is an item or a plain continuation: no rule, heading, fence, HTML or admonition
    line that would make Python-Markdown split the block and join what follows into one paragraph."""
    if not _ITEM.match(lines[0]):
        return False
    for line in lines:
        if _HR.match(line) or _is_breaker(line):
            return False
        if not _ITEM.match(line):
            first = line.lstrip(" \t")[:1]
            if not (first.isalnum() or first in "\"'([“‘«"):
                return False
    return True


def _is_breaker(line: str) -> bool:
    """Lines that start another block or stash part of this one (raw HTML, a fence, an admonition)."""
    stripped = line.lstrip(" \t")
    return stripped.startswith(("<", "!!!", "???")) or bool(_FENCE_LIKE.match(line))


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip(" "))
