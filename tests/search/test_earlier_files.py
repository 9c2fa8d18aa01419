"""A rebuild takes each compressed blob the previous search folder still holds instead of compressing it again,
and publishes exactly what a build without the previous folder publishes, whatever that folder holds. With the
build cache's record of the folder's files and the memo of what each blob compresses to, it does not even read
the files it links."""

from __future__ import annotations

import gzip
import os
import zlib
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest

from kbgen.search import build, earlier
from kbgen.search.build import search_files, write_search_files
from kbgen.search.documents import SearchDocument
from kbgen.search.earlier import EarlierSearch
from kbgen.search.folders import PREFIX
from kbgen.search.term_memo import TermStore
from tests.support.recording import record_calls
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
    kept = earlier.KeptFile
    return {name: Path(data.path).read_bytes() if isinstance(data, kept) else data for name, data in files.items()}


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
    files = search_files(after, earlier=EarlierSearch(folder))
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
    assert published(search_files(after, earlier=EarlierSearch(folder))) == search_files(after)


def test_a_fragment_unchanged_under_its_groups_new_name_is_the_previous_file_linked(
    articles: list[SearchDocument], tmp_path: Path
) -> None:
    """The edit renames the edited article's fragment group; every other fragment of it is the very file the
    previous folder holds (linked when the folder is written, never written again)."""
    folder = previous_folder(articles, tmp_path)
    old = {path.name.split("-")[1]: path for path in folder.glob(f"{build.IMMUTABLE}/en/d/*.kbs")}
    files = search_files(edited(articles), earlier=EarlierSearch(folder))
    renamed = {name: data for name, data in files.items() if f"{build.IMMUTABLE}/en/d/" in name}
    assert not any((folder / name).exists() for name in renamed)  # the group has a new name
    linked = {name: data for name, data in renamed.items() if isinstance(data, earlier.KeptFile)}
    assert len(linked) == len(renamed) - 1  # all but the edited article's own fragment
    site = tmp_path / "new"
    write_search_files(files, site)
    for name, data in linked.items():
        number = name.rsplit("-", 1)[1]
        assert data.path == str(old[number])
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


def recorded(files: dict[str, build.SearchFile], folder: Path) -> dict[str, dict[str, list[Any]]]:
    """What the build cache records of a written search folder (kbgen.publishing.build_cache.stamp_search): each
    language's files with their digest, size and mtime."""
    found: dict[str, dict[str, list[Any]]] = {}
    for name, data in files.items():
        if name.startswith(f"{build.IMMUTABLE}/"):
            size = data.size if isinstance(data, earlier.KeptFile) else len(data)
            stamp = [build.file_digest(data).hex(), size, (folder / name).lstat().st_mtime_ns]
            found.setdefault(name.split("/")[1], {})[name] = stamp
    return found


def count_inflations(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The previous files a rebuild reads (kbgen.search.earlier._read_plain): its manifests, and those it compares."""
    return record_calls(monkeypatch, earlier, "_read_plain")


def compared(read: list[str]) -> list[str]:
    return [path for path in read if not path.endswith("manifest.kbs")]


def remembered_build(articles: list[SearchDocument], tmp_path: Path) -> tuple[EarlierSearch, TermStore]:
    """A first build that keeps its analyses and compressions, written out and recorded as the build cache does."""
    store = TermStore(f"{tmp_path}/terms-", f"{tmp_path}/terms-", "code-1")
    files = search_files(articles, terms=store)
    write_search_files(files, tmp_path)
    return EarlierSearch(tmp_path / PREFIX, recorded(files, tmp_path / PREFIX)), store


def test_a_recorded_file_whose_blob_is_known_is_linked_without_reading_it(
    articles: list[SearchDocument], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    previous, store = remembered_build(articles, tmp_path)
    after = edited(articles)
    read = count_inflations(monkeypatch)
    made = record_compressions(monkeypatch)
    files = search_files(after, terms=store, earlier=previous)
    monkeypatch.undo()
    assert published(files) == search_files(after)
    linked = [name for name, data in files.items() if isinstance(data, earlier.KeptFile)]
    assert len(linked) > len(articles) / 2  # most fragments, and title and neighbourhood files
    assert compared(read) == []  # none read: each known by its record and a look at its size and mtime
    assert len(made) < len([name for name in files if "/d/" in name]) / 2


def _rewritten_same_size(path: Path) -> None:
    """Other bytes of the same size, the mtime moved on: the record no longer vouches for the file."""
    data = path.read_bytes()
    path.write_bytes(bytes(b ^ 0xFF for b in data[:12]) + data[12:])
    info = path.stat()
    os.utime(path, ns=(info.st_atime_ns, info.st_mtime_ns + 1_000_000_000))


@pytest.mark.parametrize("damage", [_rewritten_same_size, _wrong_bytes, _linked, _truncated])
def test_a_recorded_file_changed_since_is_not_taken_on_its_record(
    articles: list[SearchDocument], tmp_path: Path, monkeypatch: pytest.MonkeyPatch, damage: Any
) -> None:
    previous, store = remembered_build(articles, tmp_path)
    target = _first(previous.folder, "d")
    damage(target)
    read = count_inflations(monkeypatch)
    after = edited(articles)
    files = search_files(after, terms=store, earlier=previous)
    monkeypatch.undo()
    assert published(files) == search_files(after)
    assert str(target) in compared(read)  # looked at again, not trusted on its record


def test_compressions_made_by_another_zlib_are_not_used(articles: list[SearchDocument], tmp_path: Path) -> None:
    """Another zlib may compress a blob to other bytes: its memo of what blobs compress to is left out, and the
    files are read and compared again."""
    _, store = remembered_build(articles, tmp_path)
    memo_file = Path(f"{tmp_path}/terms-en.json")
    assert store.load("en").compressions_known  # kept by the first build
    memo_file.write_text(memo_file.read_text().replace(f'"zlib": "{zlib.ZLIB_RUNTIME_VERSION}"', '"zlib": "0.9"'))
    assert store.load("en").known and not store.load("en").compressions_known
