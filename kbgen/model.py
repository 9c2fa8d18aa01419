"""The data kbgen passes between its stages: articles, section pages, findings."""

from __future__ import annotations

import enum
import posixpath
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import PurePosixPath

from kbgen.records import quick_unpickling
from kbgen.review.durations import Interval
from kbgen.translations.source_hash import source_hash


def _folder_and_stem(rel: PurePosixPath | str) -> tuple[str, str]:
    """`a/b/README.md` -> ("a/b/", "index"): the folder with its slash ("" at the root) and MkDocs' page name.
    String work, not posixpath: an article's URL is asked for many times a page."""
    folder, slash, name = str(rel).rpartition("/")
    stem = posixpath.splitext(name)[0]
    return folder + slash, "index" if stem == "README" else stem


def page_file(rel: PurePosixPath | str, directory_urls: bool = True) -> str:
    """The file MkDocs writes for Markdown source `rel` (its `File.dest_uri`): `a/b.md` is `a/b/index.html` with
    `use_directory_urls: true` and `a/b.html` with `false`; `a/index.md` (or `a/README.md`) is `a/index.html`."""
    folder, stem = _folder_and_stem(rel)
    if not directory_urls or stem == "index":
        return f"{folder}{stem}.html"
    return f"{folder}{stem}/index.html"


def served_file(url: str) -> str:
    """The file a site-relative page URL is served from: `a/b/` is `a/b/index.html`, `a/b.html` is itself."""
    return url + "index.html" if url.endswith("/") or not url else url


def page_url(rel: PurePosixPath | str, directory_urls: bool = True) -> str:
    """The site-relative URL MkDocs serves that page at (its `File.url`, unquoted): `a/b/` and `a/` with
    `use_directory_urls: true`, the file itself with `false`. kbgen makes every page address with this.

    The site's root is "" (MkDocs writes `./`), so a site-relative URL never starts with a dot."""
    folder, stem = _folder_and_stem(rel)
    if not directory_urls:
        return f"{folder}{stem}.html"
    return folder if stem == "index" else f"{folder}{stem}/"


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


@quick_unpickling
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


@quick_unpickling
@dataclass(frozen=True, slots=True)
class Source:
    """Where a content file lives: its path under the content root and the path shown to people.

    `digest` fingerprints the text kbgen parsed (see `loading.frontmatter.fingerprint`), so the build can use
    the body parsed at load time and still notice a file that changed since.
    """

    rel: PurePosixPath
    display: str
    digest: bytes = b""
    # The validated keys MkDocs and the theme may see (`loading.rendered_fields.theme_meta`), as sorted pairs.
    theme_meta: tuple[tuple[str, str | tuple[str, ...]], ...] = ()

    @property
    def lang(self) -> str:
        return self.rel.parts[0] if len(self.rel.parts) > 1 else ""


@quick_unpickling
@dataclass(frozen=True, slots=True)
class Origin:
    """The section `index.md` an inherited value was written in, so a finding can send the writer there."""

    display: str  # the index file as findings name it: content/en/billing/invoices/index.md
    path: tuple[str, ...]  # the section's folders below the language: ("billing", "invoices")


@quick_unpickling
@dataclass(frozen=True, slots=True)
class Article:
    """A validated help article; only articles whose front matter has no error become one.

    `category` is the top folder below the language; `section_path` is every folder from the category down
    to the article's own (`("billing", "invoices")`), so one-level content has `section_path == (category,)`.
    An article directly in the language folder has neither (`category == ""`, `section_path == ()`).
    Values the article did not set itself but took from a section's `index.md` are named in `inherited`.
    """

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
    section_path: tuple[str, ...] = ()
    order: int | None = None
    promoted: bool = False  # writers' pick for the language home's featured articles
    inherited: Mapping[str, Origin] = field(default_factory=dict, hash=False, compare=False)
    reviewed_by: str = ""  # who recorded the last review (kbgen review --by, or the git user)
    source_hash: str = ""  # a translation: the hash of the source body it was made from (kbgen.translations)
    directory_urls: bool = True  # mkdocs.yml's `use_directory_urls`, which decides `url`
    # the body's hash as a translation records its source's (kbgen.translations.source_hash): worked out once, when
    # the article is made, and kept with it in the load memo, so a rebuild does not hash every source body again
    body_hash: str = field(default="", init=False, hash=False, compare=False)

    def __post_init__(self) -> None:
        if not self.section_path and self.category:
            object.__setattr__(self, "section_path", (self.category,))
        object.__setattr__(self, "body_hash", source_hash(self.body))

    @property
    def folder(self) -> str:
        """The section path as written in URLs and reports: `billing/invoices`."""
        return "/".join(self.section_path)

    @property
    def translation_key(self) -> str:
        """The same key in two languages means the same article translated."""
        return f"{self.folder}/{self.slug}" if self.section_path else self.slug

    @property
    def is_public(self) -> bool:
        return self.status == "published" and self.audience == "public"

    @property
    def url(self) -> str:
        """Site-relative URL, as MkDocs serves it."""
        return page_url("/".join((self.lang, *self.section_path, f"{self.slug}.md")), self.directory_urls)

    def line_of(self, key: str) -> int:
        return self.key_lines.get(key, 1)

    def inherited_note(self, key: str) -> str:
        """` (from content/en/billing/index.md)` when `key` came from a section, else nothing."""
        origin = self.inherited.get(key)
        return f" (from {origin.display})" if origin is not None else ""


def title_from_slug(slug: str) -> str:
    """The title a folder gets when nobody wrote one: `getting-started` reads `Getting started`."""
    return slug.replace("-", " ").replace("_", " ").capitalize()


@quick_unpickling
@dataclass(frozen=True, slots=True)
class SectionDefaults:
    """What a section's `index.md` says about every article below it; empty means "not set here"."""

    owner: str = ""
    review_interval: Interval | None = None
    versions: tuple[str, ...] = ()
    audience: str = ""


@quick_unpickling
@dataclass(frozen=True, slots=True)
class Section:
    """A language home (`<lang>/index.md`, empty path) or a section page (`<lang>/<folder>/.../index.md`).

    A category is the top-level section: its path has one folder.
    """

    lang: str
    path: tuple[str, ...]
    title: str
    summary: str = ""
    source: Source | None = None  # None when kbgen generates the page
    body: str = ""  # the text below the front matter, shown on the page (kbgen.render.section_intro)
    order: int | None = None
    defaults: SectionDefaults = SectionDefaults()
    icon: str = ""  # a mkdocs-material icon name (kbgen.loading.icons) shown on the section's card
    directory_urls: bool = True  # mkdocs.yml's `use_directory_urls`, which decides `url`
    body_line: int = 1  # the file's line `body` starts on, for findings in it

    @property
    def category(self) -> str:
        return self.path[0] if self.path else ""

    @property
    def url(self) -> str:
        return page_url("/".join((self.lang, *self.path, "index.md")), self.directory_urls)


@dataclass(frozen=True, slots=True)
class WrittenSection:
    """A section page (or home) read from an `index.md`, as the link checks and publication read its text: like an
    article, it has a file, an address and a body shown to customers when `public`."""

    section: Section
    source: Source
    public: bool  # the page is published (kbgen.model.Corpus.shows)

    @property
    def body(self) -> str:
        return self.section.body

    @property
    def body_line(self) -> int:
        return self.section.body_line

    @property
    def url(self) -> str:
        return self.section.url


@quick_unpickling
@dataclass(frozen=True, slots=True)
class RejectedPage:
    """A Markdown page refused for its front matter whose body could still be read.

    It is never published, but its links are checked in the same run, so a writer fixes both in one round.
    """

    source: Source
    body: str
    body_line: int
    directory_urls: bool = True  # mkdocs.yml's `use_directory_urls`, which decides `url`

    @property
    def url(self) -> str:
        """The URL the page would have had, which its relative links are resolved against."""
        return page_url(self.source.rel, self.directory_urls)


@quick_unpickling
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
    # src_uri -> the loader's key of a Markdown file (kbgen.loading.load_memo.entry_key): a digest of everything
    # its article or section was made from, so what was loaded from it is a function of the key alone.
    load_keys: Mapping[str, str] = field(default_factory=dict, repr=False, compare=False)
    directory_urls: bool = True  # mkdocs.yml's `use_directory_urls`: pages are `a/b/` when true, `a/b.html` when false
    markdown_in_html: bool = False  # mkdocs.yml lists md_in_html: Markdown in `<div markdown="1">` is read (Link.shown)
    # Lookups the build makes once per page, indexed once here so a page costs the same in a corpus of any size.
    _by_source: dict[str, Article | Section] = field(init=False, repr=False, compare=False)
    _by_path: dict[tuple[str, tuple[str, ...]], Section] = field(init=False, repr=False, compare=False)
    _translations: dict[str, tuple[Article, ...]] = field(init=False, repr=False, compare=False)
    _published: frozenset[tuple[str, tuple[str, ...]]] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        by_source: dict[str, Article | Section] = {str(a.source.rel): a for a in self.articles}
        by_source.update((str(s.source.rel), s) for s in self.sections if s.source is not None)
        translations: dict[str, list[Article]] = {}
        published: set[tuple[str, tuple[str, ...]]] = set()
        for article in self.articles:
            if article.is_public:
                translations.setdefault(article.translation_key, []).append(article)
                path = article.section_path
                published.update((article.lang, path[:end]) for end in range(len(path) + 1))
        object.__setattr__(self, "_by_source", by_source)
        object.__setattr__(self, "_by_path", {(s.lang, s.path): s for s in reversed(self.sections)})
        object.__setattr__(self, "_translations", {key: tuple(group) for key, group in translations.items()})
        object.__setattr__(self, "_published", frozenset(published))

    def is_published(self, lang: str, path: tuple[str, ...]) -> bool:
        """A section (or language home, empty path) is published only with a public article somewhere below it.

        Otherwise it would be an empty page, or a page announcing that internal or draft articles exist.
        """
        return (lang, path) in self._published

    def shows(self, section: Section) -> bool:
        """Whether the section's page is published: the root always, any other only with a public article below."""
        return not section.lang or self.is_published(section.lang, section.path)

    def written_sections(self) -> list[WrittenSection]:
        """Every section page read from a file, in the corpus's order, with whether customers see it."""
        return [WrittenSection(s, s.source, self.shows(s)) for s in self.sections if s.source is not None]

    def published_folders(self) -> list[tuple[str, tuple[str, ...]]]:
        return sorted(self._published)

    def section(self, lang: str, path: tuple[str, ...] | str = ()) -> Section | None:
        """The written section page for a folder (`"billing"`, `"billing/invoices"` or a tuple), if any."""
        key = tuple(path.split("/")) if isinstance(path, str) and path else tuple(path)
        return self._by_path.get((lang, key))

    def translations(self, key: str) -> tuple[Article, ...]:
        """The public articles with this `translation_key`, one per language, in source order."""
        return self._translations.get(key, ())

    def by_source(self, rel: str) -> Article | Section | None:
        """The article or section page kbgen loaded from this path under the content root."""
        return self._by_source.get(rel)
