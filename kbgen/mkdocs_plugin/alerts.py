"""Advice for a project whose articles write GitHub's or DocFX's alerts (`> [!NOTE]`) without the extension that
shows them: made before `kbgen init` listed it, such a project shows each alert as a quote opening with
"[!NOTE]", which a writer previewing on GitHub never sees."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from kbgen.model import Article

EXTENSION = "github-callouts"
_ALERT = re.compile(r"^[ \t]*>[ \t]?\[!(?:NOTE|TIP|IMPORTANT|WARNING|CAUTION)\][ \t]*$", re.MULTILINE | re.IGNORECASE)
_NAMES = frozenset({EXTENSION, "markdown_callouts.github_callouts", "github_callouts"})


def alerts_note(extensions: Sequence[object], articles: Iterable[Article]) -> str | None:
    """A note naming the first article with an alert, when `extensions` (mkdocs.yml's) cannot show it."""
    if any(isinstance(name, str) and name in _NAMES for name in extensions):
        return None
    users = [article for article in articles if "[!" in article.body and _ALERT.search(article.body)]
    if not users:
        return None
    first = min(users, key=lambda article: article.source.display).source.display
    more = f" and {len(users) - 1} more" if len(users) > 1 else ""
    return (
        f"{first}{more} {'write' if more else 'writes'} alerts such as '> [!NOTE]', which show as quotes: add "
        f"'- {EXTENSION}' to markdown_extensions in mkdocs.yml to show them as notes (pip package "
        "markdown-callouts, installed with kbgen)"
    )
