"""`kbgen export`: every public, published article as JSON Lines for a server-side search engine."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import click

from kbgen.checks import CheckContext, run_checks
from kbgen.cli.errors import EXIT_FINDINGS, EXIT_TOOL_ERROR, ToolError
from kbgen.cli.options import open_project, refuse_writing_over, with_project_options
from kbgen.config.settings import ConfigError
from kbgen.export import SHAPES, ExportError, export_lines, export_records, write_atomically
from kbgen.finding_formats import Counts
from kbgen.loading.loader import load_project_corpus
from kbgen.loading.synonyms import load_synonyms
from kbgen.mkdocs_plugin.article_html import ArticleHtml, render_settings
from kbgen.model import Article
from kbgen.safe_text import one_line
from kbgen.wording import plural


@click.command("export")
@with_project_options
@click.option(
    "--format",
    "fmt",
    type=click.Choice(sorted(SHAPES)),
    default="jsonl",
    show_default=True,
    help="kbgen's own records (jsonl), or the record shape of a search engine.",
)
@click.option(
    "--output",
    "-o",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Write to FILE, replaced only once complete (default: standard output).",
)
@click.option("--strict", is_flag=True, help="Fail (exit 1) on any error or warning; nothing is written.")
@click.pass_context
def export_command(
    ctx: click.Context, config_file: Path, today: str | None, fmt: str, output: Path | None, strict: bool
) -> None:
    """Write every public, published article as one JSON record a line, for a server-side search engine.

    Internal, draft and archived articles are never exported: exactly the articles the site's own search holds,
    with the text it indexes; the README documents each field. Findings go to stderr, as `kbgen build` prints
    them. Exit 0 exported, 1 any finding under --strict (nothing written), 2 usage/config/IO error.
    """
    project, resolved = open_project(config_file, today)
    refuse_writing_over(project, output, "--output")
    try:
        settings = render_settings(config_file)
    except ConfigError as exc:
        raise ToolError(str(exc)) from None
    for warning in settings.warnings:
        click.echo(f"warning: {warning}", err=True)
    corpus = load_project_corpus(project)
    synonyms = load_synonyms(project.root, project.kb)
    checks = CheckContext(corpus, project.kb, resolved.date, project.root, project.docs_dir, synonyms=synonyms)
    findings = run_checks(checks)
    for finding in findings:
        click.echo(one_line(finding.format()), err=True)
    counts = Counts.of(findings)
    tally = f"{counts.errors} error(s), {counts.warnings} warning(s); {resolved}"
    if any(f.rule == "unreadable-file" for f in findings):  # an I/O failure, not a content problem
        click.echo(f"error: a content file could not be read; nothing was exported ({tally})", err=True)
        raise SystemExit(EXIT_TOOL_ERROR)
    if strict and findings:
        click.echo(f"error: {len(findings)} finding(s) in strict mode; nothing was exported ({tally})", err=True)
        raise SystemExit(EXIT_FINDINGS)
    render = _named(ArticleHtml(settings), bool((ctx.find_root().obj or {}).get("debug")))
    try:
        records = export_records(corpus, project.kb, resolved.date, render, settings.site_url)
    except ExportError as exc:
        raise ToolError(str(exc)) from None
    data = export_lines(records, fmt)
    if output is None:
        stdout = click.get_binary_stream("stdout")
        stdout.write(data)
        stdout.flush()
    else:
        try:
            write_atomically(output, data)
        except OSError as exc:
            raise ToolError(f"cannot write {output}: {exc.strerror or exc}; nothing was written") from None
    where = "standard output" if output is None else str(output)
    lines = data.count(b"\n")
    counted = f"{plural(len(records), 'article')} ({plural(lines, fmt + ' record')})"
    click.echo(f"exported {counted} to {where}: {tally}", err=True)


def _named(render: Callable[[Article], str], debug: bool) -> Callable[[Article], str]:
    """``render``, with a crash in a Markdown extension named by the article it happened in (exit 2)."""

    def run(article: Article) -> str:
        try:
            return render(article)
        except Exception as exc:
            if debug:
                raise
            where = f"KB900: internal error while rendering {article.source.display}"
            raise ToolError(f"{where}: {type(exc).__name__}: {exc} (rerun with --debug)") from None

    return run
