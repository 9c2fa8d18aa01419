"""Text placed in a Markdown table cell (the `kbgen check` and `kbgen report` Markdown outputs) safely.

Findings and titles come from article authors, so a cell must not open raw HTML, split the row at a `|`
or end it at a line break; a backtick would end a code span early.
"""

from __future__ import annotations

import html

from kbgen.safe_text import code_span, pipe_safe, printable


def cell(text: str) -> str:
    """Table-safe: no raw HTML, no column breaks, no line breaks, nothing a UTF-8 file cannot hold."""
    escaped = pipe_safe(html.escape(printable(text), quote=False))
    return " ".join(escaped.split())


def code(text: str) -> str:
    """A code span that stays one span in one cell: backticks and line breaks dropped, `|` escaped."""
    return f"`{code_span(text)}`"
