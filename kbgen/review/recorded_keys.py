"""Writes the one-line keys a review records beside `reviewed`: who reviewed (`reviewed_by`) and, for a
translation, the source it now matches (`source_hash`).

Edits are made in place in the file's own lines, never by re-serialising YAML: a new key is appended to the
line it follows (so no line index moves for the edits around it), an existing one has only its value
replaced, and a key to forget loses its line's text. Line endings follow the file's.
"""

from __future__ import annotations

import json
import re

import yaml

from kbgen.loading.frontmatter import FieldValue, file_position

ORDER = ("reviewed", "reviewed_by", "source_hash")  # where each key goes when it is added
_PLAIN = re.compile(r"\w[\w.@+/-]*(?: [\w.@+/()-]+)*")  # names, e-mail addresses, hashes (then YAML must agree)


class KeyRefused(Exception):
    """A recorded key is written in a way kbgen cannot edit exactly; the message says how to fix it."""

    def __init__(self, line: int, message: str) -> None:
        super().__init__(message)
        self.line = line


def starts_line(line: str, key: str) -> bool:
    """Whether `line` opens with `key` as a top-level key: plain, 'single-' or "double-quoted" (without escapes,
    which would make the name on the line differ from the key YAML read)."""
    name = re.escape(key)
    return re.match(rf"""(?:{name}|'{name}'|"{name}")[ \t]*:""", line) is not None


def token(value: str) -> str:
    """Plain when YAML reads it back as the same string (a name, an e-mail, a hash), else double-quoted."""
    if _PLAIN.fullmatch(value):
        try:
            if yaml.safe_load(value) == value:
                return value
        except yaml.YAMLError:
            pass
    return json.dumps(value, ensure_ascii=False)  # a JSON string is a valid YAML double-quoted scalar


def record(fields: dict[str, FieldValue], lines: list[str], values: dict[str, str | None]) -> list[str]:
    """Set each key in `values` to its text, or remove it where the value is None; keys not named stay as
    they are. Returns what changed, for the command to say ("reviewed_by: ana -> li")."""
    notes = []
    for key in ORDER[1:]:
        if key not in values:
            continue
        new, where = values[key], fields.get(key)
        old = where.value if where is not None else None
        if new is not None and str(old) == new and isinstance(old, str):
            continue
        if where is None and new is None:
            continue
        if where is not None:
            start, end = _single_line_value(where, key, lines)
            if new is None:
                lines[start[0]] = ""
            else:
                line = lines[start[0]]
                space = " " if start == end and line[: start[1]].endswith(":") else ""  # `reviewed_by:` was empty
                lines[start[0]] = line[: start[1]] + space + token(new) + line[end[1] :]
        else:
            assert new is not None
            ending = _ending(lines[fields["reviewed"].key_line - 1])
            lines[_anchor(fields, key)] += f"{key}: {token(new)}{ending}"
        notes.append(f"{key} {old or '-'} -> {new or '-'}")
    return notes


def _anchor(fields: dict[str, FieldValue], key: str) -> int:
    """The line index a new key is appended to: the nearest key before it in ORDER that the file has."""
    for before in reversed(ORDER[: ORDER.index(key)]):
        if before in fields:
            return fields[before].key_line - 1
    raise AssertionError("'reviewed' is always present")


def _ending(line: str) -> str:
    return line[len(line.rstrip("\r\n")) :] or "\n"


def _single_line_value(where: FieldValue, key: str, lines: list[str]) -> tuple[tuple[int, int], tuple[int, int]]:
    (start_line, start_col), (end_line, end_col) = (
        file_position(where.node.start_mark),
        file_position(where.node.end_mark),
    )
    own_line = starts_line(lines[where.key_line - 1], key)
    scalar = isinstance(where.node, yaml.ScalarNode) and where.node.style not in ("|", ">")
    if not (own_line and scalar and start_line == end_line == where.key_line):
        raise KeyRefused(where.key_line, f"'{key}' must be a single value on its own line, as 'kbgen review' writes it")
    return (start_line - 1, start_col - 1), (end_line - 1, end_col - 1)
