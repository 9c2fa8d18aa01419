"""Markdown inside a raw HTML block of prose, read where GitHub reads it: after a blank line.

A writer answers a question in `<details><summary>…</summary>`, leaves a blank line and writes Markdown, as
GitHub's own help shows: their preview renders it. Python-Markdown keeps the whole block raw, so the site showed
`**Settings**` and `[reset](reset.md)` as typed. Such a block (kbgen.links.html_blocks.PROSE, with a blank line
inside and no `markdown` attribute of its own) is given to the renderer with `markdown="1"` on its opening tag,
which the md_in_html extension reads as Markdown; the sanitiser drops the attribute from the page either way. The
link check reads the same blocks as Markdown (kbgen.links.extract), and a project without md_in_html is told.
"""

from __future__ import annotations

import bisect
import re

from kbgen.links.code_mask import mask_inline
from kbgen.links.html_blocks import PROSE, RawBlock, raw_html_blocks
from kbgen.render.list_reading import code_blanked, read_indents

MARK = ' markdown="1"'
# a body without any of these tags has no block to mark (most bodies: read no further)
_PROSE_TAG = re.compile(rf"<(?:{'|'.join(sorted(PROSE))})\b", re.IGNORECASE)


def with_markdown_in_html(body: str) -> str:
    """The body with each prose block that holds Markdown after a blank line marked `markdown="1"`."""
    masked = mask_inline(code_blanked(body)) if _PROSE_TAG.search(body) else ""
    marked = _marked(masked, body)
    if not marked:
        return body
    # every line that is not code is in the masked text as the writer wrote it, so a tag's line and column there
    # are its line and column in the body
    starts = [0, *(at + 1 for at, char in enumerate(masked) if char == "\n")]
    lines = body.split("\n")
    for block in reversed(marked):
        number = bisect.bisect_right(starts, block.tag_end) - 1
        column = block.tag_end - starts[number]
        lines[number] = lines[number][:column] + MARK + lines[number][column:]
    return "\n".join(lines)


def holds_markdown_in_html(body: str) -> bool:
    """Whether the body has a prose block that GitHub would read Markdown in (for the md_in_html advice)."""
    return _PROSE_TAG.search(body) is not None and bool(_marked(mask_inline(code_blanked(body)), body))


def _marked(masked: str, body: str) -> list[RawBlock]:
    """The blocks of `masked` (the body with code blanked) to mark, its lists read as the renderer reads them."""
    return [block for block in raw_html_blocks(masked, read_indents(body)) if block.marked] if masked else []
