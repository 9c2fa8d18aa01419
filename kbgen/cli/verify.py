"""`kbgen verify`: check a built or deployed site folder against the sha256 manifest written with it."""

from __future__ import annotations

from pathlib import Path

import click

from kbgen.cli.errors import EXIT_FINDINGS, EXIT_OK, ToolError
from kbgen.publishing.manifest import MANIFEST_NAME, verify_manifest


@click.command("verify")
@click.argument("site_dir", type=click.Path(file_okay=False, path_type=Path), default=Path("site"))
def verify_command(site_dir: Path) -> None:
    """Check SITE_DIR (default: site) against its kbgen-manifest.txt. Exit 0 match, 1 mismatch, 2 no manifest."""
    try:
        problems = verify_manifest(site_dir)
    except FileNotFoundError:
        raise ToolError(f"{site_dir / MANIFEST_NAME}: no manifest; is '{site_dir}' a folder kbgen built?") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise ToolError(f"cannot read {site_dir}: {exc}") from None
    for problem in problems:
        click.echo(f"{site_dir.as_posix()}/{problem}")
    if problems:
        click.echo(f"error: {len(problems)} file(s) do not match {MANIFEST_NAME}", err=True)
        raise SystemExit(EXIT_FINDINGS)
    click.echo(f"{site_dir.as_posix()}: every file matches {MANIFEST_NAME}", err=True)
    raise SystemExit(EXIT_OK)
