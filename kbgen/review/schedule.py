"""Decides when each article falls due for review and what state it is in on a given day."""

from __future__ import annotations

import enum
from dataclasses import dataclass
from datetime import date, timedelta

from kbgen.config.settings import KbConfig
from kbgen.model import Article, Origin
from kbgen.review.durations import Interval
from kbgen.review.releases import ReleaseDue, release_due
from kbgen.wording import plural


class Status(enum.Enum):
    """Declared most urgent first; `rank` orders reports."""

    STALE = "stale"
    UNSUPPORTED = "unsupported"
    RELEASE_REVIEW = "release-review"
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
    release: ReleaseDue | None = None  # a release since the last review (kbgen.review.releases)

    @property
    def days_overdue(self) -> int:
        return -self.days_left if self.days_left is not None and self.days_left < 0 else 0

    def sort_key(self) -> tuple[int, int, str]:
        """Most urgent first: by status, then by the nearest (or most overdue) due date."""
        days = self.days_left if self.days_left is not None else 10**6
        return (self.status.rank, days, str(self.article.source.display))


def interval_for(article: Article, config: KbConfig) -> tuple[Interval, str]:
    """The interval that applies, with a label saying where it was set.

    The article's own `review_interval` wins. Otherwise the most specific folder does: the nearest section
    `index.md` that sets one, or the longest `category_intervals` path, whichever names the deeper folder
    (at equal depth the `index.md`, written beside the articles); then the site default.
    """
    origin = article.inherited.get("review_interval")
    if article.review_interval is not None and origin is None:
        return article.review_interval, "from review_interval"
    inherited = (article.review_interval, origin) if article.review_interval is not None and origin else None
    return folder_interval(inherited, article.section_path, config)


def folder_interval(
    inherited: tuple[Interval, Origin] | None, section_path: tuple[str, ...], config: KbConfig
) -> tuple[Interval, str]:
    """What an article without its own `review_interval` gets in this folder (also for one not yet written)."""
    configured = config.folder_interval(section_path)
    if inherited is not None and (configured is None or len(inherited[1].path) >= len(configured[0])):
        return inherited[0], f"from {inherited[1].display}"
    if configured is not None:
        prefix, interval = configured
        name = "/".join(prefix)
        if len(prefix) == 1:
            return interval, f"the category '{name}' default"
        return interval, f"the section '{name}' default in category_intervals"
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
    """Status by precedence: draft, archived, unsupported, evergreen, stale, a release since the last review,
    then the rest of the calendar."""
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
    release = release_due(article, config, today)
    if release is not None and status in (Status.DUE_SOON, Status.FRESH):
        status = Status.RELEASE_REVIEW
    return Freshness(article, status, due, days_left, release)


def first_stale_day(due: date) -> date:
    """The due day itself is still "due today"; an article counts as stale from the next day on.

    The one place the boundary lives, so `kbgen check`, `kbgen report`, `kbgen review --stale` and the
    reader's notice (at build time and, through this date, in the reader's browser) always agree. A due date on
    the calendar's last day never falls stale: there is no next day to count from.
    """
    return due + timedelta(days=1) if due < date.max else date.max


def is_past_due(due: date, today: date) -> bool:
    """Whether `today` has reached the first stale day; callers ask this rather than compare dates themselves."""
    return due < date.max and today >= first_stale_day(due)


def calendar_status(due: date, today: date, config: KbConfig) -> Status:
    """Stale after the due date, due soon within the window (the due day itself included), else fresh."""
    if is_past_due(due, today):
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
        return f"in {plural(days_left, 'day')}"
    return f"{plural(-days_left, 'day')} overdue"
