"""`kbgen check --changed-since REF`: a pull request fails only on what it changed; the rest is information."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

import pytest
from click.testing import Result

from tests.support.git_repo import Repo
from tests.support.project import Site, article

TODAY = "2026-11-22"
STALE = "2026-01-02"  # 144 days overdue on TODAY


@pytest.fixture
def repo(site: Site) -> Repo:
    """main: one fresh article linked from another, and one article that is already stale; then a branch."""
    site.write("en/account/reset-password.md", article(body="## Before you start\n\nText.\n"))
    site.write("en/account/sign-in.md", article(title="Sign in", body="[Reset](reset-password.md#before-you-start)\n"))
    site.write("en/billing/old-invoices.md", article(title="Old invoices", reviewed=STALE))
    repo = Repo(site.root)
    repo.commit_all("base")
    repo.branch("feature")
    return repo


def check(run_kbgen: Callable[..., Result], site: Site, *extra: str) -> Result:
    return run_kbgen("check", "--today", TODAY, "--changed-since", "main", *extra, cwd=site.root)


def findings(result: Result) -> dict[tuple[str, str], str]:
    """(path, rule) -> severity, from the JSON report."""
    report: dict[str, Any] = json.loads(result.stdout)
    return {(f["path"].removeprefix("content/"), f["rule"]): f["severity"] for f in report["findings"]}


def test_a_stale_article_the_branch_changed_fails(run_kbgen: Callable[..., Result], site: Site, repo: Repo) -> None:
    site.write("en/billing/old-invoices.md", article(title="Old invoices", reviewed=STALE, body="Edited.\n"))
    repo.commit_all("edit the stale article without reviewing it")
    result = check(run_kbgen, site, "--format", "json")
    assert result.exit_code == 1
    assert findings(result) == {("en/billing/old-invoices.md", "stale"): "error"}


def test_a_stale_article_the_branch_did_not_touch_is_information(
    run_kbgen: Callable[..., Result], site: Site, repo: Repo
) -> None:
    site.write("en/account/sign-in.md", article(title="Sign in", body="[Reset](reset-password.md)\n"))
    repo.commit_all("edit another article")
    result = check(run_kbgen, site)
    assert result.exit_code == 0, result.stdout
    line = next(line for line in result.stdout.splitlines() if "KB201" in line)
    assert line.startswith("content/en/billing/old-invoices.md:4:1: info KB201: overdue for review by 144 days")
    assert "0 errors, 0 warnings, 1 for information" in result.stdout.splitlines()[-1]
    assert findings(check(run_kbgen, site, "--format", "json")) == {("en/billing/old-invoices.md", "stale"): "info"}


def test_a_scheduled_run_without_the_flag_still_fails_on_everything(
    run_kbgen: Callable[..., Result], site: Site, repo: Repo
) -> None:
    result = run_kbgen("check", "--today", TODAY, cwd=site.root)
    assert result.exit_code == 1 and "error KB201" in result.stdout


def test_a_link_in_an_unchanged_file_broken_by_the_change_counts(
    run_kbgen: Callable[..., Result], site: Site, repo: Repo
) -> None:
    site.write("en/account/reset-password.md", article(body="## Prerequisites\n\nText.\n"))
    repo.commit_all("rename the heading sign-in.md links to")
    result = check(run_kbgen, site, "--format", "json")
    assert result.exit_code == 1
    assert findings(result) == {
        ("en/account/sign-in.md", "broken-anchor"): "error",
        ("en/billing/old-invoices.md", "stale"): "info",
    }


def test_renaming_an_article_counts_the_links_to_its_old_name(
    run_kbgen: Callable[..., Result], site: Site, repo: Repo
) -> None:
    repo.git("mv", "content/en/account/reset-password.md", "content/en/account/reset-your-password.md")
    repo.commit_all("rename")
    result = check(run_kbgen, site)
    assert result.exit_code == 1
    [broken] = [line for line in result.stdout.splitlines() if "KB301" in line]
    assert broken.startswith("content/en/account/sign-in.md:8:1: error KB301: link target")
    assert "did you mean 'reset-your-password.md'?" in broken


def test_deleting_a_linked_article_counts_the_links_to_it(
    run_kbgen: Callable[..., Result], site: Site, repo: Repo
) -> None:
    repo.git("rm", "-q", "content/en/account/reset-password.md")
    result = check(run_kbgen, site, "--format", "json")  # staged, not committed
    assert result.exit_code == 1
    assert findings(result)[("en/account/sign-in.md", "broken-link")] == "error"


def test_uncommitted_and_untracked_changes_count(run_kbgen: Callable[..., Result], site: Site, repo: Repo) -> None:
    site.write("en/billing/new-article.md", article(title="New", reviewed=STALE))  # untracked
    assert findings(check(run_kbgen, site, "--format", "json"))[("en/billing/new-article.md", "stale")] == "error"
    site.write("en/billing/old-invoices.md", article(title="Old invoices", reviewed=STALE, body="Unsaved edit.\n"))
    assert findings(check(run_kbgen, site, "--format", "json"))[("en/billing/old-invoices.md", "stale")] == "error"


def test_commits_on_the_base_branch_after_the_branch_point_are_not_this_branchs_changes(
    run_kbgen: Callable[..., Result], site: Site, repo: Repo
) -> None:
    repo.git("checkout", "-q", "main")
    site.write("en/billing/old-invoices.md", article(title="Old invoices", reviewed=STALE, body="On main.\n"))
    repo.commit_all("main moves on")
    repo.git("checkout", "-q", "feature")
    site.write("en/account/sign-in.md", article(title="Sign in", body="Edited.\n"))
    repo.commit_all("branch edit")
    result = check(run_kbgen, site)
    assert result.exit_code == 0 and "info KB201" in result.stdout


def test_a_changed_mkdocs_yml_makes_every_finding_count(
    run_kbgen: Callable[..., Result], site: Site, repo: Repo
) -> None:
    site.configure(review_interval="200d")
    result = check(run_kbgen, site)
    assert result.exit_code == 1 and "error KB201" in result.stdout
    assert "mkdocs.yml changed since main: every finding counts" in result.stderr


def test_formats_show_information_without_failing(run_kbgen: Callable[..., Result], site: Site, repo: Repo) -> None:
    github = check(run_kbgen, site, "--format", "github").stdout.splitlines()
    assert github[0].startswith("::notice file=content/en/billing/old-invoices.md,line=4,col=1,title=KB201 stale::")
    sarif = json.loads(check(run_kbgen, site, "--format", "sarif").stdout)
    assert [r["level"] for r in sarif["runs"][0]["results"]] == ["note"]
    markdown = check(run_kbgen, site, "--format", "markdown").stdout
    assert ":information_source: info" in markdown and "0 errors, 0 warnings, 1 for information" in markdown


@pytest.mark.parametrize(
    ("ref", "expected"),
    [
        ("no-such-branch", "'no-such-branch' is not a commit in this repository; fetch it first"),
        ("--output=x", "'--output=x' is not a commit in this repository"),
    ],
)
def test_a_ref_that_is_not_a_commit_is_a_usage_error(
    run_kbgen: Callable[..., Result], site: Site, repo: Repo, ref: str, expected: str
) -> None:
    result = run_kbgen("check", "--today", TODAY, "--changed-since", ref, cwd=site.root)
    assert result.exit_code == 2
    assert result.stderr.startswith(f"error: --changed-since: {expected}")
    assert not (site.root / "x").exists()


def test_outside_a_git_repository_is_a_usage_error(
    run_kbgen: Callable[..., Result], site: Site, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("GIT_CEILING_DIRECTORIES", str(site.root.parent))  # whatever holds the temp folder
    site.write("en/account/a.md", article())
    result = run_kbgen("check", "--today", TODAY, "--changed-since", "main", cwd=site.root)
    assert result.exit_code == 2
    assert "is not inside a git repository; --changed-since needs one" in result.stderr


def test_unrelated_histories_say_to_fetch_more(run_kbgen: Callable[..., Result], site: Site, repo: Repo) -> None:
    repo.git("checkout", "-q", "--orphan", "elsewhere")
    repo.commit_all("a root commit of its own")
    result = run_kbgen("check", "--today", TODAY, "--changed-since", "main", cwd=site.root)
    assert result.exit_code == 2 and "no common ancestor" in result.stderr and "fetch-depth: 0" in result.stderr
