"""Corpus-wide work happens once per build: one site map, one front-matter parse per file, and a file that
changes while the site is being built is parsed again rather than rendered from what was loaded."""

from __future__ import annotations

import sys
from collections import Counter
from collections.abc import Callable
from typing import Any

import pytest
from click.testing import Result

import kbgen.mkdocs_plugin.plugin
from kbgen.links.site_map import build_site_map
from kbgen.loading.frontmatter import parse_document
from kbgen.publishing.site_build import build_site
from tests.support.project import SAMPLE_TODAY, Site, article


def count_calls(monkeypatch: pytest.MonkeyPatch, function: Callable[..., Any]) -> list[tuple[Any, ...]]:
    """The arguments of every call to `function`, under whatever kbgen module imported it by name."""
    calls: list[tuple[Any, ...]] = []

    def counting(*args: Any, **kwargs: Any) -> Any:
        calls.append(args)
        return function(*args, **kwargs)

    for name, module in list(sys.modules.items()):
        if name.startswith("kbgen") and getattr(module, function.__name__, None) is function:
            monkeypatch.setattr(module, function.__name__, counting)
    return calls


def _linked_site(site: Site) -> None:
    site.write("en/billing/invoices.md", article(title="Invoices", extra='redirect_from: ["en/billing/old/"]'))
    site.write("en/billing/links.md", article(title="Links", body="[old](old.md) [new](invoices.md)\n"))


def test_a_build_makes_one_site_map_for_the_link_check_and_the_pages(site: Site, monkeypatch) -> None:
    _linked_site(site)
    calls = count_calls(monkeypatch, build_site_map)
    build_site(site.config_file, None, SAMPLE_TODAY, strict=True)
    assert len(calls) == 1
    assert 'url=../invoices/"' in site.read_output("en/billing/old/index.html")  # the redirect page it lists
    assert 'href="../invoices/">old</a>' in site.read_output("en/billing/links/index.html")  # `old.md` repointed


def test_kbgen_check_makes_one_site_map(site: Site, run_kbgen: Callable[..., Result], monkeypatch) -> None:
    _linked_site(site)
    site.write("en/billing/broken.md", article(title="Broken", body="[gone](gone.md)\n"))
    calls = count_calls(monkeypatch, build_site_map)
    result = run_kbgen("check", "--today", "2026-11-22", cwd=site.root)
    assert result.exit_code == 1 and "link target 'gone.md' not found" in result.stdout
    assert len(calls) == 1


@pytest.mark.parametrize("articles", [1, 12])
def test_a_build_parses_each_files_front_matter_once(site: Site, monkeypatch, articles: int) -> None:
    written = {f"en/account/a{n}.md" for n in range(articles)} | {"en/index.md", "en/account/index.md"}
    for rel in sorted(written):
        text = "---\ntitle: Home\nsummary: Welcome.\n---\n" if rel.endswith("index.md") else article(title=rel)
        site.write(rel, text)
    calls = count_calls(monkeypatch, parse_document)
    build_site(site.config_file, None, SAMPLE_TODAY, strict=True)
    parsed = Counter(str(args[1]).removeprefix("content/") for args in calls)
    assert parsed == Counter(written)
    assert "<strong>Settings</strong>" in site.read_output("en/account/a0/index.html")


def _change_after_loading(monkeypatch, site: Site, rel: str, text: str) -> None:
    """Rewrite a file between kbgen's load and MkDocs' render, as an editor saving during `kbgen serve` would."""
    load = kbgen.mkdocs_plugin.plugin.load_corpus

    def load_then_edit(*args: Any, **options: Any) -> Any:
        corpus = load(*args, **options)
        site.write(rel, text)
        return corpus

    monkeypatch.setattr(kbgen.mkdocs_plugin.plugin, "load_corpus", load_then_edit)


def test_a_file_edited_after_loading_is_rendered_as_it_now_is(site: Site, monkeypatch) -> None:
    site.write("en/account/a.md", article(body="Old text.\n"))
    _change_after_loading(monkeypatch, site, "en/account/a.md", article(body="New text.\n"))
    build_site(site.config_file, None, SAMPLE_TODAY, strict=True)
    page = site.read_output("en/account/a/index.html")
    assert "New text." in page and "Old text." not in page


@pytest.mark.parametrize(
    "edited",
    [
        "---\ntitle: [unclosed\n---\n\nNew text.\n",  # the front matter no longer parses
        article(body="New text. " + "[" * 8000 + "\n"),  # the body is now over the render budget
    ],
)
def test_a_file_broken_after_loading_is_refused_not_rendered_stale(site: Site, monkeypatch, edited: str) -> None:
    site.write("en/account/a.md", article(body="Old text.\n"))
    _change_after_loading(monkeypatch, site, "en/account/a.md", edited)
    build_site(site.config_file, None, SAMPLE_TODAY, strict=False)
    page = site.read_output("en/account/a/index.html")
    assert "This page was not rendered" in page and "Old text." not in page and "New text." not in page


def test_crlf_and_bom_files_take_the_loaded_body(site: Site, monkeypatch) -> None:
    """MkDocs reads text with its newlines translated and the BOM dropped: the same file, so no second parse."""
    site.write("en/account/a.md", b"\xef\xbb\xbf" + article(body="Windows text.\n").replace("\n", "\r\n").encode())
    calls = count_calls(monkeypatch, parse_document)
    build_site(site.config_file, None, SAMPLE_TODAY, strict=True)
    assert len(calls) == 1 and "Windows text." in site.read_output("en/account/a/index.html")
