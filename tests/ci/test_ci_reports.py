"""JUnit and SARIF as their consumers read them: counts that add up, the official schema, repository paths."""

from __future__ import annotations

import copy
import json
import xml.etree.ElementTree as ET
from collections.abc import Callable
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

import jsonschema
import pytest
from click.testing import Result

from kbgen.finding_formats.rule_help import help_for
from kbgen.rules import RULES
from tests.support.git_repo import Repo
from tests.support.project import Site, article

TODAY = "2026-11-22"
SCHEMA = json.loads((Path(__file__).parent / "fixtures" / "sarif-schema-2.1.0.json").read_text(encoding="utf-8"))


def project(site: Site) -> Site:
    """Two errors in one file, a warning, a broken link and a clean file."""
    site.write("en/a/stale.md", article(title="Stale", reviewed="2025-01-02", versions='["3.0"]'))
    site.write("en/a/due-soon.md", article(title="Due soon", reviewed="2026-06-01"))
    site.write("en/a/fresh.md", article(title="Fresh", body="[gone](missing.md)\n"))
    site.write("en/b/clean.md", article(title="Clean"))
    return site


def junit(run_kbgen: Callable[..., Result], site: Site, *extra: str) -> ET.Element:
    result = run_kbgen("check", "--today", TODAY, "--format", "junit", *extra, cwd=site.root)
    return ET.fromstring(result.stdout.encode("utf-8"))


def outcome(case: ET.Element) -> str:
    found = [child.tag for child in case if child.tag in ("failure", "error", "skipped")]
    assert len(found) <= 1, "Jenkins, GitLab and Azure DevOps show one outcome per test case"
    return found[0] if found else "passed"


def test_junit_counts_add_up_as_jenkins_reads_them(run_kbgen: Callable[..., Result], site: Site) -> None:
    root = junit(run_kbgen, project(site))
    [suite] = root.findall("testsuite")
    cases = suite.findall("testcase")
    outcomes = [outcome(case) for case in cases]
    for element in (root, suite):
        assert int(element.get("tests", "")) == len(cases) == 5
        assert int(element.get("failures", "")) == outcomes.count("failure") == 3
        assert int(element.get("errors", "")) == outcomes.count("error") == 0
        assert int(element.get("skipped", "")) == outcomes.count("skipped") == 0
    by_name = {case.get("name"): outcome(case) for case in cases}
    assert by_name == {
        "content/en/a/due-soon.md:4:1 KB202 due-soon": "passed",
        "content/en/a/fresh.md:8:1 KB301 broken-link": "failure",
        "content/en/a/stale.md:4:1 KB201 stale": "failure",
        "content/en/a/stale.md:5:1 KB203 unsupported-version": "failure",
        "content/en/b/clean.md": "passed",
    }
    failure = suite.find("testcase/failure")
    assert failure is not None and failure.get("type") == "KB301 broken-link" and failure.get("message")


def test_junit_follows_fail_on(run_kbgen: Callable[..., Result], site: Site) -> None:
    root = junit(run_kbgen, project(site), "--fail-on", "warning")
    assert root.get("failures") == "4"
    case = next(c for c in root.iter("testcase") if "KB202" in c.get("name", ""))
    assert outcome(case) == "failure"


def test_junit_skips_findings_outside_the_change(run_kbgen: Callable[..., Result], site: Site) -> None:
    repo = Repo(project(site).root)
    repo.commit_all("base")
    repo.branch("feature")
    site.write("en/b/clean.md", article(title="Clean", body="Edited.\n"))
    root = junit(run_kbgen, site, "--changed-since", "main")
    assert (root.get("tests"), root.get("failures"), root.get("skipped")) == ("5", "0", "4")
    skipped = root.find(".//skipped")
    assert skipped is not None and skipped.get("message", "").startswith("for information only: ")


def sarif(run_kbgen: Callable[..., Result], site: Site, *extra: str, cwd: Path | None = None) -> dict[str, Any]:
    result = run_kbgen("check", "--today", TODAY, "--format", "sarif", *extra, cwd=cwd or site.root)
    document: dict[str, Any] = json.loads(result.stdout)
    return document


def schema_errors(document: dict[str, Any]) -> list[str]:
    validator = jsonschema.Draft4Validator(SCHEMA)
    return [f"{'/'.join(map(str, error.absolute_path))}: {error.message}" for error in validator.iter_errors(document)]


def test_sarif_is_valid_against_the_official_schema(run_kbgen: Callable[..., Result], site: Site) -> None:
    document = sarif(run_kbgen, project(site))
    assert schema_errors(document) == []
    broken = copy.deepcopy(document)
    broken["runs"][0]["results"][0]["level"] = "info"  # the validator is really applied: this is not SARIF
    assert any("'info' is not one of" in error for error in schema_errors(broken))


def test_sarif_with_information_findings_is_valid(run_kbgen: Callable[..., Result], site: Site) -> None:
    repo = Repo(project(site).root)
    repo.commit_all("base")
    document = sarif(run_kbgen, site, "--changed-since", "main")
    assert {r["level"] for r in document["runs"][0]["results"]} == {"note"}
    assert schema_errors(document) == []


def test_every_sarif_rule_has_help_a_uri_and_a_full_description(run_kbgen: Callable[..., Result], site: Site) -> None:
    rules = sarif(run_kbgen, project(site))["runs"][0]["tool"]["driver"]["rules"]
    assert [rule["id"] for rule in rules] == [rule.code for rule in RULES]
    for rule in rules:
        assert rule["fullDescription"]["text"] and rule["help"]["text"].endswith(".")
        assert rule["help"]["markdown"].startswith(f"**{rule['id']} `{rule['name']}`**")
        uri = urlsplit(rule["helpUri"])
        assert uri.scheme == "https" and uri.netloc and uri.fragment, rule["helpUri"]
        assert f"({rule['helpUri']})" in rule["help"]["markdown"]


def test_every_rule_has_its_own_help_text() -> None:
    undocumented = [rule.code for rule in RULES if help_for(rule).fix == "See the message."]
    assert undocumented == [], "add why and how to fix to kbgen/finding_formats/rule_help.py"


def test_help_anchors_are_readme_headings() -> None:
    readme = (Path(__file__).parents[2] / "README.md").read_text(encoding="utf-8")
    headings = {_github_anchor(line.lstrip("#").strip()) for line in readme.splitlines() if line.startswith("## ")}
    for rule in RULES:
        assert urlsplit(help_for(rule).uri).fragment in headings, rule.code


def _github_anchor(heading: str) -> str:
    """GitHub's heading ids: lower case, punctuation dropped, spaces to hyphens."""
    kept = "".join(ch for ch in heading.lower() if ch.isalnum() or ch in " -_")
    return kept.replace(" ", "-")


@pytest.fixture
def subfolder(site: Site) -> Site:
    """The help center in `docs/help/` of a repository whose root holds other things."""
    repo_root = site.root.parent / "repo"
    help_root = repo_root / "docs" / "help"
    help_root.parent.mkdir(parents=True)
    site.root.rename(help_root)
    moved = Site.__new__(Site)
    moved.root, moved.content = help_root, help_root / "content"
    project(moved)
    Repo(repo_root).commit_all("base")
    return moved


def test_sarif_paths_are_relative_to_the_repository_root(run_kbgen: Callable[..., Result], subfolder: Site) -> None:
    document = sarif(run_kbgen, subfolder)
    uris = {
        unquote(r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"])
        for r in document["runs"][0]["results"]
    }
    assert uris == {f"docs/help/content/en/a/{name}.md" for name in ("stale", "due-soon", "fresh")}
    assert schema_errors(document) == []
    run_anywhere = sarif(run_kbgen, subfolder, "-f", str(subfolder.config_file), cwd=subfolder.root.parents[1])
    assert run_anywhere == document


def test_github_and_junit_name_files_from_the_repository_root(
    run_kbgen: Callable[..., Result], subfolder: Site
) -> None:
    github = run_kbgen("check", "--today", TODAY, "--format", "github", cwd=subfolder.root).stdout
    assert "::error file=docs/help/content/en/a/stale.md,line=4," in github
    files = {case.get("file") for case in junit(run_kbgen, subfolder).iter("testcase")}
    assert "docs/help/content/en/b/clean.md" in files
    text = run_kbgen("check", "--today", TODAY, cwd=subfolder.root).stdout
    assert text.startswith("content/en/a/")  # people read paths from where they ran kbgen, as before


def test_outside_git_sarif_paths_are_relative_to_mkdocs_yml(
    run_kbgen: Callable[..., Result], site: Site, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("GIT_CEILING_DIRECTORIES", str(site.root.parent))
    document = sarif(run_kbgen, project(site))
    uri = document["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
    assert uri.startswith("content/en/a/")
