"""Options shared by several commands, and the glue that turns them into core objects."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

import click

from kbgen.cli.errors import ToolError
from kbgen.config.project import Project
from kbgen.config.settings import ConfigError
from kbgen.config.today import Today, resolve_today
from kbgen.mkdocs_plugin.config_file import load_project
from kbgen.workers import jobs_setting

config_file_option = click.option(
    "--config-file",
    "-f",
    type=click.Path(dir_okay=False, path_type=Path),
    default=Path("mkdocs.yml"),
    show_default=True,
    help="The MkDocs configuration with the kbgen plugin block.",
)
today_option = click.option(
    "--today",
    metavar="YYYY-MM-DD",
    help="Judge freshness as of this date (else $KBGEN_TODAY, else $SOURCE_DATE_EPOCH, else the clock).",
)

review_day_option = click.option(
    "--today",
    metavar="YYYY-MM-DD",
    help="The review date to write (else $KBGEN_TODAY, else $SOURCE_DATE_EPOCH, else the clock).",
)


def with_project_options(func: Callable[..., Any]) -> Callable[..., Any]:
    return config_file_option(today_option(func))


def open_project(config_file: Path, today_flag: str | None, site_dir: Path | None = None) -> tuple[Project, Today]:
    try:
        project = load_project(config_file, site_dir)
        today = resolve_today(today_flag, os.environ, project.kb.timezone)
        jobs_setting(os.environ)  # a bad KBGEN_JOBS is named before any work starts
    except ConfigError as exc:
        raise ToolError(str(exc)) from None
    return project, today


def jobs() -> int | None:
    """KBGEN_JOBS, already checked by open_project."""
    return jobs_setting(os.environ)


def refuse_writing_over(project: Project, path: Path | None, option: str) -> None:
    """Exit 2 before any work when `option` names a place a report must not go (Project.written_over)."""
    problem = project.written_over(path) if path is not None else None
    if problem is not None:
        raise ToolError(f"{option}: {problem}; kbgen writes reports and exports only outside them: choose another path")
