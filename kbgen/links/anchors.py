"""Computes the ids a rendered article will have: heading ids exactly as the `toc` extension makes them, plus
explicit `{#id}` attributes and raw HTML `id`/`name` attributes.

A heading or `{#id}` written inside a raw HTML block is text on the page (kbgen.links.html_blocks), so it gives
no id; an `id` attribute there does.
"""

from __future__ import annotations

import html
import re

from kbgen.links.code_mask import TAG_INSIDE, mask_blocks
from kbgen.links.html_blocks import raw_html_blocks
from kbgen.links.slugs import slugify, unique
from kbgen.render.list_reading import read_indents

SEPARATOR = "-"
_ATX = re.compile(r"^[ \t]*(#{1,6})(.*?)#*[ \t]*$")
_SETEXT = re.compile(r"^[ \t]*(=+|-+)[ \t]*$")
_NOT_SETEXT_TEXT = re.compile(r"^[ \t]*(?:[-*+][ \t]|\d+[.)][ \t]|#|>|!!!|\?\?\?|\||<)")
_ATTR_LIST = re.compile(r"[ \t]*\{:?([^}\n]*)\}[ \t]*$")
_ATTR_ID = re.compile(r"(?:^|\s)#([^\s}#]+)")
_BLOCK_ATTR_LIST = re.compile(r"^[ \t]*\{:?[ \t]*([^}\n]*)\}[ \t]*$", re.M)
_HTML_ID = re.compile(rf"<[a-zA-Z]{TAG_INSIDE}\s(?:id|name)[ \t]*=[ \t]*(?:\"([^\"<]*)\"|'([^'<]*)')", re.S)
_IMAGE = re.compile(r"!\[[^\]]*\]\([^)]*\)|!\[[^\]]*\]\[[^\]]*\]")
_LINK = re.compile(r"\[([^\]]*)\](?:\([^)]*\)|\[[^\]]*\])")
_FOOTNOTE_REF = re.compile(r"\[\^[^\]]+\]")
_CODE = re.compile(r"(`+)(.+?)\1")
_EMPHASIS = re.compile(r"\*+|(?<!\w)_+|_+(?!\w)")
_ESCAPE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!<>])")


def heading_text(raw: str) -> str:
    """What the renderer puts in the heading element, as text: markup gone, code and link text kept."""
    text = _FOOTNOTE_REF.sub("", raw)
    text = _IMAGE.sub("", text)
    text = _LINK.sub(r"\1", text)
    spans: list[str] = []

    def keep_code(match: re.Match[str]) -> str:
        spans.append(match.group(2).strip())
        return f"\x00{len(spans) - 1}\x00"

    text = _CODE.sub(keep_code, text)
    text = _EMPHASIS.sub("", text)
    text = _ESCAPE.sub(r"\1", text)
    text = re.sub("\x00(\\d+)\x00", lambda m: spans[int(m.group(1))], text)
    return html.unescape(" ".join(text.split()))


def _headings(blocks: str) -> list[tuple[str, str | None]]:
    """Each heading's raw text and its explicit `{#id}`, in document order."""
    found: list[tuple[str, str | None]] = []
    lines = blocks.split("\n")
    for index, line in enumerate(lines):
        raw: str | None = None
        atx = _ATX.match(line)
        if atx:
            raw = atx.group(2)
        elif _SETEXT.match(line) and index > 0 and lines[index - 1].strip():
            above = lines[index - 1]
            starts_block = index < 2 or not lines[index - 2].strip()
            if starts_block and not _NOT_SETEXT_TEXT.match(above):
                raw = above
        if raw is None:
            continue
        explicit = None
        attrs = _ATTR_LIST.search(raw)
        if attrs:
            raw = raw[: attrs.start()]
            id_match = _ATTR_ID.search(attrs.group(1))
            explicit = id_match.group(1) if id_match else None
        found.append((raw, explicit))
    return found


def heading_ids(body: str, markdown_in_html: bool = False) -> tuple[str, ...]:
    """The ids of the page's headings in document order: what a broken `#fragment` most likely meant.
    `markdown_in_html`: mkdocs.yml lists md_in_html, so a `<div markdown="1">` holds Markdown headings."""
    return _ids(mask_blocks(body), markdown_in_html, body)[0]


def page_anchors(body: str, markdown_in_html: bool = False) -> frozenset[str]:
    """Every fragment that scrolls somewhere on the rendered page."""
    headings, others = _ids(mask_blocks(body), markdown_in_html, body)
    return frozenset(headings) | others


def _markdown_only(blocks: str, markdown_in_html: bool, body: str) -> str:
    """`blocks` (the `body` with code blanked) with each raw HTML block the renderer does not read as Markdown
    blanked, line for line."""
    if "<" not in blocks:
        return blocks
    parts, done = [], 0
    for block in raw_html_blocks(blocks, read_indents(body)):
        raw = block.raw if block.markdown and markdown_in_html else ((block.start, block.end),)
        for start, end in raw:
            parts += [blocks[done:start], "\n" * blocks.count("\n", start, end)]
            done = end
    return "".join([*parts, blocks[done:]]) if parts else blocks


def _ids(blocks: str, markdown_in_html: bool, body: str) -> tuple[tuple[str, ...], frozenset[str]]:
    """Heading ids in order (explicit or generated as the `toc` extension does), and every other id."""
    markdown = _markdown_only(blocks, markdown_in_html, body)
    headings = _headings(markdown)
    used = {explicit for _, explicit in headings if explicit is not None}
    for match in _BLOCK_ATTR_LIST.finditer(markdown):
        used.update(_ATTR_ID.findall(match.group(1)))
    others = set(used)
    for match in _HTML_ID.finditer(blocks):
        others.add(html.unescape(match.group(1) if match.group(1) is not None else match.group(2)))
    ids = [
        explicit if explicit is not None else unique(slugify(heading_text(raw), SEPARATOR), used)
        for raw, explicit in headings
    ]
    return tuple(ids), frozenset(others - set(ids))
