"""Catalogue D (PA04-PA08) and property S7: names, symlinks, output placement, unreadable files, confinement."""

from __future__ import annotations

import logging
import os
import site as site_module
import sys
import sysconfig
from pathlib import Path, PurePosixPath

import pytest

from kbgen.config.settings import parse_config
from kbgen.loading.loader import load_corpus
from kbgen.loading.path_safety import name_problem
from kbgen.publishing.site_build import build_site
from tests.support.hardening import audited, everything, leftovers, snapshot_tree
from tests.support.project import BASE_PLUGIN_CONFIG, REPO, SAMPLE_TODAY, Site, article

TODAY = ["--today", "2026-11-22"]


def _findings(site: Site) -> list[str]:
    corpus = load_corpus(site.content, parse_config(BASE_PLUGIN_CONFIG), "content/")
    return [f.format() for f in corpus.findings]


@pytest.mark.parametrize(
    ("name", "reason"),
    [
        ("con.md", "reserved Windows device name 'con'"),
        ("LPT1.txt", "reserved Windows device name 'LPT1'"),
        ("a:b.md", "contains ':'"),
        ("what?.md", "contains '?'"),
        ("trailing.md.", "ends with a dot or a space"),
        ("trailing ", "ends with a dot or a space"),
        ("x" * 297 + ".md", "is 300 bytes long (limit 255)"),
        ("ş" * 128 + ".md", "is 259 bytes long (limit 255)"),
    ],
)
def test_pa04_name_problem_explains_why_a_name_is_not_portable(name: str, reason: str) -> None:
    problem = name_problem(name)
    assert problem is not None and reason in problem


@pytest.mark.parametrize("name", ["reset-password.md", "console.md", "şifre.md", "a.b.c.md", "x" * 252 + ".md"])
def test_pa04_ordinary_names_are_portable(name: str) -> None:
    assert name_problem(name) is None


def test_pa04_one_finding_per_non_portable_file_and_none_published(site: Site, run_kbgen) -> None:
    for name in ("con.md", "a:b.md", "trailing.md.", "ok.md"):
        site.write(f"en/account/{name}", article())
    result = run_kbgen("check", *TODAY, cwd=site.root)
    assert result.exit_code == 1
    lines = [line for line in result.stdout.splitlines() if "KB142" in line]
    assert lines == [
        "content/en/account/a:b.md:1:1: error KB142: name is not portable (Windows): 'a:b.md' contains ':', "
        "which Windows does not allow in names; rename it [non-portable-name]",
        "content/en/account/con.md:1:1: error KB142: name is not portable (Windows): 'con.md' uses the reserved "
        "Windows device name 'con'; rename it [non-portable-name]",
        "content/en/account/trailing.md.:1:1: error KB142: name is not portable (Windows): 'trailing.md.' ends "
        "with a dot or a space, which Windows drops silently; rename it [non-portable-name]",
    ]
    assert run_kbgen("build", *TODAY, cwd=site.root).exit_code == 0
    built = sorted(p.name for p in (site.site_dir / "en/account").iterdir())
    assert built == ["index.html", "ok"]


def test_a_name_that_reads_as_another_is_refused_and_shown_escaped(site: Site, run_kbgen) -> None:
    """A bidirectional control in a name ("Trojan Source"): `invoice\u202egpj.md` shows as `invoicedm.jpg` in a
    review, a listing or its address. Refused, named with the control written out, and nothing of it published."""
    site.write("en/account/invoice\u202egpj.md", article(title="Invoice"))
    site.write("en/account/ok.md", article(title="Fine"))
    folder = site.content / "en/account/\u2067nested"
    folder.mkdir()
    (folder / "page.md").write_text(article(title="Nested"), encoding="utf-8")
    (site.content / "en/account/photo\u202egnp.exe.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    result = run_kbgen("check", *TODAY, cwd=site.root)
    assert result.exit_code == 1
    lines = sorted(line for line in result.stdout.splitlines() if "KB147" in line)
    assert len(lines) == 3 and all("\u202e" not in line and "\u2067" not in line for line in lines)
    assert (
        "content/en/account/invoice\\u202egpj.md:1:1: error KB147: name holds the invisible control character "
        "U+202E, which makes it read as another name; rename 'invoice\\u202egpj.md' without it [deceptive-name]"
        in lines
    )
    assert any("U+2067" in line and "nested/page.md" in line for line in lines)
    assert run_kbgen("build", *TODAY, cwd=site.root).exit_code == 0
    built = sorted(p.name for p in (site.site_dir / "en/account").iterdir())
    assert built == ["index.html", "ok"]


def _outside_folder(tmp_path: Path) -> Path:
    outside = tmp_path / "outside-secrets"
    outside.mkdir()
    (outside / "hostname").write_text("CANARY-OUTSIDE-4f1\n")
    (outside / "page.md").write_text(article(title="CANARY-OUTSIDE-TITLE"))
    return outside


def test_pa05_pa06_links_out_loops_and_dangling_links_are_findings_never_followed(
    site: Site, tmp_path: Path, run_kbgen
) -> None:
    outside = _outside_folder(tmp_path)
    site.write("en/account/ok.md", article(title="Stays"))
    (site.content / "en/account/leak.md").symlink_to(outside / "page.md")
    (site.content / "en/leak.txt").symlink_to(outside / "hostname")
    (site.content / "en/etc").symlink_to(outside, target_is_directory=True)
    (site.content / "en/system").symlink_to("/etc", target_is_directory=True)
    (site.content / "loop").symlink_to(".", target_is_directory=True)
    (site.content / "en/account/gone.md").symlink_to("nowhere.md")
    (site.content / "en/account/self.md").symlink_to("self.md")
    result = run_kbgen("check", *TODAY, cwd=site.root)
    assert result.exit_code == 1
    by_path = {line.split(":1:1:")[0]: line for line in result.stdout.splitlines() if ":1:1:" in line}
    assert set(by_path) == {
        "content/en/account/leak.md", "content/en/leak.txt", "content/en/etc", "content/en/system",
        "content/loop", "content/en/account/gone.md", "content/en/account/self.md",
    }  # fmt: skip
    for outward in ("content/en/account/leak.md", "content/en/leak.txt", "content/en/etc", "content/en/system"):
        assert "error KB143: symlink points outside the content root" in by_path[outward]
    assert "error KB144: symlink loops back to a folder that contains it (-> .)" in by_path["content/loop"]
    assert "error KB144: symlink target does not exist" in by_path["content/en/account/gone.md"]
    assert "error KB144" in by_path["content/en/account/self.md"]

    with audited() as events:
        build = run_kbgen("build", *TODAY, cwd=site.root)
    assert build.exit_code == 0, build.output
    assert "Traceback" not in build.output
    touched = [str(args[0]) for _, args in events if args and isinstance(args[0], str | bytes | os.PathLike)]
    assert not [p for p in touched if str(outside) in os.fsdecode(p) or os.fsdecode(p).startswith("/etc")]
    output = everything(site.site_dir)
    assert b"CANARY-OUTSIDE" not in output
    assert (site.site_dir / "en/account/ok/index.html").exists()
    assert not list(site.site_dir.rglob("*leak*")) and not (site.site_dir / "loop").exists()


def test_pa05_plain_mkdocs_refuses_a_linked_folder_instead_of_walking_it(site: Site, tmp_path: Path) -> None:
    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    from mkdocs.exceptions import Abort

    site.write("en/account/ok.md", article())
    outside = _outside_folder(tmp_path)
    (site.content / "en/etc").symlink_to(outside, target_is_directory=True)
    config = load_config(str(site.config_file))
    messages: list[str] = []
    handler = logging.Handler()
    handler.emit = lambda record: messages.append(record.getMessage())  # type: ignore[method-assign]
    logging.getLogger("mkdocs.commands.build").addHandler(handler)
    try:
        with audited() as events, pytest.raises(Abort):
            build(config)
    finally:
        logging.getLogger("mkdocs.commands.build").removeHandler(handler)
    assert any("en/etc: MkDocs would follow this linked folder" in message for message in messages), messages
    assert not [args for _, args in events if args and str(outside) in os.fsdecode(str(args[0]))]


@pytest.mark.parametrize(
    ("site_dir", "relation"),
    [("content", "is the same folder as"), ("content/en/out", "is inside"), (".", "contains")],
)
def test_pa07_output_equal_to_inside_or_around_the_content_root_is_exit_2(
    small_site: Site, run_kbgen, site_dir: str, relation: str
) -> None:
    before = snapshot_tree(small_site.content)
    result = run_kbgen("build", "--site-dir", site_dir, *TODAY, cwd=small_site.root)
    assert result.exit_code == 2
    assert f"error: output folder '{site_dir}' {relation} the content root '" in result.stderr
    assert "content'" in result.stderr
    assert snapshot_tree(small_site.content) == before
    assert leftovers(small_site) == []


def test_pa08_unreadable_article_is_kb145_exit_2_and_other_findings_still_reported(
    site: Site, run_kbgen, monkeypatch
) -> None:
    site.write("en/account/locked.md", article())
    site.write("en/account/other.md", article(reviewed="2026-02-30"))
    locked = site.content / "en/account/locked.md"
    locked.chmod(0)
    if os.geteuid() == 0:  # root reads through chmod 000; make the read fail the way it does for a user
        real_read = Path.read_bytes

        def read_bytes(self: Path) -> bytes:
            if self.name == "locked.md":
                raise PermissionError(13, "Permission denied", str(self))
            return real_read(self)

        monkeypatch.setattr(Path, "read_bytes", read_bytes)
    result = run_kbgen("check", *TODAY, cwd=site.root)
    locked.chmod(0o644)
    assert result.exit_code == 2
    assert "content/en/account/locked.md:1:1: error KB145: cannot read file: Permission denied" in result.stdout
    assert "content/en/account/other.md:4:11: error KB120:" in result.stdout


def test_s7_build_reads_only_content_theme_and_installed_code_and_writes_only_beside_the_output(
    small_site: Site, tmp_path: Path
) -> None:
    outside = _outside_folder(tmp_path)
    (small_site.content / "en/account/canary.md").symlink_to(outside / "page.md")
    build_site(small_site.config_file, None, SAMPLE_TODAY, strict=False)  # warm caches (bytecode, templates)
    with audited() as events:
        result = build_site(small_site.config_file, None, SAMPLE_TODAY, strict=False)
    assert [f.code for f in result.findings] == ["KB143"]
    installed = {sysconfig.get_paths()[key] for key in ("stdlib", "platstdlib", "purelib", "platlib")}
    installed |= set(site_module.getsitepackages()) | {p for p in sys.path if p and Path(p) != REPO}
    # kbgen.egg-info: an editable install's metadata, where MkDocs finds the plugin's entry point
    readable = [small_site.content, small_site.root / "theme", small_site.config_file, REPO / "kbgen"]
    readable += [REPO / "kbgen.egg-info", small_site.site_dir / "kbgen-manifest.txt"]  # is the old site kbgen's?
    readable.append(small_site.site_dir / "kb-search")  # a language whose search index is unchanged
    # a sitemap no page of which changed: linked once its digest is the manifest's
    readable += [small_site.site_dir / "sitemap.xml", small_site.site_dir / "sitemap.xml.gz"]
    # what the old site was built from; compiled templates, search terms, loaded files
    memos = small_site.root.resolve() / ".site.kbgen-cache"
    readable.append(memos)
    readable += [Path(p) for p in installed] + [Path("/usr/share/zoneinfo"), Path("/dev/urandom")]
    root = small_site.root.resolve()
    staging = root / f".site.kbgen-tmp-{os.getpid()}"
    for event, args in events:
        if event != "open" or not isinstance(args[0], str | os.PathLike):
            continue
        path = Path(os.fsdecode(args[0])).absolute()
        mode = str(args[1] or "r")
        flags = args[2] if len(args) > 2 and isinstance(args[2], int) else 0  # os.open reports flags, not a mode
        writing = any(flag in mode for flag in "wax+") or bool(flags & (os.O_WRONLY | os.O_RDWR | os.O_CREAT))
        if writing:
            in_place = path == root / ".site.kbgen.lock"
            assert in_place or staging in path.parents or memos in path.parents, path
        elif path.exists():  # a probe for a missing file (import machinery) reads nothing
            assert any(path == base or base in path.parents for base in readable), path
    assert not [p for p in small_site.site_dir.rglob("*") if p.is_symlink()]
    assert b"CANARY-OUTSIDE" not in everything(small_site.site_dir)


def test_pa05_loader_never_lists_anything_below_a_linked_folder(site: Site) -> None:
    site.write("en/account/ok.md", article())
    (site.content / "en/loop").symlink_to("..", target_is_directory=True)
    corpus = load_corpus(site.content, parse_config(BASE_PLUGIN_CONFIG), "")
    assert PurePosixPath("en/loop") in corpus.rejected
    assert [str(a.source.rel) for a in corpus.articles] == ["en/account/ok.md"]
    assert [f.code for f in corpus.findings] == ["KB144"]


def test_a_page_name_with_a_hash_or_percent_is_refused_as_links_to_it_would_break(site: Site, run_kbgen) -> None:
    # kbgen's listings and related links would point at 'c#-basics/' (the page 'c') and '100%/' (no address)
    for rel in ("c#-basics.md", "100%.md", "c#/intro.md", "a&b.md"):
        site.write(f"en/account/{rel}", article(title=rel))
    result = run_kbgen("check", *TODAY, cwd=site.root)
    assert result.exit_code == 1
    assert [line for line in result.stdout.splitlines() if "KB146" in line] == [
        "content/en/account/100%.md:1:1: error KB146: '100%.md' contains '%', which cannot be part of a page's "
        "address as it is; rename it [url-unsafe-name]",
        "content/en/account/c#-basics.md:1:1: error KB146: 'c#-basics.md' contains '#', which cannot be part of a "
        "page's address as it is; rename it [url-unsafe-name]",
        "content/en/account/c#/intro.md:1:1: error KB146: 'c#' contains '#', which cannot be part of a page's "
        "address as it is; rename it [url-unsafe-name]",
    ]
    assert run_kbgen("build", *TODAY, cwd=site.root).exit_code == 0
    assert sorted(p.name for p in (site.site_dir / "en/account").iterdir()) == ["a&b", "index.html"]
