"""Per-language word processing, the same in Python at index time and in ``kb-search-core.js`` at query
time.

One lunr pipeline function per language, registered under the label ``kbgen-<key>`` on both sides, turns a
word into zero, one or two index terms: normalise case (Turkish dotted/dotless I; Romanian comma-below
letters to the cedilla forms the lunr-languages stemmer expects), drop stop words, stem, then fold
diacritics so ``sifre`` meets ``şifre``. A second term ``stem(fold(word))`` is added when it differs, so an
inflected word typed without diacritics still finds the same spelling. Stemmers: English is lunr.js's own
(:mod:`stem_en`), Turkish and Romanian are Snowball (``snowballstemmer`` here, lunr-languages in the
browser), Turkish stems then losing the verb endings Snowball keeps (:func:`turkish_verb_stem`); Han words are
never stemmed.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable
from functools import cache, lru_cache

import snowballstemmer

from kbgen.search.stem_en import stem_en
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
    if key in ("tr", "ro"):
        snowball = snowballstemmer.stemmer({"tr": "turkish", "ro": "romanian"}[key])
        return snowball.stemWord  # type: ignore[no-any-return]
    return lambda word: word


# Endings Snowball's Turkish stemmer (nouns only) leaves on a verb: the infinitive (-mak), the verbal noun a title
# is written in (-ma, and -ması with its possessive, whose ı Snowball alone drops), longest first.
_TR_VERB_ENDINGS = ("mak", "mek", "masi", "mesi", "mas", "mes", "ma", "me")


def turkish_verb_stem(stem: str) -> str:
    """A folded Turkish Snowball stem without a verb ending, and without the buffer ``y`` an ending left.

    Snowball stems the title "Giderleri onaylama" to ``onayla``, the imperative ``onaylayın`` to ``onaylay`` and
    leaves ``kapatma`` and ``kapatmak`` whole while ``kapatın`` is ``kapat``: a reader's verb form rarely met the
    title's. At least three letters stay, so a short noun ending in ``ma`` (``tema``) is kept.
    """
    for ending in _TR_VERB_ENDINGS:
        if stem.endswith(ending) and len(stem) - len(ending) >= 3:
            stem = stem[: -len(ending)]
            break
    if len(stem) >= 4 and stem[-1] == "y" and stem[-2] in "aeiou":
        stem = stem[:-1]
    return stem


def _settle(stem: str, key: str) -> str:
    return turkish_verb_stem(stem) if key == "tr" else stem


@lru_cache(maxsize=500_000)
def process_word(word: str, key: str) -> tuple[str, ...]:
    """The index terms for one word (already NFKC-normalised by the tokenizer); empty for a stop word."""
    w = normalize_word(word, key)
    if not w or w in stop_words(key):
        return ()
    if is_han(w):
        return (w,)
    stem = _stemmer(key)
    first = _settle(fold(stem(w)), key)
    second = _settle(fold(stem(fold(w))), key)
    return (first,) if first == second else (first, second)
