"""The KB2xx checks: stale, due soon, unsupported versions and review dates in the future."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from kbgen.model import Article, Finding
from kbgen.review.schedule import Status, calendar_status, days_text, due_date, is_unsupported
from kbgen.rules import rule
from kbgen.wording import plural

if TYPE_CHECKING:  # the registry in kbgen.checks imports this module
    from kbgen.checks import CheckContext


def check_freshness(context: CheckContext) -> Iterator[Finding]:
    """Evergreen articles skip the calendar; drafts and archived articles are never stale, due or unsupported."""
    for article in context.corpus.articles:
        yield from _review_in_future(article, context)
        if article.status in ("draft", "archived"):
            continue
        if is_unsupported(article, context.config):
            yield _unsupported(article, context)
        if not article.evergreen:
            yield from _calendar(article, context)


def _calendar(article: Article, context: CheckContext) -> Iterator[Finding]:
    due = due_date(article, context.config)
    days_left = (due.date - context.today).days
    where = (article.source.display, article.line_of(due.key), 1)
    status = calendar_status(due.date, context.today, context.config)
    if status is Status.STALE:
        message = (
            f"overdue for review by {plural(-days_left, 'day')}: due {due.date.isoformat()} "
            f"({due.basis}); {_owner(article)}: re-read it, then run 'kbgen review {article.source.display}'"
        )
        yield rule("stale").finding(*where, message)
    elif status is Status.DUE_SOON:
        message = f"due for review {days_text(days_left)}, on {due.date.isoformat()} ({due.basis}); {_owner(article)}"
        yield rule("due-soon").finding(*where, message)


def _unsupported(article: Article, context: CheckContext) -> Finding:
    versions = ", ".join(article.versions)
    supported = ", ".join(context.config.supported_versions)
    message = (
        f"'product_version' is {versions}{article.inherited_note('product_version')}, none of which is supported "
        f"any more (supported: {supported}); {_owner(article)}: update it for a supported version or set "
        "'status: archived'"
    )
    return rule("unsupported-version").finding(article.source.display, article.line_of("product_version"), 1, message)


def _owner(article: Article) -> str:
    return f"owner {article.owner}{article.inherited_note('owner')}"


def _review_in_future(article: Article, context: CheckContext) -> Iterator[Finding]:
    if article.reviewed > context.today:
        days = (article.reviewed - context.today).days
        message = (
            f"'reviewed' is {article.reviewed.isoformat()}, {plural(days, 'day')} after today "
            f"({context.today.isoformat()}); a typo here hides staleness: write the date of the last real review"
        )
        yield rule("review-in-future").finding(article.source.display, article.line_of("reviewed"), 1, message)
