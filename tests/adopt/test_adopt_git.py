"""What git tells `kbgen adopt`: each file's last commit from one `git log`, and a quiet "no history"."""

from __future__ import annotations

from datetime import date
from pathlib import Path, PurePosixPath

import pytest

from kbgen.adopt.git_history import LastChange, parse_log, read_history
from kbgen.adopt.mapping import Options
from kbgen.adopt.run import adopt_tree
from kbgen.config.settings import KbConfig
from tests.adopt.conftest import BOB, commit, git


def test_the_newest_commit_of_each_path_wins() -> None:
    output = (
        "\x1ebob@example.com\x1f2026-07-15\x00\na/one.md\x00a/two words.md\x00"
        "\x1emerge@example.com\x1f2026-07-01\x00"  # a merge commit lists no files
        "\x1eann@example.com\x1f2026-06-01\x00\na/one.md\x00a/three.md\x00"
    )
    assert parse_log(output) == {
        PurePosixPath("a/one.md"): LastChange("bob@example.com", date(2026, 7, 15)),
        PurePosixPath("a/two words.md"): LastChange("bob@example.com", date(2026, 7, 15)),
        PurePosixPath("a/three.md"): LastChange("ann@example.com", date(2026, 6, 1)),
    }


def test_a_folder_outside_any_repository_has_no_history(tmp_path: Path) -> None:
    history = read_history(tmp_path)
    assert history.top is None and history.changes == {}
    assert "not a git repository" in history.problem


def test_without_git_on_the_path_there_is_no_history(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PATH", str(tmp_path / "empty"))
    history = read_history(tmp_path)
    assert history.top is None and history.problem.startswith("git is not available")


def test_a_file_never_committed_falls_back_to_the_defaults(tmp_path: Path) -> None:
    repo = tmp_path / "repo"
    (repo / "docs").mkdir(parents=True)
    (repo / "docs" / "old.md").write_text("# Old\n\nText.\n", encoding="utf-8")
    git(repo, "-c", "init.defaultBranch=main", "init", "-q")
    commit(repo, "first", BOB, "2026-03-01T10:00:00+00:00", "2026-03-02T10:00:00+00:00")
    (repo / "docs" / "new.md").write_text("# New\n\nText.\n", encoding="utf-8")
    options = Options(lang="en", today=date(2026, 11, 26), owner="docs-team", owner_given=True)
    outcome = adopt_tree(repo / "docs", tmp_path / "content" / "en", KbConfig(), options, "content/en/")
    assert sorted(outcome.origins.items()) == [
        (("owner", "--owner"), 1), (("owner", "git author"), 1), (("product_version", "--product-version"), 2),
        (("reviewed", "git"), 1), (("reviewed", "today"), 1), (("summary", "first paragraph"), 2),
        (("title", "first heading"), 2),
    ]  # fmt: skip
    old = (tmp_path / "content" / "en" / "old.md").read_text(encoding="utf-8")
    assert "owner: bob@example.com\nreviewed: 2026-03-02\n" in old
