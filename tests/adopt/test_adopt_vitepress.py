"""`kbgen adopt` on a VitePress docs tree: its root language at the top with `zh/` beside it, and its Markdown
extensions. The tree is tests/adopt/fixtures/vitepress/ (from vuejs/vitepress' docs, MIT; see its README)."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from tests.adopt.conftest import TODAY, Run
from tests.adopt.test_adopt_includes import summary_lines
from tests.support.project import Site

FIXTURE = Path(__file__).resolve().parent / "fixtures" / "vitepress"


def _source(tmp_path: Path) -> Path:
    source = tmp_path / "vitepress" / "docs"
    shutil.copytree(FIXTURE, source, ignore=shutil.ignore_patterns("README.md"))
    return source


def _adopt(run_kbgen: Run, site: Site, source: Path, lang: str) -> tuple[int, list[str]]:
    result = run_kbgen("adopt", str(source), "--lang", lang, "--today", TODAY, "--owner", "docs", cwd=site.root)
    return result.exit_code, summary_lines(result.stdout, source) + result.stderr.splitlines()


def _adopted(site: Site, lang: str) -> list[str]:
    folder = site.content / lang
    return sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*.md"))


def test_locale_folders_beside_the_root_language_are_adopted_each_with_its_own_lang(
    tmp_path: Path, site: Site, run_kbgen: Run
) -> None:
    site.configure(languages=["en", "zh"])
    source = _source(tmp_path)
    code, english = _adopt(run_kbgen, site, source, "en")
    assert code in (0, 1)
    assert _adopted(site, "en") == ["guide/getting-started.md", "index.md", "reference/badge.md"]  # no en/zh/...
    assert any("locale folders beside the root language, not adopted: zh/ (2 pages)" in line for line in english)
    code, refused = _adopt(run_kbgen, site, source, "zh")  # the root is not Chinese: the folder is named
    assert code == 2
    assert any(f"adopt {(source / 'zh').as_posix()} with --lang zh" in line for line in refused)
    assert _adopted(site, "zh") == []
    code, _ = _adopt(run_kbgen, site, source / "zh", "zh")
    assert code in (0, 1)
    assert _adopted(site, "zh") == ["guide/getting-started.md", "index.md"]
    status = run_kbgen("translate-status", "--format", "json", cwd=site.root)
    entries = {e["path"]: e for e in json.loads(status.stdout)["translations"]}
    assert entries["content/zh/guide/getting-started.md"]["source"] == "content/en/guide/getting-started.md"


def test_a_folder_named_as_a_language_that_translates_nothing_stays_a_section(
    tmp_path: Path, site: Site, run_kbgen: Run
) -> None:
    source = tmp_path / "docs"
    (source / "it").mkdir(parents=True)
    (source / "index.md").write_text("# Home\n\nWelcome.\n", encoding="utf-8")
    (source / "it" / "laptops.md").write_text("# Laptops\n\nAsk IT for one.\n", encoding="utf-8")
    code, lines = _adopt(run_kbgen, site, source, "en")
    assert code in (0, 1)
    assert _adopted(site, "en") == ["index.md", "it/laptops.md"]
    assert not any("locale folders" in line for line in lines)
