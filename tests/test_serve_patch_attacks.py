"""Red team, round six: `kbgen serve`'s refusal at once of a save that breaks an article's front matter, then the
file deleted, renamed or fixed along with others; each time the site shown must end as the clean build of the
same content, with the same findings, and no error of a file that is gone may stay told."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.support.edits import EDITS, edit, write_content
from tests.support.project import Site
from tests.test_serve_patch import Watched, watching


@pytest.fixture(scope="module")
def content(tmp_path_factory: pytest.TempPathFactory) -> Site:
    """tests/test_serve_patch.py's small multilingual site, written once for this module."""
    site = Site(tmp_path_factory.mktemp("base") / "project")
    write_content(site)
    return site


@pytest.fixture
def watched(content: Site, tmp_path: Path) -> Iterator[Watched]:
    with watching(content, tmp_path) as preview:
        yield preview


READ = "en/billing/invoices/read.md"  # an article no page links to: it can go without a broken link


def _break(site_content: Path, rel: str) -> None:
    path = site_content / rel
    path.write_text(path.read_text(encoding="utf-8").replace("owner: ", "owner: [team, ", 1), encoding="utf-8")


def test_a_refused_broken_file_then_deleted_shows_the_clean_build_with_no_error_left(watched: Watched) -> None:
    refused = watched.take(lambda s: _break(s.content, READ))
    assert refused.startswith("checked 1 file in ") and "not shown" in refused, refused
    gone = watched.take(lambda s: (s.content / READ).unlink())
    assert gone.startswith("rebuilt"), gone
    assert not [line for line in watched.findings if "read.md" in line and "KB1" in line]
    watched.assert_shows_the_clean_build()


def test_a_refused_broken_file_renamed_and_fixed_in_one_save_shows_the_clean_build(watched: Watched) -> None:
    original = (watched.site.content / READ).read_text(encoding="utf-8")
    watched.take(lambda s: _break(s.content, READ))

    def rename_fixed(site: object) -> None:
        (watched.site.content / READ).unlink()
        (watched.site.content / "en/billing/invoices/read-2.md").write_text(original, encoding="utf-8")

    moved = watched.take(rename_fixed)
    assert moved.startswith("rebuilt") and "not shown" not in moved, moved
    watched.assert_shows_the_clean_build()


def test_two_files_broken_then_one_fixed_keeps_the_other_refused_then_both_fixed_are_patched(
    watched: Watched,
) -> None:
    other = "en/billing/invoices/tax.md"
    before = {rel: (watched.site.content / rel).read_text(encoding="utf-8") for rel in (READ, other)}
    watched.take(lambda s: _break(s.content, READ))
    both = watched.take(lambda s: _break(s.content, other))
    assert "not shown" in both
    one = watched.take(lambda s: (s.content / READ).write_text(before[READ], encoding="utf-8"))
    assert "not shown" in one and not [line for line in watched.findings if "read.md" in line and "KB1" in line]
    fixed = watched.take(lambda s: (s.content / other).write_text(before[other], encoding="utf-8"))
    assert "not shown" not in fixed, fixed
    watched.assert_shows_the_clean_build()


def test_a_text_edit_after_a_rename_and_a_delete_is_patched_as_the_clean_build(watched: Watched) -> None:
    assert watched.take(EDITS["rename"]).startswith("rebuilt")
    assert watched.take(EDITS["delete"]).startswith("rebuilt")
    patched = watched.take(lambda s: edit(s, "en/billing/invoices/vat.md", "\n\n", "\n\nRenamed. "))
    assert patched.startswith("patched"), patched
    watched.assert_shows_the_clean_build()
    patched = watched.take(EDITS["body"])
    assert patched.startswith("patched"), patched
    watched.assert_shows_the_clean_build()


def test_a_deleted_article_written_back_as_it_was_shows_the_clean_build(watched: Watched) -> None:
    path = watched.site.content / "en/billing/invoices/read.md"
    text = path.read_text(encoding="utf-8")
    assert watched.take(EDITS["delete"]).startswith("rebuilt")
    back = watched.take(lambda s: path.write_text(text, encoding="utf-8"))
    assert back.startswith("rebuilt"), back
    watched.assert_shows_the_clean_build()
    again = watched.take(lambda s: path.write_text(text.replace("\n\n", "\n\nAgain. ", 1), encoding="utf-8"))
    assert again.startswith("patched"), again
    watched.assert_shows_the_clean_build()


@pytest.mark.parametrize(
    "saved",
    [
        b"",  # an editor's save caught half way: the file emptied before it is written
        b"---\ntitle: Caf\xe9\n---\n",  # Latin-1
        b"\xff\xfe-\x00-\x00-\x00\n\x00",  # UTF-16
        b"---\ntitle: a\x00b\n---\n",  # a NUL
        b"---\ntitle: " + b"x" * (2 * 1024 * 1024) + b"\n---\n",  # over the size limit
        b"---\n- a list\n---\n",  # front matter that is no mapping
        b"---\na: &a [*a]\n---\n",  # a recursive alias
    ],
    ids=["empty", "latin-1", "utf-16", "nul", "huge", "list", "alias"],
)
def test_a_save_of_bytes_no_article_is_made_of_is_refused_then_its_fix_is_patched(
    watched: Watched, saved: bytes
) -> None:
    path = watched.site.content / READ
    text = path.read_text(encoding="utf-8")
    refused = watched.take(lambda s: path.write_bytes(saved))
    assert "not shown" in refused, refused
    assert any("read.md" in line for line in watched.findings)
    fixed = watched.take(lambda s: path.write_text(text.replace("\n\n", "\n\nFixed. ", 1), encoding="utf-8"))
    assert fixed.startswith("patched") and "not shown" not in fixed, fixed
    watched.assert_shows_the_clean_build()
