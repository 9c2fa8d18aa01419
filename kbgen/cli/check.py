"""`kbgen check`: validate every article without rendering, and exit by the worst finding."""

from __future__ import annotations

from pathlib import Path

import click

from kbgen.checks import CheckContext, run_checks
from kbgen.cli.errors import EXIT_FINDINGS, EXIT_OK, EXIT_TOOL_ERROR, ToolError
from kbgen.cli.options import open_project, with_project_options
from kbgen.finding_formats import FORMATS, ReportContext, checked_paths
from kbgen.finding_formats.text import summary
from kbgen.links.external import CACHE_FILE, check_external
from kbgen.loading.loader import load_corpus
from kbgen.loading.synonyms import load_synonyms
from kbgen.model import Finding, Severity

FAIL_ON = {"error": Severity.ERROR, "warning": Severity.WARNING, "never": None}


def failing(findings: list[Finding], fail_on: str) -> bool:
    threshold = FAIL_ON[fail_on]
    return threshold is not None and any(f.severity >= threshold for f in findings)


@click.command("check")
@with_project_options
@click.option("--format", "fmt", type=click.Choice(sorted(FORMATS)), default="text", show_default=True)
@click.option(
    "--fail-on", type=click.Choice(list(FAIL_ON)), default="error", show_default=True, help="Exit 1 at this severity."
)
@click.option(
    "--output",
    "-o",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Write the report to FILE; the human summary still goes to the terminal.",
)
@click.option("--external", is_flag=True, help=f"Also fetch external links (cached in {CACHE_FILE} beside mkdocs.yml).")
def check_command(
    config_file: Path, today: str | None, fmt: str, fail_on: str, output: Path | None, external: bool
) -> None:
    """Validate all articles. Exit 0 clean, 1 findings at or above --fail-on, 2 usage/config/IO error."""
    project, resolved = open_project(config_file, today)
    corpus = load_corpus(project.docs_dir, project.kb, project.display_prefix)
    synonyms = load_synonyms(project.root, project.kb)
    checks = CheckContext(corpus, project.kb, resolved.date, project.root, project.docs_dir, synonyms=synonyms)
    findings = run_checks(checks)
    if external:
        findings = sorted(findings + check_external(corpus, project.root / CACHE_FILE), key=Finding.sort_key)
    files_checked = len(corpus.articles) + len(corpus.sections) + len(corpus.rejected)
    context = ReportContext(resolved, files_checked, checked_paths(corpus))
    report = FORMATS[fmt](findings, context)
    if output is None:
        click.echo(report, nl=False)
    else:
        try:
            output.write_text(report, encoding="utf-8")
        except OSError as exc:
            raise ToolError(f"cannot write report to {output}: {exc.strerror or exc}") from None
        click.echo(summary(findings, context), err=True)
    if any(f.rule == "unreadable-file" for f in findings):  # an I/O failure, not a content problem
        raise SystemExit(EXIT_TOOL_ERROR)
    raise SystemExit(EXIT_FINDINGS if failing(findings, fail_on) else EXIT_OK)
