"""A Markdown table of findings for a pull-request comment or a CI job summary."""

from __future__ import annotations

from collections.abc import Sequence

from kbgen.finding_formats.context import Counts, ReportContext
from kbgen.markdown_cells import cell, code
from kbgen.model import Finding, Severity
from kbgen.safe_text import xml_safe

_ICONS = {Severity.ERROR: ":x:", Severity.WARNING: ":warning:", Severity.INFO: ":information_source:"}


def render(findings: Sequence[Finding], context: ReportContext) -> str:
    lines = [
        f"### kbgen check: {Counts.of(findings)}",
        "",
        f"{context.files_checked} files checked; {cell(str(context.today))}",
        "",
    ]
    if not findings:
        lines.append("No problems found.")
        return "\n".join(lines) + "\n"
    lines += ["| Severity | Location | Code | Message |", "| --- | --- | --- | --- |"]
    for f in findings:
        icon = _ICONS[f.severity]
        location = code(f"{f.path}:{f.line}:{f.column}")
        lines.append(f"| {icon} {f.severity} | {location} | {f.code} `{f.rule}` | {cell(f.message)} |")
    return xml_safe("\n".join(lines) + "\n")  # GitHub renders it to HTML: no control characters
