"""Lists read the way the writer's own renderer reads them, and which lines that reading makes code.

A line's being code depends on the list around it: under `1. ` CommonMark (GitHub, Microsoft Learn) places a step's
content three spaces in, so a screenshot four spaces in, below a paragraph of the step, is the step's image;
Python-Markdown's own rule (content four spaces past the marker) would read that line as an indented code block.
The renderer is given the writer's lists moved to where Python-Markdown reads them the same way
(kbgen.render.renderer_source), DocFX columns' content moved left with them (kbgen.render.docfx_layout), so
whatever decides what is code on the writer's lines (the link and image check,
DocFX images, unclosed comments) reads it here, from the renderer's own text: a link the page shows is checked and
its image published, and one shown as code is not.
"""

from __future__ import annotations

from functools import lru_cache, partial

from kbgen.links.code_mask import indent_width, mask_and_open_fence
from kbgen.render.docfx_layout import dedent_columns
from kbgen.render.indented_blocks import within_blocks
from kbgen.render.list_breaks import break_before_lists
from kbgen.render.list_indents import indent_list_content
from kbgen.render.quoted import within_quotes

# quotes and blocks nested deeper are read as written (the render budget refuses bodies nested far deeper,
# kbgen.loading)
QUOTE_DEPTH = 8


def read_lists(text: str, depth: int = 0) -> str:
    """Lists as CommonMark reads them, in quotes, admonitions and content tabs too (alerts hold lists as often as
    pages do). Only leading spaces change, and blank lines are added."""
    if depth < QUOTE_DEPTH:
        deeper = partial(read_lists, depth=depth + 1)
        text = within_blocks(within_quotes(text, deeper), deeper)
    return indent_list_content(break_before_lists(text))


def code_blanked(body: str) -> str:
    """`mask_blocks` of the body as the renderer reads its lists: the writer's lines, those the page shows as code
    (fenced or indented) blanked."""
    read, places = _reading(body)
    if places is None:  # nothing moved, or not the shape `read_lists` keeps: the writer's lines as they are
        return _blocks(body)[0]
    masked, read_lines = _blocks(read)[0].split("\n"), read.split("\n")
    shown = zip(body.split("\n"), places, strict=True)
    return "\n".join(line if masked[at] == read_lines[at] else "" for line, at in shown)


def read_indents(body: str) -> tuple[int, ...] | None:
    """How far in each of the writer's lines is in the renderer's reading of the lists (a tab to the next multiple
    of four); None when the reading moved nothing, so the writer's own indentation holds."""
    read, places = _reading(body)
    if places is None:
        return None
    read_lines = read.split("\n")
    return tuple(indent_width(read_lines[at]) for at in places)


def unclosed_fence(body: str) -> tuple[int, str] | None:
    """The writer's line (0-based) and the fence of a code fence that nothing closes, as the renderer reads the
    body's lists; None when every fence closes."""
    read, places = _reading(body)
    found = _blocks(read)[1]
    if found is None or read is body:
        return found
    if places is None or found[0] not in places:
        return _blocks(body)[1]
    return places.index(found[0]), found[1]


@lru_cache(maxsize=8)
def _reading(body: str) -> tuple[str, tuple[int, ...] | None]:
    """The renderer's reading of the body's lists, and where each of the writer's lines is in it (None when it is
    the body itself, or not of that shape). Kept for the last few bodies: loading one asks for it up to four times
    (its links, its DocFX images, its comments, its fences)."""
    read = read_lists(dedent_columns(body))
    if read is body:
        return body, None
    places = _places(body.split("\n"), read)
    return read, tuple(places) if places is not None else None


@lru_cache(maxsize=8)
def _blocks(text: str) -> tuple[str, tuple[int, str] | None]:
    return mask_and_open_fence(text)


def _places(lines: list[str], read: str) -> list[int] | None:
    """Where each of the writer's lines is in the reading (only leading spaces change, blank lines are added);
    None when the reading is not of that shape."""
    read_lines = read.split("\n")
    places: list[int] = []
    at = 0
    for line in lines:
        wanted = line.strip()
        while at < len(read_lines) and read_lines[at].strip() != wanted:
            at += 1  # a blank line the reading added
        if at == len(read_lines):
            return None
        places.append(at)
        at += 1
    return places
