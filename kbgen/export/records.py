"""Turns the public, published articles into export records: what a server-side search engine indexes.

The articles are exactly those the site's own search index holds (:func:`public_section_titles`), and the body
text is extracted from the rendered page by the same code (:func:`kbgen.search.text.page_text`), so a team that
moves to a hosted engine searches the very text its readers see.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Any

from kbgen.config.settings import KbConfig
from kbgen.model import Article, Corpus
from kbgen.render.tree import SiteTree
from kbgen.review.schedule import due_date, is_past_due
from kbgen.search.documents import article_document, public_section_titles
from kbgen.search.text import page_text

ID_CHARS = 16  # hex digits of a record id: 64 bits, and only characters every engine accepts in an id


class ExportError(ValueError):
    """The export cannot be made as documented (two records with one id); a tool failure, not content."""


@dataclass(frozen=True, slots=True)
class ExportRecord:
    """One published, public article as a search engine should see it (README: "Export records")."""

    id: str
    url: str
    path: str
    title: str
    summary: str
    language: str
    versions: tuple[str, ...]  # empty: every product version
    section: tuple[str, ...]
    tags: tuple[str, ...]
    headings: tuple[str, ...]
    body: str
    reviewed: date
    review_due: date | None  # None for an evergreen article
    stale: bool
    translation_key: str

    def as_dict(self) -> dict[str, Any]:
        """The record as JSON values: lists for tuples, ISO dates, null for no due date."""
        return {
            "body": self.body,
            "headings": list(self.headings),
            "id": self.id,
            "language": self.language,
            "path": self.path,
            "review_due": self.review_due.isoformat() if self.review_due else None,
            "reviewed": self.reviewed.isoformat(),
            "section": list(self.section),
            "stale": self.stale,
            "summary": self.summary,
            "tags": list(self.tags),
            "title": self.title,
            "translation_key": self.translation_key,
            "url": self.url,
            "versions": list(self.versions),
        }


def record_id(path: str) -> str:
    """A stable id from the page's site-relative URL: the same page keeps it from export to export."""
    return hashlib.sha256(path.encode("utf-8")).hexdigest()[:ID_CHARS]


def export_records(
    corpus: Corpus, kb: KbConfig, today: date, render: Callable[[Article], str], site_url: str = ""
) -> list[ExportRecord]:
    """Every public, published article as a record, sorted by URL.

    ``render`` turns an article's body into the sanitised HTML of its page; ``site_url`` (absolute, or "")
    makes ``url`` absolute.
    """
    tree = SiteTree(corpus, kb.default_language)
    records: list[ExportRecord] = []
    for article in corpus.articles:
        titles = public_section_titles(tree, article)
        if titles is None:
            continue
        text, headings = page_text(render(article))
        document = article_document(article, article.url, text, titles)
        due = None if article.evergreen else due_date(article, kb).date
        records.append(
            ExportRecord(
                id=record_id(document.url),
                url=_absolute(site_url, document.url),
                path=document.url,
                title=document.title,
                summary=document.summary,
                language=document.lang,
                versions=() if document.all_versions else tuple(dict.fromkeys(document.versions)),
                section=titles,
                tags=tuple(dict.fromkeys(article.tags)),
                headings=tuple(headings),
                body=document.text,
                reviewed=article.reviewed,
                review_due=due,
                stale=due is not None and is_past_due(due, today),
                translation_key=article.translation_key,
            )
        )
    records.sort(key=lambda record: record.path)
    _refuse_shared_ids(records)
    return records


def _absolute(site_url: str, path: str) -> str:
    return site_url.rstrip("/") + "/" + path if site_url else path


def _refuse_shared_ids(records: list[ExportRecord]) -> None:
    """An engine keeps one record per id, so two records with one id would silently lose an article."""
    seen: dict[str, str] = {}
    for record in records:
        if record.id not in seen:
            seen[record.id] = record.path
        elif seen[record.id] == record.path:
            raise ExportError(f"two articles are published at {record.path}; fix the duplicate-url finding first")
        else:  # 1 chance in 10^9 at 100,000 articles
            raise ExportError(f"{seen[record.id]} and {record.path} share the record id {record.id}; please report it")
