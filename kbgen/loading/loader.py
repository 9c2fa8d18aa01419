"""Walks the content root and turns files into articles, section pages, assets and findings.

Layout: `<lang>/<category>/<slug>.md` is an article, `<lang>/index.md` a language home,
`<lang>/<category>/index.md` a category page; other files are published only if their type is allowed.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from kbgen.config.settings import KbConfig
from kbgen.loading.frontmatter import FieldValue, decode, parse_document
from kbgen.loading.path_safety import portability_findings, symlink_finding
from kbgen.loading.render_budget import check_body
from kbgen.loading.schema import validate_article, validate_section
from kbgen.model import Article, Corpus, Finding, RejectedPage, Section, Severity, Source, title_from_slug
from kbgen.rules import rule

ASSET_EXTENSIONS = frozenset(
    {".png", ".jpg", ".jpeg", ".gif", ".svg", ".webp", ".avif", ".ico", ".pdf", ".mp4", ".webm", ".csv", ".zip"}
)


@dataclass(slots=True)
class _Collector:
    content_root: Path
    display_prefix: str
    config: KbConfig
    articles: list[Article] = field(default_factory=list)
    sections: list[Section] = field(default_factory=list)
    assets: list[PurePosixPath] = field(default_factory=list)
    rejected: set[PurePosixPath] = field(default_factory=set)
    rejected_pages: list[RejectedPage] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)

    def source(self, rel: PurePosixPath) -> Source:
        return Source(rel, f"{self.display_prefix}{rel}")

    def reject(self, rel: PurePosixPath, finding: Finding) -> None:
        self.rejected.add(rel)
        self.findings.append(finding)


def iter_content_files(content_root: Path) -> list[PurePosixPath]:
    """Every file below the root, sorted, skipping dot-files and dot-folders (never published).

    Symbolic links are listed but never followed, so a link loop or a link out of the tree cannot be walked.
    """
    found: list[PurePosixPath] = []
    for folder, dirs, files in os.walk(content_root, followlinks=False):
        base = PurePosixPath(Path(folder).relative_to(content_root).as_posix())
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        links = [d for d in dirs if (Path(folder) / d).is_symlink()]
        dirs[:] = [d for d in dirs if d not in links]
        names = sorted([*links, *(f for f in files if not f.startswith("."))])
        found.extend(base / name if str(base) != "." else PurePosixPath(name) for name in names)
    return sorted(found)


def load_corpus(
    content_root: Path, config: KbConfig, display_prefix: str = "", progress: Callable[[int, int], None] | None = None
) -> Corpus:
    """Read every file once; content problems become findings and never stop the walk.

    `progress(done, total)` is called after each file, for a status line on a terminal during long runs.
    """
    collector = _Collector(content_root, display_prefix, config)
    files = iter_content_files(content_root)
    for done, rel in enumerate(files, start=1):
        _load_file(collector, rel)
        if progress is not None:
            progress(done, len(files))
    return Corpus(
        articles=tuple(sorted(collector.articles, key=lambda a: str(a.source.rel))),
        sections=tuple(sorted(collector.sections, key=lambda s: (s.lang, s.category))),
        assets=tuple(sorted(collector.assets)),
        rejected=frozenset(collector.rejected),
        findings=tuple(sorted(collector.findings, key=Finding.sort_key)),
        display_prefix=display_prefix,
        rejected_pages=tuple(sorted(collector.rejected_pages, key=lambda p: str(p.source.rel))),
    )


def _load_file(c: _Collector, rel: PurePosixPath) -> None:
    path = c.content_root / rel
    display = c.source(rel).display
    if path.is_symlink():
        c.reject(rel, symlink_finding(path, c.content_root, display))
        return
    not_portable = portability_findings(rel, display)
    if not_portable:
        c.reject(rel, not_portable[0])
        return
    if rel.suffix.lower() != ".md":
        if rel.suffix.lower() in ASSET_EXTENSIONS:
            c.assets.append(rel)
        else:
            message = f"file type '{rel.suffix or rel.name}' is not published; move it out of the content folder"
            c.reject(rel, rule("stray-file").finding(display, 1, 1, message))
        return
    kind = _markdown_kind(c, rel, display)
    if kind is None:
        return
    document = _read_document(c, rel, display)
    if document is None:
        return
    fields, body, body_line, parse_findings = document
    if any(f.severity is Severity.ERROR for f in parse_findings):
        # The fields of a block that did not parse are unknown; "missing field" would only add noise.
        c.findings.extend(parse_findings)
        c.rejected.add(rel)
        if not any(f.rule == "front-matter-delimiters" for f in parse_findings):  # else the body is unknown
            _keep_for_link_checks(c, rel, body, body_line, check_body(body, body_line, display))
        return
    if kind == "section":
        validated = validate_section(fields, display, c.config)
    else:
        validated = validate_article(fields, display, c.config)
    findings = parse_findings + validated.findings + check_body(body, body_line, display)
    c.findings.extend(findings)
    if any(f.severity is Severity.ERROR for f in findings):
        c.rejected.add(rel)
        _keep_for_link_checks(c, rel, body, body_line, findings)
        return
    values = validated.values
    if kind == "section":
        lang = rel.parts[0] if len(rel.parts) > 1 else ""
        category = rel.parts[1] if len(rel.parts) == 3 else ""
        title = values.get("title") or title_from_slug(category or lang)
        c.sections.append(Section(lang, category, title, values.get("summary", ""), c.source(rel)))
        return
    lines = {key: value.key_line for key, value in fields.items()}
    c.articles.append(
        Article(
            source=c.source(rel),
            lang=rel.parts[0],
            category=rel.parts[1],
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
        )
    )


def _keep_for_link_checks(c: _Collector, rel: PurePosixPath, body: str, body_line: int, found: list[Finding]) -> None:
    """A refused page's links are still checked, unless its body is over the render budget (unsafe to scan)."""
    if not any(f.rule == "nesting-too-deep" for f in found):
        c.rejected_pages.append(RejectedPage(c.source(rel), body, body_line))


def _markdown_kind(c: _Collector, rel: PurePosixPath, display: str) -> str | None:
    parts = rel.parts
    if parts == ("index.md",) or (len(parts) in (2, 3) and parts[-1] == "index.md"):
        kind = "section"
    elif len(parts) == 3:
        kind = "article"
    elif len(parts) == 4 and parts[-1] == "index.md" and (c.content_root / rel.parent.with_suffix(".md")).exists():
        c.rejected.add(rel)  # `<slug>/index.md` beside `<slug>.md`: the duplicate-url check names both
        return None
    else:
        message = "Markdown files belong at content/<lang>/<category>/<slug>.md; move this file"
        c.reject(rel, rule("misplaced-article").finding(display, 1, 1, message))
        return None
    if len(parts) > 1 and not c.config.accepts_language(parts[0]):
        known = ", ".join(c.config.languages) or "a language code such as 'en'"
        message = f"'{parts[0]}' is not a configured language ({known}); add it to 'languages' or move the file"
        c.reject(rel, rule("unknown-language").finding(display, 1, 1, message))
        return None
    return kind


def _read_document(
    c: _Collector, rel: PurePosixPath, display: str
) -> tuple[dict[str, FieldValue], str, int, list[Finding]] | None:
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
    return parsed.fields, parsed.body, parsed.body_line, parsed.findings
