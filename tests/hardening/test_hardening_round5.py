"""Round 5 of the attack: faults and values no earlier round tried, each of which once ended in KB900 or worse."""

from __future__ import annotations

import errno
from pathlib import Path

# --- kbgen init stopped by a full disk ------------------------------------------------------------------------


def test_init_stopped_by_a_full_disk_leaves_no_half_made_project(tmp_path: Path, run_kbgen, monkeypatch) -> None:
    """A write failing half-way (disk full) left mkdocs.yml and three more files behind, and the retry then
    refused the folder as "not empty": the writer had to find and delete kbgen's leftovers by hand."""
    real_open = Path.open
    written = []

    def open_until_full(self: Path, mode: str = "r", *args, **kwargs):  # type: ignore[no-untyped-def]
        if "x" in mode:
            written.append(self)
            if len(written) == 5:
                raise OSError(errno.ENOSPC, "No space left on device", str(self))
        return real_open(self, mode, *args, **kwargs)

    (tmp_path / "repo" / ".git").mkdir(parents=True)  # a fresh clone: its .git stays
    monkeypatch.setattr(Path, "open", open_until_full)
    failed = run_kbgen("init", "repo", "--owner", "o", "--today", "2026-11-22", cwd=tmp_path)
    assert failed.exit_code == 2, failed.output
    assert "No space left on device" in failed.stderr and "KB900" not in failed.stderr
    assert sorted(p.name for p in (tmp_path / "repo").iterdir()) == [".git"]
    written.clear()
    failed = run_kbgen("init", "new", "--owner", "o", "--today", "2026-11-22", cwd=tmp_path)
    assert failed.exit_code == 2 and not (tmp_path / "new").exists()
    monkeypatch.setattr(Path, "open", real_open)
    assert run_kbgen("init", "repo", "--owner", "o", "--today", "2026-11-22", cwd=tmp_path).exit_code == 0
    assert run_kbgen("check", "--today", "2026-11-22", cwd=tmp_path / "repo").exit_code == 0
