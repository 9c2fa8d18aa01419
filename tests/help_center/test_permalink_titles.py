"""A heading's permalink tooltip is in the page's language, not English on every page."""

from __future__ import annotations

import re

import markdown
import pytest

from kbgen.publishing.site_build import build_site
from kbgen.render.i18n import STRINGS
from kbgen.render.permalinks import localize_permalinks
from tests.support.project import SAMPLE_TODAY, Site, article


def rendered(lang: str, **toc: object) -> str:
    html = markdown.markdown("## Faturalar\n\nMetin.\n", extensions=["toc"], extension_configs={"toc": toc})
    return localize_permalinks(html, lang)


@pytest.mark.parametrize(
    ("lang", "title"),
    [("en", "Permanent link"), ("tr", "Kalıcı bağlantı"), ("ro", "Link permanent"), ("zh", "永久链接")],
)
def test_the_permalink_tooltip_is_in_the_page_language(lang: str, title: str) -> None:
    html = rendered(lang, permalink=True)
    assert f'<a class="headerlink" href="#faturalar" title="{title}">&para;</a>' in html


def test_every_language_kbgen_ships_has_its_own_tooltip() -> None:
    titles = {lang: table.get("permalink_title") for lang, table in STRINGS.items()}
    assert all(titles.values()) and len(set(titles.values())) == len(titles)


def test_a_tooltip_the_site_chose_in_mkdocs_yml_is_kept() -> None:
    assert 'title="Link to this part"' in rendered("tr", permalink=True, permalink_title="Link to this part")


def test_built_pages_carry_the_tooltip_of_their_language(site: Site) -> None:
    site.write("en/billing/invoices.md", article(title="Invoices", body="## Download\n\nText.\n"))
    site.write("tr/billing/invoices.md", article(title="Faturalar", body="## İndirme\n\nMetin.\n"))
    site_dir = build_site(site.config_file, None, SAMPLE_TODAY, strict=False).site_dir
    titles = {
        lang: re.findall(r'class="headerlink" href="[^"]*" title="([^"]*)"', page.read_text(encoding="utf-8"))
        for lang, page in (("en", site_dir / "en/billing/invoices/index.html"),
                           ("tr", site_dir / "tr/billing/invoices/index.html"))
    }  # fmt: skip
    assert titles == {"en": ["Permanent link"], "tr": ["Kalıcı bağlantı"]}
