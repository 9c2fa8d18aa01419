"""Turns rendered article HTML into the plain text that search indexes and shows in snippets."""

from __future__ import annotations

import re
from html import unescape
from html.parser import HTMLParser

# Elements whose content is never reader-visible text.
_DROP = frozenset({"script", "style", "template", "noscript", "svg", "math", "head", "title"})
# Elements that end a run of text; without a break "Step 1</li><li>Step 2" would index "1step".
_BLOCK = frozenset(
    {
        "address", "article", "aside", "blockquote", "br", "dd", "details", "div", "dl", "dt", "figcaption",
        "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr", "li", "main", "nav",
        "ol", "p", "pre", "section", "summary", "table", "td", "th", "tr", "ul",
    }
)  # fmt: skip
_VOID = frozenset({"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "wbr"})
_HEADING = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})
_SPACE = re.compile(r"\s+")
# Classes whose text is chrome, not content: heading permalinks ("¶") and the labels kbgen gives untitled admonitions
# ("Note", "Warning"; a title the writer gave is content and stays),
# which would otherwise open many snippets and match every query for "note".
_DROP_CLASSES = frozenset({"headerlink", "kb-admonition-label"})


class _TextExtractor(HTMLParser):
    def __init__(self) -> None:
        # convert_charrefs decodes every entity exactly once, in text and attribute values alike.
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.headings: list[str] = []
        self._skip_stack: list[str] = []
        self._heading_start: int | None = None  # where the open heading's text starts in `parts`

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _VOID:
            if tag in _BLOCK:
                self.parts.append(" ")
            return
        classes = next((value or "" for name, value in attrs if name == "class"), "").split()
        if self._skip_stack or tag in _DROP or not _DROP_CLASSES.isdisjoint(classes):
            self._skip_stack.append(tag)
        elif tag in _BLOCK:
            self.parts.append(" ")
            if tag in _HEADING:
                self._heading_start = len(self.parts)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _BLOCK and not self._skip_stack:
            self.parts.append(" ")

    def handle_endtag(self, tag: str) -> None:
        if self._skip_stack:
            if tag in self._skip_stack:
                while self._skip_stack.pop() != tag:
                    pass
            return
        if tag in _HEADING and self._heading_start is not None:
            heading = _collapse("".join(self.parts[self._heading_start :]))
            if heading:
                self.headings.append(heading)
            self._heading_start = None
        if tag in _BLOCK:
            self.parts.append(" ")

    def handle_data(self, data: str) -> None:
        if not self._skip_stack:
            self.parts.append(data)


def html_to_text(html: str) -> str:
    """Return the reader-visible text of ``html``: tags stripped, entities decoded once, whitespace collapsed.

    ``<script>``/``<style>`` content, heading permalink anchors and the type labels kbgen gives untitled
    admonitions (kbgen.render.admonitions) are dropped; ``&lt;script&gt;`` in a code
    sample stays the literal text ``<script>``.
    """
    return page_text(html)[0]


def page_text(html: str) -> tuple[str, list[str]]:
    """:func:`html_to_text` and, from the same pass, the text of each heading in document order.

    A heading's text is what the reader sees of it (its permalink anchor dropped), so an exported record's
    headings are the very words its body text holds.
    """
    parser = _TextExtractor()
    if not _feed_serialized(parser, html):
        parser = _TextExtractor()
        parser.feed(html)
        parser.close()
    return _collapse("".join(parser.parts)), parser.headings


# HTML as the sanitiser serialises it (kbgen.render.sanitize): every '<' opens a tag with double-quoted attribute
# values, no comments, scripts or declarations. Such input is split here with two regular expressions, for the
# same calls html.parser makes, in little more than half the time; anything else goes to html.parser itself.
_TOKEN = re.compile(r'<(/?)([A-Za-z][A-Za-z0-9-]*)((?:\s+[^\s"\'<>/=]+(?:="[^"]*")?)*)\s*(/?)>')
_ATTRIBUTE = re.compile(r'\s+([^\s"\'<>/=]+)(?:="([^"]*)")?')
_UNUSUAL = re.compile(r"<(?:!|\?|script|style|textarea|title|xmp|iframe|noembed|noframes|plaintext)", re.IGNORECASE)


def _value(raw: str | None) -> str | None:
    return unescape(raw) if raw is not None else None  # html.parser gives None for an attribute without a value


def _feed_serialized(parser: _TextExtractor, html: str) -> bool:
    """Feed `parser` as html.parser would; False (and nothing fed) when `html` is not plainly serialised."""
    if _UNUSUAL.search(html):
        return False
    tokens = list(_TOKEN.finditer(html))
    if html.count("<") != len(tokens):
        return False  # a '<' that does not open a tag of that shape: let html.parser decide what it is
    position = 0
    for token in tokens:
        if token.start() > position:
            parser.handle_data(unescape(html[position : token.start()]))
        closing, name, attributes, self_closing = token.groups()
        tag = name.lower()
        if closing:
            parser.handle_endtag(tag)
        else:
            attrs = [(found.group(1).lower(), _value(found.group(2))) for found in _ATTRIBUTE.finditer(attributes)]
            if self_closing:
                parser.handle_startendtag(tag, attrs)
            else:
                parser.handle_starttag(tag, attrs)
        position = token.end()
    if position < len(html):
        parser.handle_data(unescape(html[position:]))
    return True


def _collapse(text: str) -> str:
    return _SPACE.sub(" ", text).strip()
