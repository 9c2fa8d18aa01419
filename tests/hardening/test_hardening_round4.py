"""Round 4 of the attack: inputs and orders no earlier round tried, each of which once ended in KB900 or worse."""

from __future__ import annotations

import gzip
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.support.hardening import kbgen_env, kbgen_process
from tests.support.project import REPO, Site, article
from tests.support.site_audit import html_problems, parse

# --- every module imports on its own ----------------------------------------------------------------------------

_IMPORT_EACH_ALONE = """
import importlib, pathlib, sys
root = pathlib.Path(sys.argv[1])
failed = []
for path in sorted((root / "kbgen").rglob("*.py")):
    parts = path.relative_to(root).with_suffix("").parts
    name = ".".join(parts[:-1] if parts[-1] == "__init__" else parts)
    for loaded in [m for m in sys.modules if m == "kbgen" or m.startswith("kbgen.")]:
        del sys.modules[loaded]
    try:
        importlib.import_module(name)
    except Exception as error:
        failed.append(f"{name}: {type(error).__name__}: {error}")
print("\\n".join(failed))
"""


def test_every_module_imports_first_in_a_fresh_interpreter() -> None:
    """A command's module is the first kbgen code a `python -m kbgen CMD` run imports: an import cycle that the
    test process never meets (it imported the other side first) ended `kbgen report` in KB900 on every run."""
    done = subprocess.run(
        [sys.executable, "-c", _IMPORT_EACH_ALONE, str(REPO)],
        env=kbgen_env(),
        capture_output=True,
        text=True,
        timeout=300,
        check=True,
    )
    assert done.stdout.strip() == ""


# --- "today" at the edges of the calendar --------------------------------------------------------------------------


@pytest.mark.parametrize("epoch", ["99999999999999999999", "253402300800"])  # past any platform's time_t; year 10000
def test_source_date_epoch_out_of_range_is_a_usage_error(small_site: Site, run_kbgen, monkeypatch, epoch: str) -> None:
    for command in ("check", "build", "report"):
        monkeypatch.setenv("SOURCE_DATE_EPOCH", epoch)
        result = run_kbgen(command, cwd=small_site.root)
        assert result.exit_code == 2, (command, result.stderr)
        assert f"SOURCE_DATE_EPOCH: '{epoch}'" in result.stderr and "KB900" not in result.stderr
    assert not small_site.site_dir.exists()


@pytest.mark.parametrize(
    ("epoch", "wrong"),
    [("-1", "is before 1970-01-01"), ("1.5e9", "is not a Unix time"), ("\u00b9\u00b2", "is not a Unix time")],
)
def test_a_source_date_epoch_that_is_no_unix_time_says_what_to_set(
    small_site: Site, run_kbgen, monkeypatch, epoch: str, wrong: str
) -> None:
    """'-1' was called "not a whole number", and superscript digits (str.isdigit) "past the last date"."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", epoch)
    result = run_kbgen("check", cwd=small_site.root)
    assert result.exit_code == 2 and "Traceback" not in result.stderr
    assert f"SOURCE_DATE_EPOCH: '{epoch}' {wrong}; set it to whole seconds since 1970-01-01" in result.stderr


@pytest.mark.parametrize("today", ["0001-01-01", "0999-12-31", "1969-12-31", "2106-02-08", "9999-12-31"])
def test_build_takes_any_today_check_takes(small_site: Site, run_kbgen, today: str) -> None:
    """`check --today 9999-12-31` judged every article; `build` ended in KB900 because MkDocs dates the sitemap's
    gzip header (32 bits) and writes the year unpadded (it cannot read '1-01-01' back)."""
    assert run_kbgen("check", "--today", today, cwd=small_site.root).exit_code in (0, 1)
    result = run_kbgen("build", "--today", today, cwd=small_site.root)
    assert "KB900" not in result.stderr and result.exit_code == 0, result.stderr
    assert (small_site.site_dir / "en/account/alpha/index.html").is_file()
    compressed = (small_site.site_dir / "sitemap.xml.gz").read_bytes()
    assert gzip.decompress(compressed) == (small_site.site_dir / "sitemap.xml").read_bytes()


# --- numbers Python will not print ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("extra", "key", "line", "column"),
    [
        ("summary: 0x" + "f" * 5000, "summary", 6, 10),  # read, but over 4,300 digits when printed
        ("summary: 0b" + "1" * 20000, "summary", 6, 10),
        ("tags: [help, 0x" + "f" * 5000 + "]", "tags", 6, 14),
        ("order: " + "9" * 5000, "order", 6, 8),  # Python refuses to read it: was "got text; remove the quotes"
        ("order: 18446744073709551616", "order", 6, 8),
        ("hide: {toc: [1, {0x" + "1" * 40 + ": 1}]}", "hide", 6, 18),
    ],
    ids=["hex", "binary", "in-a-list", "decimal", "2**64", "nested-key"],
)
def test_a_huge_yaml_integer_is_a_finding_on_its_line(
    small_site: Site, run_kbgen, extra: str, key: str, line: int, column: int
) -> None:
    """`title: 0xfff…` (5,000 digits) is an int YAML reads and Python will not print: check and build ended in
    KB900 wherever the value was shown, keyed or repr'd."""
    small_site.write("en/account/gamma.md", article(title="Gamma", extra=extra))
    check = run_kbgen("check", "--today", "2026-11-22", "--format", "json", cwd=small_site.root)
    assert check.exit_code == 1, check.stderr
    findings = [f for f in json.loads(check.stdout)["findings"] if f["path"] == "content/en/account/gamma.md"]
    assert [(f["code"], f["line"], f["column"]) for f in findings] == [("KB112", line, column)]
    assert f"'{key}' holds the number" in findings[0]["message"] and "too large" in findings[0]["message"]
    build = run_kbgen("build", "--today", "2026-11-22", cwd=small_site.root)
    assert build.exit_code == 0 and "KB900" not in build.stderr, build.stderr
    assert not (small_site.site_dir / "en/account/gamma").exists()


def test_a_huge_title_number_is_one_finding(small_site: Site, run_kbgen) -> None:
    small_site.write("en/account/gamma.md", article(title="0x" + "f" * 5000))
    check = run_kbgen("check", "--today", "2026-11-22", "--format", "json", cwd=small_site.root)
    findings = [f for f in json.loads(check.stdout)["findings"] if f["path"] == "content/en/account/gamma.md"]
    assert [(f["code"], f["line"]) for f in findings] == [("KB112", 2)]


def test_largest_usable_order_still_sorts(small_site: Site, run_kbgen) -> None:
    small_site.write("en/account/gamma.md", article(title="Gamma", extra="order: -9223372036854775808"))
    check = run_kbgen("check", "--today", "2026-11-22", cwd=small_site.root)
    assert check.exit_code == 0, check.stdout


# --- heading ids in the theme's links ---------------------------------------------------------------------------


def test_a_custom_heading_id_cannot_break_out_of_the_toc_and_skip_links(small_site: Site, run_kbgen) -> None:
    """`{#id}` takes any text up to '}'; material prints `toc_item.url` into `href="…"` unescaped (the table of
    contents, twice, and the first heading's "Skip to content" link), so `{#a"onfocus}` added an attribute."""
    body = '# Start {#a"onfocus}\n\nText.\n\n## Part {#b"autofocus"hidden}\n\nMore.\n\n## Tag {#c"><i>x</i>}\n'
    small_site.write("en/account/gamma.md", article(title="Gamma", body=body))
    assert run_kbgen("build", "--today", "2026-11-22", cwd=small_site.root).exit_code == 0
    page = (small_site.site_dir / "en/account/gamma/index.html").read_text(encoding="utf-8")
    assert html_problems(page) == []
    audit = parse(page)
    fragments = {e.attrs["href"] for e in audit.elements if e.tag == "a" and e.attrs.get("href", "").startswith("#")}
    assert {'#a"onfocus', '#b"autofocus"hidden'} <= fragments
    ids = {e.attrs["id"] for e in audit.elements if "id" in e.attrs}
    assert {'a"onfocus', 'b"autofocus"hidden'} <= ids  # each link still leads to its heading
    assert not [e for e in audit.elements if e.tag == "a" and {"onfocus", "autofocus", "hidden"} & set(e.attrs)]
    assert not [e for e in audit.elements if e.tag == "i"]


# --- special files: a named pipe blocks whoever opens it ---------------------------------------------------------


def test_a_named_pipe_in_content_is_refused_not_read(small_site: Site) -> None:
    """Opening a FIFO waits for a writer: `kbgen check` and `kbgen build` hung for ever on `content/en/pipe.md`."""
    os.mkfifo(small_site.content / "en/account/pipe.md")
    os.mkfifo(small_site.content / "en/account/pipe.png")
    check = kbgen_process(small_site, "check", "--today", "2026-11-22")
    assert check.returncode == 1, check.stdout + check.stderr
    for name in ("pipe.md", "pipe.png"):
        assert f"content/en/account/{name}:1:1: error KB131: " in check.stdout
        assert "not a regular file (a named pipe)" in check.stdout
    build = kbgen_process(small_site, "build", "--today", "2026-11-22")
    assert build.returncode == 0, build.stderr
    assert (small_site.site_dir / "en/account/alpha/index.html").is_file()
    assert not list(small_site.site_dir.rglob("pipe*"))


@pytest.mark.parametrize("sphinx", [False, True], ids=["plain-tree", "myst-tree-with-toctree"])
def test_adopt_leaves_a_named_pipe_out(small_site: Site, tmp_path: Path, sphinx: bool) -> None:
    """Every reader of a tree's pages (front matter, MyST detection, toctrees) opens a page only when it is a file:
    a named pipe among them hung adopt."""
    source = tmp_path / "docs"
    source.mkdir()
    (source / "guide.md").write_text("# Guide\n\nText.\n", encoding="utf-8")
    if sphinx:
        (source / "conf.py").write_text("project = 'Docs'\n", encoding="utf-8")
        (source / "index.md").write_text("# Docs\n\n```{toctree}\nguide\npipe\n```\n", encoding="utf-8")
    os.mkfifo(source / "pipe.md")
    adopt = kbgen_process(small_site, "adopt", str(source), "--lang", "en", "--today", "2026-11-22")
    assert adopt.returncode == 1, adopt.stdout + adopt.stderr
    assert "pipe.md" in adopt.stdout and "not a regular file (a named pipe)" in adopt.stdout
    assert (small_site.content / "en/guide.md").is_file() and not (small_site.content / "en/pipe.md").exists()


# --- kbgen new never writes a file kbgen check refuses ----------------------------------------------------------


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (["Con", "--category", "account"], "reserved Windows device name 'con'"),  # the slug from the title
        (["Printer port", "--category", "account", "--slug", "lpt1"], "reserved Windows device name 'lpt1'"),
        (["Aux setup", "--category", "account", "--slug", "aux"], "reserved Windows device name 'aux'"),
        (["Basics", "--category", "c#x"], "'#'"),
        (["Basics", "--category", "100%"], "'%'"),
    ],
    ids=["title-con", "slug-lpt1", "slug-aux", "category-hash", "category-percent"],
)
def test_new_refuses_a_name_check_would_refuse(small_site: Site, run_kbgen, args: list[str], expected: str) -> None:
    """`kbgen new "Con"` wrote con.md (non-portable-name KB142) and `--category c#x` a folder whose every page is
    url-unsafe-name KB146; the README promises a file that passes `kbgen check`."""
    before = sorted(p.relative_to(small_site.content) for p in small_site.content.rglob("*"))
    result = run_kbgen("new", *args, "--owner", "o", "--today", "2026-11-22", cwd=small_site.root)
    assert result.exit_code == 2, result.stdout
    assert expected in result.stderr
    assert sorted(p.relative_to(small_site.content) for p in small_site.content.rglob("*")) == before


@pytest.mark.parametrize(
    ("command", "target", "problem"),
    [
        (("check", "--output"), "mkdocs.yml", "mkdocs.yml is the project's configuration file"),
        (("check", "--format", "json", "--output"), "content/en/report.json", "is inside the content folder"),
        (("report", "--output"), "content/en/billing/report.md", "is inside the content folder 'content'"),
        (("export", "--output"), "site/export.jsonl", "is inside the built site 'site'"),
        (("report", "--by-owner", "--output-dir"), "content/digests", "is inside the content folder 'content'"),
    ],
)
def test_a_report_is_never_written_over_the_configuration_the_content_or_the_site(
    small_site: Site, run_kbgen, command: tuple[str, ...], target: str, problem: str
) -> None:
    """`check --output mkdocs.yml` replaced the configuration with a report; one under content/ was then published
    or refused as a stray file, and one in site/ stopped the next build. Refused before any work, exit 2."""
    assert run_kbgen("build", "--today", "2026-11-26", cwd=small_site.root).exit_code == 0
    before = {p: p.read_bytes() for p in small_site.root.rglob("*") if p.is_file()}
    result = run_kbgen(*command, target, "--today", "2026-11-26", cwd=small_site.root)
    assert result.exit_code == 2, result.output
    assert problem in result.stderr and "choose another path" in result.stderr and "Traceback" not in result.output
    assert {p: p.read_bytes() for p in small_site.root.rglob("*") if p.is_file()} == before


def test_review_of_a_path_that_is_no_file_nor_folder_is_a_usage_error(small_site: Site, run_kbgen) -> None:
    """`kbgen review content/en/pipe.md` said "no articles matched" and exited 0: a script recording reviews
    would believe it had."""
    os.mkfifo(small_site.content / "en/account/pipe.md")
    before = {p: p.read_bytes() for p in small_site.content.rglob("*") if p.is_file()}
    result = run_kbgen("review", "content/en/account/pipe.md", "--today", "2026-11-22", cwd=small_site.root)
    assert result.exit_code == 2, result.output
    assert "is neither a file nor a folder" in result.stderr and "Traceback" not in result.output
    assert {p: p.read_bytes() for p in small_site.content.rglob("*") if p.is_file()} == before
