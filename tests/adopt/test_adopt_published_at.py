"""`kbgen adopt --published-at URL`: links written for the site the pages were published on (`/dynamics365/...`)
lead to the adopted page they named, or to that site; without the option, adopt says how many there are.

Link shapes from Microsoft Learn: Dynamics 365 Project Operations documentation, (c) Microsoft, CC BY 4.0
(see fixtures/README.md); the trees are written in tmp_path by each test.
"""

from __future__ import annotations

from pathlib import Path

from tests.adopt.conftest import TODAY, Run, adopt, tree_hashes
from tests.adopt.test_adopt_includes import adopted, make_tree, page
from tests.support.project import Site

LEARN = "https://learn.microsoft.com/en-us/dynamics365/project-operations/"
OVERVIEW = page("Project Service overview", "# Project Service overview\n\n## Guidance for earlier versions\n\nText.\n")
LINKS = page(
    "Time entry",
    "See [the overview](/dynamics365/project-operations/psa/overview#guidance-for-earlier-versions) and\n"
    "[the FAQ](/dynamics365/project-operations/psa/faq-soft-book?view=op-9-1), the "
    "[section](/dynamics365/project-operations/psa/),\n"
    "[admin center](/power-platform/admin/install-remove-preferred-solution?tabs=new#install) and\n"
    "[in full](https://learn.microsoft.com/en-us/dynamics365/project-operations/psa/overview).\n\n"
    "```\n[in code](/dynamics365/project-operations/psa/overview)\n```\n",
)


def _tree(tmp_path: Path) -> Path:
    return make_tree(
        tmp_path,
        {
            "psa/overview.md": OVERVIEW,
            "psa/FAQ-soft-book.md": page("Soft book", "# Soft book\n\nText.\n"),
            "psa/index.md": page("Project Service", "Pages about Project Service.\n"),
            "time/entry.md": LINKS,
        },
    )


def test_links_to_the_published_site_lead_to_the_adopted_pages_or_to_that_site(
    tmp_path: Path, site: Site, run_kbgen: Run
) -> None:
    result = adopt(run_kbgen, site, _tree(tmp_path), "--published-at", LEARN)
    assert result.exit_code == 0, result.output
    assert adopted(site, "time/entry.md").splitlines()[1:6] == [
        "See [the overview](../psa/overview.md#guidance-for-earlier-versions) and",
        "[the FAQ](../psa/FAQ-soft-book.md), the [section](../psa/index.md),",
        "[admin center](https://learn.microsoft.com/power-platform/admin/install-remove-preferred-solution?tabs=new#install)"
        " and",
        "[in full](../psa/overview.md).",
        "",
    ]
    assert "[in code](/dynamics365/project-operations/psa/overview)" in adopted(site, "time/entry.md")
    assert "4 now relative, to the adopted page they named; 1 now absolute addresses on that site" in result.output
    check = run_kbgen("check", "--today", TODAY, cwd=site.root)
    assert "KB301" not in check.output and "KB302" not in check.output, check.output


def test_without_published_at_adopt_counts_the_links_that_lead_nowhere_and_keeps_them(
    tmp_path: Path, site: Site, run_kbgen: Run
) -> None:
    source = _tree(tmp_path)
    result = adopt(run_kbgen, site, source)
    assert "4 links in 1 page start at a site's root (/x/y)" in result.output
    assert "--published-at URL" in result.output
    assert "](/dynamics365/project-operations/psa/overview#guidance" in adopted(site, "time/entry.md")


def test_a_published_address_without_its_locale_and_in_another_case_still_matches(
    tmp_path: Path, site: Site, run_kbgen: Run
) -> None:
    result = adopt(
        run_kbgen, site, _tree(tmp_path), "--published-at", "HTTPS://Learn.Microsoft.com/dynamics365/Project-Operations"
    )
    assert result.exit_code == 0, result.output
    assert "[the overview](../psa/overview.md#guidance-for-earlier-versions)" in adopted(site, "time/entry.md")


def test_a_published_address_that_is_no_site_is_a_usage_error_and_nothing_is_written(
    tmp_path: Path, site: Site, run_kbgen: Run
) -> None:
    source = _tree(tmp_path)
    before = tree_hashes(site.root)
    for bad in ("learn.microsoft.com/en-us/", "ftp://example.com/docs/", "https://example.com/docs/#top"):
        result = adopt(run_kbgen, site, source, "--published-at", bad)
        assert result.exit_code == 2, result.output
        assert "--published-at" in result.output
    assert tree_hashes(site.root) == before
