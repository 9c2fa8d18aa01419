"""Which articles an article recommends at its end: those sharing most tags first, then its section's others.

Computed at build time from front matter alone, so every reader sees the same list and a rebuild of the same
content gives the same page. Only public articles in the article's own language are candidates. An article
whose writer wrote their own "Related articles" section (a heading with the catalogue's words for it) gets no
second one.
"""

from __future__ import annotations

import heapq
from collections import Counter, defaultdict
from collections.abc import Iterable
from itertools import chain

from kbgen.model import Article
from kbgen.render.i18n import strings
from kbgen.render.ordering import collation_key, fold
from kbgen.render.tree import SiteTree

LIMIT = 5
# A tag on more articles than this (in one language) is too common to say two articles belong together, and
# counting it for every article would make a build quadratic in the size of the help center.
COMMON_TAG = 100


class RelatedArticles:
    """Tags and sections indexed once per build; each article's list then costs only its real candidates."""

    def __init__(self, tree: SiteTree) -> None:
        self.tree = tree
        self._tagged: dict[tuple[str, str], list[str]] = defaultdict(list)  # article URLs
        self._by_url: dict[str, Article] = {}
        self._title_keys: dict[str, tuple[tuple[str, str, str], str]] = {}
        for node in tree.nodes.values():
            for article in node.articles:
                self._by_url[article.url] = article
                self._title_keys[article.url] = (collation_key(article.title, article.lang), article.url)
                for tag in _tags(article):
                    self._tagged[(article.lang, tag)].append(article.url)

    def of(self, article: Article, limit: int = LIMIT) -> list[Article]:
        """Up to `limit` articles: those sharing more tags first (then same section, then by title), then the
        rest of its section in listing order; never itself."""
        section = self.tree.section_of(article)
        if section is None:
            return []
        groups = (self._tagged.get((article.lang, tag), ()) for tag in _tags(article))
        shared = Counter(chain.from_iterable(group for group in groups if len(group) <= COMMON_TAG))
        shared.pop(article.url, None)

        def rank(url: str) -> tuple[int, bool, tuple[tuple[str, str, str], str]]:
            elsewhere = self._by_url[url].section_path != article.section_path
            return (-shared[url], elsewhere, self._title_keys[url])

        chosen = [self._by_url[url] for url in heapq.nsmallest(limit, shared, key=rank)]
        taken = {other.url for other in chosen} | {article.url}
        for other in section.articles:
            if len(chosen) >= limit:
                break
            if other.url not in taken:
                chosen.append(other)
        return chosen


def _tags(article: Article) -> frozenset[str]:
    """Tags compare as the language folds case, so `Billing` and `billing` are one tag."""
    return frozenset(fold(tag, article.lang).strip() for tag in article.tags if tag.strip())


def written_by_hand(headings: Iterable[str], lang: str) -> bool:
    """Whether one of an article's headings is already "Related articles" in its language."""
    label = fold(strings(lang)["related"], lang).strip()
    return any(fold(heading, lang).strip() == label for heading in headings)
