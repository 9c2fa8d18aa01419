"""`kbgen build` and `kbgen serve`: the MkDocs side of the command line."""

from __future__ import annotations

import errno
import math
import traceback
from pathlib import Path

import click

from kbgen.cli.errors import EXIT_FINDINGS, EXIT_TOOL_ERROR, ToolError
from kbgen.cli.fast_exit import skip_teardown
from kbgen.cli.options import config_file_option, open_project, today_option
from kbgen.finding_formats import Counts
from kbgen.model import Finding
from kbgen.publishing.site_build import BuildError, BuildFailed, InternalError, build_site, configure_logging
from kbgen.safe_text import one_line


@click.command("build")
@config_file_option
@today_option
@click.option("--site-dir", "-d", type=click.Path(file_okay=False, path_type=Path), help="Output folder.")
@click.option("--strict", is_flag=True, help="Fail (exit 1) on any error or warning; the old site stays.")
@click.option("--verbose", "-v", is_flag=True, help="Show MkDocs' debug log.")
@click.option(
    "--clean", is_flag=True, help="Build every page again instead of reusing the unchanged pages of the last build."
)
@click.option(
    "--wait",
    "wait",
    type=float,
    default=0.0,
    metavar="SECONDS",
    callback=lambda _ctx, _param, value: wait_seconds(value),
    help="Wait this long for another build's lock.",
)
@click.pass_context
def build_command(
    ctx: click.Context, config_file: Path, today: str | None, site_dir: Path | None, strict: bool, verbose: bool,
    clean: bool, wait: float,
) -> None:  # fmt: skip
    """Build the help-center site into the output folder, atomically."""
    project, resolved = open_project(config_file, today, site_dir)
    configure_logging(verbose)
    try:
        result = build_site(
            config_file, site_dir, resolved.date, strict, lock_wait=wait, reuse=not clean, detached_cleanup=True
        )
    except BuildFailed as exc:
        skip_teardown()  # build_site has joined its threads and ended or detached its processes
        _print_findings(exc.findings)
        click.echo(f"error: {exc}", err=True)
        raise SystemExit(EXIT_FINDINGS) from None
    except InternalError as exc:
        debug = (ctx.find_root().obj or {}).get("debug")
        if debug:
            traceback.print_exception(exc.original)
        click.echo(f"{exc}{'' if debug else ' (rerun with --debug for the traceback)'}", err=True)
        raise SystemExit(EXIT_TOOL_ERROR) from None
    except BuildError as exc:
        raise ToolError(str(exc)) from None
    except OSError as exc:
        raise ToolError(f"cannot write the site: {exc.strerror or exc} ({exc.filename})") from None
    skip_teardown()  # as above: the site is published and nothing of the build runs on
    _print_findings(result.findings)
    for note in result.notes:
        click.echo(f"warning: {note}", err=True)
    counts = Counts.of(result.findings)
    reused = f"; {result.reused} of {result.pages} pages unchanged, reused" if result.reused else ""
    click.echo(
        f"built {one_line(project.display(result.site_dir))}: {counts.errors} error(s), {counts.warnings} warning(s); "
        f"{resolved}"
        f"{reused}",
        err=True,
    )


def wait_seconds(value: float) -> float:
    """A negative wait was taken as no wait and `nan` as waiting forever, both without a word; `inf` would hang a CI
    job with no message. Only a finite number of seconds, 0 or more, is a wait."""
    if not math.isfinite(value) or value < 0:
        raise click.BadParameter(f"{value:g} is not a number of seconds; give 0 or more, e.g. --wait 60")
    return value


def _print_findings(findings: list[Finding]) -> None:
    for finding in findings:
        click.echo(one_line(finding.format()), err=True)  # as `kbgen check` prints it: no path forges a line


@click.command("serve")
@config_file_option
@today_option
@click.option("--dev-addr", "-a", default="127.0.0.1:8000", show_default=True, help="Address to listen on.")
def serve_command(config_file: Path, today: str | None, dev_addr: str) -> None:
    """Preview the site on this machine; rebuilds once per save and keeps the last good site on errors."""
    from kbgen.mkdocs_plugin.config_file import load_project
    from kbgen.publishing.serve import AddressError, parse_address, run
    from kbgen.publishing.serve_inputs import watched_inputs

    try:
        host, port = parse_address(dev_addr)
    except AddressError as exc:
        raise ToolError(str(exc)) from None
    project, resolved = open_project(config_file, today)
    if host not in ("127.0.0.1", "localhost", "::1"):
        click.echo(f"warning: serving on {host}: anyone who can reach this address can read the preview", err=True)
    configure_logging()
    watched = watched_inputs(project)

    def announce(url: str) -> None:
        click.echo(f"serving on {url} ({resolved}); Ctrl+C to stop", err=True)

    try:
        run(
            config_file, resolved.date, watched, host, port, announce, seed=project.site_dir,
            inputs=lambda: watched_inputs(load_project(config_file)),
        )  # fmt: skip
    except OSError as exc:
        reason = exc.strerror or str(exc)
        if exc.errno == errno.EADDRINUSE:
            reason = f"port {port} is already in use; stop the other server or choose another port with --dev-addr"
        raise ToolError(f"cannot listen on {dev_addr}: {reason}") from None
