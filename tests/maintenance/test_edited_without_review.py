"""KB421 edited-without-review on real git repositories: the threshold, renames, the review day, time zones."""

from __future__ import annotations

import json
import subprocess
from collections.abc import Callable
from typing import Any

import pytest
from click.testing import Result

from kbgen.history.word_diff import changed_words, threshold
from tests.support.git_repo import GitRepo
from tests.support.project import Site, article

TODAY = "2026-11-22"
WORDS = [f"word{n}" for n in range(200)]


def body(words: list[str]) -> str:
    """200 distinct words in 10 paragraphs, so changed words are easy to count."""
    return "\n\n".join(" ".join(words[i : i + 20]) for i in range(0, len(words), 20)) + "\n"


BODY = body(WORDS)


def edited(count: int) -> str:
    """BODY with its first `count` words replaced."""
    return body([f"changed{n}" if n < count else word for n, word in enumerate(WORDS)])


def edit_findings(run_kbgen: Callable[..., Result], site: Site) -> list[dict[str, Any]]:
    result = run_kbgen("check", "--today", TODAY, "--format", "json", cwd=site.root)
    return [f for f in json.loads(result.stdout)["findings"] if f["code"] == "KB421"]


@pytest.fixture
def repo(site: Site) -> GitRepo:
    return GitRepo(site.root)


def test_small_edits_after_the_review_pass_and_large_ones_are_flagged(
    run_kbgen: Callable[..., Result], site: Site, repo: GitRepo
) -> None:
    path = site.write("en/a/x.md", article(reviewed="2026-09-01", body=BODY))
    baseline = repo.commit("2026-08-20", "write")
    path.write_text(article(reviewed="2026-09-01", body=edited(3)), encoding="utf-8")
    repo.commit("2026-10-01", "typos")
    assert edit_findings(run_kbgen, site) == []
    path.write_text(article(reviewed="2026-09-01", body=edited(19)), encoding="utf-8")
    repo.commit("2026-10-02", "just under twenty words")
    assert edit_findings(run_kbgen, site) == []
    path.write_text(article(reviewed="2026-09-01", body=edited(20)), encoding="utf-8")
    [finding] = edit_findings(run_kbgen, site)  # uncommitted: the working tree counts
    assert (finding["path"], finding["line"], finding["severity"], finding["rule"]) == (
        "content/en/a/x.md", 4, "warning", "edited-without-review",
    )  # fmt: skip
    assert finding["message"] == (
        f"the body changed since its last recorded review (2026-09-01): 20 of 200 words differ from commit "
        f"{baseline[:10]} of 2026-08-20 (threshold: 20); owner maria.popescu: if the change was reviewed, "
        "run 'kbgen review content/en/a/x.md'"
    )
    assert run_kbgen("review", "--today", TODAY, "--by", "ana", str(path), cwd=site.root).exit_code == 0
    assert edit_findings(run_kbgen, site) == []  # reviewed today: nothing after the review


def test_the_threshold_grows_with_the_article() -> None:
    long_body = " ".join(f"w{n}" for n in range(1000))
    assert threshold(1000) == 100 and threshold(50) == 20
    assert changed_words(long_body, long_body.replace("w5 ", "x5 ")) == (1, 1000)
    twice = (BODY * 5).replace("word1 ", "other ")  # 1000 words, 5 changed
    assert changed_words(BODY * 5, twice)[0] == 5
    assert changed_words("中文字", "中文学") == (1, 3)  # each CJK character is a word
    assert changed_words(BODY, BODY.replace("\n", "  \r\n")) == (0, 200)  # whitespace never counts


def test_edits_on_the_review_day_are_part_of_the_review(
    run_kbgen: Callable[..., Result], site: Site, repo: GitRepo
) -> None:
    path = site.write("en/a/x.md", article(reviewed="2026-09-01", body=BODY))
    repo.commit("2026-08-20")
    path.write_text(article(reviewed="2026-09-01", body=edited(60)), encoding="utf-8")
    repo.commit("2026-09-01T18:00:00+00:00", "rewritten and reviewed the same day")
    assert edit_findings(run_kbgen, site) == []


def test_commit_days_are_read_in_the_sites_time_zone(
    run_kbgen: Callable[..., Result], site: Site, repo: GitRepo
) -> None:
    path = site.write("en/a/x.md", article(reviewed="2026-09-01", body=BODY))
    repo.commit("2026-08-20")
    path.write_text(article(reviewed="2026-09-01", body=edited(60)), encoding="utf-8")
    repo.commit("2026-09-01T23:30:00-05:00", "late on the review day in Chicago (CDT), the next day in UTC")
    assert len(edit_findings(run_kbgen, site)) == 1
    site.configure(timezone="America/Chicago")
    assert edit_findings(run_kbgen, site) == []


def test_renames_are_followed(run_kbgen: Callable[..., Result], site: Site, repo: GitRepo) -> None:
    site.write("en/a/old.md", article(reviewed="2026-09-01", body=BODY))
    site.write("en/a/other.md", article(reviewed="2026-09-01", body=BODY.replace("word", "term")))
    first = repo.commit("2026-08-20")
    repo.move("content/en/a/old.md", "content/en/b/new.md")
    repo.move("content/en/a/other.md", "content/en/b/other.md")
    repo.commit("2026-10-01", "move, unchanged")
    assert edit_findings(run_kbgen, site) == []
    site.write("en/b/new.md", article(reviewed="2026-09-01", body=edited(30)))
    repo.commit("2026-10-02", "edit after the move")
    [finding] = edit_findings(run_kbgen, site)
    assert finding["path"] == "content/en/b/new.md"
    assert f"differ from commit {first[:10]} (then en/a/old.md) of 2026-08-20" in finding["message"]


def test_a_rename_before_the_review_and_files_without_history(
    run_kbgen: Callable[..., Result], site: Site, repo: GitRepo
) -> None:
    site.write("en/a/old.md", article(reviewed="2026-08-10", body=BODY))
    repo.commit("2026-08-01")
    repo.move("content/en/a/old.md", "content/en/a/new.md")
    repo.commit("2026-08-15", "renamed after the review, before any edit")
    site.write("en/a/new.md", article(reviewed="2026-08-10", body=edited(25)))
    site.write("en/a/born-later.md", article(reviewed="2026-08-01", body=BODY))  # no commit by its review day
    repo.commit("2026-10-01")
    site.write("en/a/born-later.md", article(reviewed="2026-08-01", body=edited(150)))
    assert [f["path"] for f in edit_findings(run_kbgen, site)] == ["content/en/a/new.md"]


def test_drafts_archived_and_content_outside_git_are_skipped(run_kbgen: Callable[..., Result], site: Site) -> None:
    site.write("en/a/x.md", article(reviewed="2026-09-01", body=BODY))
    assert edit_findings(run_kbgen, site) == []  # not a repository: skipped silently
    repo = GitRepo(site.root)
    site.write("en/a/draft.md", article(reviewed="2026-09-01", body=BODY, extra="status: draft"))
    site.write("en/a/old.md", article(reviewed="2026-09-01", body=BODY, extra="status: archived"))
    repo.commit("2026-08-20")
    for name, extra in (("draft", "status: draft"), ("old", "status: archived")):
        site.write(f"en/a/{name}.md", article(reviewed="2026-09-01", body=edited(100), extra=extra))
    assert edit_findings(run_kbgen, site) == []


def test_the_whole_tree_costs_three_git_processes(
    run_kbgen: Callable[..., Result], site: Site, repo: GitRepo, monkeypatch: pytest.MonkeyPatch
) -> None:
    for n in range(30):
        site.write(f"en/a/x{n}.md", article(reviewed="2026-09-01", body=BODY))
    repo.commit("2026-08-20")
    for n in range(0, 30, 3):
        site.write(f"en/a/x{n}.md", article(reviewed="2026-09-01", body=edited(40)))
    calls: list[list[str]] = []
    real_run = subprocess.run

    def counting_run(args: list[str], *rest: Any, **kwargs: Any) -> Any:
        calls.append(list(args))
        return real_run(args, *rest, **kwargs)

    monkeypatch.setattr(subprocess, "run", counting_run)
    assert len(edit_findings(run_kbgen, site)) == 10
    assert [call[1] for call in calls if call[0] == "git"] == ["rev-parse", "log", "cat-file"]
