"""The KB2xx rules at their boundaries, on articles built in memory with today pinned."""

from __future__ import annotations

from datetime import date
from pathlib import PurePosixPath
from typing import Any

import pytest

from kbgen.checks import CheckContext, run_checks
from kbgen.config.settings import KbConfig, parse_config
from kbgen.model import Article, Corpus, Finding, Source
from kbgen.render.reader_notice import notice_view
from kbgen.review.durations import parse_interval
from kbgen.review.schedule import Status, due_date, judge

TODAY = date(2026, 11, 22)
CONFIG = parse_config(
    {
        "review_interval": "180d",
        "due_soon": "30d",
        "product_versions": ["3.0", "3.1", "3.2", "4.0"],
        "supported_versions": ["3.2", "4.0"],
        "category_intervals": {"billing": "90d"},
    }
)


def make(reviewed: date, **fields: Any) -> Article:
    category = fields.pop("category", "account")
    interval = fields.pop("interval", None)
    rel = PurePosixPath(f"en/{category}/a.md")
    return Article(
        source=Source(rel, f"content/{rel}"),
        lang="en",
        category=category,
        slug="a",
        title="A",
        owner=fields.pop("owner", "maria.popescu"),
        reviewed=reviewed,
        versions=fields.pop("versions", ("all",)),
        review_interval=parse_interval(interval) if interval else None,
        key_lines={"title": 2, "owner": 3, "reviewed": 4, "review_by": 5, "product_version": 6},
        **fields,
    )


def findings(*articles: Article, today: date = TODAY, config: KbConfig = CONFIG) -> list[Finding]:
    corpus = Corpus(tuple(articles), (), (), frozenset(), ())
    return run_checks(CheckContext(corpus, config, today))


def rules(*articles: Article, today: date = TODAY) -> list[str]:
    return [f.rule for f in findings(*articles, today=today)]


def test_due_today_is_due_soon_not_stale() -> None:
    article = make(TODAY, review_by=TODAY)
    [finding] = findings(article)
    assert finding.rule == "due-soon" and "due today" in finding.message
    assert judge(article, CONFIG, TODAY).status is Status.DUE_SOON


@pytest.mark.parametrize(("today", "stale"), [(date(2026, 11, 21), False), (date(2026, 11, 22), True)])
def test_the_notice_shows_exactly_when_check_reports_stale(today: date, stale: bool) -> None:
    article = make(date(2026, 5, 25))  # + 180d = due 2026-11-21
    view = notice_view(article, CONFIG, today)
    assert view is not None and view["stale"] is stale
    assert view["stale_from_iso"] == "2026-11-22"  # what the reader's browser compares its own date with
    assert ("stale" in rules(article, today=today)) is stale


def test_due_tomorrow_is_due_soon() -> None:
    [finding] = findings(make(date(2026, 5, 27)))  # + 180d = 2026-11-23
    assert (finding.code, finding.rule, str(finding.severity)) == ("KB202", "due-soon", "warning")
    assert "in 1 day," in finding.message and "2026-11-23" in finding.message


def test_one_day_overdue_is_stale_with_days_and_owner() -> None:
    [finding] = findings(make(date(2026, 5, 25), owner="li.wei"))  # + 180d = 2026-11-21
    assert (finding.code, finding.rule, str(finding.severity)) == ("KB201", "stale", "error")
    assert "overdue for review by 1 day:" in finding.message
    assert "owner li.wei" in finding.message
    assert "due 2026-11-21 (reviewed 2026-05-25 + 180d, the site default)" in finding.message
    assert (finding.path, finding.line) == ("content/en/account/a.md", 4)  # the 'reviewed' key


def test_stale_finding_points_at_review_by_when_that_sets_the_due_date() -> None:
    [finding] = findings(make(date(2026, 10, 1), review_by=date(2026, 11, 1)))
    assert finding.rule == "stale" and finding.line == 5
    assert "overdue for review by 21 days" in finding.message and "set by review_by" in finding.message


def test_review_by_wins_over_reviewed_plus_interval() -> None:
    article = make(date(2020, 1, 1), review_by=date(2027, 6, 1))
    assert due_date(article, CONFIG).date == date(2027, 6, 1)
    assert findings(article) == []


@pytest.mark.parametrize(
    ("interval", "reviewed", "due"),
    [
        ("10d", date(2026, 1, 1), date(2026, 1, 11)),
        ("2w", date(2026, 1, 1), date(2026, 1, 15)),
        ("1m", date(2026, 1, 31), date(2026, 2, 28)),  # calendar months clamp to the month's end
        ("6m", date(2026, 3, 15), date(2026, 9, 15)),
        ("1y", date(2024, 2, 29), date(2025, 2, 28)),  # leap day + 1 year
        ("4y", date(2024, 2, 29), date(2028, 2, 29)),
    ],
)
def test_intervals_in_days_weeks_months_and_years(interval: str, reviewed: date, due: date) -> None:
    article = make(reviewed, interval=interval)
    assert due_date(article, CONFIG).date == due
    assert judge(article, CONFIG, due).status is Status.DUE_SOON
    assert judge(article, CONFIG, date.fromordinal(due.toordinal() + 1)).status is Status.STALE


def test_leap_day_review_is_stale_on_the_first_of_march_after_a_year() -> None:
    article = make(date(2024, 2, 29), interval="1y")
    assert rules(article, today=date(2025, 2, 28)) == ["due-soon"]
    assert rules(article, today=date(2025, 3, 1)) == ["stale"]


def test_category_default_applies_without_an_article_interval() -> None:
    billing = make(date(2026, 8, 1), category="billing")  # + 90d = 2026-10-30
    [finding] = findings(billing)
    assert finding.rule == "stale" and "the category 'billing' default" in finding.message
    # the article's own interval beats the category's
    assert findings(make(date(2026, 8, 1), category="billing", interval="1y")) == []


def test_due_soon_window_boundary() -> None:
    assert rules(make(TODAY, review_by=date(2026, 12, 22))) == ["due-soon"]  # exactly 30 days ahead
    assert rules(make(TODAY, review_by=date(2026, 12, 23))) == []


def test_evergreen_is_exempt_from_the_calendar_but_not_from_version_support() -> None:
    ancient = make(date(2019, 1, 1), evergreen=True)
    assert findings(ancient) == []
    assert judge(ancient, CONFIG, TODAY).status is Status.EVERGREEN
    assert rules(make(date(2019, 1, 1), evergreen=True, versions=("3.0",))) == ["unsupported-version"]


def test_drafts_are_never_stale_and_archived_articles_are_listed_apart() -> None:
    draft = make(date(2019, 1, 1), status="draft", versions=("3.0",))
    archived = make(date(2019, 1, 1), status="archived", versions=("3.0",))
    assert findings(draft) == [] and findings(archived) == []
    assert judge(draft, CONFIG, TODAY).status is Status.DRAFT
    assert judge(archived, CONFIG, TODAY).status is Status.ARCHIVED


def test_unsupported_only_when_every_version_is_unsupported() -> None:
    [finding] = findings(make(TODAY, versions=("3.0", "3.1"), owner="li.wei"))
    assert (finding.code, finding.rule, finding.line) == ("KB203", "unsupported-version", 6)
    assert "3.0, 3.1" in finding.message and "supported: 3.2, 4.0" in finding.message and "li.wei" in finding.message
    assert findings(make(TODAY, versions=("3.1", "3.2"))) == []
    assert findings(make(TODAY, versions=("all",))) == []


def test_unsupported_and_stale_are_both_reported() -> None:
    assert rules(make(date(2025, 1, 1), versions=("3.0",))) == ["stale", "unsupported-version"]


def test_review_in_the_future_is_a_warning() -> None:
    [finding] = findings(make(date(2062, 11, 22)))
    assert (finding.code, finding.rule, str(finding.severity)) == ("KB204", "review-in-future", "warning")
    assert finding.line == 4
    assert "2062-11-22" in finding.message and "after today (2026-11-22)" in finding.message
    assert rules(make(date(2026, 11, 23))) == ["review-in-future"]
    assert rules(make(TODAY)) == []


@pytest.mark.parametrize(
    ("reviewed", "due_soon", "overdue", "in_future"),
    [
        (date(2026, 5, 25), None, "overdue for review by 1 day:", None),  # due 2026-11-21
        (date(2026, 5, 24), None, "overdue for review by 2 days:", None),
        (date(2026, 5, 27), "due for review in 1 day,", None, None),  # due 2026-11-23
        (date(2026, 5, 28), "due for review in 2 days,", None, None),
        (date(2026, 11, 23), None, None, "2026-11-23, 1 day after today"),
        (date(2026, 11, 24), None, None, "2026-11-24, 2 days after today"),
    ],
)
def test_day_counts_are_singular_only_for_one(
    reviewed: date, due_soon: str | None, overdue: str | None, in_future: str | None
) -> None:
    by_rule = {f.rule: f.message for f in findings(make(reviewed))}
    for slug, expected in (("due-soon", due_soon), ("stale", overdue), ("review-in-future", in_future)):
        assert (expected in by_rule[slug]) if expected else slug not in by_rule
