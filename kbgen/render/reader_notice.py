"""What the reader-facing stale notice says and when it shows: the view model the notice partial renders."""

from __future__ import annotations

from datetime import date
from typing import Any

from kbgen.config.settings import KbConfig
from kbgen.model import Article
from kbgen.render.i18n import format_date, strings
from kbgen.review.schedule import due_date, first_stale_day, is_past_due


def notice_view(article: Article, config: KbConfig, today: date) -> dict[str, Any] | None:
    """None when no notice belongs on the page (turned off, or an evergreen article).

    The first stale day travels with the page so a script can re-decide with the reader's clock by comparing
    dates alone; `stale` is the build-time decision, which is what readers without scripts see.
    """
    if not config.stale_notice or article.evergreen:
        return None
    due = due_date(article, config).date
    table = strings(article.lang)
    template = config.stale_notice_text.get(article.lang) or table["stale_notice"]
    return {
        "stale_from_iso": first_stale_day(due).isoformat(),
        "stale": is_past_due(due, today),
        "title": table["stale_notice_title"],
        "text": template.format(
            reviewed=format_date(article.reviewed, article.lang), due=format_date(due, article.lang)
        ),
    }
