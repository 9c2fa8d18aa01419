"""Splits a source Markdown file into its front-matter lines and its body, keeping the body's exact bytes.

kbgen's own parser (kbgen.loading.frontmatter) reads the YAML; this module only finds where the block ends
in the raw bytes, with the same rules (a TOML block, Hugo's `+++`, is first rewritten as YAML by
kbgen.adopt.toml_front_matter), so adoption can write a new block in front of a body that is not
re-encoded, re-wrapped or normalised in any way: relative links, line endings and trailing spaces stay.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from kbgen.adopt.toml_front_matter import rewrite_toml
from kbgen.loading.frontmatter import FieldValue, decode, parse_document
from kbgen.model import Finding, Severity

_LINE = re.compile(r"[^\r\n]*(?:\r\n|\r|\n)|[^\r\n]+$")
_BOM = b"\xef\xbb\xbf"


@dataclass(slots=True)
class SourceFile:
    """`block` is the YAML lines between the delimiters (with their line endings); `body` the bytes after."""

    newline: str = "\n"
    has_front_matter: bool = False
    block: list[str] = field(default_factory=list)
    body: bytes = b""
    fields: dict[str, FieldValue] = field(default_factory=dict)
    problems: list[Finding] = field(default_factory=list)  # errors: nothing is mapped from the block
    warnings: list[Finding] = field(default_factory=list)
    text_body: str = ""  # the body as text, newlines normalised, for titles and summaries
    body_line: int = 1
    unread: list[tuple[int, str]] = field(default_factory=list)  # (line, why) of a block left as written in the body
    from_toml: bool = False  # the front matter was TOML (`+++`), rewritten as YAML

    @property
    def readable(self) -> bool:
        return not self.problems


def split_source(data: bytes, display: str) -> SourceFile | Finding:
    """The file's parts, or the finding that says why it is not UTF-8 text."""
    text, findings = decode(data, display)
    if text is None:
        return findings[0]
    raw = data[len(_BOM) :] if data.startswith(_BOM) else data
    toml = rewrite_toml(text)
    if toml.text:
        text = toml.text
        raw = text.encode("utf-8")
    lines = _LINE.findall(text)
    newline = "\r\n" if lines and lines[0].endswith("\r\n") else "\n"
    parsed = parse_document(text, display)
    source = SourceFile(newline=newline, body=raw, text_body=parsed.body, body_line=parsed.body_line)
    source.from_toml = bool(toml.text)
    if toml.problem:
        source.unread.append((toml.line, toml.problem))
    errors = [f for f in parsed.findings if f.severity is Severity.ERROR]
    source.warnings = [f for f in parsed.findings if f.severity is not Severity.ERROR]
    if not parsed.has_front_matter:
        source.problems = errors  # an unclosed or misplaced block: the whole file is the body
        return source
    close = next(i for i in range(1, len(lines)) if lines[i].rstrip("\r\n").rstrip() in ("---", "..."))
    source.has_front_matter = True
    source.block = lines[1:close]
    source.body = "".join(lines[close + 1 :]).encode("utf-8")
    if errors:
        source.problems = errors
    else:
        source.fields = parsed.fields
    return source
