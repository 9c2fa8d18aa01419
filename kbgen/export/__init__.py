"""`kbgen export`: every public, published article as records for a server-side search engine."""

from kbgen.export.output import export_lines, write_atomically
from kbgen.export.records import ExportError, ExportRecord, export_records
from kbgen.export.shapes import SHAPES

__all__ = ["SHAPES", "ExportError", "ExportRecord", "export_lines", "export_records", "write_atomically"]
