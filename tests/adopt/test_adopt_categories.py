"""`kbgen adopt` reads Docusaurus' `_category_.json` and `_category_.yml` files for the names its writers gave the
sections: a folder with one gets an `index.md` with its `label` as the title, its `position` as the order and its
description as the summary, so the help center shows "Miscellaneous" where it showed "Misc", in the writers' order.
A file that cannot be read is named with its line, and adopt goes on.

The category files are as facebook/docusaurus writes them (website/docs/api/*/_category_.yml and the
create-docusaurus template's docs/tutorial-basics/_category_.json; MIT licence); the trees are written in tmp_path.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from kbgen.publishing.site_build import build_site
from tests.adopt.conftest import TODAY, Run, adopt, front_matter, suggested_foreign_keys
from tests.adopt.test_adopt_includes import summary_lines
from tests.support.project import Site


def _doc(title: str, position: int) -> str:
    return f"---\nsidebar_position: {position}\nauthor: ann\ndate: 2025-05-01\n---\n\n# {title}\n\nText.\n"


def _tree(tmp_path: Path, files: dict[str, str]) -> Path:
    source = tmp_path / "website" / "docs"
    for rel, text in files.items():
        (source / rel).parent.mkdir(parents=True, exist_ok=True)
        (source / rel).write_text(text, encoding="utf-8")
    return source


TREE = {
    "intro.md": _doc("Tutorial Intro", 1),
    "tutorial-basics/_category_.json": (
        '{\n  "label": "Tutorial - Basics",\n  "position": 2,\n  "link": {\n    "type": "generated-index",\n'
        '    "description": "5 minutes to learn the most important Docusaurus concepts."\n  }\n}\n'
    ),
    "tutorial-basics/create-a-document.md": _doc("Create a Document", 2),
    "api/misc/_category_.yml": "label: Miscellaneous\nposition: 4\nlink:\n  type: generated-index\n",
    "api/misc/logger.md": _doc("logger", 2),
    "api/plugins/_category_.yml": "label: Plugins\nposition: 2.5 # float position is supported\n",
    "api/plugins/plugin-debug.md": _doc("plugin-debug", 5),
}


def test_sections_take_label_position_and_description(tmp_path: Path, site: Site, run_kbgen: Run) -> None:
    source = _tree(tmp_path, TREE)
    result = adopt(run_kbgen, site, source)
    assert result.exit_code == 0, result.output
    sections = {
        folder: front_matter((site.content / "en" / folder / "index.md").read_bytes())
        for folder in ("tutorial-basics", "api/misc", "api/plugins")
    }
    assert sections["tutorial-basics"] == {
        "title": "Tutorial - Basics",
        "order": 2,
        "summary": "5 minutes to learn the most important Docusaurus concepts.",
    }
    assert sections["api/misc"] == {"title": "Miscellaneous", "order": 4}
    assert sections["api/plugins"] == {"title": "Plugins", "order": 3}  # 2.5: after the second
    lines = summary_lines(result.stdout, source)
    assert (
        "sections named by 3 _category_ files: 3 section index.md files written with the category's label, "
        "position and description" in lines
    )
    assert "left out" not in result.stdout  # read, not reported as files kbgen does not publish
    site.configure(foreign_keys=suggested_foreign_keys(result.stdout))
    build_site(site.config_file, site.site_dir, date.fromisoformat(TODAY), strict=False)
    api = site.read_output("en/api/index.html")
    assert "Miscellaneous" in api and ">Misc<" not in api
    assert api.index(">Plugins<") < api.index(">Miscellaneous<")  # position 2.5 before 4


def test_a_category_file_that_cannot_be_read_is_named_with_its_line(tmp_path: Path, site: Site, run_kbgen: Run) -> None:
    source = _tree(
        tmp_path,
        {
            **TREE,
            "tutorial-basics/_category_.json": '{\n  "label": "Tutorial - Basics",\n  "position": 2,\n}\n',
            "api/misc/_category_.yml": "label: &a Miscellaneous\nposition: *a\n",
            "api/plugins/_category_.yml": "- Plugins\n",
        },
    )
    result = adopt(run_kbgen, site, source)
    assert result.exit_code == 1
    lines = summary_lines(result.stdout, source)
    assert (
        "table of contents problems (TOC.yml, _category_, SUMMARY.md, .gitbook.yaml, mkdocs.yml nav) (3):" in lines
    ), result.stdout
    (json_error,) = [line for line in lines if line.startswith("  SRC/tutorial-basics/_category_.json:4: JSON ")]
    assert json_error.endswith("; its section name is not used")  # Python's own words in between
    assert "  SRC/api/misc/_category_.yml:2: an alias (*name); write the value out. Not used" in lines
    not_a_mapping = "not a mapping (label:, position:); its section name is not used"
    assert f"  SRC/api/plugins/_category_.yml:1: {not_a_mapping}" in lines
    assert not (site.content / "en" / "api" / "misc" / "index.md").exists()  # nothing guessed
    assert (site.content / "en" / "api" / "misc" / "logger.md").is_file()  # and the rest adopted


def test_category_files_nested_thousands_deep_are_named_not_a_crash(tmp_path: Path, site: Site, run_kbgen: Run) -> None:
    """A `label` nested 3,000 lists deep (YAML) or a 200,000-deep JSON array ended adopt in RecursionError, an
    internal error with nothing adopted; a 2,000-deep JSON label overflowed the stack naming its value."""
    source = _tree(
        tmp_path,
        {
            **TREE,
            "api/misc/_category_.yml": "label: " + "[" * 3000 + "]" * 3000 + "\n",
            "tutorial-basics/_category_.json": "[" * 200_000,
            "api/plugins/_category_.json": '{"label": ' + "[" * 900 + "]" * 900 + ', "position": "x"}',
        },
    )
    result = adopt(run_kbgen, site, source)
    assert result.exit_code == 1
    lines = summary_lines(result.stdout, source)
    assert "  SRC/api/misc/_category_.yml:1: lists or mappings nested over 64 deep; flatten them. Not used" in lines
    assert "  SRC/tutorial-basics/_category_.json:1: JSON nested too deep to read; its section name is not used" in (
        lines
    )
    deep_label = "  SRC/api/plugins/_category_.json: 'label' is [[[[[[[...]]]]]]], not text; the folder's name is its "
    deep_label += "title"
    assert deep_label in lines
    assert (site.content / "en" / "api" / "misc" / "logger.md").is_file()
