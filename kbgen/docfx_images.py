"""DocFX's image extension, the way Microsoft Learn pages show their screenshots, read as Markdown images.

    :::image type="content" source="media/grid.png" alt-text="The grid." lightbox="media/grid-large.png":::

Python-Markdown knows nothing of it, so such a line would reach the reader as that text, and the image would never
be shown nor its file checked. kbgen reads each one as the Markdown image it means,
``![The grid.](<media/grid.png>)`` (inside a link to `lightbox` or `link` when given), on the same line: the
renderer shows it, and the link check (kbgen.links.extract reads the same conversion) checks its files at the line
the writer wrote. A ``type="complex"`` image's long description stays as text after it, and its closing
``:::image-end:::`` line is left empty; a ``type="icon"`` without `alt-text` is a decorative image (empty alt).
Directives in code blocks and code spans are examples and stay as they are, as does one with no `source` or a value
Markdown cannot carry (a line break, ``<`` or ``>``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from kbgen.links.code_mask import mask_inline
from kbgen.render.list_reading import code_blanked

_VALUE = r"""(?:"[^"\n]*"|'[^'\n]*')"""
_DIRECTIVE = re.compile(rf":::image(?P<attributes>(?:[ \t]+[A-Za-z-]+[ \t]*=[ \t]*{_VALUE})*)[ \t]*:::")
_ATTRIBUTE = re.compile(r"""(?P<name>[A-Za-z-]+)[ \t]*=[ \t]*(?:"(?P<double>[^"\n]*)"|'(?P<single>[^'\n]*)')""")
_END = re.compile(r"[ \t]*:::image-end:::[ \t]*")
_UNSAFE = re.compile(r"[<>\n]")
_ALT_SPECIAL = re.compile(r"([\\\[\]])")


@dataclass(frozen=True, slots=True)
class ImageDirective:
    """One `:::image ...:::` that reads as an image: its span in the body, and where its addresses are written."""

    start: int
    end: int
    source: str
    alt: str
    link: str  # `link`, else `lightbox`, else ""
    source_at: int  # offset in the body of the source's first character
    link_at: int  # of the link's, when there is one

    def as_markdown(self) -> str:
        alt = _ALT_SPECIAL.sub(r"\\\1", self.alt)
        image = f"![{alt}](<{self.source}>)"
        return f"[{image}](<{self.link}>)" if self.link else image


def image_directives(body: str) -> list[ImageDirective]:
    """Every directive outside code that reads as an image, in body order."""
    return [found for found in _outside_code(body) if isinstance(found, ImageDirective)]


def with_markdown_images(body: str) -> str:
    """The body with each directive as its Markdown image and each `:::image-end:::` line empty, line for line."""
    found = _outside_code(body)
    if not found:
        return body
    parts: list[str] = []
    position = 0
    for item in found:
        start, end, text = (item.start, item.end, item.as_markdown()) if isinstance(item, ImageDirective) else item
        parts.append(body[position:start])
        parts.append(text)
        position = end
    parts.append(body[position:])
    return "".join(parts)


def _outside_code(body: str) -> list[ImageDirective | tuple[int, int, str]]:
    """The directives that read as images and the closing lines (as their span and ""), outside code, in order."""
    if ":::image" not in body:
        return []
    prose = mask_inline(code_blanked(body))
    lines = body.split("\n")
    found: list[ImageDirective | tuple[int, int, str]] = []
    offset = 0
    for number, masked in enumerate(prose.split("\n")):
        line = lines[number]
        if ":::image" in masked:
            if _END.fullmatch(masked):
                found.append((offset, offset + len(line), ""))
            for match in _DIRECTIVE.finditer(masked):
                directive = _read(match, line, offset)
                if directive is not None:
                    found.append(directive)
        offset += len(line) + 1
    return found


def _read(match: re.Match[str], line: str, line_offset: int) -> ImageDirective | None:
    """The directive `match` found in the masked line; None unless it has a source Markdown can carry. Values are
    read from the source line (a masked line has the same columns)."""
    values: dict[str, tuple[str, int]] = {}
    for attribute in _ATTRIBUTE.finditer(line, match.start("attributes"), match.end("attributes")):
        group = "double" if attribute.group("double") is not None else "single"
        raw = attribute.group(group)
        at = line_offset + attribute.start(group) + len(raw) - len(raw.lstrip())
        values.setdefault(attribute.group("name").lower(), (raw.strip(), at))
    (source, source_at), alt = values.get("source", ("", 0)), values.get("alt-text", ("", 0))[0]
    link, link_at = values.get("link") or values.get("lightbox") or ("", 0)
    if not source or _UNSAFE.search(source) or _UNSAFE.search(link):
        return None
    return ImageDirective(line_offset + match.start(), line_offset + match.end(), source, alt, link, source_at, link_at)
