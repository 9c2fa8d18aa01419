"""The `kbgen` command: a thin click layer over the core; results go to stdout, logs to stderr."""

from __future__ import annotations

import importlib
import signal
import sys
import traceback

import click

from kbgen import __version__
from kbgen.cli import fast_exit
from kbgen.cli.errors import EXIT_TOOL_ERROR
from kbgen.cli.examples import epilog
from kbgen.heap import collect_less

# Each command and where it lives: a module is imported only when its command runs (or help lists them all), so
# `kbgen check` does not pay for MkDocs and `kbgen build` not for the adopt mappings.
_COMMANDS: dict[str, tuple[str, str]] = {
    "adopt": ("kbgen.cli.adopt", "adopt_command"),
    "build": ("kbgen.cli.build", "build_command"),
    "check": ("kbgen.cli.check", "check_command"),
    "export": ("kbgen.cli.export", "export_command"),
    "init": ("kbgen.cli.init", "init_command"),
    "new": ("kbgen.cli.new", "new_command"),
    "report": ("kbgen.cli.report", "report_command"),
    "review": ("kbgen.cli.review", "review_command"),
    "serve": ("kbgen.cli.build", "serve_command"),
    "translate-status": ("kbgen.cli.translate_status", "translate_status_command"),
    "verify": ("kbgen.cli.verify", "verify_command"),
}


class _LazyGroup(click.Group):
    """click's lazily loading group (its documentation's pattern): commands are named up front, imported on use."""

    @property  # type: ignore[override]
    def commands(self) -> dict[str, click.Command]:
        """Every command, loaded: for help and for tests that walk them all."""
        return {name: self._load(name) for name in _COMMANDS}

    @commands.setter
    def commands(self, value: dict[str, click.Command]) -> None:
        if value:
            raise TypeError("kbgen's commands are listed in _COMMANDS")

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(_COMMANDS)

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        return self._load(cmd_name) if cmd_name in _COMMANDS else None

    @staticmethod
    def _load(name: str) -> click.Command:
        module, attribute = _COMMANDS[name]
        command = getattr(importlib.import_module(module), attribute)
        if not isinstance(command, click.Command):
            raise TypeError(f"{module}.{attribute} is not a click command")
        command.epilog = epilog(name)  # a command without examples is a KeyError (tests run every one)
        return command


@click.group(cls=_LazyGroup, context_settings={"help_option_names": ["-h", "--help"]}, epilog=epilog(""))
@click.version_option(__version__, prog_name="kbgen")
@click.option("--debug", is_flag=True, help="Show the full traceback of an internal error.")
@click.pass_context
def cli(ctx: click.Context, debug: bool) -> None:
    """kbgen: validate help articles, flag stale ones, and build the help-center site."""
    ctx.obj = {"debug": debug}


def _stopped(signum: int, frame: object) -> None:
    """SIGTERM (a cancelled CI job, `timeout`, `docker stop`) stops a command as Ctrl+C does, so what it was writing
    is removed on the way out: by default the process died at once and left a build's staging folder behind."""
    raise KeyboardInterrupt


def main() -> None:
    """Entry point: an unexpected failure is one clear line and exit 2, never a bare traceback."""
    collect_less()
    if signal.getsignal(signal.SIGTERM) is signal.SIG_DFL:
        signal.signal(signal.SIGTERM, _stopped)
    try:
        cli.main(standalone_mode=True)
    except SystemExit as exc:
        fast_exit.leave(exc.code)
    except BaseException as exc:  # the last line of defence for a CI log at 3 a.m.
        if "--debug" in sys.argv:
            traceback.print_exc()
        click.echo(f"error KB900: internal error: {type(exc).__name__}: {exc} (rerun with --debug)", err=True)
        sys.exit(EXIT_TOOL_ERROR)
