"""`kbgen translate-status` output: a terminal table, JSON and CSV of every translation's state."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable

from kbgen.translations.status import STATES, Entry, State, TranslationStatus

COLUMNS = ("lang", "state", "path", "source", "recorded_hash", "source_hash", "moved_to", "required")


def _detail(entry: Entry) -> str:
    if entry.state is State.OUTDATED:
        return f"{entry.path}  (source {entry.source} changed: {entry.recorded} -> {entry.current})"
    if entry.state is State.ORPHANED:
        moved = f"; moved to {entry.moved_to}?" if entry.moved_to else ""
        return f"{entry.path}  (source {entry.source} no longer exists{moved})"
    if entry.state is State.MISSING:
        return f"{entry.path}  (translate {entry.source})"
    if entry.state is State.UNREADABLE:
        return f"{entry.path}  (failed to load: 'kbgen check' says why; source {entry.source})"
    return f"{entry.path}  (no source_hash; source {entry.source})"


def table(status: TranslationStatus) -> str:
    header = ("LANG", *(state.upper() for state in STATES))
    rows = [(lang, *(str(n) for n in status.counts(lang).values())) for lang in status.languages]
    widths = [max(len(row[i]) for row in [header, *rows]) for i in range(len(header))]
    out = [f"Translations of {status.default_language} articles", ""]
    out += ["  " + "  ".join(cell.ljust(w) for cell, w in zip(row, widths, strict=True)).rstrip() for row in
            [header, *rows]]  # fmt: skip
    for lang in status.languages:
        for state in (State.OUTDATED, State.ORPHANED, State.UNREADABLE, State.MISSING, State.UNVERIFIED):
            entries = [e for e in status.entries if e.lang == lang and e.state is state]
            if not entries:
                continue
            if state is State.MISSING and lang not in status.required:
                out += ["", f"{lang}: {len(entries)} missing (not a required language; --format csv lists them)"]
                continue
            required = " (required language)" if state is State.MISSING else ""
            out += ["", f"{lang}: {state}{required}"]
            out += [f"  {_detail(entry)}" for entry in entries]
    failing = status.failing()
    if failing:
        out += ["", f"{len(failing)} to fix (outdated, orphaned, unreadable, or missing in a required language)"]
    else:
        out += [
            "",
            "Nothing to fix: no translation is outdated, orphaned or unreadable, no required language lacks an article",
        ]
    return "\n".join(out) + "\n"


def as_json(status: TranslationStatus) -> str:
    document = {
        "default_language": status.default_language,
        "required_languages": list(status.required),
        "languages": {lang: status.counts(lang) for lang in status.languages},
        "translations": [entry.as_dict() for entry in status.entries],
        "failing": len(status.failing()),
    }
    return json.dumps(document, indent=2, sort_keys=True, ensure_ascii=False) + "\n"


def as_csv(status: TranslationStatus) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(COLUMNS)
    for entry in status.entries:
        values = entry.as_dict()
        writer.writerow([str(values[column]).lower() if column == "required" else values[column] for column in
                         COLUMNS])  # fmt: skip
    return buffer.getvalue()


FORMATS: dict[str, Callable[[TranslationStatus], str]] = {"table": table, "json": as_json, "csv": as_csv}
