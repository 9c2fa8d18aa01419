"""What every report states besides its findings: which day it judged and how much it read."""

from __future__ import annotations

from dataclasses import dataclass

from kbgen.config.today import Today


@dataclass(frozen=True, slots=True)
class ReportContext:
    today: Today
    files_checked: int
    paths: tuple[str, ...] = ()  # every file checked, as shown in findings; per-file formats (JUnit) list them
