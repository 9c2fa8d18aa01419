"""The sample help center built by MkDocs with the kbgen theme, searched in real headless Chromium."""

from __future__ import annotations

import gzip
import json
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml

from kbgen.search.folders import PREFIX
from tests.support.project import REPO
from tests.support.search import Session

CONTACT = [{"label": "Contact support", "url": "https://support.example.com/"}]


@pytest.fixture(scope="session")
def built_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    work = tmp_path_factory.mktemp("sample")

    class _Reader(yaml.SafeLoader):
        """Reads mkdocs.yml only to copy its plugin list; tags such as !!python/name are left unresolved."""

    _Reader.add_multi_constructor("", lambda loader, suffix, node: None)
    parent = yaml.load((REPO / "mkdocs.yml").read_text(encoding="utf-8"), Loader=_Reader)
    plugins = parent["plugins"]
    for plugin in plugins:
        if isinstance(plugin, dict) and "kbgen" in plugin:
            plugin["kbgen"]["contact"] = CONTACT
    # INHERIT keeps everything else (theme, markdown extensions with their !!python tags) from mkdocs.yml;
    # MkDocs replaces lists when merging, hence the whole plugin list here.
    config = {
        "INHERIT": str(REPO / "mkdocs.yml"),
        "docs_dir": str(REPO / "content"),
        "site_dir": str(work / "site"),
        "theme": {"custom_dir": str(REPO / "theme")},
        "plugins": plugins,
    }
    config_file = work / "mkdocs.yml"
    shutil.copytree(REPO / "synonyms", work / "synonyms")  # synonyms/<lang>.yml sit beside mkdocs.yml
    config_file.write_text(yaml.safe_dump(config, allow_unicode=True), encoding="utf-8")
    build(load_config(str(config_file)))
    return work / "site"


@pytest.fixture(scope="session")
def site_url(built_site: Path, serve: Callable[[Path], str]) -> str:
    return serve(built_site)


def fragments(site: Path) -> list[dict[str, Any]]:
    return [json.loads(gzip.decompress(p.read_bytes())) for p in sorted((site / PREFIX).glob("immutable/*/d/*.kbs"))]


def test_index_holds_exactly_the_public_articles(built_site: Path) -> None:
    urls = {f["u"] for f in fragments(built_site)}
    public = {  # every article page, at any section depth: the pages that show an article's review date
        p.parent.relative_to(built_site).as_posix() + "/"
        for p in built_site.glob("*/*/**/index.html")
        if 'class="kb-meta__reviewed"' in p.read_text(encoding="utf-8")
    }
    assert "en/billing/invoices/tax/add-your-vat-id/" in public
    assert urls == public
    for hidden in ("escalating-a-billing-dispute", "zapier-integration"):
        assert not any(hidden in url for url in urls)
        for path in (built_site / PREFIX).rglob("*.kbs"):
            assert hidden.encode() not in gzip.decompress(path.read_bytes())


@pytest.mark.parametrize("name", ["kb-search.js", "kb-search-core.js", "kb-search-worker.js"])
def test_search_scripts_ship_minified(built_site: Path, name: str) -> None:
    source = (REPO / "theme" / "assets" / "search" / name).read_text(encoding="utf-8")
    shipped = (built_site / "assets" / "search" / name).read_text(encoding="utf-8")
    assert len(gzip.compress(shipped.encode())) < 0.8 * len(gzip.compress(source.encode()))
    assert "/**" not in shipped and "\n  " not in shipped  # no doc comments, no indentation
    assert "LanguageIndex" in shipped or "Worker" in shipped or "postMessage" in shipped


def test_every_page_has_a_search_box(built_site: Path) -> None:
    pages = list(built_site.rglob("index.html"))
    assert len(pages) > 20
    for page in pages:
        html = page.read_text(encoding="utf-8")
        assert "data-kb-search" in html, page
        assert "md-search" not in html


@pytest.mark.browser
@pytest.mark.parametrize(
    ("page", "query", "expected"),
    [
        ("en/projects/create-a-project/", "api key", "en/integrations/api-keys/"),
        ("en/", "reset password", "en/account/reset-your-password/"),
        ("tr/billing/download-invoices/", "sifre", "tr/account/reset-your-password/"),
        ("tr/", "şifremi unuttum", "tr/account/reset-your-password/"),
        ("ro/billing/index/", "proiect", "ro/projects/create-a-project/"),
        ("ro/", "creeaza proiect", "ro/projects/create-a-project/"),
        ("zh/account/two-factor-authentication/", "密码", "zh/account/reset-your-password/"),
        ("zh/", "重置密码", "zh/account/reset-your-password/"),
        ("en/", "pasword reset", "en/account/reset-your-password/"),
        ("en/billing/index/", "passcode", "en/account/reset-your-password/"),
        ("en/", "2fa", "en/account/two-factor-authentication/"),
        ("tr/", "parola", "tr/account/reset-your-password/"),
        ("tr/", "sifrenizi sifirlayn", "tr/account/reset-your-password/"),
        ("ro/", "creeaza proeict", "ro/projects/create-a-project/"),
    ],
)
def test_sample_site_search_in_each_language(browser: Any, site_url: str, page: str, query: str, expected: str) -> None:
    session = Session(browser, site_url)
    try:
        session.page.goto(site_url + page.replace("/index/", "/"))
        lang = page.split("/")[0]
        assert session.page.get_attribute("html", "lang") == lang
        box = session.page.locator(".kb-search__input:visible").first
        box.press_sequentially(query, delay=15)
        box.press("Enter")
        assert expected in session.top()
        assert session.errors == []
        assert session.hosts <= {"127.0.0.1"}
    finally:
        session.close()


@pytest.mark.browser
def test_sample_site_no_match_shows_contact(browser: Any, site_url: str) -> None:
    session = Session(browser, site_url)
    try:
        session.page.goto(site_url + "en/account/delete-your-account/?q=qzxwvut")
        session.page.wait_for_selector(".kb-search__contact a", timeout=10_000)
        links = session.page.eval_on_selector_all(".kb-search__contact a", "els => els.map(e => e.href)")
        assert links == [CONTACT[0]["url"]]
    finally:
        session.close()
