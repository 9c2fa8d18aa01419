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
    failing: Severity = Severity.ERROR  # the lowest severity that fails the run (`--fail-on`); JUnit fails on it
    repo_prefix: str = ""  # put before a finding's path to make it relative to the repository root

    def repo_path(self, path: str) -> str:
        """A finding's path as code-scanning and pull-request annotations place it: from the repository root."""
        return self.repo_prefix + path


@dataclass(frozen=True, slots=True)
class Counts:
    """Errors, warnings and information, counted once so every format and the build log report the same totals."""

    errors: int
    warnings: int
    info: int = 0

    @classmethod
    def of(cls, findings: Sequence[Finding]) -> Counts:
        errors = sum(1 for f in findings if f.severity is Severity.ERROR)
        info = sum(1 for f in findings if f.severity is Severity.INFO)
        return cls(errors, len(findings) - errors - info, info)

    def __str__(self) -> str:
        counted = f"{plural(self.errors, 'error')}, {plural(self.warnings, 'warning')}"
        return counted + (f", {self.info} for information" if self.info else "")
