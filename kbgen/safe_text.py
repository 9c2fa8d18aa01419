"""Makes any path or message safe to put in a machine format, whatever bytes the file system or content held.

A file name that is not UTF-8 reaches kbgen as lone surrogates (Python's surrogateescape), which no UTF-8 file,
JSON document or XML parser accepts; XML 1.0 also forbids most C0 control characters outright, even escaped;
and a CSV cell starting with `=`, `+`, `-`, `@`, a tab or a carriage return is run as a formula by spreadsheet
programs (OWASP "CSV Injection"); in a line-based report a line break in a file name would forge a finding.
Each is replaced by something visible, so the reader still sees what was there: an undecodable byte 0xE9 as
`\\xe9`, a control character U+0001 as `\\x01`, a formula `=1+1` as `'=1+1`.
"""

from __future__ import annotations

import re
from typing import Any
from urllib.parse import quote

_SURROGATE = re.compile("[\ud800-\udfff]")
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")  # outside XML 1.0's Char
# and the bidirectional controls (Unicode TR 9; CVE-2021-42574, "Trojan Source"): U+202E in `a\u202egnp.md` shows
# the name as `amd.png`, and one left open reverses the rest of the line a finding is read from
BIDI_CONTROLS = "\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069"  # a regular expression class's contents
_NOT_ONE_LINE = re.compile(f"[\x00-\x1f\x7f\x85{BIDI_CONTROLS}\u2028\u2029\ufffe\uffff\ud800-\udfff]")
_PIPE = re.compile(r"(\\*)\|")
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _visible(match: re.Match[str]) -> str:
    code = ord(match.group())
    if 0xDC80 <= code <= 0xDCFF:  # surrogateescape: the byte that was not UTF-8
        return f"\\x{code - 0xDC00:02x}"
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def printable(text: str) -> str:
    """Encodable as UTF-8: lone surrogates become `\\xNN` (the original byte) or `\\uDNNN`."""
    return _SURROGATE.sub(_visible, text)


def xml_safe(text: str) -> str:
    """Only characters XML 1.0 allows; safe on a whole serialized document, as replacements hold no markup."""
    return _NOT_XML.sub(_visible, text)


def one_line(text: str) -> str:
    """For line-based reports a problem matcher parses: no line break or terminal escape can forge a line, no
    bidirectional control can make it read as another, and a tab (which splits a line into columns for `cut` and
    many log viewers) is shown as `\\x09` too."""
    return _NOT_ONE_LINE.sub(_visible, text)


def terminal_lines(text: str) -> str:
    """Text of several lines for a terminal: each line as `one_line` makes it, so a file or title holding an escape
    (`\\x1b]0;...` retitles the terminal, `\\x1b[2J` clears it) is shown, not obeyed."""
    return "\n".join(one_line(line) for line in text.split("\n"))


def csv_cell(value: object) -> object:
    """A text cell a spreadsheet will not evaluate; numbers (a negative day count) stay numbers."""
    if not isinstance(value, str):
        return value
    value = printable(value)
    return "'" + value if value.startswith(_FORMULA_START) else value


def json_safe(value: Any) -> Any:
    """Every string in a JSON-ready tree made printable (JSON escapes control characters itself)."""
    if isinstance(value, str):
        return printable(value)
    if isinstance(value, dict):
        return {printable(str(key)): json_safe(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [json_safe(item) for item in value]
    return value


def uri_path(path: str) -> str:
    """A relative URI for a file path, percent-encoding an undecodable byte as itself (0xE9 as %E9)."""
    try:
        return quote(path.encode("utf-8", "surrogateescape"))
    except UnicodeEncodeError:  # a surrogate that did not come from a byte
        return quote(printable(path))


def pipe_safe(text: str) -> str:
    """`|` escaped for a GFM table cell, doubling backslashes before it (GFM reads `\\\\|` as `\\\\`, then a break)."""
    return _PIPE.sub(lambda match: match.group(1) * 2 + "\\|", text)


def code_span(text: str) -> str:
    """Text for a Markdown table cell inside backticks: no backtick, no line break, `|` escaped (GFM)."""
    return pipe_safe(" ".join(printable(text).replace("`", "").splitlines()))
