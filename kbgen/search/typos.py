"""The typo neighbourhood: which indexed words a mistyped query word may have meant, found in a few small files.

A query word of 5+ letters is corrected to indexed words within Damerau (optimal string alignment) distance
1, of 9+ letters within 2. Two words within distance ``d`` share a string reachable from each by at most
``d`` deletions (SymSpell's symmetric delete; a transposition or a substitution is one deletion on each
side), and the first two letters of that shared string are letters ``i < j`` of each word with ``j <= d +
1``. So every word is filed under those few letter pairs (3 for ``d = 1``, 6 for ``d = 2``) instead of under
all its deletions, the pairs are hashed into shards, and the browser fetches only the shards of its query
word's own pairs, then checks the distance of each word listed under those pairs (``kb-search-core.js``,
with its Python twin in tests/search/reference_search.py). Words are compared folded and normalised per
language (``fold(normalize_word(w))``), so Turkish and Romanian diacritics never count as typos; Han text
has no typos and no entries (Han words never reach the vocabulary).
"""

from __future__ import annotations

import math
from collections.abc import Mapping

from kbgen.search.languages import fold, normalize_word, stop_words

# Word length (code points, folded) from which a query word is corrected at distance 1, and at distance 2.
ONE_EDIT_FROM = 5
TWO_EDITS_FROM = 9
# Shortest indexed word a correction can reach: a 5-letter word one deletion away.
MIN_WORD = ONE_EDIT_FROM - 1
# Roughly this many bytes of JSON per neighbourhood shard (before gzip); the shard count follows from it.
NEIGHBOUR_BYTES = 12_000
# The most words one language's neighbourhood holds, the commonest first; bounds its size on huge sites.
MAX_WORDS = 200_000


def max_edits(length: int) -> int:
    """How many edits a query word of ``length`` letters may be away from the word it meant."""
    return 2 if length >= TWO_EDITS_FROM else 1 if length >= ONE_EDIT_FROM else 0


def reach(length: int) -> int:
    """The edits an indexed word of ``length`` letters must be filed for: the most any query word within
    reach of it may use (a 7-letter word is two edits from a 9-letter query)."""
    return 2 if length >= TWO_EDITS_FROM - 2 else 1 if length >= MIN_WORD else 0


def typo_form(word: str, key: str) -> str:
    """The spelling a typo is measured on: normalised for the language, then folded."""
    return fold(normalize_word(word, key))


def pairs(word: str, edits: int) -> list[str]:
    """The first two letters of every string ``edits`` or fewer deletions make of ``word``, sorted."""
    chars = list(word)
    found = {chars[i] + chars[j] for j in range(1, min(edits + 2, len(chars))) for i in range(j)}
    return sorted(found)


def pair_shard(pair: str, shards: int) -> int:
    """FNV-1a over the code points of ``pair``; the browser computes the same number."""
    h = 0x811C9DC5
    for ch in pair:
        h = ((h ^ ord(ch)) * 0x01000193) & 0xFFFFFFFF
    return h % shards


def typo_words(folded_counts: Mapping[str, int], key: str) -> dict[str, int]:
    """Folded indexed words a correction may reach, with their document counts, the commonest kept."""
    stops = stop_words(key)
    usable = {
        word: count
        for word, count in folded_counts.items()
        if len(word) >= MIN_WORD and not word.isdigit() and word not in stops
    }
    kept = sorted(usable.items(), key=lambda item: (-item[1], item[0]))[:MAX_WORDS]
    return dict(kept)


def neighbourhood(words: Mapping[str, int]) -> list[dict[str, list[list[str | int]]]]:
    """The shards: each maps a letter pair to ``[word, documents]`` of every word filed under it, sorted."""
    by_pair: dict[str, list[tuple[str, int]]] = {}
    for word, count in words.items():
        for pair in pairs(word, reach(len(word))):
            by_pair.setdefault(pair, []).append((word, count))
    total = sum(len(pair) + 4 + sum(len(w) + 8 for w, _ in listed) for pair, listed in by_pair.items())
    count = max(1, math.ceil(total / NEIGHBOUR_BYTES)) if by_pair else 0
    shards: list[dict[str, list[list[str | int]]]] = [{} for _ in range(count)]
    for pair in sorted(by_pair):
        shards[pair_shard(pair, count)][pair] = [[w, c] for w, c in sorted(by_pair[pair])]
    return shards
