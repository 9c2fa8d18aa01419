"""The data kbgen passes between its stages: articles, section pages, findings."""

from __future__ import annotations

import enum
from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import PurePosixPath

from kbgen.review.durations import Interval


class Severity(enum.IntEnum):
    """Ordered so that `finding.severity >= threshold` reads naturally.

    INFO is below every failure threshold: a finding reported for information only (e.g. in an article a pull
    request did not change, under `kbgen check --changed-since`), shown but never failing a run.
    """

    INFO = 0
    WARNING = 1
    ERROR = 2

    def __str__(self) -> str:
        return self.name.lower()


@dataclass(frozen=True, slots=True)
class Finding:
    """One problem in one place; the unit every check returns and every report prints."""

    code: str
    rule: str
    severity: Severity
    path: str
    line: int
    column: int
    message: str
    # For a link finding, the content file the link points at (as findings name files, e.g.
    # `content/en/a/b.md`), so a run scoped to some files also reports the links into them.
    target: str = ""

    def sort_key(self) -> tuple[str, int, int, str, str]:
        return (self.path, self.line, self.column, self.code, self.message)

    def format(self) -> str:
        return f"{self.path}:{self.line}:{self.column}: {self.severity} {self.code}: {self.message} [{self.rule}]"

    def as_info(self) -> Finding:
        """The same finding reported for information: it stays visible but no longer fails the run."""
        return replace(self, severity=Severity.INFO)


@dataclass(frozen=True, slots=True)
class Source:
    """Where a content file lives: its path under the content root and the path shown to people."""

    rel: PurePosixPath
    display: str

    @property
    def lang(self) -> str:
        return self.rel.parts[0] if len(self.rel.parts) > 1 else ""


@dataclass(frozen=True, slots=True)
class Article:
    """A validated help article; only articles whose front matter has no error become one."""

    source: Source
    lang: str
    category: str
    slug: str
    title: str
    owner: str
    reviewed: date
    versions: tuple[str, ...]
    summary: str = ""
    tags: tuple[str, ...] = ()
    status: str = "published"
    audience: str = "public"
    evergreen: bool = False
    review_interval: Interval | None = None
    review_by: date | None = None
    redirect_from: tuple[str, ...] = ()
    body: str = ""
    body_line: int = 1
    key_lines: dict[str, int] = field(default_factory=dict, hash=False, compare=False)

    @property
    def translation_key(self) -> str:
        """The same key in two languages means the same article translated."""
        return f"{self.category}/{self.slug}"

    @property
    def is_public(self) -> bool:
        return self.status == "published" and self.audience == "public"

    @property
    def url(self) -> str:
        """Site-relative URL with directory URLs, as MkDocs serves it."""
        return f"{self.lang}/{self.category}/{self.slug}/"

    def line_of(self, key: str) -> int:
        return self.key_lines.get(key, 1)


def title_from_slug(slug: str) -> str:
    """The title a folder gets when nobody wrote one: `getting-started` reads `Getting started`."""
    return slug.replace("-", " ").replace("_", " ").capitalize()


@dataclass(frozen=True, slots=True)
class Section:
    """A language home (`<lang>/index.md`) or category page (`<lang>/<category>/index.md`)."""

    lang: str
    category: str  # "" for a language home
    title: str
    summary: str = ""
    source: Source | None = None  # None when kbgen generates the page

    @property
    def url(self) -> str:
        return f"{self.lang}/{self.category}/" if self.category else f"{self.lang}/"


@dataclass(frozen=True, slots=True)
class RejectedPage:
    """A Markdown page refused for its front matter whose body could still be read.

    It is never published, but its links are checked in the same run, so a writer fixes both in one round.
    """

    source: Source
    body: str
    body_line: int

    @property
    def url(self) -> str:
        """The URL the page would have had, which its relative links are resolved against."""
        parts = self.source.rel.parts
        folders = parts[:-1] if self.source.rel.name == "index.md" else (*parts[:-1], self.source.rel.stem)
        return "".join(f"{part}/" for part in folders)


@dataclass(frozen=True, slots=True)
class Corpus:
    """Everything the loader found under the content root."""

    articles: tuple[Article, ...]
    sections: tuple[Section, ...]
    assets: tuple[PurePosixPath, ...]  # publishable non-Markdown files, relative to the content root
    rejected: frozenset[PurePosixPath]  # files that must not be published (errors, stray types)
    findings: tuple[Finding, ...]
    display_prefix: str = ""  # put before a path under the content root to name it in a finding
    rejected_pages: tuple[RejectedPage, ...] = ()  # refused for front matter, links still checked

    def section(self, lang: str, category: str = "") -> Section | None:
        for section in self.sections:
            if section.lang == lang and section.category == category:
                return section
        return None
