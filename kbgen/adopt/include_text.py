"""Puts an included file's text where its directive was, so that the Markdown around it stays what it was.

Three places, three shapes, decided by what surrounds the directive on its line:

- **Alone on its line** (perhaps inside a quote `> ` or indented under a list item): the text replaces the
  line, every line of it carrying the same prefix, so it stays in the same quote or list item. It is framed by
  `<!-- included from F -->` and `<!-- end of F -->` so a writer knows where it came from and where it ends;
  an empty file leaves one comment. Python-Markdown shows neither.
- **Alone after a list marker** (`1. [!INCLUDE ...]`): one paragraph goes on the marker's line, as text. More
  (a note, several paragraphs) becomes the item's content: the opening comment on the marker's line, then the
  blocks indented by four spaces (Python-Markdown's rule for content inside a list item), then a blank line so
  the next item stays an item. The list becomes loose (its items are paragraphs), as any multi-block item is.
- **Inside a line** (a sentence, a heading, a table cell): only one paragraph can go there. Its lines are
  joined by spaces (as they render) and no comment is added (it would end up in a heading's id or a table
  cell). Anything more is refused and the directive left as written.
"""

from __future__ import annotations

import re

_CONTAINER = re.compile(r"[ \t]*(?:>[ \t]?[ \t]*)*")  # quote markers and indentation before a directive
_LIST_ITEM = re.compile(r"([ \t]*(?:>[ \t]?[ \t]*)*?)([ \t]*)([-*+]|\d{1,9}[.)])[ \t]+")
# A line that starts a block other than a paragraph: heading, quote, list, table, fence, HTML, admonition,
# DocFX/MkDocs directives, reference definitions, thematic breaks.
_BLOCK = re.compile(
    r"^[ \t]*(?:#{1,6}(?:[ \t]|$)|>|[-*+][ \t]|\d{1,9}[.)][ \t]|\||```|~~~|<|!!!|\?\?\?|:::|\{%"
    r"|\[[^\]\n]+\]:|(?:[-*_][ \t]*){3,}$|=+[ \t]*$)"
)
_CODE = re.compile(r"^(?: {4}|\t)")  # a first line indented this far is a code block


def marker(name: str, end: bool = False, empty: bool = False) -> str:
    """The HTML comment naming an included file; a `--` in a name would end the comment early, so it is spelt
    `-%2D`."""
    safe = re.sub("(?<=-)-", "%2D", name).replace(">", "%3E")
    if end:
        return f"<!-- end of {safe} -->"
    return f"<!-- included from {safe}{': empty' if empty else ''} -->"


def one_paragraph(text: str) -> str | None:
    """The text as one line when it is a single paragraph of inline Markdown; else None."""
    lines = text.split("\n")
    if _CODE.match(lines[0]) or any(not line.strip() or _BLOCK.match(line) for line in lines):
        return None
    return " ".join(line.strip() for line in lines)


def as_block(prefix: str, text: str, name: str) -> list[str]:
    """The lines replacing a directive alone on its line; `prefix` is what stood before it (quote, indent)."""
    if not text:
        return [prefix + marker(name, empty=True)]
    blank = prefix.rstrip()
    body = [prefix + line if line.strip() else blank for line in text.split("\n")]
    return [prefix + marker(name), *body, prefix + marker(name, end=True)]


def list_item(line_prefix: str) -> tuple[str, str] | None:
    """For a directive alone after a list marker: the container prefix (quotes) and the content indent the
    item's further blocks need; None when `line_prefix` is no list marker."""
    match = _LIST_ITEM.fullmatch(line_prefix)
    if match is None:
        return None
    container, indent = match.group(1), match.group(2).expandtabs(4)
    return container, " " * ((len(indent) // 4) * 4 + 4)


def as_list_item(line_prefix: str, container: str, indent: str, text: str, name: str, next_blank: bool) -> list[str]:
    """The lines replacing `1. [!INCLUDE ...]` whose text is more than one paragraph."""
    blank = container.rstrip()
    body = [container + indent + line if line.strip() else blank for line in text.split("\n")]
    tail = [] if next_blank else [blank]
    return [line_prefix + marker(name), blank, *body, blank, container + indent + marker(name, end=True), *tail]


def is_container(prefix: str) -> bool:
    """Whether only quote markers and indentation stand before a directive."""
    return _CONTAINER.fullmatch(prefix) is not None
