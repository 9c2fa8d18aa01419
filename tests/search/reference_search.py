"""Searches a built language index in Python exactly as the browser searches its shards.

This is the reference kb-search-core.js is tested against (same query analysis, same lunr scoring, same
filtering and ordering). kbgen itself never searches, so it lives beside the tests: the build only writes
the index (kbgen/search/index.py), with the word processing both sides share (kbgen/search/languages.py).
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

from lunr.index import Index
from lunr.pipeline import Pipeline
from lunr.query import Query
from lunr.token_set import TokenSet
from lunr.vector import Vector

from kbgen.search.index import FIELDS, LanguageIndex
from kbgen.search.languages import fold, normalize_word, pipeline_label, process_word
from kbgen.search.tokenize import normalize_text, words

MAX_QUERY_CHARS = 256
MAX_WORDS = 12
MIN_PREFIX = 3
# Longest index term (in code points) looked for when segmenting a Han query; jieba words are rarely longer.
MAX_TERM = 8


def to_lunr_index(index: LanguageIndex) -> Index:
    """A queryable lunr.py ``Index`` over the whole language."""
    return Index(
        inverted_index=index.inverted_index,
        field_vectors={ref: Vector(list(elements)) for ref, elements in index.field_vectors.items()},
        token_set=TokenSet.from_list(sorted(index.inverted_index)),
        fields=[name for name, _ in FIELDS],
        pipeline=Pipeline.load([pipeline_label(index.key)]),
    )


@dataclass(frozen=True, slots=True)
class QueryWord:
    """One typed word: ``terms`` are exact index terms, ``prefix`` is set while the word is being typed.

    ``han`` holds the raw run for Han text, whose terms are only known once the index is consulted.
    """

    text: str
    terms: tuple[str, ...] = ()
    prefix: str | None = None
    han: str | None = None


def prefix_form(word: str, key: str) -> str:
    """The unstemmed, folded form of a word still being typed, matched as a prefix of index terms."""
    return fold(normalize_word(word, key))


def analyse(query: str, key: str, *, complete: bool) -> list[QueryWord]:
    """The words of ``query`` for the pipeline ``key``; stop words vanish.

    ``complete`` is False while the reader is typing: then a last word not yet followed by a space or
    punctuation is also matched as a prefix, and shortened by up to two letters, so that ``configura`` meets
    the stem ``configur``.
    """
    text = normalize_text(query[:MAX_QUERY_CHARS])
    found = words(text)[:MAX_WORDS]
    result: list[QueryWord] = []
    for position, (word, han) in enumerate(found):
        if han:
            result.append(QueryWord(text=word, han=word))
            continue
        terms = list(process_word(word, key))
        prefix = None
        typing = not complete and position == len(found) - 1 and text.endswith(word)
        if typing and terms:
            form = prefix_form(word, key)
            if len(form) >= MIN_PREFIX:
                prefix = form
                for cut in range(max(4, len(form) - 2), len(form)):
                    if form[:cut] not in terms:
                        terms.append(form[:cut])
        if terms:
            result.append(QueryWord(text=word, terms=tuple(terms), prefix=prefix))
    return result


def segment_query(run: str, has_term: Callable[[str], bool]) -> list[tuple[str, ...]]:
    """Split a Han query run into segments by greedy longest match against the index's terms.

    The browser has no jieba, so a query is matched against the terms the index holds instead. Each segment
    becomes one requirement, satisfied by the segment itself or by any index term of two or more characters
    inside it. Characters no index term covers are dropped, as stop words are.
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


@dataclass(frozen=True, slots=True)
class Requirement:
    """What one query word needs from a document: any of ``terms``, or any term starting with ``prefix``."""

    terms: tuple[str, ...]
    prefix: str | None = None

    def met_by(self, matched: Iterable[str]) -> bool:
        return any(t in self.terms or (self.prefix is not None and t.startswith(self.prefix)) for t in matched)


@dataclass(frozen=True, slots=True)
class Hit:
    ref: int
    score: float
    terms: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class SearchResult:
    """Ranked hits; ``partial`` when no document had every word and any-word matches are shown instead."""

    hits: tuple[Hit, ...]
    partial: bool
    missing: tuple[str, ...]


def requirements(analysed: list[QueryWord], has_term: Callable[[str], bool]) -> tuple[list[Requirement], list[str]]:
    """Resolve analysed words against an index's terms; words it cannot match at all are ``missing``."""
    needs: list[Requirement] = []
    missing: list[str] = []
    for word in analysed:
        if word.han is not None:
            groups = segment_query(word.han, has_term)
            needs.extend(Requirement(group) for group in groups)
            if not groups:
                missing.append(word.text)
            continue
        present = tuple(t for t in word.terms if has_term(t))
        if present or word.prefix:
            needs.append(Requirement(present, word.prefix))
        else:
            missing.append(word.text)
    return needs, missing


def rank_key(ref: int, score: float) -> tuple[int, int]:
    """Best first, ties by ref; scores compared to 1e-6 so that float summation order cannot reorder ties."""
    return (-math.floor(score * 1e6 + 0.5), ref)


def finish(
    raw: Sequence[Hit], needs: Sequence[Requirement], missing: Sequence[str], allowed: Callable[[int], bool]
) -> SearchResult:
    """Version filter, then every-word matches, falling back to any-word matches; shared with the browser."""
    candidates = [hit for hit in raw if allowed(hit.ref)]
    every = [hit for hit in candidates if all(need.met_by(hit.terms) for need in needs)] if not missing else []
    chosen, partial = (every, False) if every else (candidates, bool(candidates))
    ordered = sorted(chosen, key=lambda hit: rank_key(hit.ref, hit.score))
    return SearchResult(tuple(ordered), partial, tuple(missing))


def search(
    index: Index,
    key: str,
    query: str,
    *,
    complete: bool = True,
    allowed: Callable[[int], bool] = lambda ref: True,
) -> SearchResult:
    """Search a lunr.py ``index`` built by :func:`to_lunr_index`."""
    analysed = analyse(query, key, complete=complete)
    needs, missing = requirements(analysed, index.inverted_index.__contains__)
    exact = sorted({t for need in needs for t in need.terms})
    prefixes = sorted({need.prefix for need in needs if need.prefix})
    if not exact and not prefixes:
        return SearchResult((), False, tuple(missing))
    lunr_query = index.create_query()
    for term in exact:
        lunr_query.term(term, use_pipeline=False)
    for prefix in prefixes:
        lunr_query.term(prefix, use_pipeline=False, wildcard=Query.WILDCARD_TRAILING)
    raw = [
        Hit(int(match["ref"]), match["score"], tuple(sorted(match["match_data"].metadata)))
        for match in index.query(lunr_query)
    ]
    return finish(raw, needs, missing, allowed)
