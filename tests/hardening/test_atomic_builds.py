"""Catalogue G (AT01-AT05): failed, crashed, killed and concurrent builds never lose or mix up the last good site."""

from __future__ import annotations

import errno
import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import mkdocs.utils
import pytest

from kbgen.mkdocs_plugin import confinement
from kbgen.publishing import site_build
from kbgen.publishing.folder_locks import held
from kbgen.publishing.manifest import verify_manifest
from kbgen.publishing.output_dir import build_lock, lock_path_for, recover, swap_in
from kbgen.publishing.site_build import BuildError, InternalError, build_site
from tests.support.hardening import audited, everything, kbgen_env, leftovers, snapshot_tree
from tests.support.project import SAMPLE_TODAY, Site, article
from tests.support.waiting import wait_until

TODAY = ["--today", "2026-11-22"]


def test_at01_strict_build_of_a_broken_commit_leaves_the_site_intact(small_site: Site, run_kbgen) -> None:
    assert run_kbgen("build", "--strict", *TODAY, cwd=small_site.root).exit_code == 0
    before = snapshot_tree(small_site.site_dir)
    small_site.write("en/account/broken.md", "---\ntitle: Broken\nowner: [a, b\n---\nbody\n")
    result = run_kbgen("build", "--strict", *TODAY, cwd=small_site.root)
    assert result.exit_code == 1
    assert "content/en/account/broken.md:3:8: error KB101: YAML syntax error" in result.stderr
    assert snapshot_tree(small_site.site_dir) == before
    assert leftovers(small_site) == []


def _many_articles(site: Site, count: int) -> None:
    for number in range(count):
        site.write(f"en/account/page-{number:03}.md", article(title=f"Page {number}"))


def test_at02_exception_mid_build_is_kb900_naming_the_page(site: Site, run_kbgen, monkeypatch) -> None:
    _many_articles(site, 60)
    assert run_kbgen("build", *TODAY, cwd=site.root).exit_code == 0
    before = snapshot_tree(site.site_dir)
    calls: list[str] = []
    original = confinement.page_markdown

    def faulty(markdown, page, corpus, kb, **options):  # type: ignore[no-untyped-def]
        calls.append(page.file.src_uri)
        if len(calls) == 50:
            raise RuntimeError("injected fault")
        return original(markdown, page, corpus, kb, **options)

    monkeypatch.setattr(confinement, "page_markdown", faulty)
    result = run_kbgen("build", "--clean", *TODAY, cwd=site.root)  # every page read again, not reused
    assert result.exit_code == 2
    expected = f"error KB900: internal error while rendering content/{calls[49]}: RuntimeError: injected fault"
    assert expected in result.stderr
    assert "rerun with --debug" in result.stderr and "Traceback" not in result.output
    assert snapshot_tree(site.site_dir) == before
    assert leftovers(site) == []
    calls.clear()
    debug = run_kbgen("--debug", "build", "--clean", *TODAY, cwd=site.root)
    assert debug.exit_code == 2 and "Traceback" in debug.stderr and "injected fault" in debug.stderr


def test_at02_recursion_error_is_an_internal_error_not_a_traceback(small_site: Site, monkeypatch) -> None:
    def recurse(markdown, page, corpus, kb, **options):  # type: ignore[no-untyped-def]
        raise RecursionError("maximum recursion depth exceeded")

    monkeypatch.setattr(confinement, "page_markdown", recurse)
    with pytest.raises(InternalError, match=r"KB900: internal error while rendering content/en/.*RecursionError"):
        build_site(small_site.config_file, None, SAMPLE_TODAY, strict=False)
    assert not small_site.site_dir.exists()
    assert leftovers(small_site) == []


def test_at02_disk_full_says_so_and_removes_staging(small_site: Site, run_kbgen, monkeypatch) -> None:
    assert run_kbgen("build", *TODAY, cwd=small_site.root).exit_code == 0
    before = snapshot_tree(small_site.site_dir)
    original = mkdocs.utils.write_file
    written: list[str] = []

    def fill_up(content: bytes, output_path: str) -> None:
        written.append(output_path)
        if len(written) == 3:
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), output_path)
        original(content, output_path)

    monkeypatch.setattr(mkdocs.utils, "write_file", fill_up)
    result = run_kbgen("build", "--clean", *TODAY, cwd=small_site.root)  # every page written again
    assert result.exit_code == 2
    assert f"error: no space left on device while writing {written[2]}" in result.stderr
    assert "Traceback" not in result.output
    assert snapshot_tree(small_site.site_dir) == before
    assert leftovers(small_site) == []


_SLOW_BUILD = """
import signal, sys, time
from pathlib import Path
import mkdocs.utils
# Ctrl+C as on a terminal: a process started in the background by a shell inherits SIGINT ignored
signal.signal(signal.SIGINT, signal.default_int_handler)
MARKER = Path(sys.argv[1])
original = mkdocs.utils.write_file
def stall(content, output_path):
    original(content, output_path)  # one page is on disk in staging, then the build hangs
    MARKER.write_text("writing")
    time.sleep(120)
mkdocs.utils.write_file = stall
sys.argv = ["kbgen", "build", "--today", "2026-11-22"]
from kbgen.cli import main
main()
"""


@pytest.mark.parametrize("stop", [signal.SIGTERM, signal.SIGINT], ids=["SIGTERM", "SIGINT"])
def test_a_build_stopped_mid_way_leaves_the_site_and_no_staging(
    small_site: Site, run_kbgen, tmp_path: Path, stop: signal.Signals
) -> None:
    """SIGTERM (a cancelled CI job, `timeout`, `docker stop`) ended the process at once, leaving the staging folder
    for the next run to find; now it stops the build as Ctrl+C does, which removes it on the way out."""
    assert run_kbgen("build", *TODAY, cwd=small_site.root).exit_code == 0
    before = snapshot_tree(small_site.site_dir)
    marker = tmp_path / "rendering"
    process = subprocess.Popen(
        [sys.executable, "-c", _SLOW_BUILD, str(marker)], cwd=small_site.root, env=kbgen_env(), stderr=subprocess.PIPE
    )
    try:
        wait_until(lambda: marker.exists() or process.poll() is not None, "the build to reach rendering", timeout=60)
        assert process.poll() is None, "the build ended before it reached rendering"
        assert leftovers(small_site) == [f".site.kbgen-tmp-{process.pid}"]
    finally:
        process.send_signal(stop)
        _, err = process.communicate(timeout=60)
    assert process.returncode == 1, err
    assert "Traceback" not in err.decode()
    assert leftovers(small_site) == []
    assert snapshot_tree(small_site.site_dir) == before


def test_at02_sigkill_leaves_the_site_and_the_next_run_cleans_up(small_site: Site, run_kbgen, tmp_path: Path) -> None:
    assert run_kbgen("build", *TODAY, cwd=small_site.root).exit_code == 0
    before = snapshot_tree(small_site.site_dir)
    marker = tmp_path / "rendering"
    process = subprocess.Popen([sys.executable, "-c", _SLOW_BUILD, str(marker)], cwd=small_site.root, env=kbgen_env())
    try:
        wait_until(lambda: marker.exists() or process.poll() is not None, "the build to reach rendering", timeout=60)
        assert process.poll() is None, "the build ended before it reached rendering"
    finally:
        process.send_signal(signal.SIGKILL)
        process.wait()
    assert leftovers(small_site) == [f".site.kbgen-tmp-{process.pid}"]  # really killed mid-build
    assert snapshot_tree(small_site.site_dir) == before
    result = run_kbgen("build", *TODAY, cwd=small_site.root)
    assert result.exit_code == 0, result.output
    # the killed build's staging is gone at once; the site it replaced, removed by a detached process, soon after
    assert f".site.kbgen-tmp-{process.pid}" not in leftovers(small_site)
    wait_until(lambda: leftovers(small_site) == [], "the replaced site to be removed", timeout=30)
    assert verify_manifest(small_site.site_dir) == []


def test_at03_every_rename_stays_beside_the_output_so_no_cross_device_move(
    small_site: Site, tmp_path: Path, monkeypatch
) -> None:
    elsewhere = tmp_path / "other-tmp"
    elsewhere.mkdir()
    monkeypatch.setenv("TMPDIR", str(elsewhere))
    build_site(small_site.config_file, None, SAMPLE_TODAY, strict=False)
    with audited() as events:
        build_site(small_site.config_file, None, SAMPLE_TODAY, strict=False)
    renames = [(Path(str(args[0])), Path(str(args[1]))) for event, args in events if event == "os.rename"]
    assert renames, "the swap renames the staging folder into place"
    (staging,) = [source for source, target in renames if target == small_site.site_dir]
    for source, target in renames:
        # the swap renames beside the output; writers inside the staging folder rename within it, and the caches
        # beside the output within their folder
        beside = source.parent == target.parent == small_site.root
        within_staging = staging in source.parents and staging in target.parents
        within_caches = source.parent == target.parent == small_site.root / ".site.kbgen-cache"
        assert beside or within_staging or within_caches, (source, target)


def test_at04_second_build_fails_clearly_while_the_lock_is_held(small_site: Site, run_kbgen) -> None:
    with build_lock(small_site.site_dir.resolve()):
        result = run_kbgen("build", *TODAY, cwd=small_site.root)
    assert result.exit_code == 2
    lock = lock_path_for(small_site.site_dir.resolve())
    assert f"error: another build holds {lock} (pid {os.getpid()})" in result.stderr
    assert not small_site.site_dir.exists()
    assert run_kbgen("build", *TODAY, cwd=small_site.root).exit_code == 0  # the lock is released


def test_at04_a_build_that_waited_for_the_lock_looks_at_the_folder_again_before_it_builds(
    small_site: Site, run_kbgen, monkeypatch: pytest.MonkeyPatch
) -> None:
    """While it waited, the build holding the lock was done and someone saved a file of their own in the site:
    it is refused there and then, before a page is built, and the file stays."""
    assert run_kbgen("build", *TODAY, cwd=small_site.root).exit_code == 0
    built: list[object] = []
    monkeypatch.setattr(site_build, "_build_into", lambda *args: built.append(args))
    ready = threading.Event()

    def the_other_build() -> None:
        with build_lock(small_site.site_dir.resolve()):
            ready.set()
            time.sleep(0.5)
            (small_site.site_dir / "notes.txt").write_text("mine\n")

    other = threading.Thread(target=the_other_build)
    other.start()
    ready.wait(5)
    with pytest.raises(BuildError, match=r"does not list, so kbgen did not build them \('notes.txt'\)"):
        build_site(small_site.config_file, None, SAMPLE_TODAY, strict=False, lock_wait=10)
    other.join()
    assert built == []
    assert (small_site.site_dir / "notes.txt").read_text() == "mine\n"


def test_at04_builds_started_together_never_interleave(small_site: Site) -> None:
    command = [sys.executable, "-c", "from kbgen.cli import main; main()", "build", *TODAY]
    runs = [
        subprocess.Popen([*command, *extra], cwd=small_site.root, stderr=subprocess.PIPE, text=True, env=kbgen_env())
        for extra in ([], [], ["--wait", "60"])
    ]
    results = [(run.returncode, run.communicate(timeout=120)[1]) for run in runs]
    results = [(run.returncode, stderr) for run, (_, stderr) in zip(runs, results, strict=True)]
    codes = [code for code, _ in results]
    assert set(codes) <= {0, 2} and codes[2] == 0, results
    for code, stderr in results:
        if code == 2:
            assert "another build holds" in stderr and "Traceback" not in stderr
    assert verify_manifest(small_site.site_dir) == []
    assert not [name for name in leftovers(small_site) if ".kbgen-tmp-" in name]
    # a replaced site is removed by a detached process after its build returns
    wait_until(lambda: leftovers(small_site) == [], "the replaced site to be removed", timeout=30)


def test_at05_deleted_article_is_gone_and_host_files_are_kept(small_site: Site, run_kbgen) -> None:
    assert run_kbgen("build", *TODAY, cwd=small_site.root).exit_code == 0
    assert b"Beta article" in everything(small_site.site_dir)
    (small_site.site_dir / ".git").mkdir()
    (small_site.site_dir / ".git" / "HEAD").write_text("ref: refs/heads/gh-pages\n")
    (small_site.site_dir / "CNAME").write_text("help.example.com\n")
    (small_site.content / "en/account/beta.md").unlink()
    small_site.write("en/account/alpha.md", article(title="Alpha article"))
    assert run_kbgen("build", *TODAY, cwd=small_site.root).exit_code == 0
    assert not (small_site.site_dir / "en/account/beta").exists()
    assert b"Beta article" not in everything(small_site.site_dir)
    assert b"account/beta" not in everything(small_site.site_dir)
    assert (small_site.site_dir / ".git" / "HEAD").read_text() == "ref: refs/heads/gh-pages\n"
    assert (small_site.site_dir / "CNAME").read_text() == "help.example.com\n"
    assert verify_manifest(small_site.site_dir) == []


def test_a_build_killed_between_the_two_renames_gets_its_old_site_back(small_site: Site) -> None:
    build_site(small_site.config_file, None, SAMPLE_TODAY, strict=False)
    final = small_site.site_dir.resolve()
    before = snapshot_tree(final)
    final.rename(final.parent / ".site.kbgen-old-4242")
    (final.parent / ".site.kbgen-tmp-4242").mkdir()
    recover(final)
    assert snapshot_tree(final) == before
    assert leftovers(small_site) == []


def test_an_old_site_a_detached_process_is_removing_is_left_to_it(small_site: Site) -> None:
    """Two builds in a row: the first one's old site is still being deleted when the second starts. The second
    leaves it to that process rather than deleting the same files beside it (seconds at 10,000 articles), and
    its own swap does not take the folder's name; once no process holds it, the next recovery removes it."""
    build_site(small_site.config_file, None, SAMPLE_TODAY, strict=False)
    final = small_site.site_dir.resolve()
    before = snapshot_tree(final)
    old = final.parent / f".site.kbgen-old-{os.getpid()}"
    (old / "en").mkdir(parents=True)
    (old / "en" / "index.html").write_text("old page\n")
    with held(old):
        recover(final)
        assert (old / "en" / "index.html").exists()
        staging = final.parent / ".site.kbgen-tmp-1"
        staging.mkdir()
        (staging / "index.html").write_text("new site\n")
        replaced = swap_in(staging, final, keep_old=True)
        assert replaced is not None and replaced != old
        assert snapshot_tree(replaced) == before
        assert (old / "en" / "index.html").read_text() == "old page\n"
    recover(final)
    assert not old.exists()


def test_config_error_is_exit_2_and_builds_nothing(small_site: Site) -> None:
    small_site.config_file.write_text(small_site.config_file.read_text() + "nav: 12\n")
    with pytest.raises(BuildError):
        build_site(small_site.config_file, None, SAMPLE_TODAY, strict=False)
    assert not small_site.site_dir.exists() and leftovers(small_site) == []


def test_a_replaced_site_is_removed_by_a_detached_process(tmp_path: Path) -> None:
    """`kbgen build` returns once the new site is in place; a process of its own removes the old one after."""
    old = tmp_path / ".site.kbgen-old-1"
    for number in range(300):
        (old / f"p{number}").mkdir(parents=True)
        (old / f"p{number}" / "index.html").write_text("old page\n")
    script = (
        "import sys; from pathlib import Path; from kbgen.publishing.output_dir import remove_detached; "
        "remove_detached(Path(sys.argv[1])); print('returned')"
    )
    done = subprocess.run(
        [sys.executable, "-c", script, str(old)], capture_output=True, text=True, timeout=60, env=kbgen_env()
    )
    assert (done.returncode, done.stdout, done.stderr) == (0, "returned\n", "")  # the grandchild holds no pipe
    wait_until(lambda: not old.exists(), "the detached process to remove the old site", timeout=30)
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("wait", ["-5", "nan", "inf", "1e999"])
def test_a_wait_that_is_no_number_of_seconds_is_a_usage_error(small_site: Site, run_kbgen, wait: str) -> None:
    """`--wait -5` was taken as no wait and `--wait nan` as waiting forever (nan compares false with any
    deadline), both silently. Exit 2 naming the value, and nothing built."""
    result = run_kbgen("build", f"--wait={wait}", *TODAY, cwd=small_site.root)
    assert result.exit_code == 2, result.output
    shown = {"1e999": "inf"}.get(wait, wait)
    assert f"Invalid value for '--wait': {shown} is not a number of seconds; give 0 or more" in result.stderr
    assert not small_site.site_dir.exists()
    assert run_kbgen("build", "--wait", "0.5", *TODAY, cwd=small_site.root).exit_code == 0
