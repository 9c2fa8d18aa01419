"""Turns findings into the report formats the CLI offers; each format is one module with a `render`."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from kbgen.model import Finding, Severity
from kbgen.report import json_report, text
from kbgen.report.context import ReportContext

Renderer = Callable[[Sequence[Finding], ReportContext], str]

FORMATS: dict[str, Renderer] = {
    "text": text.render,
    "json": json_report.render,
}


@dataclass(frozen=True, slots=True)
class Counts:
    errors: int
    warnings: int

    @classmethod
    def of(cls, findings: Sequence[Finding]) -> Counts:
        errors = sum(1 for f in findings if f.severity is Severity.ERROR)
        return cls(errors, len(findings) - errors)


__all__ = ["FORMATS", "Counts", "Renderer", "ReportContext"]
