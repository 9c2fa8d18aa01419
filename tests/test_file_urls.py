"""With `use_directory_urls: false` MkDocs writes `a/b.html`: every address kbgen makes must name a file it wrote."""

from __future__ import annotations

import gzip
import json
import posixpath
import re
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
from mkdocs.structure.files import File

from kbgen.model import page_file, page_url
from kbgen.publishing.site_build import build_site
from kbgen.search.folders import PREFIX
from tests.support.project import SAMPLE_TODAY, copy_sample
from tests.support.site_audit import parse

SITE_URL = "https://help.example.com/"
_LINKING = {"a": "href", "link": "href", "img": "src", "script": "src", "source": "src", "iframe": "src"}


def _build(root: Path, dashboard: bool) -> Path:
    config = copy_sample(root / "project")
    text = config.read_text(encoding="utf-8").replace("use_directory_urls: true", "use_directory_urls: false")
    if dashboard:  # an internal build: the maintenance dashboard, and no sitemap
        text = text.replace("  - kbgen:\n", "  - kbgen:\n      dashboard: true\n", 1)
    config.write_text(text, encoding="utf-8")
    build_site(config, root / "site", SAMPLE_TODAY, strict=False)
    return root / "site"


@pytest.fixture(scope="module")
def file_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return _build(tmp_path_factory.mktemp("file-urls"), dashboard=False)


@pytest.fixture(scope="module")
def internal_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return _build(tmp_path_factory.mktemp("file-urls-internal"), dashboard=True)


def _missing(site: Path, page: str, url: str) -> str | None:
    """`url`, as written in `page` (site-relative), when it names no file of the site; None when it does."""
    parts = urlsplit(url)
    if parts.scheme or parts.netloc:
        if not url.startswith(SITE_URL):
            return None
        path = unquote(parts.path)[len(urlsplit(SITE_URL).path) :]
    elif not parts.path:
        return None  # an anchor on the page itself
    elif parts.path.startswith("/"):  # the 404 page's addresses start at the site's root
        path = unquote(parts.path)[1:]
    else:
        path = posixpath.normpath(posixpath.join(posixpath.dirname(page), unquote(parts.path)))
    if path in ("", ".") or parts.path.endswith("/") or not (site / path).is_file():
        return f"{page}: {url!r}"
    return None


def _broken_in_pages(site: Path) -> list[str]:
    broken = []
    for file in sorted(site.rglob("*.html")):
        page = file.relative_to(site).as_posix()
        for element in parse(file.read_text(encoding="utf-8")).elements:
            url = element.attrs.get(_LINKING.get(element.tag, ""), "")
            if url and (problem := _missing(site, page, url)):
                broken.append(problem)
    return broken


def test_every_address_in_every_page_names_a_written_file(file_site: Path) -> None:
    assert (file_site / "en" / "billing" / "index.html").is_file()
    assert _broken_in_pages(file_site) == []


def test_every_address_of_an_internal_build_names_a_written_file(internal_site: Path) -> None:
    assert (internal_site / "kb-dashboard.html").is_file()
    assert _broken_in_pages(internal_site) == []


def test_every_search_result_names_a_written_file(file_site: Path) -> None:
    documents = [json.loads(gzip.decompress(p.read_bytes())) for p in (file_site / PREFIX).glob("immutable/*/d/*.kbs")]
    urls = {document["u"] for document in documents}
    assert len(urls) > 20
    assert sorted(filter(None, (_missing(file_site, "", url) for url in urls))) == []


def test_every_sitemap_address_names_a_written_file(file_site: Path) -> None:
    sitemap = (file_site / "sitemap.xml").read_text(encoding="utf-8")
    urls = re.findall(r"(?:<loc>|href=\")([^<\"]*)", sitemap)
    assert len(urls) > 20
    assert sorted(filter(None, (_missing(file_site, "", url) for url in urls))) == []


@pytest.mark.parametrize("directory_urls", [True, False])
@pytest.mark.parametrize(
    "src", ["en/index.md", "en/a/b.md", "en/a/index.md", "en/a/README.md", "en/a/Index.md", "x.md"]
)
def test_a_page_address_is_the_one_mkdocs_gives(src: str, directory_urls: bool) -> None:
    file = File(src, "docs", "site", directory_urls)
    assert page_file(src, directory_urls) == file.dest_uri
    assert page_url(src, directory_urls) == file.url


def test_the_site_root_is_the_empty_address_with_folder_urls() -> None:
    assert (page_url("index.md"), page_url("index.md", directory_urls=False)) == ("", "index.html")
