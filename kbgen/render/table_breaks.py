"""Tables written right under a paragraph line, as GitHub and Microsoft Learn render them.

    Set these values:
    | Attribute | Value |
    | --------- | ----- |
    | Start     | Jan 1 |

GitHub's renderer (and Microsoft Learn's) ends the paragraph there and draws the table; Python-Markdown needs a
blank line first, and showed the rows as one paragraph of pipes. So the renderer is given that blank line: only
where a header row (with a '|') right under a plain paragraph line is followed by a delimiter row with a '|' and as
many cells (so a setext underline `---` never counts), outside code. For the renderer only: findings keep the
writer's lines.
"""

from __future__ import annotations

import re

from kbgen.links.code_mask import mask_blocks
from kbgen.render.list_breaks import plain_paragraph_line

_DELIMITER = re.compile(r" {0,3}\|?[ \t]*:?-+:?[ \t]*(?:\|[ \t]*:?-+:?[ \t]*)*\|?[ \t]*")
# a line with a '|' under an unindented line of text, above a line of dashes with a '|': where a break may be needed
_CANDIDATE = re.compile(r"^[^\s|>][^\n]*\n[^\n]*\|[^\n]*\n[ \t]*\|?[ \t]*:?-+:?[ \t]*\|", re.M)


def break_before_tables(body: str) -> str:
    """The body with a blank line wherever a table starts right under a plain paragraph's line."""
    if _CANDIDATE.search(body) is None:
        return body
    lines = body.split("\n")
    masked = mask_blocks(body).split("\n")
    out: list[str] = []
    for number, line in enumerate(lines):
        if 0 < number < len(lines) - 1 and _opens_table(lines, masked, number):
            out.append("")
        out.append(line)
    return "\n".join(out)


def _opens_table(lines: list[str], masked: list[str], number: int) -> bool:
    header, delimiter, above = lines[number], lines[number + 1], lines[number - 1]
    if any(masked[at] != lines[at] for at in (number - 1, number, number + 1)):
        return False  # code
    if "|" not in header or "|" not in delimiter or not _DELIMITER.fullmatch(delimiter):
        return False
    if not above.strip() or not plain_paragraph_line(above) or "|" in above:
        return False  # a blank line already, or no paragraph (a table's own row, a list item, a heading...)
    return _cells(header) == _cells(delimiter)


def _cells(row: str) -> int:
    inner = row.strip()
    inner = inner[1:] if inner.startswith("|") else inner
    inner = inner[:-1] if inner.endswith("|") and not inner.endswith("\\|") else inner
    return len(re.split(r"(?<!\\)\|", inner))
