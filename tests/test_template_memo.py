"""Fragments every page repeats are rendered once per key: the site must be the one rendered without the memo."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from kbgen.mkdocs_plugin.template_memo import TemplateMemo
from kbgen.publishing.site_build import build_site
from tests.support.project import SAMPLE_TODAY, Site, article, copy_sample, differing_files


def test_a_fragment_is_rendered_once_per_key() -> None:
    memo = TemplateMemo()
    calls: list[str] = []

    def body(text: str) -> str:
        calls.append(text)
        return text

    assert memo("palette", "en", caller=lambda: body("<form>en</form>")) == "<form>en</form>"
    assert memo("palette", "en", caller=lambda: body("changed")) == "<form>en</form>"
    assert memo("palette", "tr", caller=lambda: body("<form>tr</form>")) == "<form>tr</form>"
    assert calls == ["<form>en</form>", "<form>tr</form>"]


def one_language_site(root: Path) -> Path:
    """One language, so the top-level tabs are its categories: the active tab changes within a language."""
    site = Site(root)
    site.configure(languages=["en"])
    site.write("en/index.md", "---\ntitle: Help\nsummary: Welcome.\n---\n")
    for category in ("billing", "account", "projects"):
        site.write(f"en/{category}/index.md", f"---\ntitle: {category.title()}\n---\n")
        site.write(f"en/{category}/basics.md", article(title=f"{category.title()} basics"))
        site.write(f"en/{category}/more/index.md", "---\ntitle: More\n---\n")
        site.write(f"en/{category}/more/deep.md", article(title=f"Deep {category}"))
    return site.config_file


@pytest.mark.parametrize("make", [copy_sample, one_language_site], ids=["sample", "one-language"])
def test_a_site_is_the_same_with_and_without_the_memo(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, make: Callable[[Path], Path]
) -> None:
    """Languages, pages at several depths, tabs, the palette toggle: a key that misses something a page changes
    (its language, its depth, its tab) shows here as a page with another page's fragment."""
    config_file = make(tmp_path / "project")
    memo_site, plain_site = tmp_path / "memo", tmp_path / "plain"
    build_site(config_file, memo_site, SAMPLE_TODAY, strict=False, reuse=False)
    monkeypatch.setattr(TemplateMemo, "__call__", lambda self, *key, caller: caller())
    build_site(config_file, plain_site, SAMPLE_TODAY, strict=False, reuse=False)
    assert len(list(memo_site.rglob("index.html"))) > 10
    assert differing_files(memo_site, plain_site) == []
