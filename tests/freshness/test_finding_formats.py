"""`kbgen check --format github|junit|sarif|markdown|json`: each parses as its consumer expects."""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from collections.abc import Callable
from datetime import date
from typing import Any
from urllib.parse import unquote

from click.testing import Result

from kbgen.config.today import Today
from kbgen.finding_formats import FORMATS, ReportContext
from kbgen.finding_formats.github import escape_data, escape_property
from kbgen.model import Finding, Severity
from tests.support.project import REPO, Site, article

TODAY = "2026-11-22"
CONTEXT = ReportContext(Today(date(2026, 11, 22), "--today"), 2, ("content/en/a/b.md", "content/en/a/c.md"))
# actions/toolkit's workflow-command syntax: properties are comma-separated key=value pairs
WORKFLOW_COMMAND = re.compile(r"^::(error|warning) (file=[^,:]*,line=\d+,col=\d+,title=[^,:]*)::(.*)$")


def project(site: Site) -> Site:
    """Two stale articles (one in a folder whose name needs escaping), one due soon, one fresh."""
    site.write("en/a/stale.md", article(title="Stale one", reviewed="2026-01-02"))
    site.write("en/a/due-soon.md", article(title="Due soon", reviewed="2026-06-01"))
    site.write("en/a/fresh.md", article(title="Fresh one", reviewed="2026-11-01"))
    site.write("en/b-c/old.md", article(title="Old one", reviewed="2025-01-02", versions='["3.0"]'))
    return site


def check(run_kbgen: Callable[..., Result], site: Site, fmt: str, *extra: str) -> Result:
    return run_kbgen("check", "--today", TODAY, "--format", fmt, *extra, cwd=site.root)


def unescape(text: str) -> str:
    return text.replace("%0A", "\n").replace("%0D", "\r").replace("%3A", ":").replace("%2C", ",").replace("%25", "%")


def test_github_lines_match_the_workflow_command_syntax(run_kbgen: Callable[..., Result], site: Site) -> None:
    result = check(run_kbgen, project(site), "github")
    assert result.exit_code == 1
    lines = result.stdout.splitlines()
    commands = [WORKFLOW_COMMAND.match(line) for line in lines[:-1]]
    assert all(commands), lines
    assert [m.group(1) for m in commands if m] == ["warning", "error", "error", "error"]
    stale = commands[1]
    assert stale and stale.group(2) == "file=content/en/a/stale.md,line=4,col=1,title=KB201 stale"
    assert stale.group(3).startswith("overdue for review by 144 days: due 2026-07-01")
    assert lines[-1].endswith(f"3 errors, 1 warning; today={TODAY} (from --today)")


def test_github_escapes_percent_newlines_and_property_separators() -> None:
    finding = Finding("KB201", "stale", Severity.ERROR, "content/en/a:b,c.md", 3, 1, "50% done\r\nnext: line")
    line = FORMATS["github"]([finding], CONTEXT).splitlines()[0]
    match = WORKFLOW_COMMAND.match(line)
    assert match, line
    assert "file=content/en/a%3Ab%2Cc.md," in line
    assert match.group(3) == "50%25 done%0D%0Anext: line"
    assert unescape(match.group(3)) == "50% done\r\nnext: line"
    assert escape_property("a%b:c,d\n") == "a%25b%3Ac%2Cd%0A" and escape_data("a:b,c") == "a:b,c"


def test_junit_has_a_case_per_finding_and_a_passing_case_per_clean_file(
    run_kbgen: Callable[..., Result], site: Site
) -> None:
    result = check(run_kbgen, project(site), "junit")
    root = ET.fromstring(result.stdout.encode("utf-8"))
    suite = root.find("testsuite")
    assert suite is not None
    cases = {case.get("name"): case for case in suite.iter("testcase")}
    assert set(cases) == {
        "content/en/a/stale.md:4:1 KB201 stale",
        "content/en/a/due-soon.md:4:1 KB202 due-soon",
        "content/en/a/fresh.md",
        "content/en/b-c/old.md:4:1 KB201 stale",
        "content/en/b-c/old.md:5:1 KB203 unsupported-version",
    }
    failures = list(suite.iter("failure"))
    assert len(failures) == 3 == int(suite.get("failures", "")) == int(root.get("failures", ""))
    assert int(suite.get("tests", "")) == 5
    due = cases["content/en/a/due-soon.md:4:1 KB202 due-soon"]
    assert due.find("failure") is None and "KB202" in (due.findtext("system-out") or "")
    assert cases["content/en/a/fresh.md"].find("failure") is None


def test_sarif_has_the_required_fields_of_2_1_0(run_kbgen: Callable[..., Result], site: Site) -> None:
    document = json.loads(check(run_kbgen, project(site), "sarif").stdout)
    assert document["version"] == "2.1.0" and document["$schema"].endswith("sarif-2.1.0.json")
    [run] = document["runs"]
    driver = run["tool"]["driver"]
    assert driver["name"] == "kbgen"
    rule_ids = [rule["id"] for rule in driver["rules"]]
    assert {"KB201", "KB202", "KB203", "KB204"} <= set(rule_ids)
    assert all(rule["shortDescription"]["text"] for rule in driver["rules"])
    results = run["results"]
    assert len(results) == 4
    for result in results:
        assert result["level"] in ("error", "warning", "note", "none")
        assert rule_ids[result["ruleIndex"]] == result["ruleId"]
        assert result["message"]["text"]
        [location] = result["locations"]
        physical = location["physicalLocation"]
        assert unquote(physical["artifactLocation"]["uri"]).startswith("content/en/")
        assert physical["region"]["startLine"] >= 1 and physical["region"]["startColumn"] >= 1
    assert [r["ruleId"] for r in results] == ["KB202", "KB201", "KB201", "KB203"]


def test_sarif_uri_is_percent_encoded() -> None:
    finding = Finding("KB201", "stale", Severity.ERROR, "content/en/a b/ç.md", 1, 1, "m")
    [result] = json.loads(FORMATS["sarif"]([finding], CONTEXT))["runs"][0]["results"]
    uri = result["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
    assert uri == "content/en/a%20b/%C3%A7.md" and unquote(uri) == "content/en/a b/ç.md"


def test_markdown_is_a_table_safe_for_a_pull_request_comment() -> None:
    finding = Finding("KB201", "stale", Severity.ERROR, "content/en/a/b.md", 4, 1, "a | b <script>x</script>\nc")
    text = FORMATS["markdown"]([finding], CONTEXT)
    assert text.startswith("### kbgen check: 1 error, 0 warnings\n")
    row = next(line for line in text.splitlines() if "KB201" in line)
    assert row.count(" | ") == 3  # the message's own pipe is escaped
    assert "a \\| b &lt;script&gt;x&lt;/script&gt; c" in row and "`content/en/a/b.md:4:1`" in row
    assert "No problems found." in FORMATS["markdown"]([], CONTEXT)


def test_output_file_gets_the_report_and_the_terminal_the_summary(run_kbgen: Callable[..., Result], site: Site) -> None:
    result = check(run_kbgen, project(site), "sarif", "--output", "report.sarif")
    assert result.exit_code == 1 and result.stdout == ""
    assert "3 errors, 1 warning" in result.stderr
    assert json.loads((site.root / "report.sarif").read_text(encoding="utf-8"))["version"] == "2.1.0"


def test_fail_on_never_exits_zero_with_findings(run_kbgen: Callable[..., Result], site: Site) -> None:
    assert check(run_kbgen, project(site), "json", "--fail-on", "never").exit_code == 0


def _sample_findings(run_kbgen: Callable[..., Result]) -> tuple[int, list[dict[str, Any]]]:
    result = run_kbgen("check", "--today", TODAY, "--format", "json", cwd=REPO)
    return result.exit_code, json.loads(result.stdout)["findings"]


def test_sample_content_flags_exactly_the_articles_the_readme_lists(run_kbgen: Callable[..., Result]) -> None:
    exit_code, found = _sample_findings(run_kbgen)
    assert exit_code == 1
    by_rule = {(f["rule"], f["severity"], f["path"]) for f in found}
    assert by_rule == {
        ("stale", "error", "content/en/account/change-your-email-address.md"),
        ("stale", "error", "content/en/integrations/google-calendar-sync.md"),
        ("stale", "error", "content/en/projects/project-templates.md"),
        ("unsupported-version", "error", "content/en/projects/classic-timeline-view.md"),
        ("due-soon", "warning", "content/en/billing/change-your-plan.md"),
        ("due-soon", "warning", "content/en/getting-started/keyboard-shortcuts.md"),
    }
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    for _, _, path in by_rule:
        assert path.removeprefix("content/") in readme, f"README does not list {path}"
