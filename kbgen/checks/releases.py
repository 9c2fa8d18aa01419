"""The KB420 check: articles a release has made due, whatever their calendar date, until reviewed again."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from kbgen.model import Finding
from kbgen.review.releases import release_due
from kbgen.rules import rule

if TYPE_CHECKING:  # the registry in kbgen.checks imports this module
    from kbgen.checks import CheckContext


def check_releases(context: CheckContext) -> Iterator[Finding]:
    for article in context.corpus.articles:
        due = release_due(article, context.config, context.today)
        if due is None:
            continue
        versions = ", ".join(article.versions) + article.inherited_note("product_version")
        message = (
            f"due for review after the {due.version} release: {due.describe()} (product_version: {versions}), "
            f"and it was last reviewed on {article.reviewed.isoformat()}; owner {article.owner}"
            f"{article.inherited_note('owner')}: check it against {due.version}, then run "
            f"'kbgen review {article.source.display}'"
        )
        yield rule("release-review").finding(article.source.display, article.line_of("product_version"), 1, message)
