"""Every report format stays well-formed whatever a file name, link target, title or owner holds.

The property tests feed arbitrary Unicode (control characters, lone surrogates as a non-UTF-8 file name
arrives through surrogateescape, `]]>`, line breaks, pipes, formula starts) into paths and messages and
parse every output with the consumer's own rules; the CLI tests replay the reported attacks end to end.
"""

from __future__ import annotations

import csv
import io
import json
import os
import re
import xml.etree.ElementTree as ET
from datetime import date
from html.parser import HTMLParser
from urllib.parse import unquote_to_bytes

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kbgen.config.today import Today
from kbgen.finding_formats import FORMATS, ReportContext
from kbgen.model import Finding, Severity
from kbgen.safe_text import csv_cell, one_line, printable
from kbgen.status_report import FORMATS as REPORT_FORMATS
from kbgen.status_report.model import Group, OwnerReport, Row
from tests.support.project import Site, article

TODAY = Today(date(2026, 11, 22), "--today")
NASTY = ["\udce9", "\udcff", "\ud800", "\x00", "\x01", "\x0b", "\x0c", "\x1b[31m", "\x7f", "]]>", "<![CDATA[", "\n",
         "\r", "\r\n", "\u2028", "\x85", "\ufffe", "\uffff", "=", "+", "-", "@", "\t", "|", "\\|", "\\", "`", "<",
         "&", "%", ":", ",", "::error::", '"', "'", "<script>", "&#0;", "\ud83d\ude00"]  # fmt: skip
TEXT = st.lists(st.one_of(st.sampled_from(NASTY), st.text(max_size=5)), max_size=8).map("".join)
FORMULA = ("=", "+", "-", "@", "\t", "\r")


def _finding(path: str, message: str, error: bool, rule: str) -> Finding:
    return Finding("KB301", rule, Severity.ERROR if error else Severity.WARNING, path, 3, 5, message)


RULE = st.sampled_from(["broken-link", "stale", "non-portable-name"])  # kbgen's own slugs, never user text
FINDINGS = st.lists(st.builds(_finding, TEXT, TEXT, st.booleans(), RULE), max_size=5)


def gfm_cells(row: str) -> list[str]:
    """Split a table row as GitHub does: a backslash escapes the next character, any other `|` is a break."""
    cells, current, index = [], "", 0
    while index < len(row):
        char = row[index]
        if char == "\\" and index + 1 < len(row):
            current += row[index : index + 2]
            index += 2
            continue
        if char == "|":
            cells.append(current)
            current = ""
        else:
            current += char
        index += 1
    return [*cells, current]


def _assert_table(text: str, lines: int, columns: int) -> None:
    """Exactly the expected table lines (header, separator, rows), each with exactly its columns."""
    table = [line for line in text.splitlines() if line.startswith("|")]
    assert len(table) == lines, text
    for line in table:
        assert len(gfm_cells(line)) == columns + 2, line


@settings(max_examples=100, deadline=None)
@given(FINDINGS, st.lists(TEXT, max_size=3))
def test_every_check_format_parses_whatever_paths_and_messages_hold(findings: list[Finding], paths: list[str]) -> None:
    context = ReportContext(TODAY, len(paths), tuple(sorted(set(paths))))
    out = {name: render(findings, context) for name, render in FORMATS.items()}
    for text in out.values():
        text.encode("utf-8")  # strict: no lone surrogate reaches a file or a pipe
    suite = ET.fromstring(out["junit"].encode("utf-8"))
    cases = suite.findall("./testsuite/testcase")
    assert len(cases) == len(findings) + len(set(paths) - {f.path for f in findings})  # a case per finding
    assert len(suite.findall(".//failure")) == sum(f.severity is Severity.ERROR for f in findings)
    document = json.loads(out["json"])
    assert [(f["path"], f["message"]) for f in document["findings"]] == [
        (printable(f.path), printable(f.message)) for f in findings
    ]
    results = json.loads(out["sarif"])["runs"][0]["results"]
    for result, finding in zip(results, findings, strict=True):
        uri = result["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
        assert not re.search(r"[\s\x00-\x1f\x7f]", uri)
        if not re.search("[\ud800-\udc7f\udd00-\udfff]", finding.path):  # surrogateescape bytes round-trip exactly
            assert unquote_to_bytes(uri) == finding.path.encode("utf-8", "surrogateescape")
    github = out["github"].split("\n")
    assert len(github) == len(findings) + 2 and github[-1] == ""
    for line, finding in zip(github, findings, strict=False):
        assert line.startswith(f"::{finding.severity} file=") and "\r" not in line
    text_lines = out["text"].split("\n")
    assert len(text_lines) == len(findings) + 2
    for line, finding in zip(text_lines, findings, strict=False):
        assert line.startswith(one_line(finding.path) + ":3:5: ")
    _assert_table(out["markdown"], len(findings) + 2 if findings else 0, 4)
    assert not re.search("[\x00-\x08\x0b\x0c\x0e-\x1f]", out["markdown"])


def _row(path: str, title: str, owner: str, category: str, days: int | None) -> Row:
    return Row(path, title, owner, "en", category, "public", "stale", date(2026, 1, 2), date(2026, 7, 1), days)


ROWS = st.lists(st.builds(_row, TEXT, TEXT, TEXT, TEXT, st.one_of(st.none(), st.integers(-999, 999))), max_size=4)


class _Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: set[str] = set()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.add(tag)


PAGE_TAGS = {"html", "head", "meta", "title", "style", "body", "h1", "h2", "div", "p", "figure", "figcaption",
             "svg", "g", "rect", "text", "line", "table", "thead", "tbody", "tr", "th", "td", "br", "code",
             "desc", "path"}  # fmt: skip


@settings(max_examples=100, deadline=None)
@given(ROWS)
def test_every_report_format_parses_whatever_titles_owners_and_paths_hold(rows: list[Row]) -> None:
    groups = {}
    for row in rows:
        groups.setdefault(row.owner, []).append(row)
    report = OwnerReport(TODAY, tuple(Group(owner, tuple(items)) for owner, items in groups.items()))
    out = {name: render(report) for name, render in REPORT_FORMATS.items()}
    for text in out.values():
        text.encode("utf-8")
    read = list(csv.reader(io.StringIO(out["csv"], newline="")))
    assert len(read) == len(report.rows) + 1
    for cells, row in zip(read[1:], report.rows, strict=True):
        values = dict(zip(read[0], cells, strict=True))
        for column in ("owner", "path", "title", "category"):
            assert not values[column].startswith(FORMULA), values
            original = printable(getattr(row, column))
            assert values[column] in (original, "'" + original)
        assert values["days_left"] == ("" if row.days_left is None else str(row.days_left))
    json.loads(out["json"])
    assert len(out["table"].split("\n")) == 4 + 3 * len(report.groups) + len(report.rows)
    _assert_table(out["markdown"], len(report.rows) + 2 * len(report.groups), 5)
    tags = _Tags()
    tags.feed(out["html"])
    assert tags.tags <= PAGE_TAGS, tags.tags - PAGE_TAGS
    assert not re.search("[\x00-\x08\x0b\x0c\x0e-\x1f]", out["html"])


def _hostile_project(site: Site) -> None:
    target = "gone\x0bhere]]>\x01\x1b[2J.md"
    site.write("en/account/links.md", article(body=f"[x]({target}) and [y](=cmd|'/C calc'!A0.md)\n"))
    site.write("en/account/formula.md", article(title='\'=HYPERLINK("http://x","y")\'', owner="'@SUM(1+1)'"))
    site.write("en/account/plus.md", article(title="'+1-2'", owner="-2+3", reviewed="2025-01-02"))
    site.write("en/account/safe.md", article(title="A normal title"))
    (site.content / "en" / "account").joinpath(os.fsdecode(b"caf\xe9 \x01|x.md")).write_text(article())


def test_junit_from_hostile_link_targets_and_file_names_parses(site: Site, run_kbgen) -> None:
    _hostile_project(site)
    result = run_kbgen("check", "--today", "2026-11-22", "--format", "junit", "-o", "report.xml", cwd=site.root)
    assert result.exit_code == 1, result.output
    suite = ET.parse(site.root / "report.xml").getroot()
    messages = [failure.get("message") or "" for failure in suite.iter("failure")]
    assert any("gone\\x0bhere]]>\\x01\\x1b[2J.md" in message for message in messages), messages
    names = [case.get("name") for case in suite.iter("testcase")]
    assert "content/en/account/caf\\xe9 \\x01|x.md:1:1 KB142 non-portable-name" in names


def test_every_check_format_of_a_hostile_project_parses(site: Site, run_kbgen) -> None:
    _hostile_project(site)
    out = {}
    for fmt in FORMATS:
        result = run_kbgen("check", "--today", "2026-11-22", "--format", fmt, "-o", f"out.{fmt}", cwd=site.root)
        assert result.exit_code == 1 and "Traceback" not in result.output, (fmt, result.output)
        out[fmt] = (site.root / f"out.{fmt}").read_bytes().decode("utf-8")  # strict
    assert json.loads(out["json"])["findings"]
    sarif = json.loads(out["sarif"])["runs"][0]["results"]
    assert "content/en/account/caf%E9%20%01%7Cx.md" in {
        r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for r in sarif
    }
    assert all(line.startswith(("::error ", "::warning ")) for line in out["github"].splitlines()[:-1])
    assert "`content/en/account/caf\\xe9 \\x01\\|x.md:" in out["markdown"]
    assert all(line.startswith("content/") for line in out["text"].splitlines()[:-1])


def test_csv_report_neutralises_formulas_in_every_text_column(site: Site, run_kbgen) -> None:
    _hostile_project(site)
    result = run_kbgen("report", "--today", "2026-11-22", "--format", "csv", cwd=site.root)
    assert result.exit_code == 0
    rows = list(csv.DictReader(io.StringIO(result.stdout, newline="")))
    by_title = {row["title"]: row for row in rows}
    assert by_title['\'=HYPERLINK("http://x","y")']["owner"] == "'@SUM(1+1)"
    assert by_title["'+1-2"]["owner"] == "'-2+3"
    assert by_title["A normal title"]["owner"] == "maria.popescu"
    assert by_title["'+1-2"]["days_left"].startswith("-")  # a number stays a number
    for row in rows:
        for column in ("owner", "path", "title", "category", "lang", "audience", "status"):
            assert not row[column].startswith(FORMULA), row


@pytest.mark.parametrize(
    ("value", "cell"),
    [("=1+1", "'=1+1"), ("+1", "'+1"), ("-1+2", "'-1+2"), ("@SUM(A1)", "'@SUM(A1)"), ("\tx", "'\tx"),
     ("\rx", "'\rx"), ("caf\udce9", "caf\\xe9"), ("a=b", "a=b"), ("", ""), (-5, -5), (0, 0)],
)  # fmt: skip
def test_csv_cells_that_start_a_formula_get_a_quote_and_numbers_stay_numbers(value: object, cell: object) -> None:
    buffer = io.StringIO()
    csv.writer(buffer).writerow([csv_cell(value)])
    assert next(csv.reader(io.StringIO(buffer.getvalue(), newline=""))) == [str(cell)]


def test_text_lines_show_a_tab_or_line_break_in_a_path_as_an_escape(site: Site, run_kbgen) -> None:
    """`kbgen check` printed `content/en/billing/tab<TAB>tab/x.md:1:1: ...` with the tab as it was, and `kbgen
    build` printed a line break in a folder's name raw, forging a second finding line for CI. Both show `\\x09`
    and `\\x0a`, as the README promises for every format but JSON."""
    site.write("en/billing/tab\ttab/x.md", article())
    site.write("en/billing/two\nlines/x.md", article())
    shown = ["content/en/billing/tab\\x09tab/x.md:1:1: error KB142", "content/en/billing/two\\x0alines/x.md:1:1: error"]
    check = run_kbgen("check", "--today", "2026-11-22", cwd=site.root)
    build = run_kbgen("build", "--today", "2026-11-22", cwd=site.root)
    for output in (check.stdout, build.stderr):
        assert "\t" not in output
        lines = output.splitlines()
        for start in shown:
            assert any(line.startswith(start) for line in lines), output
        assert all(line.startswith(("content/", "built ", "INFO", "warning: ")) for line in lines[:-1]), output
