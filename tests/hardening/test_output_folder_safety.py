"""The output folder: kbgen replaces only an empty folder or one it built, and never writes through a link.

Each refusal is exit 2 with a message naming the folder and what to do, and the folder (and everything beside
it) is byte-for-byte as before, checked by hashing the whole tree with modes and link targets.
"""

from __future__ import annotations

import hashlib
import os
import stat
from pathlib import Path, PurePosixPath

import pytest

from kbgen.publishing import site_build
from kbgen.publishing.manifest import MANIFEST_NAME, built_files, built_names, manifest_text
from kbgen.publishing.output_dir import lock_path_for
from kbgen.publishing.ownership import _entries
from kbgen.publishing.serve import Preview
from tests.support.hardening import leftovers, record_full_listings, snapshot_tree
from tests.support.project import SAMPLE_TODAY, Site, article

TODAY = ["--today", "2026-11-22"]
REFUSED = "kbgen only replaces an empty folder or one it built, and changed nothing"


def tree_digest(root: Path) -> str:
    """One hash over every entry below root: path, type, mode bits, bytes or link target."""
    digest = hashlib.sha256()
    for folder, dirs, names in os.walk(root, followlinks=False):
        dirs.sort()
        for name in sorted([*dirs, *names]):
            path = Path(folder, name)
            info = path.lstat()
            digest.update(f"{path.relative_to(root)}\0{info.st_mode:o}\0".encode())
            if stat.S_ISLNK(info.st_mode):
                digest.update(str(path.readlink()).encode())
            elif stat.S_ISREG(info.st_mode):
                digest.update(path.read_bytes())
    return digest.hexdigest()


def _documents(folder: Path) -> Path:
    (folder / "letters").mkdir(parents=True)
    (folder / "letters" / "to-bank.docx").write_bytes(b"PK\x03\x04 a letter")
    (folder / "taxes-2025.pdf").write_bytes(b"%PDF-1.7 numbers")
    (folder / ".hidden-notes").write_text("dot files too\n")
    return folder


def _refused(site: Site, run_kbgen, *args: str):  # type: ignore[no-untyped-def]
    """Run a build that must be refused; the whole project (and so the folder) must not change."""
    before = tree_digest(site.root.parent)
    result = run_kbgen("build", *args, *TODAY, cwd=site.root)
    assert result.exit_code == 2, result.output
    assert "Traceback" not in result.output
    assert tree_digest(site.root.parent) == before, "a refused build changed files"
    return result


@pytest.mark.parametrize("route", ["--site-dir", "mkdocs.yml"])
def test_a_folder_of_documents_is_refused_and_left_as_it_was(small_site: Site, run_kbgen, route: str) -> None:
    _documents(small_site.root / "Documents")
    args: tuple[str, ...] = ("--site-dir", "Documents")
    if route == "mkdocs.yml":
        text = small_site.config_file.read_text().replace("site_dir: site", "site_dir: Documents")
        small_site.config_file.write_text(text)
        args = ()
    result = _refused(small_site, run_kbgen, *args)
    assert "error: output folder '" in result.stderr and "Documents' is not empty and has no kbgen-manifest.txt" in (
        result.stderr
    )
    assert "('letters', 'taxes-2025.pdf')" in result.stderr and REFUSED in result.stderr
    assert "choose another output folder (--site-dir, or site_dir in mkdocs.yml), or move those files out" in (
        result.stderr
    )


def test_refusal_counts_the_files_it_does_not_name(small_site: Site, run_kbgen) -> None:
    out = small_site.root / "many"
    out.mkdir()
    for number in range(7):
        (out / f"file-{number}.txt").write_text("x")
    result = _refused(small_site, run_kbgen, "--site-dir", "many")
    assert "('file-0.txt', 'file-1.txt', 'file-2.txt' and 4 more)" in result.stderr


@pytest.mark.parametrize(
    ("site_dir", "message"),
    [
        (".git", "output folder '.git' is inside a '.git' folder"),
        (".git/site", "output folder '.git/site' is inside a '.git' folder"),
        ("theme", "output folder 'theme' is the same folder as the theme folder '"),
        ("theme/partials", "output folder 'theme/partials' is inside the theme folder '"),
        ("content", "output folder 'content' is the same folder as the content root 'content'"),
        ("content/en", "output folder 'content/en' is inside the content root 'content'"),
        (".", "output folder '.' contains the content root 'content'"),
        ("..", "output folder '..' contains the content root 'content'"),
    ],
)
def test_source_folders_are_never_an_output(small_site: Site, run_kbgen, site_dir: str, message: str) -> None:
    (small_site.root / ".git" / "refs").mkdir(parents=True)
    (small_site.root / ".git" / "HEAD").write_text("ref: refs/heads/main\n")
    (small_site.root / "theme" / "partials").mkdir(exist_ok=True)
    result = _refused(small_site, run_kbgen, "--site-dir", site_dir)
    assert message in result.stderr
    assert "choose an output folder outside it" in result.stderr


def test_the_configuration_files_folder_and_a_folder_holding_the_theme_are_refused(tmp_path: Path, run_kbgen) -> None:
    site = Site(tmp_path / "project")
    site.write("en/account/alpha.md", article())
    conf = site.root / "conf"
    conf.mkdir()
    text = site.config_file.read_text().replace("docs_dir: content", "docs_dir: ../content")
    (conf / "mkdocs.yml").write_text(text.replace("custom_dir: theme", "custom_dir: ../ui/theme"))
    site.config_file.unlink()
    (site.root / "ui").mkdir()
    (site.root / "theme").rename(site.root / "ui" / "theme")
    before = tree_digest(site.root)
    for site_dir, message in [
        ("conf", "output folder 'conf' is the same folder as the folder of the configuration file 'conf'"),
        ("ui", "output folder 'ui' contains the theme folder '"),
    ]:
        result = run_kbgen("build", "-f", "conf/mkdocs.yml", "--site-dir", site_dir, *TODAY, cwd=site.root)
        assert result.exit_code == 2 and message in result.stderr, result.output
        assert tree_digest(site.root) == before
    ok = run_kbgen("build", "-f", "conf/mkdocs.yml", "--site-dir", "conf/site", *TODAY, cwd=site.root)
    assert ok.exit_code == 0, ok.output  # inside the configuration's folder is the usual place


def test_site_dir_naming_a_file_is_refused_every_time_and_the_file_kept(small_site: Site, run_kbgen) -> None:
    notes = small_site.root / "notes.txt"
    notes.write_text("precious\n")
    text = small_site.config_file.read_text().replace("site_dir: site", "site_dir: notes.txt")
    small_site.config_file.write_text(text)
    for _ in range(2):  # the first refusal must not leave anything that breaks the next build
        result = _refused(small_site, run_kbgen)
        assert "output folder '" in result.stderr and "notes.txt' exists and is not a folder" in result.stderr
    assert notes.read_text() == "precious\n"
    assert sorted(p.name for p in small_site.root.iterdir() if "notes" in p.name) == ["notes.txt"]


def test_a_link_to_a_folder_of_documents_is_refused(small_site: Site, run_kbgen, tmp_path: Path) -> None:
    target = _documents(tmp_path / "elsewhere")
    (small_site.root / "out").symlink_to(target, target_is_directory=True)
    before = tree_digest(tmp_path)
    result = run_kbgen("build", "--site-dir", "out", *TODAY, cwd=small_site.root)
    assert result.exit_code == 2
    assert f"output folder 'out' (a link to '{target}') is not empty and has no kbgen-manifest.txt" in result.stderr
    assert tree_digest(tmp_path) == before


def test_a_link_to_an_empty_folder_is_built_through_and_stays_a_link(
    small_site: Site, run_kbgen, tmp_path: Path
) -> None:
    target = tmp_path / "published"
    target.mkdir()
    link = small_site.root / "out"
    link.symlink_to(target, target_is_directory=True)
    for _ in range(2):
        assert run_kbgen("build", "--site-dir", "out", *TODAY, cwd=small_site.root).exit_code == 0
    assert link.is_symlink() and (target / MANIFEST_NAME).is_file() and (link / "index.html").is_file()


def test_empty_folders_and_folders_of_host_files_only_are_replaced_keeping_the_host_files(
    small_site: Site, run_kbgen
) -> None:
    (small_site.root / "empty").mkdir()
    assert run_kbgen("build", "--site-dir", "empty", *TODAY, cwd=small_site.root).exit_code == 0
    pages = small_site.root / "pages"
    pages.mkdir()
    (pages / ".git").write_text("gitdir: ../.git/worktrees/pages\n")  # `git worktree add pages gh-pages`
    (pages / "CNAME").write_text("help.example.com\n")
    assert run_kbgen("build", "--site-dir", "pages", *TODAY, cwd=small_site.root).exit_code == 0
    assert (pages / ".git").read_text() == "gitdir: ../.git/worktrees/pages\n"
    assert (pages / "CNAME").read_text() == "help.example.com\n" and (pages / MANIFEST_NAME).is_file()


@pytest.mark.parametrize(
    ("manifest", "problem"),
    [
        (b"garbage\n", "line 1 is not 'SHA256  PATH'"),
        (b"", None),  # an empty manifest lists nothing, so the other files are not kbgen's
        (b"0" * 64 + b"  letter.docx\n" + b"not a line\n", "line 2 is not 'SHA256  PATH'"),
        (b"0" * 64 + b"  ../outside.txt\n", "line 1 is not 'SHA256  PATH'"),
        (b"0" * 64 + b"  /etc/passwd\n", "line 1 is not 'SHA256  PATH'"),
        (b"x" * 100_000, "line 1 is not 'SHA256  PATH'"),
        (b"0" * 64 + b"  letter.docx", "line 1 is not 'SHA256  PATH'"),  # sha256sum lines end in a newline
    ],
    ids=["garbage", "empty", "bad-second-line", "dot-dot", "absolute", "one-huge-line", "no-newline"],
)
def test_a_manifest_kbgen_did_not_write_does_not_make_a_folder_kbgens(
    small_site: Site, run_kbgen, manifest: bytes, problem: str | None
) -> None:
    out = small_site.root / "docs"
    out.mkdir()
    (out / "letter.docx").write_bytes(b"dear bank")
    (out / "budget.xlsx").write_bytes(b"numbers")
    (out / MANIFEST_NAME).write_bytes(manifest)
    result = _refused(small_site, run_kbgen, "--site-dir", "docs")
    if problem:
        assert f"output folder 'docs' has a kbgen-manifest.txt kbgen did not write ({problem})" in result.stderr
    else:
        assert "output folder 'docs' holds files its kbgen-manifest.txt does not list" in result.stderr


def test_a_manifest_that_is_a_link_or_a_folder_is_refused(small_site: Site, run_kbgen, tmp_path: Path) -> None:
    out = small_site.root / "docs"
    out.mkdir()
    (out / "letter.docx").write_bytes(b"dear bank")
    (tmp_path / "real.txt").write_text("0" * 64 + "  letter.docx\n")
    (out / MANIFEST_NAME).symlink_to(tmp_path / "real.txt")
    result = _refused(small_site, run_kbgen, "--site-dir", "docs")
    assert "kbgen-manifest.txt kbgen did not write (is not a regular file)" in result.stderr
    (out / MANIFEST_NAME).unlink()
    (out / MANIFEST_NAME).mkdir()
    assert "(is not a regular file)" in _refused(small_site, run_kbgen, "--site-dir", "docs").stderr


def test_a_file_dropped_into_a_built_site_stops_the_next_build_until_moved(small_site: Site, run_kbgen) -> None:
    assert run_kbgen("build", *TODAY, cwd=small_site.root).exit_code == 0
    (small_site.site_dir / "en" / "my-notes.txt").write_text("not kbgen's\n")
    result = _refused(small_site, run_kbgen)
    assert "holds files its kbgen-manifest.txt does not list, so kbgen did not build them ('en/my-notes.txt')" in (
        result.stderr
    )
    (small_site.site_dir / "en" / "my-notes.txt").unlink()
    (small_site.site_dir / "index.html").write_text("edited by hand")  # a built page, edited: still kbgen's output
    assert run_kbgen("build", *TODAY, cwd=small_site.root).exit_code == 0
    assert "edited by hand" not in small_site.read_output("index.html")


def test_a_forged_manifest_naming_every_file_is_taken_at_its_word(small_site: Site, run_kbgen) -> None:
    """Documented choice: a well-formed manifest is kbgen's mark; only the files it names are replaced."""
    out = small_site.root / "forged"
    out.mkdir()
    (out / "old.html").write_text("old")
    (out / MANIFEST_NAME).write_text(hashlib.sha256(b"old").hexdigest() + "  old.html\n")
    assert run_kbgen("build", "--site-dir", "forged", *TODAY, cwd=small_site.root).exit_code == 0
    assert not (out / "old.html").exists() and (out / "index.html").is_file()


def test_a_file_dropped_into_the_site_during_the_build_is_refused_not_deleted(
    small_site: Site, run_kbgen, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert run_kbgen("build", *TODAY, cwd=small_site.root).exit_code == 0
    original = site_build._build_into

    def build_then_drop(*args, **kwargs):  # type: ignore[no-untyped-def]
        findings = original(*args, **kwargs)
        (small_site.site_dir / "dropped.txt").write_text("saved while kbgen was building\n")
        return findings

    monkeypatch.setattr(site_build, "_build_into", build_then_drop)
    before = snapshot_tree(small_site.site_dir)
    result = run_kbgen("build", *TODAY, cwd=small_site.root)
    assert result.exit_code == 2 and "('dropped.txt')" in result.stderr
    after = snapshot_tree(small_site.site_dir)
    assert after.pop("dropped.txt") == b"saved while kbgen was building\n" and after == before
    assert leftovers(small_site) == []


def _age(site_dir: Path, seconds: int = 3600) -> None:
    """Date every folder of a built site an hour back, as a site built a while ago."""
    then = site_dir.stat().st_mtime_ns - seconds * 1_000_000_000
    for folder, _, _ in os.walk(site_dir):
        os.utime(folder, ns=(then, then))


@pytest.mark.parametrize("where", ["dropped.txt", "en/dropped.txt", "en/account/alpha/dropped.txt", "new/dropped"])
def test_a_file_dropped_anywhere_into_an_older_site_during_the_build_is_refused_not_deleted(
    small_site: Site, run_kbgen, monkeypatch: pytest.MonkeyPatch, where: str
) -> None:
    """The check before the swap takes the check before the build's word only where no folder changed since."""
    assert run_kbgen("build", *TODAY, cwd=small_site.root).exit_code == 0
    _age(small_site.site_dir)
    dropped = small_site.site_dir / where
    assert dropped.parent.is_dir() or where.startswith("new/")
    original = site_build._build_into

    def build_then_drop(*args, **kwargs):  # type: ignore[no-untyped-def]
        findings = original(*args, **kwargs)
        dropped.parent.mkdir(exist_ok=True)
        dropped.write_text("saved while kbgen was building\n")
        return findings

    monkeypatch.setattr(site_build, "_build_into", build_then_drop)
    before = snapshot_tree(small_site.site_dir)
    result = run_kbgen("build", *TODAY, cwd=small_site.root)
    assert result.exit_code == 2 and f"('{where}')" in result.stderr
    after = snapshot_tree(small_site.site_dir)
    assert after.pop(where) == b"saved while kbgen was building\n" and after == before
    assert leftovers(small_site) == []


def test_an_older_site_nobody_touched_during_the_build_is_listed_once(
    small_site: Site, run_kbgen, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert run_kbgen("build", *TODAY, cwd=small_site.root).exit_code == 0
    _age(small_site.site_dir)
    small_site.write("en/account/new-page.md", article(title="A new page"))
    listings = record_full_listings(monkeypatch)
    assert run_kbgen("build", *TODAY, cwd=small_site.root).exit_code == 0
    assert len(listings) == 1  # before the build; the swap stood on it
    assert (small_site.site_dir / "en/account/new-page/index.html").is_file()


@pytest.mark.parametrize("kind", ["symlink", "hardlink", "foreign text", "folder", "fifo"])
def test_a_lock_file_that_is_not_kbgens_is_never_written(
    small_site: Site, run_kbgen, tmp_path: Path, kind: str
) -> None:
    lock = lock_path_for(small_site.site_dir.resolve())
    victim = tmp_path / "victim.txt"
    victim.write_text("precious\n")
    if kind == "symlink":
        lock.symlink_to(victim)
        expected = "is a symbolic link; kbgen never writes through one: remove the link"
    elif kind == "hardlink":
        os.link(victim, lock)
        expected = "is a hard link to another file; kbgen left it alone: remove it"
    elif kind == "foreign text":
        lock.write_text("my shopping list\n")
        victim = lock
        expected = "is not a kbgen lock file (it holds other text); kbgen left it alone"
    elif kind == "folder":
        lock.mkdir()
        expected = "cannot open the build lock"
    else:
        os.mkfifo(lock)
        expected = "is not a regular file; kbgen left it alone: remove it"
    before = tree_digest(tmp_path)
    result = run_kbgen("build", *TODAY, cwd=small_site.root)
    assert result.exit_code == 2 and "Traceback" not in result.output
    assert f"error: {lock} {expected}" in result.stderr or expected in result.stderr, result.stderr
    assert tree_digest(tmp_path) == before
    assert victim.read_text() == ("precious\n" if kind != "foreign text" else "my shopping list\n")
    assert not small_site.site_dir.exists()


def test_kbgens_own_lock_from_an_earlier_build_is_reused(small_site: Site, run_kbgen) -> None:
    lock = lock_path_for(small_site.site_dir.resolve())
    lock.write_text("4242\n")
    assert run_kbgen("build", *TODAY, cwd=small_site.root).exit_code == 0
    assert lock.read_text().strip().isdigit() and lock.read_text() != "4242\n"


def test_recovery_leaves_what_kbgen_did_not_make_and_never_builds_through_a_link(
    small_site: Site, run_kbgen, tmp_path: Path
) -> None:
    """A file under kbgen's 'old site' name (left by an earlier version) and a planted staging link."""
    stray = small_site.root / ".site.kbgen-old-4242"
    stray.write_text("someone's file\n")
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (elsewhere / "keep.txt").write_text("keep\n")
    staging_link = small_site.root / f".site.kbgen-tmp-{os.getpid()}"
    staging_link.symlink_to(elsewhere, target_is_directory=True)
    for _ in range(2):
        assert run_kbgen("build", *TODAY, cwd=small_site.root).exit_code == 0
    assert stray.read_text() == "someone's file\n"
    assert sorted(p.name for p in elsewhere.iterdir()) == ["keep.txt"]
    assert not os.path.lexists(staging_link)


def test_serve_builds_only_into_its_own_temporary_folder(small_site: Site) -> None:
    """`kbgen serve` has no output option; even a site_dir naming a folder of documents is never touched."""
    documents = _documents(small_site.root / "Documents")
    text = small_site.config_file.read_text().replace("site_dir: site", "site_dir: Documents")
    small_site.config_file.write_text(text)
    before = tree_digest(small_site.root)
    preview = Preview(small_site.config_file, SAMPLE_TODAY, [small_site.content])
    try:
        preview.rebuild()
        assert preview.shown is not None and preview.workdir in preview.shown.parents
        assert (preview.shown / "index.html").is_file()
    finally:
        preview.stop()
    assert tree_digest(small_site.root) == before
    assert sorted(p.name for p in documents.iterdir()) == [".hidden-notes", "letters", "taxes-2025.pdf"]


def test_the_ownership_walk_sees_exactly_what_the_manifest_lists(tmp_path: Path) -> None:
    """The fast walk used on every build must agree with `built_files`, which writes the manifest."""
    root = tmp_path / "site"
    (root / "en" / "a" / "deep").mkdir(parents=True)
    (root / "en" / "a" / "deep" / "index.html").write_text("x")
    (root / "en" / ".hidden-inside").write_text("x")  # a dot-entry below the top is the site's, not the host's
    (root / ".git").mkdir()
    (root / ".git" / "HEAD").write_text("x")
    (root / "CNAME").write_text("x")
    (root / MANIFEST_NAME).write_text("")
    (root / "en" / "linked-folder").symlink_to(tmp_path, target_is_directory=True)
    (root / "en" / "dangling").symlink_to(tmp_path / "missing")
    (root / "empty-folder").mkdir()
    assert _entries(root) == [str(rel) for rel in built_files(root)]
    assert _entries(root) == ["en/.hidden-inside", "en/a/deep/index.html", "en/dangling", "en/linked-folder"]


def test_the_manifest_lists_files_part_by_part_as_it_always_has(tmp_path: Path) -> None:
    """The manifest's order is PurePosixPath's (`a/b` before `a-c`, unlike a plain string sort), so a site built
    by an older kbgen and by this one lists the same lines in the same order."""
    root = tmp_path / "site"
    for name in ("a-c", "a/b-c/x", "a/b/z", "a.b", "B", "a/_"):
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(name)
    (root / ".nojekyll").write_text("")
    names = built_names(root)
    assert names == [str(path) for path in sorted(PurePosixPath(name) for name in names)]
    assert names == ["B", "a/_", "a/b/z", "a/b-c/x", "a-c", "a.b"]
    text = manifest_text(root, {"a-c": "0" * 64})
    assert text.splitlines()[4] == f"{'0' * 64}  a-c"
    assert text.splitlines()[0] == f"{hashlib.sha256(b'B').hexdigest()}  B"


def test_a_file_under_the_staging_name_is_refused_not_built_into(small_site: Site, run_kbgen) -> None:
    squatter = small_site.root / f".site.kbgen-tmp-{os.getpid()}"
    squatter.write_text("not a folder kbgen made\n")
    result = run_kbgen("build", *TODAY, cwd=small_site.root)
    assert result.exit_code == 2
    assert f"error: {squatter} already exists and is not kbgen's staging folder: remove it" in result.stderr
    assert squatter.read_text() == "not a folder kbgen made\n" and not small_site.site_dir.exists()
