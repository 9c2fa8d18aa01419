"""Machine-readable findings: a stable, sorted JSON object with a `findings` list."""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from kbgen.finding_formats.context import Counts, ReportContext
from kbgen.model import Finding
from kbgen.safe_text import json_safe


def finding_dict(finding: Finding) -> dict[str, Any]:
    return {
        "code": finding.code,
        "rule": finding.rule,
        "severity": str(finding.severity),
        "path": finding.path,
        "line": finding.line,
        "column": finding.column,
        "message": finding.message,
    }


def render(findings: Sequence[Finding], context: ReportContext) -> str:
    counts = Counts.of(findings)
    document = {
        "today": context.today.date.isoformat(),
        "today_source": context.today.source,
        "files_checked": context.files_checked,
        "summary": {"errors": counts.errors, "warnings": counts.warnings, "info": counts.info},
        "findings": [finding_dict(f) for f in findings],
    }
    return json.dumps(json_safe(document), indent=2, sort_keys=True, ensure_ascii=False) + "\n"
