"""`kbgen adopt` writes only inside content/: never through a folder there that is a symbolic link."""

from __future__ import annotations

import os
import stat
from pathlib import Path

from tests.adopt.conftest import Run, adopt
from tests.support.project import Site

PAGE = "---\ntitle: A page\nowner: ann\nreviewed: 2026-01-05\n---\n\nSome text.\n"


def _source(tmp_path: Path) -> Path:
    source = tmp_path / "docs"
    (source / "guide").mkdir(parents=True)
    (source / "guide" / "a.md").write_text(PAGE, encoding="utf-8")
    (source / "guide" / "shot.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    (source / "top.md").write_text(PAGE, encoding="utf-8")
    return source


def test_a_linked_folder_in_the_content_folder_is_not_written_through(
    tmp_path: Path, site: Site, run_kbgen: Run
) -> None:
    outside = tmp_path / "outside"
    outside.mkdir()
    (site.content / "en").mkdir()
    (site.content / "en" / "guide").symlink_to(outside, target_is_directory=True)
    result = adopt(run_kbgen, site, _source(tmp_path))
    assert list(outside.iterdir()) == []  # the page and the image would have landed here
    assert result.exit_code == 1
    assert (
        "  content/en/guide/a.md: not written: its folder guide/ is a symbolic link, which could lead out of the "
        "content folder" in result.stdout
    )
    assert "  content/en/guide/shot.png: not written: its folder guide/" in result.stdout
    assert (site.content / "en" / "top.md").is_file()  # the rest is adopted


def test_a_link_deeper_on_the_way_is_refused_too_and_the_dry_run_says_so(
    tmp_path: Path, site: Site, run_kbgen: Run
) -> None:
    source = _source(tmp_path)
    (source / "guide" / "deep").mkdir()
    (source / "guide" / "deep" / "b.md").write_text(PAGE, encoding="utf-8")
    outside = tmp_path / "outside"
    outside.mkdir()
    (site.content / "en" / "guide").mkdir(parents=True)
    (site.content / "en" / "guide" / "deep").symlink_to(outside, target_is_directory=True)
    dry = adopt(run_kbgen, site, source, "--dry-run")
    assert "content/en/guide/deep/b.md: not written: its folder guide/deep/ is a symbolic link" in dry.stdout
    assert adopt(run_kbgen, site, source).exit_code == 1
    assert list(outside.iterdir()) == []
    assert (site.content / "en" / "guide" / "a.md").is_file()


def test_adopted_files_get_the_mode_a_new_file_gets_not_a_private_one(
    tmp_path: Path, site: Site, run_kbgen: Run
) -> None:
    """mkstemp made every adopted page and image 0o600: readable by no one else who builds or reviews the folder."""
    old = os.umask(0o022)
    try:
        adopt(run_kbgen, site, _source(tmp_path))
    finally:
        os.umask(old)
    written = sorted(p for p in (site.content / "en").rglob("*") if p.is_file())
    assert {p.name for p in written} == {"a.md", "shot.png", "top.md"}
    assert {p.relative_to(site.content).as_posix(): stat.S_IMODE(p.stat().st_mode) for p in written} == {
        p.relative_to(site.content).as_posix(): 0o644 for p in written
    }
