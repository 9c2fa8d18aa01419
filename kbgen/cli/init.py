"""`kbgen init`: a new help-center repository that checks and builds at once, with CI recipes and a hook."""

from __future__ import annotations

import os
from pathlib import Path

import click

from kbgen.cli.errors import ToolError
from kbgen.cli.options import review_day_option
from kbgen.config.settings import ConfigError
from kbgen.config.today import resolve_today
from kbgen.scaffold import ScaffoldRefused
from kbgen.scaffold.owner import git_identity
from kbgen.scaffold.project import STARTER_CATEGORY, plan_project, write_project

FALLBACK_OWNER = "docs-team"


@click.command("init")
@click.argument("directory", type=click.Path(file_okay=False, path_type=Path), default=Path())
@click.option(
    "--lang", "languages", multiple=True, metavar="CODE", help="A language to start (repeat for more; default en)."
)
@click.option("--site-name", default="Help Center", show_default=True, help="The site's name in mkdocs.yml.")
@click.option("--owner", metavar="NAME", help="Owner of the starter articles (default: your git user.email).")
@review_day_option
def init_command(
    directory: Path, languages: tuple[str, ...], site_name: str, owner: str | None, today: str | None
) -> None:
    """Create a help-center repository in DIRECTORY (default: here), which must be empty or hold only .git.

    It gets content/ with a home page, a category and a starter article per language, mkdocs.yml with the
    kbgen plugin, GitHub Actions and GitLab CI recipes, a pre-commit hook, .gitignore and a README.
    Exit 2 when DIRECTORY is not empty or a value is invalid.
    """
    try:
        day = resolve_today(today, os.environ).date
    except ConfigError as exc:
        raise ToolError(str(exc)) from None
    who = owner or git_identity(_existing_parent(directory))
    try:
        plan = plan_project(languages or ("en",), site_name, who or FALLBACK_OWNER, day)
        write_project(directory, plan)
    except ScaffoldRefused as exc:
        raise ToolError(str(exc)) from None
    except OSError as exc:
        raise ToolError(f"cannot write into {directory}: {exc.strerror or exc} ({exc.filename})") from None
    click.echo(
        f"created {directory.as_posix()}: mkdocs.yml, content/ in {', '.join(plan.languages)} "
        f"({STARTER_CATEGORY}/welcome.md each), .github/workflows/, .gitlab-ci.yml, .pre-commit-config.yaml, "
        f".gitignore, requirements.txt, README.md ({len(plan.files)} files)"
    )
    if not owner:
        source = "from git config" if who else "git has no user.email or user.name"
        click.echo(f"the starter articles' owner is {who or FALLBACK_OWNER} ({source}); set it with --owner", err=True)
    for lang in plan.untranslated:
        click.echo(f"note: no starter text in '{lang}': content/{lang}/ holds the English one to translate", err=True)
    where = "" if directory == Path() else f"cd {directory.as_posix()} && "
    click.echo(f'next: {where}kbgen serve, then kbgen new "Title" --category {STARTER_CATEGORY}', err=True)


def _existing_parent(directory: Path) -> Path:
    """git reads its configuration from the nearest folder that exists (the new one may not yet)."""
    path = directory.resolve()
    while not path.is_dir():
        path = path.parent
    return path
