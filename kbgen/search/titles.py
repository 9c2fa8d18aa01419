"""Title keys: a query that says an article's title, give or take stop words, inflection, word order and
accents, names that article, and search puts it first.

A title key is the set of a text's folded index terms (the last term of ``process_word``), sorted and
joined by spaces, followed by its Han text run together (Han runs are not segmented: a Chinese query is
matched as typed). The term shards carry every title key beside the terms, so the browser finds the key of
its query in a shard it fetches anyway; ``kb-search-core.js`` computes keys the same way (``titleKey``).
"""

from __future__ import annotations

from collections.abc import Iterable

from kbgen.search.languages import process_word
from kbgen.search.tokenize import words

# Appended to a title key where it is stored among the terms: it sorts a key right after the term it starts
# with, so a one-word title never lands in another shard than that word.
MARK = "\u0001"


def key_from_parts(terms: Iterable[str], han: Iterable[str]) -> str:
    """The key of folded terms and Han runs; empty when there is nothing to match."""
    joined = "".join(han)
    # Sorted in UTF-16 order, as JavaScript sorts strings.
    ordered = sorted(set(terms), key=lambda term: term.encode("utf-16-be"))
    return " ".join(ordered + ([joined] if joined else []))


def title_key(text: str, key: str) -> str:
    """The title key of ``text`` in the language pipeline ``key``."""
    terms: list[str] = []
    han: list[str] = []
    for word, is_han in words(text):
        if is_han:
            han.append(word)
        elif found := process_word(word, key):
            terms.append(found[-1])
    return key_from_parts(terms, han)
