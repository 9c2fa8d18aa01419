"""Estimates, in linear time, how much Python-Markdown rescans paragraph blocks that headings and rules cut up.

A block processor that finds a heading, a horizontal rule, a setext underline or an admonition inside a block (no
blank line around it) cuts the block there and puts the rest back; every block processor then tests the
rest again, and the tables extension splits all of it into rows to do so. Each such line so costs the length of
its block after it, 30 to 80 ns a character: 10,000 `# a` lines without a blank line between them (40 KB) took
Python-Markdown 16 s, 10,000 `***` rules 36 s, and a 100 KB article of headings kept `kbgen build` busy 53 s.
"""

from __future__ import annotations

import re

# A line a block processor cuts a block at: an ATX heading, a rule or setext underline, an admonition. A list item
# is not one (the list processor takes the whole list at once), nor a fence (superfences costs linear time).
SPLIT_LINE = re.compile(
    r"^(?:#|[ ]{0,3}(?:(?:-[ ]{0,2}){3,}|(?:_[ ]{0,2}){3,}|(?:\*[ ]{0,2}){3,}|=+|-+)[ \t]*$|(?:!!!|\?\?\?\+?)[ \t])",
    re.M,
)


def split_lines(body: str) -> int:
    """How many lines of the body may cut a block: times the body's length, a bound on `split_work`."""
    return len(SPLIT_LINE.findall(body))


def split_work(lines: list[str]) -> int:
    """Characters rescanned in one block (its lines, without the newlines that end them): after each line that
    cuts it, the rest of the block."""
    total = sum(len(line) + 1 for line in lines)
    work = done = 0
    for line in lines:
        done += len(line) + 1
        if SPLIT_LINE.match(line):
            work += total - done
    return work
