"""The published help center as a tree per language: home, categories, nested sections and their articles.

Built once per build from the corpus, so every page, card, count and nav entry agrees on one answer: a section
exists for customers only when a public article sits somewhere below it, its count is the number of those
articles, and its children are in the writers' order (see kbgen.render.ordering).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from kbgen.model import Article, Corpus, title_from_slug
from kbgen.render.i18n import language_name
from kbgen.render.ordering import listing_key


@dataclass(slots=True, eq=False)
class Node:
    """A language home (empty path) or a published section."""

    lang: str
    path: tuple[str, ...]
    title: str
    summary: str = ""
    order: int | None = None
    parent: Node | None = None
    children: list[Node] = field(default_factory=list)  # published subsections, in listing order
    articles: list[Article] = field(default_factory=list)  # public articles directly in it, in listing order
    count: int = 0  # public articles in it and in every section below it

    @property
    def url(self) -> str:
        return f"{self.lang}/" + "".join(f"{part}/" for part in self.path)

    @property
    def folder(self) -> str:
        return "/".join(self.path)

    def trail(self) -> list[Node]:
        """The home, then each section down to this one."""
        nodes: list[Node] = []
        node: Node | None = self
        while node is not None:
            nodes.append(node)
            node = node.parent
        return nodes[::-1]


class SiteTree:
    """Every published home and section of every language, looked up by (lang, path)."""

    def __init__(self, corpus: Corpus, default: str) -> None:
        self.corpus = corpus
        self.nodes: dict[tuple[str, tuple[str, ...]], Node] = {}
        for lang, path in corpus.published_folders():  # sorted: every parent comes before its children
            section = corpus.section(lang, path)
            fallback = title_from_slug(path[-1]) if path else language_name(lang)
            node = Node(
                lang,
                path,
                section.title if section else fallback,
                section.summary if section else "",
                section.order if section else None,
                self.nodes.get((lang, path[:-1])) if path else None,
            )
            self.nodes[(lang, path)] = node
            if node.parent is not None:
                node.parent.children.append(node)
        placed: dict[Node, list[Article]] = defaultdict(list)
        self.translations: dict[str, dict[str, str]] = defaultdict(dict)  # translation key -> {lang: url}
        for article in corpus.articles:
            if article.is_public:
                placed[self.nodes[(article.lang, article.section_path)]].append(article)
                self.translations[article.translation_key][article.lang] = article.url
        for node in sorted(self.nodes.values(), key=lambda n: len(n.path), reverse=True):
            node.articles = sorted(placed[node], key=lambda a: listing_key(a.order, a.title, a.lang, a.slug))
            node.children.sort(key=lambda n: listing_key(n.order, n.title, n.lang, n.path[-1]))
            node.count = len(node.articles) + sum(child.count for child in node.children)
        self.languages = sorted({lang for lang, _ in self.nodes}, key=lambda lang: (lang != default, lang))

    def node(self, lang: str, path: tuple[str, ...] = ()) -> Node | None:
        return self.nodes.get((lang, path))

    def home(self, lang: str) -> Node | None:
        return self.nodes.get((lang, ()))

    def section_of(self, article: Article) -> Node | None:
        """The section an article is listed in; None for an article customers do not see."""
        return self.nodes.get((article.lang, article.section_path)) if article.is_public else None
