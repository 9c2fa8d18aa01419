"""The search index built in a background process while pages render: the same bytes as built in the build's own
process, a failing build leaves no background writer behind, and a bad configuration is still a clear error."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from mkdocs.exceptions import PluginError

from kbgen.config.settings import KbConfig
from kbgen.mkdocs_plugin import search
from kbgen.mkdocs_plugin.search_reuse import SearchReuse
from kbgen.model import Corpus
from kbgen.publishing.site_build import InternalError, build_site
from kbgen.render.tree import SiteTree
from kbgen.search import build as search_build
from kbgen.search.documents import SearchDocument
from tests.support.project import SAMPLE_TODAY, Site, article
from tests.support.recording import record_calls
from tests.support.search import record_indexed_languages

ARTICLES = {
    "en/account/reset-password.md": article(title="Reset your password", body="Open **Settings** to reset it.\n"),
    "en/billing/invoices/download.md": article(title="Download invoices", extra="summary: PDFs of past bills.\n"),
    "en/billing/refunds.md": article(title="Ask for a refund", reviewed="2025-01-01"),
    "tr/account/parola.md": article(title="Şifrenizi sıfırlayın", body="**Ayarlar** sayfasını açın.\n"),
    "zh/account/reset.md": article(title="重置密码", body="打开**设置**。\n"),
}


def project(root: Path) -> Site:
    site = Site(root)
    for rel, text in ARTICLES.items():
        site.write(rel, text)
    return site


def files(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.fixture
def in_background(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every build indexes search in the background process, whatever its size (and on a one-core runner too)."""
    monkeypatch.setattr(search.os, "cpu_count", lambda: 2)
    monkeypatch.setattr(search, "BACKGROUND_FROM", 1)


def test_the_background_index_is_byte_identical_to_the_one_built_in_process(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    started: list[bool] = []
    original = search.SearchCollector.start

    def recording_start(self: search.SearchCollector, *args: object, **kwargs: object) -> None:
        original(self, *args, **kwargs)  # type: ignore[arg-type]
        started.append(self._pending is not None)

    monkeypatch.setattr(search.SearchCollector, "start", recording_start)
    monkeypatch.setattr(search.os, "cpu_count", lambda: 2)  # a one-core runner still takes the background path
    monkeypatch.setattr(search, "BACKGROUND_FROM", 10**9)
    inline = project(tmp_path / "inline")
    build_site(inline.config_file, None, SAMPLE_TODAY, strict=False)
    monkeypatch.setattr(search, "BACKGROUND_FROM", 1)
    background = project(tmp_path / "background")
    build_site(background.config_file, None, SAMPLE_TODAY, strict=False)
    assert started == [False, True]
    a, b = files(inline.site_dir), files(background.site_dir)
    assert sum(1 for name in b if name.startswith("kb-search/")) > 10
    assert a == b
    assert not list(background.site_dir.glob("kb-search.kbgen-tmp-*"))


def test_a_build_that_fails_after_the_index_started_leaves_no_writer_and_keeps_the_old_site(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, in_background: None
) -> None:
    site = project(tmp_path / "site")
    build_site(site.config_file, None, SAMPLE_TODAY, strict=False)
    before = files(site.site_dir)
    stopped: list[bool] = []
    original_stop = search.SearchCollector.stop

    def recording_stop(self: search.SearchCollector) -> None:
        had = self.process.pool is not None
        original_stop(self)
        stopped.append(had)

    monkeypatch.setattr(search.SearchCollector, "stop", recording_stop)
    # a template error while pages render, after the background build began
    broken = "{% extends 'base.html' %}{% block content %}{{ 1 / 0 }}{% endblock %}"
    (site.root / "theme" / "main.html").write_text(broken, encoding="utf-8")
    with pytest.raises(InternalError, match="ZeroDivisionError"):
        build_site(site.config_file, None, SAMPLE_TODAY, strict=False)
    assert stopped and stopped[0]  # on_build_error waited for the background process
    assert files(site.site_dir) == before
    assert not [p for p in site.root.iterdir() if "kbgen-tmp" in p.name]


def test_a_bad_contact_url_is_a_plugin_error_from_the_background_build_too(tmp_path: Path, in_background: None) -> None:
    collector = search.SearchCollector(SiteTree(Corpus((), (), (), frozenset(), ()), "en"))
    collector.documents.append(
        SearchDocument(url="en/a/", title="A", summary="", text="x", lang="EN US!", category="C")
    )
    collector.start(KbConfig(), {})
    assert collector._pending is not None
    with pytest.raises(PluginError, match="BCP 47"):
        collector.write(tmp_path, KbConfig(), {})
    assert collector.process.pool is None


def test_a_rebuild_indexes_only_the_edited_language_in_the_background_and_links_the_rest(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, in_background: None
) -> None:
    """The first build's background process cannot fill the build cache itself: its results come back and are
    recorded here. The rebuild starts its own process as it begins (the analyses are read there meanwhile), then
    sends it only the edited language's documents, and its site equals a clean build's."""
    site = project(tmp_path / "project")
    build_site(site.config_file, None, SAMPLE_TODAY, strict=False)  # full: indexed in the background
    indexed_here = record_indexed_languages(monkeypatch)
    sent: list[list[str]] = []
    original = search.unanswered

    def recording(*args: Any) -> Iterator[list[SearchDocument]]:
        for found in original(*args):  # a language at a time
            sent.append(sorted({doc.lang for doc in found}))
            yield found

    monkeypatch.setattr(search, "unanswered", recording)
    early: list[bool] = []
    start_early = search.SearchProcess.start_early

    def recording_early(self: search.SearchProcess, *args: Any) -> None:
        start_early(self, *args)
        early.append(self.pool is not None)

    monkeypatch.setattr(search.SearchProcess, "start_early", recording_early)
    site.write("tr/account/parola.md", article(title="Şifrenizi sıfırlayın", body="**Güvenlik** sayfasını açın.\n"))
    rebuilt = files(build_site(site.config_file, None, SAMPLE_TODAY, strict=False).site_dir)
    assert sent == [["tr"]]
    assert early == [True]  # started as the rebuild began, reading the analyses while the content was loaded
    assert indexed_here == []  # indexed in the background process, the others linked from the previous site
    clean = build_site(site.config_file, tmp_path / "clean", SAMPLE_TODAY, strict=False, reuse=False).site_dir
    assert rebuilt == files(clean)


def test_a_background_rebuild_s_new_search_files_are_written_by_its_process_and_only_linked_here(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, in_background: None
) -> None:
    """The search process writes the files it makes while the build finishes its pages; the build links them into
    its search folder (making files can be slow, linking is not) and leaves nothing of them beside it."""
    site = project(tmp_path / "project")
    build_site(site.config_file, None, SAMPLE_TODAY, strict=False)
    batches = record_calls(monkeypatch, search_build, "_write_all", lambda writes: [Path(path) for path, _ in writes])
    site.write("tr/account/parola.md", article(title="Şifrenizi sıfırlayın", body="**Güvenlik** sayfasını açın.\n"))
    rebuilt = build_site(site.config_file, None, SAMPLE_TODAY, strict=False).site_dir
    written = [path for batch in batches for path in batch]
    indexed = [path for path in written if "immutable" in path.parts or path.name == "manifest.kbs"]
    assert written and indexed == []  # here only the build-wide files: every file of the language came ready
    clean = build_site(site.config_file, tmp_path / "clean", SAMPLE_TODAY, strict=False, reuse=False).site_dir
    assert files(rebuilt) == files(clean)  # nothing written ahead is left beside the search folder, or listed
    assert not list(rebuilt.parent.glob("**/kb-search.kbgen-*"))


def test_the_edited_language_is_handed_over_before_the_others_are_looked_at(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, in_background: None
) -> None:
    """Telling an unchanged language from a changed one takes a digest of its documents and a look at each of its
    files: the language whose article was loaded afresh is looked at first, and indexing it starts at once."""
    site = project(tmp_path / "project")
    build_site(site.config_file, None, SAMPLE_TODAY, strict=False)
    events: list[tuple[str, str]] = []
    get, submit = SearchReuse.get, search.SearchCollector._submit

    def recording_get(self: SearchReuse, lang: str, *args: Any) -> Any:
        events.append(("looked at", lang))
        return get(self, lang, *args)

    def recording_submit(self: search.SearchCollector, work: Any, *args: Any) -> Any:
        events.append(("handed over", work.__name__))
        return submit(self, work, *args)

    monkeypatch.setattr(SearchReuse, "get", recording_get)
    monkeypatch.setattr(search.SearchCollector, "_submit", recording_submit)
    site.write("tr/account/parola.md", article(title="Şifrenizi sıfırlayın", body="**Güvenlik** sayfasını açın.\n"))
    build_site(site.config_file, None, SAMPLE_TODAY, strict=False)
    assert events[:2] == [("looked at", "tr"), ("handed over", "build_languages")]
    assert {lang for kind, lang in events if kind == "looked at"} > {"tr"}  # and then every other language


def test_a_background_rebuild_saves_the_edited_language_s_analyses_before_the_build_returns(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, in_background: None
) -> None:
    """The process sends its files back first and saves the analyses as its next task, while the build writes
    the site: by the time `build_site` returns the process has ended (`kbgen build` exits at once after) and the
    analyses of the edited article are on disk for the next build (so it analyses nothing of it again)."""
    site = project(tmp_path / "project")
    build_site(site.config_file, None, SAMPLE_TODAY, strict=False)
    processes: list[search.SearchProcess] = []
    original = search.SearchProcess.__init__

    def recording(self: search.SearchProcess) -> None:
        original(self)
        processes.append(self)

    monkeypatch.setattr(search.SearchProcess, "__init__", recording)
    memo = tmp_path / "project" / ".site.kbgen-cache" / "search-terms-tr.json"
    before = memo.read_text(encoding="utf-8")
    site.write("tr/account/parola.md", article(title="Şifrenizi sıfırlayın", body="**Güvenlik** sayfasını açın.\n"))
    result = build_site(site.config_file, None, SAMPLE_TODAY, strict=False)
    after = memo.read_text(encoding="utf-8")
    assert after != before and "güvenlik" in after  # the edited article's terms, as analysed
    assert not list(memo.parent.glob("*.tmp"))  # saved whole, not still being written
    assert processes and all(process.pool is None for process in processes)
    assert result.site_dir.is_dir()
