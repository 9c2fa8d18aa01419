"""The owner report as a terminal table, JSON, CSV and Markdown."""

from __future__ import annotations

import csv
import io
import json

from kbgen.markdown_cells import cell, code
from kbgen.safe_text import csv_cell, json_safe, one_line, xml_safe
from kbgen.status_report.model import OwnerReport, Row
from kbgen.wording import plural

COLUMNS = ("owner", "status", "path", "title", "lang", "category", "audience", "reviewed", "due", "days_left",
           "reviewed_by")  # fmt: skip


def _totals_text(counts: dict[str, int]) -> str:
    total = sum(counts.values())
    parts = ", ".join(f"{n} {status}" for status, n in counts.items() if n)
    return plural(total, "article") + (f": {parts}" if parts else "")


def _cells(row: Row) -> tuple[str, str, str, str, str]:
    return (row.status, row.due.isoformat() if row.due else "-", row.days_text or "-", row.reviewed_text,
            one_line(row.path))  # fmt: skip


def table(report: OwnerReport) -> str:
    header = ("STATUS", "DUE", "DAYS", "REVIEWED", "ARTICLE")
    widths = [max([len(h)] + [len(_cells(r)[i]) for r in report.rows]) for i, h in enumerate(header)]

    def line(cells: tuple[str, ...]) -> str:
        return "  " + "  ".join(cell.ljust(width) for cell, width in zip(cells, widths, strict=True)).rstrip()

    out = [f"Review status, {report.today}", ""]
    for group in report.groups:
        out += [f"{one_line(group.owner)} ({_totals_text(group.totals)})", line(header)]
        out += [line(_cells(row)) for row in group.rows]
        out.append("")
    out.append(f"Total: {_totals_text(report.totals)}")
    return "\n".join(out) + "\n"


def as_json(report: OwnerReport) -> str:
    document = {
        "today": report.today.date.isoformat(),
        "today_source": report.today.source,
        "totals": report.totals,
        "owners": [
            {"owner": g.owner, "totals": g.totals, "articles": [row.as_dict() for row in g.rows]} for g in report.groups
        ],
    }
    if report.translations is not None:
        status = report.translations
        document["translations"] = {
            "languages": {lang: status.counts(lang) for lang in status.languages},
            "to_check": [entry.as_dict() for entry in status.to_check()],
        }
    return json.dumps(json_safe(document), indent=2, sort_keys=True, ensure_ascii=False) + "\n"


def as_csv(report: OwnerReport) -> str:
    """RFC 4180 CSV, one line per article, in report order; no cell is a formula to a spreadsheet."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(COLUMNS)
    for row in report.rows:
        values = row.as_dict()
        writer.writerow(["" if values[c] is None else csv_cell(values[c]) for c in COLUMNS])
    return buffer.getvalue()


def markdown(report: OwnerReport) -> str:
    out = ["# Review status", "", f"{cell(str(report.today))}. Total: {_totals_text(report.totals)}.", ""]
    for group in report.groups:
        out += [f"## {cell(group.owner)}", "", _totals_text(group.totals) + ".", ""]
        out += ["| Status | Due | Days | Reviewed | Article |", "| --- | --- | --- | --- | --- |"]
        for row in group.rows:
            status, due, days, reviewed, path = _cells(row)
            out.append(f"| {status} | {due} | {days} | {cell(reviewed)} | {cell(row.title)} ({code(path)}) |")
        out.append("")
    return xml_safe("\n".join(out))
