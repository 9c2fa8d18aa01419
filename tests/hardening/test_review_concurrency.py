"""`kbgen review` rewrites a writer's file: an edit saved meanwhile is never lost, and owner and mode are kept.

Each concurrent edit is injected at a precise moment (between read and replace, or after the last check and
before the rename) by wrapping the function that runs just before it, so every window is tested every time.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from click.testing import Result

from kbgen.cli import review as review_cli
from kbgen.review import rewrite
from tests.support.project import Site, article

ORIGINAL = article(reviewed="2026-01-02")
BUMPED = ORIGINAL.replace("reviewed: 2026-01-02", "reviewed: 2026-11-22").encode()
REL = "en/account/reset.md"
SHOWN = f"content/{REL}"


def review(run_kbgen: Callable[..., Result], site: Site, *paths: str) -> Result:
    return run_kbgen("review", "--today", "2026-11-22", *(paths or (SHOWN,)), cwd=site.root)


def temp_files(site: Site) -> list[str]:
    return sorted(p.name for p in site.content.rglob("*") if "kbgen-" in p.name)


def _after_bump(monkeypatch: pytest.MonkeyPatch, edit: Callable[[], None]) -> None:
    """The writer of SHOWN saves right after kbgen read it and worked out the new bytes."""
    real = review_cli.bump_review

    def bump_then_edit(data: bytes, display: str, *args: Any, **kwargs: Any) -> Any:
        result = real(data, display, *args, **kwargs)
        if display == SHOWN:
            edit()
        return result

    monkeypatch.setattr(review_cli, "bump_review", bump_then_edit)


def _appended(path: Path) -> Callable[[], None]:
    def edit() -> None:
        with path.open("a", encoding="utf-8") as handle:
            handle.write("A paragraph the writer just saved.\n")

    return edit


def _saved_by_rename(path: Path) -> Callable[[], None]:
    """How many editors save: write a new file, then rename it over the old one (a new inode)."""

    def edit() -> None:
        fresh = path.with_name(".editor-swap")
        fresh.write_text(ORIGINAL + "Rewritten in the editor.\n", encoding="utf-8")
        fresh.replace(path)

    return edit


def _same_size_same_mtime(path: Path) -> Callable[[], None]:
    """A same-length edit whose mtime is then set back: only comparing the bytes catches it."""

    def edit() -> None:
        info = path.stat()
        path.write_text(ORIGINAL.replace("Settings", "Sattings"), encoding="utf-8")
        os.utime(path, ns=(info.st_atime_ns, info.st_mtime_ns))

    return edit


def _touched(path: Path) -> Callable[[], None]:
    def edit() -> None:
        info = path.stat()
        os.utime(path, ns=(info.st_atime_ns, info.st_mtime_ns + 1_000_000_000))

    return edit


def _deleted(path: Path) -> Callable[[], None]:
    return path.unlink


@pytest.mark.parametrize(
    "writer",
    [_appended, _saved_by_rename, _same_size_same_mtime, _touched, _deleted],
    ids=["append", "rename-over", "same-size-same-mtime", "touch", "delete"],
)
def test_an_edit_saved_between_read_and_replace_is_kept_and_the_review_refused(
    site: Site, run_kbgen, monkeypatch: pytest.MonkeyPatch, writer: Callable[[Path], Callable[[], None]]
) -> None:
    path = site.write(REL, ORIGINAL)
    other = site.write("en/account/other.md", ORIGINAL)
    saved: dict[str, bytes | None] = {}

    def edit_and_remember() -> None:
        writer(path)()
        saved["bytes"] = path.read_bytes() if path.exists() else None

    _after_bump(monkeypatch, edit_and_remember)
    result = review(run_kbgen, site, SHOWN, "content/en/account/other.md")
    assert result.exit_code == 1, result.output
    assert (
        f"{SHOWN}:1:1: error: not updated: the file changed while kbgen was updating it; "
        "nothing was written; re-run kbgen review" in result.stderr
    )
    assert (path.read_bytes() if path.exists() else None) == saved["bytes"]
    assert other.read_bytes() == BUMPED  # the rest of the run goes on
    assert temp_files(site) == []


def test_an_edit_written_after_the_last_check_is_put_back(
    site: Site, run_kbgen, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The writer's save lands in the old file in the instant between kbgen's last look and its rename."""
    path = site.write(REL, ORIGINAL)
    path.chmod(0o640)
    os.chown(path, 1234, 5678)
    real = rewrite._changed_on_disk

    def check_then_edit(original: rewrite.ReadFile) -> bool:
        changed = real(original)
        _appended(path)()
        return changed

    monkeypatch.setattr(rewrite, "_changed_on_disk", check_then_edit)
    result = review(run_kbgen, site)
    assert result.exit_code == 1
    assert "the file changed while kbgen was updating it and was put back as saved; nothing was written" in (
        result.stderr
    )
    assert path.read_text(encoding="utf-8") == ORIGINAL + "A paragraph the writer just saved.\n"
    info = path.stat()
    assert (stat.S_IMODE(info.st_mode), info.st_uid, info.st_gid) == (0o640, 1234, 5678)
    assert temp_files(site) == []


def _two_saves_race_the_rename(monkeypatch: pytest.MonkeyPatch, path: Path) -> None:
    """The writer appends while kbgen checks the file, then an editor saves by rename while kbgen puts it back."""
    real_check, real_put_back = rewrite._changed_on_disk, rewrite._put_back

    def check_then_edit(original: rewrite.ReadFile) -> bool:
        changed = real_check(original)
        _appended(path)()
        return changed

    def second_save_then_put_back(*args: Any) -> None:
        _saved_by_rename(path)()
        real_put_back(*args)

    monkeypatch.setattr(rewrite, "_changed_on_disk", check_then_edit)
    monkeypatch.setattr(rewrite, "_put_back", second_save_then_put_back)


def test_two_edits_racing_the_rename_leave_both_versions(
    site: Site, run_kbgen, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = site.write(REL, ORIGINAL)
    _two_saves_race_the_rename(monkeypatch, path)
    result = review(run_kbgen, site)
    assert result.exit_code == 1
    rescued = path.with_name(f"reset.md.kbgen-rescued-{os.getpid()}")
    assert f"the edit saved first is in {rescued.name}" in result.stderr
    assert path.read_text(encoding="utf-8") == ORIGINAL + "Rewritten in the editor.\n"
    assert rescued.read_text(encoding="utf-8") == ORIGINAL + "A paragraph the writer just saved.\n"


def test_two_edits_racing_the_rename_of_a_long_name_leave_both_versions(
    site: Site, run_kbgen, monkeypatch: pytest.MonkeyPatch
) -> None:
    """For a legal name near 255 bytes the rescue file's name was too long: the edit saved first was lost."""
    name = "r" * 247 + ".md"  # 250 bytes; the rescue's suffix is longer than what is left
    path = site.write(f"en/account/{name}", ORIGINAL)
    _two_saves_race_the_rename(monkeypatch, path)
    result = review(run_kbgen, site, f"content/en/account/{name}")
    assert result.exit_code == 1
    (rescued,) = [p for p in path.parent.iterdir() if "kbgen-rescued" in p.name]
    assert f"the edit saved first is in {rescued.name}" in result.stderr
    assert path.read_text(encoding="utf-8") == ORIGINAL + "Rewritten in the editor.\n"
    assert rescued.read_text(encoding="utf-8") == ORIGINAL + "A paragraph the writer just saved.\n"


@pytest.mark.parametrize("mode", [0o640, 0o755, 0o600, 0o444, 0o2755])
def test_mode_bits_are_kept(site: Site, run_kbgen, mode: int) -> None:
    path = site.write(REL, ORIGINAL)
    path.chmod(mode)
    assert review(run_kbgen, site).exit_code == 0
    assert path.read_bytes() == BUMPED
    assert stat.S_IMODE(path.stat().st_mode) == mode


@pytest.mark.parametrize(("uid", "gid"), [(1234, 5678), (1234, os.getegid()), (os.geteuid(), 5678)])
def test_owner_and_group_are_kept(site: Site, run_kbgen, uid: int, gid: int) -> None:
    path = site.write(REL, ORIGINAL)
    path.chmod(0o4755)
    os.chown(path, uid, gid)
    path.chmod(0o4755)  # chown clears set-user-id; the file starts with it set
    assert review(run_kbgen, site).exit_code == 0
    info = path.stat()
    assert path.read_bytes() == BUMPED
    assert (info.st_uid, info.st_gid, stat.S_IMODE(info.st_mode)) == (uid, gid, 0o4755)


def test_a_user_who_cannot_keep_the_owner_is_refused_and_changes_nothing(
    site: Site, run_kbgen, monkeypatch: pytest.MonkeyPatch
) -> None:
    """As a non-root user, chown to someone else fails: kbgen says so instead of taking the file over."""
    path = site.write(REL, ORIGINAL)
    os.chown(path, 1234, 5678)

    def not_permitted(fd: int, uid: int, gid: int) -> None:
        raise PermissionError(1, "Operation not permitted")

    monkeypatch.setattr(rewrite.os, "fchown", not_permitted)
    result = review(run_kbgen, site)
    assert result.exit_code == 1
    assert "the file belongs to uid 1234 gid 5678, and kbgen running as uid" in result.stderr
    assert "nothing was written: run kbgen review as the file's owner" in result.stderr
    assert path.read_text(encoding="utf-8") == ORIGINAL and path.stat().st_uid == 1234
    assert temp_files(site) == []


@pytest.mark.parametrize("where", ["content", "outside"])
def test_a_hard_linked_article_is_refused_and_every_name_keeps_the_same_file(
    site: Site, run_kbgen, tmp_path: Path, where: str
) -> None:
    path = site.write(REL, ORIGINAL)
    twin = (site.content / "en/account/twin.md") if where == "content" else tmp_path / "backup.md"
    os.link(path, twin)
    result = review(run_kbgen, site)
    assert result.exit_code == 1
    assert f"{SHOWN}:1:1: error: not updated: the file has 2 hard links" in result.stderr
    assert "make it a single file (cp, then mv) and re-run" in result.stderr
    assert path.read_text(encoding="utf-8") == twin.read_text(encoding="utf-8") == ORIGINAL
    assert path.stat().st_ino == twin.stat().st_ino
    assert temp_files(site) == []


def test_a_link_named_on_the_command_line_updates_the_file_it_points_to(site: Site, run_kbgen) -> None:
    path = site.write(REL, ORIGINAL)
    link = site.root / "shortcut.md"
    link.symlink_to(path)
    assert review(run_kbgen, site, "shortcut.md").exit_code == 0
    assert link.is_symlink() and path.read_bytes() == BUMPED


def test_a_write_failure_is_exit_2_and_leaves_the_file(site: Site, run_kbgen, monkeypatch: pytest.MonkeyPatch) -> None:
    path = site.write(REL, ORIGINAL)

    def disk_full(*args: Any, **kwargs: Any) -> Any:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(rewrite.os, "fsync", disk_full)
    result = review(run_kbgen, site)
    assert result.exit_code == 2
    assert "error: cannot write" in result.stderr and "No space left on device" in result.stderr
    assert path.read_text(encoding="utf-8") == ORIGINAL
    assert temp_files(site) == []
