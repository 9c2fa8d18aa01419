"""The load memo: an unchanged file comes back from the memo exactly as loading it gives, anything that changes
what loading gives loads it afresh, and a memo file written by someone else is never trusted, let alone run."""

from __future__ import annotations

import importlib.metadata
import os
import pickle
import time
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

import pytest

from kbgen.checks import CheckContext, run_checks
from kbgen.config.project import Project
from kbgen.loading import load_memo
from kbgen.loading.load_memo import FORMAT, LoadMemo
from kbgen.loading.loader import load_corpus, loaded_afresh
from kbgen.mkdocs_plugin.config_file import load_project
from kbgen.model import Corpus
from tests.support.project import SAMPLE_TODAY, copy_sample


@pytest.fixture
def sample(tmp_path: Path) -> Project:
    return load_project(copy_sample(tmp_path / "project"), None)


def _load(project: Project, memo: LoadMemo | None) -> Corpus:
    return load_corpus(project.docs_dir, project.kb, project.display_prefix, memo=memo)


def _markdown_files(project: Project) -> int:
    return sum(1 for _ in project.docs_dir.rglob("*.md"))


def _remembered(project: Project, path: Path) -> tuple[Corpus, LoadMemo]:
    memo = LoadMemo(path)
    corpus = _load(project, memo)
    memo.save()
    return corpus, memo


def test_a_second_load_takes_every_file_from_the_memo_and_finds_the_same(sample: Project, tmp_path: Path) -> None:
    fresh = _load(sample, None)
    first, memo = _remembered(sample, tmp_path / "load.pickle")
    assert memo.hits == 0 and first == fresh
    second, memo = _remembered(sample, tmp_path / "load.pickle")
    assert memo.hits == _markdown_files(sample)  # a record type the unpickler refuses would show here
    assert second == fresh


def test_a_rebuild_prepares_search_for_the_languages_of_the_files_it_loaded_afresh(
    sample: Project, tmp_path: Path
) -> None:
    first, _ = _remembered(sample, tmp_path / "load.pickle")
    assert loaded_afresh(first, None) == sorted({article.lang for article in first.articles})
    turkish = next(a for a in first.articles if a.lang == "tr")
    path = sample.docs_dir / turkish.source.rel
    path.write_text(path.read_text(encoding="utf-8") + "\nBir satır daha.\n", encoding="utf-8")
    second, memo = _remembered(sample, tmp_path / "load.pickle")
    assert loaded_afresh(second, memo) == ["tr"]
    third, memo = _remembered(sample, tmp_path / "load.pickle")
    assert loaded_afresh(third, memo) == []


def test_an_unchanged_file_is_not_read_again_for_its_digest(
    sample: Project, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(load_memo, "RACY_NS", 0)  # the copies were just written: trust their times at once
    _remembered(sample, tmp_path / "load.pickle")
    again, memo = _remembered(sample, tmp_path / "load.pickle")
    assert memo.digests_read == 0
    assert memo.hits == _markdown_files(sample)
    assert again == _load(sample, None)


def test_a_file_changed_with_its_size_and_modification_time_kept_is_read_again(
    sample: Project, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """As `cp -p`, `rsync -t` or an editor that restores the time may leave it: the change time still moves."""
    monkeypatch.setattr(load_memo, "RACY_NS", 0)
    _remembered(sample, tmp_path / "load.pickle")
    page = next(sample.docs_dir.glob("en/*/*.md"))
    before = page.stat()
    text = page.read_text(encoding="utf-8")
    changed = text.replace("the", "The", 1)
    assert changed != text and len(changed.encode()) == before.st_size
    time.sleep(0.01)
    page.write_text(changed, encoding="utf-8")
    os.utime(page, ns=(before.st_atime_ns, before.st_mtime_ns))
    again, memo = _remembered(sample, tmp_path / "load.pickle")
    assert memo.digests_read == 1
    assert again == _load(sample, None)
    assert again.by_source(page.relative_to(sample.docs_dir).as_posix()) != _load_before(text, page, sample)


def _load_before(text: str, page: Path, project: Project) -> object:
    """The record `page` gave with `text`, loaded afresh (the edited file put back for the load)."""
    changed = page.read_text(encoding="utf-8")
    page.write_text(text, encoding="utf-8")
    try:
        return _load(project, None).by_source(page.relative_to(project.docs_dir).as_posix())
    finally:
        page.write_text(changed, encoding="utf-8")


def test_a_file_that_had_just_changed_when_read_is_read_again_next_time(
    sample: Project, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A change in the same clock tick as the read may not show in the file's times: such a read is not trusted."""
    monkeypatch.setattr(load_memo, "RACY_NS", 3_600 * 10**9)  # every copy was written within the hour
    _remembered(sample, tmp_path / "load.pickle")
    _, memo = _remembered(sample, tmp_path / "load.pickle")
    assert memo.digests_read == _markdown_files(sample)
    monkeypatch.setattr(load_memo, "RACY_NS", 0)
    _, memo = _remembered(sample, tmp_path / "load.pickle")
    assert memo.digests_read == 0


def test_the_link_check_reads_links_from_the_memo_with_the_same_findings(sample: Project, tmp_path: Path) -> None:
    def findings(memo: LoadMemo | None) -> list[str]:
        corpus = _load(sample, memo)
        context = CheckContext(corpus, sample.kb, SAMPLE_TODAY, sample.root, sample.docs_dir, memo=memo)
        if memo is not None:
            memo.save()
        return [f.format() for f in run_checks(context)]

    expected = findings(None)
    assert findings(LoadMemo(tmp_path / "load.pickle")) == expected
    assert findings(LoadMemo(tmp_path / "load.pickle")) == expected


def test_links_edited_between_runs_are_checked_as_they_now_are(sample: Project, tmp_path: Path) -> None:
    """An article's links are kept under its load key, which names its file's bytes: an edit that breaks a link
    is found by the next run, as a run without the memo finds it."""

    def broken(memo: LoadMemo | None) -> list[str]:
        corpus = _load(sample, memo)
        context = CheckContext(corpus, sample.kb, SAMPLE_TODAY, sample.root, sample.docs_dir, memo=memo)
        if memo is not None:
            memo.save()
        return [f.format() for f in run_checks(context) if "no-such-page" in f.format()]

    assert broken(LoadMemo(tmp_path / "load.pickle")) == []
    page = next(sample.docs_dir.glob("en/*/*.md"))
    page.write_text(page.read_text(encoding="utf-8") + "\nSee [more](no-such-page.md).\n", encoding="utf-8")
    found = broken(LoadMemo(tmp_path / "load.pickle"))
    assert len(found) == 1 and found == broken(None)


def test_the_memo_is_keyed_by_the_icons_a_section_is_checked_against(monkeypatch: pytest.MonkeyPatch) -> None:
    """A section's `icon` is checked against mkdocs-material's icons: another material is another memo."""

    installed = importlib.metadata.version

    def versions(material: str) -> Callable[[str], str]:
        return lambda name: material if name == "mkdocs-material" else installed(name)

    keys = []
    for material in ("9.5.0", "9.6.0"):
        monkeypatch.setattr(load_memo.importlib.metadata, "version", versions(material))
        load_memo.code_key.cache_clear()
        keys.append(load_memo.code_key())
    load_memo.code_key.cache_clear()
    assert keys[0] != keys[1]


@pytest.mark.parametrize(
    "change",
    ["article body", "section default interval", "settings"],
)
def test_what_changes_a_load_is_loaded_afresh(sample: Project, tmp_path: Path, change: str) -> None:
    before, _ = _remembered(sample, tmp_path / "load.pickle")
    if change == "article body":
        page = next(sample.docs_dir.glob("en/*/*.md"))
        page.write_text(page.read_text(encoding="utf-8") + "\nA new closing line.\n", encoding="utf-8")
    elif change == "section default interval":  # an article below without its own interval takes the new one
        section = next(p for p in sample.docs_dir.rglob("index.md") if "review_interval:" in p.read_text("utf-8"))
        text = section.read_text(encoding="utf-8")
        section.write_text(text.replace("review_interval:", "review_interval: 7d\nold_interval:", 1), "utf-8")
    else:
        sample = replace(sample, kb=replace(sample.kb, max_depth=sample.kb.max_depth + 1))
    again, memo = _remembered(sample, tmp_path / "load.pickle")
    assert again == _load(sample, None)
    assert memo.hits < _markdown_files(sample)
    # A rebuild takes an equal load key for an equal record (kbgen.mkdocs_plugin.incremental): every record whose
    # key stayed the same is the same record, printed in full; and the change changed some key.
    kept = [rel for rel, key in again.load_keys.items() if before.load_keys.get(rel) == key]
    assert 0 < len(kept) < len(again.load_keys) <= _markdown_files(sample) or change == "settings"
    assert [repr(again.by_source(rel)) for rel in kept] == [repr(before.by_source(rel)) for rel in kept]


class _Boom:
    def __reduce__(self) -> tuple[object, tuple[str]]:
        import os

        return (os.system, ("touch BOOM",))


@pytest.mark.parametrize("content", [b"not a pickle", b"", "code", "other-format", "not-bytes"])
def test_a_foreign_or_damaged_memo_is_never_trusted(
    sample: Project, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, content: bytes | str
) -> None:
    monkeypatch.chdir(tmp_path)
    path = tmp_path / "load.pickle"
    if content == "code":
        data = pickle.dumps({"format": FORMAT, "entries": {"k": _Boom()}})
    elif content == "other-format":
        data = pickle.dumps({"format": 0, "entries": {}})
    elif content == "not-bytes":
        data = pickle.dumps({"format": FORMAT, "entries": {"k": ("an entry", "not pickled on its own")}})
    else:
        data = content  # type: ignore[assignment]
    path.write_bytes(data)
    memo = LoadMemo(path)
    assert memo.known == {}
    assert _load(sample, memo) == _load(sample, None)
    assert not (tmp_path / "BOOM").exists()


def test_an_entry_that_would_run_code_or_does_not_unpickle_is_loaded_afresh(
    sample: Project, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    path = tmp_path / "load.pickle"
    _remembered(sample, path)
    entries = pickle.loads(path.read_bytes())["entries"]
    keys = sorted(entries)
    entries[keys[0]] = pickle.dumps(_Boom())
    entries[keys[1]] = entries[keys[1]][:-9]  # cut short
    path.write_bytes(pickle.dumps({"format": FORMAT, "entries": entries}))
    again, memo = _remembered(sample, path)
    assert again == _load(sample, None)
    assert not (tmp_path / "BOOM").exists()
    assert memo.hits == len(entries) - 2
    _, memo = _remembered(sample, path)  # the two entries were loaded afresh and saved
    assert memo.hits == len(entries)


def test_a_save_writes_back_unchanged_entries_as_read_and_nothing_when_nothing_changed(
    sample: Project, tmp_path: Path
) -> None:
    path = tmp_path / "load.pickle"
    _remembered(sample, path)
    written = path.stat().st_mtime_ns, path.stat().st_ino
    _remembered(sample, path)
    assert (path.stat().st_mtime_ns, path.stat().st_ino) == written  # nothing new, nothing dropped: not written
    before = pickle.loads(path.read_bytes())["entries"]
    page = next(sample.docs_dir.glob("en/*/*.md"))
    page.write_text(page.read_text(encoding="utf-8") + "\nA new closing line.\n", encoding="utf-8")
    again, memo = _remembered(sample, path)
    after = pickle.loads(path.read_bytes())["entries"]
    assert memo.added == 1  # the edited article; its old entry is dropped
    kept = before.keys() & after.keys()
    assert len(kept) == len(after) - 1 == len(before) - 1
    assert all(after[key] == before[key] for key in kept)
    assert len(memo.new) == 1 and all(memo.used[key] is memo.known[key] for key in kept)  # one entry pickled
    assert again == _load(sample, None)


def test_kbgen_check_reports_the_same_with_a_cold_and_a_warm_memo(sample: Project, run_kbgen) -> None:  # type: ignore[no-untyped-def]
    cold = run_kbgen("check", "--today", SAMPLE_TODAY.isoformat(), "--format", "json", cwd=sample.root)
    assert (sample.root / ".site.kbgen-cache" / "load.pickle").is_file()
    assert (sample.root / ".site.kbgen-cache" / ".gitignore").read_text(encoding="utf-8").endswith("*\n")
    warm = run_kbgen("check", "--today", SAMPLE_TODAY.isoformat(), "--format", "json", cwd=sample.root)
    assert (warm.exit_code, warm.stdout) == (cold.exit_code, cold.stdout)


def test_kbgen_check_keeps_no_memo_where_a_build_would_refuse_the_output(sample: Project, run_kbgen) -> None:  # type: ignore[no-untyped-def]
    config = sample.config_file.read_text(encoding="utf-8")
    sample.config_file.write_text(config.replace("site_dir: site", "site_dir: content/site"), encoding="utf-8")
    assert "site_dir: content/site" in sample.config_file.read_text(encoding="utf-8")
    run_kbgen("check", "--today", SAMPLE_TODAY.isoformat(), cwd=sample.root)
    assert not list(sample.docs_dir.glob(".*kbgen-cache*"))  # nothing written into the content folder


def test_the_link_check_extracts_each_body_once_however_large_the_site(
    sample: Project, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The remembered links are a first-in-first-out store: one smaller than the site would miss on every article
    of the check's pass and extract them all again (it did at 100,000 articles)."""
    from kbgen.checks import links as link_checks
    from kbgen.links import extract

    monkeypatch.setattr(link_checks, "_links", {})
    monkeypatch.setattr(link_checks, "_capacity", 4)  # far fewer than the sample's articles
    corpus = _load(sample, None)
    assert len(corpus.articles) > 8
    extracted: list[int] = []
    original = extract.extract_links
    monkeypatch.setattr(link_checks, "extract_links", lambda *a: extracted.append(1) or original(*a))
    context = CheckContext(corpus, sample.kb, SAMPLE_TODAY, sample.root, sample.docs_dir)
    run_checks(context)
    bodies = len(corpus.articles) + len(corpus.written_sections()) + len(corpus.rejected_pages)
    assert len(extracted) == bodies  # each body (a section's text too) once, no second pass
