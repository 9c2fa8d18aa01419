"""The human report: one `path:line:col: severity CODE: message [rule]` line per finding, then a summary."""

from __future__ import annotations

from collections.abc import Sequence

from kbgen.finding_formats.context import ReportContext
from kbgen.finding_formats.safe_text import one_line
from kbgen.model import Finding, Severity


def summary(findings: Sequence[Finding], context: ReportContext) -> str:
    errors = sum(1 for f in findings if f.severity is Severity.ERROR)
    warnings = len(findings) - errors
    return (
        f"{context.files_checked} files checked, {errors} error{'s' * (errors != 1)}, "
        f"{warnings} warning{'s' * (warnings != 1)}; {context.today}"
    )


def render(findings: Sequence[Finding], context: ReportContext) -> str:
    lines = [one_line(finding.format()) for finding in findings]
    lines.append(summary(findings, context))
    return "\n".join(lines) + "\n"
