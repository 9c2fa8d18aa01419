"""A Markdown table of findings for a pull-request comment or a CI job summary."""

from __future__ import annotations

import html
from collections.abc import Sequence

from kbgen.finding_formats.context import ReportContext
from kbgen.finding_formats.safe_text import code_span, pipe_safe, xml_safe
from kbgen.model import Finding, Severity


def cell(text: str) -> str:
    """Table-safe: no raw HTML, no column breaks, no line breaks."""
    escaped = pipe_safe(html.escape(text, quote=False))
    return " ".join(escaped.split())


def render(findings: Sequence[Finding], context: ReportContext) -> str:
    errors = sum(1 for f in findings if f.severity is Severity.ERROR)
    warnings = len(findings) - errors
    lines = [
        f"### kbgen check: {errors} error{'s' * (errors != 1)}, {warnings} warning{'s' * (warnings != 1)}",
        "",
        f"{context.files_checked} files checked; {cell(str(context.today))}",
        "",
    ]
    if not findings:
        lines.append("No problems found.")
        return "\n".join(lines) + "\n"
    lines += ["| Severity | Location | Code | Message |", "| --- | --- | --- | --- |"]
    for f in findings:
        icon = ":x:" if f.severity is Severity.ERROR else ":warning:"
        location = f"`{code_span(f.path)}:{f.line}:{f.column}`"
        lines.append(f"| {icon} {f.severity} | {location} | {f.code} `{f.rule}` | {cell(f.message)} |")
    return xml_safe("\n".join(lines) + "\n")  # GitHub renders it to HTML: no control characters
