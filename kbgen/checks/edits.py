"""The KB421 check: an article whose body changed substantially in git after its last recorded review.

The baseline is the file at the last commit on or before the `reviewed` day (edits made on the review day
count as part of the review); it is compared with the body kbgen loaded (the working tree). Articles reviewed
today or later, drafts, archived articles and files git has no commit of by then are skipped; so is content
outside a git work tree. See kbgen.history for how the history is read and what "substantial" means.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from kbgen.history.git_log import baselines
from kbgen.history.word_diff import changed_words, threshold
from kbgen.loading.frontmatter import parse_document
from kbgen.model import Finding
from kbgen.rules import rule

if TYPE_CHECKING:  # the registry in kbgen.checks imports this module
    from kbgen.checks import CheckContext


def check_edits(context: CheckContext) -> Iterator[Finding]:
    if context.content_root is None:
        return
    articles = {
        str(a.source.rel): a
        for a in context.corpus.articles
        if a.reviewed < context.today and a.status not in ("draft", "archived")
    }
    wanted = {rel: a.reviewed for rel, a in articles.items()}
    found = baselines(context.content_root, wanted, context.config.timezone)
    for rel, base in sorted((found or {}).items()):
        article = articles[rel]
        changed, total = changed_words(parse_document(base.text, rel).body, article.body)
        if changed < threshold(total):
            continue
        renamed = f" (then {base.path})" if base.path != rel else ""
        message = (
            f"the body changed since its last recorded review ({article.reviewed.isoformat()}): {changed} of "
            f"{total} words differ from commit {base.sha[:10]}{renamed} of {base.day.isoformat()} (threshold: "
            f"{threshold(total)}); owner {article.owner}{article.inherited_note('owner')}: if the change was "
            f"reviewed, run 'kbgen review {article.source.display}'"
        )
        yield rule("edited-without-review").finding(article.source.display, article.line_of("reviewed"), 1, message)
