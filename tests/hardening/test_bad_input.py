"""Catalogue A, B, C and F in real builds: hostile or broken files are findings, never tracebacks or lost sites.

Finding texts for single files are pinned by the golden cases in tests/cases/; these tests cover what only a
build or a process shows: identical output for twins, nothing executed, time and memory bounds, intact sites.
"""

from __future__ import annotations

import json
import subprocess
import sys
import time
from datetime import date
from pathlib import Path

import pytest

import kbgen.loading.frontmatter
import kbgen.loading.loader
from kbgen.config.settings import parse_config
from kbgen.config.today import resolve_today
from kbgen.loading.loader import load_corpus
from kbgen.publishing.manifest import MANIFEST_NAME
from kbgen.publishing.site_build import build_site
from tests.support.hardening import everything, kbgen_env, leftovers, snapshot_tree
from tests.support.project import BASE_PLUGIN_CONFIG, SAMPLE_TODAY, Site, article

TODAY = ["--today", "2026-11-22"]


def _manifest(site: Site) -> str:
    build_site(site.config_file, None, SAMPLE_TODAY, strict=True)
    return (site.site_dir / MANIFEST_NAME).read_text(encoding="utf-8")


def test_fm02_fm03_dt02_bom_crlf_and_quoted_dates_give_byte_identical_sites(tmp_path: Path) -> None:
    plain, twin = Site(tmp_path / "plain"), Site(tmp_path / "twin")
    text = article(title="Invoices", body="## Where\n\nOpen *Billing*.\n\n- one\n- two\n")
    plain.write("en/billing/invoices.md", text)
    quoted = text.replace("reviewed: 2026-09-01", "reviewed: '2026-09-01'")
    twin.write("en/billing/invoices.md", b"\xef\xbb\xbf" + quoted.replace("\n", "\r\n").encode("utf-8"))
    assert _manifest(plain) == _manifest(twin)


@pytest.mark.parametrize(
    ("name", "text", "codes"),
    [
        ("closed-by-dots", "---\ntitle: T\nowner: o\nreviewed: 2026-09-01\nproduct_version: all\n...\nBody.\n", []),
        ("closer-at-eof", "---\ntitle: T\nowner: o\nreviewed: 2026-09-01\nproduct_version: all\n---", []),
        ("blank-first", "\n\n---\ntitle: T\nowner: o\n---\nBody.\n", ["KB102"]),
        ("long-opener", "----\ntitle: T\nowner: o\n----\nBody.\n", ["KB102"]),
        ("unclosed", "---\ntitle: T\nowner: o\nreviewed: 2026-09-01\n", ["KB102"]),
    ],
)
def test_fm04_each_delimiter_form_behaves_the_same_in_check_and_build_and_yaml_is_never_rendered(
    site: Site, run_kbgen, name: str, text: str, codes: list[str]
) -> None:
    site.write(f"en/account/{name}.md", text)
    checked = run_kbgen("check", *TODAY, "--format", "json", cwd=site.root)
    assert [f["code"] for f in json.loads(checked.stdout)["findings"]] == codes
    built = build_site(site.config_file, None, SAMPLE_TODAY, strict=False)
    assert [f.code for f in built.findings] == codes
    page = site.site_dir / f"en/account/{name}/index.html"
    assert page.exists() is (not codes)
    if page.exists():
        html = page.read_text(encoding="utf-8")
        assert "<h1>T</h1>" in html
        assert "owner:" not in html and "product_version" not in html and "<hr" not in html


def test_fm07_python_tags_are_never_executed(site: Site, run_kbgen, tmp_path: Path) -> None:
    marker = tmp_path / "pwned"
    site.write("en/account/evil.md", f'---\ntitle: T\nx: !!python/object/apply:os.system ["touch {marker}"]\n---\n')
    site.write("en/account/ok.md", article())
    result = run_kbgen("check", *TODAY, cwd=site.root)
    assert "content/en/account/evil.md:3:4: error KB101: unsupported YAML tag" in result.stdout
    assert run_kbgen("build", *TODAY, cwd=site.root).exit_code == 0
    assert not marker.exists()


_BOMB = """---
a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]
b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]
c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]
d: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]
e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]
f: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]
g: &g [*f,*f,*f,*f,*f,*f,*f,*f,*f]
h: &h [*g,*g,*g,*g,*g,*g,*g,*g,*g]
i: &i [*h,*h,*h,*h,*h,*h,*h,*h,*h]
---
"""

# Peak memory is what the loader allocates (tracemalloc), not ru_maxrss: on Linux a child inherits its
# parent's RSS high-water mark across fork and exec, so under pytest ru_maxrss reports pytest's own size.
_MEASURE = """
import sys, time, tracemalloc
from pathlib import Path
from kbgen.config.settings import parse_config
from kbgen.loading.loader import load_corpus
tracemalloc.start()
start = time.monotonic()
corpus = load_corpus(Path(sys.argv[1]), parse_config({}), "")
elapsed = time.monotonic() - start
print(elapsed, tracemalloc.get_traced_memory()[1] // 1024, " ".join(f.code for f in corpus.findings))
"""


def test_fm08_alias_bombs_fail_fast_in_little_memory(tmp_path: Path) -> None:
    content = tmp_path / "content"
    (content / "en/account").mkdir(parents=True)
    (content / "en/account/bomb.md").write_text(_BOMB, encoding="utf-8")
    (content / "en/account/loop.md").write_text("---\na: &a [*a]\n---\n", encoding="utf-8")
    assert len(_BOMB.encode()) < 400
    done = subprocess.run([sys.executable, "-c", _MEASURE, str(content)], capture_output=True, text=True,
                          env=kbgen_env(), timeout=60, check=True)  # fmt: skip
    elapsed, peak_kib, codes = done.stdout.split(" ", 2)
    assert float(elapsed) < 1.0
    assert int(peak_kib) < 100 * 1024
    assert codes.split() == ["KB105", "KB105"]


def test_fm09_sc02_oversized_front_matter_and_files_are_refused_before_parsing(site: Site, monkeypatch) -> None:
    site.write("en/account/big-front.md", "---\ntitle: T\nnotes: |\n" + "  x\n" * (80 * 256) + "---\nBody.\n")
    site.write("en/account/huge.md", article(body="word " * (1024 * 1024)))
    parsed: list[str] = []
    real_parse = kbgen.loading.frontmatter.yaml.parse
    monkeypatch.setattr(
        kbgen.loading.frontmatter.yaml, "parse", lambda *a, **k: parsed.append("yaml") or real_parse(*a, **k)
    )
    corpus = load_corpus(site.content, parse_config(BASE_PLUGIN_CONFIG), "content/")
    assert [f.format() for f in corpus.findings] == [
        "content/en/account/big-front.md:1:1: error KB106: front matter is 80 KiB (limit 64 KiB); shorten it "
        "[front-matter-too-large]",
        "content/en/account/huge.md:1:1: error KB162: file is 5.0 MiB (limit 1.0 MiB); split the article "
        "[file-too-large]",
    ]
    assert parsed == []


def test_en01_undecodable_files_and_sc01_render_bombs_fail_a_strict_build_and_leave_the_site(
    small_site: Site, run_kbgen
) -> None:
    assert run_kbgen("build", "--strict", *TODAY, cwd=small_site.root).exit_code == 0
    before = snapshot_tree(small_site.site_dir)
    text = article(body="Line\n")
    small_site.write("en/account/latin1.md", text.replace("Line", "caf\xe9").encode("latin-1"))
    small_site.write("en/account/utf16.md", text.encode("utf-16"))
    small_site.write("en/account/brackets.md", article(body="[" * 8000))
    result = run_kbgen("build", "--strict", *TODAY, cwd=small_site.root)
    assert result.exit_code == 1
    assert "content/en/account/latin1.md:8:4: error KB130: not valid UTF-8 (byte 0xE9)" in result.stderr
    assert "content/en/account/utf16.md:1:1: error KB130: UTF-16 is not supported" in result.stderr
    assert "content/en/account/brackets.md:8:1: error KB161:" in result.stderr
    assert "Traceback" not in result.output
    assert snapshot_tree(small_site.site_dir) == before and leftovers(small_site) == []


def test_en02_stray_files_are_refused_and_never_published(site: Site, run_kbgen) -> None:
    site.write("en/account/ok.md", article())
    site.write("en/account/creds.yaml", "password: CANARY-CREDS-1\n")
    site.write("en/account/old.md.bak", "CANARY-BAK-2\n")
    site.write("en/.env", "SECRET=CANARY-ENV-3\n")
    site.write("en/account/.notes.md", article(title="CANARY-DOT-4"))
    result = run_kbgen("check", *TODAY, cwd=site.root)
    stray = sorted(line.split(":")[0] for line in result.stdout.splitlines() if "KB131" in line)
    assert stray == ["content/en/account/creds.yaml", "content/en/account/old.md.bak"]
    assert run_kbgen("build", *TODAY, cwd=site.root).exit_code == 0
    output = everything(site.site_dir)
    for canary in (b"CANARY-CREDS-1", b"CANARY-BAK-2", b"CANARY-ENV-3", b"CANARY-DOT-4"):
        assert canary not in output


def test_editor_scratch_files_are_skipped_like_dot_files(site: Site, run_kbgen) -> None:
    """Emacs' `name.md~` backup and `#name.md#` autosave, Vim's `4913` write test and JetBrains' safe-write files
    were KB131 errors: a writer's own editor failed the build (and made `kbgen serve` refuse the edit)."""
    site.write("en/account/ok.md", article())
    scratch = ["ok.md~", "#ok.md#", "4913", "ok.md___jb_tmp___", "ok.md___jb_old___"]
    for name in scratch:
        site.write(f"en/account/{name}", f"CANARY-SCRATCH {name}\n")
    result = run_kbgen("check", *TODAY, cwd=site.root)
    assert result.exit_code == 0 and "KB131" not in result.stdout, result.stdout
    assert run_kbgen("build", *TODAY, cwd=site.root).exit_code == 0
    assert b"CANARY-SCRATCH" not in everything(site.site_dir)


def test_sc01_pathological_markdown_is_kb161_and_the_whole_build_stays_fast(site: Site) -> None:
    site.write("en/account/ok.md", article(title="Still built"))
    site.write("en/account/brackets.md", article(body="[" * 8000))
    site.write("en/account/images.md", article(body="![" * 5000))
    site.write("en/account/bullets.md", article(body="* " * 2000 + "x\n"))
    site.write("en/account/list.md", article(body="".join("  " * i + "- x\n" for i in range(600))))
    site.write("en/account/quotes.md", article(body="> " * 3000 + "x\n"))
    site.write("en/account/emphasis.md", article(body="*" * 2000 + "x" + "*" * 2000 + "\n"))
    start = time.monotonic()
    result = build_site(site.config_file, None, SAMPLE_TODAY, strict=False)
    assert time.monotonic() - start < 15
    flagged = sorted(Path(f.path).stem for f in result.findings if f.code == "KB161")
    assert flagged == ["brackets", "bullets", "emphasis", "images", "list", "quotes"]
    assert (site.site_dir / "en/account/ok/index.html").exists()
    assert sorted(p.name for p in (site.site_dir / "en/account").iterdir()) == ["index.html", "ok"]


def test_sc01_the_plugin_refuses_a_page_the_core_did_not_flag(site: Site, monkeypatch) -> None:
    """Defence in depth: if the loader's check were skipped, the render hook still never renders the bomb."""
    monkeypatch.setattr(kbgen.loading.loader, "check_body", lambda *args: [])
    site.write("en/account/brackets.md", article(body="[" * 8000))
    start = time.monotonic()
    build_site(site.config_file, None, SAMPLE_TODAY, strict=False)
    assert time.monotonic() - start < 15
    html = site.read_output("en/account/brackets/index.html")
    assert "This page was not rendered" in html and "[[[[" not in html


def test_dt04_configured_date_formats(site: Site) -> None:
    site.write("en/account/us.md", article(reviewed="07/07/2025"))
    site.write("en/account/bad.md", article(reviewed="13/07/2025"))
    config = parse_config({**BASE_PLUGIN_CONFIG, "date_formats": ["%Y-%m-%d", "%m/%d/%Y"]})
    corpus = load_corpus(site.content, config, "content/")
    assert [a.reviewed for a in corpus.articles] == [date(2025, 7, 7)]
    assert [f.format() for f in corpus.findings] == [
        "content/en/account/bad.md:4:11: error KB120: 'reviewed' is '13/07/2025': expected YYYY-MM-DD; "
        "does not match %m/%d/%Y [invalid-date]"
    ]


def test_dt06_today_from_the_clock_ignores_the_local_time_zone(monkeypatch) -> None:
    seen = set()
    for zone in ("Pacific/Kiritimati", "Etc/GMT+12"):
        monkeypatch.setenv("TZ", zone)
        time.tzset()
        seen.add(resolve_today(None, {}, "UTC").date)
    monkeypatch.delenv("TZ")
    time.tzset()
    assert len(seen) == 1


def test_fm_findings_from_many_bad_files_all_appear_in_one_run(site: Site, run_kbgen) -> None:
    """One bad file never stops the others being checked."""
    site.write("en/account/a.md", "---\ntitle: [\n---\n")
    site.write("en/account/b.md", b"\xff\xfe" + "x".encode("utf-16-le"))
    site.write("en/account/c.md", "---\n- a list\n---\n")
    site.write("en/account/d.md", article(extra="reveiw_by: 2027-01-01\n"))
    site.write("en/account/e.md", "")
    result = run_kbgen("check", *TODAY, cwd=site.root)
    files = {line.split(":")[0].rsplit("/", 1)[1] for line in result.stdout.splitlines() if "content/" in line}
    assert files == {"a.md", "b.md", "c.md", "d.md", "e.md"}
    assert "Traceback" not in result.output
