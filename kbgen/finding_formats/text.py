"""The human report: one `path:line:col: severity CODE: message [rule]` line per finding, then a summary."""

from __future__ import annotations

from collections.abc import Sequence

from kbgen.finding_formats.context import Counts, ReportContext
from kbgen.model import Finding
from kbgen.safe_text import one_line


def summary(findings: Sequence[Finding], context: ReportContext) -> str:
    return f"{context.files_checked} files checked, {Counts.of(findings)}; {context.today}"


def render(findings: Sequence[Finding], context: ReportContext) -> str:
    lines = [one_line(finding.format()) for finding in findings]
    lines.append(summary(findings, context))
    return "\n".join(lines) + "\n"
