"""English stemming identical to lunr.js's ``lunr.stemmer`` (2.3.9), a regex port of it.

lunr.py ships a different Porter implementation: it turns a final ``y`` into ``i`` after any vowel, so it
indexes ``kei``, ``displai`` and ``dai`` while lunr.js looks up ``key``, ``display`` and ``day`` and finds
nothing.
"""

from __future__ import annotations

import re
from functools import lru_cache

_STEP2 = {
    "ational": "ate", "tional": "tion", "enci": "ence", "anci": "ance", "izer": "ize", "bli": "ble",
    "alli": "al", "entli": "ent", "eli": "e", "ousli": "ous", "ization": "ize", "ation": "ate", "ator": "ate",
    "alism": "al", "iveness": "ive", "fulness": "ful", "ousness": "ous", "aliti": "al", "iviti": "ive",
    "biliti": "ble", "logi": "log",
}  # fmt: skip
_STEP3 = {"icate": "ic", "ative": "", "alize": "al", "iciti": "ic", "ical": "ic", "ful": "", "ness": ""}

_c = "[^aeiou]"
_v = "[aeiouy]"
_C = _c + "[^aeiouy]*"
_V = _v + "[aeiou]*"
_MGR0 = re.compile("^(" + _C + ")?" + _V + _C)
_MEQ1 = re.compile("^(" + _C + ")?" + _V + _C + "(" + _V + ")?$")
_MGR1 = re.compile("^(" + _C + ")?" + _V + _C + _V + _C)
_S_V = re.compile("^(" + _C + ")?" + _v)
_1A = re.compile(r"^(.+?)(ss|i)es$")
_1A2 = re.compile(r"^(.+?)([^s])s$")
_1B = re.compile(r"^(.+?)eed$")
_1B2 = re.compile(r"^(.+?)(ed|ing)$")
_1B_AT = re.compile(r"(at|bl|iz)$")
_1B_DOUBLE = re.compile(r"([^aeiouylsz])\1$")
_CVC = re.compile("^" + _C + _v + "[^aeiouwxy]$")
_1C = re.compile(r"^(.+?[^aeiou])y$")
_2 = re.compile("^(.+?)(" + "|".join(_STEP2) + ")$")
_3 = re.compile("^(.+?)(" + "|".join(_STEP3) + ")$")
_4 = re.compile(r"^(.+?)(al|ance|ence|er|ic|able|ible|ant|ement|ment|ent|ou|ism|ate|iti|ous|ive|ize)$")
_4B = re.compile(r"^(.+?)(s|t)(ion)$")
_5 = re.compile(r"^(.+?)e$")
_5LL = re.compile(r"ll$")


def _js_length(word: str) -> int:
    return len(word) + sum(1 for ch in word if ord(ch) > 0xFFFF)


@lru_cache(maxsize=200_000)
def stem_en(w: str) -> str:
    """Stem one lower-case word as lunr.js does."""
    if _js_length(w) < 3:
        return w
    firstch = w[0]
    if firstch == "y":
        w = "Y" + w[1:]
    # Step 1a (the JS uses replace(re, "$1$2"), i.e. it drops the matched tail after the groups)
    if (m := _1A.match(w)) or (m := _1A2.match(w)):
        w = m.group(1) + m.group(2)
    # Step 1b
    if m := _1B.match(w):
        if _MGR0.search(m.group(1)):
            w = w[:-1]
    elif m := _1B2.match(w):
        stem = m.group(1)
        if _S_V.search(stem):
            w = stem
            if _1B_AT.search(w):
                w = w + "e"
            elif _1B_DOUBLE.search(w):
                w = w[:-1]
            elif _CVC.search(w):
                w = w + "e"
    # Step 1c
    if m := _1C.match(w):
        w = m.group(1) + "i"
    # Steps 2 and 3
    if (m := _2.match(w)) and _MGR0.search(m.group(1)):
        w = m.group(1) + _STEP2[m.group(2)]
    if (m := _3.match(w)) and _MGR0.search(m.group(1)):
        w = m.group(1) + _STEP3[m.group(2)]
    # Step 4
    if m := _4.match(w):
        if _MGR1.search(m.group(1)):
            w = m.group(1)
    elif m := _4B.match(w):
        stem = m.group(1) + m.group(2)
        if _MGR1.search(stem):
            w = stem
    # Step 5
    if m := _5.match(w):
        stem = m.group(1)
        if _MGR1.search(stem) or (_MEQ1.search(stem) and not _CVC.search(stem)):
            w = stem
    if _5LL.search(w) and _MGR1.search(w):
        w = w[:-1]
    if firstch == "y":
        w = "y" + w[1:]
    return w
