"""`kbgen review`: record that articles were re-read, by path or in bulk, changing only `reviewed`."""

from __future__ import annotations

import os
import tempfile
from datetime import date
from pathlib import Path

import click

from kbgen.cli.errors import EXIT_FINDINGS, ToolError
from kbgen.cli.options import open_project, with_project_options
from kbgen.config.project import Project
from kbgen.config.settings import ConfigError
from kbgen.config.today import parse_iso_date
from kbgen.loading.loader import load_corpus
from kbgen.model import Article
from kbgen.review.bump import BumpRefused, bump_review
from kbgen.review.schedule import is_past_due, judge


@click.command("review")
@with_project_options
@click.argument("paths", nargs=-1, type=click.Path(exists=True, path_type=Path))
@click.option("--date", "review_date", metavar="YYYY-MM-DD", help="The review date to record (default: today).")
@click.option("--owner", metavar="NAME", help="Only articles owned by NAME.")
@click.option("--category", metavar="PATH", help="Only articles in this category or section (billing/invoices).")
@click.option("--stale", is_flag=True, help="Only articles that are past their due date today.")
@click.option("--dry-run", is_flag=True, help="Say what would change; write nothing.")
def review_command(
    config_file: Path,
    today: str | None,
    paths: tuple[Path, ...],
    review_date: str | None,
    owner: str | None,
    category: str | None,
    stale: bool,
    dry_run: bool,
) -> None:
    """Set `reviewed` to today (or --date) in PATHS, or in every article the filters select.

    Drops a `review_by` that the new date has reached; every other byte stays as it was. A file whose
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
    targets = _select(project, paths, owner, category, stale, resolved.date)
    if not targets:
        click.echo("no articles matched; nothing changed", err=True)
        return
    refused = 0
    for path in targets:
        refused += not _bump_one(project, path, day, dry_run)
    if refused:
        raise SystemExit(EXIT_FINDINGS)


def _select(
    project: Project, paths: tuple[Path, ...], owner: str | None, category: str | None, stale: bool, today: date
) -> list[Path]:
    """Explicit files are taken as given; folders and filters go through the loaded articles."""
    files = {p.resolve() for p in paths if p.is_file()}
    folders = [p.resolve() for p in paths if p.is_dir()]
    filtering = bool(owner or category or stale or folders)
    if not filtering:
        return sorted(files)
    corpus = load_corpus(project.docs_dir, project.kb, project.display_prefix)
    chosen = []
    for article in corpus.articles:
        path = (project.docs_dir / article.source.rel).resolve()
        in_scope = not paths or path in files or any(folder in path.parents for folder in folders)
        if in_scope and _matches(article, owner, category, stale, project, today):
            chosen.append(path)
    return sorted(chosen)


def _matches(
    article: Article, owner: str | None, category: str | None, stale: bool, project: Project, today: date
) -> bool:
    if owner is not None and article.owner != owner:
        return False
    if category is not None and category.strip("/") not in _folders(article):
        return False
    if stale:
        state = judge(article, project.kb, today)
        return state.due is not None and is_past_due(state.due.date, today)
    return True


def _folders(article: Article) -> set[str]:
    """`billing` and `billing/invoices` both select an article in billing/invoices/."""
    return {"/".join(article.section_path[:end]) for end in range(1, len(article.section_path) + 1)}


def _bump_one(project: Project, path: Path, day: date, dry_run: bool) -> bool:
    display = project.display(path)
    try:
        data = path.read_bytes()
        bump = bump_review(data, display, day, project.kb.date_formats)
    except OSError as exc:
        click.echo(f"{display}:1:1: error: not updated: cannot read file: {exc.strerror or exc}", err=True)
        return False
    except BumpRefused as exc:
        click.echo(f"{display}:{exc.line}:{exc.column}: error: not updated: {exc}", err=True)
        return False
    if not bump.changed:
        click.echo(f"{display}: already reviewed {bump.old_reviewed}; unchanged")
        return True
    dropped = f"; dropped review_by {bump.dropped_review_by}" if bump.dropped_review_by else ""
    click.echo(f"{display}: reviewed {bump.old_reviewed} -> {bump.new_reviewed}{dropped}{' (dry run)' * dry_run}")
    if not dry_run:
        _replace(path, bump.data)
    return True


def _replace(path: Path, data: bytes) -> None:
    """Write beside the file and rename over it, so a crash never leaves half an article; keep its mode."""
    mode = path.stat().st_mode & 0o7777
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".kbgen-tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        Path(tmp).chmod(mode)
        Path(tmp).replace(path)
    except OSError as exc:
        Path(tmp).unlink(missing_ok=True)
        raise ToolError(f"cannot write {path}: {exc.strerror or exc}") from None
