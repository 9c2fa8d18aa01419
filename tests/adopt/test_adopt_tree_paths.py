"""`kbgen adopt` rewrites relative paths that climb out of the adopted folder and back into it
(`../../../articles/media/a.png` from `articles/troubleshooting/x/`), which work in the source repository but lead
nowhere from `content/<lang>/`; a climbing path it cannot map is named with file:line.

The image lines are trimmed from Microsoft Learn: Dynamics 365 Project Operations documentation, (c) Microsoft,
CC BY 4.0 (see fixtures/README.md); the trees are written in tmp_path by each test.
"""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path, PurePosixPath

import pytest

from kbgen.adopt.tree_paths import TreePaths
from kbgen.publishing.site_build import build_site
from tests.adopt.conftest import TODAY, Run, adopt, suggested_foreign_keys
from tests.adopt.test_adopt_includes import adopted, make_tree, page, summary_lines
from tests.support.project import Site

PNG = b"\x89PNG\r\n\x1a\n"
WORKSPACE = "troubleshooting/project-operations-integration/project-integration-workspace.md"
SUMMARY_TAB = (
    ':::image type="content" source="../../../articles/media/ProjOpsIntegrationWorkspaceSummary.png" '
    'alt-text="Screenshot that shows the Summary tab in the Project Operations integration workspace." '
    'lightbox="../../../articles/media/ProjOpsIntegrationWorkspaceSummary.png":::\n'
)


def test_paths_out_of_the_folder_and_back_in_are_written_from_inside_it(
    tmp_path: Path, site: Site, run_kbgen: Run
) -> None:
    source = make_tree(
        tmp_path,
        {
            "media/ProjOpsIntegrationWorkspaceSummary.png": PNG,
            "media/expense.png": PNG,
            "psa/actuals.md": page("Actuals", "# Actuals\n\nText.\n"),
            "includes/expense-shot.md": "![Expense tab](../../articles/media/expense.png)\n",
            WORKSPACE: page(
                "Project Operations integration workspace",
                SUMMARY_TAB + "\n"
                '![Expense tab](../../../articles/media/expense.png "Expense") and '
                "[actuals](../../../articles/psa/actuals.md#actuals).\n\n"
                "[!INCLUDE[shot](../../includes/expense-shot.md)]\n\n"
                "`../../../articles/media/in-code.png` and [beside](../../media/expense.png)\n",
            ),
        },
    )
    result = adopt(run_kbgen, site, source)
    assert result.exit_code == 0, result.output
    body = adopted(site, WORKSPACE)
    assert (
        ':::image type="content" source="../../media/ProjOpsIntegrationWorkspaceSummary.png" alt-text="Screenshot'
        in body
    )
    assert 'lightbox="../../media/ProjOpsIntegrationWorkspaceSummary.png":::' in body
    assert '![Expense tab](../../media/expense.png "Expense") and [actuals](../../psa/actuals.md#actuals).' in body
    assert body.count("![Expense tab](../../media/expense.png)") == 1  # the included text, from the page's folder
    assert "`../../../articles/media/in-code.png` and [beside](../../media/expense.png)" in body  # as written
    lines = summary_lines(result.stdout, source)
    assert (
        "5 paths out of the adopted folder and back into it (such as ../../../articles/media/a.png) now written "
        "from inside it: as written they lead nowhere in content/" in lines
    )
    site.configure(foreign_keys=suggested_foreign_keys(result.stdout))
    check = run_kbgen("check", "--today", TODAY, "--format", "json", "--fail-on", "never", cwd=site.root)
    assert {f["rule"] for f in json.loads(check.stdout)["findings"]} <= {"stale", "due-soon"}, check.stdout
    build_site(site.config_file, site.site_dir, date.fromisoformat(TODAY), strict=False)
    html = site.read_output(
        "en/troubleshooting/project-operations-integration/project-integration-workspace/index.html"
    )
    assert 'src="../../../media/ProjOpsIntegrationWorkspaceSummary.png"' in html
    assert "articles/media/ProjOps" not in html and "articles/media/expense" not in html


def test_a_climbing_path_that_cannot_be_mapped_is_named_with_file_and_line(
    tmp_path: Path, site: Site, run_kbgen: Run
) -> None:
    source = make_tree(
        tmp_path,
        {
            "includes/shot.md": "Intro.\n\n![Shared](../../shared/media/b.png)\n",
            "psa/actuals.md": page(
                "Actuals",
                "![Gone](../../articles/media/gone.png)\n\n"
                "![Shared](../../shared/media/a.png)\n\n[!INCLUDE[shot](../includes/shot.md)]\n",
            ),
        },
    )
    result = adopt(run_kbgen, site, source)
    assert result.exit_code == 1
    body = adopted(site, "psa/actuals.md")
    assert "![Gone](../../articles/media/gone.png)" in body and "![Shared](../../shared/media/a.png)" in body
    lines = summary_lines(result.stdout, source)
    assert "paths out of the adopted folder, not rewritten (3):" in lines
    assert (
        "  SRC/includes/shot.md:3: path '../../shared/media/b.png' not rewritten: it leads out of the adopted folder, "
        f"to {(tmp_path / 'docs' / 'shared' / 'media' / 'b.png').as_posix()}; copy what it names into the folder "
        "and write the path from this page" in lines
    )
    assert (
        "  SRC/psa/actuals.md:8: path '../../articles/media/gone.png' not rewritten: it climbs out of the adopted "
        "folder and back in, to media/gone.png, which is not there; fix the path" in lines
    )
    assert any(
        line.startswith("  SRC/psa/actuals.md:10: path '../../shared/media/a.png' not rewritten") for line in lines
    )


@pytest.mark.parametrize(
    ("target", "expected"),
    [
        ("../../articles/media/a.png", "../media/a.png"),
        ("../../articles/media/a.png?raw=true#top", "../media/a.png?raw=true#top"),
        ("../../articles/psa/", "./"),
        ("../../articles/my%20media/b.png", "../my%20media/b.png"),
        ("../media/a.png", None),  # inside the folder: kept
        ("https://example.com/../a.png", None),
        ("/articles/media/a.png", None),
        ("#top", None),
    ],
)
def test_only_paths_that_climb_out_are_rewritten(target: str, expected: str | None) -> None:
    root = PurePosixPath("/repo/articles")
    files = [PurePosixPath("media/a.png"), PurePosixPath("my media/b.png"), PurePosixPath("psa/page.md")]
    text = f"See ![x]({target}).\n"
    rewritten = TreePaths(root, files).rewrite(text, PurePosixPath("psa/page.md"))
    assert rewritten.text == (f"See ![x]({expected}).\n" if expected else text)
    assert rewritten.climbing == (expected is not None) and not rewritten.unmapped


def test_a_path_to_a_file_in_another_letter_case_is_spelt_as_the_file_is(
    tmp_path: Path, site: Site, run_kbgen: Run
) -> None:
    source = make_tree(
        tmp_path,
        {
            "psa/faq-bookings.md": page("Bookings FAQ", "# Bookings FAQ\n\n## Top\n\nText.\n"),
            "psa/media/shot.png": PNG,
            "time/entry.md": page(
                "Time entry",
                "See the [FAQ](../psa/FAQ-bookings.md#top), ![Shot](../PSA/Media/Shot.png) and "
                "[gone](../psa/gone.md).\n",
            ),
        },
    )
    result = adopt(run_kbgen, site, source)
    assert result.exit_code == 0, result.output
    assert (
        "See the [FAQ](../psa/faq-bookings.md#top), ![Shot](../psa/media/shot.png) and [gone](../psa/gone.md)."
        in adopted(site, "time/entry.md")
    )
    assert (
        "2 paths to a file in another letter case (../psa/FAQ-bookings.md for faq-bookings.md) now spelt as the "
        "file is: a case-insensitive site served them, a case-sensitive one would not" in result.stdout.splitlines()
    )
    site.configure(foreign_keys=suggested_foreign_keys(result.stdout))
    check = run_kbgen("check", "--today", TODAY, "--format", "json", "--fail-on", "never", cwd=site.root)
    broken = [f["message"] for f in json.loads(check.stdout)["findings"] if f["rule"] not in ("stale", "due-soon")]
    assert len(broken) == 1 and "gone.md" in broken[0], broken  # only the link written broken
