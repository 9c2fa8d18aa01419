"""Per-language word processing, the same in Python at index time and in ``kb-search-core.js`` at query
time.

One lunr pipeline function per language, registered under the label ``kbgen-<key>`` on both sides, turns a
word into zero, one or two index terms: normalise case (Turkish dotted/dotless I; Romanian comma-below
letters to the cedilla forms the lunr-languages stemmer expects), drop stop words, stem, then fold
diacritics so ``sifre`` meets ``şifre``. A second term ``stem(fold(word))`` is added when it differs, so an
inflected word typed without diacritics still finds the same spelling. Stemmers: English is lunr.js's own
(:mod:`stem_en`), Romanian is Snowball (``snowballstemmer`` here, lunr-languages in the browser), Turkish is
kbgen's own (:mod:`stem_tr`); Han words are never stemmed.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable
from functools import cache, lru_cache

import snowballstemmer

from kbgen.search.stem_en import stem_en
from kbgen.search.stem_tr import stem_tr
from kbgen.search.stopwords import STOP_WORDS
from kbgen.search.tokenize import is_han

SUPPORTED = ("en", "ro", "tr", "zh")
_FOLD_EXTRA = str.maketrans({"ı": "i", "ł": "l", "đ": "d", "ø": "o", "ß": "ss", "æ": "ae", "œ": "oe"})
_RO_CEDILLA = str.maketrans({"ș": "ş", "ț": "ţ"})


def language_key(lang: str) -> str:
    """``"tr-TR"`` -> ``"tr"``; a language without a pipeline of its own -> ``"none"`` (no stemming)."""
    key = lang.strip().lower().replace("_", "-").split("-")[0]
    return key if key in SUPPORTED else "none"


def pipeline_label(key: str) -> str:
    return f"kbgen-{key}"


def fold(word: str) -> str:
    """Strip diacritics (``ş`` -> ``s``, ``ı`` -> ``i``); letters without marks are unchanged."""
    if word.isascii():
        return word  # nothing to strip, decompose or map: most words of most help centers
    decomposed = unicodedata.normalize("NFD", word)
    stripped = "".join(ch for ch in decomposed if unicodedata.category(ch) != "Mn")
    return unicodedata.normalize("NFC", stripped.translate(_FOLD_EXTRA))


def normalize_word(word: str, key: str) -> str:
    if key == "tr":
        word = word.replace("I", "ı").replace("İ", "i")
    word = word.lower()
    if key == "ro":
        word = word.translate(_RO_CEDILLA)
    return word


@cache
def stop_words(key: str) -> frozenset[str]:
    """The stop words of ``key`` plus their folded spellings (``icin`` is as empty as ``için``)."""
    words = STOP_WORDS.get(key, frozenset())
    return frozenset(words | {fold(w) for w in words})


@cache
def _stemmer(key: str) -> Callable[[str], str]:
    if key in ("en", "zh"):
        return stem_en
    if key == "ro":
        return snowballstemmer.stemmer("romanian").stemWord  # type: ignore[no-any-return]
    return lambda word: word


@lru_cache(maxsize=500_000)
def process_word(word: str, key: str) -> tuple[str, ...]:
    """The index terms for one word (already NFKC-normalised by the tokenizer); empty for a stop word, however its
    marks are written: ``ICIN`` on a keyboard without Turkish letters reads ``ıcın``, as empty as ``için``."""
    w = normalize_word(word, key)
    stop = stop_words(key)
    if not w or w in stop or fold(w) in stop:
        return ()
    if is_han(w):
        return (w,)
    stem = stem_tr if key == "tr" else _stemmer(key)
    first = fold(stem(w))
    second = fold(stem(fold(w)))
    return (first,) if first == second else (first, second)
