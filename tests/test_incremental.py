"""One-edit rebuilds reuse the previous site's unchanged pages, and the result is the clean build, byte for byte.

Each test starts from one built copy of a small multilingual site (nested sections, a translation, an internal
article), changes one thing a writer changes, rebuilds on the existing site and builds the same content from
scratch into another folder, then compares every file of both outputs (the manifest included).
"""

from __future__ import annotations

import dataclasses
import errno
import pickle
import shutil
import subprocess
import sys
from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import mkdocs.commands.build as mkdocs_build
import pytest

from kbgen.loading.load_memo import LoadMemo, tree_stats
from kbgen.loading.loader import load_corpus
from kbgen.mkdocs_plugin import confinement, plugin, search
from kbgen.mkdocs_plugin.config_file import load_project
from kbgen.mkdocs_plugin.incremental import Incremental, outward_key
from kbgen.mkdocs_plugin.search_reuse import input_digest
from kbgen.publishing import build_cache, links_ahead, manifest, serve
from kbgen.publishing.build_cache import cache_path_for, read_cache_file, write_cache_file
from kbgen.publishing.site_build import BuildResult, InternalError, build_site
from kbgen.search.documents import SearchDocument
from kbgen.search.folders import PREFIX
from tests.support.edits import EDITS, edit, write_content
from tests.support.hardening import kbgen_env
from tests.support.project import SAMPLE_TODAY, Site, differing_files
from tests.support.search import record_analysed_documents, record_indexed_languages
from tests.support.waiting import wait_until


@pytest.fixture(scope="module")
def built_base(tmp_path_factory: pytest.TempPathFactory) -> Site:
    site = Site(tmp_path_factory.mktemp("base") / "project")
    site.configure(site_url="https://help.example.com/")  # a sitemap, hreflang and canonical links to compare too
    write_content(site)
    build_site(site.config_file, None, SAMPLE_TODAY, strict=False)
    return site


@pytest.fixture
def base(built_base: Site, tmp_path: Path) -> Site:
    """A private copy of the built site, its cache and its sources (mtimes kept, as on a writer's disk)."""
    root = tmp_path / "project"
    shutil.copytree(built_base.root, root, symlinks=True)
    site = Site.__new__(Site)
    site.root, site.content = root, root / "content"
    return site


def rebuild_and_compare(site: Site, today: date = SAMPLE_TODAY) -> BuildResult:
    """Rebuild on the existing site, build the same content from scratch, and require equal files."""
    result = build_site(site.config_file, None, today, strict=False)
    clean = site.root.parent / "clean"
    build_site(site.config_file, clean, today, strict=False, reuse=False)
    assert differing_files(site.site_dir, clean) == []
    return result


@pytest.mark.parametrize("name", sorted(EDITS))
def test_a_rebuild_after_one_edit_is_byte_identical_to_a_clean_build(base: Site, name: str) -> None:
    EDITS[name](base)
    rebuild_and_compare(base)


@pytest.mark.parametrize("name", ["body", "title", "section-order", "translation-outdated", "delete"])
def test_a_rebuild_that_shares_its_pages_among_processes_is_byte_identical_too(
    base: Site, name: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("KBGEN_JOBS", "2")  # the sample is below the size where a rebuild forks by itself
    EDITS[name](base)
    result = rebuild_and_compare(base)
    if name == "body":  # the other processes' verdicts arrive: everything but the edited page is reused
        assert result.reused == result.pages - 1


@pytest.mark.parametrize("name", ["body", "title", "rename", "delete", "move-folder", "add", "broken-front-matter"])
def test_a_rebuild_whose_old_pages_are_linked_ahead_is_byte_identical_too(
    base: Site, name: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A large site's rebuild links every old page into the new site in its search process while it loads, then
    unlinks those it writes again or no longer has (the sample is below that size: made to do it here). No page
    it writes goes through a link into the old site, and a page gone leaves no folder behind."""
    monkeypatch.setattr(search.os, "cpu_count", lambda: 2)
    monkeypatch.setattr(search, "BACKGROUND_FROM", 1)
    ahead: list[int] = []
    original = Incremental.link_ahead

    def recording(self: Incremental, *args: Any) -> None:
        original(self, *args)
        ahead.append(len(self._ahead.result()) if self._ahead is not None else 0)

    monkeypatch.setattr(Incremental, "link_ahead", recording)
    old = base.site_dir / "en/account/two-factor/index.html"
    kept = base.root / "kept.html"
    shutil.copy2(old, kept)
    link = base.root / "old-two-factor.html"
    link.hardlink_to(old)
    EDITS[name](base)
    rebuild_and_compare(base)
    assert ahead and ahead[0] > 10  # every page of the old site was given to the search process
    assert _folders(base.site_dir) == _folders(base.root.parent / "clean")
    assert link.read_bytes() == kept.read_bytes()  # the old site's file, never written through


def _links_ahead_for(site: Site, monkeypatch: pytest.MonkeyPatch) -> Path:
    """What `kbgen build`'s detached process makes after a build (the sample is below the size where it does):
    the folder of links to the site's page files that the next build takes."""
    monkeypatch.setattr(links_ahead, "MIN_PAGES", 1)
    cache = build_cache.load_cache(site.site_dir)
    assert cache is not None
    links_ahead.make(site.site_dir, cache.page_files())
    made = [entry for entry in site.root.iterdir() if entry.name.startswith(".site.kbgen-ahead-")]
    assert len(made) == 1 and made[0].name.endswith(str(links_ahead.site_tag(site.site_dir)))
    return made[0]


def _record_adopted(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    adopted: list[int] = []
    original = links_ahead.adopt

    def recording(*args: Any) -> list[str]:
        kept = original(*args)
        adopted.append(len(kept))
        return kept

    monkeypatch.setattr(links_ahead, "adopt", recording)
    return adopted


@pytest.mark.parametrize("name", ["body", "title", "rename", "delete", "move-folder", "add", "translation-outdated"])
def test_a_rebuild_that_takes_the_links_made_after_the_last_build_is_byte_identical_too(
    base: Site, name: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    made = _links_ahead_for(base, monkeypatch)
    page = "en/account/two-factor/index.html"
    assert (made / page).stat().st_ino == (base.site_dir / page).stat().st_ino  # a link, not a copy
    adopted = _record_adopted(monkeypatch)
    EDITS[name](base)
    rebuild_and_compare(base)
    assert adopted and adopted[0] > 10  # taken as the staging folder, its links checked
    assert not made.exists()
    assert _folders(base.site_dir) == _folders(base.root.parent / "clean")  # no folder left empty by a page gone


def test_files_that_are_not_the_site_s_own_in_the_links_made_ahead_never_reach_the_new_site(
    base: Site, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The folder beside the site is kbgen's, but whatever else is found in it (a stray file, a link out, a page
    file that is no longer the site's own) is removed before a page is written."""
    made = _links_ahead_for(base, monkeypatch)
    (made / "secret.txt").write_text("STRAY\n")
    (made / "en/billing/pay/extra.html").write_text("STRAY\n")
    (made / "en/brand-new").mkdir()
    (made / "en/brand-new/index.html").write_text("STRAY\n")
    (made / "en/account/link.html").symlink_to("/etc/hostname")
    stale = made / "en/account/reset/index.html"  # a page the rebuild keeps: the body edit is two-factor's
    text = stale.read_text(encoding="utf-8")
    stale.unlink()
    stale.write_text(text.replace("</body>", "STALE</body>"), encoding="utf-8")  # another file than the site's
    EDITS["body"](base)
    rebuild_and_compare(base)
    built = "".join(path.read_text(encoding="utf-8", errors="replace") for path in base.site_dir.rglob("*.html"))
    assert "STRAY" not in built and "STALE" not in built
    assert not (base.site_dir / "secret.txt").exists() and not (base.site_dir / "en/brand-new").exists()
    assert _folders(base.site_dir) == _folders(base.root.parent / "clean")


def test_links_made_for_a_site_that_was_replaced_since_are_not_taken(
    base: Site, monkeypatch: pytest.MonkeyPatch
) -> None:
    made = _links_ahead_for(base, monkeypatch)
    manifest_file = base.site_dir / manifest.MANIFEST_NAME
    copy = manifest_file.with_name("copy.txt")
    shutil.copy2(manifest_file, copy)
    copy.replace(manifest_file)  # the same text in a new file: another site, as far as the links can tell
    adopted = _record_adopted(monkeypatch)
    EDITS["body"](base)
    rebuild_and_compare(base)
    assert adopted == [] and made.is_dir()  # left for the next build's detached process to remove
    links_ahead.make(base.site_dir, ["en/account/two-factor/index.html"])
    assert not made.exists()


def test_kbgen_build_links_the_next_build_s_pages_after_it_returns(base: Site) -> None:
    """The real command: its detached process makes the links (the sample made large enough for it), and the
    next `kbgen build` takes them and builds what a clean build builds."""
    command = (
        "import sys; import kbgen.publishing.links_ahead as ahead; ahead.MIN_PAGES = 1; "
        "from kbgen.cli import main; sys.argv = ['kbgen', *sys.argv[1:]]; main()"
    )
    today = ["--today", SAMPLE_TODAY.isoformat()]

    def build() -> Path:
        done = subprocess.run(
            [sys.executable, "-c", command, "build", *today], cwd=base.root, env=kbgen_env(), capture_output=True,
            text=True, timeout=120,
        )  # fmt: skip
        assert done.returncode in (0, 1), done.stderr
        made = base.root / f".site.kbgen-ahead-{links_ahead.site_tag(base.site_dir)}"
        wait_until(made.is_dir, "the links made ahead by the detached process", timeout=60)
        return made

    first = build()
    EDITS["body"](base)
    second = build()
    assert not first.exists() and second != first
    clean = base.root.parent / "clean"
    build_site(base.config_file, clean, SAMPLE_TODAY, strict=False, reuse=False)
    assert differing_files(base.site_dir, clean) == []
    page = "en/account/two-factor/index.html"
    assert (second / page).stat().st_ino == (base.site_dir / page).stat().st_ino


@pytest.mark.parametrize("dest", ["../victim.txt", "/etc/hostname", "en/../../victim.txt"])
def test_a_cache_naming_a_page_file_outside_the_site_links_and_removes_nothing_there(
    base: Site, monkeypatch: pytest.MonkeyPatch, dest: str
) -> None:
    """The cache is a file beside the site: a page file named outside it is never linked ahead nor unlinked (the
    unlinking of pages a build does not keep would otherwise delete a file of the project)."""
    monkeypatch.setattr(search.os, "cpu_count", lambda: 2)
    monkeypatch.setattr(search, "BACKGROUND_FROM", 1)
    victim = base.root / "victim.txt"
    victim.write_text("keep me\n")
    cache = cache_path_for(base.site_dir)
    data = read_cache_file(cache)
    pages = pickle.loads(data["pages"])
    record = list(next(iter(pages.values())))
    record[data["fields"].index("dest")] = dest
    pages["en/zz-forged.md"] = record
    data["pages"] = pickle.dumps(pages)
    write_cache_file(cache, data)
    EDITS["body"](base)
    rebuild_and_compare(base)
    assert victim.read_text() == "keep me\n"
    assert not (base.root.parent / "victim.txt").exists()


def _folders(root: Path) -> set[Path]:
    return {path.relative_to(root) for path in root.rglob("*") if path.is_dir()}


def test_a_rebuild_s_manifest_reads_no_search_file_again(base: Site, monkeypatch: pytest.MonkeyPatch) -> None:
    """The search folder's digests come from its writing (a linked file's as recorded); the manifest still matches
    the files, as the clean build's and `kbgen verify` say."""
    read: list[str] = []
    original = manifest.file_sha256

    def recording(path: Path | str) -> str:
        read.append(str(path))
        return original(path)

    monkeypatch.setattr(manifest, "file_sha256", recording)
    EDITS["body"](base)
    rebuild_and_compare(base)
    assert read  # the edited page and the site's other written files are read
    assert not [path for path in read if f"/{PREFIX}/" in path]
    assert manifest.verify_manifest(base.site_dir) == []


def test_a_large_kbgen_build_rebuild_checks_in_a_process_of_its_own_and_finds_what_a_clean_build_finds(
    base: Site, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The checks of a rebuild by the `kbgen build` command (detached_cleanup) run in a fork while the pages are
    read and the search indexed (the sample is below that size: made to here); the findings are the same."""
    monkeypatch.setattr(search.os, "cpu_count", lambda: 2)
    monkeypatch.setattr(search, "BACKGROUND_FROM", 1)
    forks: list[int] = []
    original = plugin.start_aside

    def recording(work: Callable[[], Any]) -> Any:
        forks.append(1)
        return original(work)

    monkeypatch.setattr(plugin, "start_aside", recording)
    edit(base, "en/account/two-factor.md", "Open **Settings**", "Open [the old page](gone.md) **Settings**")
    result = build_site(base.config_file, None, SAMPLE_TODAY, strict=False, detached_cleanup=True)
    clean = build_site(base.config_file, base.root.parent / "clean", SAMPLE_TODAY, strict=False, reuse=False)
    assert forks == [1]
    assert result.findings == clean.findings
    assert any(f.code == "KB301" and "two-factor.md" in f.path for f in result.findings)
    # the fork also kept the load memo for the next run (before the checks): the edited file is in it
    project = load_project(base.config_file, None)
    memo = LoadMemo(cache_path_for(result.site_dir).with_name("load.pickle"))
    load_corpus(project.docs_dir, project.kb, project.display_prefix, memo=memo)
    assert memo.hits == sum(1 for _ in project.docs_dir.rglob("*.md")) and memo.added == 0


def test_a_body_edit_rebuilds_only_that_page(base: Site) -> None:
    EDITS["body"](base)
    result = rebuild_and_compare(base)
    assert result.pages > 10
    assert result.reused == result.pages - 1  # nothing else shows the body: only the edited page is written again


@pytest.mark.parametrize(("name", "rendered"), [("body", False), ("reviewed-date", True), ("translation-added", True)])
def test_the_sitemap_is_rendered_again_only_when_a_page_it_lists_changed(
    base: Site, name: str, rendered: bool, monkeypatch: pytest.MonkeyPatch
) -> None:
    templates: list[str] = []
    original = mkdocs_build._build_theme_template
    monkeypatch.setattr(
        mkdocs_build, "_build_theme_template", lambda name, *a: [templates.append(name), original(name, *a)]
    )
    before = (base.site_dir / "sitemap.xml").read_text(encoding="utf-8")
    EDITS[name](base)
    build_site(base.config_file, None, SAMPLE_TODAY, strict=False)
    assert ("sitemap.xml" in templates) is rendered
    assert ((base.site_dir / "sitemap.xml").read_text(encoding="utf-8") != before) is rendered
    clean = base.root.parent / "clean"
    build_site(base.config_file, clean, SAMPLE_TODAY, strict=False, reuse=False)
    assert differing_files(base.site_dir, clean) == []


def test_a_section_text_edit_rebuilds_only_that_section_s_page(base: Site) -> None:
    EDITS["section-body"](base)
    result = rebuild_and_compare(base)
    assert "We bill every month" in base.read_output("en/billing/index.html")
    assert result.reused == result.pages - 1  # the text shows on the section's page alone


def _record_views_worked_out(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The pages whose view and render key rebuilds work out from now on (not those known unchanged)."""
    worked: list[str] = []
    original = Incremental._render_key

    def recording(self: Incremental, file: Any, *args: Any) -> str:
        worked.append(file.src_uri)
        return original(self, file, *args)

    monkeypatch.setattr(Incremental, "_render_key", recording)
    return worked


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("body", ["en/account/two-factor.md"]),
        # the source's new text makes its Turkish translation outdated: that page's notice changes too
        ("translation-outdated", ["en/account/reset.md", "tr/account/reset.md"]),
        # a section's text shows on its page alone: no other page's view can change
        ("section-body", ["en/billing/index.md"]),
    ],
)
def test_after_a_body_edit_only_the_edited_pages_and_their_translations_views_are_worked_out(
    base: Site, monkeypatch: pytest.MonkeyPatch, name: str, expected: list[str]
) -> None:
    worked = _record_views_worked_out(monkeypatch)
    EDITS[name](base)
    build_site(base.config_file, None, SAMPLE_TODAY, strict=False)
    assert sorted(worked) == expected
    monkeypatch.undo()
    clean = base.root.parent / "clean"
    build_site(base.config_file, clean, SAMPLE_TODAY, strict=False, reuse=False)
    assert differing_files(base.site_dir, clean) == []


def test_a_title_edit_works_out_every_page_view_again(base: Site, monkeypatch: pytest.MonkeyPatch) -> None:
    """Other pages show titles (listings, navigation, neighbours): no page's view is assumed unchanged."""
    worked = _record_views_worked_out(monkeypatch)
    EDITS["title"](base)
    result = rebuild_and_compare(base)
    assert len(worked) >= result.pages  # the clean build works them out too


def test_nothing_changed_reuses_every_page(base: Site) -> None:
    result = rebuild_and_compare(base)
    assert result.reused == result.pages


def test_a_new_day_rebuilds_what_depends_on_the_date(base: Site) -> None:
    rebuild_and_compare(base, SAMPLE_TODAY + timedelta(days=200))  # reviews fall due: notices and listings change


@pytest.mark.parametrize(
    "change",
    [
        lambda s: s.config_file.write_text(
            s.config_file.read_text(encoding="utf-8").replace("Test Help Center", "Renamed Center"), encoding="utf-8"
        ),
        lambda s: (s.root / "theme/main.html").write_text(
            (s.root / "theme/main.html").read_text(encoding="utf-8") + "\n{# edited #}<!-- edited -->\n",
            encoding="utf-8",
        ),
    ],
    ids=["mkdocs.yml", "theme-template"],
)
def test_a_settings_or_theme_change_rebuilds_every_page(base: Site, change: Callable[[Site], None]) -> None:
    change(base)
    result = rebuild_and_compare(base)
    assert result.reused == 0


def test_a_page_edited_by_hand_in_the_output_is_built_again(base: Site) -> None:
    page = base.site_dir / "en/account/reset/index.html"
    page.write_text(page.read_text(encoding="utf-8").replace("Security", "Tampered"), encoding="utf-8")
    result = rebuild_and_compare(base)
    assert result.reused == result.pages - 1


def test_a_search_file_changed_in_the_output_means_its_language_is_indexed_again(
    base: Site, monkeypatch: pytest.MonkeyPatch
) -> None:
    shard = sorted((base.site_dir / "kb-search/immutable/tr/t").glob("*.kbs"))[0]
    shard.write_bytes(shard.read_bytes()[::-1])  # the same size: only its mtime tells
    indexed = record_indexed_languages(monkeypatch)
    rebuild_and_compare(base)  # the rebuilt site's Turkish files equal a clean build's, not the tampered copy
    assert indexed[0] == "tr" and indexed.count("en") == 1


def test_an_unchanged_language_s_search_files_take_no_second_copy_on_disk(base: Site) -> None:
    before = {
        p.relative_to(base.site_dir): p.stat().st_ino for p in (base.site_dir / "kb-search/immutable").rglob("*.kbs")
    }
    EDITS["translation-edit"](base)
    rebuild_and_compare(base)
    english = list((base.site_dir / "kb-search/immutable/en").rglob("*.kbs"))
    assert english and all(p.stat().st_ino == before[p.relative_to(base.site_dir)] for p in english)


@pytest.mark.parametrize("damage", ["missing", "garbage", "other-site"])
def test_a_missing_or_foreign_cache_means_a_full_build(base: Site, damage: str) -> None:
    cache = cache_path_for(base.site_dir)
    if damage == "missing":
        cache.unlink()
    elif damage == "garbage":
        cache.write_text("{not json", encoding="utf-8")
    else:  # the cache of another build of this folder: its manifest digest does not match this site's
        data = read_cache_file(cache)
        write_cache_file(cache, {**data, "manifest": "0" + data["manifest"]})
    EDITS["body"](base)
    result = rebuild_and_compare(base)
    assert result.reused == 0


def test_a_cache_that_names_a_function_runs_nothing_and_means_a_full_build(base: Site, tmp_path: Path) -> None:
    """The cache is a pickle: one someone else wrote must not run code when kbgen reads it."""
    marker = tmp_path / "pwned"

    class Payload:
        def __reduce__(self) -> tuple[object, ...]:
            return (Path.touch, (marker,))

    cache = cache_path_for(base.site_dir)
    data = read_cache_file(cache)
    data["setting"] = Payload()
    cache.write_bytes(b"kbgen build cache\n" + pickle.dumps(data))
    EDITS["body"](base)
    assert rebuild_and_compare(base).reused == 0
    assert not marker.exists()


def test_clean_builds_every_page(base: Site) -> None:
    result = build_site(base.config_file, None, SAMPLE_TODAY, strict=False, reuse=False)
    assert result.reused == 0 and result.pages > 10


def test_reused_pages_do_not_share_writes_with_the_previous_site(base: Site) -> None:
    """Reused pages are hard links; a rebuilt page is a new file, so the old site never changes under a reader."""
    old = base.site_dir / "en/account/two-factor/index.html"
    kept = base.root / "kept.html"
    shutil.copy2(old, kept)
    link = base.root / "old-two-factor.html"
    link.hardlink_to(old)
    EDITS["body"](base)
    rebuild_and_compare(base)
    assert link.read_bytes() == kept.read_bytes()


def test_a_serve_save_rebuilds_incrementally(base: Site, monkeypatch: pytest.MonkeyPatch) -> None:
    results: list[BuildResult] = []

    def recording(*args: object, **kwargs: object) -> BuildResult:
        result = build_site(*args, **kwargs)  # type: ignore[arg-type]
        results.append(result)
        return result

    monkeypatch.setattr(serve, "build_site", recording)
    preview = serve.Preview(base.config_file, SAMPLE_TODAY, [base.content], say=lambda line: None)
    try:
        preview.rebuild()
        EDITS["body"](base)
        preview.rebuild()
        assert results[0].reused == 0
        assert results[1].reused == results[1].pages - 1
        assert preview.shown is not None
        clean = base.root.parent / "clean"
        build_site(base.config_file, clean, SAMPLE_TODAY, strict=False, reuse=False)
        assert differing_files(preview.shown, clean) == []
        first = preview.workdir / "site-1"
        assert not first.exists() and not cache_path_for(first).exists()  # the replaced preview and its cache
        assert sorted(p.relative_to(preview.workdir).as_posix() for p in preview.workdir.glob(".*/search-terms-*")) == [
            f".site-2.kbgen-cache/search-terms-{lang}.json" for lang in ("en", "tr")
        ]  # the search analyses moved on with the preview shown
    finally:
        preview.stop()


def test_only_the_edited_language_is_indexed_again(base: Site, monkeypatch: pytest.MonkeyPatch) -> None:
    indexed = record_indexed_languages(monkeypatch)
    EDITS["translation-edit"](base)  # a Turkish body: English is indexed from the same documents as before
    rebuild_and_compare(base)
    assert indexed[0] == "tr" and indexed.count("en") == 1  # the rebuild indexed only Turkish; the clean build both


def test_a_body_edit_analyses_only_that_article_for_search(base: Site, monkeypatch: pytest.MonkeyPatch) -> None:
    analysed = record_analysed_documents(monkeypatch)
    EDITS["body"](base)
    build_site(base.config_file, None, SAMPLE_TODAY, strict=False)
    assert analysed == ["en/account/two-factor/"]
    for memo in base.root.glob(".site.kbgen-cache/search-terms-*.json"):
        memo.write_text("{damaged", encoding="utf-8")
    edit(base, "en/account/reset.md", "Open **Settings**", "Open the settings")
    analysed.clear()
    rebuild_and_compare(base)  # a damaged memo: every English article analysed afresh, the same site
    assert "en/account/two-factor/" in analysed


def test_bytecode_python_writes_does_not_count_as_a_change_to_kbgen(tmp_path: Path) -> None:
    """`kbgen check` between two builds compiles modules the build never imported; the cache must survive it."""
    (tmp_path / "module.py").write_text("X = 1\n", encoding="utf-8")
    before = tree_stats(tmp_path)
    (tmp_path / "__pycache__").mkdir()
    (tmp_path / "__pycache__" / "module.cpython-311.pyc").write_bytes(b"\0" * 16)
    assert tree_stats(tmp_path) == before
    (tmp_path / "module.py").write_text("X = 22\n", encoding="utf-8")
    assert tree_stats(tmp_path) != before


def test_a_strict_rebuild_is_not_failed_by_mkdocs_dirty_build_warning(base: Site) -> None:
    EDITS["body"](base)
    result = build_site(base.config_file, None, SAMPLE_TODAY, strict=True)  # would raise BuildFailed on a warning
    assert result.findings == [] and result.reused == result.pages - 1


def test_a_cache_that_cannot_be_written_costs_a_full_build_not_a_stale_one(
    base: Site, monkeypatch: pytest.MonkeyPatch
) -> None:
    def disk_full(path: Path, data: object) -> None:
        path.write_bytes(b"kbgen build cache\n\x80")  # half written
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(build_cache, "write_cache_file", disk_full)
    EDITS["body"](base)
    build_site(base.config_file, None, SAMPLE_TODAY, strict=False)
    assert not cache_path_for(base.site_dir).exists()  # the old cache described the old site: gone too
    assert not list(cache_path_for(base.site_dir).parent.glob("*.tmp"))  # nor is the half-written one left
    monkeypatch.undo()
    EDITS["title"](base)
    assert rebuild_and_compare(base).reused == 0


def test_a_failed_rebuild_leaves_the_site_and_its_cache_usable(base: Site, monkeypatch: pytest.MonkeyPatch) -> None:
    before = {p: p.read_bytes() for p in base.site_dir.rglob("*") if p.is_file()}
    original = confinement.page_markdown

    def faulty(markdown: str, page: Any, corpus: Any, kb: Any, **options: Any) -> str:
        if page.file.src_uri == "en/account/two-factor.md":
            raise RuntimeError("injected fault")
        return original(markdown, page, corpus, kb, **options)

    monkeypatch.setattr(confinement, "page_markdown", faulty)
    EDITS["body"](base)
    with pytest.raises(InternalError):
        build_site(base.config_file, None, SAMPLE_TODAY, strict=False)
    assert {p: p.read_bytes() for p in base.site_dir.rglob("*") if p.is_file()} == before
    monkeypatch.undo()
    result = rebuild_and_compare(base)
    assert result.reused == result.pages - 1  # the old cache still describes the old site: only the edit is rebuilt


def test_a_file_saved_during_a_build_is_read_again_by_the_next(base: Site, monkeypatch: pytest.MonkeyPatch) -> None:
    """A page is keyed by its file as loaded but read as it is when read; a writer saving in between makes a page
    its keys do not describe, so they are dropped: going back to the loaded text reads it again, not reuses it."""
    path = base.content / "en/account/two-factor.md"
    EDITS["body"](base)
    loaded = path.read_text(encoding="utf-8")
    original = Incremental.plan_reading

    def saved_meanwhile(self: Incremental, files: Any, corpus: Any) -> None:
        original(self, files, corpus)  # after loading, before reading
        path.write_text(loaded.replace("**Settings**", "**Preferences**"), encoding="utf-8")

    monkeypatch.setattr(Incremental, "plan_reading", saved_meanwhile)
    build_site(base.config_file, None, SAMPLE_TODAY, strict=False)
    assert "Preferences" in (base.site_dir / "en/account/two-factor/index.html").read_text(encoding="utf-8")
    monkeypatch.undo()
    path.write_text(loaded, encoding="utf-8")
    rebuild_and_compare(base)  # the page shows the loaded text again, as a clean build does


@pytest.mark.parametrize("name", ["../../mkdocs.yml", "/etc/hostname", "tr/linked.kbs"])
def test_search_files_named_by_the_cache_are_read_only_inside_the_previous_search_folder(
    base: Site, monkeypatch: pytest.MonkeyPatch, name: str
) -> None:
    (base.site_dir / "kb-search/tr/linked.kbs").symlink_to(base.config_file)
    manifest = base.site_dir / "kbgen-manifest.txt"  # the link is listed, so the site stays kbgen's to replace
    manifest.write_text(manifest.read_text(encoding="utf-8") + f"{'0' * 64}  kb-search/tr/linked.kbs\n", "utf-8")
    cache = cache_path_for(base.site_dir)
    data = read_cache_file(cache)
    linked = (base.site_dir / "kb-search/tr/linked.kbs").stat()
    data["search"]["tr"]["files"][name] = ["0" * 64, linked.st_size, linked.st_mtime_ns]
    data["manifest"] = build_cache.manifest_digest(base.site_dir)
    write_cache_file(cache, data)
    indexed = record_indexed_languages(monkeypatch)
    rebuild_and_compare(base)
    assert indexed[0] == "tr"  # the Turkish index was built again, not read through the name


def test_a_languages_search_input_digest_changes_with_any_field_of_any_document() -> None:
    """Equal digests read the previous search files back, so any change to what is indexed must change it."""
    docs = [
        SearchDocument("en/a/", "Pay", "Cards.", "Open Settings.", "en", "billing", ("3.2",), "Billing"),
        SearchDocument("en/b/", "Plans", "", "See pay.", "en", "billing"),
    ]
    digest = input_digest("en", docs, [["invoice", "bill"]])
    assert input_digest("en", list(docs), [["invoice", "bill"]]) == digest
    changed = [
        input_digest("tr", docs, [["invoice", "bill"]]),
        input_digest("en", docs, [["invoice", "bills"]]),
        input_digest("en", docs[::-1], [["invoice", "bill"]]),
        input_digest("en", docs[:1], [["invoice", "bill"]]),
        input_digest("en", [*docs, docs[1]], [["invoice", "bill"]]),
    ]
    for field in dataclasses.fields(SearchDocument):
        value = getattr(docs[0], field.name)
        other = (*value, "4.0") if isinstance(value, tuple) else f"{value}x"
        changed.append(
            input_digest("en", [dataclasses.replace(docs[0], **{field.name: other}), docs[1]], [["invoice", "bill"]])
        )
    # a text moved from one field to the next is another input, as is a version written as one string
    changed.append(
        input_digest(
            "en", [dataclasses.replace(docs[0], title="PayCards.", summary=""), docs[1]], [["invoice", "bill"]]
        )
    )
    changed.append(
        input_digest("en", [dataclasses.replace(docs[0], versions=("3", ".2")), docs[1]], [["invoice", "bill"]])
    )
    assert len({digest, *changed}) == len(changed) + 1


def test_the_outward_key_from_a_previous_build_s_digests_is_the_key_worked_out_afresh(base: Site) -> None:
    """A rebuild prints only the articles it loaded afresh for the key that says whether listings and navigation
    changed; the digests it takes for the others give the very key printing them all would."""
    project = load_project(base.config_file, None)
    corpus = load_corpus(project.docs_dir, project.kb, project.display_prefix)
    kept: dict[str, str] = {}
    afresh = outward_key(corpus, None, kept)
    assert len(kept) == len(corpus.articles) and outward_key(corpus, kept) == afresh
    EDITS["title"](base)
    edited = load_corpus(project.docs_dir, project.kb, project.display_prefix)
    assert outward_key(edited, kept) == outward_key(edited) != afresh
