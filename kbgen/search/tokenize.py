"""Splits text into words exactly as the browser does (``kb-search-core.js``), so both sides see the same
words.

A word is a maximal run of Unicode letters, marks and digits (``[\\p{L}\\p{M}\\p{N}]+`` in JavaScript),
after NFKC normalisation; a run is further split where Han characters meet other letters, because Han text
has no spaces and is segmented separately. lunr's own tokenizers are not used: lunr.py splits on fewer
Unicode spaces than lunr.js, and both leave punctuation on words for an ASCII-only trimmer that eats ``ş``
and ``ț``.
"""

from __future__ import annotations

import re
import sys
import unicodedata
from functools import cache

# Han ideographs (the JavaScript side has the same ranges in HAN_RANGES).
HAN_RANGES: tuple[tuple[int, int], ...] = (
    (0x2E80, 0x2FDF),
    (0x3005, 0x3007),
    (0x3021, 0x3029),
    (0x3038, 0x303B),
    (0x3400, 0x4DBF),
    (0x4E00, 0x9FFF),
    (0xF900, 0xFAFF),
    (0x20000, 0x3FFFF),
)


def _is_han(cp: int) -> bool:
    return any(lo <= cp <= hi for lo, hi in HAN_RANGES)


def _class(ranges: list[tuple[int, int]]) -> str:
    return "".join(
        re.escape(chr(lo)) if lo == hi else f"{re.escape(chr(lo))}-{re.escape(chr(hi))}" for lo, hi in ranges
    )


@cache
def _word_pattern() -> re.Pattern[str]:
    """Built once per process from this Python's Unicode database: runs of code points in L, M or N.

    Every code point's category is looked up by C-level maps and the runs found by a regular expression: a Python
    loop over 1.1 million code points cost a second in every process that indexes.
    """
    marks = "".join(map(_CATEGORY_MARK.__getitem__, map(unicodedata.category, map(chr, range(sys.maxunicode + 1)))))
    han: list[tuple[int, int]] = []
    other: list[tuple[int, int]] = []
    for run in re.finditer("w+", marks):
        _add_run(run.start(), run.end() - 1, han, other)
    return re.compile(f"(?P<han>[{_class(han)}]+)|[{_class(other)}]+")


# "w" for a general category of letters, marks or numbers, "." for any other; the keys are every category.
_CATEGORY_MARK = {
    f"{major}{minor}": "w" if major in "LMN" else "."
    for major, minors in {
        "L": "ultmo",
        "M": "nce",
        "N": "dlo",
        "P": "cdseifo",
        "S": "mcko",
        "Z": "slp",
        "C": "cfson",
    }.items()
    for minor in minors
}


def _add_run(first: int, last: int, han: list[tuple[int, int]], other: list[tuple[int, int]]) -> None:
    """Split one run of word characters at the Han ranges' edges into the two classes."""
    start = first
    for lo, hi in HAN_RANGES:
        if hi < start or lo > last:
            continue
        if lo > start:
            _append(other, start, lo - 1)
        _append(han, max(lo, start), min(hi, last))
        start = min(hi, last) + 1
    if start <= last:
        _append(other, start, last)


def _append(ranges: list[tuple[int, int]], lo: int, hi: int) -> None:
    if ranges and ranges[-1][1] == lo - 1:
        ranges[-1] = (ranges[-1][0], hi)
    else:
        ranges.append((lo, hi))


def normalize_text(text: str) -> str:
    """NFKC, so full-width Latin (common in Chinese text) and ligatures match what readers type."""
    return unicodedata.normalize("NFKC", text)


def words(text: str) -> list[tuple[str, bool]]:
    """Return ``(word, is_han_run)`` pairs of NFKC-normalised ``text`` in reading order."""
    return [(m.group(0), m.group("han") is not None) for m in _word_pattern().finditer(normalize_text(text))]


def is_han(word: str) -> bool:
    return bool(word) and all(_is_han(ord(ch)) for ch in word)
