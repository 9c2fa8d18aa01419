"""SARIF 2.1.0 for code-scanning views: every kbgen rule in the driver, one result per finding."""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from kbgen import __version__
from kbgen.finding_formats.context import ReportContext
from kbgen.finding_formats.rule_help import DOCS_URL, help_for
from kbgen.model import Finding, Severity
from kbgen.rules import RULES
from kbgen.safe_text import json_safe, uri_path

SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
LEVELS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}


def _rule(index: int) -> dict[str, Any]:
    rule = RULES[index]
    help_ = help_for(rule)
    return {
        "id": rule.code,
        "name": rule.slug,
        "shortDescription": {"text": rule.summary},
        "fullDescription": {"text": help_.description},
        "help": {"text": help_.text, "markdown": help_.markdown(rule)},
        "helpUri": help_.uri,
        "defaultConfiguration": {"level": LEVELS[rule.severity]},
    }


def _result(finding: Finding, index: dict[str, int], context: ReportContext) -> dict[str, Any]:
    result: dict[str, Any] = {
        "ruleId": finding.code,
        "level": LEVELS[finding.severity],
        "message": {"text": finding.message},
        "locations": [
            {
                "physicalLocation": {
                    "artifactLocation": {"uri": uri_path(context.repo_path(finding.path)), "uriBaseId": "%SRCROOT%"},
                    "region": {"startLine": finding.line, "startColumn": finding.column},
                }
            }
        ],
    }
    if finding.code in index:
        result["ruleIndex"] = index[finding.code]
    return result


def _root_description(context: ReportContext) -> str:
    if context.repo_prefix:
        return f"the repository root (mkdocs.yml is in {context.repo_prefix.rstrip('/')}/)"
    return "the repository root, or the folder holding mkdocs.yml outside a git repository"


def render(findings: Sequence[Finding], context: ReportContext) -> str:
    index = {rule.code: i for i, rule in enumerate(RULES)}
    driver = {
        "name": "kbgen",
        "version": __version__,
        "informationUri": DOCS_URL,
        "rules": [_rule(i) for i in range(len(RULES))],
    }
    run = {
        "tool": {"driver": driver},
        "columnKind": "unicodeCodePoints",
        "originalUriBaseIds": {"%SRCROOT%": {"description": {"text": _root_description(context)}}},
        "invocations": [{"executionSuccessful": True, "properties": {"today": context.today.date.isoformat()}}],
        "results": [_result(finding, index, context) for finding in findings],
    }
    document = {"$schema": SCHEMA, "version": "2.1.0", "runs": [run]}
    return json.dumps(json_safe(document), indent=2, sort_keys=True, ensure_ascii=False) + "\n"
