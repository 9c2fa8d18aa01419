"""A rebuild takes each compressed blob the previous search folder still holds instead of compressing it again,
and publishes exactly what a build without the previous folder publishes, whatever that folder holds."""

from __future__ import annotations

import gzip
from dataclasses import replace
from pathlib import Path

import pytest

from kbgen.search import build
from kbgen.search.build import search_files, write_search_files
from kbgen.search.documents import SearchDocument
from kbgen.search.folders import PREFIX
from tests.support.search import load_articles, record_compressions


@pytest.fixture(scope="module")
def articles() -> list[SearchDocument]:
    return load_articles()


def edited(articles: list[SearchDocument]) -> list[SearchDocument]:
    """One English article with a sentence more: every term shard changes (lunr weighs by average length), one
    fragment changes, the other fragments and most title and neighbourhood files do not."""
    changed = list(articles)
    first = next(i for i, doc in enumerate(changed) if doc.lang == "en")
    changed[first] = replace(changed[first], text=changed[first].text + " A sentence added by the writer.")
    return changed


def published(files: dict[str, build.SearchFile]) -> dict[str, bytes]:
    """The bytes each file has in the site: its own, or those of the previous site's file it is a link to."""
    return {
        name: Path(data.path).read_bytes() if isinstance(data, build.KeptFile) else data for name, data in files.items()
    }


def previous_folder(articles: list[SearchDocument], tmp_path: Path) -> Path:
    write_search_files(search_files(articles), tmp_path)
    return tmp_path / PREFIX


def test_a_rebuild_compresses_only_the_blobs_the_previous_folder_does_not_hold(
    articles: list[SearchDocument], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = previous_folder(articles, tmp_path)
    before = {path.read_bytes() for path in folder.rglob("*.kbs")}
    after = edited(articles)
    made = record_compressions(monkeypatch)
    files = search_files(after, earlier=folder)
    monkeypatch.undo()
    assert published(files) == search_files(after)  # the same bytes as compressing everything
    fresh = [data for name, data in published(files).items() if name.endswith(".kbs") and data not in before]
    languages = {doc.lang for doc in articles}
    # a compression per blob the previous folder does not hold, plus each language's manifest, vocabulary and
    # versions file (always compressed), and none for the blobs taken from the previous folder
    assert len(made) <= len(fresh) + 3 * len(languages)
    fragments = [name for name in files if "/d/" in name]
    assert len(made) < len(fragments) / 2


def _first(folder: Path, kind: str) -> Path:
    return sorted(folder.glob(f"{build.IMMUTABLE}/en/{kind}/*.kbs"))[0]


def _wrong_bytes(path: Path) -> None:
    path.write_bytes(gzip.compress(b'{"t":"another article"}', mtime=0))


def _bomb(path: Path) -> None:
    path.write_bytes(gzip.compress(b" " * (64 << 20), mtime=0))


def _linked(path: Path) -> None:
    copy = path.with_name("copy.bin")
    copy.write_bytes(path.read_bytes())
    path.unlink()
    path.symlink_to(copy.name)


def _truncated(path: Path) -> None:
    path.write_bytes(path.read_bytes()[:10])


def _manifest(path: Path) -> None:
    manifest = path.parents[3] / "en" / "manifest.kbs"
    manifest.write_bytes(gzip.compress(b'{"files": {"d": ["../../../../etc"]}}', mtime=0))


@pytest.mark.parametrize("damage", [_wrong_bytes, _bomb, _linked, _truncated, _manifest])
def test_whatever_the_previous_folder_holds_the_files_are_what_compressing_gives(
    articles: list[SearchDocument], tmp_path: Path, damage: object
) -> None:
    folder = previous_folder(articles, tmp_path)
    damage(_first(folder, "d"))  # type: ignore[operator]
    after = edited(articles)
    assert published(search_files(after, earlier=folder)) == search_files(after)


def test_a_fragment_unchanged_under_its_groups_new_name_is_the_previous_file_linked(
    articles: list[SearchDocument], tmp_path: Path
) -> None:
    """The edit renames the edited article's fragment group; every other fragment of it is the very file the
    previous folder holds (linked when the folder is written, never written again)."""
    folder = previous_folder(articles, tmp_path)
    old = {path.name.split("-")[1]: path for path in folder.glob(f"{build.IMMUTABLE}/en/d/*.kbs")}
    files = search_files(edited(articles), earlier=folder)
    renamed = {name: data for name, data in files.items() if f"{build.IMMUTABLE}/en/d/" in name}
    assert not any((folder / name).exists() for name in renamed)  # the group has a new name
    linked = {name: data for name, data in renamed.items() if isinstance(data, build.KeptFile)}
    assert len(linked) == len(renamed) - 1  # all but the edited article's own fragment
    site = tmp_path / "new"
    write_search_files(files, site)
    for name, data in linked.items():
        number = name.rsplit("-", 1)[1]
        assert data.path == old[number]
        assert (site / PREFIX / name).stat().st_ino == old[number].stat().st_ino


def test_a_search_folder_written_in_two_steps_holds_exactly_the_final_files(
    articles: list[SearchDocument], tmp_path: Path
) -> None:
    """A rebuild writes the languages it links before the edited one is indexed: files written early that the
    final set changes or leaves out are not published, stale, beside it."""
    first, second = search_files(articles), search_files(edited(articles))
    folder = build.StagedSearchFolder(tmp_path / "two-steps")
    folder.put(first)  # every language as it was, the edited one included
    folder.publish(second)
    write_search_files(second, tmp_path / "at-once")

    def contents(site: Path) -> dict[str, bytes]:
        root = site / PREFIX
        return {path.relative_to(root).as_posix(): path.read_bytes() for path in root.rglob("*") if path.is_file()}

    assert first.keys() != second.keys()  # the edit renamed files: some written early are not in the final set
    assert contents(tmp_path / "two-steps") == contents(tmp_path / "at-once")
    assert not list((tmp_path / "two-steps").glob(f"{PREFIX}.*"))  # no half-written folder left beside it
