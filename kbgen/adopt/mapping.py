"""Decides the kbgen fields of one adopted file from what the source already says, and records where from.

Each field has an ordered chain of places to look; the first usable value wins and every unusable one on the
way is reported with its line. A field that fell back to a default is reported as such. A key kbgen knows but
whose value kbgen would reject (MS Learn's `audience: Admin`) is not deleted: it is kept under `source.<key>`
and the field is derived as if it were absent. Nothing is ever dropped from the source's front matter.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import PurePosixPath
from typing import Any

import yaml

from kbgen.adopt.body_text import first_heading, first_paragraph
from kbgen.adopt.site_links import PublishedAt
from kbgen.adopt.source_file import SourceFile
from kbgen.config.settings import KbConfig
from kbgen.loading.frontmatter import FieldValue, file_position
from kbgen.loading.schema import ARTICLE_KEYS, HOME_KEYS, SECTION_KEYS, parse_date, validate_article, validate_section
from kbgen.model import Severity, title_from_slug
from kbgen.review.durations import parse_interval
from kbgen.safe_text import one_line

DEFAULT_OWNER_KEYS = ("owner", "author", "ms.author")
DEFAULT_DATE_KEYS = ("reviewed", "ms.date", "date")
DEFAULT_DATE_FORMATS = ("%Y-%m-%d", "%m/%d/%Y")
# each article's own review cycle: kbgen's key, then Microsoft Learn's (`ms.update-cycle: 1095-days`)
DEFAULT_INTERVAL_KEYS = ("review_interval", "ms.update-cycle")
# the place among its siblings: kbgen's key, Docusaurus', Hugo's, Jekyll's (just-the-docs) and Starlight's
# (`sidebar: {order: 2}`, read as `sidebar.order`: a key written with a dot is tried first)
DEFAULT_ORDER_KEYS = ("order", "sidebar_position", "weight", "nav_order", "sidebar.order")
SUMMARY_KEYS = ("summary", "description", "intro")
# a page's short name in the navigation: Docusaurus', Hugo's and Starlight's. kbgen has no such key (an article is
# listed by its title), so it stays in the file as the source's own and names the page only when nothing else does
NAV_LABEL_KEYS = ("sidebar_label", "linkTitle", "sidebar.label")
# a page its generator would not publish: Hugo's, Docusaurus' and Astro's `draft: true`, Jekyll's `published: false`
_UNPUBLISHED = (("draft", True), ("published", False))
DEFAULT_OWNER = "unowned"
DEFAULT_VERSION = "all"
RENAME_PREFIX = "source."
# MkDocs reads these from page metadata to pick a template; kbgen picks its own, so a source's value is kept aside.
_STEERING = frozenset({"template"})
# a cycle as the sources spell it: 1095-days, 180 days, 6 months, 2w, 1y
_SPELLED_INTERVAL = re.compile(r"(\d+)[ \t]*-?[ \t]*(d|days?|w|weeks?|m|months?|y|years?)", re.I)


@dataclass(frozen=True, slots=True)
class Options:
    """What the user told `kbgen adopt`; the key chains are tried in order."""

    lang: str
    today: date
    owner_keys: tuple[str, ...] = DEFAULT_OWNER_KEYS
    date_keys: tuple[str, ...] = DEFAULT_DATE_KEYS
    date_formats: tuple[str, ...] = DEFAULT_DATE_FORMATS
    interval_keys: tuple[str, ...] = DEFAULT_INTERVAL_KEYS
    order_keys: tuple[str, ...] = DEFAULT_ORDER_KEYS
    product_version: str = DEFAULT_VERSION
    owner: str = DEFAULT_OWNER
    owner_given: bool = False
    dry_run: bool = False
    published_at: PublishedAt | None = None  # where the source was published (--published-at)
    untagged_lang: str = ""  # the language of files whose name carries none (--untagged-lang); "" is the project's


@dataclass(frozen=True, slots=True)
class Note:
    """One line of the summary; `kind` is default, unmapped, refused, left-out, include (not expanded), path
    (out of the tree, not rewritten), toc (a TOC.yml that could not be read), mdx (a component not converted),
    shortcode (a Hugo shortcode left as written) or address (a link by a page address, or an alias, not mapped)."""

    kind: str
    path: str
    line: int
    message: str

    def format(self) -> str:
        """One line whatever the file's name holds: a line break in it would otherwise forge a note of its own."""
        path, message = one_line(self.path), one_line(self.message)
        return f"{path}:{self.line}: {message}" if self.line else f"{path}: {message}"


@dataclass(frozen=True, slots=True)
class Left:
    """What a converter of a body's syntax (MDX components, Hugo shortcodes) left as written, at its file line: the
    caller names the file, as a Note."""

    line: int
    message: str


@dataclass(frozen=True, slots=True)
class RepoFacts:
    """What the repository says about one file: a CODEOWNERS owner or the last commit's author, and its date."""

    owner: str = ""
    owner_origin: str = ""
    committed: date | None = None
    place: int | None = None  # its place among its siblings in the tree's own table of contents (GitBook's)
    nav_title: str = ""  # its name there, for a page whose text gives it no title
    nav_origin: str = ""  # that table of contents' name


@dataclass(slots=True)
class Mapped:
    added: list[tuple[str, Any]] = field(default_factory=list)  # kbgen keys to write, in writing order
    renames: dict[str, str] = field(default_factory=dict)  # source key -> the name it is kept under
    notes: list[Note] = field(default_factory=list)
    origins: dict[str, str] = field(default_factory=dict)  # field -> where its value came from


class _Mapper:
    def __init__(self, source: SourceFile, display: str, kind: str, config: KbConfig, options: Options) -> None:
        self.source = source
        self.display = display
        self.kind = kind
        self.config = config
        self.options = options
        self.fields = source.fields
        self.result = Mapped()

    def note(self, kind: str, line: int, message: str) -> None:
        self.result.notes.append(Note(kind, self.display, line, message))

    def keep_aside(self, key: str) -> str:
        taken = set(self.fields) | set(self.result.renames.values())
        name = f"{RENAME_PREFIX}{key}"
        number = 2
        while name in taken:
            name, number = f"{RENAME_PREFIX}{key}.{number}", number + 1
        self.result.renames[key] = name
        return name

    def usable(self, key: str) -> FieldValue | None:
        """The source's value for a key unless it is empty; a key set aside can still be read (and converted)."""
        value = self.fields.get(key) or nested_field(self.fields, key)
        if value is None or value.value in (None, "", []):
            return None
        return value

    def reject_invalid_known_keys(self) -> None:
        known = ARTICLE_KEYS if self.kind == "article" else HOME_KEYS if self.kind == "home" else SECTION_KEYS
        for key, value in self.fields.items():
            if key in _STEERING:
                name = self.keep_aside(key)
                self.note("unmapped", value.key_line, f"'{key}' would steer MkDocs' templates; kept as '{name}'")
                continue
            if key not in ARTICLE_KEYS:
                continue
            if key not in known:
                name = self.keep_aside(key)
                self.note("unmapped", value.key_line, f"kbgen's {self.kind} pages have no '{key}'; kept as '{name}'")
                continue
            problem = self.problem(key, value)
            if problem:
                name = self.keep_aside(key)
                if key == "reviewed" and isinstance(read_date(value, self.options.date_formats), date):
                    continue  # a date in another format: converted below, not lost
                if key == "review_interval" and read_interval(value) is not None:
                    continue  # a cycle spelled out ("90 days"): converted below
                if key == "order" and read_whole_number(value) is not None:
                    continue  # a place written as text ("3"): converted below
                self.note("unmapped", value.key_line, f"{problem}; kept as '{name}'")

    def problem(self, key: str, value: FieldValue) -> str:
        """kbgen's own verdict on one key, alone; empty when it accepts the value."""
        if self.kind == "article":
            verdict = validate_article({key: value}, self.display, self.config)
        else:
            verdict = validate_section({key: value}, self.display, self.config, home=self.kind == "home")
        for finding in verdict.findings:
            if finding.severity is Severity.ERROR and (finding.rule != "missing-field" or finding.line > 1):
                return finding.message
        return ""

    def text_chain(self, keys: tuple[str, ...]) -> tuple[str, str] | None:
        for key in keys:
            value = self.usable(key)
            if value is None:
                continue
            if isinstance(value.value, str) and value.value.strip():
                return value.value.strip(), key
            if key not in ARTICLE_KEYS:  # a kbgen key was judged already, by kbgen's own rule
                self.note("unmapped", value.key_line, f"'{key}' is not text; not used")
        return None

    def set(self, key: str, value: Any, origin: str) -> None:
        """Write `key` unless the source's own `key` is the value chosen; a source key not chosen is kept aside."""
        self.result.origins[key] = origin
        if origin == key and key not in self.result.renames:
            return
        if key in self.fields and key not in self.result.renames:
            self.keep_aside(key)
        self.result.added.append((key, value))

    def title(self, slug: str, required: bool, repo: RepoFacts) -> None:
        found = self.text_chain(("title",))
        if found is None:
            heading = first_heading(self.source.text_body)
            found = (heading, "first heading") if heading else None
        if found is None and repo.nav_title:
            found = (repo.nav_title, repo.nav_origin)
        if found is None:
            found = self.text_chain(NAV_LABEL_KEYS)  # the writer's own short name beats one made from the file's
        if found is None and required:
            found = (title_from_slug(slug), "file name")
            self.note("default", 0, f"title '{found[0]}' from the file name (no title key or heading)")
        if found is not None:
            self.set("title", *found)

    def summary(self) -> None:
        found = self.text_chain(SUMMARY_KEYS)
        if found is None:
            paragraph = first_paragraph(self.source.text_body)
            found = (paragraph, "first paragraph") if paragraph else None
        if found is not None:
            self.set("summary", *found)

    def owner(self, options: Options, repo: RepoFacts) -> None:
        found = self.text_chain(options.owner_keys)
        if found is None and repo.owner:
            found = (repo.owner, repo.owner_origin)
        if found is None:
            found = (options.owner, "--owner" if options.owner_given else "default owner")
            where = "set --owner" if not options.owner_given else "from --owner"
            self.note("default", 0, f"owner '{options.owner}' ({where}: no owner key, CODEOWNERS entry or git history)")
        self.set("owner", *found)

    def reviewed(self, options: Options, repo: RepoFacts) -> None:
        found: tuple[date, str] | None = None
        for key in options.date_keys:
            value = self.usable(key)
            if value is None:
                continue
            parsed = read_date(value, options.date_formats)
            if isinstance(parsed, date):
                found = (parsed, key)
                break
            if key not in self.result.renames:  # a key set aside was reported already
                self.note("unmapped", value.line, f"'{key}' {parsed}; not used")
        if found is None and repo.committed is not None:
            found = (repo.committed, "git")
        if found is None:
            found = (options.today, "today")
            self.note("default", 0, f"reviewed {options.today.isoformat()} (today: no date key or git history)")
        self.set("reviewed", *found)

    def review_interval(self, options: Options) -> None:
        """The article's own review cycle, when the source states one; otherwise the site's applies, as it would
        to any article without one (nothing to report)."""
        self.converted("review_interval", options.interval_keys, read_interval, "a review cycle such as 180d")

    def order(self, options: Options, repo: RepoFacts) -> None:
        """The file's place among its siblings when the source gives one, so the adopted listings keep the order
        its writers chose (without one, kbgen lists by title). The tree's own table of contents wins: its generator
        orders by it alone, and a key in one page would not be comparable with places the others have none of."""
        if repo.place is not None:
            self.set("order", repo.place, repo.nav_origin)
            return
        self.converted("order", options.order_keys, read_whole_number, "a whole number")

    def converted(self, name: str, keys: tuple[str, ...], read: Callable[[FieldValue], object], what: str) -> None:
        """kbgen's `name` from the first of `keys` the source gives: kbgen's own key as it stands (kbgen accepted
        it), another one's value as `read` converts it; one that does not convert is reported and passed over."""
        for key in keys:
            value = self.usable(key)
            if value is None:
                continue
            if key == name and key not in self.result.renames:
                self.result.origins[key] = key
                return
            found = read(value)
            if found is not None:
                self.set(name, found, key)
                return
            if key not in self.result.renames:
                self.note("unmapped", value.line, f"'{key}' is {value.raw!r}, not {what}; not used")

    def status(self) -> None:
        """`status: draft` for a page its generator kept off the site, so it stays off the help center and its
        search; kbgen's own `status` wins. A section has no status: its `draft` is reported, not dropped silently."""
        if self.usable("status") is not None and "status" not in self.result.renames:
            return
        for key, unpublished_when in _UNPUBLISHED:
            value = self.usable(key)
            flag = read_flag(value) if value is not None else None
            if value is None or flag is None or flag != unpublished_when:
                continue
            if self.kind == "article":
                self.set("status", "draft", key)
            else:
                where = f"'{key}: {value.raw}' on a section page"
                self.note(
                    "unmapped", value.key_line, f"{where}: kbgen sections have no status; its articles stay public"
                )
            return

    def product_version(self, options: Options) -> None:
        if self.usable("product_version") is not None and "product_version" not in self.result.renames:
            self.result.origins["product_version"] = "product_version"
            return
        self.set("product_version", options.product_version, "--product-version")


def read_date(value: FieldValue, formats: tuple[str, ...]) -> date | str:
    """A date from a mapped key in its own format, or why it is not one."""
    if isinstance(value.value, datetime):
        return value.value.date()
    if isinstance(value.value, date):
        return value.value
    if value.raw is None:
        return "is not a date"
    parsed = parse_date(value.raw.strip(), formats)
    return parsed if isinstance(parsed, date) else f"is '{value.raw}', not a date ({parsed})"


def read_interval(value: FieldValue) -> str | None:
    """A review cycle in kbgen's form (`1095d`) from one spelled `1095-days`, `6 months` or `1y`; None unless it
    is one kbgen accepts (a positive count, at most 100 years)."""
    match = _SPELLED_INTERVAL.fullmatch(value.raw.strip()) if value.raw is not None else None
    if match is None:
        return None
    interval = f"{int(match.group(1))}{match.group(2)[0].lower()}"
    try:
        parse_interval(interval)
    except ValueError:
        return None
    return interval


def read_flag(value: FieldValue) -> bool | None:
    """A yes or no from `true`, `"true"`, `yes` or `false`; None for anything else."""
    found = value.value
    if isinstance(found, bool):
        return found
    if isinstance(found, str) and found.strip().lower() in ("true", "yes", "false", "no"):
        return found.strip().lower() in ("true", "yes")
    return None


def nested_field(fields: dict[str, FieldValue], key: str) -> FieldValue | None:
    """`sidebar.order` read inside `sidebar: {order: 2}` (Starlight's keys), with the inner value's own line; None
    when the key has no dot, or the outer key is not a mapping holding it."""
    outer, dot, inner = key.partition(".")
    found = fields.get(outer)
    if not dot or found is None or not isinstance(found.node, yaml.MappingNode) or not isinstance(found.value, dict):
        return None
    for key_node, value_node in found.node.value:
        if isinstance(key_node, yaml.ScalarNode) and key_node.value == inner and inner in found.value:
            line, column = file_position(value_node.start_mark)
            return FieldValue(found.value[inner], value_node, line, column, file_position(key_node.start_mark)[0])
    return None


def read_whole_number(value: FieldValue) -> int | None:
    """A place from `3`, `"3"` or `3.0`; None for `2.5`, text or anything else."""
    found = value.value
    if isinstance(found, bool):
        return None
    if isinstance(found, float) and found.is_integer():
        return int(found)
    if isinstance(found, str) and found.strip().lstrip("-").isdigit():
        return int(found.strip())
    return found if isinstance(found, int) else None


def map_file(
    source: SourceFile, display: str, rel: PurePosixPath, kind: str, config: KbConfig, options: Options, repo: RepoFacts
) -> Mapped:
    """Everything to write for one Markdown file; `kind` is article, section or home."""
    mapper = _Mapper(source, display, kind, config, options)
    for problem in source.problems:
        what = problem.message.rstrip(".")
        mapper.note("unmapped", problem.line, f"{what}; front matter kept commented out, nothing taken from it")
    for line, why in source.unread:
        mapper.note("unmapped", line, f"{why} at the top of the body; nothing taken from it")
    mapper.reject_invalid_known_keys()
    mapper.title(rel.stem if rel.stem != "index" else rel.parent.name, required=kind == "article", repo=repo)
    mapper.summary()
    if kind != "home":
        mapper.order(options, repo)
    mapper.status()
    if kind == "article":
        mapper.owner(options, repo)
        mapper.reviewed(options, repo)
        mapper.review_interval(options)
        mapper.product_version(options)
    return mapper.result
