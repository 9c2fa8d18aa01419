"""`kbgen report`: every article's owner, review dates and status, for the people who keep them current."""

from __future__ import annotations

from collections.abc import Callable

from kbgen.status_report import html_format, text_formats
from kbgen.status_report.model import Group, OwnerReport, Row, build_report

FORMATS: dict[str, Callable[[OwnerReport], str]] = {
    "table": text_formats.table,
    "json": text_formats.as_json,
    "csv": text_formats.as_csv,
    "markdown": text_formats.markdown,
    "html": html_format.page,
}

__all__ = ["FORMATS", "Group", "OwnerReport", "Row", "build_report"]
