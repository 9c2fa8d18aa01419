"""What the site publishes: public articles, the sections that list one, and only the files public articles link."""

from __future__ import annotations

from pathlib import PurePosixPath

import pytest

from kbgen.checks.links import link_findings
from kbgen.config.settings import parse_config
from kbgen.links.publication import published_sources
from kbgen.links.site_map import build_site_map
from kbgen.loading.loader import load_corpus
from kbgen.mkdocs_plugin import pages
from kbgen.model import Corpus
from tests.support.project import BASE_PLUGIN_CONFIG, Site, article

HIDDEN = {
    "internal": "audience: internal\n",
    "draft": "status: draft\n",
    "archived": "status: archived\n",
    "archived and internal": "status: archived\naudience: internal\n",
}

HIDDEN_MIXES = [["internal"], ["draft"], ["archived"], ["internal", "draft", "archived and internal"]]


def corpus(site: Site) -> Corpus:
    return load_corpus(site.content, parse_config(BASE_PLUGIN_CONFIG), "content/")


def publishes(site: Site) -> frozenset[str]:
    loaded = corpus(site)
    return published_sources(loaded, build_site_map(loaded).site)


def section(title: str) -> str:
    return f"---\ntitle: {title}\nsummary: About {title}\n---\n"


@pytest.mark.parametrize("kinds", HIDDEN_MIXES)
def test_a_category_without_a_public_article_is_not_published(site: Site, kinds: list[str]) -> None:
    site.write("en/index.md", section("English"))
    site.write("en/public/index.md", section("Public"))
    site.write("en/public/open.md", article())
    site.write("en/hidden/index.md", section("Hidden"))
    for n, kind in enumerate(kinds):
        site.write(f"en/hidden/a{n}.md", article(extra=HIDDEN[kind]))
    published = publishes(site)
    assert sorted(published) == ["en/index.md", "en/public/index.md", "en/public/open.md", "index.md"]


def test_an_empty_category_and_a_language_without_a_public_article_are_not_published(site: Site) -> None:
    site.write("index.md", section("Help"))
    site.write("en/account/a.md", article())
    site.write("en/empty/index.md", section("Empty"))
    site.write("tr/index.md", section("Türkçe"))
    site.write("tr/hesap/index.md", section("Hesap"))
    site.write("tr/hesap/b.md", article(extra="audience: internal\n"))
    # the root page always exists; en/ and en/account/ are generated (nobody wrote them), so they exist too
    assert sorted(publishes(site)) == ["en/account/a.md", "en/account/index.md", "en/index.md",
                                                        "index.md"]  # fmt: skip


LINKS = {
    "image": "![x]({})",
    "link": "[x]({})",
    "reference definition": "[x][r]\n\n[r]: {}",
    "raw HTML image": '<img src="../{}">',
    "raw HTML link": '<a href="../{}">x</a>',
    "fragment": "[x]({}#page=2)",
    "query": "[x]({}?v=2)",
}


@pytest.mark.parametrize("how", sorted(LINKS))
def test_a_file_a_public_article_links_is_published_and_not_otherwise(site: Site, how: str) -> None:
    body = LINKS[how].format("guide.pdf")
    site.write("en/account/guide.pdf", b"%PDF-1.4\n")
    site.write("en/account/secret.md", article(body=body, extra="audience: internal\n"))
    site.write("en/account/draft.md", article(body=body, extra="status: draft\n"))
    site.write("en/account/open.md", article(body="No links here.\n"))
    assert "en/account/guide.pdf" not in publishes(site)
    site.write("en/account/open.md", article(body=body))
    assert "en/account/guide.pdf" in publishes(site)


@pytest.mark.parametrize(
    "body",
    [
        "`![x](chart.png)`",
        "```\n![x](chart.png)\n```",
        "    ![x](chart.png)",
        "<!-- ![x](chart.png) -->",
        "![x](Chart.png)",  # another file on a case-sensitive web server
        "![x](../../chart.png)",  # resolves to en/chart.png, in the browser as in MkDocs
    ],
)
def test_a_mention_that_is_not_a_working_link_publishes_nothing(site: Site, body: str) -> None:
    site.write("en/account/chart.png", b"\x89PNG\r\n\x1a\n")
    site.write("en/account/open.md", article(body=f"Intro.\n\n{body}\n"))
    assert "en/account/chart.png" not in publishes(site)


def test_a_file_in_a_shared_folder_linked_by_a_public_article_is_published(site: Site) -> None:
    site.write("media/diagrams/flow chart.png", b"\x89PNG\r\n\x1a\n")
    site.write("media/unused.zip", b"PK")
    site.write("en/account/open.md", article(body="![flow](../../media/diagrams/flow%20chart.png)\n"))
    published = publishes(site)
    assert "media/diagrams/flow chart.png" in published and "media/unused.zip" not in published


def test_a_public_link_to_a_hidden_category_or_language_is_reported(site: Site) -> None:
    site.write("en/runbooks/index.md", section("Runbooks"))
    site.write("en/runbooks/r.md", article(extra="audience: internal\n"))
    site.write("tr/index.md", section("Türkçe"))
    body = "See [runbooks](../runbooks/index.md) and [tr](../../tr/index.md).\n"
    site.write("en/account/open.md", article(body=body))
    loaded = corpus(site)
    found = [f.format() for f in link_findings(loaded, build_site_map(loaded)) if f.code == "KB304"]
    assert found == [
        "content/en/account/open.md:8:5: error KB304: links to a page that is not published (a section with no "
        "public article): '../runbooks/index.md'; customers would get a 404, so link a published article or "
        "publish this one [link-to-unpublished]",
        "content/en/account/open.md:8:42: error KB304: links to a page that is not published (a language with no "
        "public article): '../../tr/index.md'; customers would get a 404, so link a published article or "
        "publish this one [link-to-unpublished]",
    ]


def test_a_logo_in_the_content_folder_is_published_though_no_article_links_it(site: Site) -> None:
    from kbgen.publishing.site_build import build_site

    site.write("images/logo.png", b"\x89PNG\r\n\x1a\n")
    site.write("images/unused.png", b"\x89PNG\r\n\x1a\n")
    site.write("en/account/open.md", article())
    config = site.config_file.read_text(encoding="utf-8")
    site.config_file.write_text(config.replace("  name: material\n", "  name: material\n  logo: images/logo.png\n"))
    build_site(site.config_file, None, today=None, strict=False)
    assert (site.site_dir / "images/logo.png").is_file()
    assert 'src="../images/logo.png"' in site.read_output("en/index.html")
    assert not (site.site_dir / "images/unused.png").exists()


@pytest.mark.parametrize("folder", ["/", "//", "/docs", "//docs", "/srv/help/content", "content", "/a b/c"])
def test_what_counts_as_content_is_decided_as_paths_compare(folder: str) -> None:
    """The build drops every content file kbgen did not accept; which files are content is a string test on
    MkDocs' paths, and must agree with comparing their parts (a file it missed would be published unchecked)."""
    top = PurePosixPath(folder)
    paths = [folder, f"{folder}/", f"{folder}/x.md", f"{folder}//x", f"{folder}/./x", f"{folder}/../x", f"{folder}x"]
    paths += ["/", "//", "///x", "/docs-old/x.md", "docs/x", "./x", "/srv/help/content2/a.md", "/a b/c/d/e.png"]
    for path in paths:
        parsed = PurePosixPath(path)
        assert pages._inside(path, top) == (parsed == top or top in parsed.parents), path


def test_a_file_is_published_however_a_public_link_spells_its_name(site: Site) -> None:
    """Escaped dots, spaces, `?query`, `#fragment`, raw HTML and a capitalised extension all lead to the file,
    so each is published; a file no public link names is not."""
    site.write("en/index.md", section("English"))
    names = ["a.png", "b c.png", "d.PNG", "e.svg", "f.pdf", "g.png", "unlinked.png"]
    for name in names:
        svg = b'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 1 1"></svg>\n'
        site.write(f"en/media/{name}", svg if name.endswith(".svg") else b"\x89PNG\r\n")
    body = (
        "![a](media/a%2Epng) ![b](<media/b c.png>) ![d](media/d.PNG?v=2) [e](media/e.svg#part)\n\n"
        '<a href="../media/f.pdf">f</a> <img src="../media/g.png">\n\n[page](other.md)\n'
    )
    site.write("en/guide.md", article(body=body))
    site.write("en/other.md", article())
    published = publishes(site)
    assert {name for name in names if f"en/media/{name}" in published} == set(names) - {"unlinked.png"}
