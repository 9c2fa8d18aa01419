"""What the theme folder publishes: the styles, scripts, images and fonts a page loads, never notes or reports."""

from __future__ import annotations

import pytest

from kbgen.links.theme_files import is_theme_asset
from tests.support.project import Site, article

STRAYS = ["notes.yaml", "main.html.bak", "kbgen-report.json", "partials/todo.txt", "assets/draft.md~", "LICENSE"]
ASSETS = ["assets/brand.css", "assets/extra.js", "assets/logo.PNG", "assets/fonts/brand.woff2", "assets/icon.svg"]


def test_only_assets_of_the_theme_folder_are_published_and_each_stray_is_named(site: Site, run_kbgen) -> None:
    """`theme/notes.yaml`, `theme/main.html.bak` or a report written into the theme were copied into site/ and
    listed in its manifest: anyone could download them. They stay out, each named in a warning; assets still go."""
    site.write("en/account/alpha.md", article(title="Alpha article"))
    for name in [*STRAYS, *ASSETS]:
        path = site.root / "theme" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("x\n", encoding="utf-8")
    result = run_kbgen("build", "--today", "2026-11-22", cwd=site.root)
    assert result.exit_code == 0, result.output
    manifest = (site.site_dir / "kbgen-manifest.txt").read_text(encoding="utf-8")
    listed = {line.split("  ", 1)[1] for line in manifest.splitlines()}
    for name in STRAYS:
        assert not (site.site_dir / name).exists() and name not in listed, name
        warning = f"warning: theme/{name} is in the theme folder but is not a stylesheet, script, image or font"
        assert f"{warning}, so it is not published; move it out of the theme folder" in result.stderr
    for name in ASSETS:
        assert (site.site_dir / name).is_file() and name in listed, name
        assert f"theme/{name}" not in result.stderr


@pytest.mark.parametrize(
    ("name", "asset"),
    [("a/b.css", True), ("bundle.min.js.map", True), ("LOGO.SVG", True), ("x.yml", False), ("x", False)],
)
def test_a_theme_file_is_an_asset_by_its_suffix(name: str, asset: bool) -> None:
    assert is_theme_asset(name) is asset
