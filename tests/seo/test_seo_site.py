"""Built sites as search engines and link previews read them: head tags, sitemap.xml, robots.txt, noindex."""

from __future__ import annotations

import gzip
import struct
import xml.etree.ElementTree as ET
import zlib
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import Result

from kbgen.publishing.site_build import build_site
from kbgen.render.seo import MISSING_SITE_URL
from kbgen.translations.source_hash import source_hash
from tests.support.project import SAMPLE_TODAY, Site, article
from tests.support.site_audit import pages, parse

SITE = "https://help.example.com/"
NS = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "x": "http://www.w3.org/1999/xhtml"}
Run = Callable[..., Result]


def write_content(site: Site) -> None:
    """en/tr/ro translations of one article (up to date with it), an English-only one, an internal and a draft one."""
    body = "Open **Settings** and choose *Security*.\n"
    matches = f"source_hash: {source_hash(body)}\n"
    site.write(
        "en/billing/invoices.md", article(title="Download invoices", body=body, extra="summary: Get every PDF.\n")
    )
    site.write("tr/billing/invoices.md", article(title="Faturaları indirme", body=body, extra=matches))
    site.write("ro/billing/invoices.md", article(title="Descărcarea facturilor", body=body, extra=matches))
    site.write("en/account/delete.md", article(title="Delete your account"))
    site.write("en/account/runbook.md", article(title="Support runbook", extra="audience: internal\n"))
    site.write("en/account/next.md", article(title="Upcoming feature", extra="status: draft\n"))


def png(width: int = 2, height: int = 2) -> bytes:
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    rows = b"".join(b"\x00" + b"\xff\x00\x00" * width for _ in range(height))
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(rows)) + chunk(b"IEND", b"")


def head(site_dir: Path, rel: str) -> list[tuple[str, dict[str, str]]]:
    return [(e.tag, e.attrs) for e in parse((site_dir / rel).read_text(encoding="utf-8")).head]


def hreflangs(site_dir: Path, rel: str) -> dict[str, str]:
    found = [a for tag, a in head(site_dir, rel) if tag == "link" and "alternate" in a.get("rel", "").split()]
    langs = [a["hreflang"] for a in found]
    assert len(langs) == len(set(langs)), f"{rel}: a language twice in {langs}"
    return {a["hreflang"]: a["href"] for a in found}


def meta(site_dir: Path, rel: str) -> dict[str, str]:
    tags = [a for tag, a in head(site_dir, rel) if tag == "meta"]
    return {a.get("property") or a.get("name", ""): a.get("content", "") for a in tags}


def sitemap(site_dir: Path) -> dict[str, dict[str, str]]:
    root = ET.fromstring((site_dir / "sitemap.xml").read_bytes())
    assert gzip.decompress((site_dir / "sitemap.xml.gz").read_bytes()) == (site_dir / "sitemap.xml").read_bytes()
    return {
        url.findtext("s:loc", namespaces=NS) or "": {
            link.get("hreflang", ""): link.get("href", "") for link in url.findall("x:link", NS)
        }
        for url in root.findall("s:url", NS)
    }


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    site = Site(tmp_path_factory.mktemp("seo") / "project")
    with site.config_file.open("a", encoding="utf-8") as config:
        config.write(f"site_url: {SITE}\n")
    write_content(site)
    return build_site(site.config_file, None, SAMPLE_TODAY, strict=True).site_dir


def test_an_article_names_each_translation_and_x_default_with_absolute_addresses(built: Path) -> None:
    expected = {
        "en": SITE + "en/billing/invoices/",
        "ro": SITE + "ro/billing/invoices/",
        "tr": SITE + "tr/billing/invoices/",
        "x-default": SITE + "en/billing/invoices/",
    }
    for lang in ("en", "ro", "tr"):
        assert hreflangs(built, f"{lang}/billing/invoices/index.html") == expected


def test_no_page_carries_an_empty_or_bogus_alternate(built: Path) -> None:
    for rel in pages(built):
        for lang, href in hreflangs(built, rel).items():
            assert lang and href.startswith(SITE), f"{rel}: hreflang={lang!r} href={href!r}"


def test_an_untranslated_article_has_no_alternates_but_a_canonical(built: Path) -> None:
    rel = "en/account/delete/index.html"
    assert hreflangs(built, rel) == {}
    canonical = [a["href"] for tag, a in head(built, rel) if tag == "link" and a.get("rel") == "canonical"]
    assert canonical == [SITE + "en/account/delete/"]


def test_homes_and_the_root_form_one_set_with_the_root_as_x_default(built: Path) -> None:
    expected = {"en": SITE + "en/", "ro": SITE + "ro/", "tr": SITE + "tr/", "x-default": SITE}
    for rel in ("index.html", "en/index.html", "tr/index.html", "ro/index.html"):
        assert hreflangs(built, rel) == expected


def test_link_previews_get_title_summary_address_and_card(built: Path) -> None:
    tags = meta(built, "en/billing/invoices/index.html")
    assert tags["og:type"] == "article"
    assert tags["og:title"] == tags["twitter:title"] == "Download invoices"
    assert tags["og:description"] == tags["twitter:description"] == "Get every PDF."
    assert tags["og:url"] == SITE + "en/billing/invoices/"
    assert tags["og:site_name"] == "Test Help Center"
    assert tags["twitter:card"] == "summary"
    assert "og:image" not in tags  # no logo file and no social_image: no picture rather than a broken one
    assert meta(built, "index.html")["og:type"] == "website"


def test_the_sitemap_lists_public_pages_with_their_translations_and_nothing_else(built: Path) -> None:
    found = sitemap(built)
    assert set(found) == {
        SITE, *(SITE + p for p in ("en/", "en/account/", "en/account/delete/", "en/billing/", "en/billing/invoices/",
                                   "ro/", "ro/billing/", "ro/billing/invoices/", "tr/", "tr/billing/",
                                   "tr/billing/invoices/"))
    }  # fmt: skip
    assert found[SITE + "tr/billing/invoices/"] == hreflangs(built, "tr/billing/invoices/index.html")
    assert found[SITE + "en/account/delete/"] == {}
    text = (built / "sitemap.xml").read_text(encoding="utf-8")
    assert "runbook" not in text and "next" not in text and "404" not in text


def test_robots_txt_allows_crawling_and_names_the_sitemap(built: Path) -> None:
    robots = (built / "robots.txt").read_text(encoding="utf-8")
    assert robots == f"User-agent: *\nAllow: /\nSitemap: {SITE}sitemap.xml\n"
    assert all("noindex" not in (built / rel).read_text(encoding="utf-8") for rel in pages(built))


def test_without_site_url_the_build_says_what_to_set(site: Site, run_kbgen: Run) -> None:
    write_content(site)
    result = run_kbgen("build", "--today", "2026-11-22", cwd=site.root)
    assert result.exit_code == 0, result.output
    assert f"warning: {MISSING_SITE_URL}\n" in result.stderr
    assert "site_url: https://help.example.com/" in MISSING_SITE_URL
    assert sitemap(site.site_dir) == {}
    assert (site.site_dir / "robots.txt").read_text(encoding="utf-8") == "User-agent: *\nAllow: /\n"
    # the alternates are still right, relative to the page
    assert hreflangs(site.site_dir, "tr/billing/invoices/index.html") == {
        "en": "../../../en/billing/invoices/",
        "ro": "../../../ro/billing/invoices/",
        "tr": "./",
        "x-default": "../../../en/billing/invoices/",
    }
    assert "og:url" not in meta(site.site_dir, "tr/billing/invoices/index.html")


def test_with_site_url_the_build_has_no_such_warning(site: Site, run_kbgen: Run) -> None:
    with site.config_file.open("a", encoding="utf-8") as config:
        config.write(f"site_url: {SITE}\n")
    write_content(site)
    result = run_kbgen("build", "--today", "2026-11-22", cwd=site.root)
    assert result.exit_code == 0, result.output
    assert MISSING_SITE_URL not in result.stderr and "warning:" not in result.stderr


def test_a_dashboard_build_is_kept_out_of_search_engines(site: Site) -> None:
    site.configure(dashboard=True)
    with site.config_file.open("a", encoding="utf-8") as config:
        config.write(f"site_url: {SITE}\n")
    write_content(site)
    out = build_site(site.config_file, None, SAMPLE_TODAY, strict=True).site_dir
    assert (out / "kb-dashboard/index.html").exists()
    for rel in pages(out):
        robots = [a["content"] for tag, a in head(out, rel) if tag == "meta" and a.get("name") == "robots"]
        assert robots == ["noindex, nofollow"], rel
    assert (out / "robots.txt").read_text(encoding="utf-8").endswith("User-agent: *\nDisallow: /\n")
    assert sitemap(out) == {}


def test_social_image_is_published_and_named_with_its_address(site: Site) -> None:
    site.configure(social_image="assets/social.png")
    with site.config_file.open("a", encoding="utf-8") as config:
        config.write(f"site_url: {SITE}\n")
    write_content(site)
    site.write("assets/social.png", png())
    out = build_site(site.config_file, None, SAMPLE_TODAY, strict=True).site_dir
    assert (out / "assets/social.png").read_bytes() == png()
    for rel in ("index.html", "en/billing/invoices/index.html", "tr/billing/index.html"):
        tags = meta(out, rel)
        assert tags["og:image"] == tags["twitter:image"] == SITE + "assets/social.png"


def test_the_theme_logo_is_the_picture_when_no_social_image_is_set(site: Site) -> None:
    text = site.config_file.read_text(encoding="utf-8").replace("theme:\n", "theme:\n  logo: assets/logo.png\n", 1)
    site.config_file.write_text(text + f"site_url: {SITE}\n", encoding="utf-8")
    write_content(site)
    site.write("assets/logo.png", png())
    out = build_site(site.config_file, None, SAMPLE_TODAY, strict=True).site_dir
    assert meta(out, "en/billing/invoices/index.html")["og:image"] == SITE + "assets/logo.png"


def test_a_missing_social_image_is_a_configuration_error(site: Site, run_kbgen: Run) -> None:
    site.configure(social_image="assets/missing.png")
    write_content(site)
    result = run_kbgen("build", "--today", "2026-11-22", cwd=site.root)
    assert result.exit_code == 2
    assert "'social_image': content/assets/missing.png does not exist" in result.stderr
    assert not site.site_dir.exists()


def test_the_site_url_advice_never_fails_a_strict_build(site: Site, run_kbgen: Run) -> None:
    site.write("en/billing/invoices.md", article(title="Download invoices"))
    result = run_kbgen("build", "--strict", "--today", "2026-11-22", cwd=site.root)
    assert result.exit_code == 0, result.output
    assert f"warning: {MISSING_SITE_URL}\n" in result.stderr


def test_an_internal_build_needs_no_site_url(site: Site, run_kbgen: Run) -> None:
    site.configure(dashboard=True)
    site.write("en/billing/invoices.md", article(title="Download invoices"))
    result = run_kbgen("build", "--today", "2026-11-22", cwd=site.root)
    assert result.exit_code == 0, result.output
    assert MISSING_SITE_URL not in result.stderr
