"""Finds the parts of a Markdown body that are not prose: code blocks, code spans and HTML comments.

Masking replaces them with spaces and keeps every newline, so an offset in the masked text is the same
line and column in the source. The block rules follow Python-Markdown (the renderer): four-space indented
code, ``` and ~~~ fences at any indentation, and list items, admonitions and content tabs (`=== "Tab"`) whose
content is indented.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from functools import lru_cache

_FENCE = re.compile(r"(`{3,}|~{3,})")
_LIST_ITEM = re.compile(r"([-*+]|\d{1,9}[.)])([ \t]|$)")
_ADMONITION = re.compile(r"(!!!|\?\?\?\+?|===[!+]?)[ \t]")  # notes, collapsible notes and content tabs
_HEADING = re.compile(r"#{1,6}")
_INLINE = re.compile(r"<!--|(?<!\\)(`+)")
# What may stand between a raw HTML tag's name and an attribute: anything but '<' and '>', and quoted values, which
# may hold a '>' ("Settings > Security"). Stopping at the next '<' keeps a scan per tag short, so a body of
# thousands of tags that never close costs linear time, not the square of its length.
TAG_INSIDE = r"""(?:[^<>"']|"[^"<]*"|'[^'<]*')*?"""
_PARAGRAPH_BREAK = re.compile(r"\n[ \t]*\n")


def indent_width(line: str) -> int:
    """The line's indentation in columns, a tab reaching the next multiple of four (Python-Markdown's tab_length)."""
    spaces = len(line) - len(line.lstrip(" "))
    if not line.startswith("\t", spaces):
        return spaces  # no tab in it: counted in C
    width = 0
    for char in line:
        if char == " ":
            width += 1
        elif char == "\t":
            width += 4 - width % 4
        else:
            break
    return width


def _blank(text: str) -> str:
    return "".join("\n" if char == "\n" else " " for char in text)


def mask_blocks(body: str) -> str:
    """The body with fenced and indented code blocks blanked out, line for line."""
    return "\n".join(_blocks(body)[0])


def mask_and_open_fence(body: str) -> tuple[str, tuple[int, str] | None]:
    """`mask_blocks`, and the line (0-based) and the fence of a code fence no later line closes (None when all
    close), from one reading of the body."""
    lines, opened, _ = _blocks(body)
    return "\n".join(lines), opened


def fence_openers(body: str) -> list[int]:
    """The lines (0-based) that open a code fence, read as `mask_blocks` reads them."""
    return _blocks(body)[2]


def _blocks(body: str) -> tuple[list[str], tuple[int, str] | None, list[int]]:
    """The masked lines, where a fence left open at the end was opened, and the line of each fence's opener."""
    out: list[str] = []
    opened: tuple[int, str] | None = None
    openers: list[int] = []
    fence: str | None = None
    containers: list[int] = []  # content indent of the open list items and admonitions
    in_paragraph = in_code = previous_blank = False
    for line in body.split("\n"):
        stripped = line.strip()
        if fence is not None:
            out.append("")
            if stripped.startswith(fence) and not stripped.strip(fence[0]):
                fence = None
            continue
        if not stripped:
            out.append(line)
            in_paragraph, previous_blank = False, True
            continue
        indent = indent_width(line)
        if previous_blank or not in_paragraph:
            while containers and indent < containers[-1]:
                containers.pop()
        base = containers[-1] if containers else 0
        previous_blank = False
        if (in_code or not in_paragraph) and indent >= base + 4:
            out.append("")
            in_code = True
            continue
        in_code = False
        lead = line.lstrip()
        opener = _FENCE.match(lead)
        if opener and not (opener.group(1)[0] == "`" and "`" in lead[opener.end() :]):
            fence = opener.group(1)
            opened = (len(out), fence)
            openers.append(len(out))
            out.append("")
            in_paragraph = False
            continue
        out.append(line)
        if _LIST_ITEM.match(lead) or _ADMONITION.match(lead):
            containers.append((indent // 4) * 4 + 4)
            in_paragraph = not _ADMONITION.match(lead)
        else:
            in_paragraph = not _HEADING.match(lead)
    return out, opened if fence is not None else None, openers


def mask_inline(text: str) -> str:
    """Blank out code spans and HTML comments; a code span never crosses a blank line.

    Each search for a closing `-->` or backtick run that fails is remembered: no later opener can be closed
    either, so a body of thousands of unclosed openers is read once, not once per opener.
    """
    parts: list[str] = []
    position = 0
    unclosed: set[str] = set()  # closers no search from here on can find
    for match in _INLINE.finditer(text):
        if match.start() < position:
            continue
        ticks = match.group(1)
        closer = "-->" if ticks is None else ticks
        if closer in unclosed:
            continue
        if ticks is None:
            found = text.find("-->", match.end())
            end = found + 3
        else:
            closing = _closing_ticks(ticks).search(text, match.end())
            found = closing.start() if closing is not None else -1
            end = closing.end() if closing is not None else -1
            if found >= 0 and _PARAGRAPH_BREAK.search(text, match.end(), found) is not None:
                continue
        if found < 0:
            unclosed.add(closer)
            continue
        parts.append(text[position : match.start()])
        parts.append(_blank(text[match.start() : end]))
        position = end
    parts.append(text[position:])
    return "".join(parts)


@lru_cache(maxsize=64)
def _closing_ticks(ticks: str) -> re.Pattern[str]:
    return re.compile(rf"(?<!`){ticks}(?!`)")


@dataclass(frozen=True, slots=True)
class Positions:
    """Turns an offset in a body into a file line and a 1-based column."""

    line_starts: tuple[int, ...]
    first_line: int

    @classmethod
    def of(cls, text: str, first_line: int) -> Positions:
        starts = [0]
        starts.extend(match.end() for match in re.finditer("\n", text))
        return cls(tuple(starts), first_line)

    def at(self, offset: int) -> tuple[int, int]:
        index = bisect.bisect_right(self.line_starts, offset) - 1
        return self.first_line + index, offset - self.line_starts[index] + 1
