"""Writes the adopted file: kbgen's added keys, then the source's front-matter lines as they were, then the body.

The source's lines are copied verbatim (comments, quoting and order kept) except that a key set aside gets
its new name in place. A block that did not parse is kept as YAML comments, so nothing in it is lost and the
adopted file still parses. Every result is read back with kbgen's own parser before it is accepted; one that
does not read back as intended is refused (ComposeError), never written half-right.
"""

from __future__ import annotations

import re
from typing import Any

import yaml

from kbgen.adopt.mapping import Mapped
from kbgen.adopt.source_file import SourceFile
from kbgen.loading.frontmatter import parse_document
from kbgen.model import Severity


class ComposeError(Exception):
    """The adopted front matter would not read back as written; the file is left out rather than written."""


def _added_lines(added: list[tuple[str, Any]], newline: str) -> str:
    text = "".join(
        yaml.safe_dump({key: value}, allow_unicode=True, width=2**30, sort_keys=False) for key, value in added
    )
    return text.replace("\n", newline)


def _rename_in_place(line: str, key: str, name: str) -> str | None:
    match = re.match(rf"^([ \t]*)(['\"]?){re.escape(key)}\2([ \t]*:)", line)
    if match is None:
        return None
    return f"{match.group(1)}{name}{match.group(3)}{line[match.end() :]}"


def _kept_block(source: SourceFile, mapped: Mapped) -> list[str]:
    lines = list(source.block)
    for key, name in mapped.renames.items():
        index = source.fields[key].key_line - 2  # the block starts on the file's second line
        renamed = _rename_in_place(lines[index], key, name) if 0 <= index < len(lines) else None
        if renamed is None:
            raise ComposeError(f"cannot rename '{key}' to '{name}' where it is written (line {index + 2})")
        lines[index] = renamed
    return lines


def _commented(source: SourceFile, reason: str) -> list[str]:
    nl = source.newline
    header = f"# kbgen adopt: the source front matter below was not used ({reason}){nl}"
    return [header, *(f"# {line}" if line.strip() else f"#{line}" for line in source.block)]


def compose(source: SourceFile, mapped: Mapped, display: str) -> bytes:
    """The adopted file's bytes; the body is the source's, byte for byte. Raises ComposeError."""
    nl = source.newline
    added = _added_lines(mapped.added, nl)
    if source.problems:
        kept = _commented(source, source.problems[0].message.split(";")[0])
    else:
        kept = _kept_block(source, mapped)
    return _checked(f"---{nl}{added}{''.join(kept)}---{nl}", source.body, mapped, display)


def _checked(block: str, body: bytes, mapped: Mapped, display: str) -> bytes:
    """Read the new block back: it must parse cleanly and give every added key the value chosen."""
    parsed = parse_document(block, display)
    errors = [f for f in parsed.findings if f.severity is Severity.ERROR]
    if errors:
        raise ComposeError(errors[0].message)
    for key, value in mapped.added:
        got = parsed.fields.get(key)
        if got is None or got.value != value:
            raise ComposeError(f"'{key}' does not read back as written")
    for key, name in mapped.renames.items():
        if name not in parsed.fields or (key in parsed.fields and key not in dict(mapped.added)):
            raise ComposeError(f"'{key}' was not renamed to '{name}'")
    return block.encode("utf-8") + body
