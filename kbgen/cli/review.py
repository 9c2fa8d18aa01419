"""`kbgen review`: record that articles were re-read, by path or in bulk, changing only `reviewed`.

A file is rewritten only if it is still what was read (see `review.rewrite`), keeping its owner and mode.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from pathlib import Path, PurePosixPath

import click

from kbgen.checks.scope import content_relative
from kbgen.cli.errors import EXIT_FINDINGS, ToolError
from kbgen.cli.options import open_project, with_project_options
from kbgen.config.project import Project
from kbgen.config.settings import ConfigError
from kbgen.config.today import parse_iso_date
from kbgen.loading.layout import not_an_article
from kbgen.loading.loader import load_project_corpus
from kbgen.model import Article
from kbgen.review.bump import BumpRefused, bump_review
from kbgen.review.reviewer import current_source_hash, git_reviewer, reviewer_problem
from kbgen.review.rewrite import ReadFile, RewriteRefused, read_for_rewrite, replace_unchanged
from kbgen.review.schedule import is_past_due, judge


@click.command("review")
@with_project_options
@click.argument("paths", nargs=-1, type=click.Path(exists=True, path_type=Path))
@click.option("--date", "review_date", metavar="YYYY-MM-DD", help="The review date to record (default: today).")
@click.option("--owner", metavar="NAME", help="Only articles owned by NAME.")
@click.option("--category", metavar="PATH", help="Only articles in this category or section (billing/invoices).")
@click.option("--stale", is_flag=True, help="Only articles past their due date today or due after a release.")
@click.option("--dry-run", is_flag=True, help="Say what would change; write nothing.")
@click.option("--by", "by", metavar="NAME", help="Who reviewed (default: git config user.email, else user.name).")
def review_command(
    config_file: Path,
    today: str | None,
    paths: tuple[Path, ...],
    review_date: str | None,
    owner: str | None,
    category: str | None,
    stale: bool,
    dry_run: bool,
    by: str | None,
) -> None:
    """Set `reviewed` to today (or --date) in PATHS, or in every article the filters select.

    Drops a `review_by` that the new date has reached, records who reviewed (`reviewed_by`) and, for a
    translation, the source it now matches (`source_hash`); every other byte stays as it was. A file whose
    front matter cannot be parsed is refused and left untouched (exit 1). Exit 2 on a usage error.
    """
    project, resolved = open_project(config_file, today)
    if not (paths or owner or category or stale):
        raise ToolError("name the articles to mark as reviewed, or select them with --owner, --category or --stale")
    try:
        day = parse_iso_date(review_date, "--date") if review_date else resolved.date
    except ConfigError as exc:
        raise ToolError(str(exc)) from None
    if day > resolved.date:
        raise ToolError(f"--date {day.isoformat()} is after today ({resolved}); record a review that happened")
    if by is not None and (problem := reviewer_problem(by)):
        raise ToolError(problem)
    targets = _select(project, paths, owner, category, stale, resolved.date)
    if not targets:
        click.echo("no articles matched; nothing changed", err=True)
        return
    reviewer = by.strip() if by is not None else git_reviewer(project.root)
    if reviewer is None:
        click.echo("note: reviewer not recorded: pass --by NAME or set git config user.email", err=True)
    refused = 0
    for path in targets:
        refused += not _bump_one(project, path, day, dry_run, reviewer)
    if refused:
        raise SystemExit(EXIT_FINDINGS)


def _select(
    project: Project, paths: tuple[Path, ...], owner: str | None, category: str | None, stale: bool, today: date
) -> list[Path]:
    """Explicit files are taken as given; folders and filters go through the loaded articles. A path that is
    neither (a named pipe, a device) is a usage error, not a silent "no articles matched"."""
    for path in paths:
        if not path.is_file() and not path.is_dir():
            raise ToolError(f"{path} is neither a file nor a folder; name an article or a folder of articles")
        _refuse_non_article(project, path)
    files = {p.resolve() for p in paths if p.is_file()}
    folders = [p.resolve() for p in paths if p.is_dir()]
    filtering = bool(owner or category or stale or folders)
    if not filtering:
        return sorted(files)
    corpus = load_project_corpus(project)
    _refuse_unknown(corpus.articles, owner, category)
    chosen = []
    for article in corpus.articles:
        path = (project.docs_dir / article.source.rel).resolve()
        in_scope = not paths or path in files or any(folder in path.parents for folder in folders)
        if in_scope and _matches(article, owner, category, stale, project, today):
            chosen.append(path)
    return sorted(chosen)


def _refuse_non_article(project: Project, path: Path) -> None:
    """Only articles are rewritten: a file outside the content folder (README.md, a note in /tmp) or one that is no
    article there (an image, a section's index.md) is a usage error, before any file is touched. A link is judged
    by the file it leads to, since that is the file rewritten."""
    rel = content_relative(path.resolve(), project.docs_dir)
    if rel is None:
        content = project.display(project.docs_dir)
        raise ToolError(f"{path}: not inside the content folder {content}/; name articles or folders under it")
    if path.is_file() and (why := not_an_article(PurePosixPath(rel), project.kb)) is not None:
        raise ToolError(f"{path}: not an article: {why}; name an article such as <lang>/<category>/<slug>.md")


def _refuse_unknown(articles: Sequence[Article], owner: str | None, category: str | None) -> None:
    """An owner or section no article has is a typo, not "nothing to review": a script must not read it as done."""
    if owner is not None and all(article.owner != owner for article in articles):
        owners = ", ".join(sorted({article.owner for article in articles}))
        raise ToolError(f"--owner '{owner}' owns no article; owners are: {owners}")
    if category is not None and all(category.strip("/") not in _folders(article) for article in articles):
        categories = ", ".join(sorted({article.section_path[0] for article in articles if article.section_path}))
        raise ToolError(f"--category '{category}' is no section of any article; categories are: {categories}")


def _matches(
    article: Article, owner: str | None, category: str | None, stale: bool, project: Project, today: date
) -> bool:
    if owner is not None and article.owner != owner:
        return False
    if category is not None and category.strip("/") not in _folders(article):
        return False
    if stale:
        state = judge(article, project.kb, today)
        return (state.due is not None and is_past_due(state.due.date, today)) or state.release is not None
    return True


def _folders(article: Article) -> set[str]:
    """`billing` and `billing/invoices` both select an article in billing/invoices/."""
    return {"/".join(article.section_path[:end]) for end in range(1, len(article.section_path) + 1)}


def _bump_one(project: Project, path: Path, day: date, dry_run: bool, reviewer: str | None) -> bool:
    display = project.display(path)
    digest, why_not = _source_hash(project, path)
    if why_not:
        click.echo(f"{display}: note: {why_not}", err=True)
    try:
        with read_for_rewrite(path) as original:
            bump = bump_review(
                original.data, display, day, project.kb.date_formats, reviewed_by=reviewer, source_hash=digest
            )
            if bump.changed and not dry_run:
                _write(original, bump.data, path)
    except OSError as exc:
        click.echo(f"{display}:1:1: error: not updated: cannot read file: {exc.strerror or exc}", err=True)
        return False
    except (BumpRefused, RewriteRefused) as exc:
        where = f"{exc.line}:{exc.column}" if isinstance(exc, BumpRefused) else "1:1"
        click.echo(f"{display}:{where}: error: not updated: {exc}", err=True)
        return False
    if not bump.changed:
        click.echo(f"{display}: already reviewed {bump.old_reviewed}; unchanged")
        return True
    dropped = f"; dropped review_by {bump.dropped_review_by}" if bump.dropped_review_by else ""
    recorded = "".join(f"; {change}" for change in bump.recorded)
    click.echo(
        f"{display}: reviewed {bump.old_reviewed} -> {bump.new_reviewed}{dropped}{recorded}{' (dry run)' * dry_run}"
    )
    return True


def _source_hash(project: Project, path: Path) -> tuple[str | None, str]:
    """A translation under the content root records its source's hash; anything else records none."""
    try:
        rel = PurePosixPath(path.resolve().relative_to(project.docs_dir.resolve()).as_posix())
    except ValueError:
        return None, ""
    return current_source_hash(project.docs_dir, rel, project.kb.default_language)


def _write(original: ReadFile, data: bytes, path: Path) -> None:
    """Failing to write (disk full, read-only folder) is the tool's problem, not the article's: exit 2."""
    try:
        replace_unchanged(original, data)
    except OSError as exc:
        raise ToolError(f"cannot write {path}: {exc.strerror or exc}") from None
