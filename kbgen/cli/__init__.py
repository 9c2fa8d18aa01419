"""The `kbgen` command: a thin click layer over the core; results go to stdout, logs to stderr."""

from __future__ import annotations

import sys
import traceback

import click

from kbgen import __version__
from kbgen.cli.adopt import adopt_command
from kbgen.cli.build import build_command, serve_command
from kbgen.cli.check import check_command
from kbgen.cli.errors import EXIT_TOOL_ERROR
from kbgen.cli.examples import add_examples
from kbgen.cli.export import export_command
from kbgen.cli.init import init_command
from kbgen.cli.new import new_command
from kbgen.cli.report import report_command
from kbgen.cli.review import review_command
from kbgen.cli.translate_status import translate_status_command
from kbgen.cli.verify import verify_command


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="kbgen")
@click.option("--debug", is_flag=True, help="Show the full traceback of an internal error.")
@click.pass_context
def cli(ctx: click.Context, debug: bool) -> None:
    """kbgen: validate help articles, flag stale ones, and build the help-center site."""
    ctx.obj = {"debug": debug}


cli.add_command(check_command)
cli.add_command(build_command)
cli.add_command(serve_command)
cli.add_command(report_command)
cli.add_command(review_command)
cli.add_command(verify_command)
cli.add_command(adopt_command)
cli.add_command(init_command)
cli.add_command(new_command)
cli.add_command(translate_status_command)
cli.add_command(export_command)
add_examples(cli)


def main() -> None:
    """Entry point: an unexpected failure is one clear line and exit 2, never a bare traceback."""
    try:
        cli.main(standalone_mode=True)
    except SystemExit:
        raise
    except BaseException as exc:  # the last line of defence for a CI log at 3 a.m.
        if "--debug" in sys.argv:
            traceback.print_exc()
        click.echo(f"error KB900: internal error: {type(exc).__name__}: {exc} (rerun with --debug)", err=True)
        sys.exit(EXIT_TOOL_ERROR)
