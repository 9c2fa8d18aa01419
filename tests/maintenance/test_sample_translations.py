"""The sample help center's translations: their recorded hashes are true, and an English edit shows everywhere."""

from __future__ import annotations

import json
import re
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import Result

from kbgen.publishing.site_build import build_site
from tests.support.project import REPO, SAMPLE_TODAY

SOURCE = "content/en/account/reset-your-password.md"
TRANSLATIONS = [f"content/{lang}/account/reset-your-password.md" for lang in ("ro", "tr", "zh")]


@pytest.fixture
def sample(tmp_path: Path) -> Path:
    """A copy of the repository's sample project, for one test to change."""
    root = tmp_path / "project"
    root.mkdir()
    shutil.copy(REPO / "mkdocs.yml", root / "mkdocs.yml")
    shutil.copytree(REPO / "content", root / "content")
    shutil.copytree(REPO / "theme", root / "theme")
    return root


def translated_files(root: Path) -> set[str]:
    return {
        path.relative_to(root).as_posix()
        for lang in ("tr", "ro", "zh")
        for path in (root / "content" / lang).rglob("*.md")
        if path.name != "index.md"
    }


def test_every_sample_translation_is_up_to_date(run_kbgen: Callable[..., Result], sample: Path) -> None:
    result = run_kbgen("translate-status", "--format", "json", cwd=sample)
    assert result.exit_code == 0, result.output
    document = json.loads(result.stdout)
    states = {e["path"]: e["state"] for e in document["translations"] if e["state"] != "missing"}
    assert states == dict.fromkeys(translated_files(sample), "up-to-date")
    assert {lang: counts["up-to-date"] for lang, counts in document["languages"].items()} == {"tr": 8, "ro": 9, "zh": 8}


def test_an_english_edit_flips_its_translations_in_check_report_and_site(
    run_kbgen: Callable[..., Result], sample: Path, tmp_path: Path
) -> None:
    source = sample / SOURCE
    source.write_text(source.read_text(encoding="utf-8") + "\nA new step: confirm the reset on your phone.\n",
                      encoding="utf-8")  # fmt: skip
    check = run_kbgen("check", "--today", SAMPLE_TODAY.isoformat(), "--format", "json", cwd=sample)
    outdated = [f for f in json.loads(check.stdout)["findings"] if f["code"] == "KB410"]
    assert [f["path"] for f in outdated] == TRANSLATIONS
    assert all(f"the source {SOURCE} changed since this translation was made" in f["message"] for f in outdated)
    assert run_kbgen("translate-status", cwd=sample).exit_code == 1

    html = run_kbgen("report", "--today", SAMPLE_TODAY.isoformat(), "--format", "html", cwd=sample).stdout
    rows = re.findall(r'<td class="kb-translation--outdated">outdated</td><td><code>([^<]+)</code>', html)
    assert rows == TRANSLATIONS

    site = tmp_path / "site"
    build_site(sample / "mkdocs.yml", site, SAMPLE_TODAY, strict=False)
    turkish = (site / "tr/account/reset-your-password/index.html").read_text(encoding="utf-8")
    notice = re.search(r'<aside class="kb-translation-notice admonition note".*?</aside>', turkish, re.S)
    assert notice is not None
    assert "Bu çeviri özgün metnin gerisinde kalmış olabilir" in notice.group()
    assert 'href="../../../en/account/reset-your-password/" hreflang="en" lang="en">Özgün metni okuyun (English)' in (
        notice.group()
    )
    chinese = (site / "zh/account/reset-your-password/index.html").read_text(encoding="utf-8")
    assert "本译文可能未与原文同步" in chinese
    for unaffected in ("en/account/reset-your-password", "tr/account/two-factor-authentication"):
        assert "kb-translation-notice" not in (site / unaffected / "index.html").read_text(encoding="utf-8")
