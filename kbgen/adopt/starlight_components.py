"""Starlight's components (`@astrojs/starlight/components`) and VitePress' `<Badge>` made the Markdown they show.

    <Aside type="caution" title="Watch out!">     !!! caution "Watch out!"
    Mind the gap.                                     Mind the gap.
    </Aside>                                      (blank)

`<Aside>` becomes an admonition of its type (note, tip, caution, danger) and title; `<Steps>`, `<FileTree>` and
`<CardGrid>` are taken out, the ordered list or the list of files they wrap kept as the page's text; `<Card
title="…">` becomes its title in bold above its text; `<LinkCard title href description />` and `<LinkButton
href>Text</LinkButton>` become links (pointed at the adopted pages afterwards, as any link is); `<Badge text="New" />`
(Starlight's, and VitePress' `<Badge type="tip" text="…" />` or `<Badge>text</Badge>`) becomes the words it shows in
a `kb-badge` span. A component's tags standing on lines of their own leave those lines empty, so the lines keep their
numbers; only an aside written on one line with its text takes one more. Tabs, and every other component, are left to
kbgen.adopt.mdx_components (tabs, or taken out and listed). Code blocks and code spans are never read.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass

from kbgen.adopt.jsx_tags import Tag, find_tags, pairs
from kbgen.adopt.mdx_links import destination
from kbgen.adopt.mdx_prepare import code_blanked
from kbgen.adopt.text_lines import alone, line_end, line_start

_KINDS = {"note": "note", "tip": "tip", "caution": "caution", "danger": "danger"}
_UNWRAPPED = frozenset({"Steps", "FileTree", "CardGrid"})
_NAMES = frozenset({"Aside", "Card", "LinkCard", "LinkButton", "Badge", *_UNWRAPPED})
_DEEPEST = 32  # components converted one inside the other; deeper ones are left to mdx_components
_BADGE_CLASS = re.compile(r"[a-z]+")


@dataclass(slots=True)
class Converted:
    text: str = ""
    components: int = 0


def uses_starlight_components(text: str) -> bool:
    return any(f"<{name}" in text for name in _NAMES)


def convert_starlight(text: str) -> Converted:
    """`text` with Starlight's components (and any `<Badge>`) written as Markdown."""
    result = Converted()
    result.text = _convert(text, result, 0) if uses_starlight_components(text) else text
    return result


def _indent(text: str, at: int) -> str:
    line = text[line_start(text, at) : at]
    return line[: len(line) - len(line.lstrip(" \t"))]


def _convert(text: str, result: Converted, depth: int) -> str:
    if depth > _DEEPEST:
        return text
    tags = find_tags(code_blanked(text))
    closes = pairs(tags)
    pieces: list[str] = []
    done = index = 0
    while index < len(tags):
        tag, close = tags[index], closes.get(index)
        index += 1
        if tag.closing or tag.name not in _NAMES:
            continue
        closing = tags[close] if close is not None else None
        built = _component(text, tag, closing, result, depth)
        if built is None:
            continue
        start, end, replacement = built
        if start < done:
            continue
        pieces += [text[done:start], replacement]
        done = end
        result.components += 1
        if close is not None:
            index = max(index, close + 1)
    return "".join(pieces) + text[done:]


def _component(text: str, tag: Tag, closing: Tag | None, result: Converted, depth: int) -> tuple[int, int, str] | None:
    """(start, end, Markdown) for one component, or None to leave it to mdx_components."""
    if tag.name == "Badge":
        return _badge(text, tag, closing)
    if tag.name == "LinkCard" and tag.self_closing:
        return _link_card(text, tag)
    if tag.name == "LinkButton" and closing is not None:
        inner = text[tag.end : closing.start]
        href = _href(tag)
        if href is None or "\n" in inner or "<" in inner:
            return None
        return tag.start, closing.end, f"[{_link_text(inner.strip())}]({href})"
    if closing is None or not alone(text, tag.start, tag.end) or not alone(text, closing.start, closing.end):
        if tag.name == "Aside" and closing is not None and "\n" not in text[tag.start : closing.end]:
            return _one_line_aside(text, tag, closing, result, depth)
        return None
    start, end = line_start(text, tag.start), line_end(text, closing.end)
    indent = _indent(text, tag.start)
    inner_start = line_end(text, tag.end) + 1
    inner_end = line_start(text, closing.start) - 1
    inner = text[inner_start:inner_end] if inner_end >= inner_start else ""
    opening_lines = text.count("\n", tag.start, tag.end) + 1
    closing_lines = [""] * (text.count("\n", closing.start, closing.end) + 1)
    if tag.name == "Aside":
        kind = _KINDS.get((tag.text("type") or "note").lower(), "note")
        title = _attribute_text(tag.text("title") or "").replace('"', "'")
        head = f'{indent}!!! {kind} "{title}"' if title else f"{indent}!!! {kind}"
        body = _reindented(_convert(inner, result, depth + 1), indent + "    ") if inner else []
    elif tag.name == "Card":
        card = tag.text("title")
        head = f"{indent}**{_link_text(_attribute_text(card))}**  " if card else ""
        body = _reindented(_convert(inner, result, depth + 1), indent) if inner else []
    elif tag.name in _UNWRAPPED:
        head = ""
        body = _reindented(_convert(inner, result, depth + 1), indent) if inner else []
    else:
        return None
    lines = [head] + [""] * (opening_lines - 1) + body + closing_lines
    return start, end, "\n".join(lines)


def _one_line_aside(text: str, tag: Tag, closing: Tag, result: Converted, depth: int) -> tuple[int, int, str] | None:
    """`<Aside type="tip">Text.</Aside>` alone on its line: the admonition, its text on the line after."""
    if not alone(text, tag.start, closing.end):
        return None
    indent = _indent(text, tag.start)
    kind = _KINDS.get((tag.text("type") or "note").lower(), "note")
    title = _attribute_text(tag.text("title") or "").replace('"', "'")
    inner = _convert(text[tag.end : closing.start].strip(), result, depth + 1)
    head = f'{indent}!!! {kind} "{title}"' if title else f"{indent}!!! {kind}"
    return line_start(text, tag.start), line_end(text, closing.end), f"{head}\n{indent}    {inner}"


def _reindented(inner: str, indent: str) -> list[str]:
    """The lines less their common indentation, each then at `indent` (empty lines stay empty)."""
    lines = inner.split("\n")
    widths = [len(line) - len(line.lstrip(" \t")) for line in lines if line.strip()]
    cut = min(widths, default=0)
    return [indent + line[cut:] if line.strip() else "" for line in lines]


def _link_text(words: str) -> str:
    return re.sub(r"([\[\]\\])", r"\\\1", words)


def _attribute_text(value: str) -> str:
    """An attribute's value as the words Starlight shows (Astro escapes attributes): `<b>` is text, not markup,
    and a line break one more space (written as it was, it ended an admonition's title line)."""
    return html.escape(" ".join(value.split()), quote=False)


def _href(tag: Tag) -> str | None:
    """The tag's `href` as a Markdown link destination; None (the component left as written) when it has none, or
    one no destination can hold: `x) [y](javascript:…` would otherwise end the link and start another."""
    href = tag.text("href")
    if not href or not href.strip() or "<" in href or ">" in href or "\n" in href:
        return None
    return destination(href)


def _link_card(text: str, tag: Tag) -> tuple[int, int, str] | None:
    title, href = tag.text("title"), _href(tag)
    if not title or not href:
        return None
    description = tag.text("description")
    shown = _link_text(_attribute_text(title))
    link = f"[{shown}]({href})" + (f": {_attribute_text(description)}" if description else "")
    blank = "\n" * text.count("\n", tag.start, tag.end)
    return tag.start, tag.end, link + blank


def _badge(text: str, tag: Tag, closing: Tag | None) -> tuple[int, int, str] | None:
    words = tag.text("text")
    end = tag.end
    if words is None and closing is not None and not tag.self_closing:
        inner = text[tag.end : closing.start]
        if "\n" in inner or "<" in inner:
            return None
        words, end = inner.strip(), closing.end
    if not words:
        return None
    variant = (tag.text("variant") or tag.text("type") or "note").lower()
    kind = variant if _BADGE_CLASS.fullmatch(variant) else "note"
    return tag.start, end, f'<span class="kb-badge kb-badge--{kind}">{html.escape(words)}</span>'
