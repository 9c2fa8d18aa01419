"""JUnit XML for CI dashboards: one test case per checked file, one failure per error finding."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Sequence

from kbgen.finding_formats.context import Counts, ReportContext
from kbgen.finding_formats.safe_text import xml_safe
from kbgen.model import Finding, Severity


def render(findings: Sequence[Finding], context: ReportContext) -> str:
    """Warnings do not fail a case; they are listed in its system-out so nothing is lost."""
    by_path: dict[str, list[Finding]] = {path: [] for path in context.paths}
    for finding in findings:
        by_path.setdefault(finding.path, []).append(finding)
    failures = Counts.of(findings).errors
    counts = {"tests": str(len(by_path)), "failures": str(failures), "errors": "0", "skipped": "0"}
    root = ET.Element("testsuites", {"name": "kbgen", **counts})
    suite = ET.SubElement(root, "testsuite", {"name": "kbgen check", **counts})
    properties = ET.SubElement(suite, "properties")
    ET.SubElement(properties, "property", {"name": "today", "value": context.today.date.isoformat()})
    ET.SubElement(properties, "property", {"name": "today_source", "value": context.today.source})
    for path in sorted(by_path):
        case = ET.SubElement(suite, "testcase", {"classname": _classname(path), "name": path, "file": path})
        warnings = []
        for finding in by_path[path]:
            if finding.severity is Severity.ERROR:
                attributes = {"type": f"{finding.code} {finding.rule}", "message": finding.message}
                ET.SubElement(case, "failure", attributes).text = finding.format()
            else:
                warnings.append(finding.format())
        if warnings:
            ET.SubElement(case, "system-out").text = "\n".join(warnings)
    ET.indent(root)
    return xml_safe('<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n")


def _classname(path: str) -> str:
    """`content/en/account/x.md` -> `content.en.account`, so dashboards group cases by folder."""
    folder = path.rsplit("/", 1)[0] if "/" in path else ""
    return folder.replace("/", ".") or "kbgen"
