"""Synonym groups as the browser applies them: each phrase reduced to the keys a query is matched on and the
index terms an article must hold.

A group (``[login, sign in, log in]``) is a set of phrases that mean the same. When a query contains one
of them, the query word or words it covers are satisfied by any phrase of the group: a one-term phrase is an
alternative term, a longer one needs all its terms. Matching uses every word including stop words (``sign
in`` is not ``sign``), each word as its folded index term (so ``signing in`` matches too), a stop word as its
folded spelling and a Han phrase as its text. An article must hold a phrase's index terms: a Latin word's
folded term, a Han phrase's character pairs (every pair of Han text is indexed, see :mod:`chinese`).
"""

from __future__ import annotations

from collections.abc import Sequence

from kbgen.search.languages import fold, normalize_word, process_word
from kbgen.search.tokenize import words

# [keys, terms] per phrase, phrases per group.
Group = list[list[list[str]]]


def phrase_keys(text: str, key: str) -> list[str]:
    """What a query must contain, word for word, to say this phrase."""
    found: list[str] = []
    for word, han in words(text):
        if han:
            found.append(word)
        else:
            terms = process_word(word, key)
            found.append(terms[-1] if terms else fold(normalize_word(word, key)))
    return found


def phrase_terms(text: str, key: str) -> list[str]:
    """The index terms an article holds when it contains this phrase; empty for stop words only."""
    found: list[str] = []
    for word, han in words(text):
        if han:
            chars = list(word)
            pairs = [chars[i] + chars[i + 1] for i in range(len(chars) - 1)] or chars
            found.extend(p for p in pairs if p not in found)
        elif (terms := process_word(word, key)) and terms[-1] not in found:
            found.append(terms[-1])
    return found


def manifest_synonyms(groups: Sequence[Sequence[str]], key: str) -> list[Group]:
    """The groups as the language manifest ships them; phrases that match nothing, and groups left with
    fewer than two phrases, are dropped (``kbgen check`` reports them)."""
    shipped: list[Group] = []
    for group in groups:
        phrases: Group = []
        for text in group:
            keys, terms = phrase_keys(text, key), phrase_terms(text, key)
            if keys and terms and all(keys != other[0] for other in phrases):
                phrases.append([keys, terms])
        if len(phrases) >= 2:
            shipped.append(phrases)
    return shipped
