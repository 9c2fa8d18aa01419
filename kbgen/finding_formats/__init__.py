"""Turns findings into the report formats the CLI offers; each format is one module with a `render`."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from kbgen.finding_formats import github, json_report, junit, markdown, sarif, text
from kbgen.finding_formats.context import Counts, ReportContext
from kbgen.model import Corpus, Finding

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


__all__ = ["FORMATS", "Counts", "Renderer", "ReportContext", "checked_paths"]
