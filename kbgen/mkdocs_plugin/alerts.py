"""Advice for a project whose articles need a Markdown extension its mkdocs.yml does not list: GitHub's or DocFX's
alerts (`> [!NOTE]`) without github-callouts show as quotes opening with "[!NOTE]", and Markdown after a blank line
in a `<details>` or `<div>` without md_in_html shows as typed; a writer previewing on GitHub sees neither."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence

from kbgen.model import Article
from kbgen.render.html_markdown import holds_markdown_in_html

EXTENSION = "github-callouts"
_ALERT = re.compile(r"^[ \t]*>[ \t]?\[!(?:NOTE|TIP|IMPORTANT|WARNING|CAUTION)\][ \t]*$", re.MULTILINE | re.IGNORECASE)
_NAMES = frozenset({EXTENSION, "markdown_callouts.github_callouts", "github_callouts"})
MD_IN_HTML = "md_in_html"
_MD_IN_HTML_NAMES = frozenset({MD_IN_HTML, "markdown.extensions.md_in_html", "extra", "markdown.extensions.extra"})


def alerts_note(extensions: Sequence[object], articles: Iterable[Article]) -> str | None:
    """A note naming the first article with an alert, when `extensions` (mkdocs.yml's) cannot show it."""
    users = _users(extensions, _NAMES, articles, lambda body: "[!" in body and _ALERT.search(body) is not None)
    if users is None:
        return None
    return (
        f"{users} alerts such as '> [!NOTE]', which show as quotes: add "
        f"'- {EXTENSION}' to markdown_extensions in mkdocs.yml to show them as notes (pip package "
        "markdown-callouts, installed with kbgen)"
    )


def markdown_in_html_note(extensions: Sequence[object], articles: Iterable[Article]) -> str | None:
    """A note naming the first article with Markdown in a `<details>` or `<div>`, when md_in_html is not listed."""
    users = _users(extensions, _MD_IN_HTML_NAMES, articles, holds_markdown_in_html)
    if users is None:
        return None
    return (
        f"{users} Markdown after a blank line inside a <details> or <div>, which shows as typed: add "
        f"'- {MD_IN_HTML}' to markdown_extensions in mkdocs.yml to show it as GitHub does"
    )


def _users(
    extensions: Sequence[object], names: frozenset[str], articles: Iterable[Article], uses: Callable[[str], bool]
) -> str | None:
    """'<first article> writes' or '<first> and N more write', when no extension of `names` is listed."""
    if any(isinstance(name, str) and name in names for name in extensions):
        return None
    users = [article for article in articles if uses(article.body)]
    if not users:
        return None
    first = min(users, key=lambda article: article.source.display).source.display
    return f"{first} and {len(users) - 1} more write" if len(users) > 1 else f"{first} writes"
