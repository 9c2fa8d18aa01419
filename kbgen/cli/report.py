"""`kbgen report`: the owner report of review status, in the format the reader needs."""

from __future__ import annotations

from pathlib import Path

import click

from kbgen.cli.errors import ToolError
from kbgen.cli.options import open_project, with_project_options
from kbgen.loading.loader import load_corpus
from kbgen.status_report import FORMATS, build_report
from kbgen.translations.status import translation_status


@click.command("report")
@with_project_options
@click.option("--format", "fmt", type=click.Choice(list(FORMATS)), default="table", show_default=True)
@click.option("--owner", metavar="NAME", help="Only this owner's articles.")
@click.option("--output", "-o", type=click.Path(dir_okay=False, path_type=Path), help="Write the report to FILE.")
def report_command(config_file: Path, today: str | None, fmt: str, owner: str | None, output: Path | None) -> None:
    """List every article with owner, last review, due date and status, most urgent first.

    Always exits 0 when the report is written (use `kbgen check` to fail CI); 2 on a usage or config error.
    """
    project, resolved = open_project(config_file, today)
    corpus = load_corpus(project.docs_dir, project.kb, project.display_prefix)
    translations = translation_status(corpus, project.kb) if owner is None else None
    report = build_report(corpus.articles, project.kb, resolved, owner, translations)
    if owner is not None and not report.groups:
        owners = sorted({a.owner for a in corpus.articles})
        raise ToolError(f"no articles owned by '{owner}'; owners are: {', '.join(owners)}")
    text = FORMATS[fmt](report)
    if output is None:
        click.echo(text, nl=False)
        return
    try:
        output.write_text(text, encoding="utf-8", newline="")
    except OSError as exc:
        raise ToolError(f"cannot write report to {output}: {exc.strerror or exc}") from None
    click.echo(f"wrote {output}: {len(report.rows)} articles; {resolved}", err=True)
