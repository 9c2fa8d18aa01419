"""Text quoted with `>` read as the text around it is: GitHub's and Microsoft Learn's alerts (`> [!NOTE]`) hold lists
as often as pages do, written the same way (right under the alert's line, or nested two spaces in)."""

from __future__ import annotations

import re
from collections.abc import Callable

from kbgen.links.code_mask import mask_blocks

_QUOTED = re.compile(r"( {0,3})> ?")
# an item in a quote, searched for after a newline put before the body: a pattern opening with a character is found
# by a scan in C, where `^` in MULTILINE mode is tried at every position (five times slower)
_LIST_IN_QUOTE = re.compile(r"\n {0,3}>(?:[ \t]*>)*[ \t]*(?:[-*+]|\d{1,9}[.)])(?:[ \t]|$)", re.M)


def within_quotes(body: str, read: Callable[[str], str]) -> str:
    """`body` with the text of each quote (its run of lines that start with `>`, outside code) given to `read`, and
    quoted again. A quote `read` leaves as it is keeps its bytes; one it changes has `> ` before each line."""
    if _LIST_IN_QUOTE.search("\n" + body) is None:
        return body
    lines = body.split("\n")
    masked = mask_blocks(body).split("\n")
    out: list[str] = []
    run: list[str] = []  # the quote's lines as written
    inner: list[str] = []  # its text
    margin = ""

    def close() -> None:
        text = "\n".join(inner)
        read_as = read(text)
        if read_as == text:
            out.extend(run)
        else:
            out.extend(f"{margin}> {line}" if line else f"{margin}>" for line in read_as.split("\n"))
        run.clear()
        inner.clear()

    for line, seen in zip(lines, masked, strict=True):
        found = _QUOTED.match(line) if seen == line else None
        if run and (found is None or found.group(1) != margin):
            close()
        if found is None:
            out.append(line)
            continue
        margin = found.group(1)
        run.append(line)
        inner.append(line[found.end() :])
    if run:
        close()
    return "\n".join(out) if out != lines else body  # unchanged: the same object, not an equal copy
