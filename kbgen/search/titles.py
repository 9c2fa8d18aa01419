"""Title keys: a query that says an article's title, give or take stop words, inflection, word order and
accents, names that article, and search puts it first.

A title key is the set of a text's folded index terms (the last term of ``process_word``), sorted and
joined by spaces, followed by its Han text run together (Han runs are not segmented: a Chinese query is
matched as typed). The keys are hashed into small title files (:func:`title_shard`), fetched beside a query's term
shards; ``kb-search-core.js`` computes keys and their files the same way (``keyFromParts``, ``pairShard``).
"""

from __future__ import annotations

from collections.abc import Iterable

from kbgen.search.languages import process_word
from kbgen.search.tokenize import words
from kbgen.search.typos import pair_shard


def title_shard(key: str, files: int) -> int:
    """Which of ``files`` title files holds ``key``: the FNV-1a of the typo neighbourhoods (``pairShard``)."""
    return pair_shard(key, files)


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
