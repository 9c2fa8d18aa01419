"""Turns findings into the report formats the CLI offers; each format is one module with a `render`."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from kbgen.finding_formats import github, json_report, junit, markdown, sarif, text
from kbgen.finding_formats.context import ReportContext
from kbgen.model import Corpus, Finding, Severity

Renderer = Callable[[Sequence[Finding], ReportContext], str]

FORMATS: dict[str, Renderer] = {
    "text": text.render,
    "json": json_report.render,
    "github": github.render,
    "junit": junit.render,
    "sarif": sarif.render,
    "markdown": markdown.render,
}


def checked_paths(corpus: Corpus) -> tuple[str, ...]:
    """Every file a check read, as findings name it; JUnit makes one test case of each."""
    paths = {a.source.display for a in corpus.articles}
    paths.update(s.source.display for s in corpus.sections if s.source is not None)
    paths.update(f"{corpus.display_prefix}{rel}" for rel in corpus.rejected)
    return tuple(sorted(paths))


@dataclass(frozen=True, slots=True)
class Counts:
    errors: int
    warnings: int

    @classmethod
    def of(cls, findings: Sequence[Finding]) -> Counts:
        errors = sum(1 for f in findings if f.severity is Severity.ERROR)
        return cls(errors, len(findings) - errors)


__all__ = ["FORMATS", "Counts", "Renderer", "ReportContext", "checked_paths"]
