"""Checks the synonym files against the articles: a group none of whose phrases any article uses cannot
help a search, and a phrase of stop words only never matches.

A group is meant to hold words no article uses (``bill`` for ``invoice``), so only a group where no phrase
matches is reported. The articles' words are read from their Markdown, the way the index will see them up
to markup, and reading stops as soon as every phrase is accounted for, so the check stays fast.
"""

from __future__ import annotations

from collections.abc import Iterator

from kbgen.checks import CheckContext
from kbgen.loading.synonyms import SynonymFile
from kbgen.model import Article, Finding
from kbgen.rules import rule
from kbgen.search.languages import language_key, process_word
from kbgen.search.synonyms import phrase_terms
from kbgen.search.tokenize import words


def _terms(text: str, key: str) -> Iterator[str]:
    """The index terms of ``text`` a synonym phrase can need: folded Latin terms, pairs of Han characters."""
    for word, han in words(text):
        if han:
            yield from (word[i : i + 2] for i in range(len(word) - 1))
            if len(word) == 1:
                yield word
        elif found := process_word(word, key):
            yield found[-1]


def _used(needed: set[str], articles: list[Article], key: str) -> set[str]:
    found: set[str] = set()
    for article in articles:
        for text in (article.title, article.summary, article.body):
            found.update(needed.intersection(_terms(text, key)))
        if found == needed:
            break
    return found


def _check_file(synonyms: SynonymFile, articles: list[Article]) -> Iterator[Finding]:
    key = language_key(synonyms.lang)
    phrases = {(g.line, p): phrase_terms(p, key) for g in synonyms.groups for p in g.phrases}
    used = _used({t for terms in phrases.values() for t in terms}, articles, key)
    for group in synonyms.groups:
        for phrase in group.phrases:
            if not phrases[group.line, phrase]:
                message = f"synonym '{phrase}' is only stop words and matches nothing; use a more specific phrase"
                yield rule("synonyms-unused").finding(synonyms.display, group.line, 1, message)
        if not any(terms and set(terms) <= used for terms in (phrases[group.line, p] for p in group.phrases)):
            shown = ", ".join(group.phrases)
            message = f"no {synonyms.lang} article uses any of [{shown}]; add the word the articles use to the group"
            yield rule("synonyms-unused").finding(synonyms.display, group.line, 1, message)


def check_synonyms(context: CheckContext) -> Iterator[Finding]:
    """Problems reading the synonym files, then groups that cannot match any public article."""
    yield from context.synonyms.findings
    for synonyms in context.synonyms.files:
        articles = [a for a in context.corpus.articles if a.lang == synonyms.lang and a.is_public]
        yield from _check_file(synonyms, articles)
