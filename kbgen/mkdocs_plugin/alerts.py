"""Advice for a project whose articles need a Markdown extension its mkdocs.yml does not list: GitHub's or DocFX's
alerts (`> [!NOTE]`) without github-callouts show as quotes opening with "[!NOTE]", and Markdown after a blank line
in a `<details>` or `<div>` without md_in_html shows as typed; a writer previewing on GitHub sees neither. Docs
written for mkdocs-material (a project made by an older `kbgen init`) lose their collapsible notes (`??? note`) and
icons (`:material-clock-fast:`) the same way."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence

from kbgen.links.html_blocks import reads_markdown_in_html
from kbgen.model import Article
from kbgen.render.html_markdown import holds_markdown_in_html

EXTENSION = "github-callouts"
_ALERT = re.compile(r"^[ \t]*>[ \t]?\[!(?:NOTE|TIP|IMPORTANT|WARNING|CAUTION)\][ \t]*$", re.MULTILINE | re.IGNORECASE)
_NAMES = frozenset({EXTENSION, "markdown_callouts.github_callouts", "github_callouts"})
_COLLAPSIBLE = re.compile(r"^[ \t]*\?\?\?\+?[ \t]+[\w-]+", re.MULTILINE)
_ICON = re.compile(r":(?:material|octicons|fontawesome|simple)-[\w-]+:")


def alerts_note(extensions: Sequence[object], articles: Iterable[Article]) -> str | None:
    """A note naming the first article with an alert, when `extensions` (mkdocs.yml's) cannot show it."""
    return _advice(
        any(isinstance(name, str) and name in _NAMES for name in extensions),
        articles,
        lambda body: "[!" in body and _ALERT.search(body) is not None,
        f"alerts such as '> [!NOTE]', which show as quotes: add '- {EXTENSION}' to markdown_extensions in mkdocs.yml "
        "to show them as notes (pip package markdown-callouts, installed with kbgen)",
    )


def markdown_in_html_note(extensions: Sequence[object], articles: Iterable[Article]) -> str | None:
    """A note naming the first article with Markdown in a `<details>` or `<div>`, when md_in_html is not listed."""
    return _advice(
        reads_markdown_in_html(extensions),
        articles,
        holds_markdown_in_html,
        "Markdown after a blank line inside a <details> or <div>, which shows as typed: add '- md_in_html' to "
        "markdown_extensions in mkdocs.yml to show it as GitHub does",
    )


def collapsible_note(extensions: Sequence[object], articles: Iterable[Article]) -> str | None:
    """A note naming the first article with a collapsible note (`??? note`), when pymdownx.details is not listed."""
    return _advice(
        "pymdownx.details" in extensions,
        articles,
        lambda body: "???" in body and _COLLAPSIBLE.search(body) is not None,
        "collapsible notes ('??? note'), which show as typed: add '- pymdownx.details' to markdown_extensions in "
        "mkdocs.yml",
    )


def icons_note(extensions: Sequence[object], articles: Iterable[Article]) -> str | None:
    """A note naming the first article with an icon shortcode, when pymdownx.emoji is not listed."""
    return _advice(
        "pymdownx.emoji" in extensions,
        articles,
        lambda body: _ICON.search(body) is not None,
        "icon shortcodes such as ':material-...:', which show as typed: add pymdownx.emoji to markdown_extensions in "
        "mkdocs.yml with 'emoji_index: !!python/name:kbgen.render.emoji.icon_index' and "
        "'emoji_generator: !!python/name:kbgen.render.emoji.to_inline' (icons inline, emoji as characters, no CDN)",
    )


def _advice(listed: bool, articles: Iterable[Article], uses: Callable[[str], bool], what: str) -> str | None:
    """'<the articles that use the syntax> <what>' when its extension is not `listed` and one does, else None (the
    bodies are read only when it is not listed: most projects list it)."""
    if listed:
        return None
    users = _users(articles, uses)
    return None if users is None else f"{users} {what}"


def _users(articles: Iterable[Article], uses: Callable[[str], bool]) -> str | None:
    """'<first article> writes' or '<first> and N more write': the articles whose body `uses` the syntax."""
    users = [article for article in articles if uses(article.body)]
    if not users:
        return None
    first = min(users, key=lambda article: article.source.display).source.display
    return f"{first} and {len(users) - 1} more write" if len(users) > 1 else f"{first} writes"
