"""Round 5 of the attack: faults and values no earlier round tried, each of which once ended in KB900 or worse."""

from __future__ import annotations

import errno
import os
import subprocess
import sys
from pathlib import Path

import pytest

from kbgen import workers
from tests.support.hardening import kbgen_env, kbgen_process
from tests.support.project import Site, article

# --- kbgen init stopped by a full disk ------------------------------------------------------------------------


def test_init_stopped_by_a_full_disk_leaves_no_half_made_project(tmp_path: Path, run_kbgen, monkeypatch) -> None:
    """A write failing half-way (disk full) left mkdocs.yml and three more files behind, and the retry then
    refused the folder as "not empty": the writer had to find and delete kbgen's leftovers by hand."""
    real_open = Path.open
    written = []

    def open_until_full(self: Path, mode: str = "r", *args, **kwargs):  # type: ignore[no-untyped-def]
        if "x" in mode:
            written.append(self)
            if len(written) == 5:
                raise OSError(errno.ENOSPC, "No space left on device", str(self))
        return real_open(self, mode, *args, **kwargs)

    (tmp_path / "repo" / ".git").mkdir(parents=True)  # a fresh clone: its .git stays
    monkeypatch.setattr(Path, "open", open_until_full)
    failed = run_kbgen("init", "repo", "--owner", "o", "--today", "2026-11-22", cwd=tmp_path)
    assert failed.exit_code == 2, failed.output
    assert "No space left on device" in failed.stderr and "KB900" not in failed.stderr
    assert sorted(p.name for p in (tmp_path / "repo").iterdir()) == [".git"]
    written.clear()
    failed = run_kbgen("init", "new", "--owner", "o", "--today", "2026-11-22", cwd=tmp_path)
    assert failed.exit_code == 2 and not (tmp_path / "new").exists()
    monkeypatch.setattr(Path, "open", real_open)
    assert run_kbgen("init", "repo", "--owner", "o", "--today", "2026-11-22", cwd=tmp_path).exit_code == 0
    assert run_kbgen("check", "--today", "2026-11-22", cwd=tmp_path / "repo").exit_code == 0


# --- KBGEN_JOBS past what the machine allows -------------------------------------------------------------------


def test_workers_the_machine_refuses_leave_the_work_to_this_process(small_site: Site, run_kbgen, monkeypatch) -> None:
    """KBGEN_JOBS=300 on a machine whose limit of open files (or processes) allows fewer ended `kbgen check` in
    KB900 ("Too many open files") and `kbgen build` in "cannot write the site": a worker that cannot be started
    now leaves its share to this process, with the same outcome."""
    for index in range(6):
        small_site.write(f"en/account/extra-{index}.md", article(title=f"Extra {index}", body="[x](nope.md)\n"))
    real_pipe = workers.multiprocessing.get_context("fork").Pipe
    started = []

    def pipe_until_full(duplex: bool = True):  # type: ignore[no-untyped-def]
        started.append(duplex)
        if len(started) == 3:
            raise OSError(errno.EMFILE, "Too many open files")
        return real_pipe(duplex)

    with monkeypatch.context() as patched:
        patched.setattr(workers.multiprocessing.context.ForkContext, "Pipe", staticmethod(pipe_until_full))
        patched.setenv("KBGEN_JOBS", "300")
        check = run_kbgen("check", "--today", "2026-11-22", cwd=small_site.root)
        assert len(started) >= 3  # the third worker of the first loop could not start
        started.clear()
        build = run_kbgen("build", "--today", "2026-11-22", cwd=small_site.root)
        assert len(started) > 3
    assert build.exit_code == 0 and "KB900" not in build.stderr, build.stderr
    assert (small_site.site_dir / "en/account/extra-5/index.html").is_file()
    assert "KB900" not in check.stderr, check.stderr
    expected = run_kbgen("check", "--today", "2026-11-22", cwd=small_site.root)
    assert (check.exit_code, check.stdout) == (expected.exit_code, expected.stdout)
    assert expected.stdout.count("KB301") == 6


# --- a NUL in site_dir -------------------------------------------------------------------------------------------


@pytest.mark.parametrize("command", ["check", "build", "serve"])
def test_a_site_dir_holding_a_nul_is_a_config_error(small_site: Site, run_kbgen, command: str) -> None:
    """`site_dir: "site\\0"` (a YAML escape) ended check, build and serve in KB900 ("embedded null byte")."""
    with small_site.config_file.open("a", encoding="utf-8") as config:
        config.write('site_dir: "site\\0"\n')
    result = run_kbgen(command, "--today", "2026-11-22", cwd=small_site.root)
    assert result.exit_code == 2, result.output
    assert "mkdocs.yml: site_dir 'site\\x00' holds a NUL character" in result.stderr
    assert "KB900" not in result.stderr
    assert not os.path.lexists(small_site.root / "site")


# --- kbgen verify of a tampered tree -----------------------------------------------------------------------------


def test_verify_reports_a_named_pipe_in_place_of_a_built_file(small_site: Site, run_kbgen) -> None:
    """A named pipe put where the manifest lists a file made `kbgen verify` wait for ever on opening it: the deploy
    step meant to catch a tampered tree hung instead."""
    assert run_kbgen("build", "--today", "2026-11-22", cwd=small_site.root).exit_code == 0
    (small_site.site_dir / "robots.txt").unlink()
    os.mkfifo(small_site.site_dir / "robots.txt")
    done = subprocess.run(
        [sys.executable, "-m", "kbgen", "verify"],
        cwd=small_site.root,
        env=kbgen_env(),
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 1, done.stderr
    assert done.stdout == "site/robots.txt: not a regular file (a named pipe)\n"


# --- a file name near the 255-byte limit ------------------------------------------------------------------------

LONG = "a" * 250  # a legal name, which kbgen check accepts: 'a…a.md' is 253 bytes


@pytest.mark.parametrize("command", ["review", "adopt", "export"])
def test_a_name_near_the_length_limit_is_written_like_any_other(
    small_site: Site, run_kbgen, tmp_path: Path, command: str
) -> None:
    """Each writes a temporary file beside its target first, named after it plus about 20 characters: for a name
    of 236 bytes or more that name was too long, so `kbgen review` of an article `kbgen check` accepts failed with
    "File name too long", as did `kbgen adopt` of such a file and `kbgen export -o` to such a name."""
    small_site.write(f"en/account/{LONG}.md", article(title="Long", reviewed="2025-01-01"))
    assert run_kbgen("check", "--today", "2026-11-22", "--fail-on", "never", cwd=small_site.root).exit_code == 0
    if command == "review":
        result = run_kbgen("review", f"content/en/account/{LONG}.md", "--today", "2026-11-22", "--by", "me")
        written = small_site.content / f"en/account/{LONG}.md"
        assert "reviewed: 2026-11-22\nreviewed_by: me\n" in written.read_text(encoding="utf-8")
    elif command == "adopt":
        (tmp_path / "docs").mkdir()
        (tmp_path / "docs" / f"{LONG}.md").write_text(article(title="Long", body="Text.\n"), encoding="utf-8")
        result = run_kbgen("adopt", str(tmp_path / "docs"), "--lang", "tr", "--today", "2026-11-22")
        assert "Text." in (small_site.content / f"tr/{LONG}.md").read_text(encoding="utf-8")
    else:
        result = run_kbgen("export", "--today", "2026-11-22", "-o", f"{LONG[:-2]}.jsonl")
        assert '"title":"Long"' in (small_site.root / f"{LONG[:-2]}.jsonl").read_text(encoding="utf-8")
    assert result.exit_code == 0, result.output
    assert "too long" not in result.output
    assert not [p.name for p in small_site.root.rglob("*kbgen-tmp*")]


# --- a report cut short by a full disk ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("command", "name"), [(("check", "--format", "json"), "report.json"), (("report", "--format", "csv"), "report.csv")]
)
def test_a_report_that_cannot_be_written_whole_leaves_the_last_one(
    small_site: Site, tmp_path: Path, command: tuple[str, ...], name: str
) -> None:
    """`check -o` and `report -o` truncated the previous report and then wrote until the disk was full: the CI
    step after them found a cut-off SARIF, JSON or CSV file under the expected name. Now the old file stays."""
    for index in range(40):
        small_site.write(f"en/account/extra-{index}.md", article(title=f"Extra {index}", reviewed="2026-11-01"))
    target = tmp_path / name
    target.write_text("the last report\n", encoding="utf-8")
    done = kbgen_process(small_site, *command, "--today", "2026-01-01", "-o", str(target), file_limit=4096, timeout=120)
    assert done.returncode == 2, done.stderr
    assert f"cannot write report to {target}: File too large" in done.stderr
    assert target.read_text(encoding="utf-8") == "the last report\n"
    assert [p.name for p in tmp_path.iterdir() if p.name != "project"] == [name]


# --- kbgen new stopped by a full disk -----------------------------------------------------------------------------


def test_new_stopped_by_a_full_disk_leaves_nothing_half_written(small_site: Site) -> None:
    """A write failing half-way left a cut-off article (front matter not closed, KB102) and two new section folders;
    the retry then refused: "already exists"."""

    args = ["new", "Download your invoices", "--category", "billing/invoices", "--owner", "o", "--today", "2026-11-22"]
    before = sorted(p.relative_to(small_site.content) for p in small_site.content.rglob("*"))
    done = kbgen_process(small_site, *args, file_limit=200)  # the section index files fit, the article not
    assert done.returncode == 2, done.stderr
    assert "cannot write the article: File too large" in done.stderr
    assert sorted(p.relative_to(small_site.content) for p in small_site.content.rglob("*")) == before
    again = kbgen_process(small_site, *args)
    assert again.returncode == 0, again.stderr
    assert (small_site.content / "en/billing/invoices/download-your-invoices.md").read_text().endswith("\n")


# --- kbgen review --category or --owner with a typo ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("option", "value", "message"),
    [
        ("--category", "acount", "--category 'acount' is no section of any article; categories are: account"),
        ("--category", "ACCOUNT", "--category 'ACCOUNT' is no section of any article; categories are: account"),
        ("--owner", "maria.popesku", "--owner 'maria.popesku' owns no article; owners are: maria.popescu"),
    ],
)
def test_review_with_a_category_or_owner_no_article_has_is_a_usage_error(
    small_site: Site, run_kbgen, option: str, value: str, message: str
) -> None:
    """`kbgen review --category acount` said "no articles matched; nothing changed" and exited 0, so a script
    recording a team's reviews believed it had (`kbgen report --owner` already refuses an unknown owner)."""
    before = {p: p.read_bytes() for p in small_site.content.rglob("*") if p.is_file()}
    result = run_kbgen("review", option, value, "--today", "2026-11-22", "--by", "me", cwd=small_site.root)
    assert result.exit_code == 2, result.output
    assert f"error: {message}" in result.stderr
    assert {p: p.read_bytes() for p in small_site.content.rglob("*") if p.is_file()} == before
    # a filter that matches articles, none of them stale, is still a clean "nothing to do"
    fine = run_kbgen("review", "--category", "account", "--stale", "--today", "2026-11-22", "--by", "me")
    assert fine.exit_code == 0 and "no articles matched" in fine.stderr


# --- kbgen new --category under a language folder that is not configured ------------------------------------------


def test_new_with_a_category_path_under_an_unconfigured_language_is_refused(small_site: Site, run_kbgen) -> None:
    """`kbgen new --category content/de/billing` with `de` not configured wrote content/en/content/de/billing/,
    a category `check` accepted, so the article went live in English under a folder named 'content'."""
    before = sorted(p.relative_to(small_site.content).as_posix() for p in small_site.content.rglob("*"))
    result = run_kbgen("new", "Download invoices", "--category", "content/de/billing", cwd=small_site.root)
    assert result.exit_code == 2, result.output
    assert "'de' is not a configured language (en, tr, ro, zh)" in result.stderr
    assert sorted(p.relative_to(small_site.content).as_posix() for p in small_site.content.rglob("*")) == before


# --- kbgen build into a folder inside a built site ----------------------------------------------------------------


def test_a_build_into_a_folder_of_a_built_site_is_refused_and_that_site_still_builds(
    small_site: Site, run_kbgen
) -> None:
    """`kbgen build -d site/preview` beside a built `site/` wrote a site inside it, and the next plain build then
    refused `site/` for holding files its manifest did not list."""
    assert run_kbgen("build", "--today", "2026-11-22", cwd=small_site.root).exit_code == 0
    before = sorted(p.relative_to(small_site.root).as_posix() for p in (small_site.root / "site").rglob("*"))
    nested = run_kbgen("build", "--today", "2026-11-22", "--site-dir", "site/preview", cwd=small_site.root)
    assert nested.exit_code == 2, nested.output
    assert "is inside" in nested.stderr and "a site kbgen built" in nested.stderr
    assert sorted(p.relative_to(small_site.root).as_posix() for p in (small_site.root / "site").rglob("*")) == before
    again = run_kbgen("build", "--today", "2026-11-22", cwd=small_site.root)
    assert again.exit_code == 0, again.stderr


# --- bidi overrides in front matter ---------------------------------------------------------------------------------


def test_a_bidi_override_in_a_title_or_tag_is_an_error_at_its_line(small_site: Site, run_kbgen) -> None:
    """A title "Invoice\\u202efdp.exe" showed as "Invoiceexe.pdf" in every listing, breadcrumb and search result
    (the override reverses the letters after it), and check said nothing. Right-to-left titles need no override."""
    small_site.write("en/billing/disguised.md", article(title='"Invoice\\u202efdp.exe"', extra='tags: ["a\\u202db"]'))
    hebrew = "\u05d7\u05e9\u05d1\u05d5\u05e0\u05d9\u05ea \u2067PDF\u2069"  # "invoice" then an isolated "PDF"
    small_site.write("en/billing/hebrew.md", article(title=hebrew))
    result = run_kbgen("check", "--today", "2026-11-22", cwd=small_site.root)
    assert result.exit_code == 1, result.output
    assert "content/en/billing/disguised.md:2:8: error KB" in result.output
    assert "'title' holds U+202E RIGHT-TO-LEFT OVERRIDE" in result.output
    assert "'tags' holds U+202D LEFT-TO-RIGHT OVERRIDE" in result.output
    assert "hebrew.md" not in result.output  # an isolate around a Latin word is right-to-left writing, not a trick


# --- kbgen report --by-owner stopped by a full disk ---------------------------------------------------------------


def test_owner_digests_that_cannot_be_written_whole_leave_the_last_ones(small_site: Site, tmp_path: Path) -> None:
    """`report --by-owner` wrote its digests one by one: a full disk left some owners' new digests, one cut off
    and the rest from the last run. Now every file is written before any is renamed into place."""
    out = tmp_path / "digests"
    digests = ("report", "--today", "2026-11-22", "--by-owner", "--output-dir", str(out))
    assert kbgen_process(small_site, *digests, timeout=120).returncode in (0, 1)
    before = {p.name: p.read_bytes() for p in out.iterdir()}
    for index in range(60):  # one owner's digest grows past the 4 KiB a write may reach
        small_site.write(
            f"en/account/old-{index}.md", article(title=f"Old page {index}", owner="aaron.first", reviewed="2025-01-01")
        )
    done = kbgen_process(small_site, *digests, file_limit=4096, timeout=120)
    assert done.returncode == 2, done.stderr
    assert {p.name: p.read_bytes() for p in out.iterdir()} == before


# --- docs_dir naming the project's folder or one around it ------------------------------------------------------


@pytest.mark.parametrize("docs_dir", ["/", "..", ".", "./"])
@pytest.mark.parametrize("command", ["check", "build", "report"])
def test_a_docs_dir_around_the_project_is_a_config_error(
    small_site: Site, run_kbgen, command: str, docs_dir: str
) -> None:
    """`docs_dir: /` made `kbgen check` walk the whole file system (minutes, then findings for every Markdown
    file of the machine); `..` or `.` read the project itself, its built site included, as content."""
    text = small_site.config_file.read_text().replace("docs_dir: content", f"docs_dir: '{docs_dir}'")
    small_site.config_file.write_text(text)
    result = run_kbgen(command, "--today", "2026-11-22", cwd=small_site.root)
    assert result.exit_code == 2, result.output
    assert "is the folder of mkdocs.yml or one around it" in result.stderr
    assert "Traceback" not in result.output
