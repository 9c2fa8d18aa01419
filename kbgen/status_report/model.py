"""The owner report's data: every article judged on one day, grouped by owner, most urgent first."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from typing import Any

from kbgen.config.settings import KbConfig
from kbgen.config.today import Today
from kbgen.model import Article
from kbgen.review.schedule import Freshness, Status, days_text, judge_all
from kbgen.translations.status import TranslationStatus

STATUSES: tuple[str, ...] = tuple(str(s) for s in Status)


@dataclass(frozen=True, slots=True)
class Row:
    path: str
    title: str
    owner: str
    lang: str
    category: str  # the section path: `billing`, or `billing/invoices` for a nested section
    audience: str
    status: str
    reviewed: date
    due: date | None
    days_left: int | None
    reviewed_by: str = ""

    @classmethod
    def of(cls, state: Freshness) -> Row:
        a = state.article
        due = state.due.date if state.due else None
        return cls(a.source.display, a.title, a.owner, a.lang, a.folder, a.audience, str(state.status),
                   a.reviewed, due, state.days_left, a.reviewed_by)  # fmt: skip

    @property
    def days_text(self) -> str:
        return days_text(self.days_left)

    @property
    def reviewed_text(self) -> str:
        """`2026-11-20 by ana@example.com`, or the date alone when nobody was recorded."""
        by = f" by {self.reviewed_by}" if self.reviewed_by else ""
        return f"{self.reviewed.isoformat()}{by}"

    def as_dict(self) -> dict[str, Any]:
        return {
            "path": self.path,
            "title": self.title,
            "owner": self.owner,
            "lang": self.lang,
            "category": self.category,
            "audience": self.audience,
            "status": self.status,
            "reviewed": self.reviewed.isoformat(),
            "due": self.due.isoformat() if self.due else None,
            "days_left": self.days_left,
            "reviewed_by": self.reviewed_by,
        }


def totals(rows: Iterable[Row]) -> dict[str, int]:
    """A count for every status, zeros included, in status order."""
    counts = Counter(row.status for row in rows)
    return {status: counts[status] for status in STATUSES}


@dataclass(frozen=True, slots=True)
class Group:
    owner: str
    rows: tuple[Row, ...]

    @property
    def totals(self) -> dict[str, int]:
        return totals(self.rows)


@dataclass(frozen=True, slots=True)
class OwnerReport:
    today: Today
    groups: tuple[Group, ...]
    translations: TranslationStatus | None = None  # shown by the html and json formats when given

    @property
    def rows(self) -> tuple[Row, ...]:
        return tuple(row for group in self.groups for row in group.rows)

    @property
    def totals(self) -> dict[str, int]:
        return totals(self.rows)

    def breakdown(self, dimension: str) -> dict[str, dict[str, int]]:
        """Status counts per category, owner or language, keys sorted."""
        keys = sorted({getattr(row, dimension) for row in self.rows})
        return {key: totals(r for r in self.rows if getattr(r, dimension) == key) for key in keys}


def build_report(
    articles: Iterable[Article],
    config: KbConfig,
    today: Today,
    owner: str | None = None,
    translations: TranslationStatus | None = None,
) -> OwnerReport:
    """Owners whose most urgent article is most urgent come first; rows within an owner likewise."""
    selected = [a for a in articles if owner is None or a.owner == owner]
    states = judge_all(selected, config, today.date)
    by_owner: dict[str, list[Row]] = {}
    first_key: dict[str, tuple[int, int, str]] = {}
    for state in states:  # already most urgent first
        by_owner.setdefault(state.article.owner, []).append(Row.of(state))
        first_key.setdefault(state.article.owner, state.sort_key())
    order = sorted(by_owner, key=lambda name: (first_key[name][:2], name))
    return OwnerReport(today, tuple(Group(name, tuple(by_owner[name])) for name in order), translations)
