"""`kbgen translate-status`: per language, which translations are current, outdated, orphaned or missing."""

from __future__ import annotations

from pathlib import Path

import click

from kbgen.cli.errors import EXIT_FINDINGS, EXIT_OK, ToolError
from kbgen.cli.options import config_file_option, open_project
from kbgen.loading.loader import load_project_corpus
from kbgen.translations.formats import FORMATS
from kbgen.translations.status import translation_status


@click.command("translate-status")
@config_file_option
@click.option("--lang", metavar="L", help="Only this language.")
@click.option("--format", "fmt", type=click.Choice(list(FORMATS)), default="table", show_default=True)
def translate_status_command(config_file: Path, lang: str | None, fmt: str) -> None:
    """Compare every translation's source_hash with its source today.

    Exit 1 when a translation is outdated or orphaned, or an article is missing in a required language;
    0 otherwise; 2 on a usage or config error.
    """
    project, _ = open_project(config_file, None)
    corpus = load_project_corpus(project)
    status = translation_status(corpus, project.kb)
    if lang is not None:
        if lang not in status.languages:
            known = ", ".join(status.languages) or "none"
            raise ToolError(f"--lang {lang}: not a translated language (translated languages: {known})")
        status = status.only(lang)
    click.echo(FORMATS[fmt](status), nl=False)
    raise SystemExit(EXIT_FINDINGS if status.failing() else EXIT_OK)
