"""Releases that make articles due: KB420 from the `releases` dates, whatever the calendar says."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

import pytest
from click.testing import Result

from tests.support.project import Site, article

TODAY = "2026-11-22"
RELEASES = {"3.2": "2026-03-01", "4.0": "2026-10-01"}


def release_findings(run_kbgen: Callable[..., Result], site: Site, today: str = TODAY) -> dict[str, dict[str, Any]]:
    result = run_kbgen("check", "--today", today, "--format", "json", cwd=site.root)
    found = [f for f in json.loads(result.stdout)["findings"] if f["code"] in ("KB420", "KB203")]
    return {f["path"].rsplit("/", 1)[1].removesuffix(".md"): f for f in found}


@pytest.fixture
def released(site: Site) -> Site:
    site.configure(releases=RELEASES)
    return site


def write(site: Site, name: str, reviewed: str, versions: str, extra: str = "") -> None:
    site.write(f"en/a/{name}.md", article(title=name, reviewed=reviewed, versions=versions, extra=extra))


def test_a_listed_version_released_after_the_review_makes_it_due(
    run_kbgen: Callable[..., Result], released: Site
) -> None:
    write(released, "before", "2026-09-01", '["4.0"]')
    write(released, "on-the-day", "2026-10-01", '["4.0"]')
    write(released, "after", "2026-10-02", '["4.0"]')
    write(released, "older-line", "2026-09-01", '["3.2"]')  # 3.2 shipped before its review; 4.0 not listed
    found = release_findings(run_kbgen, released)
    assert set(found) == {"before"}
    finding = found["before"]
    assert (finding["code"], finding["rule"], finding["severity"], finding["line"]) == (
        "KB420", "release-review", "warning", 5,
    )  # fmt: skip
    assert finding["message"].startswith(
        "due for review after the 4.0 release: 4.0 was released on 2026-10-01; the article lists 4.0 "
        "(product_version: 4.0), and it was last reviewed on 2026-09-01; owner maria.popescu: check it against 4.0"
    )


def test_all_versions_follow_the_current_version(run_kbgen: Callable[..., Result], released: Site) -> None:
    write(released, "everything", "2026-09-01", '"all"')
    assert (
        "targets all versions, and 4.0 is the current version"
        in release_findings(run_kbgen, released)["everything"]["message"]
    )
    released.configure(releases=RELEASES, current_version="3.2")  # 4.0 is planned, not current
    assert release_findings(run_kbgen, released) == {}


def test_a_dropped_version_makes_its_articles_due_and_only_unsupported_is_kb203(
    run_kbgen: Callable[..., Result], released: Site
) -> None:
    write(released, "mixed", "2026-09-01", '["3.1", "3.2"]')
    write(released, "mixed-reviewed-since", "2026-10-05", '["3.1", "3.2"]')
    write(released, "only-old", "2026-09-01", '["3.1"]')
    found = release_findings(run_kbgen, released)
    assert found["mixed"]["code"] == "KB420"
    assert "the article lists 3.1, no longer supported since that release" in found["mixed"]["message"]
    assert "mixed-reviewed-since" not in found and found["only-old"]["code"] == "KB203"


def test_a_future_release_counts_from_its_day(run_kbgen: Callable[..., Result], released: Site) -> None:
    released.configure(releases={**RELEASES, "4.1": "2026-12-01"}, product_versions=["3.0", "3.1", "3.2", "4.0", "4.1"],
                       supported_versions=["3.2", "4.0", "4.1"])  # fmt: skip
    write(released, "next", "2026-11-01", '["4.1"]')
    assert release_findings(run_kbgen, released) == {}
    assert "4.1 was released on 2026-12-01" in release_findings(run_kbgen, released, "2026-12-01")["next"]["message"]


def test_evergreen_drafts_and_sites_without_releases_are_exempt(run_kbgen: Callable[..., Result], site: Site) -> None:
    write(site, "evergreen", "2026-09-01", '"all"', "evergreen: true")
    write(site, "draft", "2026-09-01", '"all"', "status: draft")
    write(site, "plain", "2026-09-01", '"all"')
    assert release_findings(run_kbgen, site) == {}  # no releases configured: nothing changes
    site.configure(releases=RELEASES)
    assert set(release_findings(run_kbgen, site)) == {"plain"}


def test_report_status_and_review_stale_clear_it(run_kbgen: Callable[..., Result], released: Site) -> None:
    write(released, "before", "2026-09-01", '["4.0"]')  # fresh by the calendar: due 2027-02-28
    document = json.loads(run_kbgen("report", "--today", TODAY, "--format", "json", cwd=released.root).stdout)
    [row] = document["owners"][0]["articles"]
    assert row["status"] == "release-review" and document["totals"]["release-review"] == 1
    result = run_kbgen("review", "--today", TODAY, "--stale", "--by", "ana", cwd=released.root)
    assert result.stdout.startswith("content/en/a/before.md: reviewed 2026-09-01 -> 2026-11-22")
    assert release_findings(run_kbgen, released) == {}


@pytest.mark.parametrize(
    ("options", "message"),
    [
        ({"releases": {"4.0": "soon"}}, "'releases.4.0': expected a release date YYYY-MM-DD"),
        ({"releases": {"5.0": "2026-01-01"}}, "'releases': '5.0' is not listed in 'product_versions'"),
        ({"releases": RELEASES, "current_version": "3.1"}, "'current_version': '3.1' has no date in 'releases'"),
        ({"releases": {**RELEASES, "3.1": "2025-01-01"}, "current_version": "3.1"}, "'3.1' is not supported"),
    ],
)
def test_release_settings_are_checked(
    run_kbgen: Callable[..., Result], site: Site, options: dict[str, Any], message: str
) -> None:
    site.configure(**options)
    result = run_kbgen("check", "--today", TODAY, cwd=site.root)
    assert result.exit_code == 2 and message in result.stderr
