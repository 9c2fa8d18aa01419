"""A two-language help center built for real: every piece of chrome in the page's language, feedback and 404s."""

from __future__ import annotations

import gzip
import json
import re
from html.parser import HTMLParser
from pathlib import Path

import material
import pytest

from kbgen.publishing.security_headers import SITE_POLICY, site_policy
from kbgen.publishing.site_build import build_site
from kbgen.render.i18n import STRINGS
from kbgen.search.folders import PREFIX
from tests.support.project import SAMPLE_TODAY, Site, article

FEEDBACK = "https://feedback.example.com:8443/kb"
OPTIONS = {
    "languages": ["en", "tr"],
    "site_name": {"en": "Acme Help", "tr": "Acme <Yardım> & Destek"},
    "site_description": {"en": "Answers for Acme.", "tr": "Acme için yanıtlar."},
    "contact": [
        {"label": {"en": "Email support", "tr": "E-posta ile destek"}, "url": "mailto:help@acme.example"},
        {"label": {"en": "Forum", "tr": "<b>Forum</b>"}, "url": "https://forum.acme.example/"},
    ],
    "footer_links": [{"label": {"en": "Status", "tr": "Durum"}, "url": "https://status.acme.example/"}],
    "feedback_url": FEEDBACK,
    "primary_color": "#0f6b63",
}


class Texts(HTMLParser):
    """The text inside each element carrying one of the watched classes, and every element's attributes."""

    def __init__(self, classes: tuple[str, ...]) -> None:
        super().__init__(convert_charrefs=True)
        self.classes = classes
        self.found: dict[str, list[str]] = {name: [] for name in classes}
        self.open: list[tuple[str, str | None]] = []
        self.elements: list[tuple[str, dict[str, str | None]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.elements.append((tag, dict(attrs)))
        if tag in ("meta", "link", "input", "img", "br", "hr", "source"):
            return
        names = (dict(attrs).get("class") or "").split()
        watched = next((name for name in self.classes if name in names), None)
        self.open.append((tag, watched))
        if watched:
            self.found[watched].append("")

    def handle_endtag(self, tag: str) -> None:
        while self.open:
            opened, _ = self.open.pop()
            if opened == tag:
                break

    def handle_data(self, data: str) -> None:
        for _, watched in self.open:
            if watched:
                self.found[watched][-1] += data


def texts(html: str, *classes: str) -> Texts:
    parser = Texts(classes)
    parser.feed(html)
    return parser


def words(text: str) -> str:
    return " ".join(text.split())


def write_content(site: Site) -> None:
    for lang, title in (("en", "Billing"), ("tr", "Faturalama")):
        site.write(f"{lang}/index.md", f"---\ntitle: {title} home\nsummary: Start here ({lang}).\n---\n")
        site.write(f"{lang}/billing/index.md", f"---\ntitle: {title}\nicon: material/credit-card-outline\n---\n")
        body = f"Intro.\n\n!!! note\n    Careful {lang}.\n\n## Steps\n\nDo it.\n"
        site.write(f"{lang}/billing/invoices.md", article(f"Invoices {lang}", body=body, extra="tags: [pdf]"))
        site.write(f"{lang}/billing/receipts.md", article(f"Receipts {lang}", extra="tags: [pdf]\npromoted: true"))
    site.write(
        "en/billing/refunds.md", article("Refunds", body="Text.\n\n## Related articles\n\n- [Invoices](invoices.md)\n")
    )


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Site:
    site = Site(tmp_path_factory.mktemp("help-center") / "project")
    site.configure(**OPTIONS)
    write_content(site)
    build_site(site.config_file, None, SAMPLE_TODAY, strict=False)
    return site


PAGES = ("index.html", "billing/index.html", "billing/invoices/index.html", "404.html")


@pytest.mark.parametrize("page", PAGES)
def test_turkish_pages_name_the_site_and_label_everything_in_turkish(built: Site, page: str) -> None:
    html = built.read_output(f"tr/{page}")
    assert '<html lang="tr"' in html
    title = re.search(r"<title>(.*?)</title>", html, re.S)
    assert title and title.group(1).strip().endswith("Acme &lt;Yardım&gt; &amp; Destek")  # escaped, Turkish
    found = texts(html, "md-header__topic", "kb-footer", "kb-search", "md-tabs")
    assert words(found.found["md-header__topic"][0]) == "Acme <Yardım> & Destek"
    footer = words(" ".join(found.found["kb-footer"]))
    assert (
        footer == "Acme <Yardım> & Destek Acme için yanıtlar. Bize ulaşın E-posta ile destek <b>Forum</b> "
        "Faydalı bağlantılar Durum"
    )
    assert "<b>Forum</b>" not in html  # the label is text, never markup
    placeholders = [attrs["placeholder"] for tag, attrs in found.elements if "placeholder" in attrs]
    assert placeholders and set(placeholders) == {STRINGS["tr"]["search_placeholder"]}
    english = {"Acme Help", "Answers for Acme.", "Email support", "Status", "Home", "Contact us", "Useful links"}
    visible = " ".join(" ".join(v) for v in found.found.values())
    assert [text for text in english if text in visible] == []


def test_the_search_script_gets_the_pages_contact_labels(built: Site) -> None:
    html = built.read_output("tr/billing/index.html")
    data = json.loads(
        re.search(r'<script type="application/json" class="kb-search__text">(.*?)</script>', html).group(1)
    )
    assert data["contact"] == [
        {"label": "E-posta ile destek", "url": "mailto:help@acme.example"},
        {"label": "<b>Forum</b>", "url": "https://forum.acme.example/"},
    ]
    assert data["search_contact"] == STRINGS["tr"]["search_contact"]


def test_the_root_is_a_chooser_named_for_the_site_and_no_tab_says_home(built: Site) -> None:
    html = built.read_output("index.html")
    assert re.search(r"<h1[^>]*>Acme Help</h1>", html)
    found = texts(html, "kb-card__title", "md-tabs__link", "kb-root__choose")
    assert [words(t) for t in found.found["kb-card__title"]] == ["English", "Türkçe"]
    assert [words(t) for t in found.found["md-tabs__link"]] == ["English", "Türkçe"]
    assert words(found.found["kb-root__choose"][0]) == "Choose your language · Dilinizi seçin"
    cards = [attrs for tag, attrs in found.elements if tag == "a" and attrs.get("hreflang")]
    assert [(a["href"], a["lang"]) for a in cards] == [("en/", "en"), ("tr/", "tr")]
    assert '<script src="assets/kb-language.js" defer></script>' in html


def test_the_language_home_leads_with_search_then_cards_featured_recent_contact(built: Site) -> None:
    html = built.read_output("tr/index.html")
    order = [
        html.index(marker)
        for marker in ('class="kb-hero"', 'class="kb-cards"', "kb-featured", "kb-recent", "kb-contact--card")
    ]
    assert order == sorted(order)
    found = texts(html, "kb-hero__title", "kb-featured", "kb-contact--card", "kb-card__icon")
    assert words(found.found["kb-hero__title"][0]) == STRINGS["tr"]["hero_title"]
    assert words(found.found["kb-featured"][0]) == "Öne çıkan makaleler Receipts tr"
    assert words(found.found["kb-contact--card"][0]) == (
        "Aradığınızı bulamadınız mı? Destek ekibimiz size yardımcı olmaktan memnuniyet duyar. "
        "E-posta ile destek <b>Forum</b>"
    )
    assert "<svg" in html.split('class="kb-card__icon"', 1)[1].split("</span>", 1)[0]


def test_the_section_icon_is_on_its_card_not_in_the_sidebar(built: Site) -> None:
    icon = (Path(material.__file__).parent / "templates/.icons/material/credit-card-outline.svg").read_text()
    path = re.search(r' d="([^"]+)"', icon)
    assert path
    assert path.group(1) in built.read_output("tr/index.html")
    html = built.read_output("tr/billing/invoices/index.html")
    sidebar = html.split('data-md-type="navigation"', 1)[1].split('data-md-type="toc"', 1)[0]
    assert "Faturalama" in sidebar and path.group(1) not in sidebar


def test_an_untitled_note_is_titled_in_turkish_and_search_skips_the_label(built: Site) -> None:
    html = built.read_output("tr/billing/invoices/index.html")
    assert '<p class="admonition-title kb-admonition-label">Not</p>' in html
    found = (built.site_dir / PREFIX).glob("immutable/tr/d/*.kbs")
    shards = [json.loads(gzip.decompress(p.read_bytes())) for p in found]
    dumped = json.dumps(shards, ensure_ascii=False)
    assert "Careful tr" in dumped and "Not Careful" not in dumped


def test_an_article_ends_with_feedback_related_articles_and_contact(built: Site) -> None:
    html = built.read_output("tr/billing/invoices/index.html")
    order = [html.index(marker) for marker in ("data-kb-feedback", 'class="kb-related"', "kb-contact--article")]
    assert order == sorted(order)
    feedback = re.search(r'<section class="kb-feedback"([^>]*)>', html)
    assert feedback and f'data-kb-endpoint="{FEEDBACK}"' in feedback.group(1)
    assert 'data-kb-url="tr/billing/invoices/"' in feedback.group(1) and 'data-kb-lang="tr"' in feedback.group(1)
    assert " hidden" in feedback.group(1)  # shown by kb-feedback.js; without scripts it could not post
    found = texts(html, "kb-related", "kb-feedback")
    assert words(found.found["kb-related"][0]) == "İlgili makaleler Receipts tr"
    assert words(found.found["kb-feedback"][0]).startswith("Bu makale yardımcı oldu mu? Evet Hayır")


def test_a_hand_written_related_section_gets_no_second_one(built: Site) -> None:
    assert 'class="kb-related"' not in built.read_output("en/billing/refunds/index.html")
    assert 'class="kb-related"' in built.read_output("en/billing/receipts/index.html")


@pytest.mark.parametrize(
    "page", ("index.html", "tr/index.html", "tr/billing/invoices/index.html", "404.html", "tr/404.html")
)
def test_every_page_lets_scripts_post_to_the_feedback_origin_and_nowhere_else(built: Site, page: str) -> None:
    html = built.read_output(page)
    (policy,) = re.findall(r'http-equiv="Content-Security-Policy" content="([^"]*)"', html)
    assert policy == site_policy(FEEDBACK) != SITE_POLICY
    assert "connect-src 'self' https://feedback.example.com:8443;" in policy


def test_without_a_feedback_url_there_is_no_widget_and_the_policy_is_the_sites(tmp_path: Path) -> None:
    site = Site(tmp_path / "project")
    site.configure(**{key: value for key, value in OPTIONS.items() if key != "feedback_url"})
    write_content(site)
    build_site(site.config_file, None, SAMPLE_TODAY, strict=False)
    html = site.read_output("tr/billing/invoices/index.html")
    assert "data-kb-feedback" not in html and "kb-feedback.js" not in html
    assert re.findall(r'http-equiv="Content-Security-Policy" content="([^"]*)"', html) == [SITE_POLICY]
    assert 'class="kb-related"' in html  # the rest of the article end stays


def test_each_language_has_its_own_404_page_with_search_home_and_contact(built: Site) -> None:
    html = built.read_output("tr/404.html")
    assert '<html lang="tr"' in html
    found = texts(html, "kb-not-found")
    text = words(found.found["kb-not-found"][0])
    assert text.startswith(f"{STRINGS['tr']['not_found_title']} {STRINGS['tr']['not_found_text']}")
    assert STRINGS["tr"]["not_found_home"] in text and "E-posta ile destek" in text
    assert 'class="kb-search kb-search--hero"' in html
    # absolute links, as MkDocs writes its own 404: a host may serve the page for an address in any folder
    assert 'href="/assets/kbgen.css"' in html and 'href="/tr/"' in html


def test_the_site_wide_404_speaks_every_language_and_hands_over_to_the_script(built: Site) -> None:
    html = built.read_output("404.html")
    sections = re.findall(r'<section class="kb-not-found__language" lang="(\w+)">', html)
    assert sections == ["en", "tr"]
    for lang in sections:
        assert STRINGS[lang]["not_found_title"] in html and STRINGS[lang]["not_found_home"] in html
    assert 'data-kb-languages="en tr"' in html and 'data-kb-base="/"' in html
    assert '<script src="/assets/kb-language.js" defer></script>' in html


def test_brand_colours_are_a_stylesheet_every_page_links(built: Site) -> None:
    css = (built.site_dir / "assets/kb-brand.css").read_text(encoding="utf-8")
    assert "--md-primary-fg-color: #0f6b63;" in css
    for page in ("index.html", "tr/billing/invoices/index.html", "tr/404.html", "404.html"):
        assert "assets/kb-brand.css" in built.read_output(page)


def test_kbgen_serve_sends_the_policy_of_the_site_it_shows(tmp_path: Path) -> None:
    from kbgen.publishing.serve import Preview

    site = Site(tmp_path / "project")
    site.configure(**OPTIONS)
    write_content(site)
    preview = Preview(site.config_file, SAMPLE_TODAY, [site.content])
    try:
        assert dict(preview.headers)["Content-Security-Policy"] == SITE_POLICY + "; frame-ancestors 'none'"
        preview.rebuild()
        assert preview.shown is not None
        assert dict(preview.headers)["Content-Security-Policy"] == site_policy(FEEDBACK) + "; frame-ancestors 'none'"
    finally:
        preview.stop()
