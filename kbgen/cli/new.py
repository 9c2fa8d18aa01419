"""`kbgen new`: a new article with complete front matter at a readable slug, ready to write."""

from __future__ import annotations

from pathlib import Path

import click

from kbgen.cli.errors import ToolError
from kbgen.cli.options import config_file_option, open_project, review_day_option
from kbgen.loading.loader import load_project_corpus
from kbgen.scaffold import ScaffoldRefused
from kbgen.scaffold.article import ArticleRequest, plan_article, write_article
from kbgen.scaffold.owner import git_identity


@click.command("new")
@config_file_option
@review_day_option
@click.argument("title")
@click.option(
    "--category", required=True, metavar="PATH", help="The section folder under content/<lang>/, e.g. billing/invoices."
)
@click.option("--lang", metavar="CODE", help="The article's language (default: the first configured one).")
@click.option(
    "--owner",
    metavar="NAME",
    help="Who keeps it current (default: the section's owner, else your git user.email or user.name).",
)
@click.option("--slug", metavar="SLUG", help="The file name without .md (default: from the title; needed for Chinese).")
@click.option(
    "--product-version", "versions", multiple=True, metavar="V",
    help="A version it applies to (repeat for more; default: the section's, else the newest supported).",
)  # fmt: skip
def new_command(
    config_file: Path, today: str | None, title: str, category: str, lang: str | None, owner: str | None,
    slug: str | None, versions: tuple[str, ...],
) -> None:  # fmt: skip
    """Write a new article titled TITLE, reviewed today, and print its path; never overwrites a file.

    A section folder that does not exist yet is created, with an index.md holding its title. What a section's
    index.md sets (owner, product_version) is inherited, not copied; a comment in the front matter names it.
    Exit 2 when the file exists, the title has no Latin spelling and no --slug is given, or a value is invalid.
    """
    project, resolved = open_project(config_file, today)
    corpus = load_project_corpus(project)  # the sections' defaults
    git_owner = None if owner else git_identity(project.root)
    request = ArticleRequest(title, category, lang, owner, resolved.date, slug, versions, git_owner)
    try:
        plan = plan_article(request, project.kb, project.docs_dir.name, project.display_prefix, corpus.section)
        created = write_article(project.docs_dir, plan)
    except ScaffoldRefused as exc:
        raise ToolError(str(exc)) from None
    except OSError as exc:
        raise ToolError(f"cannot write the article: {exc.strerror or exc} ({exc.filename})") from None
    for rel in created[:-1]:
        if rel.name != "index.md":
            click.echo(f"created the section folder {project.display(project.docs_dir / rel)}/", err=True)
        else:
            click.echo(f"wrote {project.display(project.docs_dir / rel)}: the section's title, to edit", err=True)
    (who, who_source), (applies, versions_source), (interval, interval_source) = (
        plan.owner,
        plan.versions,
        plan.interval,
    )
    click.echo(
        f"owner {who} ({who_source}), reviewed {resolved.date.isoformat()}, product_version {', '.join(applies)} "
        f"({versions_source}); due for review {interval} later ({interval_source})",
        err=True,
    )
    if plan.internal:
        click.echo(f"note: {plan.internal} makes this section internal: the article will not be published", err=True)
    click.echo(plan.display)
