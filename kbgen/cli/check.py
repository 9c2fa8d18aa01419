"""`kbgen check`: validate every article without rendering, and exit by the worst finding."""

from __future__ import annotations

import os
from pathlib import Path

import click

from kbgen.checks import CheckContext, run_checks
from kbgen.checks.scope import Scope, content_relative, gate_on_scope, only_in_scope
from kbgen.cli.errors import EXIT_FINDINGS, EXIT_OK, EXIT_TOOL_ERROR, ToolError
from kbgen.cli.fast_exit import skip_teardown
from kbgen.cli.options import jobs, open_project, refuse_writing_over, with_project_options
from kbgen.cli.progress import Progress
from kbgen.config.project import Project
from kbgen.finding_formats import FORMATS, ReportContext, checked_paths
from kbgen.finding_formats.text import summary
from kbgen.links.external import CACHE_FILE, check_external
from kbgen.loading.load_memo import LoadMemo
from kbgen.loading.loader import load_project_corpus
from kbgen.loading.synonyms import load_synonyms
from kbgen.model import Finding, Severity
from kbgen.publishing.build_cache import load_memo
from kbgen.publishing.output_dir import OutputError, check_placement
from kbgen.vcs import GitError, changed_files, repository_prefix

FAIL_ON = {"error": Severity.ERROR, "warning": Severity.WARNING, "never": None}
_REPOSITORY_FORMATS = frozenset({"sarif", "github", "junit"})  # they name files from the repository root


def failing(findings: list[Finding], fail_on: str) -> bool:
    threshold = FAIL_ON[fail_on]
    return threshold is not None and any(f.severity >= threshold for f in findings)


@click.command("check")
@with_project_options
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
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
@click.option(
    "--changed-since",
    metavar="REF",
    help="Fail only on files changed since git REF (e.g. origin/main) and links into them; the rest is info.",
)
def check_command(
    config_file: Path, today: str | None, paths: tuple[Path, ...], fmt: str, fail_on: str, output: Path | None,
    external: bool, changed_since: str | None,
) -> None:  # fmt: skip
    """Validate all articles, or only PATH... (files or folders) and the links into them.

    Exit 0 clean, 1 findings at or above --fail-on, 2 usage/config/IO error.
    """
    project, resolved = open_project(config_file, today)
    refuse_writing_over(project, output, "--output")
    scope = _named_scope(project, paths) if paths else None
    gate = _changed_scope(project, changed_since) if changed_since is not None else None
    progress = Progress()
    counter, processes = progress.counter("reading files"), jobs()
    memo = _shared_memo(project)
    corpus = load_project_corpus(project, counter, processes, memo)
    progress.show(f"checking {len(corpus.articles):,} articles…", force=True)
    synonyms = load_synonyms(project.root, project.kb)
    root, docs = project.root, project.docs_dir
    checks = CheckContext(corpus, project.kb, resolved.date, root, docs, synonyms=synonyms, jobs=processes, memo=memo)
    if memo is not None:
        memo.save()
    findings = run_checks(checks)
    if external:
        progress.show("checking external links…", force=True)
        findings = sorted(findings + check_external(corpus, project.root / CACHE_FILE), key=Finding.sort_key)
    progress.clear()
    if gate is not None:
        findings = gate_on_scope(findings, gate)
    files = checked_paths(corpus)
    if scope is not None:
        findings = only_in_scope(findings, scope)
        files = tuple(path for path in files if scope.covers(path))
    context = ReportContext(
        resolved,
        len(files),
        files,
        failing=FAIL_ON[fail_on] or Severity.ERROR,
        repo_prefix=repository_prefix(project.root) if fmt in _REPOSITORY_FORMATS else "",
    )
    report = FORMATS[fmt](findings, context)
    if output is None:
        click.echo(report, nl=False)
    else:
        from kbgen.export.output import write_atomically  # only with --output: check stays light

        try:
            write_atomically(output, report.encode("utf-8"))  # a full disk leaves the last report, not half of one
        except OSError as exc:
            raise ToolError(f"cannot write report to {output}: {exc.strerror or exc}") from None
        click.echo(summary(findings, context), err=True)
    skip_teardown()  # the report is out, the load memo saved and the workers ended
    if any(f.rule == "unreadable-file" for f in findings):  # an I/O failure, not a content problem
        raise SystemExit(EXIT_TOOL_ERROR)
    raise SystemExit(EXIT_FINDINGS if failing(findings, fail_on) else EXIT_OK)


def _named_scope(project: Project, paths: tuple[Path, ...]) -> Scope:
    """Each PATH relative to the current folder, else to the project; it must exist under the content root."""
    found: list[Path] = []
    content = project.display(project.docs_dir)
    for path in paths:
        candidates = [path] if path.is_absolute() else [path, project.root / path]
        existing = next((c for c in candidates if os.path.lexists(c)), None)
        if existing is None:
            raise ToolError(f"{path}: no such file or folder (relative to the current folder or to the project)")
        if content_relative(existing, project.docs_dir) is None:
            raise ToolError(f"{path}: not inside the content folder {content}/; name articles or folders under it")
        found.append(existing)
    return Scope.of(found, project.docs_dir, project.display_prefix)


def _changed_scope(project: Project, ref: str) -> Scope:
    """The content files changed since `ref`; a changed mkdocs.yml can change every finding, so then all count."""
    try:
        changed = changed_files(project.root, ref)
    except GitError as exc:
        raise ToolError(f"--changed-since: {exc}") from None
    if project.config_file.resolve() in {path.resolve() for path in changed}:
        click.echo(f"{project.config_file.name} changed since {ref}: every finding counts", err=True)
        return Scope(everything=True)
    return Scope.of(changed, project.docs_dir, project.display_prefix)


def _shared_memo(project: Project) -> LoadMemo | None:
    """The load memo `kbgen build` keeps beside the output folder (and this command too): an unchanged file is
    not parsed again. None where a build would refuse the output folder's place."""
    try:
        check_placement(project.docs_dir, project.site_dir, project.root)
    except OutputError:
        return None
    final = project.site_dir.resolve()
    return load_memo(final, final)
