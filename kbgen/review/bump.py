"""Records a review in an article's bytes: rewrites the `reviewed` value and drops an expired `review_by`.

Nothing else may change, so this edits the original text at the exact positions YAML reports instead of
re-serialising it: comments, key order, quoting, line endings and a BOM all survive. The edit is then
parsed again and compared with the original, and any difference beyond the intended one refuses it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from typing import Any

import yaml

from kbgen.loading.frontmatter import FieldValue, decode, file_position, parse_document
from kbgen.loading.schema import parse_date
from kbgen.model import Severity
from kbgen.review.recorded_keys import KeyRefused, record, starts_line

BOM = b"\xef\xbb\xbf"
_LINE = re.compile(r"[^\r\n]*(?:\r\n|\r|\n)|[^\r\n]+$")
_OTHER_BREAKS = re.compile("[\x85\u2028\u2029]")  # YAML 1.1 line breaks that would shift YAML's line count


class BumpRefused(Exception):
    """The file is left untouched; the message says where and why."""

    def __init__(self, line: int, column: int, message: str) -> None:
        super().__init__(message)
        self.line = line
        self.column = column


@dataclass(frozen=True, slots=True)
class Bump:
    data: bytes
    old_reviewed: str  # as written, quotes excluded
    new_reviewed: str
    dropped_review_by: str | None
    recorded: tuple[str, ...] = ()  # reviewed_by / source_hash changes, as "key old -> new"

    @property
    def changed(self) -> bool:
        return self.old_reviewed != self.new_reviewed or self.dropped_review_by is not None or bool(self.recorded)


def bump_review(
    data: bytes,
    display: str,
    reviewed: date,
    date_formats: tuple[str, ...] = ("%Y-%m-%d",),
    *,
    reviewed_by: str | None = None,
    source_hash: str | None = None,
) -> Bump:
    """The new bytes of the file, or BumpRefused; never a partial edit.

    `reviewed_by` is recorded with the review; None (reviewer unknown) removes an earlier reviewer's name
    rather than leave it on a review they did not make. `source_hash`, for a translation, records the source
    it now matches. A second review on the same day updates only those two.
    """
    text, problems = decode(data, display)
    if text is None:
        raise BumpRefused(problems[0].line, problems[0].column, problems[0].message)
    fields = _parse(text, display)
    where = fields.get("reviewed")
    if where is None:
        raise BumpRefused(1, 1, "front matter has no 'reviewed' key to update; add 'reviewed: YYYY-MM-DD'")
    lines = _LINE.findall(text)
    _own_line(where, "reviewed", lines)
    start, end = _span(where, lines)
    old_raw, token = _new_token(where, reviewed, date_formats)
    old_date = parse_date(old_raw.strip(), date_formats)
    if isinstance(old_date, date) and old_date > reviewed:
        return Bump(data, old_raw, old_raw, None)  # never move a review back in time
    same_day = old_date == reviewed
    values = {"reviewed_by": reviewed_by} if reviewed_by is not None or not same_day else {}
    values.update({"source_hash": source_hash} if source_hash is not None else {})
    try:
        recorded = tuple(record(fields, lines, values))  # first: it never adds or removes a list entry
    except KeyRefused as exc:
        raise BumpRefused(exc.line, 1, str(exc)) from None
    if same_day and not recorded:
        return Bump(data, old_raw, old_raw, None)
    if not same_day:
        lines[start[0]] = lines[start[0]][: start[1]] + token + lines[start[0]][end[1] :]
    dropped = None if same_day else _drop_expired_review_by(fields.get("review_by"), reviewed, date_formats, lines)
    new_text = "".join(lines)
    _verify(fields, new_text, display, reviewed, date_formats, dropped is not None, values)
    new_data = (BOM if data.startswith(BOM) else b"") + new_text.encode("utf-8")
    return Bump(new_data, old_raw, old_raw if same_day else _raw_of(token), dropped, recorded)


def _parse(text: str, display: str) -> dict[str, FieldValue]:
    parsed = parse_document(text, display)
    errors = [f for f in parsed.findings if f.severity is Severity.ERROR]
    if errors:
        raise BumpRefused(errors[0].line, errors[0].column, f"{errors[0].message} [{errors[0].code}]")
    if not parsed.has_front_matter:
        raise BumpRefused(1, 1, "no front matter: the file must start with a '---' line")
    front = "".join(_LINE.findall(text)[: parsed.body_line - 1])
    if _OTHER_BREAKS.search(front):
        raise BumpRefused(1, 1, "front matter contains an unusual line break (U+0085/U+2028/U+2029); remove it")
    return parsed.fields


def _own_line(where: FieldValue, key: str, lines: list[str]) -> None:
    line = lines[where.key_line - 1]
    if starts_line(line, key):
        return
    if line[:1] in ("'", '"'):  # a quoted name spelt with an escape ("review\x65d"): not the key as written
        written = line.split(":", 1)[0].rstrip()
        message = f"the key '{key}' is written as {written}; write it as {key}: (no escapes) so its value can be edited"
        raise BumpRefused(where.key_line, 1, message)
    raise BumpRefused(where.key_line, 1, f"'{key}' does not start its own line; write one 'key: value' per line")


def _index(mark: Any) -> tuple[int, int]:
    """The mark as 0-based indexes into the file's lines and into that line, for slicing."""
    line, column = file_position(mark)
    return line - 1, column - 1


def _span(where: FieldValue, lines: list[str]) -> tuple[tuple[int, int], tuple[int, int]]:
    start, end = _index(where.node.start_mark), _index(where.node.end_mark)
    if not isinstance(where.node, yaml.ScalarNode) or start[0] != end[0] or where.node.style in ("|", ">"):
        raise BumpRefused(where.line, where.column, "'reviewed' must be a single date on the key's own line")
    written = lines[start[0]][start[1] : end[1]]
    if _raw_of(written) != where.node.value:
        raise BumpRefused(where.line, where.column, f"'reviewed' is written as {written!r}; write a plain date")
    return start, end


def _raw_of(token: str) -> str:
    return token[1:-1] if token[:1] in ("'", '"') else token


def _new_token(where: FieldValue, reviewed: date, date_formats: tuple[str, ...]) -> tuple[str, str]:
    """The new date in the file's own style: the same quotes and the same configured date format."""
    old = str(where.node.value)
    fmt = next((f for f in date_formats if isinstance(parse_date(old.strip(), (f,)), date)), "%Y-%m-%d")
    value = reviewed.isoformat() if fmt == "%Y-%m-%d" else reviewed.strftime(fmt)
    style = getattr(where.node, "style", None)
    quote = style if style in ("'", '"') else ""
    return old, f"{quote}{value}{quote}"


def _drop_expired_review_by(
    where: FieldValue | None, reviewed: date, date_formats: tuple[str, ...], lines: list[str]
) -> str | None:
    """A `review_by` on or before the new review date has been met; its whole line goes, nothing else."""
    if where is None or not isinstance(where.node, yaml.ScalarNode):
        return None
    due = parse_date(str(where.node.value).strip(), date_formats)
    if not isinstance(due, date) or due > reviewed:
        return None
    first = where.key_line - 1
    end_line, end_column = _index(where.node.end_mark)
    last = end_line - 1 if end_column == 0 and end_line > first else end_line
    _own_line(where, "review_by", lines)
    del lines[first : last + 1]
    return str(where.node.value)


def _verify(
    before: dict[str, FieldValue],
    text: str,
    display: str,
    reviewed: date,
    formats: tuple[str, ...],
    dropped: bool,
    recorded: dict[str, str | None],
) -> None:
    """Belt and braces: every other key must read back exactly as before, in the same order."""
    after = parse_document(text, display).fields
    expected = [k for k in before if not (dropped and k == "review_by") and k not in recorded]
    problem = [k for k in after if k not in recorded] != expected
    problem |= any((after[k].value if k in after else None) != value for k, value in recorded.items())
    for key in expected:
        if key == "reviewed":
            problem |= parse_date(str(after[key].node.value).strip(), formats) != reviewed
        else:
            problem |= after[key].value != before[key].value
    if problem:
        raise BumpRefused(1, 1, "could not update 'reviewed' without changing other front matter; edit it by hand")
