"""Decides when each article falls due for review and what state it is in on a given day."""

from __future__ import annotations

import enum
from dataclasses import dataclass
from datetime import date

from kbgen.config.settings import KbConfig
from kbgen.model import Article
from kbgen.review.durations import Interval


class Status(enum.Enum):
    """Declared most urgent first; `rank` orders reports."""

    STALE = "stale"
    UNSUPPORTED = "unsupported"
    DUE_SOON = "due-soon"
    FRESH = "fresh"
    EVERGREEN = "evergreen"
    DRAFT = "draft"
    ARCHIVED = "archived"

    def __str__(self) -> str:
        return self.value

    @property
    def rank(self) -> int:
        return list(Status).index(self)


@dataclass(frozen=True, slots=True)
class Due:
    """A due date and where it came from, so messages can explain it."""

    date: date
    basis: str  # e.g. "set by review_by", "reviewed 2026-03-10 + 180d, the site default"
    key: str  # the front-matter key a finding points at


@dataclass(frozen=True, slots=True)
class Freshness:
    """One article judged on one day."""

    article: Article
    status: Status
    due: Due | None  # None off the review calendar: evergreen, draft and archived articles
    days_left: int | None  # negative when overdue

    @property
    def days_overdue(self) -> int:
        return -self.days_left if self.days_left is not None and self.days_left < 0 else 0

    def sort_key(self) -> tuple[int, int, str]:
        """Most urgent first: by status, then by the nearest (or most overdue) due date."""
        days = self.days_left if self.days_left is not None else 10**6
        return (self.status.rank, days, str(self.article.source.display))


def interval_for(article: Article, config: KbConfig) -> tuple[Interval, str]:
    """The article's own interval, else its category's, else the site default; with a label saying which."""
    if article.review_interval is not None:
        return article.review_interval, "from review_interval"
    category = config.category_intervals.get(article.category)
    if category is not None:
        return category, f"the category '{article.category}' default"
    return config.review_interval, "the site default"


def due_date(article: Article, config: KbConfig) -> Due:
    """`review_by` wins; otherwise `reviewed` plus the interval that applies."""
    if article.review_by is not None:
        return Due(article.review_by, "set by review_by", "review_by")
    interval, source = interval_for(article, config)
    basis = f"reviewed {article.reviewed.isoformat()} + {interval}, {source}"
    return Due(interval.add_capped(article.reviewed), basis, "reviewed")


def is_unsupported(article: Article, config: KbConfig) -> bool:
    """Every targeted version is outside `supported_versions`; "all" and an unset list never are."""
    if not config.supported_versions or not article.versions or "all" in article.versions:
        return False
    return not any(version in config.supported_versions for version in article.versions)


def judge(article: Article, config: KbConfig, today: date) -> Freshness:
    """Status by precedence: draft, archived, unsupported, evergreen, then the calendar."""
    # Drafts and archived articles are off the review calendar, like evergreen ones.
    calendar = not article.evergreen and article.status not in ("draft", "archived")
    due = due_date(article, config) if calendar else None
    days_left = (due.date - today).days if due is not None else None
    if article.status == "draft":
        status = Status.DRAFT
    elif article.status == "archived":
        status = Status.ARCHIVED
    elif is_unsupported(article, config):
        status = Status.UNSUPPORTED
    elif due is None:
        status = Status.EVERGREEN
    else:
        status = calendar_status(due.date, today, config)
    return Freshness(article, status, due, days_left)


def calendar_status(due: date, today: date, config: KbConfig) -> Status:
    """Stale after the due date, due soon within the window (the due day itself included), else fresh.

    The one place the boundary lives, so `kbgen check` and `kbgen report` always agree.
    """
    if due < today:
        return Status.STALE
    if due <= config.due_soon.add_capped(today):
        return Status.DUE_SOON
    return Status.FRESH


def judge_all(articles: tuple[Article, ...] | list[Article], config: KbConfig, today: date) -> list[Freshness]:
    return sorted((judge(a, config, today) for a in articles), key=Freshness.sort_key)


def days_text(days_left: int | None) -> str:
    """'due today', 'in 3 days', '12 days overdue': the same words in every report."""
    if days_left is None:
        return ""
    if days_left == 0:
        return "due today"
    if days_left > 0:
        return f"in {days_left} day{'s' * (days_left != 1)}"
    return f"{-days_left} day{'s' * (days_left != -1)} overdue"
