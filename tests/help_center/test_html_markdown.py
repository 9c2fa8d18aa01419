"""Markdown after a blank line in a `<details>` answer or a `<div>` shows as GitHub shows it, and is checked."""

from __future__ import annotations

from pathlib import Path

from kbgen.publishing.site_build import build_site
from tests.support.project import SAMPLE_TODAY, Site, article

# the collapsible answer GitHub's own docs teach ("Organizing information with collapsed sections")
FAQ = """Common questions.

<details>
<summary>How do I reset it?</summary>

Open **Settings**, then follow [the steps](steps.md).

</details>

<details>
<summary>Where is the [log](missing.md)?</summary>
In the app folder.
</details>
"""


def _site(root: Path) -> Site:
    site = Site(root)
    site.write("en/account/faq.md", article(title="Questions", body=FAQ))
    site.write("en/account/steps.md", article(title="Reset steps"))
    return site


def test_a_details_answer_shows_its_markdown_and_its_links_lead_to_the_page(tmp_path: Path) -> None:
    result = build_site(_site(tmp_path).config_file, None, SAMPLE_TODAY, strict=False)
    page = (result.site_dir / "en/account/faq/index.html").read_text(encoding="utf-8")
    assert "<strong>Settings</strong>" in page and "**Settings**" not in page
    assert '<a href="../steps/">the steps</a>' in page
    assert 'markdown="' not in page
    # a summary line and a block with no blank line stay as written, on GitHub too: no link, none checked
    assert "Where is the [log](missing.md)?" in page
    assert not [finding for finding in result.findings if "missing.md" in finding.message]


def test_a_broken_link_in_a_details_answer_is_reported_at_its_line(tmp_path: Path) -> None:
    site = _site(tmp_path)
    site.write("en/account/faq.md", article(title="Questions", body=FAQ.replace("steps.md", "gone.md")))
    findings = build_site(site.config_file, None, SAMPLE_TODAY, strict=False).findings
    broken = [finding for finding in findings if "gone.md" in finding.message]
    assert [(finding.rule, finding.line) for finding in broken] == [("broken-link", 13)]


def test_a_project_without_md_in_html_is_told_and_its_page_checks_what_it_shows(tmp_path: Path) -> None:
    site = _site(tmp_path)
    site.write("en/account/faq.md", article(title="Questions", body=FAQ.replace("steps.md", "gone.md")))
    text = site.config_file.read_text(encoding="utf-8")
    site.config_file.write_text(text.replace("- md_in_html\n", ""), encoding="utf-8")
    result = build_site(site.config_file, None, SAMPLE_TODAY, strict=False)
    assert [note for note in result.notes if "md_in_html" in note] == [
        "content/en/account/faq.md writes Markdown after a blank line inside a <details> or <div>, which shows as "
        "typed: add '- md_in_html' to markdown_extensions in mkdocs.yml to show it as GitHub does"
    ]
    page = (result.site_dir / "en/account/faq/index.html").read_text(encoding="utf-8")
    assert "Open **Settings**, then follow [the steps](gone.md)." in page
    assert not [finding for finding in result.findings if "gone.md" in finding.message]  # text, not a link
