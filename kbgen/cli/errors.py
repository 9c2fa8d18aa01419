"""Exit codes and the exception that carries a tool failure out of a command."""

from __future__ import annotations

import click

from kbgen.safe_text import one_line

EXIT_OK = 0
EXIT_FINDINGS = 1
EXIT_TOOL_ERROR = 2


class ToolError(click.ClickException):
    """Configuration, usage or I/O problems: exit 2, message on stderr, no traceback."""

    exit_code = EXIT_TOOL_ERROR

    def show(self, file: object = None) -> None:
        click.echo(f"error: {one_line(self.format_message())}", err=True)  # a path's line break forges no line
