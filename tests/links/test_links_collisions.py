"""Collisions: two sources that one URL would hold (PA01 case, PA02 folder index, PA03 Unicode normalization)."""

from __future__ import annotations

import unicodedata
from collections.abc import Callable
from pathlib import Path

from click.testing import Result

from tests.support.project import Site, article


def check(site: Site, run_kbgen: Callable[..., Result]) -> Result:
    return run_kbgen("check", "--today", "2026-11-22", cwd=site.root)


def test_names_differing_only_in_case_collide(site: Site, run_kbgen: Callable[..., Result]) -> None:
    site.write("en/billing/Foo.md", article(title="Foo upper"))
    site.write("en/billing/foo.md", article(title="Foo lower"))
    result = check(site, run_kbgen)
    assert result.exit_code == 1
    assert (
        "content/en/billing/foo.md:1:1: error KB306: 'en/billing/Foo.md' and 'en/billing/foo.md' would be written "
        "to the same URL: they differ only in case, which macOS, Windows and many web servers treat as the same; "
        "rename or merge one [duplicate-url]"
    ) in result.stdout


def test_an_article_and_a_folder_index_of_the_same_name_collide(site: Site, run_kbgen: Callable[..., Result]) -> None:
    site.write("en/billing/setup.md", article(title="Setup"))
    site.write("en/billing/setup/index.md", article(title="Setup again"))
    result = check(site, run_kbgen)
    assert result.exit_code == 1
    assert (
        "content/en/billing/setup/index.md:1:1: error KB306: 'en/billing/setup.md' and 'en/billing/setup/index.md' "
        "would be written to the same URL: both produce en/billing/setup/index.html"
    ) in result.stdout
    assert "misplaced-article" not in result.stdout  # the collision is the one clear message


def test_nfc_and_nfd_names_collide_and_an_nfc_link_finds_an_nfd_file(
    site: Site, run_kbgen: Callable[..., Result]
) -> None:
    nfc, nfd = unicodedata.normalize("NFC", "café"), unicodedata.normalize("NFD", "café")
    site.write(f"en/billing/{nfd}.md", article(title="Café NFD"))
    site.write("en/billing/links.md", article(title="Links", body=f"[x]({nfc}.md)\n"))
    assert check(site, run_kbgen).exit_code == 0
    site.write(f"en/billing/{nfc}.md", article(title="Café NFC"))
    result = check(site, run_kbgen)
    assert result.exit_code == 1
    assert "differ only in Unicode normalization" in result.stdout


def test_folders_differing_only_in_case_or_normalization_collide(site: Site, run_kbgen: Callable[..., Result]) -> None:
    """Each folder's page is kbgen's when it has no index.md: en/Billing/index.html and en/billing/index.html are
    one file on macOS, Windows and many web servers, though no article path collides."""
    site.write("en/billing/index.md", "---\ntitle: Billing\n---\n")
    site.write("en/Billing/refunds.md", article(title="Refunds"))
    nfc, nfd = unicodedata.normalize("NFC", "café"), unicodedata.normalize("NFD", "café")
    site.write(f"en/{nfc}/menu.md", article(title="Menu"))
    site.write(f"en/{nfd}/prices.md", article(title="Prices"))
    result = check(site, run_kbgen)
    assert result.exit_code == 1
    assert (
        "content/en/billing/index.md:1:1: error KB306: the folder 'en/Billing/' (its page, which kbgen writes) and "
        "'en/billing/index.md' would be written to the same URL: they differ only in case"
    ) in result.stdout
    assert f"content/en/{nfc}/menu.md:1:1: error KB306: the folder 'en/{nfd}/' (its page" in result.stdout
    assert "differ only in Unicode normalization" in result.stdout


def test_a_readme_in_a_folder_without_index_collides_with_the_folder_s_page(
    site: Site, run_kbgen: Callable[..., Result]
) -> None:
    """MkDocs writes README.md to the folder's index.html, where kbgen writes the folder's own page: the article
    was silently replaced by a list that linked to itself."""
    site.write("en/billing/setup/README.md", article(title="Set up billing"))
    result = check(site, run_kbgen)
    assert result.exit_code == 1
    assert (
        "content/en/billing/setup/README.md:1:1: error KB306: the folder 'en/billing/setup/' (its page, which kbgen "
        "writes) and 'en/billing/setup/README.md' would be written to the same URL: both produce "
        "en/billing/setup/index.html; rename or merge one [duplicate-url]"
    ) in result.stdout


def test_duplicate_titles_in_a_category_warn_on_both(site: Site, run_kbgen: Callable[..., Result]) -> None:
    site.write("en/billing/a.md", article(title="Invoices"))
    site.write("en/billing/b.md", article(title="invoices"))
    site.write("en/account/c.md", article(title="Invoices"))
    result = check(site, run_kbgen)
    assert result.exit_code == 0
    lines = [line for line in result.stdout.splitlines() if "KB307" in line]
    assert [line.split(":")[0] for line in lines] == ["content/en/billing/a.md", "content/en/billing/b.md"]


def test_sample_content_is_clean_of_link_findings(run_kbgen: Callable[..., Result]) -> None:
    result = run_kbgen("check", "--today", "2026-11-22", "--format", "json", cwd=Path(__file__).parents[2])
    assert '"KB3' not in result.stdout
