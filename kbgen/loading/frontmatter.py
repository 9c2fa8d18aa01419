"""Splits a Markdown file into front matter and body and parses the YAML safely, with file line numbers.

PyYAML alone is unsafe and vague for this job: it expands alias bombs, constructs arbitrary tags, keeps the
last of duplicate keys and reports positions in the YAML string, not the file. So kbgen scans the event
stream first (rejecting aliases, foreign tags and absurd nesting), then composes nodes and records where
every key and value sits in the file.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from typing import Any

import yaml

from kbgen.model import Finding
from kbgen.rules import rule
from kbgen.yaml_loader import WriterLoader

_STANDARD_TAGS = frozenset(
    f"tag:yaml.org,2002:{name}" for name in ("str", "int", "float", "bool", "null", "timestamp", "seq", "map")
)
MAX_DEPTH = 20  # lists and mappings one inside the other; real front matter nests two or three
# Characters YAML refuses (C0/C1 controls except tab and line breaks, surrogates, U+FFFE/U+FFFF).
_NOT_PRINTABLE = re.compile("[^\t\n\r\x20-\x7e\x85\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
_LONG_OPENER = re.compile(r"^-{4,}\s*$")
_BLOCK_FIRST_LINE = 2  # the YAML block starts on the file line after the opening '---'


@dataclass(frozen=True, slots=True)
class FieldValue:
    """One top-level key: the constructed value, the node it came from and where it sits in the file."""

    value: Any
    node: yaml.Node
    line: int
    column: int
    key_line: int

    @property
    def raw(self) -> str | None:
        """The scalar exactly as written, to explain YAML's coercions in its own terms."""
        return self.node.value if isinstance(self.node, yaml.ScalarNode) else None

    @property
    def plain(self) -> bool:
        return isinstance(self.node, yaml.ScalarNode) and not self.node.style


@dataclass(slots=True)
class ParsedDocument:
    fields: dict[str, FieldValue] = field(default_factory=dict)
    has_front_matter: bool = False
    body: str = ""
    body_line: int = 1
    findings: list[Finding] = field(default_factory=list)


def decode(data: bytes, display: str) -> tuple[str | None, list[Finding]]:
    """UTF-8 only (a BOM is dropped); the error points at the first bad byte's line and column."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        message = "UTF-16 is not supported; save the file as UTF-8"
        return None, [rule("encoding").finding(display, 1, 1, message)]
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        return data.decode("utf-8"), []
    except UnicodeDecodeError as exc:
        before = data[: exc.start].decode("utf-8", errors="replace")
        line = before.count("\n") + 1
        column = len(before) - (before.rfind("\n") + 1) + 1
        byte = data[exc.start]
        message = f"not valid UTF-8 (byte 0x{byte:02X}); save the file as UTF-8"
        return None, [rule("encoding").finding(display, line, column, message)]


def normalize_newlines(text: str) -> str:
    """Every line ending as `\\n`, which is also how Python's text mode (and so MkDocs) reads a file."""
    return text.replace("\r\n", "\n").replace("\r", "\n")


def fingerprint(text: str) -> bytes:
    """Equal for two reads of an unchanged file, whether kbgen decoded its bytes or MkDocs read it as text."""
    return hashlib.sha256(normalize_newlines(text).encode("utf-8")).digest()


def parse_document(text: str, display: str, max_front_matter: int = 64 * 1024) -> ParsedDocument:
    """Never raises on content: every problem becomes a finding on the result."""
    text = normalize_newlines(text)
    lines = text.split("\n")
    doc = ParsedDocument(body=text)
    opener = lines[0].rstrip()
    if opener != "---":
        _check_misplaced_opener(lines, display, doc)
        return doc
    close = next((i for i in range(1, len(lines)) if lines[i].rstrip() in ("---", "...")), None)
    if close is None:
        message = "front matter opened here is not closed; add a line '---' after the last key"
        doc.findings.append(rule("front-matter-delimiters").finding(display, 1, 1, message))
        return doc
    doc.has_front_matter = True
    doc.body = "\n".join(lines[close + 1 :])
    doc.body_line = close + 2
    yaml_text = "\n".join(lines[1:close]) + "\n"
    size = len(yaml_text.encode("utf-8"))
    if size > max_front_matter:
        message = f"front matter is {size // 1024} KiB (limit {max_front_matter // 1024} KiB); shorten it"
        doc.findings.append(rule("front-matter-too-large").finding(display, 1, 1, message))
        return doc
    if _find_control_characters(yaml_text, display, doc) or not _scan_events(yaml_text, display, doc):
        return doc
    _collect_fields(yaml_text, display, doc)
    return doc


def _check_misplaced_opener(lines: list[str], display: str, doc: ParsedDocument) -> None:
    if _LONG_OPENER.match(lines[0]):
        message = "front matter must open with exactly '---' (found a longer line of dashes)"
        doc.findings.append(rule("front-matter-delimiters").finding(display, 1, 1, message))
        return
    first = next((i for i, line in enumerate(lines) if line.strip()), None)
    if first and lines[first].rstrip() == "---":
        message = "front matter must start on the first line; remove the blank lines above '---'"
        doc.findings.append(rule("front-matter-delimiters").finding(display, first + 1, 1, message))


def _find_control_characters(yaml_text: str, display: str, doc: ParsedDocument) -> bool:
    found = False
    for number, line in enumerate(yaml_text.split("\n"), start=_BLOCK_FIRST_LINE):
        match = _NOT_PRINTABLE.search(line)
        if match:
            found = True
            message = f"control character U+{ord(match.group()):04X} is not allowed in front matter; delete it"
            doc.findings.append(rule("control-character").finding(display, number, match.start() + 1, message))
    return found


def file_position(mark: Any) -> tuple[int, int]:
    """A YAML mark as a 1-based file line and column (marks count from 0 inside the block); the one
    conversion every finding and every edit that points into front matter goes through."""
    if mark is None:
        return 1, 1
    return mark.line + _BLOCK_FIRST_LINE, mark.column + 1


def _short_tag(tag: str) -> str:
    return tag.replace("tag:yaml.org,2002:", "!!")


def _scan_events(yaml_text: str, display: str, doc: ParsedDocument) -> bool:
    """Walk the event stream once: cheap, non-recursive, and it sees aliases before anything expands them."""
    depth = 0
    try:
        for event in yaml.parse(yaml_text, Loader=WriterLoader):
            line, column = file_position(event.start_mark)
            if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None):
                message = "anchors and aliases (&name, *name) are not allowed in front matter; write values out"
                doc.findings.append(rule("yaml-alias").finding(display, line, column, message))
                return False
            tag = getattr(event, "tag", None)
            if tag and tag not in _STANDARD_TAGS:
                message = f"unsupported YAML tag '{_short_tag(tag)}'; remove it and write a plain value"
                doc.findings.append(rule("front-matter-syntax").finding(display, line, column, message))
                return False
            if isinstance(event, yaml.CollectionStartEvent):
                depth += 1
                if depth > MAX_DEPTH:
                    message = f"front matter is nested more than {MAX_DEPTH} levels deep; flatten it"
                    doc.findings.append(rule("front-matter-syntax").finding(display, line, column, message))
                    return False
            elif isinstance(event, yaml.CollectionEndEvent):
                depth -= 1
            elif isinstance(event, yaml.ScalarEvent) and (match := _NOT_PRINTABLE.search(event.value)):
                # "\a", "\0" or "\x1b" in quotes: the file is clean, the value is not
                character = f"U+{ord(match.group()):04X}"
                message = (
                    f"control character {character} (written as an escape) is not allowed in front matter; delete it"
                )
                doc.findings.append(rule("control-character").finding(display, line, column, message))
                return False
    except yaml.MarkedYAMLError as exc:
        # The construct that was left open (context_mark) is where a writer needs to look, not where
        # the parser gave up, which is often the end of the block.
        line, column = file_position(exc.context_mark or exc.problem_mark)
        problem = exc.problem or exc.context or "invalid YAML"
        bad_line = yaml_text.split("\n")[exc.problem_mark.line] if exc.problem_mark else ""
        hint = "; use spaces for indentation, not tabs" if "\t" in bad_line or "tab" in problem else ""
        message = f"YAML syntax error: {problem}{hint}"
        doc.findings.append(rule("front-matter-syntax").finding(display, line, column, message))
        return False
    except yaml.YAMLError as exc:
        doc.findings.append(rule("front-matter-syntax").finding(display, 1, 1, f"YAML syntax error: {exc}"))
        return False
    return True


def _huge_number(constructor: yaml.SafeLoader, node: yaml.Node) -> yaml.ScalarNode | None:
    """The first integer in the value beyond 64 bits: Python refuses to print one of over 4,300 digits (and to read
    one written in decimal), so such a number would end the run wherever kbgen shows or keys the value."""
    if isinstance(node, yaml.ScalarNode):
        if node.tag != "tag:yaml.org,2002:int":
            return None
        try:
            number = constructor.construct_yaml_int(node)
        except ValueError:
            return node
        return None if -(2**63) <= number < 2**63 else node
    children = node.value if isinstance(node, yaml.SequenceNode) else [n for pair in node.value for n in pair]
    return next((huge for child in children if (huge := _huge_number(constructor, child)) is not None), None)


def _construct(constructor: yaml.SafeLoader, node: yaml.Node) -> Any:
    try:
        return constructor.construct_object(node, deep=True)
    except (ValueError, OverflowError, yaml.YAMLError):
        return _as_written(node)


def _as_written(node: yaml.Node) -> Any:
    """What a value YAML cannot construct is kept as: a scalar's text as written, else nothing."""
    return node.value if isinstance(node, yaml.ScalarNode) else None


def _collect_fields(yaml_text: str, display: str, doc: ParsedDocument) -> None:
    root = yaml.compose(yaml_text, Loader=WriterLoader)
    if root is None:
        return
    if not isinstance(root, yaml.MappingNode):
        kind = "a list" if isinstance(root, yaml.SequenceNode) else "a single value"
        line, column = file_position(root.start_mark)
        message = f"front matter must be a mapping of keys to values (found {kind}); write 'key: value' lines"
        doc.findings.append(rule("front-matter-not-mapping").finding(display, line, column, message))
        return
    constructor = WriterLoader("")
    for key_node, value_node in root.value:
        key_line, key_column = file_position(key_node.start_mark)
        if not isinstance(key_node, yaml.ScalarNode):
            message = "front-matter keys must be plain names"
            doc.findings.append(rule("front-matter-not-mapping").finding(display, key_line, key_column, message))
            continue
        key = str(key_node.value)
        if key in doc.fields:
            first = doc.fields[key].key_line
            message = f"duplicate key '{key}' (first on line {first}); keep one"
            doc.findings.append(rule("duplicate-key").finding(display, key_line, key_column, message))
            continue
        huge = _huge_number(constructor, value_node)
        if huge is not None:
            line, column = file_position(huge.start_mark)
            shown = huge.value if len(huge.value) <= 24 else f"{huge.value[:12]}…{huge.value[-4:]}"
            message = (
                f"'{key}' holds the number '{shown}' ({len(huge.value)} characters), too large for kbgen to use; "
                "quote it if it is text, or write a smaller number"
            )
            doc.findings.append(rule("wrong-type").finding(display, line, column, message))
        value = _construct(constructor, value_node) if huge is None else _as_written(value_node)
        line, column = file_position(value_node.start_mark)
        doc.fields[key] = FieldValue(value, value_node, line, column, key_line)
