"""Makes untrusted text safe for HTML: an allowlist sanitiser for rendered article bodies and plain-text escaping.

Article bodies are cleaned by ammonia (through `nh3`), a maintained, html5ever-based sanitiser that parses the
fragment the way a browser does and rebuilds it from an allowlist, so mutation tricks (`<math><style>`, broken
attribute quoting, entity-encoded `javascript:`) cannot survive. The allowlist covers the markup Python-Markdown and
mkdocs-material produce (admonitions, headerlinks, highlighted code, tables, footnotes, tabs, task lists, images).
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

import nh3
from markupsafe import Markup, escape

from kbgen.links.data_images import is_data_image

_TAGS = frozenset(
    {
        "a", "abbr", "b", "blockquote", "br", "caption", "cite", "code", "col", "colgroup", "dd", "del", "details",
        "dfn", "div", "dl", "dt", "em", "figcaption", "figure", "h1", "h2", "h3", "h4", "h5", "h6", "hr", "i",
        "img", "input", "ins", "kbd", "label", "li", "mark", "ol", "p", "path", "pre", "q", "s", "samp", "small",
        "span", "strong", "sub", "summary", "sup", "svg", "table", "tbody", "td", "tfoot", "th", "thead", "time",
        "tr", "u", "ul", "var", "wbr",
    }
)  # fmt: skip

# Tags removed together with everything inside them (the rest lose only the tag and keep their text).
_DROP_WITH_CONTENT = frozenset({"script", "style", "iframe", "object", "embed", "template", "noscript", "textarea"})

_GLOBAL_ATTRIBUTES = frozenset({"class", "id", "title", "lang", "dir", "role"})
_ATTRIBUTES: dict[str, set[str]] = {
    "*": set(_GLOBAL_ATTRIBUTES),
    "a": {"href", "hreflang", "name"},
    "img": {"src", "alt", "width", "height", "loading", "decoding"},
    "td": {"align", "colspan", "rowspan"},
    "th": {"align", "colspan", "rowspan", "scope"},
    "col": {"span"},
    "colgroup": {"span"},
    "ol": {"start", "reversed", "type"},
    "li": {"value"},
    "time": {"datetime"},
    "del": {"datetime"},
    "ins": {"datetime"},
    "details": {"open"},
    "label": {"for"},
    "input": {"checked", "disabled", "name"},
    "div": {"data-tabs"},
    "svg": {"viewBox", "xmlns", "width", "height", "aria-hidden", "focusable"},
    "path": {"d", "fill-rule", "clip-rule"},
}
# Attributes whose value must come from a fixed set: new-tab links and the inputs of task lists and content tabs.
_ATTRIBUTE_VALUES = {
    "a": {"target": {"_blank"}},
    "input": {"type": {"checkbox", "radio"}},
}
_URL_SCHEMES = frozenset({"http", "https", "mailto", "tel", "data"})
# Attributes that make the browser fetch something while the page loads; these must stay on the site's own host.
_LOADED = {("img", "src")}
# Element ids mkdocs-material looks up with getElementById/querySelector; an article must not shadow them.
_RESERVED_IDS = frozenset({"__config", "__drawer", "__search", "__consent", "__toc"})
_RESERVED_ID_PREFIXES = ("__palette", "__nav")
# Python-Markdown's tables write alignment as an inline style, which the site's CSP forbids; keep it as `align`.
_TABLE_ALIGN = re.compile(r'<(t[hd])\b([^>]*?) style="text-align: (left|right|center);"')


def _filter_attribute(tag: str, name: str, value: str) -> str | None:
    if name in ("href", "src"):
        is_image = tag == "img" and name == "src"
        if value.strip().lower().startswith("data:") and not (is_image and is_data_image(value)):
            return None
        if (tag, name) in _LOADED and _is_off_site(value):
            return None
    if name in ("id", "for", "name") and (value in _RESERVED_IDS or value.startswith(_RESERVED_ID_PREFIXES)):
        return None
    return value


def _is_off_site(url: str) -> bool:
    """An absolute or protocol-relative URL names another host; data: images are not fetched from anywhere."""
    stripped = url.strip()
    if is_data_image(stripped):
        return False
    try:
        parts = urlsplit(stripped)
    except ValueError:
        return True
    return bool(parts.scheme or parts.netloc) or stripped.startswith(("//", "\\\\", "/\\", "\\/"))


_CLEANER = nh3.Cleaner(
    tags=set(_TAGS),
    clean_content_tags=set(_DROP_WITH_CONTENT),
    attributes=_ATTRIBUTES,
    attribute_filter=_filter_attribute,
    strip_comments=True,
    link_rel=None,  # rel is added to new-tab links only (protect_new_tab_links), not to every in-page anchor
    generic_attribute_prefixes={"aria-"},
    tag_attribute_values=_ATTRIBUTE_VALUES,
    url_schemes=set(_URL_SCHEMES),
)


def sanitize_html(html: str) -> str:
    """Rebuild rendered article HTML from the allowlist: no scripts, handlers, comments or unsafe URLs remain."""
    return protect_new_tab_links(str(_CLEANER.clean(_TABLE_ALIGN.sub(r'<\1\2 align="\3"', html))))


def escaped(text: str) -> Markup:
    """Plain text (a front-matter title, a folder name) as HTML that templates print without escaping again."""
    if isinstance(text, Markup):
        return text
    return escape(str(text))


def html_text_escaped(html: str) -> Markup:
    """Text-with-markup (MkDocs' fallback page titles, table-of-contents labels) reduced to escaped plain text."""
    if isinstance(html, Markup):
        return html
    return escape(Markup(str(html)).striptags())


_BLANK_LINK = re.compile(r'<a\b[^>]*\btarget="_blank"[^>]*>', re.IGNORECASE)
_REL = re.compile(r'\brel="([^"]*)"', re.IGNORECASE)


def protect_new_tab_links(html: str) -> str:
    """Give every `target="_blank"` link in a rendered page `rel="noopener noreferrer"` (material's footer and
    social links carry only `noopener`), keeping any other rel tokens such as Mastodon's `me`."""

    def fix(match: re.Match[str]) -> str:
        tag = match.group(0)
        rel = _REL.search(tag)
        tokens = rel.group(1).split() if rel else []
        wanted = ["noopener", "noreferrer", *[t for t in tokens if t.lower() not in ("noopener", "noreferrer")]]
        value = f'rel="{" ".join(wanted)}"'
        if rel:
            return _REL.sub(value, tag, count=1)
        end = -2 if tag.endswith("/>") else -1
        return f"{tag[:end].rstrip()} {value}{tag[end:]}"

    return _BLANK_LINK.sub(fix, html)
