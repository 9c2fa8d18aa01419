"""CODEOWNERS as GitHub reads it: gitignore-style patterns, the last matching line wins, owner-less lines."""

from __future__ import annotations

from pathlib import Path, PurePosixPath

import pytest

from kbgen.adopt.codeowners import CodeOwners, find_codeowners


def owner(text: str, path: str) -> str | None:
    found = CodeOwners(text).owner_of(PurePosixPath(path))
    return found[0] if found else None


@pytest.mark.parametrize(
    ("pattern", "path", "matches"),
    [
        ("*", "docs/a/b.md", True),
        ("*.md", "docs/a/b.md", True),
        ("*.md", "docs/a/b.png", False),
        ("/docs/", "docs/a/b.md", True),
        ("/docs/", "other/docs/b.md", False),  # anchored to the root
        ("docs/", "other/docs/b.md", True),  # a folder name without a leading slash matches at any depth
        ("docs/*", "docs/b.md", True),
        ("docs/*", "docs/a/b.md", False),  # `*` does not cross into subfolders
        ("docs/**", "docs/a/b.md", True),
        ("**/logs", "build/logs/x.md", True),
        ("/apps/github", "apps/github/x.md", True),  # a pattern naming a folder owns what is in it
        ("/apps/github", "apps/githubber/x.md", False),
        ("articles/*.md", "articles/a.md", True),
        ("articles/*.md", "deep/articles/a.md", False),  # a slash in the middle anchors it
        ("Docs/", "docs/a.md", False),  # case-sensitive, as on GitHub
        ("a?c.md", "x/abc.md", True),
    ],
)
def test_patterns_match_as_on_github(pattern: str, path: str, matches: bool) -> None:
    assert (owner(f"{pattern} @team", path) == "@team") is matches


def test_the_last_matching_line_wins_and_the_first_owner_is_taken() -> None:
    text = "* @everyone\n/docs/ @docs-team @backup\n/docs/legal/ legal@example.com\n"
    assert owner(text, "docs/legal/terms.md") == "legal@example.com"
    assert owner(text, "docs/faq.md") == "@docs-team"
    assert owner(text, "src/x.py") == "@everyone"


def test_a_line_without_owners_leaves_the_file_unowned() -> None:
    assert owner("* @everyone\n/docs/drafts/\n", "docs/drafts/a.md") is None


def test_comments_inline_comments_and_unsupported_lines_are_ignored() -> None:
    text = "# owners\n\n*.md @writers # the writing team\n!docs/x.md @nobody\n[ab].md @ranges\n"
    assert owner(text, "a.md") == "@writers"
    assert owner(text, "docs/x.md") == "@writers"  # GitHub does not support `!`; the line is skipped
    rules = CodeOwners(text).rules
    assert [(r.pattern, r.owners, r.line) for r in rules] == [("*.md", ("@writers",), 3)]


def test_github_looks_in_dot_github_first_then_the_root_then_docs(tmp_path: Path) -> None:
    assert find_codeowners(tmp_path) is None
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "CODEOWNERS").write_text("* @from-docs\n", encoding="utf-8")
    (tmp_path / "CODEOWNERS").write_text("* @from-root\n", encoding="utf-8")
    found = find_codeowners(tmp_path)
    assert found is not None and found.display == "CODEOWNERS"
    (tmp_path / ".github").mkdir()
    (tmp_path / ".github" / "CODEOWNERS").write_text("* @from-github\n", encoding="utf-8")
    found = find_codeowners(tmp_path)
    assert found is not None and found.display == ".github/CODEOWNERS"
    assert found.owner_of(PurePosixPath("a.md")) == ("@from-github", 1)
