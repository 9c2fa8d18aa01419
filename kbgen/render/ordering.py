"""The order of sections and articles in every listing: the writers' `order` first, then titles alphabetically.

Alphabetical means in the page's language, without ICU: case and accents are ignored except where a language
treats an accented letter as a letter of its own (Turkish `ç ğ ı ö ş ü`, Romanian `ă â î ș ț`), which then sorts
after its base letter as in that language's dictionaries. The key depends only on the text, so output is the
same on every machine whatever its locale.
"""

from __future__ import annotations

import unicodedata
from functools import cache, lru_cache

# Letters a language sorts as their own, mapped to (base letter, rank after it); rank 0 is the plain letter.
_TAILORING: dict[str, dict[str, tuple[str, int]]] = {
    "tr": {"ç": ("c", 1), "ğ": ("g", 1), "ı": ("i", 0), "i": ("i", 1), "ö": ("o", 1), "ş": ("s", 1), "ü": ("u", 1)},
    "ro": {
        "ă": ("a", 1), "â": ("a", 2), "î": ("i", 1),
        "ș": ("s", 1), "ş": ("s", 1), "ț": ("t", 1), "ţ": ("t", 1),  # comma below, and the legacy cedilla forms
    },
}  # fmt: skip
_DOTTED_I = {"tr": str.maketrans({"I": "ı", "İ": "i"})}


def fold(text: str, lang: str) -> str:
    """Lower case as the language writes it: Turkish `I` is `ı` and `İ` is `i`."""
    table = _DOTTED_I.get(lang.split("-")[0])
    return unicodedata.normalize("NFC", (text.translate(table) if table else text).casefold())


@lru_cache(maxsize=65536)  # every listing sorts by it; a large site asks for the same titles again and again
def collation_key(text: str, lang: str) -> tuple[str, str, str]:
    """Primary letters (accents and case ignored unless the language says otherwise), then the folded and raw
    text as tie-breaks, so two different titles never compare equal."""
    folded = fold(text, lang)
    return folded.translate(_primary_letters(lang.split("-")[0])), folded, text


class _PrimaryLetters(dict[int, str]):
    """Each character's primary letters in one language, worked out once per character and then looked up by
    `str.translate`: a site's titles are 10,000s of keys over a few hundred characters."""

    def __init__(self, tailoring: dict[str, tuple[str, int]]) -> None:
        super().__init__()
        self.tailoring = tailoring

    def __missing__(self, code: int) -> str:
        char = chr(code)
        if char in self.tailoring:
            base, rank = self.tailoring[char]
            letters = base + chr(rank + 1)
        else:  # accents and punctuation do not decide the order
            parts = unicodedata.normalize("NFKD", char)
            kept = (p for p in parts if unicodedata.category(p) != "Mn" and not unicodedata.category(p).startswith("P"))
            letters = "".join(part + chr(1) for part in kept)
        self[code] = letters
        return letters


@cache
def _primary_letters(language: str) -> _PrimaryLetters:
    return _PrimaryLetters(_TAILORING.get(language, {}))


def listing_key(order: int | None, title: str, lang: str, tie: str = "") -> tuple[int, int, tuple[str, str, str], str]:
    """Items with an `order` come first, lowest first; the rest follow by title. `tie` (a slug) settles the rest."""
    return (0, order, collation_key(title, lang), tie) if order is not None else (1, 0, collation_key(title, lang), tie)
