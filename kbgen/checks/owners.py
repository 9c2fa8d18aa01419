"""The KB40x checks: the roster (or CODEOWNERS) itself, and every article's owner being someone on it."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from kbgen.model import Article, Finding
from kbgen.owners.directory import OwnerDirectory, load_directory
from kbgen.rules import rule

if TYPE_CHECKING:  # the registry in kbgen.checks imports this module
    from kbgen.checks import CheckContext


def check_owners(context: CheckContext) -> Iterator[Finding]:
    """Without a roster (or `owners_from: codeowners`) any owner goes, as before."""
    if context.root is None:
        return
    directory, problems = load_directory(context.root, context.config)
    yield from problems
    if directory is None:
        return
    for article in context.corpus.articles:
        message = unknown_owner_message(article, directory)
        if message:
            yield rule("unknown-owner").finding(article.source.display, article.line_of("owner"), 1, message)


def unknown_owner_message(article: Article, directory: OwnerDirectory) -> str:
    """Why the owner does not count, or "" when it does."""
    where = article.inherited_note("owner")
    contact = directory.find(article.owner)
    if contact is not None:
        if contact.active:
            return ""
        return (
            f"owner '{article.owner}'{where} is inactive in {directory.source} (line {contact.line}, active: false); "
            "hand the article to an active owner"
        )
    close = directory.closest(article.owner)
    hint = f" (did you mean '{close}'?)" if close else ""
    listed = "named in" if directory.kind == "codeowners" else "on the roster"
    return (
        f"owner '{article.owner}'{where} is not {listed} {directory.source}{hint}; "
        f"fix the owner, or add them to {directory.source}"
    )
