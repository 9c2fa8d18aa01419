"""`kbgen adopt` on a Starlight (Astro) docs tree: its components, asides, sidebar keys, splash page, site-root links
and `de/` beside the root language. The tree is tests/adopt/fixtures/starlight/ (from withastro/starlight's docs,
MIT; see its README)."""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

from kbgen.adopt.starlight_components import convert_starlight
from kbgen.publishing.site_build import build_site
from tests.adopt.conftest import TODAY, Run, front_matter
from tests.adopt.test_adopt_includes import summary_lines
from tests.support.project import Site

FIXTURE = Path(__file__).resolve().parent / "fixtures" / "starlight"


def _source(tmp_path: Path) -> Path:
    shutil.copytree(FIXTURE, tmp_path / "starlight", ignore=shutil.ignore_patterns("README.md"))
    return tmp_path / "starlight" / "src" / "content" / "docs"


def _with_tabs(site: Site) -> None:
    text = site.config_file.read_text(encoding="utf-8")
    added = "- pymdownx.tabbed:\n    alternate_style: true\n"
    site.config_file.write_text(text.replace("markdown_extensions:\n", "markdown_extensions:\n" + added), "utf-8")


def test_a_starlight_tree_shows_its_components_as_admonitions_tabs_lists_and_links(
    tmp_path: Path, site: Site, run_kbgen: Run
) -> None:
    source = _source(tmp_path)
    result = run_kbgen("adopt", str(source), "--lang", "en", "--today", TODAY, "--owner", "docs", cwd=site.root)
    lines = summary_lines(result.stdout, source)
    assert result.exit_code == 1, result.output  # dates defaulted, `template` kept aside
    assert not any("not converted" in line for line in lines)  # every component here is Starlight's own
    assert any(line.startswith("components made Markdown: 11 Starlight") for line in lines)
    assert any("locale folders beside the root language, not adopted: de/ (1 page)" in line for line in lines)
    assert not any("start at a site's root" in line for line in lines)  # /guides/customization/ is a page's path
    started = front_matter((site.content / "en" / "getting-started.md").read_bytes())
    assert started["order"] == 2 and started["title"] == "Getting Started"

    site.configure(foreign_keys=["hero", "sidebar", "source.*"])
    _with_tabs(site)
    build_site(site.config_file, site.site_dir, date.fromisoformat(TODAY), strict=False)
    page = site.read_output("en/getting-started/index.html")
    assert '<p class="admonition-title">Watch out!</p>\n<p>A warning aside <em>with</em> a custom title.</p>' in page
    assert '<p class="admonition-title">Work in progress</p>' in page  # :::caution[Work in progress]
    # one tab shown first, not both
    assert page.count('checked="checked"') == 1 and '<label for="__tabbed_1_2">pnpm</label>' in page
    assert "<ol>\n<li>\n<p>Create the project.</p>" in page  # <Steps>' list
    assert '<a href="../guides/customization/">Customizing Starlight</a>: Learn how to make it yours.' in page
    assert '<span class="kb-badge kb-badge--tip">New' in page
    assert "<p><strong>Check this out</strong><br>\nInteresting content you want to highlight.</p>" in page
    for leftover in ("Aside", "Steps", "LinkCard", "CardGrid", "FileTree", "&lt;"):
        assert leftover not in page.split("<article", 1)[1], leftover
    home = site.read_output("en/index.html")
    assert "Everything you need to build a stellar documentation website." in home  # hero.tagline
    assert '<a href="getting-started/">Get started</a>' in home  # hero.actions, /getting-started/ pointed


def test_components_keep_every_other_line_where_it_was() -> None:
    text = (
        '<Aside type="tip" title="Did you know?">\n\tYou can nest it.\n</Aside>\n'
        "<Steps>\n1. One\n2. Two\n</Steps>\n"
        '<LinkCard\n  title="Next"\n  href="../next/"\n/>\n'
        '<Aside type="danger">Never.</Aside>\n'
        "```mdx\n<Aside>kept</Aside>\n```\n"
    )
    converted = convert_starlight(text).text.split("\n")
    assert converted[:7] == ['!!! tip "Did you know?"', "    You can nest it.", "", "", "1. One", "2. Two", ""]
    assert converted[7:11] == ["[Next](../next/)", "", "", ""]
    assert converted[11:13] == ["!!! danger", "    Never."]  # one aside on one line takes two
    assert converted[13:16] == ["```mdx", "<Aside>kept</Aside>", "```"]  # code is never read
