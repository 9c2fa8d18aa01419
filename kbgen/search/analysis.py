"""Turns what a reader typed into the words a search must satisfy (mirrored by ``analyse`` in
kb-search-core.js).

A query is a list of requirements, one per word: a word is satisfied by any of its index terms, or, for the
word still being typed, by any term that starts with it. Han runs are resolved later, against the index's
terms.
"""

from __future__ import annotations

from dataclasses import dataclass

from kbgen.search.chinese import query_candidates
from kbgen.search.languages import prefix_form, process_word
from kbgen.search.tokenize import normalize_text, words

MAX_QUERY_CHARS = 256
MAX_WORDS = 12
MIN_PREFIX = 3


@dataclass(frozen=True, slots=True)
class QueryWord:
    """One typed word: ``terms`` are exact index terms, ``prefix`` is set while the word is being typed.

    ``han`` holds the raw run for Han text, whose terms are only known once the index is consulted.
    """

    text: str
    terms: tuple[str, ...] = ()
    prefix: str | None = None
    han: str | None = None


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


def lookups(analysed: list[QueryWord]) -> tuple[list[str], list[str]]:
    """The exact terms and the prefixes whose shards a query needs, each sorted and unique."""
    exact: set[str] = set()
    prefixes: set[str] = set()
    for word in analysed:
        exact.update(word.terms)
        if word.prefix:
            prefixes.add(word.prefix)
        if word.han:
            exact.update(query_candidates(word.han))
    return sorted(exact), sorted(prefixes)
