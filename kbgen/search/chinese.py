"""Han text at index time: jieba word segmentation, so the browser can match queries against the terms.

The browser has no jieba, and ``Intl.Segmenter`` agrees with it on only about half of real Chinese runs, so
a query is never segmented by a dictionary at query time. Instead the query run is matched, longest first,
against the terms the index actually holds (``segmentQuery`` in ``kb-search-core.js``, with its Python twin
in tests/search/reference_search.py). Indexing uses jieba's search mode, which also emits the shorter words
inside a long one (``项目``, ``经理`` and ``项目经理``), plus every character pair, so a two-character query
finds every article with it.
"""

from __future__ import annotations

import logging
from functools import cache, lru_cache
from typing import Any


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


def load_dictionary() -> None:
    """Load jieba's dictionary now (0.7 s), rather than at the first Han text indexed."""
    _jieba()


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
