"""JUnit XML for CI dashboards: a test case per finding, so Jenkins, GitLab and Azure DevOps list every one.

Those tools show one failure per test case, so a file with three findings is three cases. A finding that
fails the run (`--fail-on`) is a `<failure>`; one reported for information only (outside the changed files of
`--changed-since`) is `<skipped>`, since it was not judged in this run; a warning below the failure level
passes with the finding in `<system-out>`. A file without findings is one passing case, so the dashboard counts
every file checked; `tests` is always `failures + skipped + passed`.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Sequence

from kbgen.finding_formats.context import ReportContext
from kbgen.model import Finding, Severity
from kbgen.safe_text import xml_safe


def render(findings: Sequence[Finding], context: ReportContext) -> str:
    by_path: dict[str, list[Finding]] = {path: [] for path in context.paths}
    for finding in findings:
        by_path.setdefault(finding.path, []).append(finding)
    none: list[Finding | None] = [None]  # a file without findings is one passing case
    cases = [_case(path, finding, context) for path in sorted(by_path) for finding in by_path[path] or none]
    failures = sum(1 for case in cases if case.find("failure") is not None)
    skipped = sum(1 for case in cases if case.find("skipped") is not None)
    counts = {"tests": str(len(cases)), "failures": str(failures), "errors": "0", "skipped": str(skipped)}
    root = ET.Element("testsuites", {"name": "kbgen", **counts})
    suite = ET.SubElement(root, "testsuite", {"name": "kbgen check", **counts})
    properties = ET.SubElement(suite, "properties")
    ET.SubElement(properties, "property", {"name": "today", "value": context.today.date.isoformat()})
    ET.SubElement(properties, "property", {"name": "today_source", "value": context.today.source})
    suite.extend(cases)
    ET.indent(root)
    return xml_safe('<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n")


def _case(path: str, finding: Finding | None, context: ReportContext) -> ET.Element:
    """`name` says where and what, so a list of case names alone is the list of findings."""
    attributes = {"classname": _classname(path), "name": path, "file": context.repo_path(path)}
    if finding is None:
        return ET.Element("testcase", attributes)
    attributes["name"] = f"{path}:{finding.line}:{finding.column} {finding.code} {finding.rule}"
    attributes["line"] = str(finding.line)
    case = ET.Element("testcase", attributes)
    if finding.severity is Severity.INFO:
        ET.SubElement(case, "skipped", {"message": f"for information only: {finding.message}"})
    elif finding.severity >= context.failing:
        failure = {"type": f"{finding.code} {finding.rule}", "message": finding.message}
        ET.SubElement(case, "failure", failure).text = finding.format()
    else:
        ET.SubElement(case, "system-out").text = finding.format()
    return case


def _classname(path: str) -> str:
    """`content/en/account/x.md` -> `content.en.account`, so dashboards group cases by folder."""
    folder = path.rsplit("/", 1)[0] if "/" in path else ""
    return folder.replace("/", ".") or "kbgen"
