"""The plugin brings kbgen's theme itself: a project with only content/ and `theme: {name: material}` gets the
kbgen site, a user's own custom_dir still overrides it, and the repository's `custom_dir: theme` is not added twice."""

from __future__ import annotations

from pathlib import Path

import pytest
from mkdocs.config import load_config
from mkdocs.config.defaults import MkDocsConfig

from kbgen.mkdocs_plugin.theme import theme_dir, use_kbgen_theme
from kbgen.publishing.site_build import BuildError, build_site
from tests.support.project import REPO, SAMPLE_TODAY, article

MATERIAL_TEMPLATES = Path(__import__("material").__file__).parent / "templates"


def _project(root: Path, theme: str) -> Path:
    (root / "content" / "en" / "account").mkdir(parents=True)
    (root / "content" / "en" / "account" / "reset.md").write_text(article(), encoding="utf-8")
    config = root / "mkdocs.yml"
    config.write_text(f"site_name: Help\ndocs_dir: content\ntheme: {theme}\nplugins: [kbgen]\n", encoding="utf-8")
    return config


def _loaded(config_file: Path) -> MkDocsConfig:
    config = load_config(str(config_file))
    use_kbgen_theme(config)
    use_kbgen_theme(config)  # `mkdocs serve` runs on_config again on the same config
    return config


def test_theme_dir_holds_kbgens_templates() -> None:
    found = theme_dir()
    assert {"main.html", "kb_home.html", "kb_category.html"} <= {p.name for p in found.iterdir()}
    assert (found / "assets" / "search" / "kb-search.js").is_file()


def test_without_custom_dir_kbgen_comes_before_material(tmp_path: Path) -> None:
    dirs = [Path(d).resolve() for d in _loaded(_project(tmp_path, "{name: material}")).theme.dirs]
    assert dirs[:2] == [theme_dir().resolve(), MATERIAL_TEMPLATES.resolve()]


def test_a_users_custom_dir_stays_first(tmp_path: Path) -> None:
    (tmp_path / "overrides").mkdir()
    dirs = [
        Path(d).resolve() for d in _loaded(_project(tmp_path, "{name: material, custom_dir: overrides}")).theme.dirs
    ]
    assert dirs[:3] == [(tmp_path / "overrides").resolve(), theme_dir().resolve(), MATERIAL_TEMPLATES.resolve()]


def test_the_repositorys_custom_dir_theme_is_not_added_twice() -> None:
    dirs = [Path(d).resolve() for d in _loaded(REPO / "mkdocs.yml").theme.dirs]
    assert dirs.count((REPO / "theme").resolve()) == 1
    assert dirs.count(theme_dir().resolve()) == 1


@pytest.mark.parametrize("theme", ["{name: material}", "{name: material, font: {text: Roboto}}"])
def test_no_google_fonts_because_the_csp_would_block_them(tmp_path: Path, theme: str) -> None:
    assert _loaded(_project(tmp_path, theme)).theme["font"] is False


def test_another_theme_is_left_alone(tmp_path: Path) -> None:
    config = load_config(str(_project(tmp_path, "{name: mkdocs}")))
    before = list(config.theme.dirs)
    use_kbgen_theme(config)
    assert config.theme.dirs == before


def test_minimal_project_builds_the_kbgen_site_and_a_user_override_wins(tmp_path: Path) -> None:
    config = _project(tmp_path, "{name: material, custom_dir: overrides}")
    override = tmp_path / "overrides" / "partials" / "kb-article-meta.html"
    override.parent.mkdir(parents=True)
    override.write_text('<p class="my-meta">reviewed {{ kb.reviewed | e }}</p>\n', encoding="utf-8")
    site = build_site(config, None, SAMPLE_TODAY, strict=True).site_dir
    page = (site / "en" / "account" / "reset" / "index.html").read_text(encoding="utf-8")
    assert '<p class="my-meta">' in page and 'class="kb-meta"' not in page  # the user's partial, not kbgen's
    assert 'class="kb-home' in (site / "en" / "index.html").read_text(encoding="utf-8")
    assert 'class="kb-category' in (site / "en" / "account" / "index.html").read_text(encoding="utf-8")
    assert (site / "assets" / "search" / "kb-search.js").is_file() and (site / "kb-search" / "index.json").is_file()
    assert "fonts.googleapis" not in page
    assert sorted(p.name for p in tmp_path.iterdir() if not p.name.startswith(".")) == [
        "content", "mkdocs.yml", "overrides", "site"]  # fmt: skip


def test_a_syntax_error_in_a_users_override_names_its_file_and_line(tmp_path: Path) -> None:
    """Editing an override while `kbgen serve` runs: a typo in a template was "error KB900: internal error:
    TemplateSyntaxError: ..." with no file, where every other mistake in a project names file:line."""
    config = _project(tmp_path, "{name: material, custom_dir: overrides}")
    override = tmp_path / "overrides" / "partials" / "kb-footer.html"
    override.parent.mkdir(parents=True)
    override.write_text("<footer>\n{% if %}\n</footer>\n", encoding="utf-8")
    with pytest.raises(BuildError) as raised:
        build_site(config, None, SAMPLE_TODAY, strict=False)
    assert str(raised.value).startswith("overrides/partials/kb-footer.html:2: template syntax error: ")
    assert "internal error" not in str(raised.value) and not (tmp_path / "site").exists()
