"""`kbgen serve` patches an edit of an article's text into the site shown (kbgen.publishing.patch), and the result
is the clean build of the same content, byte for byte, with the same findings.

Each test starts a preview on a copy of one small multilingual site, makes the edits a writer makes, lets the
preview take them as its watcher would (the files that changed between two looks), and compares the site shown
with a clean build. Edits a patch cannot build exactly must fall back to the rebuild, which is compared too.
"""

from __future__ import annotations

import shutil
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from kbgen.model import Finding
from kbgen.publishing import patch, serve
from kbgen.publishing.build_cache import load_cache
from kbgen.publishing.site_build import BuildResult, build_site
from tests.support.edits import EDITS, edit, write_content
from tests.support.project import SAMPLE_TODAY, Site, article, differing_files
from tests.support.search import record_compressions

# The edits of tests.support.edits a patch builds; every other one changes what other pages show (a title, an
# order, a translation's state...) or adds or removes a file, and goes to the rebuild.
PATCHED = {"body", "heading", "translation-edit", "translation-outdated"}
# Edits that bring a new error (a stale review date, a link into a draft...): the site shown stays as it was.
REFUSED = {"broken-front-matter", "reviewed-date", "section-interval", "status-draft"}


@pytest.fixture(scope="module")
def built_base(tmp_path_factory: pytest.TempPathFactory) -> Site:
    site = Site(tmp_path_factory.mktemp("base") / "project")
    write_content(site)
    return site


class Watched:
    """A preview of a private copy of the project, told of each edit as its watcher would tell it."""

    def __init__(self, site: Site) -> None:
        self.site = site
        self.lines: list[str] = []
        self.preview = serve.Preview(site.config_file, SAMPLE_TODAY, [site.content], say=self.lines.append)
        self.last = self.preview.snapshot()
        self.preview.rebuild(read=self.last)  # as serve's first build: told what it reads

    def save(self, change: Callable[[Site], None]) -> str:
        """Make the edit and let the preview take it; returns its outcome line ("patched ...", "rebuilt ...")."""
        change(self.site)
        current = self.preview.snapshot()
        changed = self.preview.changed_articles(self.last, current)
        self.last = current
        self.preview.rebuild(changed)
        self.findings = [finding.format() for finding in self.preview.terminal.findings]
        return self.lines[-1]

    def take(self, change: Callable[[Site], None]) -> str:
        """As `save`, through the watcher's own step (Preview.take); returns the outcome line."""
        change(self.site)
        current = self.preview.snapshot()
        self.preview.take(self.last, current)
        self.last = current
        self.findings = [finding.format() for finding in self.preview.terminal.findings]
        return self.lines[-1]

    def assert_shows_the_clean_build(self) -> None:
        target = self.site.root.parent / f"clean-{len(list(self.site.root.parent.glob('clean-*')))}"
        result = build_site(self.site.config_file, target, SAMPLE_TODAY, strict=False, reuse=False)
        assert self.preview.shown is not None
        assert differing_files(self.preview.shown, target) == []
        assert self.findings == [finding.format() for finding in sorted(result.findings, key=Finding.sort_key)]


@contextmanager
def watching(built_base: Site, tmp_path: Path) -> Iterator[Watched]:
    root = tmp_path / "project"
    shutil.copytree(built_base.root, root, symlinks=True)
    site = Site.__new__(Site)
    site.root, site.content = root, root / "content"
    preview = Watched(site)
    try:
        yield preview
    finally:
        preview.preview.stop()


@pytest.fixture
def watched(built_base: Site, tmp_path: Path) -> Iterator[Watched]:
    with watching(built_base, tmp_path) as preview:
        yield preview


@pytest.mark.parametrize("name", sorted(set(EDITS) - REFUSED))
def test_an_edit_shows_the_clean_build_patched_or_rebuilt(watched: Watched, name: str) -> None:
    outcome = watched.save(EDITS[name])
    assert outcome.startswith("patched" if name in PATCHED else "rebuilt"), outcome
    watched.assert_shows_the_clean_build()


@pytest.mark.parametrize("name", sorted(REFUSED))
def test_an_edit_with_a_new_error_leaves_the_site_shown_as_it_was(watched: Watched, name: str) -> None:
    assert watched.preview.shown is not None
    before = watched.site.root.parent / "before"
    shutil.copytree(watched.preview.shown, before)
    outcome = watched.save(EDITS[name])
    assert "not shown" in outcome
    assert differing_files(watched.preview.shown, before) == []


@pytest.mark.parametrize("process", [False, True], ids=["indexed-here", "search-process"])
def test_patches_in_a_row_then_a_rebuild_reuse_what_the_patches_wrote(
    built_base: Site, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, process: bool
) -> None:
    """A small site is indexed in serve's own process; a large one in a search process kept for the session."""
    monkeypatch.setattr(patch, "SEARCH_PROCESS_FROM", 0 if process else 10**9)
    with watching(built_base, tmp_path) as watched:
        assert (watched.preview.session is not None and watched.preview.session.indexer is not None) == process
        _patches_in_a_row_then_a_rebuild(watched)


def _patches_in_a_row_then_a_rebuild(watched: Watched) -> None:
    first = watched.save(EDITS["body"])
    second = watched.save(lambda s: edit(s, "en/account/two-factor.md", "the **Settings** page", "**Settings**"))
    third = watched.save(EDITS["translation-edit"])
    assert [line.split(" in ")[0] for line in (first, second, third)] == ["patched 1 page"] * 3
    watched.assert_shows_the_clean_build()
    rebuilt = watched.save(EDITS["title"])
    assert rebuilt.startswith("rebuilt"), rebuilt
    watched.assert_shows_the_clean_build()
    cache = load_cache(watched.preview.shown) if watched.preview.shown is not None else None
    assert cache is not None and cache.pages  # the rebuild left a cache for the next one


def test_a_refused_edit_is_written_with_the_next_patch_that_is_shown(watched: Watched) -> None:
    broken = watched.save(lambda s: edit(s, "en/account/two-factor.md", "Open", "See [missing](missing.md). Open"))
    assert "patched 1 page" in broken and "not shown" in broken
    other = watched.save(lambda s: edit(s, "en/billing/pay.md", "1. Sign in.", "1. Sign in again."))
    assert "patched 2 pages" in other and "not shown" in other  # the broken link is still there
    fixed = watched.save(lambda s: edit(s, "en/account/two-factor.md", "See [missing](missing.md). ", ""))
    assert fixed.startswith("patched 2 pages"), fixed
    watched.assert_shows_the_clean_build()


def test_an_image_a_text_edit_links_or_unlinks_is_published_or_taken_out_by_a_build(watched: Watched) -> None:
    """The site publishes only the images a public page links. A writer added a screenshot (rebuilt: nobody links
    it, so it is not published), then linked it from an article: the patch wrote the page with the link left as
    `shot.png` and no image in the site, a broken picture in the preview until the next rebuild."""
    (watched.site.content / "en/account/shot.png").write_bytes(b"\x89PNG\r\n\x1a\n a screenshot")
    assert watched.save(lambda s: None).startswith("rebuilt")
    linked = watched.save(lambda s: edit(s, "en/account/two-factor.md", "Open", "![The page](shot.png)\n\nOpen"))
    assert linked.startswith("rebuilt"), linked
    assert watched.lines[-2].endswith("; not patched: the images or files it links changed")
    assert watched.preview.shown is not None and (watched.preview.shown / "en/account/shot.png").is_file()
    assert 'src="../shot.png"' in (watched.preview.shown / "en/account/two-factor/index.html").read_text()
    watched.assert_shows_the_clean_build()
    unlinked = watched.save(lambda s: edit(s, "en/account/two-factor.md", "![The page](shot.png)\n\n", ""))
    assert unlinked.startswith("rebuilt"), unlinked
    assert not (watched.preview.shown / "en/account/shot.png").exists()
    watched.assert_shows_the_clean_build()


def test_after_a_refused_rebuild_the_save_that_fixes_it_is_patched(watched: Watched) -> None:
    """A retitled article that links nowhere is rebuilt in full and refused; the session's build was dropped with
    it, so every save after it (the fix, then each text edit) was a full rebuild until one was shown: 20 to 100 s
    each on a large help center, where a patch takes a second."""
    plans = watched.site.content / "en/billing/plans.md"
    text = plans.read_text(encoding="utf-8")
    retitled = text.replace("title: Plans", "title: Plans and prices", 1) + "\nSee [the old plans](gone.md).\n"
    broken = watched.take(lambda s: plans.write_text(retitled, encoding="utf-8"))
    assert broken.startswith("rebuilt") and "not shown" in broken, broken
    fixed = watched.take(lambda s: plans.write_text(text + "\nSee the new plans.\n", encoding="utf-8"))
    assert fixed.startswith("patched 1 page"), fixed
    watched.assert_shows_the_clean_build()
    assert watched.take(EDITS["body"]).startswith("patched 1 page")
    watched.assert_shows_the_clean_build()


@pytest.mark.parametrize(
    ("name", "file", "declined"),
    [
        ("title", "en/billing/pay.md", "its front matter changed"),
        ("section-body", "en/billing/index.md", "only a published article's text is patched"),
    ],
)
def test_the_terminal_says_why_a_text_edit_is_rebuilt_in_full(
    watched: Watched, name: str, file: str, declined: str
) -> None:
    """A patch shows a save in a second, a full rebuild in 20 to 100 s on a large help center: the writer is told
    which it is, and why, before the wait."""
    watched.take(EDITS[name])
    assert f"rebuilding (full): content/{file} changed; not patched: {declined}" in watched.lines


def test_a_file_renamed_in_a_refused_save_is_rebuilt_when_the_error_is_fixed(watched: Watched) -> None:
    """The fix alone is a text edit, but the site shown was made before the rename: only a build shows both."""
    watched.take(lambda s: (EDITS["rename"](s), EDITS["broken-front-matter"](s)))
    fixed = watched.take(lambda s: edit(s, "en/billing/plans.md", "title: [Plans", "title: Plans"))
    assert fixed.startswith("rebuilt") and "not shown" not in fixed, fixed
    watched.assert_shows_the_clean_build()


def test_a_patch_stopped_part_way_is_not_patched_from_after_a_refused_rebuild(
    watched: Watched, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A patch that failed after it changed the session's objects leaves them holding half an edit: they describe
    no site, so the rebuild that follows drops them even when it is refused."""

    def fails(*args: object) -> None:
        raise OSError("disk full")

    monkeypatch.setattr(patch, "write_again", fails)
    link = "See [missing](missing.md). "
    broken = watched.take(lambda s: edit(s, "en/account/two-factor.md", "Open", f"{link}Open"))
    assert broken.startswith("rebuilt") and "not shown" in broken, broken
    assert watched.preview.session is None
    monkeypatch.undo()
    assert watched.take(lambda s: edit(s, "en/account/two-factor.md", link, "")).startswith("rebuilt")
    watched.assert_shows_the_clean_build()


def test_a_heading_another_page_links_to_is_a_finding_in_that_page(watched: Watched) -> None:
    watched.save(lambda s: edit(s, "en/billing/plans.md", "[pay](pay.md)", "[pay](pay.md#steps)"))
    outcome = watched.save(EDITS["heading"])
    assert "not shown" in outcome
    assert any("content/en/billing/plans.md" in line and "steps" in line for line in watched.findings)


def test_a_section_heading_another_page_links_to_is_a_finding_in_that_page(watched: Watched) -> None:
    """A section's text is not patched (its edit is rebuilt), and the links into it are judged again."""
    watched.save(lambda s: edit(s, "en/billing/index.md", "We bill monthly", "## How we bill\n\nWe bill monthly"))
    link = "[pay](pay.md) and [billing](index.md#how-we-bill)"
    assert watched.save(lambda s: edit(s, "en/billing/plans.md", "[pay](pay.md)", link)).startswith("patched")
    watched.assert_shows_the_clean_build()  # the anchor is there
    outcome = watched.save(lambda s: edit(s, "en/billing/index.md", "## How we bill", "## Billing"))
    assert outcome.startswith("rebuilt") and "not shown" in outcome
    clean = build_site(watched.site.config_file, watched.site.root.parent / "clean", SAMPLE_TODAY, False, reuse=False)
    assert watched.findings == [finding.format() for finding in sorted(clean.findings, key=Finding.sort_key)]
    assert any("plans.md" in line and "'#how-we-bill' not found" in line for line in watched.findings)


def test_only_text_edits_of_existing_markdown_files_are_offered_for_a_patch(watched: Watched) -> None:
    preview = watched.preview
    before = preview.snapshot()
    (watched.site.content / "en/account/.reset.md.swp").write_bytes(b"an editor's swap file")
    EDITS["body"](watched.site)
    assert preview.changed_articles(before, preview.snapshot()) == ["en/account/two-factor.md"]
    (watched.site.content / "en/account/notes.txt").write_text("added", encoding="utf-8")
    assert preview.changed_articles(before, preview.snapshot()) is None
    (watched.site.content / "en/account/notes.txt").unlink()
    (watched.site.content / "en/account/reset.md").unlink()
    assert preview.changed_articles(before, preview.snapshot()) is None


def test_serve_starts_from_the_project_s_built_site_without_touching_it(
    built_base: Site, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = tmp_path / "project"
    shutil.copytree(built_base.root, root, symlinks=True)
    site = Site.__new__(Site)
    site.root, site.content = root, root / "content"
    build_site(site.config_file, None, SAMPLE_TODAY, strict=False)
    before = {p: (p.stat().st_ino, p.stat().st_mtime_ns) for p in site.site_dir.rglob("*")}
    results: list[BuildResult] = []

    def recording(*args: object, **kwargs: object) -> BuildResult:
        results.append(build_site(*args, **kwargs))  # type: ignore[arg-type]
        return results[-1]

    monkeypatch.setattr(serve, "build_site", recording)
    lines: list[str] = []
    preview = serve.Preview(site.config_file, SAMPLE_TODAY, [site.content], say=lines.append, seed=site.site_dir)
    try:
        preview.rebuild()
        assert results[0].reused == results[0].pages > 0  # every page linked or copied from the project's site
        assert preview.shown is not None and preview.shown != site.site_dir
        assert differing_files(preview.shown, site.site_dir) == []
        last = preview.snapshot()
        EDITS["body"](site)
        preview.rebuild(preview.changed_articles(last, preview.snapshot()))
        assert lines[-1].startswith("patched 1 page"), lines[-1]
    finally:
        preview.stop()
    assert {p: (p.stat().st_ino, p.stat().st_mtime_ns) for p in site.site_dir.rglob("*")} == before


def test_an_article_swapped_for_a_link_is_never_read_through_it(watched: Watched) -> None:
    secret = watched.site.root.parent / "secret.md"
    secret.write_text(article(title="Two-factor sign-in", extra="summary: Second step.", body="TOP SECRET\n"))
    link = watched.site.content / "en/account/two-factor.md"

    def swap(site: Site) -> None:
        link.unlink()
        link.symlink_to(secret)

    outcome = watched.save(swap)
    assert outcome.startswith("rebuilt"), outcome  # the full walk refuses the link and says so
    assert watched.preview.shown is not None
    assert not any(b"TOP SECRET" in p.read_bytes() for p in watched.preview.shown.rglob("*") if p.is_file())


def test_a_patch_writes_only_the_search_files_the_edit_changed(watched: Watched) -> None:
    """The other languages' search files and the edited language's files a body edit cannot change (its title and
    versions files) stay the files they were; the rest is the clean build's, as every test here checks."""
    assert watched.preview.shown is not None
    search = watched.preview.shown / "kb-search"

    def inodes() -> dict[str, int]:
        return {p.relative_to(search).as_posix(): p.stat().st_ino for p in search.rglob("*") if p.is_file()}

    before = inodes()
    assert watched.save(EDITS["body"]).startswith("patched 1 page")
    after = inodes()
    rewritten = {name for name, inode in after.items() if before.get(name) != inode}
    assert any(name.startswith("immutable/en/t/") for name in rewritten)  # every term weight moved
    assert all(name.startswith(("immutable/en/", "en/", "index.json")) for name in rewritten), sorted(rewritten)
    kept = [name for name in after if name.startswith(("immutable/en/h/", "immutable/en/r/"))]
    assert kept and not rewritten & set(kept)
    assert set(before) - set(after) <= {name for name in before if name.startswith("immutable/en/")}
    watched.assert_shows_the_clean_build()


def test_a_patch_compresses_only_the_search_blobs_the_site_shown_does_not_hold(
    watched: Watched, monkeypatch: pytest.MonkeyPatch
) -> None:
    """After a body edit most of the language's blobs (every other fragment, the title files) are what the site
    shown holds: they are taken from there, checked, rather than compressed again."""
    assert watched.preview.shown is not None
    search = watched.preview.shown / "kb-search"
    before = {path.read_bytes() for path in search.rglob("*.kbs")}
    made = record_compressions(monkeypatch)
    assert watched.save(EDITS["body"]).startswith("patched 1 page")
    monkeypatch.undo()
    fresh = [path for path in search.rglob("*.kbs") if path.read_bytes() not in before]
    # one compression per blob the site did not hold, plus the edited language's manifest, vocabulary and versions
    # file (always compressed); none for the fragments and title files taken from the site
    assert fresh and len(made) <= len(fresh) + 3
    watched.assert_shows_the_clean_build()
