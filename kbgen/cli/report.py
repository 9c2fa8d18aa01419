"""`kbgen report`: the owner report of review status, in the format the reader needs."""

from __future__ import annotations

from pathlib import Path

import click

from kbgen.checks import CheckContext, run_checks
from kbgen.cli.errors import ToolError
from kbgen.cli.options import open_project, refuse_writing_over, with_project_options
from kbgen.config.edit_links import edit_url
from kbgen.config.project import Project
from kbgen.config.today import Today
from kbgen.loading.loader import load_project_corpus
from kbgen.model import Article, Corpus
from kbgen.owners.digest_files import write_digests
from kbgen.owners.digests import build_digests
from kbgen.owners.directory import load_directory
from kbgen.status_report import FORMATS, build_report
from kbgen.translations.status import translation_status


@click.command("report")
@with_project_options
@click.option("--format", "fmt", type=click.Choice(list(FORMATS)), default="table", show_default=True)
@click.option("--owner", metavar="NAME", help="Only this owner's articles.")
@click.option("--output", "-o", type=click.Path(dir_okay=False, path_type=Path), help="Write the report to FILE.")
@click.option("--by-owner", is_flag=True, help="Write one digest per owner or team (.md, .json, .txt) and an index.")
@click.option(
    "--output-dir", type=click.Path(file_okay=False, path_type=Path), help="The folder --by-owner writes into."
)
@click.pass_context
def report_command(
    ctx: click.Context,
    config_file: Path,
    today: str | None,
    fmt: str,
    owner: str | None,
    output: Path | None,
    by_owner: bool,
    output_dir: Path | None,
) -> None:
    """List every article with owner, last review, due date and status, most urgent first.

    With --by-owner --output-dir DIR, write one digest per owner instead: overdue, due soon and broken
    articles with links to edit them, as Markdown, JSON and plain text ready to e-mail, plus an index.
    Always exits 0 when the report is written (use `kbgen check` to fail CI); 2 on a usage or config error.
    """
    if by_owner != (output_dir is not None):
        raise ToolError("--by-owner and --output-dir go together: kbgen report --by-owner --output-dir DIR")
    explicit_format = ctx.get_parameter_source("fmt") is not click.core.ParameterSource.DEFAULT
    if by_owner and (output is not None or owner is not None or explicit_format):
        raise ToolError("--by-owner writes every owner's digest in every format; drop --format, --owner and --output")
    project, resolved = open_project(config_file, today)
    refuse_writing_over(project, output, "--output")
    refuse_writing_over(project, output_dir, "--output-dir")
    corpus = load_project_corpus(project)
    if output_dir is not None:
        _write_digests(project, corpus, resolved, output_dir)
        return
    translations = translation_status(corpus, project.kb) if owner is None else None
    report = build_report(corpus.articles, project.kb, resolved, owner, translations)
    if owner is not None and not report.groups:
        owners = sorted({a.owner for a in corpus.articles})
        raise ToolError(f"no articles owned by '{owner}'; owners are: {', '.join(owners)}")
    text = FORMATS[fmt](report)
    if output is None:
        click.echo(text, nl=False)
        return
    from kbgen.export.output import write_atomically  # only with --output

    try:
        write_atomically(output, text.encode("utf-8"))  # a full disk leaves the last report, not half of one
    except OSError as exc:
        raise ToolError(f"cannot write report to {output}: {exc.strerror or exc}") from None
    click.echo(f"wrote {output}: {len(report.rows)} articles; {resolved}", err=True)


def _write_digests(project: Project, corpus: Corpus, resolved: Today, folder: Path) -> None:
    findings = run_checks(CheckContext(corpus, project.kb, resolved.date, project.root, project.docs_dir))
    directory, _ = load_directory(project.root, project.kb)

    def edit_link(article: Article) -> str:
        return edit_url(project.repo_url, project.edit_uri, project.edit_uri_template, str(article.source.rel))

    digests = build_digests(corpus.articles, findings, project.kb, resolved.date, directory, edit_link)
    try:
        write_digests(digests, folder)
    except OSError as exc:
        raise ToolError(f"cannot write digests to {folder}: {exc.strerror or exc}") from None
    needing = sum(1 for d in digests.digests if d.actions)
    click.echo(
        f"wrote {len(digests.digests)} digests to {folder} ({needing} with something to do) and index.md; {resolved}",
        err=True,
    )
