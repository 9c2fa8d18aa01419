"""`kbgen check PATH...`: findings in the named files and folders, plus links elsewhere that point into them."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import Result

from tests.support.project import Site, article

TODAY = "2026-11-22"
STALE = "2026-01-02"


@pytest.fixture
def project(site: Site) -> Site:
    body = "## Steps\n\n[Billing](../billing/plans.md)\n"
    site.write("en/account/reset-password.md", article(reviewed=STALE, body=body))
    site.write("en/account/sign-in.md", article(title="Sign in", body="[Reset](reset-password.md#nope)\n"))
    site.write("en/billing/plans.md", article(title="Plans", reviewed=STALE))
    site.write("en/billing/refunds.md", article(title="Refunds", body="[Sign in](../account/sign-in.md#gone)\n"))
    return site


def reported(result: Result) -> set[tuple[str, str]]:
    return {(f["path"].removeprefix("content/"), f["rule"]) for f in json.loads(result.stdout)["findings"]}


def check(run_kbgen: Callable[..., Result], cwd: Path, *args: str) -> Result:
    return run_kbgen("check", "--today", TODAY, "--format", "json", *args, cwd=cwd)


def test_everything_without_paths(run_kbgen: Callable[..., Result], project: Site) -> None:
    assert reported(check(run_kbgen, project.root)) == {
        ("en/account/reset-password.md", "stale"),
        ("en/account/sign-in.md", "broken-anchor"),
        ("en/billing/plans.md", "stale"),
        ("en/billing/refunds.md", "broken-anchor"),
    }


def test_a_file_and_the_links_into_it(run_kbgen: Callable[..., Result], project: Site) -> None:
    result = check(run_kbgen, project.root, "content/en/account/reset-password.md")
    assert result.exit_code == 1
    assert reported(result) == {
        ("en/account/reset-password.md", "stale"),
        ("en/account/sign-in.md", "broken-anchor"),  # a link in another file, into the named one
    }
    assert json.loads(result.stdout)["files_checked"] == 1


def test_a_folder_takes_everything_below_it(run_kbgen: Callable[..., Result], project: Site) -> None:
    result = check(run_kbgen, project.root, "content/en/billing")
    assert reported(result) == {("en/billing/plans.md", "stale"), ("en/billing/refunds.md", "broken-anchor")}
    assert json.loads(result.stdout)["files_checked"] == 2


def test_several_paths_and_a_clean_file(run_kbgen: Callable[..., Result], project: Site) -> None:
    project.write("en/billing/clean.md", article(title="Clean"))
    result = check(run_kbgen, project.root, "content/en/billing/clean.md")
    assert result.exit_code == 0 and reported(result) == set()
    both = check(run_kbgen, project.root, "content/en/billing/clean.md", "content/en/billing/plans.md")
    assert reported(both) == {("en/billing/plans.md", "stale")}


def test_paths_relative_to_the_current_folder_or_the_project(run_kbgen: Callable[..., Result], project: Site) -> None:
    config = str(project.config_file)
    inside = check(run_kbgen, project.content / "en", "-f", config, "billing/plans.md")
    assert reported(inside) == {("en/billing/plans.md", "stale")}
    elsewhere = check(run_kbgen, project.root.parent, "-f", config, "content/en/billing/plans.md")
    assert reported(elsewhere) == {("en/billing/plans.md", "stale")}


@pytest.mark.parametrize(
    ("path", "expected"),
    [
        ("mkdocs.yml", "mkdocs.yml: not inside the content folder content/"),
        ("theme", "theme: not inside the content folder content/"),
        ("content/../mkdocs.yml", "content/../mkdocs.yml: not inside the content folder content/"),
        ("content/en/account/missing.md", "content/en/account/missing.md: no such file or folder"),
        ("nowhere", "nowhere: no such file or folder"),
    ],
)
def test_a_path_outside_the_content_folder_or_missing_is_a_usage_error(
    run_kbgen: Callable[..., Result], project: Site, path: str, expected: str
) -> None:
    result = check(run_kbgen, project.root, path)
    assert result.exit_code == 2
    assert result.stderr.startswith(f"error: {expected}") and result.stdout == ""


def test_an_absolute_path_outside_the_project(run_kbgen: Callable[..., Result], project: Site, tmp_path: Path) -> None:
    outside = tmp_path / "elsewhere.md"
    outside.write_text(article(), encoding="utf-8")
    result = check(run_kbgen, project.root, str(outside))
    assert result.exit_code == 2 and "not inside the content folder" in result.stderr


def test_junit_lists_only_the_named_files(run_kbgen: Callable[..., Result], project: Site) -> None:
    result = run_kbgen("check", "--today", TODAY, "--format", "junit", "content/en/billing", cwd=project.root)
    suite = ET.fromstring(result.stdout.encode()).find("testsuite")
    assert suite is not None
    files = {case.get("file") for case in suite.iter("testcase")}
    assert files == {"content/en/billing/plans.md", "content/en/billing/refunds.md"}


def test_a_file_whose_front_matter_is_broken_gets_its_links_checked_too(
    run_kbgen: Callable[..., Result], project: Site
) -> None:
    project.write("en/account/broken.md", "---\ntitle: [oops\n---\n\n[Plans](../billing/plan.md) [Top](#nowhere)\n")
    result = run_kbgen("check", "--today", TODAY, "content/en/account/broken.md", cwd=project.root)
    lines = result.stdout.splitlines()
    assert lines[0].startswith("content/en/account/broken.md:2:")
    assert "error KB101" in lines[0]
    assert lines[1].startswith("content/en/account/broken.md:5:1: error KB301: link target '../billing/plan.md'")
    assert lines[1].endswith("did you mean '../billing/plans.md'? [broken-link]")
    assert lines[2].startswith("content/en/account/broken.md:5:29: error KB302: anchor '#nowhere' not found in this")
    build = run_kbgen("build", "--today", TODAY, cwd=project.root)
    assert build.exit_code == 0 and not (project.site_dir / "en/account/broken").exists()  # still not published


def test_a_broken_anchor_lists_at_most_ten_headings(run_kbgen: Callable[..., Result], project: Site) -> None:
    headings = "".join(f"## Step {n}\n\n" for n in range(1, 13))
    project.write("en/billing/plans.md", article(title="Plans", body=headings))
    project.write("en/billing/link.md", article(title="Link", body="[x](plans.md#step-13)\n"))
    result = run_kbgen("check", "--today", TODAY, "content/en/billing/link.md", cwd=project.root)
    [line] = [line for line in result.stdout.splitlines() if "KB302" in line]
    listed = ", ".join(f"#step-{n}" for n in range(1, 11))
    assert line.endswith(f"? (headings: {listed}, … (12 in all)) [broken-anchor]")
