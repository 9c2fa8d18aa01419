"""kbgen draws the sidebar's entries in Python: every page's sidebar is the one material's own macros draw."""

from __future__ import annotations

import re
from pathlib import Path
from types import SimpleNamespace

import pytest

from kbgen.mkdocs_plugin import nav_html
from kbgen.publishing.site_build import build_site
from tests.support.project import SAMPLE_TODAY, Site, article, copy_sample

_PRIMARY = re.compile(r'<nav class="md-nav md-nav--primary.*?</ul>\s*</nav>\s*</div>', re.S)


def _normalized(markup: str) -> str:
    """Markup as a browser lays it out here: runs of whitespace are one space, and none is kept between tags."""
    markup = re.sub(r"\s+", " ", markup)
    markup = re.sub(r">\s+", ">", markup)
    markup = re.sub(r"\s+<", "<", markup)
    return re.sub(r"\s+>", ">", markup)


def _sidebars(site_dir: Path) -> dict[str, str]:
    found = {}
    for page in sorted(site_dir.rglob("*.html")):
        match = _PRIMARY.search(page.read_text(encoding="utf-8"))
        if match:
            found[page.relative_to(site_dir).as_posix()] = _normalized(match.group())
    return found


def _both_ways(config: Path, into: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[dict[str, str], dict[str, str]]:
    build_site(config, into / "python", SAMPLE_TODAY, strict=False)
    with monkeypatch.context() as patch:
        patch.setattr(nav_html, "draw", lambda *args: None)  # material's macros
        build_site(config, into / "material", SAMPLE_TODAY, strict=False)
    return _sidebars(into / "python"), _sidebars(into / "material")


def test_every_sidebar_of_the_sample_is_the_one_material_draws(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    ours, materials = _both_ways(copy_sample(tmp_path / "project"), tmp_path, monkeypatch)
    assert len(ours) > 50
    assert ours == materials


def _nested(site: Site) -> None:
    site.write("en/billing/index.md", "---\ntitle: Billing\n---\n")
    site.write("en/billing/pay.md", article(title="Pay by card", body="## Steps\n\nOne.\n\n### Detail\n\nTwo.\n"))
    site.write("en/billing/invoices/index.md", "---\ntitle: Invoices\n---\n")
    site.write("en/billing/invoices/read.md", article(title="Read <an> invoice & more"))
    site.write("en/billing/invoices/deep/tax.md", article(title="Add a VAT id", body="# Own title\n\n## A\n\nx\n"))
    site.write("en/account/reset.md", article(title="Reset your password"))
    site.write("tr/account/reset.md", article(title="Şifrenizi sıfırlayın", owner="emre.kaya"))


@pytest.mark.parametrize(
    "features",
    [
        ["navigation.tabs", "navigation.indexes", "navigation.prune"],
        ["navigation.sections", "navigation.indexes"],
        ["navigation.tabs", "navigation.sections", "navigation.expand"],
        ["toc.integrate"],
    ],
)
def test_sidebars_match_material_whatever_the_navigation_features(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, features: list[str]
) -> None:
    site = Site(tmp_path / "project")
    _nested(site)
    text = site.config_file.read_text(encoding="utf-8")
    text = re.sub(r"features:\n(?:\s+- .*\n)+", "features: " + repr(features).replace("'", '"') + "\n", text)
    site.config_file.write_text(text, encoding="utf-8")
    ours, materials = _both_ways(site.config_file, tmp_path, monkeypatch)
    assert "en/billing/invoices/deep/tax/index.html" in ours
    assert ours == materials


def _entry(title: str, url: str, **meta: str) -> SimpleNamespace:
    return SimpleNamespace(title=title, url=url, active=False, children=None, meta=meta, is_index=False)


@pytest.mark.parametrize("meta", [{"icon": "material/star"}, {"subtitle": "New"}, {"status": "new"}])
def test_an_entry_only_material_can_draw_leaves_the_whole_list_to_material(meta: dict[str, str]) -> None:
    plain = SimpleNamespace(items=[_entry("One", "one/"), _entry("Two", "two/")])
    fancy = SimpleNamespace(items=[_entry("One", "one/"), _entry("Two", "two/", **meta)])
    drawn = nav_html.draw(plain, None, ["navigation.prune"], ".")
    assert drawn is not None and 'href="./two/"' in drawn[0] and ">Two</span>" in drawn[0]
    assert nav_html.draw(fancy, None, ["navigation.prune"], ".") is None


def test_sidebars_match_material_with_file_addresses(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # Entries are drawn once per folder and reused; with `use_directory_urls: false` a folder holds many pages.
    site = Site(tmp_path / "project")
    _nested(site)
    for index in range(4):
        site.write(f"en/billing/extra-{index}.md", article(title=f"Extra {index}"))
    text = site.config_file.read_text(encoding="utf-8")
    site.config_file.write_text(text + "use_directory_urls: false\n", encoding="utf-8")
    ours, materials = _both_ways(site.config_file, tmp_path, monkeypatch)
    assert "en/billing/extra-2.html" in ours
    assert ours == materials
