"""SARIF 2.1.0 for code-scanning views: every kbgen rule in the driver, one result per finding."""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from kbgen import __version__
from kbgen.finding_formats.context import ReportContext
from kbgen.finding_formats.safe_text import json_safe, uri_path
from kbgen.model import Finding
from kbgen.rules import RULES

SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"


def _rule(index: int) -> dict[str, Any]:
    rule = RULES[index]
    return {
        "id": rule.code,
        "name": rule.slug,
        "shortDescription": {"text": rule.summary},
        "defaultConfiguration": {"level": str(rule.severity)},
    }


def _result(finding: Finding, index: dict[str, int]) -> dict[str, Any]:
    result: dict[str, Any] = {
        "ruleId": finding.code,
        "level": str(finding.severity),
        "message": {"text": finding.message},
        "locations": [
            {
                "physicalLocation": {
                    "artifactLocation": {"uri": uri_path(finding.path), "uriBaseId": "%SRCROOT%"},
                    "region": {"startLine": finding.line, "startColumn": finding.column},
                }
            }
        ],
    }
    if finding.code in index:
        result["ruleIndex"] = index[finding.code]
    return result


def render(findings: Sequence[Finding], context: ReportContext) -> str:
    index = {rule.code: i for i, rule in enumerate(RULES)}
    driver = {
        "name": "kbgen",
        "version": __version__,
        "informationUri": "https://pypi.org/project/kbgen/",
        "rules": [_rule(i) for i in range(len(RULES))],
    }
    run = {
        "tool": {"driver": driver},
        "columnKind": "unicodeCodePoints",
        "originalUriBaseIds": {"%SRCROOT%": {"description": {"text": "the folder holding mkdocs.yml"}}},
        "invocations": [{"executionSuccessful": True, "properties": {"today": context.today.date.isoformat()}}],
        "results": [_result(finding, index) for finding in findings],
    }
    document = {"$schema": SCHEMA, "version": "2.1.0", "runs": [run]}
    return json.dumps(json_safe(document), indent=2, sort_keys=True, ensure_ascii=False) + "\n"
