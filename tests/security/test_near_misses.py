"""S5 on near misses: the canary site holds exactly what its public articles need, and every refusal is a finding.

The canary corpus carries, beside its hostile articles: categories whose articles are all internal, draft,
archived or a mix (one with no index.md), an empty category, a language with only an internal article, files
linked only by internal or draft articles (Markdown, raw HTML and reference-style links), files linked only in
code or in an HTML comment, a file nobody links, Markdown under other extensions (`.MD`, `.Md`, `.markdown`, ...),
backups, hidden files and folders, types a browser would run, and SVGs that would run script or load from
elsewhere.
"""

from __future__ import annotations

import re

from kbgen.publishing.manifest import MANIFEST_NAME, verify_manifest
from tests.support.canary import BUILD_FILES, PUBLIC_FILES, PUBLIC_PAGES, Canary
from tests.support.site_audit import output_files, parse

HIDDEN_FOLDERS = ("internal-cat", "draft-cat", "archived-cat", "mixed-cat", "empty-cat", "canary-cat-slug-a16", "de")
# A URL or path into one of those folders, as a nav entry, card, sitemap <loc>, search entry or manifest line names it.
HIDDEN_URL = re.compile(rb"(?:^|[/\"'>\s])(" + "|".join(HIDDEN_FOLDERS).encode() + rb")/(?:index\.html)?", re.M)
ACTIVE_SVGS = (
    "animate-href", "entity", "fill-url-external", "foreignobject", "handler", "iframe", "image-external", "js-href",
    "js-xlink-href", "malformed", "onclick-upper", "onload", "prefixed-script", "script", "script-cdata",
    "set-xlink-href", "style-attr-url", "style-import", "stylesheet-pi", "use-data", "use-external", "xhtml-script",
)  # fmt: skip


def test_the_site_holds_exactly_the_files_its_public_articles_need(canary: Canary) -> None:
    files = set(output_files(canary.site_dir))
    content = {f for f in files if not f.startswith(("assets/", "kb-search/"))}
    assert content == {*PUBLIC_PAGES, *PUBLIC_FILES, *BUILD_FILES}
    assert sorted({f.split("/")[1] for f in files if f.startswith("kb-search/")}) == [
        "en",
        "immutable",
        "index.json",
        "lunr",
    ]


def test_no_page_sitemap_search_entry_or_manifest_line_names_a_hidden_category_or_language(canary: Canary) -> None:
    found = {rel: HIDDEN_URL.findall(data) for rel, data in output_files(canary.site_dir).items()}
    assert {rel: hits for rel, hits in found.items() if hits} == {}


def test_the_home_page_shows_one_card_per_category_with_a_public_article(canary: Canary) -> None:
    home = parse(canary.site_dir.joinpath("en/index.html").read_text(encoding="utf-8"))
    cards = [e.attrs["href"] for e in home.elements if e.tag == "a" and e.attrs.get("class") == "kb-card__link"]
    assert cards == ["canary/"]
    root = parse(canary.site_dir.joinpath("index.html").read_text(encoding="utf-8"))
    languages = [e.attrs["href"] for e in root.elements if e.tag == "a" and e.attrs.get("class") == "kb-card__link"]
    assert languages == ["en/"]


def test_the_manifest_lists_exactly_the_files_on_disk(canary: Canary) -> None:
    assert verify_manifest(canary.site_dir) == []
    listed = [line.split("  ", 1)[1] for line in (canary.site_dir / MANIFEST_NAME).read_text().splitlines()]
    expected = {*PUBLIC_PAGES, *PUBLIC_FILES, *BUILD_FILES} - {MANIFEST_NAME}
    assert {f for f in listed if not f.startswith(("assets/", "kb-search/"))} == expected


def test_markdown_under_any_other_extension_is_refused_not_copied(canary: Canary) -> None:
    refused = sorted(f.split(":")[0].rsplit("/", 1)[1] for f in canary.findings if " KB134: " in f)
    assert refused == sorted(
        ["Leak-upper.MD", "leak-mixed.Md", "leak-long.markdown", "leak-long-upper.MARKDOWN", "leak.mdown",
         "leak.mkd", "leak.mkdn", "leak.mdwn"]
    )  # fmt: skip
    assert (
        "content/en/canary/Leak-upper.MD:1:1: error KB134: Markdown files must end in lower-case '.md'; "
        "rename 'Leak-upper.MD' to 'Leak-upper.md' [markdown-extension]"
    ) in canary.findings


def test_every_active_svg_is_refused_with_what_is_active(canary: Canary) -> None:
    refused = {f.split(":")[0].rsplit("/", 1)[1]: f for f in canary.findings if " KB135: " in f}
    expected = {f"canary-svg-{name}.svg" for name in ACTIVE_SVGS} | {"canary-svg-upper-ext.SVG"}
    assert set(refused) == expected
    assert "<script> (line 1)" in refused["canary-svg-script.svg"]
    assert "an event handler onload=" in refused["canary-svg-onload.svg"]
    assert "<foreignObject> (it holds HTML)" in refused["canary-svg-foreignobject.svg"]
    assert "a javascript: link on <a>" in refused["canary-svg-js-xlink-href.svg"]
    assert "<use> loads 'data:image/svg+xml;" in refused["canary-svg-use-data.svg"]
    assert "<use> loads 'https://evil.example/sprite.svg#icon'" in refused["canary-svg-use-external.svg"]
    assert "a DOCTYPE with entity declarations" in refused["canary-svg-entity.svg"]
    assert "<?xml-stylesheet?>" in refused["canary-svg-stylesheet-pi.svg"]
    assert "<set> that changes xlink:href" in refused["canary-svg-set-xlink-href.svg"]
    # the public article that shows them is told each one is not published
    gallery = [f for f in canary.findings if "svg-gallery.md" in f]
    assert len(gallery) == len(expected) and all(" KB304: " in f for f in gallery)
