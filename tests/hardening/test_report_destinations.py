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
