"""`kbgen review PATH` rewrites articles only: never a file outside the content folder, a picture or a section page."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.support.project import Site, article

ARTICLE = article(reviewed="2026-01-02")
REL = "en/account/reset.md"


def _review(run_kbgen, site: Site, *paths: str):  # type: ignore[no-untyped-def]
    return run_kbgen("review", "--by", "me", "--today", "2026-11-22", *paths, cwd=site.root)


def _files(*roots: Path) -> dict[Path, bytes]:
    return {p: p.read_bytes() for root in roots for p in root.rglob("*") if p.is_file()}


@pytest.mark.parametrize("where", ["project root", "elsewhere", "linked from the content folder"])
def test_a_file_outside_the_content_folder_is_refused_and_left_as_it_was(
    site: Site, run_kbgen, tmp_path: Path, where: str
) -> None:
    """`kbgen review README.md` and `kbgen review /tmp/x/notes.md` rewrote those files (reviewed, reviewed_by),
    though they are no article. Exit 2, naming the path, before anything is written (the article named too)."""
    site.write(REL, ARTICLE)
    outside = {"project root": site.root / "README.md", "elsewhere": tmp_path / "x" / "notes.md"}.get(where)
    if outside is None:  # a link in the content folder to a file outside: the rewrite would land outside
        outside = tmp_path / "x" / "notes.md"
        (site.content / "en/account/notes.md").symlink_to(outside)
    outside.parent.mkdir(parents=True, exist_ok=True)
    outside.write_text(ARTICLE, encoding="utf-8")
    named = str(site.content / "en/account/notes.md") if where.startswith("linked") else str(outside)
    before = _files(site.root, outside.parent)
    result = _review(run_kbgen, site, f"content/{REL}", named)
    assert result.exit_code == 2, result.output
    assert f"error: {named}: not inside the content folder content/; name articles or folders under it" in (
        result.stderr
    )
    assert _files(site.root, outside.parent) == before


def test_a_folder_outside_the_content_folder_is_refused(site: Site, run_kbgen, tmp_path: Path) -> None:
    site.write(REL, ARTICLE)
    result = _review(run_kbgen, site, str(tmp_path))
    assert result.exit_code == 2, result.output
    assert f"{tmp_path}: not inside the content folder content/" in result.stderr


@pytest.mark.parametrize(
    ("rel", "text", "why"),
    [
        ("assets/images/logo.svg", "<svg xmlns='http://www.w3.org/2000/svg'/>\n", "only Markdown files (.md) are"),
        ("assets/notes.md", ARTICLE, "'assets' is not a configured language (en, tr, ro, zh)"),
        ("en/account/index.md", "---\ntitle: Account\nreviewed: 2026-01-02\n---\n", "an index.md is the page of a"),
        ("notes.md", ARTICLE, "a Markdown file directly in the content folder is in no language folder"),
    ],
)
def test_a_file_that_is_no_article_is_refused_with_the_reason(
    site: Site, run_kbgen, rel: str, text: str, why: str
) -> None:
    """`kbgen review content/assets/images/logo.svg` said "its source en/images/logo.svg does not exist", taking
    `assets` for a language; a Markdown file there was rewritten. A clear refusal, exit 2, nothing written."""
    site.write(REL, ARTICLE)
    site.write(rel, text)
    before = _files(site.root)
    result = _review(run_kbgen, site, f"content/{rel}")
    assert result.exit_code == 2, result.output
    assert f"error: content/{rel}: not an article: {why}" in result.stderr
    assert "name an article such as <lang>/<category>/<slug>.md" in result.stderr
    assert _files(site.root) == before


def test_an_article_is_still_reviewed_also_through_a_link_from_outside(site: Site, run_kbgen) -> None:
    path = site.write(REL, ARTICLE)
    (site.root / "shortcut.md").symlink_to(path)
    result = _review(run_kbgen, site, "shortcut.md", f"content/{REL}")
    assert result.exit_code == 0, result.output
    assert "reviewed: 2026-11-22" in path.read_text(encoding="utf-8")
