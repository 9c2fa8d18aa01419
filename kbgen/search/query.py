"""Searches a built language index in Python exactly as the browser searches its shards.

This is the reference the JavaScript client is tested against (same analysis, same lunr scoring, same
filtering and ordering); kbgen itself never searches at build time.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

from lunr.index import Index
from lunr.query import Query

from kbgen.search.analysis import QueryWord, analyse
from kbgen.search.chinese import segment_query


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
    """Search a lunr.py ``index`` built by :func:`kbgen.search.index.to_lunr_index`."""
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
