"""What the reader-facing notices say and when they show: the stale notice and the outdated-translation notice,
as view models the notice partial renders."""

from __future__ import annotations

from datetime import date
from typing import Any

from kbgen.config.settings import KbConfig
from kbgen.model import Article, Corpus
from kbgen.render.i18n import format_date, language_name, strings
from kbgen.review.schedule import due_date, first_stale_day, is_past_due
from kbgen.translations.source_hash import source_rel
from kbgen.translations.status import Entry, State


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


def translation_notice_view(
    article: Article, entry: Entry | None, corpus: Corpus, default: str
) -> dict[str, Any] | None:
    """A soft notice on a translation whose source changed since it was made, in the reader's language.

    It links to the source only when readers can open it: an internal or draft source is not named.
    """
    if entry is None or entry.state is not State.OUTDATED:
        return None
    table = strings(article.lang)
    language = language_name(default)
    origin = source_rel(article.source.rel, default)
    source = corpus.by_source(str(origin)) if origin is not None else None
    public = isinstance(source, Article) and source.is_public
    return {
        "title": table["translation_notice_title"],
        "text": table["translation_notice"].format(language=language),
        "link_text": table["translation_notice_link"].format(language=language),
        "source_url": source.url if public and isinstance(source, Article) else "",
        "source_lang": default,
    }
