"""`kbgen adopt` reads DocFX `TOC.yml` files for the names its writers gave the sections: a folder a TOC names gets
an `index.md` with the TOC's `title` and `order`, so the help center shows "Project Service Automation", not
"Psa". An `index.md` the source or the content folder already has is never replaced; a TOC that cannot be read
is named with its line, and adopt goes on.

Section names are trimmed from Microsoft Learn: Dynamics 365 Project Operations documentation, (c) Microsoft,
CC BY 4.0 (see fixtures/README.md); the trees are written in tmp_path by each test.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from kbgen.publishing.site_build import build_site
from tests.adopt.conftest import TODAY, Run, adopt, front_matter, suggested_foreign_keys
from tests.adopt.test_adopt_includes import make_tree, page, summary_lines
from tests.support.project import Site

TOC = """\
- name: Dynamics 365 Project Operations
  href: welcome.md
- name: What's new
  items:
    - name: Updates
      href: whats-new/project-operations-updates.md
    - name: Removed features
      href: whats-new/removed-features.md
- name: Project management and accounting
  href: prod-pma/TOC.yml
- name: Project Service Automation
  href: psa/
- name: Expense management
  href: expense/index.md
"""


def _tree(tmp_path: Path, toc: str = TOC) -> Path:
    return make_tree(
        tmp_path,
        {
            "TOC.yml": toc,
            "welcome.md": page("Welcome", "Text.\n"),
            "whats-new/project-operations-updates.md": page("Updates", "Text.\n"),
            "whats-new/removed-features.md": page("Removed features", "Text.\n"),
            "prod-pma/TOC.yml": "- name: Mobile timesheets\n  href: mobile-timesheets.md\n",
            "prod-pma/mobile-timesheets.md": page("Mobile timesheets", "Text.\n"),
            "psa/overview.md": page("Overview", "Text.\n"),
            "expense/index.md": "---\ntitle: Expenses\n---\nAbout expenses.\n",
            "expense/basic-expense.md": page("Basic expense", "Text.\n"),
        },
    )


def test_sections_take_their_title_and_order_from_the_toc(tmp_path: Path, site: Site, run_kbgen: Run) -> None:
    source = _tree(tmp_path)
    result = adopt(run_kbgen, site, source)
    assert result.exit_code == 0, result.output
    sections = {
        folder: front_matter((site.content / "en" / folder / "index.md").read_bytes())
        for folder in ("whats-new", "prod-pma", "psa", "expense")
    }
    assert sections["whats-new"] == {"title": "What's new", "order": 2}  # the folder all its pages are in
    assert sections["prod-pma"] == {"title": "Project management and accounting", "order": 3}
    assert sections["psa"] == {"title": "Project Service Automation", "order": 4}
    assert sections["expense"]["title"] == "Expenses"  # the source's own index.md, adopted as it is
    lines = summary_lines(result.stdout, source)
    assert "sections named by 2 TOC.yml files: 3 section index.md files written with the TOC's title and order" in lines
    assert "left out" not in result.stdout  # the TOC files were read, not dropped
    site.configure(foreign_keys=suggested_foreign_keys(result.stdout))
    build_site(site.config_file, site.site_dir, date.fromisoformat(TODAY), strict=False)
    home = site.read_output("en/index.html")
    assert "Project Service Automation" in home and "Project management and accounting" in home
    assert ">Psa<" not in home and "Prod pma" not in home
    assert (
        home.index("What&#39;s new")
        < home.index("Project management and accounting")
        < home.index("Project Service Automation")
    )


def test_an_index_md_already_in_the_content_folder_is_kept(tmp_path: Path, site: Site, run_kbgen: Run) -> None:
    mine = site.write("en/psa/index.md", "---\ntitle: PSA (ours)\n---\n")
    result = adopt(run_kbgen, site, _tree(tmp_path))
    assert result.exit_code == 0, result.output
    assert mine.read_text(encoding="utf-8") == "---\ntitle: PSA (ours)\n---\n"
    lines = result.stdout.splitlines()
    at = lines.index(
        "sections named by 2 TOC.yml files: 2 section index.md files written with the TOC's title and order; "
        "1 already in the content folder, kept as they are:"
    )
    assert lines[at + 1] == "  content/en/psa/index.md"


def test_a_toc_that_cannot_be_read_is_named_with_its_line(tmp_path: Path, site: Site, run_kbgen: Run) -> None:
    broken = TOC.replace("- name: Project Service Automation\n", "- name: [Project Service Automation\n")
    source = _tree(tmp_path, broken)
    (source / "prod-pma" / "TOC.yml").write_text("- &a {name: x}\n- *a\n", encoding="utf-8")
    (source / "psa" / "toc.yml").write_text("name: not a list\n", encoding="utf-8")
    result = adopt(run_kbgen, site, source)
    assert result.exit_code == 1
    lines = summary_lines(result.stdout, source)
    assert "table of contents problems (TOC.yml, _category_, SUMMARY.md, .gitbook.yaml, mkdocs.yml nav) (3):" in lines
    assert any(line.startswith("  SRC/TOC.yml:11: YAML syntax error: ") for line in lines), result.stdout
    assert "  SRC/prod-pma/TOC.yml:2: an alias (*name); write the item out. Its section names are not used" in lines
    assert "  SRC/psa/toc.yml:1: not a list of items (- name: ..., href: ...); not used" in lines
    assert "left out" not in result.stdout
    assert not (site.content / "en" / "psa" / "index.md").exists()  # nothing guessed
    assert (site.content / "en" / "psa" / "overview.md").is_file()  # and the rest adopted


def test_a_toc_nested_thousands_deep_is_named_not_a_crash(tmp_path: Path, site: Site, run_kbgen: Run) -> None:
    """Items nested 3,000 deep ended adopt in RecursionError: an internal error, and nothing adopted."""
    source = _tree(tmp_path, "- name: Deep\n  items: " + "[" * 3000 + "]" * 3000 + "\n")
    result = adopt(run_kbgen, site, source)
    lines = summary_lines(result.stdout, source)
    assert "  SRC/TOC.yml:2: lists or mappings nested over 64 deep; flatten them. Its section names are not used" in (
        lines
    )
    assert (site.content / "en" / "psa" / "overview.md").is_file()
