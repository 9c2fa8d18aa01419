"""`kbgen adopt` on a Hugo `content/` tree: a page Hugo would not publish (`draft: true`, and Jekyll's
`published: false`) becomes `status: draft`, so it stays off the help center and out of its search; a section's
`_index.md` becomes its `index.md`, so the section is titled and placed as Hugo's writers said.

Pages trimmed from gohugoio/hugoDocs, content/en/about/ (Apache License 2.0); `draft: true` is added to one, as
Hugo's archetypes write it into every new page. The trees are written in tmp_path by each test.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from kbgen.publishing.site_build import build_site
from tests.adopt.conftest import TODAY, Run, adopt, front_matter, suggested_foreign_keys
from tests.adopt.test_adopt_includes import summary_lines
from tests.support.project import Site

SECTION = """\
---
title: About Hugo
linkTitle: About
description: Learn about Hugo and its features, privacy protections, and security model.
weight: 10
aliases: [/about-hugo/]
---
"""

INTRODUCTION = """\
---
title: Introduction
description: Hugo is a static site generator written in Go optimized for speed and designed for flexibility
weight: 10
---

Hugo is a static site generator written in Go, optimized for speed and designed for flexibility.
"""

SECURITY = """\
---
title: Security model
description: A summary of Hugo's security model.
weight: 30
draft: true
---

## Security Boundaries

- The templates inside `layouts` are trusted.
"""


def _tree(tmp_path: Path, files: dict[str, str]) -> Path:
    source = tmp_path / "hugoDocs" / "content" / "en"
    for rel, text in files.items():
        (source / rel).parent.mkdir(parents=True, exist_ok=True)
        (source / rel).write_text(text, encoding="utf-8")
    return source


def _published(site: Site) -> str:
    return "\n".join(
        path.read_text(encoding="utf-8", errors="replace") for path in site.site_dir.rglob("*") if path.is_file()
    )


def test_drafts_stay_off_the_site_and_its_search(tmp_path: Path, site: Site, run_kbgen: Run) -> None:
    jekyll = "---\ntitle: Old billing\npublished: false\n---\n\nRetired billing steps.\n"
    source = _tree(tmp_path, {"about/introduction.md": INTRODUCTION, "about/security.md": SECURITY, "old.md": jekyll})
    result = adopt(run_kbgen, site, source)
    assert result.exit_code == 1, result.output  # owners and dates defaulted; nothing else
    security = front_matter((site.content / "en" / "about" / "security.md").read_bytes())
    assert security["status"] == "draft" and security["draft"] is True  # the source's own key stays
    assert front_matter((site.content / "en" / "old.md").read_bytes())["status"] == "draft"
    assert "status" not in front_matter((site.content / "en" / "about" / "introduction.md").read_bytes())
    assert "  status: 1 from published, 1 from draft" in summary_lines(result.stdout, source)
    site.configure(foreign_keys=suggested_foreign_keys(result.stdout))
    build_site(site.config_file, site.site_dir, date.fromisoformat(TODAY), strict=False)
    published = _published(site)
    assert "Hugo is a static site generator" in published
    assert "Security Boundaries" not in published and "Security model" not in published
    assert "Retired billing steps" not in published


def test_a_sections_index_md_titles_and_places_it(tmp_path: Path, site: Site, run_kbgen: Run) -> None:
    draft_section = SECTION.replace("---\n", "---\ndraft: true\n", 1)
    source = _tree(
        tmp_path,
        {
            "about/_index.md": SECTION,
            "about/introduction.md": INTRODUCTION,
            "zeta/_index.md": draft_section,
            "zeta/page.md": INTRODUCTION,
        },
    )
    result = adopt(run_kbgen, site, source)
    about = site.content / "en" / "about"
    assert not (about / "_index.md").exists()
    section = front_matter((about / "index.md").read_bytes())
    assert section["title"] == "About Hugo" and section["order"] == 10
    assert section["summary"].startswith("Learn about Hugo")
    assert "1 article" not in result.stdout.splitlines()[0] and "section page" in result.stdout.splitlines()[0]
    lines = summary_lines(result.stdout, source)
    assert (
        "  SRC/zeta/_index.md:2: 'draft: true' on a section page: kbgen sections have no status; "
        "its articles stay public" in lines
    )
    site.configure(foreign_keys=suggested_foreign_keys(result.stdout))
    build_site(site.config_file, site.site_dir, date.fromisoformat(TODAY), strict=False)
    home = site.read_output("en/index.html")
    assert "About Hugo" in home and ">About<" not in home


def test_a_navigation_label_titles_a_page_that_has_no_title_or_heading(
    tmp_path: Path, site: Site, run_kbgen: Run
) -> None:
    """kbgen has no key for a short navigation name; Hugo's `linkTitle` and Docusaurus' `sidebar_label` stay in the
    file, and title a page only when it has neither a title nor a heading (before its file name would)."""
    untitled = "---\nlinkTitle: What is Hugo\nweight: 10\n---\n"
    labelled = "---\nsidebar_label: 'Hi!'\nsidebar_position: 3\n---\n\nThis is my **first Docusaurus document**!\n"
    source = _tree(
        tmp_path, {"about/_index.md": untitled, "about/hello.md": labelled, "about/introduction.md": INTRODUCTION}
    )
    result = adopt(run_kbgen, site, source)
    about = site.content / "en" / "about"
    section = front_matter((about / "index.md").read_bytes())
    assert section["title"] == "What is Hugo" and section["linkTitle"] == "What is Hugo"
    hello = front_matter((about / "hello.md").read_bytes())
    assert hello["title"] == "Hi!" and hello["sidebar_label"] == "Hi!"
    assert "linkTitle" not in front_matter((about / "introduction.md").read_bytes())
    lines = summary_lines(result.stdout, source)
    assert any(line.startswith("  title:") and "1 from sidebar_label" in line for line in lines), lines
    assert not any("SRC/about/hello.md: title" in line for line in lines)  # no default taken from the file name


TOML_TAGS = """\
+++
tags = ["documentation", "tutorial"]
title = "Tags"
weight = 40
# shown in the sidebar's shortcuts too
[menu.shortcuts]
  name = "Tags"
+++

*Relearn theme* supports one default taxonomy of Hugo: the *tag* feature.
"""  # McShelby/hugo-theme-relearn, exampleSite/content/cont/tags.en.md (MIT); the menu table added for the test


def test_toml_front_matter_is_read_and_kept_as_yaml(tmp_path: Path, site: Site, run_kbgen: Run) -> None:
    broken = '+++\ntitle = "Unclosed\nweight = 3\n+++\n\nText.\n'
    source = _tree(tmp_path, {"cont/tags.md": TOML_TAGS, "cont/broken.md": broken})
    result = adopt(run_kbgen, site, source, "--owner", "docs")
    adopted = (site.content / "en" / "cont" / "tags.md").read_bytes()
    fields = front_matter(adopted)
    assert fields["title"] == "Tags" and fields["order"] == 40 and fields["weight"] == 40
    assert fields["tags"] == ["documentation", "tutorial"] and fields["menu"] == {"shortcuts": {"name": "Tags"}}
    assert b"# shown in the sidebar's shortcuts too" in adopted  # the writer's comment stays
    assert adopted.endswith(b"\n\n*Relearn theme* supports one default taxonomy of Hugo: the *tag* feature.\n")
    assert b"+++" not in adopted
    lines = summary_lines(result.stdout, source)
    assert (
        "  SRC/cont/broken.md:2: TOML front matter is not valid TOML: Illegal character '\\n'; kept as written at "
        "the top of the body; nothing taken from it" in lines
    )
    assert b'title = "Unclosed' in (site.content / "en" / "cont" / "broken.md").read_bytes()  # nothing lost


def test_toml_keys_keep_their_lines() -> None:
    from kbgen.adopt.toml_front_matter import rewrite_toml

    rewritten = rewrite_toml(TOML_TAGS).text.splitlines()
    assert rewritten[:8] == [
        "---",
        "tags: [documentation, tutorial]",
        "title: Tags",
        "weight: 40",
        "# shown in the sidebar's shortcuts too",
        "menu: {shortcuts: {name: Tags}}",
        "",
        "---",
    ]
    assert len(rewritten) == len(TOML_TAGS.splitlines())


def test_toml_front_matter_nested_thousands_deep_is_kept_as_written(tmp_path: Path, site: Site, run_kbgen: Run) -> None:
    """tomllib reads nested arrays by recursion: 5,000 of them ended adopt in RecursionError (an internal error,
    nothing adopted); 300 passed tomllib and ended the YAML dumper the same way."""
    pages = {
        f"cont/deep-{depth}.md": f'+++\ntitle = "Deep"\nx = {"[" * depth}{"]" * depth}\n+++\n\nText.\n'
        for depth in (300, 5000)
    }
    source = _tree(tmp_path, {**pages, "cont/tags.md": TOML_TAGS})
    result = adopt(run_kbgen, site, source, "--owner", "docs")
    assert "Traceback" not in result.output and "internal error" not in result.output
    lines = summary_lines(result.stdout, source)
    for name in pages:
        assert (
            f"  SRC/{name}:2: TOML front matter is nested more than 20 levels deep; kept as written at the top of "
            "the body; nothing taken from it" in lines
        ), lines
        assert (site.content / "en" / name).read_bytes().count(b"[") >= 300  # nothing lost
    assert front_matter((site.content / "en" / "cont" / "tags.md").read_bytes())["title"] == "Tags"


def test_toml_front_matter_as_deep_as_yaml_allows_is_read() -> None:
    from kbgen.adopt.toml_front_matter import rewrite_toml

    assert rewrite_toml("+++\nx = [[[1]]]\n+++\n").text == "---\nx: [[[1]]]\n---\n"
    assert rewrite_toml(f"+++\nx = {'[' * 19}{']' * 19}\n+++\n").text  # 20 levels with the block itself
    assert rewrite_toml(f"+++\nx = {'[' * 20}{']' * 20}\n+++\n").problem


def test_a_folder_with_both_index_mdx_and_index_md_keeps_both(tmp_path: Path, site: Site, run_kbgen: Run) -> None:
    """Both became about/index.md: the second was refused as 'already exists ... move it away', though nothing was
    there before adopt, and its page was not adopted (a dry run even counted it)."""
    source = _tree(tmp_path, {"about/_index.md": SECTION, "about/index.mdx": INTRODUCTION})
    dry = adopt(run_kbgen, site, source, "--dry-run")
    assert dry.stdout.startswith("would adopt") and "1 article, 1 section page" in dry.stdout.splitlines()[0]
    result = adopt(run_kbgen, site, source)
    assert "not overwritten" not in result.stdout
    about = site.content / "en" / "about"
    assert front_matter((about / "index.md").read_bytes())["title"] == "Introduction"
    assert front_matter((about / "_index.md").read_bytes())["title"] == "About Hugo"
