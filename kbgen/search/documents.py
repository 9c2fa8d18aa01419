"""The one record the search index is built from: a published, public article reduced to plain text."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from kbgen.model import Article
    from kbgen.render.tree import SiteTree


@dataclass(frozen=True, slots=True)
class SearchDocument:
    """A page as search sees it.

    ``url`` is site-relative (``en/account/reset-password/``). ``text`` is plain text (see
    :func:`kbgen.search.text.html_to_text`); it is indexed and shown in snippets, never interpreted as HTML.
    ``versions`` empty or ``("all",)`` means the article applies to every product version. ``section`` is the
    breadcrumb from the category down to the article's own section (``Billing › Invoices``); results show it.
    """

    url: str
    title: str
    summary: str
    text: str
    lang: str
    category: str
    versions: tuple[str, ...] = ()
    section: str = ""

    @property
    def all_versions(self) -> bool:
        return not self.versions or "all" in self.versions


def public_section_titles(tree: SiteTree, article: Article) -> tuple[str, ...] | None:
    """The titles from the category down to the article's own section (none for an article directly in the
    language folder); None for an article customers never see, which nothing built from search may hold.

    The one rule the search index and ``kbgen export`` both follow (the site's own: :meth:`SiteTree.section_of`).
    """
    section = tree.section_of(article)
    return None if section is None else tuple(node.title for node in section.trail()[1:])


def article_document(article: Article, url: str, text: str, titles: tuple[str, ...]) -> SearchDocument:
    """The search record of a public article whose page is at ``url`` and reads ``text``."""
    return SearchDocument(
        url=url,
        title=article.title,
        summary=article.summary,
        text=text,
        lang=article.lang,
        category=titles[0] if titles else "",
        versions=article.versions,
        section=" › ".join(titles),
    )
