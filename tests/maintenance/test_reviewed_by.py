"""`kbgen review` records who reviewed: `reviewed_by` from --by or the git user, changing nothing else."""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import date

import pytest
from click.testing import Result

from kbgen.review.bump import BumpRefused, bump_review
from tests.support.git_repo import GitRepo
from tests.support.project import Site, article

NEW = date(2026, 11, 22)
TODAY = "2026-11-22"


def test_a_new_reviewer_line_follows_reviewed_in_the_files_line_endings() -> None:
    before = b"---\r\ntitle: A  # keep\r\nreviewed: 2026-03-10\r\nowner: x\r\n---\r\nBody\r\n"
    bump = bump_review(before, "a.md", NEW, reviewed_by="ana@example.com")
    assert bump.data == before.replace(
        b"reviewed: 2026-03-10\r\n", b"reviewed: 2026-11-22\r\nreviewed_by: ana@example.com\r\n"
    )
    assert bump.recorded == ("reviewed_by - -> ana@example.com",)


def test_an_existing_reviewer_is_replaced_in_place_and_comments_stay() -> None:
    before = b"---\ntitle: A\nreviewed_by: li   # who\nreviewed: 2026-03-10\nowner: x\n---\n"
    after = bump_review(before, "a.md", NEW, reviewed_by="Ana Pop").data
    assert after == b"---\ntitle: A\nreviewed_by: Ana Pop   # who\nreviewed: 2026-11-22\nowner: x\n---\n"


@pytest.mark.parametrize(
    ("name", "written"),
    [("Ana: Pop", '"Ana: Pop"'), ("yes", '"yes"'), ("#ops", '"#ops"'), ("2026", '"2026"'), ("Şule Ş.", "Şule Ş.")],
)
def test_names_yaml_would_misread_are_quoted(name: str, written: str) -> None:
    before = b"---\ntitle: A\nreviewed: 2026-03-10\n---\n"
    after = bump_review(before, "a.md", NEW, reviewed_by=name).data
    assert after == f"---\ntitle: A\nreviewed: 2026-11-22\nreviewed_by: {written}\n---\n".encode()


def test_an_unknown_reviewer_removes_the_previous_reviewers_name() -> None:
    before = b"---\ntitle: A\nreviewed: 2026-03-10\nreviewed_by: li\nowner: x\n---\n"
    assert bump_review(before, "a.md", NEW).data == b"---\ntitle: A\nreviewed: 2026-11-22\nowner: x\n---\n"


def test_same_day_changes_only_the_reviewer_and_an_earlier_date_nothing() -> None:
    before = b"---\ntitle: A\nreviewed: 2026-11-22\nreviewed_by: li\n---\n"
    assert bump_review(before, "a.md", NEW, reviewed_by="ana").data == before.replace(b"li", b"ana")
    assert not bump_review(before, "a.md", NEW).changed  # nobody known: the same day's record stands
    later = b"---\ntitle: A\nreviewed: 2026-11-30\nreviewed_by: li\n---\n"
    assert bump_review(later, "a.md", NEW, reviewed_by="ana").data == later


def test_a_reviewer_written_over_several_lines_is_refused() -> None:
    before = b"---\ntitle: A\nreviewed: 2026-03-10\nreviewed_by: >\n  li\n---\n"
    with pytest.raises(BumpRefused, match="'reviewed_by' must be a single value on its own line"):
        bump_review(before, "a.md", NEW, reviewed_by="ana")


def test_review_by_flag_is_recorded_and_shown_by_the_report(run_kbgen: Callable[..., Result], site: Site) -> None:
    path = site.write("en/a/b.md", article(reviewed="2026-01-02"))
    result = run_kbgen("review", "--today", TODAY, "--by", "ana@example.com", str(path), cwd=site.root)
    assert result.stdout == ("content/en/a/b.md: reviewed 2026-01-02 -> 2026-11-22; reviewed_by - -> ana@example.com\n")
    document = json.loads(run_kbgen("report", "--today", TODAY, "--format", "json", cwd=site.root).stdout)
    assert document["owners"][0]["articles"][0]["reviewed_by"] == "ana@example.com"
    table = run_kbgen("report", "--today", TODAY, cwd=site.root).stdout
    assert "2026-11-22 by ana@example.com  content/en/a/b.md" in table


def test_review_takes_the_git_user_of_the_project(run_kbgen: Callable[..., Result], site: Site) -> None:
    repo = GitRepo(site.root)
    repo.git("config", "user.email", "writer@tessera.example")
    path = site.write("en/a/b.md", article(reviewed="2026-01-02"))
    assert run_kbgen("review", "--today", TODAY, str(path), cwd=site.root).exit_code == 0
    assert "reviewed_by: writer@tessera.example\n" in path.read_text(encoding="utf-8")
    repo.git("config", "--unset", "user.email")
    repo.git("config", "user.name", "Writer Name")
    site.write("en/a/b.md", article(reviewed="2026-01-02"))
    assert run_kbgen("review", "--today", TODAY, str(path), cwd=site.root).exit_code == 0
    assert "reviewed_by: Writer Name\n" in path.read_text(encoding="utf-8")


def test_without_any_reviewer_the_review_is_still_recorded(run_kbgen: Callable[..., Result], site: Site) -> None:
    path = site.write("en/a/b.md", article(reviewed="2026-01-02", extra="reviewed_by: someone.else"))
    result = run_kbgen("review", "--today", TODAY, str(path), cwd=site.root)
    assert result.exit_code == 0 and "note: reviewer not recorded: pass --by NAME" in result.stderr
    text = path.read_text(encoding="utf-8")
    assert "reviewed: 2026-11-22" in text and "reviewed_by" not in text


@pytest.mark.parametrize("name", ["", "   ", "two\nlines", "tab\there"])
def test_a_reviewer_that_is_not_one_line_of_text_is_a_usage_error(
    run_kbgen: Callable[..., Result], site: Site, name: str
) -> None:
    path = site.write("en/a/b.md", article(reviewed="2026-01-02"))
    before = path.read_bytes()
    result = run_kbgen("review", "--today", TODAY, "--by", name, str(path), cwd=site.root)
    assert result.exit_code == 2 and "--by" in result.stderr and path.read_bytes() == before


def test_reviewed_by_is_validated_as_text(run_kbgen: Callable[..., Result], site: Site) -> None:
    site.write("en/a/b.md", article(extra="reviewed_by: [a, b]"))
    result = run_kbgen("check", "--today", TODAY, "--format", "json", cwd=site.root)
    [finding] = json.loads(result.stdout)["findings"]
    assert (finding["code"], finding["line"]) == ("KB112", 6) and "'reviewed_by' expected text" in finding["message"]
