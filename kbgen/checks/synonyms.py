"""Checks the synonym files against the articles: a group none of whose phrases any article uses cannot
help a search, and a phrase of stop words only never matches.

A group is meant to hold words no article uses (``bill`` for ``invoice``), so only a group where no phrase
matches is reported. The articles' words are read from their Markdown, the way the index will see them up
to markup. To stay fast on large sites, an article is only tokenised when its text contains a probe of a
term still looked for (the word, folded or stemmed, less its last letter, which leaves room for endings),
and reading stops as soon as every phrase is accounted for.
"""

from __future__ import annotations

from collections.abc import Iterator

from kbgen.checks import CheckContext
from kbgen.loading.synonyms import SynonymFile
from kbgen.model import Article, Finding
from kbgen.rules import rule
from kbgen.search.languages import fold, language_key, normalize_word, process_word
from kbgen.search.synonyms import phrase_terms
from kbgen.search.tokenize import is_han, words


def _terms(text: str, key: str) -> Iterator[str]:
    """The index terms of ``text`` a synonym phrase can need: folded Latin terms, pairs of Han characters."""
    for word, han in words(text):
        if han:
            yield from (word[i : i + 2] for i in range(len(word) - 1))
            if len(word) == 1:
                yield word
        else:
            yield from process_word(word, key)  # every reading the index holds (Turkish: with and without marks)


def _probes(phrase: str, key: str) -> dict[str, set[str]]:
    """Term -> substrings of which at least one is in any text that holds it (lower-cased)."""
    probes: dict[str, set[str]] = {}
    for word, han in words(phrase):
        if han:
            for term in phrase_terms(word, key):
                probes[term] = {term}
        elif found := process_word(word, key):
            forms = {normalize_word(word, key), fold(normalize_word(word, key)), found[-1]}
            probes.setdefault(found[-1], set()).update(f[: max(3, len(f) - 1)] for f in forms)
    return probes


def _matched(groups: list[list[list[str]]], probes: dict[str, set[str]], articles: list[Article], key: str) -> set[int]:
    """The groups (by index) with a phrase whose terms all occur in one of ``articles``."""
    found: set[str] = set()
    matched: set[int] = set()
    for article in articles:
        matched.update(g for g, phrases in enumerate(groups) if any(p and set(p) <= found for p in phrases))
        # Only terms of groups still unmatched are looked for: most groups match within a few articles.
        wanted = {t for g, phrases in enumerate(groups) if g not in matched for p in phrases for t in p} - found
        if not wanted:
            break
        for text in (article.title, article.summary, article.body):
            low = text.lower()
            hits = {term for term in wanted if any(sub in low for sub in probes[term])}
            found.update(t for t in hits if is_han(t))  # a Han pair in the text is the indexed pair itself
            if any(not is_han(t) for t in hits):
                found.update(hits.intersection(_terms(text, key)))
    matched.update(g for g, phrases in enumerate(groups) if any(p and set(p) <= found for p in phrases))
    return matched


def _check_file(synonyms: SynonymFile, articles: list[Article]) -> Iterator[Finding]:
    key = language_key(synonyms.lang)
    groups = [[phrase_terms(p, key) for p in g.phrases] for g in synonyms.groups]
    probes: dict[str, set[str]] = {}
    for group in synonyms.groups:
        for phrase in group.phrases:
            for term, subs in _probes(phrase, key).items():
                probes.setdefault(term, set()).update(subs)
    matched = _matched(groups, probes, articles, key)
    for g, group in enumerate(synonyms.groups):
        for phrase, terms in zip(group.phrases, groups[g], strict=True):
            if not terms:
                message = f"synonym '{phrase}' is only stop words and matches nothing; use a more specific phrase"
                yield rule("synonyms-unused").finding(synonyms.display, group.line, 1, message)
        if g not in matched:
            shown = ", ".join(group.phrases)
            message = f"no {synonyms.lang} article uses any of [{shown}]; add the word the articles use to the group"
            yield rule("synonyms-unused").finding(synonyms.display, group.line, 1, message)


def check_synonyms(context: CheckContext) -> Iterator[Finding]:
    """Problems reading the synonym files, then groups that cannot match any public article."""
    yield from context.synonyms.findings
    for synonyms in context.synonyms.files:
        articles = [a for a in context.corpus.articles if a.lang == synonyms.lang and a.is_public]
        yield from _check_file(synonyms, articles)
