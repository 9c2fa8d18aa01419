"""Build tests: redirect pages, links MkDocs leaves alone, heading ids, and one report per broken link."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import Result

from kbgen.publishing.site_build import BuildFailed, build_site
from tests.support.project import SAMPLE_TODAY, Site, article

MOVED = article(
    title='Invoices "and" <receipts>',
    extra='redirect_from: ["en/billing/old-invoices/", "en/legacy.html"]',
    body="# Invoices\n\n## Şifrenizi sıfırlayın\n\n## 账单\n",
)


def test_redirect_pages_are_plain_escaped_html(site: Site) -> None:
    site.write("en/billing/invoices.md", MOVED)
    build_site(site.config_file, None, SAMPLE_TODAY, strict=True)
    stub = site.read_output("en/billing/old-invoices/index.html")
    assert '<meta http-equiv="refresh" content="0; url=../invoices/">' in stub
    assert '<a href="../invoices/">Invoices &quot;and&quot; &lt;receipts&gt;</a>' in stub
    assert "<script" not in stub
    assert 'url=billing/invoices/"' in site.read_output("en/legacy.html")


def test_a_redirect_entry_with_spaces_around_it_is_written_at_the_trimmed_address_with_a_warning(
    site: Site,
) -> None:
    """`redirect_from: ["en/billing/old-invoices.md "]` was trimmed without a word: the page is written where the
    writer meant it, and the build says the file's text is not what it published, with the entry's line."""
    moved = MOVED.replace('["en/billing/old-invoices/", "en/legacy.html"]', '["en/billing/old-invoices.md "]')
    site.write("en/billing/invoices.md", moved)
    result = build_site(site.config_file, None, SAMPLE_TODAY, strict=False)
    assert "url=../invoices/" in site.read_output("en/billing/old-invoices/index.html")
    assert not [path for path in site.site_dir.rglob("*") if path.name != path.name.strip()]
    assert [(f.path, f.line, f.code) for f in result.findings] == [("content/en/billing/invoices.md", 6, "KB310")]


def test_links_to_old_and_nfc_paths_are_repointed_in_the_page(site: Site) -> None:
    nfd = unicodedata.normalize("NFD", "café")
    site.write("en/billing/invoices.md", MOVED)
    site.write(f"en/billing/{nfd}.md", article(title="Café"))
    body = "[old](old-invoices.md#şifrenizi-sıfırlayın) [served](../old-invoices/) [café](café.md)\n"
    site.write("en/billing/links.md", article(title="Links", body=body))
    build_site(site.config_file, None, SAMPLE_TODAY, strict=True)
    page = site.read_output("en/billing/links/index.html")
    assert 'href="../invoices/#şifrenizi-sıfırlayın"' in page
    assert 'href="../old-invoices/"' in page
    (href,) = re.findall(r'href="([^"]*)">café</a>', page)
    assert unicodedata.normalize("NFC", href) == "../café/"
    assert (site.site_dir / unicodedata.normalize("NFD", "en/billing/café/index.html")).exists()


HTML_BLOCK = """<div class="box">
See [the old guide](missing.md).

<a href="invoices.md">Invoices</a> <a href='invoices.md#账单'>bills</a>
</div>

<div markdown="1">
[Inside markdown="1"](also-missing.md)
</div>
"""


def test_markdown_in_an_html_block_is_text_and_a_raw_md_href_is_repointed(site: Site) -> None:
    """The check called `[the old guide](missing.md)` in a raw `<div>` a broken link, though the page shows it as
    text, and `<a href="invoices.md">` broken ("raw HTML is not rewritten"), though the build repoints it: the
    check now reads the page as the renderer makes it, and the build repoints either quoting. (Without md_in_html,
    which `kbgen init` lists: with it, the box's Markdown after its blank line is read, as GitHub reads it.)"""
    config = site.config_file.read_text(encoding="utf-8")
    site.config_file.write_text(config.replace("- md_in_html\n", ""), encoding="utf-8")
    site.write("en/billing/invoices.md", MOVED)
    site.write("en/billing/boxes.md", article(title="Boxes", body=HTML_BLOCK))
    build_site(site.config_file, None, SAMPLE_TODAY, strict=True)
    page = site.read_output("en/billing/boxes/index.html")
    assert "See [the old guide](missing.md)." in page and "[Inside markdown=&quot;1&quot;]" not in page
    assert '<a href="../invoices/">Invoices</a> <a href="../invoices/#账单">bills</a>' in page


def test_with_md_in_html_a_markdown_block_holds_links_that_are_checked(site: Site) -> None:
    """With md_in_html (as `kbgen init` lists it), `markdown="1"` and a blank line in a `<div>` make Markdown."""
    assert "- md_in_html\n" in site.config_file.read_text(encoding="utf-8")
    site.write("en/billing/invoices.md", MOVED)
    site.write("en/billing/boxes.md", article(title="Boxes", body=HTML_BLOCK))
    findings = build_site(site.config_file, None, SAMPLE_TODAY, strict=False).findings
    assert [(f.line, f.code, f.message.split(" (")[0]) for f in findings] == [
        (9, "KB301", "link target 'missing.md' not found"),
        (15, "KB301", "link target 'also-missing.md' not found"),
    ]


def test_heading_ids_on_the_page_are_the_ones_the_checker_knows(site: Site) -> None:
    site.write("en/billing/invoices.md", MOVED)
    build_site(site.config_file, None, SAMPLE_TODAY, strict=True)
    ids = re.findall(r'<h2 id="([^"]+)"', site.read_output("en/billing/invoices/index.html"))
    assert ids == ["şifrenizi-sıfırlayın", "账单"]


def test_strict_build_fails_on_a_broken_link_with_its_line_once(site: Site, run_kbgen: Callable[..., Result]) -> None:
    site.write("en/billing/links.md", article(title="Links", body="See [x](missing.md) and [y](#nope).\n"))
    result = run_kbgen("build", "--strict", "--today", "2026-11-22", cwd=site.root)
    assert result.exit_code == 1
    expected = "content/en/billing/links.md:8:5: error KB301: link target 'missing.md' not found"
    assert result.stderr.count(expected) == 1
    assert "content/en/billing/links.md:8:25: error KB302: anchor '#nope' not found in this page" in result.stderr
    assert "WARNING" not in result.stderr  # MkDocs' own link validation is turned down to info
    with pytest.raises(BuildFailed):
        build_site(site.config_file, None, SAMPLE_TODAY, strict=True)


def test_sample_site_has_unicode_heading_ids(sample_site: Path) -> None:
    page = (sample_site / "tr/account/reset-your-password/index.html").read_text(encoding="utf-8")
    assert 'id="şifrenizi-değiştirin"' in page


@pytest.mark.parametrize(
    "url",
    [
        "data:image/jpeg;base64,/9j/4AAQ",
        "data:image/jpg;base64,/9j/4AAQ",
        "data:image/bmp;base64,Qk0=",
        "DATA:IMAGE/BMP;base64,Qk0=",
        "data:image/png;base64,iVBORw0KGgo=",
    ],
)
def test_an_inline_image_check_passes_is_published(site: Site, run_kbgen: Callable[..., Result], url: str) -> None:
    site.write("en/billing/pixel.md", article(title="Pixel", body=f"![pixel]({url})\n"))
    checked = run_kbgen("check", "--today", "2026-11-22", cwd=site.root)
    assert checked.exit_code == 0, checked.output
    assert "KB305" not in checked.output
    build_site(site.config_file, None, SAMPLE_TODAY, strict=True)
    assert f'src="{url}"' in site.read_output("en/billing/pixel/index.html")


@pytest.mark.parametrize("url", ["data:image/svg+xml;base64,PHN2Zz4=", "data:image/tiff;base64,SUkq"])
def test_an_inline_image_check_refuses_is_not_published(site: Site, run_kbgen: Callable[..., Result], url: str) -> None:
    site.write("en/billing/pixel.md", article(title="Pixel", body=f"![pixel]({url})\n"))
    checked = run_kbgen("check", "--today", "2026-11-22", cwd=site.root)
    assert checked.exit_code == 1 and "KB305" in checked.output
    build_site(site.config_file, None, SAMPLE_TODAY, strict=False)
    page = site.read_output("en/billing/pixel/index.html")
    assert "<img" in page and url.split(",")[0] not in page


# Microsoft Learn's and GitHub's way (CommonMark): a step's text three spaces in, its screenshots four
STEPS = (
    "1. Open the form.\n\n"
    "    ![Form](media/form.png)\n\n"
    "   Fill in the fields.\n\n"
    "    ![Fields](media/fields.png)\n\n"
    "2. Save it.\n\n"
    '    :::image type="content" source="media/saved.png" alt-text="Saved":::\n'
)


def test_screenshots_under_a_numbered_step_are_checked_published_and_shown(
    site: Site, run_kbgen: Callable[..., Result]
) -> None:
    """The second screenshot under the step's text is the step's image to the renderer (CommonMark's reading),
    not an indented code block (Python-Markdown's): the check sees it and the build publishes its file."""
    site.write("en/billing/steps.md", article(title="Steps", body=STEPS))
    media = site.content / "en/billing/media"
    media.mkdir(parents=True)
    for name in ("form.png", "fields.png"):
        (media / name).write_bytes(b"\x89PNG\r\n\x1a\n")
    checked = run_kbgen("check", "--today", "2026-11-22", cwd=site.root)
    assert checked.exit_code == 1
    assert "content/en/billing/steps.md:18:5: error KB303" in checked.output, checked.output
    assert "media/saved.png" in checked.output
    (media / "saved.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    build_site(site.config_file, None, SAMPLE_TODAY, strict=True)
    page = site.read_output("en/billing/steps/index.html")
    for name in ("form.png", "fields.png", "saved.png"):
        assert f'src="../media/{name}"' in page
        assert (site.site_dir / "en/billing/media" / name).is_file()
    assert ":::image" not in page


def test_a_reference_whose_address_is_on_the_next_line_is_checked(site: Site, run_kbgen: Callable[..., Result]) -> None:
    """CommonMark (and the renderer) take a definition's address from the line under its label: a broken one there
    is a broken link on the page, so the check reports it where it is written."""
    body = "See the [setup guide][setup].\n\n[setup]:\n    missing-setup.md\n"
    site.write("en/billing/refs.md", article(title="Refs", body=body))
    checked = run_kbgen("check", "--today", "2026-11-22", cwd=site.root)
    assert checked.exit_code == 1
    assert "content/en/billing/refs.md:" in checked.output and "missing-setup.md" in checked.output
    assert "content/en/billing/refs.md:10:1: error KB301" in checked.output  # at the definition's label
