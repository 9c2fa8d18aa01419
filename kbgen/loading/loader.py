"""Walks the content root and turns files into articles, section pages, assets and findings.

Layout (see kbgen.loading.layout): `<lang>/<category>/[<section>/…]<slug>.md` is an article, `<lang>/index.md`
a language home, `<lang>/<category>/[<section>/…]index.md` a section page. Only `.md` is Markdown (`.MD`,
`.markdown` are refused, never copied raw); other files become assets only if their type is allowed and, for SVG,
if they are inert.
"""

from __future__ import annotations

import dataclasses
import hashlib
import os
import stat
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import cache, partial
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING

from kbgen.config.settings import KbConfig
from kbgen.loading.asset_safety import active_content
from kbgen.loading.comments import unclosed_comment
from kbgen.loading.content_listing import list_content
from kbgen.loading.fences import unclosed_fence_finding
from kbgen.loading.frontmatter import FieldValue, decode, fingerprint, parse_document
from kbgen.loading.inheritance import Inheritance, apply, inheritance, public_under_internal
from kbgen.loading.layout import Layout
from kbgen.loading.load_memo import LoadMemo, entry_key
from kbgen.loading.path_safety import (
    portability_findings,
    special_file,
    special_file_finding,
    symlink_finding,
    url_findings,
)
from kbgen.loading.render_budget import check_body
from kbgen.loading.rendered_fields import theme_meta
from kbgen.loading.schema import validate_article, validate_section
from kbgen.loading.template_syntax import template_syntax
from kbgen.model import (
    Article,
    Corpus,
    Finding,
    RejectedPage,
    Section,
    SectionDefaults,
    Severity,
    Source,
    title_from_slug,
)
from kbgen.rules import rule
from kbgen.workers import run_shared, worker_count

if TYPE_CHECKING:
    from kbgen.config.project import Project

ASSET_EXTENSIONS = frozenset(
    {".png", ".jpg", ".jpeg", ".gif", ".svg", ".webp", ".avif", ".ico", ".pdf", ".mp4", ".webm", ".csv", ".zip"}
)
# Extensions MkDocs or an editor treats as Markdown, compared case-folded.
MARKDOWN_EXTENSIONS = frozenset({".md", ".markdown", ".mdown", ".mkdn", ".mkd", ".mdwn", ".mdtxt", ".mdtext"})


@dataclass(slots=True)
class _Collector:
    content_root: Path
    display_prefix: str
    config: KbConfig
    directory_urls: bool = True  # mkdocs.yml's `use_directory_urls`, which decides each page's URL
    articles: list[Article] = field(default_factory=list)
    sections: dict[tuple[str, tuple[str, ...]], Section] = field(default_factory=dict)
    assets: list[PurePosixPath] = field(default_factory=list)
    rejected: set[PurePosixPath] = field(default_factory=set)
    rejected_pages: list[RejectedPage] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)

    def display(self, rel: PurePosixPath) -> str:
        """The path findings name a file by: `content/en/billing/refunds.md`."""
        return f"{self.display_prefix}{rel}"

    def source(self, rel: PurePosixPath, digest: bytes = b"", fields: dict[str, FieldValue] | None = None) -> Source:
        meta = theme_meta(fields) if fields else {}
        pairs = tuple(sorted((key, tuple(value) if isinstance(value, list) else value) for key, value in meta.items()))
        return Source(rel, self.display(rel), digest, pairs)

    def reject(self, rel: PurePosixPath, finding: Finding) -> None:
        self.rejected.add(rel)
        self.findings.append(finding)

    def section(self, lang: str, path: tuple[str, ...]) -> Section | None:
        return self.sections.get((lang, path))


# What loading one Markdown file produced: its article or section (none when refused), the refused paths, the
# refused pages whose links are still checked, and the findings.
_Loaded = tuple[list[Article | Section], set[PurePosixPath], list[RejectedPage], list[Finding]]


def load_project_corpus(
    project: Project,
    progress: Callable[[int, int], None] | None = None,
    jobs: int | None = 1,
    memo: LoadMemo | None = None,
) -> Corpus:
    """`project`'s content, loaded as its build loads it: from its content folder, with its settings, display
    prefix and page addresses (`use_directory_urls`). Every command reads the content through this."""
    return load_corpus(
        project.docs_dir, project.kb, project.display_prefix, progress, jobs, memo, project.directory_urls,
        project.markdown_in_html,
    )  # fmt: skip


def load_corpus(
    content_root: Path,
    config: KbConfig,
    display_prefix: str = "",
    progress: Callable[[int, int], None] | None = None,
    jobs: int | None = 1,
    memo: LoadMemo | None = None,
    directory_urls: bool = True,
    markdown_in_html: bool = False,
) -> Corpus:
    """Read every file once; content problems become findings and never stop the walk.

    Section pages are read before articles, shallow before deep, because an article takes its defaults from
    the `index.md` of every section above it. Articles are then independent: with `jobs` other than 1 they are
    read by several processes (kbgen.workers; None: every core, for enough files). `progress(done, total)` is
    called after each Markdown file, for a status line on a terminal during long runs. `memo` answers for files
    an earlier run loaded from the same inputs (kbgen.loading.load_memo) and keeps this run's results.
    """
    collector = _Collector(content_root, display_prefix, config, directory_urls)
    memo = memo if memo is not None else LoadMemo()
    # once: printing the settings for each file cost more than a parse
    settings = entry_key(display_prefix, config, directory_urls)
    markdown = _classify_files(collector, config, memo, settings)
    done = 0

    def merge(rel: PurePosixPath, loaded: _Loaded) -> None:
        nonlocal done
        for record in loaded[0]:
            if isinstance(record, Section):
                collector.sections[(record.lang, record.path)] = record
            else:
                collector.articles.append(record)
        collector.rejected.update(loaded[1])
        collector.rejected_pages.extend(loaded[2])
        collector.findings.extend(loaded[3])
        done += 1
        if progress is not None:
            progress(done, len(markdown))

    load_keys: dict[str, str] = {}
    for rel, kind in sorted(markdown, key=lambda item: (len(item[0].parts), item[0])):
        if kind != "article":
            key = _memo_key(collector, rel, kind, settings, memo)
            if key is not None:
                load_keys[str(rel)] = key
            found = memo.get(key)
            if found is None:
                found = _load_into_own(collector, rel, kind)
                memo.put(key, found)
            merge(rel, found)
    # every section is loaded by now: what each folder's articles inherit is worked out once a folder, not an article
    above = cache(partial(inheritance, collector.section))
    keys = {rel: _memo_key(collector, rel, kind, settings, memo, above) for rel, kind in markdown if kind == "article"}
    load_keys.update((str(rel), key) for rel, key in keys.items() if key is not None)
    remembered = {rel: memo.get(key) for rel, key in keys.items()}
    for rel, found in remembered.items():
        if found is not None:
            merge(rel, found)
    articles = [rel for rel in keys if remembered[rel] is None]

    def load(rel: PurePosixPath) -> _Loaded:
        """One article read into a collector of its own (it sees the sections above); what it found comes back."""
        return _load_into_own(collector, rel, "article")

    def keep(rel: PurePosixPath, loaded: _Loaded) -> None:
        memo.put(keys[rel], loaded)
        merge(rel, loaded)

    run_shared(articles, load, keep, worker_count(jobs, len(articles)))
    return Corpus(
        articles=tuple(sorted(collector.articles, key=lambda a: str(a.source.rel))),
        sections=tuple(sorted(collector.sections.values(), key=lambda s: (s.lang, s.path))),
        assets=tuple(sorted(collector.assets)),
        rejected=frozenset(collector.rejected),
        findings=tuple(sorted(collector.findings, key=Finding.sort_key)),
        display_prefix=display_prefix,
        rejected_pages=tuple(sorted(collector.rejected_pages, key=lambda p: str(p.source.rel))),
        load_keys=load_keys,
        directory_urls=directory_urls,
        markdown_in_html=markdown_in_html,  # read by the link check, not the loading: no part of the memo's key
    )


def _classify_files(
    collector: _Collector, config: KbConfig, memo: LoadMemo, settings: str | None
) -> list[tuple[PurePosixPath, str]]:
    """Every file of the tree told apart (kept in `collector`), and the Markdown ones to load with their kinds.

    The tree is listed again only where a folder changed (kbgen.loading.content_listing). When it holds exactly
    the files of the last run, under the same settings, what each file was found to be is taken from the memo,
    but for the files of the folders listed again (one may now be a link) and the SVGs (their content decides)."""
    listing = list_content(collector.content_root, memo.listing_folders)
    layout = Layout(listing.files, config.max_depth)
    names = [str(rel) for rel in listing.files]
    kept = memo.listing_kinds if settings is not None and memo.listing_settings == settings else {}
    same_files = len(kept) == len(names) and all(name in kept for name in names)  # else the layout may differ
    kinds: dict[str, _FileKind] = {}
    markdown: list[tuple[PurePosixPath, str]] = []
    for rel, name in zip(listing.files, names, strict=True):
        found = kept[name] if same_files and name.rpartition("/")[0] not in listing.listed else None
        if not _is_file_kind(found):
            found = _file_kind(collector, layout, rel)
        assert found is not None
        kinds[name] = found
        kind = _apply_kind(collector, rel, found)
        if kind is not None:
            markdown.append((rel, kind))
    memo.keep_listing(listing.folders, settings, kinds)
    return markdown


def loaded_afresh(corpus: Corpus, memo: LoadMemo | None) -> list[str]:
    """The languages of the articles `load_corpus` read afresh rather than took from `memo` (all of them without
    one): the languages a rebuild's search is about to index again, so worth preparing for (a hint, not a promise)."""

    def afresh(article: Article) -> bool:
        key = corpus.load_keys.get(str(article.source.rel))
        return memo is None or key is None or key in memo.new

    return sorted({article.lang for article in corpus.articles if afresh(article)})


def reload_articles(corpus: Corpus, content_root: Path, config: KbConfig, rels: Iterable[str]) -> Corpus | None:
    """`corpus` with the articles at `rels` loaded again from their files, as `load_corpus` would load them now;
    None when one of them is not an article of `corpus`, or no longer loads as one (`kbgen serve` then builds in
    full). Their own load findings replace the old ones; everything else, sections included, is kept as it is."""
    collector = _collector_over(corpus, content_root, config)
    replaced: dict[str, Article] = {}
    findings: list[Finding] = []
    for name in rels:
        rel = PurePosixPath(name)
        if not isinstance(corpus.by_source(name), Article) or not _plain_file(content_root / rel):
            return None  # a file swapped for a link is refused by the full walk, which says why
        records, rejected, rejected_pages, found = _load_into_own(collector, rel, "article")
        if len(records) != 1 or not isinstance(records[0], Article) or rejected or rejected_pages:
            return None
        replaced[name] = records[0]
        findings.extend(found)
    shown = {collector.display(PurePosixPath(name)) for name in replaced}
    kept = [finding for finding in corpus.findings if finding.path not in shown]
    return dataclasses.replace(
        corpus,
        articles=tuple(replaced.get(str(a.source.rel), a) for a in corpus.articles),
        findings=tuple(sorted([*kept, *findings], key=Finding.sort_key)),
        load_keys={key: value for key, value in corpus.load_keys.items() if key not in replaced},
    )


def load_errors(corpus: Corpus, content_root: Path, config: KbConfig, rels: Iterable[str]) -> list[Finding]:
    """The errors loading the files at `rels` (articles of `corpus`, plain files) finds in them now, as
    `load_corpus` would report them: `kbgen serve` refuses a save that breaks an article's front matter at once,
    where `reload_articles` says only that it no longer loads."""
    collector = _collector_over(corpus, content_root, config)
    errors: list[Finding] = []
    for name in rels:
        rel = PurePosixPath(name)
        if isinstance(corpus.by_source(name), Article) and _plain_file(content_root / rel):
            *_, found = _load_into_own(collector, rel, "article")
            errors.extend(finding for finding in found if finding.severity is Severity.ERROR)
    return sorted(errors, key=Finding.sort_key)


def _collector_over(corpus: Corpus, content_root: Path, config: KbConfig) -> _Collector:
    """A collector that loads files as `corpus` was loaded, seeing its sections."""
    collector = _Collector(content_root, corpus.display_prefix, config, corpus.directory_urls)
    collector.sections = {(section.lang, section.path): section for section in corpus.sections}
    return collector


def _plain_file(path: Path) -> bool:
    try:
        return stat.S_ISREG(path.lstat().st_mode)
    except OSError:
        return False


def _load_into_own(collector: _Collector, rel: PurePosixPath, kind: str) -> _Loaded:
    """Load one Markdown file into a collector of its own that sees the sections already loaded; returns what it
    found (its section or article first), for `merge` and for the memo."""
    own = _Collector(collector.content_root, collector.display_prefix, collector.config, collector.directory_urls)
    own.sections = collector.sections  # read, for the defaults above; a section page's own entry is taken back
    if kind == "article":
        _load_article(own, rel)
        return [*own.articles], own.rejected, own.rejected_pages, own.findings
    place = (rel.parts[0] if len(rel.parts) > 1 else "", tuple(rel.parts[1:-1]))
    existed = place in collector.sections
    _load_section(own, rel, kind)
    added = collector.sections.pop(place) if not existed and place in collector.sections else None
    return ([added] if added is not None else []), own.rejected, own.rejected_pages, own.findings


def _memo_key(
    c: _Collector,
    rel: PurePosixPath,
    kind: str,
    settings: str | None,
    memo: LoadMemo,
    inherited: Callable[[str, tuple[str, ...]], Inheritance] | None = None,
) -> str | None:
    """Everything loading this file depends on: its bytes (their digest, which the memo keeps while the file's
    stat is unchanged), place, kind, the settings (`settings`: their key) and the section defaults above it.
    None (load it) when it cannot be read or is over the size limit (never read whole for a key), or the
    settings have no stable key. `inherited(lang, folder)`: what a folder's files inherit, when already known."""
    if settings is None:
        return None
    name = str(rel)
    file = os.path.join(c.content_root, name)  # noqa: PTH118 - no Path object per file
    try:
        stat = os.stat(file)  # noqa: PTH116 - no Path object per file
        if stat.st_size > c.config.max_file_size:
            return None
        digest = memo.digest(name, stat)
        if digest is None:
            read_at = time.time_ns()
            with open(file, "rb") as handle:  # noqa: PTH123 - no Path object per file
                data = handle.read(c.config.max_file_size + 1)
            if len(data) > c.config.max_file_size:
                return None
            digest = hashlib.sha256(data).digest()
            memo.read_digest(name, stat, digest, read_at)
    except OSError:
        return None
    lang = rel.parts[0] if len(rel.parts) > 1 else ""
    path_parts = tuple(rel.parts[1:-1])
    folder = path_parts if kind == "article" else path_parts[:-1]
    above = inherited(lang, folder) if inherited is not None else inheritance(c.section, lang, folder)
    return entry_key(settings, kind, name, digest, above)


# What a file is, told before any Markdown is read (`_file_kind`): the kind of page to load it as (None: none;
# "svg": an SVG, whose content decides), a finding, whether it is refused (kept out of the site, in `rejected`),
# and whether it is an asset to publish. Plain values: the load memo keeps them between runs.
_FileKind = tuple[str | None, Finding | None, bool, bool]
_SVG_KIND: _FileKind = ("svg", None, False, False)
_ASSET_KIND: _FileKind = (None, None, False, True)


def _file_kind(c: _Collector, layout: Layout, rel: PurePosixPath) -> _FileKind:
    """What the file at `rel` is, from its path, its type (it is never followed or read) and the layout."""
    display = c.display(rel)
    try:
        mode = os.lstat(os.path.join(c.content_root, str(rel))).st_mode  # noqa: PTH118 - no Path per file
    except OSError:
        mode = stat.S_IFREG  # gone since the walk: reading it says so
    if stat.S_ISLNK(mode):
        return None, symlink_finding(c.content_root / rel, c.content_root, display), True, False
    special = special_file(mode)
    if special is not None:
        return None, special_file_finding(special, display), True, False
    not_portable = portability_findings(rel, display)
    if not_portable:
        return None, not_portable[0], True, False
    if rel.suffix != ".md":
        return _other_file_kind(rel, display)
    unsafe = url_findings(rel, display)
    if unsafe:
        return None, unsafe[0], True, False
    placed = layout.place(rel, display)
    if placed.finding is not None:
        return None, placed.finding, placed.reject, False
    if placed.kind is None:
        return None, None, True, False
    if len(rel.parts) > 1 and not c.config.accepts_language(rel.parts[0]):
        known = ", ".join(c.config.languages) or "a language code such as 'en'"
        message = f"'{rel.parts[0]}' is not a configured language ({known}); add it to 'languages' or move the file"
        return None, rule("unknown-language").finding(display, 1, 1, message), True, False
    return placed.kind, None, False, False


def _other_file_kind(rel: PurePosixPath, display: str) -> _FileKind:
    """Assets of an allowed type are published (an SVG only if inert); everything else is refused, never copied
    raw."""
    suffix = rel.suffix.lower()
    if suffix in MARKDOWN_EXTENSIONS:
        # MkDocs would copy `Guide.MD` as a raw file, front matter and owner included, or render `.markdown`
        # outside kbgen's checks; only `.md` is an article.
        message = f"Markdown files must end in lower-case '.md'; rename '{rel.name}' to '{rel.stem}.md'"
        return None, rule("markdown-extension").finding(display, 1, 1, message), True, False
    if suffix not in ASSET_EXTENSIONS:
        message = f"file type '{rel.suffix or rel.name}' is not published; move it out of the content folder"
        return None, rule("stray-file").finding(display, 1, 1, message), True, False
    return _SVG_KIND if suffix == ".svg" else _ASSET_KIND


def _apply_kind(c: _Collector, rel: PurePosixPath, found: _FileKind) -> str | None:
    """Keep what `_file_kind` found in the collector; the kind of page to load the file as, if any."""
    kind, finding, refused, asset = found
    if kind == "svg":
        _load_svg(c, rel, c.display(rel))
        return None
    if asset:
        c.assets.append(rel)
    if finding is not None:
        if refused:
            c.reject(rel, finding)
        else:
            c.findings.append(finding)
    elif refused:
        c.rejected.add(rel)
    return kind


def _is_file_kind(value: object) -> bool:
    """A kind exactly as `_file_kind` makes them (the memo's file is read, never trusted)."""
    if not (isinstance(value, tuple) and len(value) == 4):
        return False
    kind, finding, refused, asset = value
    return (
        (kind is None or kind in _PAGE_KINDS)
        and (finding is None or isinstance(finding, Finding))
        and type(refused) is bool
        and type(asset) is bool
    )


_PAGE_KINDS = frozenset({"root", "home", "section", "article", "svg"})


def _load_svg(c: _Collector, rel: PurePosixPath, display: str) -> None:
    try:
        active = active_content((c.content_root / rel).read_bytes())
    except OSError as exc:
        c.reject(rel, rule("unreadable-file").finding(display, 1, 1, f"cannot read file: {exc.strerror or exc}"))
        return
    if not active:
        c.assets.append(rel)
        return
    listed = "; ".join(f"{a.what} (line {a.line})" for a in active[:3])
    more = f"; and {len(active) - 3} more" if len(active) > 3 else ""
    message = (
        f"SVG is not a plain drawing and would run or load content in the site's origin: {listed}{more}; "
        "export it again without scripts, event handlers, embedded HTML or external references"
    )
    c.reject(rel, rule("active-svg").finding(display, active[0].line, 1, message))


def _parsed(c: _Collector, rel: PurePosixPath) -> tuple[dict[str, FieldValue], str, int, list[Finding], bytes] | None:
    """The file's front matter and body, or None when it cannot be read or its front matter did not parse."""
    display = c.display(rel)
    document = _read_document(c, rel, display)
    if document is None:
        return None
    if any(f.severity is Severity.ERROR for f in document[3]):
        # The fields of a block that did not parse are unknown; "missing field" would only add noise.
        c.findings.extend(document[3])
        c.rejected.add(rel)
        if not any(f.rule == "front-matter-delimiters" for f in document[3]):  # else the body is unknown
            body, body_line = document[1], document[2]
            _keep_for_link_checks(c, rel, body, body_line, check_body(body, body_line, display))
        return None
    return document


def _keep(c: _Collector, rel: PurePosixPath, findings: list[Finding], body: str, body_line: int) -> bool:
    c.findings.extend(findings)
    if any(f.severity is Severity.ERROR for f in findings):
        c.rejected.add(rel)
        _keep_for_link_checks(c, rel, body, body_line, findings)
        return False
    return True


def _keep_for_link_checks(c: _Collector, rel: PurePosixPath, body: str, body_line: int, found: list[Finding]) -> None:
    """A refused page is not published, but its links are still checked in the same run, so a writer fixes both
    in one round; unless its body is over the render budget (not safe to scan)."""
    if not any(f.rule == "nesting-too-deep" for f in found):
        c.rejected_pages.append(RejectedPage(c.source(rel), body, body_line, c.directory_urls))


def _load_section(c: _Collector, rel: PurePosixPath, kind: str) -> None:
    document = _parsed(c, rel)
    if document is None:
        return
    fields, body, body_line, parse_findings, digest = document
    display = c.display(rel)
    lang = rel.parts[0] if len(rel.parts) > 1 else ""
    path = tuple(rel.parts[1:-1])
    validated = validate_section(fields, display, c.config, home=kind != "section")
    above = inheritance(c.section, lang, path[:-1])
    # the body is shown on the page (kbgen.render.section_intro): refused for what an article's would be
    findings = parse_findings + validated.findings + check_body(body, body_line, display)
    findings += unclosed_comment(body, body_line, display)
    findings += unclosed_fence_finding(body, body_line, display)
    findings += template_syntax(body, body_line, display)
    inherited = public_under_internal(validated.values, above, display, fields.get("audience"))
    if not _keep(c, rel, findings + inherited, body, body_line):
        return
    values = validated.values
    defaults = SectionDefaults(
        owner=values.get("owner", ""),
        review_interval=values.get("review_interval"),
        versions=values.get("versions", ()),
        audience=values.get("audience", ""),
    )
    title = values.get("title") or title_from_slug(path[-1] if path else lang)
    source = c.source(rel, digest, fields)
    section = Section(
        lang,
        path,
        title,
        values.get("summary", ""),
        source,
        body,
        values.get("order"),
        defaults,
        values.get("icon", ""),
        c.directory_urls,
        body_line,
    )
    c.sections[(lang, path)] = section


def _load_article(c: _Collector, rel: PurePosixPath) -> None:
    document = _parsed(c, rel)
    if document is None:
        return
    fields, body, body_line, parse_findings, digest = document
    display = c.display(rel)
    lang, path = rel.parts[0], tuple(rel.parts[1:-1])
    above = inheritance(c.section, lang, path)
    validated = validate_article(fields, display, c.config, above.required_keys, path)
    findings = parse_findings + validated.findings + check_body(body, body_line, display)
    findings += unclosed_comment(body, body_line, display)
    findings += unclosed_fence_finding(body, body_line, display)
    findings += template_syntax(body, body_line, display)
    inherited = public_under_internal(validated.values, above, display, fields.get("audience"))
    if not _keep(c, rel, findings + inherited, body, body_line):
        return
    values = validated.values
    origins = apply(values, above)
    lines = {key: value.key_line for key, value in fields.items()}
    c.articles.append(
        Article(
            source=c.source(rel, digest, fields),
            lang=lang,
            category=path[0] if path else "",
            slug=rel.stem,
            title=values["title"],
            owner=values["owner"],
            reviewed=values["reviewed"],
            versions=values["versions"],
            summary=values.get("summary", ""),
            tags=values.get("tags", ()),
            status=values.get("status", "published"),
            audience=values.get("audience", "public"),
            evergreen=values.get("evergreen", False),
            review_interval=values.get("review_interval"),
            review_by=values.get("review_by"),
            redirect_from=values.get("redirect_from", ()),
            body=body,
            body_line=body_line,
            key_lines=lines,
            section_path=path,
            order=values.get("order"),
            promoted=values.get("promoted", False),
            inherited=origins,
            reviewed_by=values.get("reviewed_by", ""),
            source_hash=values.get("source_hash", ""),
            directory_urls=c.directory_urls,
        )
    )


def _read_document(
    c: _Collector, rel: PurePosixPath, display: str
) -> tuple[dict[str, FieldValue], str, int, list[Finding], bytes] | None:
    path = c.content_root / rel
    try:
        size = path.stat().st_size
        if size > c.config.max_file_size:
            limit = c.config.max_file_size / (1024 * 1024)
            message = f"file is {size / (1024 * 1024):.1f} MiB (limit {limit:.1f} MiB); split the article"
            c.reject(rel, rule("file-too-large").finding(display, 1, 1, message))
            return None
        data = path.read_bytes()
    except OSError as exc:
        c.reject(rel, rule("unreadable-file").finding(display, 1, 1, f"cannot read file: {exc.strerror or exc}"))
        return None
    text, findings = decode(data, display)
    if text is None:
        c.findings.extend(findings)
        c.rejected.add(rel)
        return None
    parsed = parse_document(text, display, c.config.max_front_matter_size)
    return parsed.fields, parsed.body, parsed.body_line, parsed.findings, fingerprint(text)
