"""`kbgen adopt` on the `docs/` folder of a MkDocs site: the `nav` in the `mkdocs.yml` beside it orders the pages
and names the sections, as the site showed them; the file is composed, never constructed, so its tags run nothing.

The pages follow squidfunk/mkdocs-material's own docs (MIT License): docs/setup/changing-the-fonts.md,
docs/setup/changing-the-colors.md and docs/setup/index.md, trimmed; its mkdocs.yml's nav, cut to them.
"""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

from kbgen.publishing.site_build import build_site
from tests.adopt.conftest import TODAY, Run, front_matter
from tests.adopt.test_adopt_includes import summary_lines

MKDOCS_YML = """\
site_name: Material for MkDocs
repo_url: https://github.com/squidfunk/mkdocs-material
theme:
  name: material
markdown_extensions:
  - pymdownx.emoji:
      emoji_index: !!python/name:material.extensions.emoji.twemoji
      emoji_generator: !!python/name:os.system
extra:
  analytics: !ENV GOOGLE_ANALYTICS_KEY
nav:
  - Home: index.md
  - Setup:
    - setup/index.md
    - Changing the fonts: setup/changing-the-fonts.md
    - Changing the colors: setup/changing-the-colors.md
    - Changing the logo: setup/changing-the-logo.md
  - Reference:
    - Admonitions: reference/admonitions.md
    - Buttons: reference/buttons.md
  - Blog: https://squidfunk.github.io/mkdocs-material/blog/
"""

PAGES = {
    "index.md": "# Material for MkDocs\n\nDocumentation that simply works.\n",
    "setup/index.md": "# Setup\n\nMaterial for MkDocs offers many customization options.\n",
    "setup/changing-the-fonts.md": "# Changing the fonts\n\nMaterial makes it easy to change the typeface.\n",
    "setup/changing-the-colors.md": "# Changing the colors\n\nAs any proper Material Design implementation.\n",
    "reference/buttons.md": "# Buttons\n\nMaterial for MkDocs provides dedicated styles for primary buttons.\n",
    "reference/admonitions.md": "# Admonitions\n\nAdmonitions, also known as call-outs.\n",
}


def _project(tmp_path: Path, config: str = MKDOCS_YML) -> Path:
    old_site = tmp_path / "material-site"
    for rel, text in PAGES.items():
        (old_site / "docs" / rel).parent.mkdir(parents=True, exist_ok=True)
        (old_site / "docs" / rel).write_text(text, encoding="utf-8")
    (old_site / "mkdocs.yml").write_text(config, encoding="utf-8")
    return old_site / "docs"


def _nav(page: str) -> list[str]:
    nav = page[page.index("md-nav--primary") :]
    return re.findall(r"md-nav__link[^>]*>\s*(?:<[^>]+>\s*)*([^<\n]+?)\s*<", nav)


def test_a_mkdocs_site_keeps_its_nav_order_and_section_names(tmp_path: Path, run_kbgen: Run) -> None:
    assert run_kbgen("init", "help", "--owner", "docs", "--today", TODAY, cwd=tmp_path).exit_code == 0
    project = tmp_path / "help"
    (project / "content" / "en" / "index.md").unlink()  # the site's own home replaces the starter one
    docs = _project(tmp_path)
    result = run_kbgen("adopt", str(docs), "--lang", "en", "--today", TODAY, "--owner", "docs", cwd=project)
    lines = summary_lines(result.stdout, docs.parent)
    assert "MkDocs: the nav of SRC/mkdocs.yml read (10 entries): pages placed in its order, 2 sections named" in lines
    assert "  SRC/mkdocs.yml:17: 'Changing the logo' names setup/changing-the-logo.md, which is not in the tree; " \
        "not placed" in lines  # fmt: skip
    assert not (tmp_path / "pwned").exists()
    content = project / "content" / "en"
    orders = {rel: front_matter((content / rel).read_bytes()).get("order") for rel in PAGES if rel != "index.md"}
    assert orders == {
        "setup/index.md": 1,  # the folder's place among the top's: first
        "setup/changing-the-fonts.md": 1,
        "setup/changing-the-colors.md": 2,
        "reference/admonitions.md": 1,
        "reference/buttons.md": 2,
    }
    reference = front_matter((content / "reference" / "index.md").read_bytes())
    assert reference == {"title": "Reference", "order": 2}

    site_dir = project / "site"
    build_site(project / "mkdocs.yml", site_dir, date.fromisoformat(TODAY), strict=False)
    shown = _nav((site_dir / "en" / "setup" / "index.html").read_text(encoding="utf-8"))
    assert shown.index("Changing the fonts") < shown.index("Changing the colors")  # as the nav, not alphabetical
    assert shown.index("Setup") < shown.index("Reference")


def test_a_nav_is_read_only_beside_the_folder_it_is_the_docs_dir_of(tmp_path: Path, run_kbgen: Run) -> None:
    assert run_kbgen("init", "help", "--owner", "docs", "--today", TODAY, cwd=tmp_path).exit_code == 0
    project = tmp_path / "help"
    docs = _project(tmp_path, MKDOCS_YML.replace("site_name:", "docs_dir: documentation\nsite_name:"))
    result = run_kbgen("adopt", str(docs), "--lang", "en", "--today", TODAY, "--owner", "docs", cwd=project)
    assert "MkDocs:" not in result.stdout
    assert "order" not in front_matter((project / "content/en/reference/buttons.md").read_bytes())


def test_an_alias_bomb_in_mkdocs_yml_is_named_not_expanded(tmp_path: Path, run_kbgen: Run) -> None:
    bomb = "a: &a [x, x, x, x, x, x, x, x, x]\n" + "".join(
        f"{chr(98 + n)}: &{chr(98 + n)} [*{chr(97 + n)}, *{chr(97 + n)}, *{chr(97 + n)}, *{chr(97 + n)}, "
        f"*{chr(97 + n)}, *{chr(97 + n)}, *{chr(97 + n)}, *{chr(97 + n)}, *{chr(97 + n)}]\n"
        for n in range(8)
    )
    assert run_kbgen("init", "help", "--owner", "docs", "--today", TODAY, cwd=tmp_path).exit_code == 0
    project = tmp_path / "help"
    docs = _project(tmp_path, bomb + MKDOCS_YML)
    result = run_kbgen("adopt", str(docs), "--lang", "en", "--today", TODAY, "--owner", "docs", cwd=project)
    lines = summary_lines(result.stdout, docs.parent)
    assert "  SRC/mkdocs.yml: nested deeper than 64 levels or over 100,000 nodes; its nav is not read" in lines
    assert (project / "content/en/reference/buttons.md").exists()


def test_a_mkdocs_yml_nested_thousands_deep_is_named_not_a_traceback(tmp_path: Path, run_kbgen: Run) -> None:
    # `nav: [[[…]]]` 5,000 deep: PyYAML's composer raised RecursionError before the depth was measured
    assert run_kbgen("init", "help", "--owner", "docs", "--today", TODAY, cwd=tmp_path).exit_code == 0
    project = tmp_path / "help"
    docs = _project(tmp_path, MKDOCS_YML.replace("nav:", "deep: " + "[" * 5000 + "x" + "]" * 5000 + "\nnav:"))
    result = run_kbgen("adopt", str(docs), "--lang", "en", "--today", TODAY, "--owner", "docs", cwd=project)
    assert result.exception is None or isinstance(result.exception, SystemExit)
    lines = summary_lines(result.stdout, docs.parent)
    assert "  SRC/mkdocs.yml: nested deeper than 64 levels; its nav is not read" in lines
    assert (project / "content/en/reference/buttons.md").exists()
