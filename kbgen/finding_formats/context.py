"""What every report states besides its findings: which day it judged, how much it read, and the tally."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from kbgen.config.today import Today
from kbgen.model import Finding, Severity
from kbgen.wording import plural


@dataclass(frozen=True, slots=True)
class ReportContext:
    today: Today
    files_checked: int
    paths: tuple[str, ...] = ()  # every file checked, as shown in findings; per-file formats (JUnit) list them


@dataclass(frozen=True, slots=True)
class Counts:
    """Errors and warnings, counted once so every format and the build log report the same totals."""

    errors: int
    warnings: int

    @classmethod
    def of(cls, findings: Sequence[Finding]) -> Counts:
        errors = sum(1 for f in findings if f.severity is Severity.ERROR)
        return cls(errors, len(findings) - errors)

    def __str__(self) -> str:
        return f"{plural(self.errors, 'error')}, {plural(self.warnings, 'warning')}"
