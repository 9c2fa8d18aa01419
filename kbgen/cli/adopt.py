"""`kbgen adopt`: bring an existing Markdown docs tree into the content folder as it is (see kbgen.adopt)."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

import click

from kbgen.adopt.mapping import (
    DEFAULT_DATE_FORMATS,
    DEFAULT_DATE_KEYS,
    DEFAULT_INTERVAL_KEYS,
    DEFAULT_ORDER_KEYS,
    DEFAULT_OWNER,
    DEFAULT_OWNER_KEYS,
    Options,
)
from kbgen.adopt.run import AdoptError, adopt_tree
from kbgen.adopt.site_links import PublishedAt, PublishedAtError
from kbgen.adopt.summary import format_summary
from kbgen.cli.errors import EXIT_FINDINGS, ToolError
from kbgen.cli.options import open_project, with_project_options
from kbgen.config.settings import LANGUAGE_CODE
from kbgen.safe_text import terminal_lines


def _check_format(fmt: str) -> None:
    sample = date(2031, 12, 29)
    try:
        round_trip = datetime.strptime(sample.strftime(fmt), fmt).date()
    except ValueError:
        round_trip = None
    if round_trip != sample:
        raise ToolError(f"--date-format '{fmt}' does not read a whole date back; use strptime codes such as %d.%m.%Y")


@click.command("adopt")
@with_project_options
@click.argument("source_dir", type=click.Path(exists=True, file_okay=False, path_type=Path))
@click.option("--lang", required=True, metavar="L", help="The language folder to adopt into: content/L/.")
@click.option(
    "--owner-key", "owner_keys", multiple=True, metavar="K",
    help=f"Front-matter key holding the owner; repeatable, tried in order [default: {', '.join(DEFAULT_OWNER_KEYS)}].",
)  # fmt: skip
@click.option(
    "--date-key", "date_keys", multiple=True, metavar="K",
    help=f"Front-matter key holding the last review date [default: {', '.join(DEFAULT_DATE_KEYS)}].",
)  # fmt: skip
@click.option(
    "--interval-key", "interval_keys", multiple=True, metavar="K",
    help=f"Front-matter key holding the article's review cycle [default: {', '.join(DEFAULT_INTERVAL_KEYS)}].",
)  # fmt: skip
@click.option(
    "--order-key", "order_keys", multiple=True, metavar="K",
    help=f"Front-matter key holding the file's place among its siblings [default: {', '.join(DEFAULT_ORDER_KEYS)}].",
)  # fmt: skip
@click.option(
    "--date-format", "date_formats", multiple=True, metavar="F",
    help="strptime format of those dates; repeatable [default: %Y-%m-%d, %m/%d/%Y].",
)  # fmt: skip
@click.option(
    "--product-version", default="all", show_default=True, metavar="V",
    help="product_version for files that do not name one.",
)  # fmt: skip
@click.option(
    "--owner", "owner", metavar="O",
    help=f"Owner when neither a key, CODEOWNERS nor git names one [default: {DEFAULT_OWNER}].",
)  # fmt: skip
@click.option(
    "--published-at", "published_at", metavar="URL",
    help="The address SOURCE_DIR's pages were published at: its site-root links (/x/y) are pointed at the adopted "
    "page they named, or else at that site.",
)  # fmt: skip
@click.option(
    "--untagged-lang", "untagged_lang", metavar="L",
    help="In a tree that names files by language (install.fr.md beside install.md), the language of the names that "
    "carry none: the source site's default language [default: the project's first language].",
)  # fmt: skip
@click.option("--dry-run", is_flag=True, help="Say what would be adopted; write nothing.")
def adopt_command(
    config_file: Path,
    today: str | None,
    source_dir: Path,
    lang: str,
    owner_keys: tuple[str, ...],
    date_keys: tuple[str, ...],
    date_formats: tuple[str, ...],
    interval_keys: tuple[str, ...],
    order_keys: tuple[str, ...],
    product_version: str,
    owner: str | None,
    published_at: str | None,
    untagged_lang: str | None,
    dry_run: bool,
) -> None:
    """Adopt the Markdown tree in SOURCE_DIR into content/L/, keeping folders, file names and bodies as they are.

    Front matter is completed from what each file already says (title, summary, owner, review date and cycle,
    order), then from CODEOWNERS and git history, then from defaults. DocFX [!INCLUDE] directives (and GitBook's
    {% include %} tags) are replaced by the included text; files that were only included, and files in an includes/
    folder (or GitBook's .gitbook/includes/), are not adopted as pages. With --published-at, links that start at the
    published site's root lead to the adopted page they named, or to that site. In a tree that names files by
    language (Hugo's and mkdocs-static-i18n's install.fr.md beside install.md) only L's files are taken, under their
    names without the language; adopt a folder per language (content/fr/, Docusaurus'
    i18n/fr/docusaurus-plugin-content-docs/current/) as any tree. The source is never modified and nothing in the
    content folder is overwritten. Exit 0 when everything was adopted, 1 when some files needed a default, could not
    be mapped or were refused or an include could not be expanded, 2 on a usage error.
    """
    project, resolved = open_project(config_file, today)
    if not project.kb.accepts_language(lang):
        known = ", ".join(project.kb.languages) or "a language code such as 'en'"
        raise ToolError(f"--lang '{lang}' is not a configured language ({known}); add it to 'languages' first")
    if untagged_lang is not None and not LANGUAGE_CODE.match(untagged_lang):
        raise ToolError(f"--untagged-lang '{untagged_lang}' is not a language code such as 'en' or 'pt-br'")
    versions = project.kb.product_versions
    if product_version != "all" and versions and product_version not in versions:
        raise ToolError(f"--product-version '{product_version}' is not in product_versions ({', '.join(versions)})")
    if owner is not None and not owner.strip():
        raise ToolError("--owner is empty; name a person or team")
    for fmt in date_formats:
        _check_format(fmt)
    try:
        published = PublishedAt.parse(published_at) if published_at is not None else None
    except PublishedAtError as exc:
        raise ToolError(str(exc)) from None
    options = Options(
        lang=lang,
        today=resolved.date,
        owner_keys=owner_keys or DEFAULT_OWNER_KEYS,
        date_keys=date_keys or DEFAULT_DATE_KEYS,
        date_formats=date_formats or DEFAULT_DATE_FORMATS,
        interval_keys=interval_keys or DEFAULT_INTERVAL_KEYS,
        order_keys=order_keys or DEFAULT_ORDER_KEYS,
        product_version=product_version,
        owner=owner.strip() if owner else DEFAULT_OWNER,
        owner_given=owner is not None,
        dry_run=dry_run,
        published_at=published,
        untagged_lang=untagged_lang or "",
    )
    target_display = f"{project.display_prefix}{lang}/"
    try:
        outcome = adopt_tree(source_dir, project.docs_dir / lang, project.kb, options, target_display)
    except AdoptError as exc:
        raise ToolError(str(exc)) from None
    summary = format_summary(outcome, target_display, project.kb.foreign_keys, dry_run, project.markdown_extensions)
    click.echo(terminal_lines(summary), nl=False)  # source names and titles, shown and not obeyed
    if not outcome.clean:
        raise SystemExit(EXIT_FINDINGS)
