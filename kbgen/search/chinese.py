"""Han text: jieba word segmentation at index time, and query segmentation against the index's own terms.

The browser has no jieba, and ``Intl.Segmenter`` agrees with it on only about half of real Chinese runs, so
a query is never segmented by a dictionary at query time. Instead the query run is matched, longest first,
against the terms the index actually holds (``kb-search-core.js`` runs the same algorithm on the shards it
fetched). Indexing uses jieba's search mode, which also emits the shorter words inside a long one (``项目``,
``经理`` and ``项目经理``), plus every character pair, so a two-character query finds every article with it.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from functools import cache, lru_cache
from typing import Any

# Longest index term (in code points) looked for when segmenting a query; jieba words are rarely longer.
MAX_TERM = 8


@cache
def _jieba() -> Any:
    """A jieba tokenizer built straight from its packaged dictionary.

    jieba's own ``initialize`` reads and writes a marshal cache in the shared temp directory; building the
    prefix dictionary directly keeps the build from touching files outside the package and the output.
    """
    import jieba

    jieba.setLogLevel(logging.WARNING)
    tokenizer = jieba.Tokenizer()
    with tokenizer.get_dict_file() as dict_file:
        tokenizer.FREQ, tokenizer.total = tokenizer.gen_pfdict(dict_file)
    tokenizer.initialized = True
    return tokenizer


@lru_cache(maxsize=100_000)
def segment_for_index(run: str) -> tuple[str, ...]:
    """Index terms of a run of Han characters: jieba's words, then every character pair jieba did not emit.

    The pairs make a two-character query find every article that contains it, even where jieba cut the text
    differently (``自定义字段`` read as ``自定义`` + ``字段`` in one article and otherwise in another).
    """
    found = [(word, start) for word, start, _ in _jieba().tokenize(run, mode="search", HMM=True) if word.strip()]
    pairs_seen = {start for word, start in found if len(word) == 2}
    pairs = [run[i : i + 2] for i in range(len(run) - 1) if i not in pairs_seen]
    return tuple(word for word, _ in found) + tuple(pairs)


def query_candidates(run: str) -> list[str]:
    """Every substring of ``run`` that could be an index term; the browser fetches the shards holding them."""
    chars = list(run)
    return sorted(
        {"".join(chars[i:j]) for i in range(len(chars)) for j in range(i + 1, min(len(chars), i + MAX_TERM) + 1)}
    )


def segment_query(run: str, has_term: Callable[[str], bool]) -> list[tuple[str, ...]]:
    """Split a query run into segments by greedy longest match against the index's terms.

    Each segment becomes one requirement of the query, satisfied by the segment itself or by any index term of
    two or more characters inside it. Characters no index term covers are dropped, as stop words are.
    """
    chars = list(run)
    groups: list[tuple[str, ...]] = []
    i = 0
    while i < len(chars):
        end = next((j for j in range(min(len(chars), i + MAX_TERM), i, -1) if has_term("".join(chars[i:j]))), None)
        if end is None:
            i += 1
            continue
        segment = chars[i:end]
        alternatives = ["".join(segment)]
        for a in range(len(segment)):
            for b in range(a + 2, len(segment) + 1):
                inner = "".join(segment[a:b])
                if (a, b) != (0, len(segment)) and inner not in alternatives and has_term(inner):
                    alternatives.append(inner)
        groups.append(tuple(alternatives))
        i = end
    return groups
