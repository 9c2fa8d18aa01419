"""Which articles an article recommends at its end: those sharing most tags first, then its section's others.

Computed at build time from front matter alone, so every reader sees the same list and a rebuild of the same
content gives the same page. Only public articles in the article's own language are candidates. An article
whose writer wrote their own "Related articles" section (a heading with the catalogue's words for it) gets no
second one.
"""

from __future__ import annotations

import heapq
from collections import defaultdict
from collections.abc import Iterable

from kbgen.model import Article
from kbgen.render.i18n import strings
from kbgen.render.ordering import collation_key, fold
from kbgen.render.tree import SiteTree

LIMIT = 5


class RelatedArticles:
    """Tags and sections indexed once per build; each article's list then costs only its real candidates."""

    def __init__(self, tree: SiteTree) -> None:
        self.tree = tree
        self._tagged: dict[tuple[str, str], list[Article]] = defaultdict(list)
        for node in tree.nodes.values():
            for article in node.articles:
                for tag in _tags(article):
                    self._tagged[(article.lang, tag)].append(article)

    def of(self, article: Article, limit: int = LIMIT) -> list[Article]:
        """Up to `limit` articles: more shared tags first, then same section, then by title; never itself."""
        section = self.tree.section_of(article)
        if section is None:
            return []
        shared: dict[str, int] = defaultdict(int)
        found: dict[str, Article] = {}
        for tag in _tags(article):
            for other in self._tagged[(article.lang, tag)]:
                shared[other.url] += 1
                found[other.url] = other
        for other in section.articles:
            found.setdefault(other.url, other)
        found.pop(article.url, None)

        def rank(other: Article) -> tuple[int, int, tuple[str, str, str], str]:
            same_section = other.section_path == article.section_path
            return (-shared[other.url], 0 if same_section else 1, collation_key(other.title, other.lang), other.url)

        return heapq.nsmallest(limit, found.values(), key=rank)


def _tags(article: Article) -> frozenset[str]:
    """Tags compare as the language folds case, so `Billing` and `billing` are one tag."""
    return frozenset(fold(tag, article.lang).strip() for tag in article.tags if tag.strip())


def written_by_hand(headings: Iterable[str], lang: str) -> bool:
    """Whether one of an article's headings is already "Related articles" in its language."""
    label = fold(strings(lang)["related"], lang).strip()
    return any(fold(heading, lang).strip() == label for heading in headings)
