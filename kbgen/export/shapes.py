"""The record shapes of `kbgen export --format`: kbgen's own JSON Lines and those three search engines expect.

Each shape is a function from one record to the JSON objects to upload (Algolia's can be several: its records
have a size limit). Every engine takes the objects one per line (NDJSON): Meilisearch's documents endpoint with
`Content-Type: application/x-ndjson`, Typesense's `documents/import`, and `algolia objects import -F`.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from datetime import UTC, date, datetime, time
from typing import Any

from kbgen.export.records import ExportRecord

# Algolia refuses a record over 10 KB of minified JSON on its smallest plan (100 KB on others); records are cut
# under this many UTF-8 bytes, so an export fits every plan.
ALGOLIA_RECORD_BYTES = 10_000


def timestamp(day: date) -> int:
    """Midnight UTC as Unix seconds: engines filter and sort numbers, and Typesense has no date type."""
    return int(datetime.combine(day, time(), UTC).timestamp())


def jsonl(record: ExportRecord) -> list[dict[str, Any]]:
    return [record.as_dict()]


def meilisearch(record: ExportRecord) -> list[dict[str, Any]]:
    """Primary key `id` (a-z, 0-9: within Meilisearch's alphanumeric, `-` and `_`); dates also as numbers,
    since Meilisearch compares numbers in filters."""
    return [{**record.as_dict(), **_timestamps(record)}]


def typesense(record: ExportRecord) -> list[dict[str, Any]]:
    """`id` a string; dates as int64 seconds; a value that is not there is left out, not null, as an optional
    field of a Typesense schema expects (README gives the schema)."""
    fields = {**record.as_dict(), **_timestamps(record)}
    return [{key: value for key, value in fields.items() if value is not None}]


def algolia(record: ExportRecord) -> list[dict[str, Any]]:
    """`objectID` per part: the body is cut into parts so each record stays under :data:`ALGOLIA_RECORD_BYTES`;
    every part repeats the article's other fields and `id`, for `distinct` on `id` (README)."""
    base = {**record.as_dict(), **_timestamps(record), "body": "", "objectID": f"{record.id}-0", "part": 0}
    if _size(base) > ALGOLIA_RECORD_BYTES // 2:
        base["headings"] = []  # a page of headings: they are in the body text as well
    budget = ALGOLIA_RECORD_BYTES - _size(base) - 16  # room for the part number's digits
    parts = list(_cut(record.body, budget)) or [""]
    return [{**base, "body": text, "objectID": f"{record.id}-{n}", "part": n} for n, text in enumerate(parts)]


SHAPES: dict[str, Callable[[ExportRecord], list[dict[str, Any]]]] = {
    "algolia": algolia,
    "jsonl": jsonl,
    "meilisearch": meilisearch,
    "typesense": typesense,
}


def _timestamps(record: ExportRecord) -> dict[str, int | None]:
    due = record.review_due
    return {
        "review_due_timestamp": timestamp(due) if due else None,
        "reviewed_timestamp": timestamp(record.reviewed),
    }


def _size(value: object) -> int:
    return len(json.dumps(value, ensure_ascii=False, separators=(",", ":")).encode("utf-8"))


def _cut(text: str, budget: int) -> Iterator[str]:
    """``text`` in parts of at most ``budget`` bytes as JSON strings, cut between words where there is one."""
    part: list[str] = []
    size = 0
    for word in text.split(" "):
        for piece in _pieces(word, budget):
            cost = _size(piece) - 2 + (1 if part else 0)
            if part and size + cost > budget:
                yield " ".join(part)
                part, size, cost = [], 0, cost - 1
            part.append(piece)
            size += cost
    if part and any(part):
        yield " ".join(part)


def _pieces(word: str, budget: int) -> Iterator[str]:
    """A word longer than a whole part (a pasted key, a URL) is cut between characters."""
    while _size(word) - 2 > budget:
        end = len(word)
        while _size(word[:end]) - 2 > budget:
            end = max(1, end * budget // (_size(word[:end]) - 2) - 1)
        yield word[:end]
        word = word[end:]
    yield word
