"""How much an article's body changed, in words, so a typo fix does not ask for a new review and a rewrite does.

A word is a run of non-space characters, or a single CJK ideograph, kana or hangul syllable (those scripts do
not separate words with spaces). Bodies are normalised first, as for translation hashes, so line endings,
trailing spaces and blank lines never count. A change is substantial when the words inserted, deleted or
replaced (difflib's opcodes, the larger side of each) reach max(20, 10% of the reviewed body's words).
"""

from __future__ import annotations

import difflib
import math
import re

from kbgen.translations.source_hash import normalise_body

MIN_WORDS = 20
SHARE = 0.10
_CJK = "\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff"
_WORD = re.compile(f"[{_CJK}]|[^\\s{_CJK}]+")


def words(body: str) -> list[str]:
    return _WORD.findall(normalise_body(body))


def changed_words(before: str, after: str) -> tuple[int, int]:
    """(words changed, words in `before`)."""
    old, new = words(before), words(after)
    if old == new:
        return 0, len(old)
    matcher = difflib.SequenceMatcher(None, old, new)
    changed = sum(max(i2 - i1, j2 - j1) for tag, i1, i2, j1, j2 in matcher.get_opcodes() if tag != "equal")
    return changed, len(old)


def threshold(total: int) -> int:
    return max(MIN_WORDS, math.ceil(SHARE * total))
