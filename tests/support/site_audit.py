"""Static audit of a built site: every HTML and CSS file is parsed and checked against the safe-to-host properties."""

from __future__ import annotations

import gzip
import json
import re
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlsplit

CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; "
    "connect-src 'self'; worker-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'"
)
URL_ATTRIBUTES = frozenset(
    {"href", "src", "action", "formaction", "poster", "data", "background", "cite", "xlink:href", "ping"}
)
# Elements whose URL the browser fetches while loading the page (an <a href> is only followed on a click).
LOADED = {
    "script": ("src",), "img": ("src", "srcset"), "iframe": ("src",), "source": ("src", "srcset"),
    "video": ("src", "poster"), "audio": ("src",), "embed": ("src",), "object": ("data",), "track": ("src",),
    "input": ("src",), "image": ("href", "xlink:href"), "use": ("href", "xlink:href"),
}  # fmt: skip
# <link rel=...> values that make the browser fetch the target.
LOADED_LINK_RELS = frozenset(
    {"stylesheet", "icon", "preload", "prefetch", "preconnect", "dns-prefetch", "modulepreload", "manifest",
     "apple-touch-icon", "mask-icon"}
)  # fmt: skip
DATA_IMAGE = re.compile(r"^data:image/(png|gif|jpe?g|webp|avif|bmp|svg\+xml)[;,]", re.IGNORECASE)
NAVIGABLE_SCHEMES = frozenset({"", "http", "https", "mailto", "tel"})
CSS_URL = re.compile(r"""url\(\s*(['"]?)(.*?)\1\s*\)|@import\s+(['"])(.*?)\3""", re.IGNORECASE)


@dataclass
class _Element:
    tag: str
    attrs: dict[str, str]


@dataclass
class PageAudit:
    """What a parse of one HTML file found."""

    head: list[_Element] = field(default_factory=list)
    elements: list[_Element] = field(default_factory=list)
    inline_scripts: list[tuple[dict[str, str], str]] = field(default_factory=list)
    inline_styles: list[str] = field(default_factory=list)


class _Parser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.audit = PageAudit()
        self._in_head = False
        self._script: dict[str, str] | None = None
        self._style = False
        self._text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        element = _Element(tag, {name.lower(): value or "" for name, value in attrs})
        self.audit.elements.append(element)
        if tag == "head":
            self._in_head = True
        elif self._in_head:
            self.audit.head.append(element)
        if tag == "script":
            self._script, self._text = element.attrs, []
        elif tag == "style":
            self._style, self._text = True, []

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)

    def handle_endtag(self, tag: str) -> None:
        if tag == "head":
            self._in_head = False
        elif tag == "script" and self._script is not None:
            if "src" not in self._script:
                self.audit.inline_scripts.append((self._script, "".join(self._text)))
            self._script = None
        elif tag == "style" and self._style:
            self.audit.inline_styles.append("".join(self._text))
            self._style = False

    def handle_data(self, data: str) -> None:
        if self._script is not None or self._style:
            self._text.append(data)


def parse(text: str) -> PageAudit:
    parser = _Parser()
    parser.feed(text)
    parser.close()
    return parser.audit


def scheme(url: str) -> str:
    """The scheme as a browser sees it: control characters and whitespace inside it are ignored."""
    cleaned = re.sub(r"[\x00-\x20]", "", url).lower()
    match = re.match(r"^([a-z][a-z0-9+.-]*):", cleaned)
    return match.group(1) if match else ""


def is_off_site(url: str) -> bool:
    stripped = url.strip()
    if DATA_IMAGE.match(stripped):
        return False
    if stripped.startswith(("//", "\\\\", "/\\", "\\/")):
        return True
    parts = urlsplit(stripped)
    return bool(parts.scheme or parts.netloc) and parts.hostname not in ("127.0.0.1", "localhost")


def html_problems(text: str) -> list[str]:
    """Every violation of S1, S3, S4 and S8 in one HTML file, described for a test failure message."""
    audit = parse(text)
    problems: list[str] = []
    for element in audit.elements:
        tag, attrs = element.tag, element.attrs
        for name, value in attrs.items():
            if name.startswith("on"):
                problems.append(f"<{tag}> has an event handler {name}={value!r}")
            if name in URL_ATTRIBUTES or name == "srcset":
                used = scheme(value)
                if used in ("javascript", "vbscript"):
                    problems.append(f"<{tag} {name}> uses {used}: {value!r}")
                elif used == "data" and not (tag in ("img", "source") and DATA_IMAGE.match(value.strip())):
                    problems.append(f"<{tag} {name}> uses a data: URL outside an image: {value[:60]!r}")
                elif used not in NAVIGABLE_SCHEMES and used != "data":
                    problems.append(f"<{tag} {name}> uses the scheme {used}: {value!r}")
        for name in LOADED.get(tag, ()):
            for url in _urls(attrs.get(name, ""), srcset=name == "srcset"):
                if is_off_site(url):
                    problems.append(f"<{tag} {name}> loads from another host: {url!r}")
        fetched_link = tag == "link" and LOADED_LINK_RELS & set(attrs.get("rel", "").lower().split())
        if fetched_link and is_off_site(attrs.get("href", "")):
            problems.append(f"<link rel={attrs.get('rel')}> loads from another host: {attrs.get('href')!r}")
        if tag == "a" and attrs.get("target", "").lower() == "_blank":
            rel = set(attrs.get("rel", "").lower().split())
            if not {"noopener", "noreferrer"} <= rel:
                problems.append(f"<a target=_blank href={attrs.get('href')!r}> lacks rel='noopener noreferrer'")
        if tag == "meta" and attrs.get("http-equiv", "").lower() == "refresh":
            target = re.sub(r"^\s*\d+\s*;\s*url\s*=\s*", "", attrs.get("content", ""), flags=re.IGNORECASE)
            if is_off_site(target) or scheme(target) not in ("", "http", "https"):
                problems.append(f"<meta http-equiv=refresh> leaves the site: {target!r}")
        if tag == "base":
            problems.append(f"<base href={attrs.get('href')!r}> re-targets every relative URL")
    for attrs, body in audit.inline_scripts:
        kind = attrs.get("type", "").lower()
        if kind == "application/ld+json":
            problems.extend(_json_ld_problems(body))
        elif kind != "application/json":
            problems.append(f"inline <script> (blocked by the CSP, or worse): {body[:80]!r}")
    for style in audit.inline_styles:
        problems.append(f"inline <style> (blocked by the CSP): {style[:80]!r}")
        problems.extend(css_problems(style))
    problems.extend(_style_attribute_problems(audit))
    problems.extend(csp_problems(audit))
    return problems


def _json_ld_problems(body: str) -> list[str]:
    """A data block is never run, but only a block the parser cannot end early is safe to print as it is."""
    if "<" in body:
        return [f"JSON-LD with a raw '<' (a title could close the script): {body[:80]!r}"]
    try:
        json.loads(body)
    except ValueError:
        return [f"JSON-LD that is not JSON: {body[:80]!r}"]
    return []


def _style_attribute_problems(audit: PageAudit) -> list[str]:
    return [f"<{e.tag} style=...> is blocked by the CSP: {e.attrs['style']!r}" for e in audit.elements
            if "style" in e.attrs]  # fmt: skip


def _urls(value: str, srcset: bool) -> list[str]:
    if not value:
        return []
    if srcset:
        return [candidate.split()[0] for candidate in value.split(",") if candidate.strip()]
    return [value]


def csp_problems(audit: PageAudit) -> list[str]:
    """S4: the first element of <head> is <meta charset>, the second the exact policy."""
    if not audit.head:
        return []  # not a page (a fragment or a redirect stub without head is checked elsewhere)
    first = audit.head[0]
    if first.tag != "meta" or first.attrs.get("charset", "").lower() != "utf-8":
        return [f"the first element in <head> is <{first.tag} {first.attrs}>, not <meta charset=utf-8>"]
    second = audit.head[1] if len(audit.head) > 1 else _Element("nothing", {})
    if second.tag != "meta" or second.attrs.get("http-equiv", "").lower() != "content-security-policy":
        return [f"the second element in <head> is <{second.tag} {second.attrs}>, not the CSP meta"]
    if second.attrs.get("content") != CSP:
        return [f"the CSP is {second.attrs.get('content')!r}, expected {CSP!r}"]
    others = [e for e in audit.elements[1:] if e.tag == "meta" and e.attrs.get("http-equiv", "").lower() in
              ("content-security-policy", "refresh", "set-cookie")]  # fmt: skip
    charsets = [e for e in audit.elements if e.tag == "meta" and "charset" in e.attrs]
    problems = [f"a second policy-changing <meta http-equiv={e.attrs['http-equiv']}>" for e in others if e != second]
    if len(charsets) != 1:
        problems.append(f"{len(charsets)} <meta charset> elements")
    return problems


def css_problems(text: str) -> list[str]:
    """S3 for stylesheets: every url() and @import stays on the site (data: images and fonts are inline)."""
    problems = []
    for match in CSS_URL.finditer(text):
        url = (match.group(2) or match.group(4) or "").strip()
        if url.startswith("data:") or url.startswith("#"):
            continue
        if is_off_site(url):
            problems.append(f"CSS loads from another host: {url!r}")
    return problems


# What makes an SVG opened on its own active, found by plain text search (independent of kbgen's own check).
SVG_ACTIVE = re.compile(
    r"<(?:\w+:)?(?:script|foreignObject|iframe|handler)\b|\son\w+\s*=|javascript:|@import|<!ENTITY|<\?xml-stylesheet"
    r"|url\(\s*['\"]?\s*[^'\"\s#)]|<(?:\w+:)?(?:use|image|feImage)\b[^>]*?href\s*=\s*['\"]\s*(?!#|data:image/(?:png|jpeg|gif|webp);)",
    re.IGNORECASE,
)


def svg_problems(text: str) -> list[str]:
    return [f"active SVG content: {match.group(0)!r}" for match in SVG_ACTIVE.finditer(text)]


def site_problems(root: Path) -> dict[str, list[str]]:
    """Audit every HTML, CSS and SVG file under root; maps each file with problems to its problems."""
    found: dict[str, list[str]] = {}
    for path in sorted(root.rglob("*")):
        if path.suffix == ".html":
            problems = html_problems(path.read_text(encoding="utf-8"))
        elif path.suffix == ".css":
            problems = css_problems(path.read_text(encoding="utf-8"))
        elif path.suffix.lower() == ".svg":
            problems = svg_problems(path.read_text(encoding="utf-8", errors="replace"))
        else:
            continue
        if problems:
            found[path.relative_to(root).as_posix()] = problems
    return found


def pages(root: Path) -> list[str]:
    """Every HTML file under root, as a site-relative URL path."""
    return sorted(p.relative_to(root).as_posix() for p in root.rglob("*.html"))


def output_files(root: Path) -> dict[str, bytes]:
    """Every file under root by site path, gzip'd ones (sitemap.xml.gz, search shards) as their decompressed bytes."""
    found = {}
    for path in sorted(p for p in root.rglob("*") if p.is_file()):
        data = path.read_bytes()
        found[path.relative_to(root).as_posix()] = gzip.decompress(data) if data[:2] == b"\x1f\x8b" else data
    return found
