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
    han: list[tuple[int, int]] = []
    other: list[tuple[int, int]] = []
    for cp in range(sys.maxunicode + 1):
        if unicodedata.category(chr(cp))[0] not in "LMN":
            continue
        target = han if _is_han(cp) else other
        if target and target[-1][1] == cp - 1:
            target[-1] = (target[-1][0], cp)
        else:
            target.append((cp, cp))
    return re.compile(f"(?P<han>[{_class(han)}]+)|[{_class(other)}]+")


def normalize_text(text: str) -> str:
    """NFKC, so full-width Latin (common in Chinese text) and ligatures match what readers type."""
    return unicodedata.normalize("NFKC", text)


def words(text: str) -> list[tuple[str, bool]]:
    """Return ``(word, is_han_run)`` pairs of NFKC-normalised ``text`` in reading order."""
    return [(m.group(0), m.group("han") is not None) for m in _word_pattern().finditer(normalize_text(text))]


def is_han(word: str) -> bool:
    return bool(word) and all(_is_han(ord(ch)) for ch in word)
