"""Untitled admonitions are titled in the page's language; search leaves those labels out."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import markdown
import material
import pytest

from kbgen.publishing.site_build import build_site
from kbgen.render.admonitions import localize_admonitions
from kbgen.search.text import html_to_text
from tests.support.project import REPO, SAMPLE_TODAY, Site, article

EXTENSIONS = ["admonition", "github-callouts", "pymdownx.details", "pymdownx.superfences"]


def render(source: str, lang: str) -> str:
    return localize_admonitions(markdown.markdown(source, extensions=EXTENSIONS), lang)


@pytest.mark.parametrize(
    ("lang", "kind", "label"),
    [("tr", "note", "Not"), ("ro", "warning", "Avertisment"), ("zh", "tip", "提示"), ("en", "tldr", "TL;DR")],
)
def test_an_untitled_box_is_titled_in_the_page_language(lang: str, kind: str, label: str) -> None:
    html = render(f"!!! {kind}\n    Body text.\n", lang)
    assert f'<p class="admonition-title kb-admonition-label">{label}</p>' in html
    assert html_to_text(html) == "Body text."  # the label is not indexed nor shown in snippets


def test_a_collapsible_box_and_extra_classes_are_titled_too() -> None:
    html = render("??? warning\n    Z\n\n???+ faq\n    Q\n\n!!! tip inline end\n    Y\n", "tr")
    assert '<summary class="kb-admonition-label">Uyarı</summary>' in html
    assert '<summary class="kb-admonition-label">SSS</summary>' in html
    assert '<p class="admonition-title kb-admonition-label">İpucu</p>' in html
    assert html_to_text(html) == "Z Q Y"


def test_a_title_the_writer_wrote_stays_and_is_searchable() -> None:
    html = render('!!! note "Yedek alın"\n    Önce.\n\n!!! note ""\n    Başlıksız.\n', "tr")
    assert '<p class="admonition-title">Yedek alın</p>' in html
    assert "kb-admonition-label" not in html
    assert html_to_text(html) == "Yedek alın Önce. Başlıksız."


def test_a_type_the_catalogue_does_not_know_keeps_its_title() -> None:
    html = render("!!! custom\n    C\n", "tr")
    assert '<p class="admonition-title">Custom</p>' in html


def test_markup_that_only_looks_like_an_admonition_in_code_is_left_alone() -> None:
    source = '```html\n<div class="admonition note">\n<p class="admonition-title">Note</p>\n```\n'
    html = render(source, "tr")
    assert "Not<" not in html and "Note" in html


def test_github_and_docfx_alerts_are_boxes_titled_in_the_page_language() -> None:
    """`> [!NOTE]` (GitHub) and `>[!IMPORTANT]` (DocFX, no space) are the alerts of most public docs trees: a
    box like `!!! note`, not a quote that starts with "[!NOTE]"."""
    source = "> [!NOTE]\n> Önce yedek alın.\n\n>[!IMPORTANT]\n>Dikkat edin.\n\n"
    source += "1. Adım.\n\n    > [!TIP]\n    > İç içe.\n"
    html = render(source, "tr")
    assert '<div class="admonition note">\n<p class="admonition-title kb-admonition-label">Not</p>' in html
    assert '<p class="admonition-title kb-admonition-label">Önemli</p>' in html
    assert '<p class="admonition-title kb-admonition-label">İpucu</p>' in html
    assert "[!" not in html and "<blockquote>" not in html
    assert html_to_text(html) == "Önce yedek alın. Dikkat edin. Adım. İç içe."


def test_a_project_without_the_alert_extension_is_told_how_to_show_alerts(tmp_path: Path) -> None:
    """A project made before `kbgen init` listed github-callouts shows `> [!NOTE]` as a quote: the build says which
    article writes one and what to add to mkdocs.yml, and says nothing once it is there."""
    site = Site(tmp_path)
    site.write("en/account/reset.md", article(body="> [!NOTE]\n> Back up first.\n"))
    site.write("en/account/other.md", article(title="Other", body="> A plain quote.\n"))
    text = site.config_file.read_text(encoding="utf-8")
    assert "- github-callouts\n" in text
    site.config_file.write_text(text.replace("- github-callouts\n", ""), encoding="utf-8")
    notes = build_site(site.config_file, None, SAMPLE_TODAY, strict=False).notes
    assert [note for note in notes if "[!NOTE]" in note] == [
        "content/en/account/reset.md writes alerts such as '> [!NOTE]', which show as quotes: add '- github-callouts' "
        "to markdown_extensions in mkdocs.yml to show them as notes (pip package markdown-callouts, installed with "
        "kbgen)"
    ]
    site.configure()  # with the extension, as kbgen init writes it
    result = build_site(site.config_file, None, SAMPLE_TODAY, strict=False)
    assert not [note for note in result.notes if "[!NOTE]" in note]
    page = (result.site_dir / "en/account/reset/index.html").read_text(encoding="utf-8")
    assert '<div class="admonition note">' in page


KINDS = ("NOTE", "TIP", "IMPORTANT", "WARNING", "CAUTION")
ALERTS = "".join(f"> [!{kind}]\n> {kind.lower()} body.\n\n" for kind in KINDS)
# each alert's box type and its label on a Turkish page, as GitHub and Microsoft Learn name them
SHOWN_TR = [("note", "Not"), ("tip", "İpucu"), ("important", "Önemli"), ("warning", "Uyarı"), ("danger", "Dikkat")]


_LABELLED_BOX = re.compile(
    r'<div class="admonition (\w+)">\s*<p class="admonition-title kb-admonition-label">([^<]*)</p>'
)


def _boxes(html: str) -> list[tuple[str, str]]:
    return [(kind, label) for kind, label in _LABELLED_BOX.findall(html)]


def test_each_of_the_five_alerts_is_its_own_styled_box_with_its_label() -> None:
    """IMPORTANT was a box material does not style (so it looked like a note) and CAUTION kept the English
    "Caution" on every page: each of the five is a box some stylesheet gives its own look, titled in the page's
    language."""
    html = render(ALERTS, "tr")
    assert _boxes(html) == SHOWN_TR
    assert html_to_text(html) == "note body. tip body. important body. warning body. caution body."
    material_css = next(Path(material.__file__).parent.glob("templates/assets/stylesheets/main.*.min.css"))
    styles = material_css.read_text(encoding="utf-8") + (REPO / "theme/assets/kbgen.css").read_text(encoding="utf-8")
    styled = set(re.findall(r"\.md-typeset \.admonition\.([a-z]+)", styles))
    assert [kind for kind, _ in SHOWN_TR if kind not in styled] == []


def test_a_danger_box_the_writer_titled_otherwise_keeps_its_title() -> None:
    html = render('!!! danger "Caution: hot"\n    A.\n\n!!! danger\n    B.\n', "tr")
    assert '<p class="admonition-title">Caution: hot</p>' in html
    assert '<p class="admonition-title kb-admonition-label">Tehlike</p>' in html


@pytest.mark.browser
def test_the_five_alerts_differ_in_colour_and_icon_on_the_built_page(
    tmp_path: Path, serve: Callable[[Path], str], page: Any
) -> None:
    site = Site(tmp_path)
    site.write("tr/hesap/uyarilar.md", article(title="Uyarılar", body=ALERTS))
    site_dir = build_site(site.config_file, None, SAMPLE_TODAY, strict=False).site_dir
    assert _boxes((site_dir / "tr/hesap/uyarilar/index.html").read_text(encoding="utf-8")) == SHOWN_TR
    page.goto(serve(site_dir) + "tr/hesap/uyarilar/")
    looks = page.eval_on_selector_all(
        ".md-content div.admonition",
        """boxes => boxes.map(box => {
            const icon = getComputedStyle(box.querySelector('.admonition-title'), '::before');
            return [box.className, getComputedStyle(box).borderLeftColor, icon.backgroundColor,
                    icon.maskImage || icon.webkitMaskImage];
        })""",
    )
    assert [look[0] for look in looks] == [f"admonition {kind}" for kind, _ in SHOWN_TR]
    assert len({look[1] for look in looks}) == 5 and len({look[3] for look in looks}) == 5
    important = looks[2]
    assert important[1] == important[2] == "rgb(130, 80, 223)" and important[3].startswith('url("data:image/svg+xml')
