"""Lists read the way the writer's own renderer reads them, and which lines that reading makes code.

A line's being code depends on the list around it: under `1. ` CommonMark (GitHub, Microsoft Learn) places a step's
content three spaces in, so a screenshot four spaces in, below a paragraph of the step, is the step's image;
Python-Markdown's own rule (content four spaces past the marker) would read that line as an indented code block.
The renderer is given the writer's lists moved to where Python-Markdown reads them the same way
(kbgen.render.renderer_source), so whatever decides what is code on the writer's lines (the link and image check,
DocFX images, unclosed comments) reads it here, from the renderer's own text: a link the page shows is checked and
its image published, and one shown as code is not.
"""

from __future__ import annotations

from functools import partial

from kbgen.links.code_mask import mask_blocks
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
    read = read_lists(body)
    if read is body:
        return mask_blocks(body)
    lines = read.split("\n")
    masked = mask_blocks(read).split("\n")
    out: list[str] = []
    at = 0
    for line in body.split("\n"):
        wanted = line.strip()
        while at < len(lines) and lines[at].strip() != wanted:
            at += 1  # a blank line the reading added
        if at == len(lines):  # not the shape `read_lists` keeps: the writer's lines as Python-Markdown reads them
            return mask_blocks(body)
        out.append(line if masked[at] == lines[at] else "")
        at += 1
    return "\n".join(out)
