"""The content tree is listed again only where a folder changed, and what each file is is taken from the memo only
where nothing it depends on changed: a load with the memo always finds what a load without it finds."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path, PurePosixPath

import pytest

from kbgen.config.project import Project
from kbgen.loading import content_listing, loader
from kbgen.loading.content_listing import list_content
from kbgen.loading.editor_files import is_editor_scratch
from kbgen.loading.load_memo import LoadMemo
from kbgen.loading.loader import load_corpus
from kbgen.mkdocs_plugin.config_file import load_project
from kbgen.model import Corpus
from tests.support.project import copy_sample
from tests.support.recording import record_calls

ARTICLE = "---\ntitle: Extra\nowner: ana\nreviewed: 2026-01-05\nversions: [all]\n---\n\nBody.\n"
ACTIVE_SVG = '<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'
PLAIN_SVG = '<svg xmlns="http://www.w3.org/2000/svg"><rect width="1" height="1"/></svg>'


def walked(root: Path) -> list[PurePosixPath]:
    """The listing as os.walk gives it, the rules written out plainly: the oracle the records are checked against."""
    found = []
    for folder, dirs, files in os.walk(root, followlinks=False):
        base = PurePosixPath(Path(folder).relative_to(root).as_posix())
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        links = [d for d in dirs if (Path(folder) / d).is_symlink()]
        dirs[:] = [d for d in dirs if d not in links]
        for name in [*links, *(f for f in files if not is_editor_scratch(f))]:
            found.append(base / name if str(base) != "." else PurePosixPath(name))
    return sorted(found)


def aged(root: Path) -> None:
    """Every folder's mtime set ten seconds back, as if the tree was made a while ago: a change made now (faster
    than a clock tick, in a test) then moves the mtime of the folders it changes, and of no other."""
    for folder in [root, *(path for path in root.rglob("*") if path.is_dir() and not path.is_symlink())]:
        info = folder.stat()
        os.utime(folder, ns=(info.st_atime_ns, info.st_mtime_ns - 10_000_000_000))


def count_listings(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The folders listed from now on (their paths)."""
    return record_calls(monkeypatch, content_listing, "_list_folder")


@pytest.fixture
def tree(tmp_path: Path) -> Path:
    root = tmp_path / "content"
    for rel in ["en/index.md", "en/billing/index.md", "en/billing/refunds.md", "en/billing/deep/more/a.md",
                "en/billing/.hidden.md", "en/billing/notes.md~", "en/.drafts/x.md", "tr/hesap/parola.md",
                "en/billing/logo.png"]:  # fmt: skip
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / rel).write_text("x", encoding="utf-8")
    (root / "en" / "linked").symlink_to(root / "tr")  # a link to a folder: listed, never walked into
    (root / "en" / "billing" / "gone.md").symlink_to(root / "nowhere.md")  # a broken link: listed
    return root


def test_the_listing_is_what_walking_the_tree_gives(tree: Path) -> None:
    listing = list_content(tree)
    assert listing.files == walked(tree)
    assert (
        PurePosixPath("en/linked") in listing.files and PurePosixPath("en/linked/hesap/parola.md") not in listing.files
    )
    assert listing.listed == set(listing.folders)  # a first walk lists every folder


def test_a_tree_nobody_touched_is_not_listed_again(tree: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(content_listing, "RACY_NS", 0)  # just made: trust the folders' times at once
    aged(tree)
    first = list_content(tree)
    listed = count_listings(monkeypatch)
    again = list_content(tree, first.folders)
    assert (listed, again.listed) == ([], set())
    assert again.files == first.files == walked(tree)


@pytest.mark.parametrize(
    "change",
    [
        lambda root: (root / "en/billing/deep/more/b.md").write_text("x", encoding="utf-8"),
        lambda root: (root / "en/billing/refunds.md").unlink(),
        lambda root: (root / "en/billing/refunds.md").rename(root / "en/billing/refund.md"),
        lambda root: (root / "en/billing/deep/new").mkdir(),
        lambda root: (root / "en/billing/.git").mkdir(),
    ],
    ids=["added", "removed", "renamed", "new folder", "new dot-folder"],
)
def test_only_the_folders_that_changed_are_listed_again(
    tree: Path, monkeypatch: pytest.MonkeyPatch, change: Callable[[Path], object], request: pytest.FixtureRequest
) -> None:
    monkeypatch.setattr(content_listing, "RACY_NS", 0)
    aged(tree)
    first = list_content(tree)
    change(tree)
    listed = count_listings(monkeypatch)
    again = list_content(tree, first.folders)
    assert again.files == walked(tree)
    changed = {"added": ["en/billing/deep/more"], "removed": ["en/billing"], "renamed": ["en/billing"],
               "new folder": ["en/billing/deep", "en/billing/deep/new"], "new dot-folder": ["en/billing"]}  # fmt: skip
    assert sorted(listed) == sorted(str(tree / folder) for folder in changed[request.node.callspec.id])


def test_a_folder_that_had_just_changed_when_listed_is_listed_again(
    tree: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A change in the same clock tick as the listing may not show in the folder's times."""
    first = list_content(tree)  # the folders were made just now, within RACY_NS
    listed = count_listings(monkeypatch)
    list_content(tree, first.folders)
    assert len(listed) == len(first.folders)


@pytest.mark.parametrize(
    "damage",
    [
        lambda record: None,
        lambda record: "record",
        lambda record: record[:3],
        lambda record: (record[0][:2], *record[1:]),
        lambda record: (*record[:3], ("../../etc/passwd",)),
        lambda record: (*record[:2], ("a/b",), record[3]),
        lambda record: (*record[:3], [*record[3]]),
    ],
)
def test_a_malformed_record_is_not_used(
    tree: Path, monkeypatch: pytest.MonkeyPatch, damage: Callable[[object], object]
) -> None:
    monkeypatch.setattr(content_listing, "RACY_NS", 0)
    aged(tree)
    first = list_content(tree)
    records = {**first.folders, "en/billing": damage(first.folders["en/billing"])}
    listed = count_listings(monkeypatch)
    again = list_content(tree, records)
    assert listed == [str(tree / "en/billing")]
    assert again.files == walked(tree)


@pytest.fixture
def sample(tmp_path: Path) -> Project:
    return load_project(copy_sample(tmp_path / "project"), None)


def _load(project: Project, memo: LoadMemo | None) -> Corpus:
    return load_corpus(project.docs_dir, project.kb, project.display_prefix, memo=memo)


def _with_memo(project: Project, path: Path) -> Corpus:
    memo = LoadMemo(path)
    corpus = _load(project, memo)
    memo.save()
    return corpus


def _swap_for_link(docs: Path) -> None:
    """The folder holds the same names, one of them now a link (to a file out of the tree)."""
    page = next(docs.glob("en/*/*.md"))
    target = docs.parent / "outside.md"
    page.rename(target)
    page.symlink_to(target)


def _svg_turns_active(docs: Path) -> None:
    """Only the file's content changes, not its folder: an SVG is looked at again on every load."""
    (docs / "en" / "pic.svg").write_text(ACTIVE_SVG, encoding="utf-8")


def _article_beside_a_section_page(docs: Path) -> None:
    """A file in one folder changes what a file of another is: `plans.md` beside `plans/index.md`, whose folder
    holds no article, takes its address (the section page is left to the collision check)."""
    (docs / "en" / "billing" / "plans.md").write_text(ARTICLE, encoding="utf-8")


def _new_language_folder(docs: Path) -> None:
    (docs / "xx").mkdir()
    (docs / "xx" / "index.md").write_text(ARTICLE, encoding="utf-8")


@pytest.mark.parametrize(
    "change", [_swap_for_link, _svg_turns_active, _article_beside_a_section_page, _new_language_folder]
)
def test_a_load_with_the_memo_finds_what_a_load_without_it_finds(
    sample: Project, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, change: Callable[[Path], None]
) -> None:
    monkeypatch.setattr(content_listing, "RACY_NS", 0)
    docs = sample.docs_dir
    (docs / "en" / "pic.svg").write_text(PLAIN_SVG, encoding="utf-8")
    (docs / "en" / "billing" / "plans").mkdir(parents=True, exist_ok=True)
    (docs / "en" / "billing" / "plans" / "index.md").write_text("---\ntitle: Plans\n---\n", encoding="utf-8")
    path = tmp_path / "load.pickle"
    aged(docs)
    assert _with_memo(sample, path) == _load(sample, None)
    change(docs)
    assert _with_memo(sample, path) == _load(sample, None)
    assert _with_memo(sample, path) == _load(sample, None)  # and from the memo this run kept


def test_an_unchanged_tree_takes_every_file_s_kind_from_the_memo(
    sample: Project, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(content_listing, "RACY_NS", 0)
    path = tmp_path / "load.pickle"
    aged(sample.docs_dir)
    _with_memo(sample, path)
    fresh = _load(sample, None)
    told = record_calls(monkeypatch, loader, "_file_kind", lambda collector, layout, rel: str(rel))
    assert _with_memo(sample, path) == fresh
    assert told == []
