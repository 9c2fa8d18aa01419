"""S1, S3-S6, S8, FM12, FM13 and EN02 checked statically: every file of the built canary and sample sites."""

from __future__ import annotations

import html
import re
from pathlib import Path

from markupsafe import escape

from tests.support.canary import (
    HIDDEN,
    HOSTILE_CATEGORY,
    HOSTILE_DESCRIPTION,
    HOSTILE_TITLE,
    PUBLIC_PAGES,
    REPO,
    Canary,
)
from tests.support.site_audit import CSP, html_problems, output_files, parse, site_problems, svg_problems

# Every kind of file the site may contain; anything else (.md, .yaml, .bak, .env, a report) is a leak.
PUBLISHED_EXTENSIONS = frozenset(
    {".html", ".css", ".js", ".map", ".json", ".png", ".jpg", ".gif", ".svg", ".webp", ".ico", ".xml", ".gz",
     ".txt", ".woff", ".woff2", ".pdf", ".csv", ".zip",
     ".kbs"}  # kbgen's gzip'd search index shards, fetched by the search worker
)  # fmt: skip


def test_the_audit_recognises_every_violation_it_looks_for() -> None:
    hostile = (
        '<!doctype html><html><head><title>x</title><meta charset="utf-8"><script>alert(1)</script>'
        '<link rel="stylesheet" href="https://fonts.googleapis.com/css"><style>@import url(//cdn.example/x.css)</style>'
        '</head><body><img src=x onerror=alert(1)><a href="jav&#x09;ascript:alert(1)">a</a>'
        '<a target=_blank href="https://example.com/">c</a><img src="https://cdn.example/x.png">'
        '<a href="data:text/html,x">d</a><meta http-equiv="refresh" content="0;url=https://evil.example/">'
        '<p style="color:red">s</p><a href="vbscript:msgbox">v</a></body></html>'
    )
    found = "\n".join(html_problems(hostile))
    for expected in (
        "event handler onerror",
        "uses javascript:",
        "uses vbscript:",
        "data: URL outside an image",
        "lacks rel='noopener noreferrer'",
        "<img src> loads from another host",
        "<link rel=stylesheet> loads from another host",
        "CSS loads from another host",
        "inline <script>",
        "inline <style>",
        "style=...> is blocked by the CSP",
        "<meta http-equiv=refresh> leaves the site",
        "not <meta charset=utf-8>",
    ):
        assert expected in found


def test_the_audit_finds_every_active_svg_of_the_canary_content(canary: Canary) -> None:
    folder = canary.project / "content/en/canary"
    active = sorted(p.name for p in folder.iterdir() if p.suffix.lower() == ".svg" and svg_problems(p.read_text()))
    assert active == sorted(p.name for p in folder.glob("canary-svg-*"))
    assert svg_problems((folder / "benign.svg").read_text()) == []


def test_canary_site_passes_the_static_audit(canary: Canary) -> None:
    assert site_problems(canary.site_dir) == {}


def test_sample_site_passes_the_static_audit(sample_site: Path) -> None:
    assert site_problems(sample_site) == {}


def test_every_page_starts_its_head_with_charset_then_the_exact_policy(canary: Canary) -> None:
    for rel in PUBLIC_PAGES:
        head = parse((canary.site_dir / rel).read_text(encoding="utf-8")).head
        assert (head[0].tag, head[0].attrs) == ("meta", {"charset": "utf-8"}), rel
        assert (head[1].tag, head[1].attrs) == ("meta", {"http-equiv": "Content-Security-Policy", "content": CSP}), rel
        assert "unsafe-inline" not in CSP and "unsafe-eval" not in CSP


def test_no_hidden_string_or_build_path_reaches_any_output_file(canary: Canary) -> None:
    leaks = [*HIDDEN, "/home/", "/tmp/", "/root/", str(canary.project), str(REPO)]
    files = output_files(canary.site_dir)  # search shards and sitemap.xml.gz decompressed
    assert {"sitemap.xml.gz", "kbgen-manifest.txt", "kb-search/en/manifest.kbs"} <= set(files)
    found = {rel: hits for rel, data in files.items() if (hits := [leak for leak in leaks if leak.encode() in data])}
    assert found == {}


def test_only_public_pages_and_publishable_file_types_are_written(canary: Canary) -> None:
    files = [p.relative_to(canary.site_dir).as_posix() for p in canary.site_dir.rglob("*") if p.is_file()]
    pages = {f for f in files if f.endswith(".html") and not f.startswith("assets/")}
    assert set(PUBLIC_PAGES) <= pages
    assert not [f for f in files if "internal-only" in f or "draft-only" in f]
    assert not [f for f in files if Path(f).suffix not in PUBLISHED_EXTENSIONS]
    # Stray files are refused with a finding (dot-files and editors' backups such as notes.md~ are never content);
    # findings are reported, never published.
    assert [f.split(":")[0] for f in canary.findings if "KB131" in f] == [
        f"content/en/canary/{name}"
        for name in ("app.js", "creds.yaml", "feed.xml", "icon.svgz", "mod.mjs", "notes.md.orig", "old.md.bak",
                     "page.htm", "page.html", "page.shtml", "page.xhtml")
    ]  # fmt: skip
    assert not [f for f in files if f.endswith("~")]
    assert any("KB131" in finding for finding in canary.findings)
    assert not [f for f in files if b"KB131" in (canary.site_dir / f).read_bytes()]


def test_no_owner_of_any_sample_article_is_published(sample_site: Path) -> None:
    sources = [p.read_text(encoding="utf-8") for p in (REPO / "content").rglob("*.md")]
    owners = {m.strip().strip("'\"") for text in sources for m in re.findall(r"^owner:(.*)$", text, re.MULTILINE)}
    assert len(owners) > 3
    files = [p for p in sample_site.rglob("*") if p.is_file() and p.suffix in (".html", ".json", ".xml", ".txt")]
    assert [(f.name, o) for f in files for o in owners if o.encode() in f.read_bytes()] == []


def test_html_comments_never_reach_an_article_page(canary: Canary) -> None:
    text = canary.site_dir.joinpath("en/canary/hostile-body/index.html").read_text(encoding="utf-8")
    article = text[text.index('<article class="md-content__inner') : text.index("</article>")]
    assert "<!--" not in article
    assert "The end." in article  # the content around the comments survived


def _texts(rel: str, canary: Canary, pattern: str) -> list[str]:
    text = canary.site_dir.joinpath(rel).read_text(encoding="utf-8")
    return [html.unescape(" ".join(m.split())) for m in re.findall(pattern, text, flags=re.DOTALL)]


def test_hostile_title_is_escaped_once_in_every_place_material_prints_it(canary: Canary) -> None:
    rel = "en/canary/hostile-front-matter/index.html"
    text = canary.site_dir.joinpath(rel).read_text(encoding="utf-8")
    assert _texts(rel, canary, r"<title>(.*?)</title>") == [f"{HOSTILE_TITLE} - Canary Help Center"]
    assert _texts(rel, canary, r"<h1>(.*?)</h1>") == [HOSTILE_TITLE]
    escaped_once = str(escape(HOSTILE_TITLE))
    # header topic, nav (twice: the section's own entry and the active page), toc title, breadcrumbs and footer
    assert text.count(escaped_once) >= 4
    assert "&amp;lt;" not in text and "&amp;#34;" not in text  # never escaped twice
    assert HOSTILE_TITLE not in text  # never printed raw
    assert str(escape(HOSTILE_CATEGORY)) in text and HOSTILE_CATEGORY not in text


def meta_descriptions(canary: Canary, rel: str) -> list[str]:
    """The content of every <meta name="description"> on one output page, as the browser reads it."""
    page = parse(canary.site_dir.joinpath(rel).read_text(encoding="utf-8"))
    return [e.attrs["content"] for e in page.elements if e.tag == "meta" and e.attrs.get("name") == "description"]


def test_hostile_description_stays_inside_its_attribute(canary: Canary) -> None:
    assert meta_descriptions(canary, "en/canary/hostile-front-matter/index.html") == [HOSTILE_DESCRIPTION]


def test_the_summary_is_the_meta_description_of_an_article(canary: Canary) -> None:
    assert meta_descriptions(canary, "en/canary/material-markup/index.html") == [
        "Admonitions, code, tabs, tables and images, which sanitising must leave working."
    ]
