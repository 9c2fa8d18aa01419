"""List items' content indented as CommonMark reads it, moved to where Python-Markdown reads it the same way.

GitHub and Microsoft Learn (CommonMark) place an item's content at the column its text starts in: under `- ` two
spaces in, under `1. ` three. A list there is a nested list, a fenced block there is the item's code. Python-Markdown,
MkDocs' renderer, reads an item's content only four spaces past its marker, so these nested lists show flat (the
sub-items become siblings), a sub-list under a numbered step runs into the step's text, and a code block under a
step ends the list, so the steps after it are numbered afresh.

Python-Markdown places items by level instead: an item's marker four spaces a level in, its content four past
that. So each item's content (every line of it, nested items and code included) is given to the renderer moved by
the same number of spaces, to that column; what is inside keeps its shape. Content written four past its marker
(Python-Markdown's own style, which CommonMark reads the same way) is measured from there, so it keeps its shape
too. Only leading spaces change, and a blank line is added where Python-Markdown would otherwise run a step into
the sub-item above it. For the renderer only: findings keep the writer's lines. A quote's lists are read through
this too (kbgen.render.quoted), and so are an admonition's or a content tab's (kbgen.render.indented_blocks).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from kbgen.links.code_mask import indent_width

# a list marker and the spaces after it (none at the end of the line: an item that starts empty)
_MARKER = re.compile(r"([-*+]|\d{1,9}[.)])([ \t]+|$)")
_BREAK = re.compile(r"(?:(?:\*[ \t]*){3,}|(?:-[ \t]*){3,}|(?:_[ \t]*){3,})$")  # `* * *`: a rule, not an item
_FENCE = re.compile(r"`{3,}(?!.*`)|~{3,}")
# lines a paragraph cannot lazily run on into: they start a block of their own
_STARTS_BLOCK = re.compile(r"(?:[-*+][ \t]|\d{1,9}[.)][ \t]|#{1,6}(?:[ \t]|$)|>|`{3,}|~{3,}|!!!|\?\?\?|:::)")
_STANDS_ALONE = re.compile(r"(?:#{1,6}(?:[ \t]|$)|!!!|\?\?\?|:::|[=-]+[ \t]*$)")  # no paragraph runs on under it
_ANY_LIST = re.compile(r"^ {0,3}(?:[-*+]|\d{1,9}[.)])(?:[ \t]|$)", re.M)
_MAY_MATTER = frozenset("-*+0123456789`~ \t")  # how a list item, a fence or an indented line begins
_ANY_INDENTED = re.compile(r"^[ \t]+\S", re.M)  # without one, no item has content to move
# without one, and no line indented, no list is read any other way (searched after a newline put before the body:
# see kbgen.render.quoted)
_KIND_CHANGE = re.compile(r"\n(?:\d{1,9}[.)][ \t][^\n]*\n[-*+]|[-*+][ \t][^\n]*\n\d{1,9}[.)])[ \t]")


@dataclass(slots=True, eq=False)
class _Item:
    marker: int  # the marker's column in the source
    content: int  # the column the item's content starts at, as CommonMark reads it
    depth: int  # how many items it is in
    numbered: bool
    short: bool = False  # a line of its own content is indented less than four past its marker
    lines: list[int] = field(default_factory=list)  # the lines whose innermost item this is (its marker line not)


def indent_list_content(body: str) -> str:
    """The body with each list item's content where Python-Markdown reads what CommonMark reads there."""
    if _ANY_LIST.search(body) is None:
        return body
    if _ANY_INDENTED.search(body) is None and _KIND_CHANGE.search("\n" + body) is None:
        return body
    lines = body.split("\n")
    items, breaks = _read_items(lines)
    moved = list(lines)
    shifted = False
    for item in items:
        level = 4 * item.depth  # where Python-Markdown reads the item's marker: four spaces a level
        # its content four past that; content written four past the marker (Python-Markdown's way) keeps its shape
        shift = level + 4 - item.content if item.short else level - item.marker
        if shift and item.lines:
            shifted = True
            for number in item.lines:
                moved[number] = _moved(lines[number], shift)
    if not shifted and not breaks:
        return body  # the same object: a page keeps its body, not an equal copy (12,000 of them held 37 MB)
    if breaks:
        moved = [part for number, line in enumerate(moved) for part in (("", line) if number in breaks else (line,))]
    return "\n".join(moved)


def _moved(line: str, shift: int) -> str:
    lead = len(line) - len(line.lstrip(" \t"))
    if shift > 0 and "\t" not in line[:lead]:
        return " " * shift + line
    return " " * (indent_width(line) + shift) + line[lead:]


def _read_items(lines: list[str]) -> tuple[list[_Item], set[int]]:
    """Every list item in `lines`, in the order they open, with the lines that are its own content, as CommonMark
    reads them; and the lines a blank line must go before.

    Those are a shallower item's lines right under a deeper item's, in a run of lines (between blank ones) that
    began in the deeper item: Python-Markdown reads a run that starts indented as the deeper item's content, whole,
    so "2. Next step" there would run into the sub-item's text. And bullets right under a numbered item (or the
    other way round) at its level: CommonMark starts a new list there, Python-Markdown runs them into the item."""
    items: list[_Item] = []
    breaks: set[int] = set()
    run_depth: int | None = None  # how deep in items the current run of lines began
    open_items: list[_Item] = []
    fence: tuple[str, _Item | None] | None = None  # an open fence's run of backticks or tildes, and its item
    previous_blank, in_paragraph = True, False
    for number, line in enumerate(lines):
        if fence is None and not open_items and line and line[0] not in _MAY_MATTER:
            # prose outside every list (most lines): it can only end or go on a paragraph
            previous_blank, in_paragraph, run_depth = False, _STANDS_ALONE.match(line) is None, 0
            continue
        lead = line.lstrip(" \t")
        if not lead:
            previous_blank, in_paragraph, run_depth = True, False, None
            continue
        column = indent_width(line)
        if fence is not None:
            marker, holder = fence
            if holder is None or column >= holder.content:
                if holder is not None:
                    holder.lines.append(number)
                if run_depth is None:
                    run_depth = len(open_items)
                closing = lead.rstrip()
                if closing.startswith(marker) and not closing.strip(marker[0]):  # as long as the opening, or longer
                    fence = None
                previous_blank = False
                continue
            fence = None  # the item ended under its fence, and the fence with it
        starts_block = _STARTS_BLOCK.match(lead) is not None
        if in_paragraph and not previous_blank and open_items and column < open_items[-1].content and not starts_block:
            previous_blank = False  # a lazy line, still in the paragraph above: left where it is
            continue
        closed = None
        while open_items and column < open_items[-1].content:
            closed = open_items.pop()
        holder = open_items[-1] if open_items else None
        # an item there goes on the list `closed` was in; a numbered one from 2 starts none under a paragraph
        in_list = closed is not None and closed.depth == len(open_items)
        base = holder.content if holder is not None else 0
        if run_depth is not None and len(open_items) < run_depth:
            breaks.add(number)
        run_depth = len(open_items) if run_depth is None else min(run_depth, len(open_items))
        if column - base >= 4:  # indented code, or a paragraph's line run on
            if holder is not None:
                holder.lines.append(number)
                if column < holder.marker + 8 and (previous_blank or not in_paragraph):
                    holder.short = True  # code here, where Python-Markdown would read a paragraph
            in_paragraph = in_paragraph and not previous_blank
            previous_blank = False
            continue
        found = None if _BREAK.match(lead) else _MARKER.match(lead)
        if found is not None and not (in_list or previous_blank or not in_paragraph or _interrupts(found)):
            found = None  # "2. not a list" under a paragraph's line: CommonMark runs it on, so does Python-Markdown
        runs_on = found is None and in_paragraph and not previous_blank  # a line of the paragraph above
        if holder is not None and not (runs_on and _MARKER.match(lead)):  # "2. x" run on stays where it is: text
            holder.lines.append(number)
            if column < holder.marker + 4 and not runs_on:
                holder.short = True
        if found is not None:
            item = _Item(column, _content_column(column, found), len(open_items), found.group(1)[0].isdigit())
            if in_list and closed is not None and closed.numbered != item.numbered and not previous_blank:
                breaks.add(number)  # bullets right under steps (or steps under bullets): a list of their own
            items.append(item)
            open_items.append(item)
            in_paragraph = bool(lead[found.end() :].strip())
        else:
            opener = _FENCE.match(lead)
            if opener is not None:
                fence = (opener.group(0), holder)
                in_paragraph = False
            else:
                in_paragraph = _STANDS_ALONE.match(lead) is None
        previous_blank = False
    return items, breaks


def _interrupts(marker: re.Match[str]) -> bool:
    """Whether this item may start a list right under a paragraph's line: a bullet, or a numbered item from 1."""
    kind = marker.group(1)
    return not kind[0].isdigit() or kind[:-1].lstrip("0") == "1"


def _content_column(column: int, marker: re.Match[str]) -> int:
    """Where the item's content starts: after its marker and the one to four spaces after it. Five or more start
    indented code one space in; an item that starts empty has its content one space after the marker."""
    spaces = marker.group(2)
    width = len(spaces.expandtabs(4)) if spaces else 0
    if width == 0 or width > 4:
        width = 1
    return column + len(marker.group(1)) + width
