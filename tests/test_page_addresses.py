"""Pages get the canonical and absolute addresses MkDocs' own Page gives them (the sitemap, `<link rel=canonical>`,
social cards and the 404 page's links use them), whatever the site_url and page address."""

from __future__ import annotations

from pathlib import Path

import pytest
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page

from kbgen.mkdocs_plugin.page_addresses import addresses_set_after

SITE_URLS = [
    "https://help.example.com/",
    "https://help.example.com",
    "https://example.com/docs/help",
    "https://example.com/a/../docs/",
    "https://example.com/docs/?lang=en",
    "http://[::1]:8000/x/",
    "",
    None,
]
SOURCES = [
    "index.md",
    "en/index.md",
    "en/billing/pay-an-invoice.md",
    "tr/fatura/ödeme.md",
    "en/a b/c%20d.md",
    "en/x;y/z.md",
    "en/.hidden/page.md",
    "en/under_score~tilde.md",
]


def _config(tmp_path: Path, site_url: str | None, directory_urls: bool) -> MkDocsConfig:
    config = MkDocsConfig()
    config.load_dict(
        {"site_name": "Help", "docs_dir": str(tmp_path), "site_url": site_url, "use_directory_urls": directory_urls}
    )
    config.validate()
    config.site_url = site_url  # as written, unvalidated: MkDocs' own Page sees what the config holds
    return config


@pytest.mark.parametrize("directory_urls", [True, False])
@pytest.mark.parametrize("site_url", SITE_URLS)
def test_every_page_gets_the_address_mkdocs_would_give_it(
    tmp_path: Path, site_url: str | None, directory_urls: bool
) -> None:
    config = _config(tmp_path, site_url, directory_urls)
    expected = {}
    for source in SOURCES:
        page = Page(None, File(source, str(tmp_path), str(tmp_path / "site"), directory_urls), config)
        expected[source] = (page.canonical_url, page.abs_url)
    files = Files([File(source, str(tmp_path), str(tmp_path / "site"), directory_urls) for source in SOURCES])
    with addresses_set_after(config, files):
        for file in files:
            Page(None, file, config)
    assert config.site_url == site_url  # given back to the rest of the build
    got = {file.src_uri: (file.page.canonical_url, file.page.abs_url) for file in files if file.page is not None}
    assert got == expected
