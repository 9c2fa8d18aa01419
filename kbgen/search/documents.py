"""The one record the search index is built from: a published, public article reduced to plain text."""

from __future__ import annotations

from dataclasses import dataclass


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
