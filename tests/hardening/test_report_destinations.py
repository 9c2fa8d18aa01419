"""Where `--output` and `--output-dir` may not write: places whose files the build publishes or kbgen itself needs."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.support.project import Site

TODAY = ("--today", "2026-11-22")


def _files(root: Path) -> dict[Path, bytes]:
    return {p: p.read_bytes() for p in root.rglob("*") if p.is_file()}


@pytest.mark.parametrize(
    ("command", "target"),
    [
        (("check", "--format", "json", "--output"), "theme/kbgen-report.json"),
        (("report", "--output"), "theme/partials/report.md"),
        (("export", "--output"), "theme/assets/articles.jsonl"),
        (("report", "--by-owner", "--output-dir"), "theme/digests"),
        (("report", "--by-owner", "--output-dir"), "theme"),
    ],
)
def test_a_report_is_never_written_into_the_theme_folder(
    small_site: Site, run_kbgen, command: tuple[str, ...], target: str
) -> None:
    """MkDocs copies the theme's files into the site: `check --output theme/kbgen-report.json` was published with
    every build. Refused before any work, exit 2, naming the theme folder."""
    before = _files(small_site.root)
    result = run_kbgen(*command, target, *TODAY, cwd=small_site.root)
    assert result.exit_code == 2, result.output
    assert f"{target} is inside the theme folder 'theme'" in result.stderr and "choose another path" in result.stderr
    assert _files(small_site.root) == before


@pytest.mark.parametrize(
    ("command", "target", "entry"),
    [
        (("check", "--output"), ".site.kbgen.lock", ".site.kbgen.lock"),
        (("check", "--format", "json", "--output"), ".site.kbgen-cache/build.pickle", ".site.kbgen-cache"),
        (("report", "--output"), ".site.kbgen-tmp-12345", ".site.kbgen-tmp-12345"),
        (("export", "--output"), ".site.kbgen-old-12345/articles.jsonl", ".site.kbgen-old-12345"),
        (("report", "--by-owner", "--output-dir"), ".site.kbgen-cache/digests", ".site.kbgen-cache"),
    ],
)
def test_a_report_never_replaces_kbgens_own_files_beside_the_site(
    small_site: Site, run_kbgen, command: tuple[str, ...], target: str, entry: str
) -> None:
    """`kbgen check --output .site.kbgen.lock` replaced the build lock with a report, and every later build failed
    with "is not a kbgen lock file". Refused with exit 2, naming kbgen's entry; the next build still works."""
    assert run_kbgen("build", *TODAY, cwd=small_site.root).exit_code == 0
    before = _files(small_site.root)
    result = run_kbgen(*command, target, *TODAY, cwd=small_site.root)
    assert result.exit_code == 2, result.output
    assert f"{target} is kbgen's own '{entry}' beside the built site" in result.stderr
    assert "choose another path" in result.stderr
    assert _files(small_site.root) == before
    rebuilt = run_kbgen("build", *TODAY, cwd=small_site.root)
    assert rebuilt.exit_code == 0, rebuilt.output
