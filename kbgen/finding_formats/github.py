"""GitHub Actions workflow commands, so each finding shows inline on the pull request's diff."""

from __future__ import annotations

from collections.abc import Sequence

from kbgen.finding_formats.context import ReportContext
from kbgen.finding_formats.text import summary
from kbgen.model import Finding, Severity
from kbgen.safe_text import one_line


def escape_data(text: str) -> str:
    """The message part: GitHub decodes %25, %0D and %0A (actions/toolkit `escapeData`)."""
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    """Property values also end at ',' and ':' (actions/toolkit `escapeProperty`)."""
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


_COMMANDS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}


def command(finding: Finding, context: ReportContext | None = None) -> str:
    """`file` is from the repository root, where GitHub looks, even when the help center sits in a subfolder."""
    properties = {
        "file": context.repo_path(finding.path) if context is not None else finding.path,
        "line": str(finding.line),
        "col": str(finding.column),
        "title": f"{finding.code} {finding.rule}",
    }
    joined = ",".join(f"{key}={escape_property(value)}" for key, value in properties.items())
    return f"::{_COMMANDS[finding.severity]}{' ' if joined else ''}{joined}::{escape_data(finding.message)}"


def render(findings: Sequence[Finding], context: ReportContext) -> str:
    """One command per finding; the closing summary is a plain log line, not an annotation."""
    lines = [one_line(command(finding, context)) for finding in findings]  # no control character or undecodable byte
    lines.append(summary(findings, context))
    return "\n".join(lines) + "\n"
