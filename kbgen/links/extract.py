"""Extracts every link, image and reference definition from a Markdown body, with its file line and column.

Links inside code blocks, code spans and HTML comments are not links. Raw HTML `<a href>` and `<img src>`
are extracted too: customers click them just the same, and MkDocs never checks or rewrites them (kbgen repoints
an `<a href>` to a `.md` file as it does a Markdown link, `repointed_href`). Markdown written
inside a raw HTML block is text on the page (kbgen.links.html_blocks): each link says whether it was, so the
check and publication pass over it (`Link.shown`).
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from typing import Literal

from kbgen.docfx_images import image_directives, with_markdown_images
from kbgen.links.code_mask import TAG_INSIDE, Positions, mask_inline
from kbgen.links.html_blocks import RawBlock, raw_html_blocks
from kbgen.records import quick_unpickling
from kbgen.render.list_reading import code_blanked, read_indents

Kind = Literal["link", "image", "definition", "html-link", "html-image", "autolink"]
# Where Markdown link syntax was written: "" in Markdown, "raw" in a raw HTML block, "markdown" in one whose tag
# asks for Markdown (`<div markdown="1">`), which only the md_in_html extension reads as Markdown
InHtml = Literal["", "raw", "markdown"]

_DEFINITION = re.compile(r"^[ \t]*\[([^\]\n]+)\]:[ \t]*(?:\n[ \t]*)?(?:<([^>\n]*)>|(\S+))", re.M)
_HTML = re.compile(
    rf"<(a|img)\b{TAG_INSIDE}\s(href|src)[ \t\n]*=[ \t\n]*(?:\"([^\"<]*)\"|'([^'<]*)'|([^\s>\"'<]+))", re.I | re.S
)
_AUTOLINK = re.compile(r"<((?:https?|ftp|mailto):[^\s<>]*)>", re.I)
# an href kbgen's build repoints to the page it names (kbgen.mkdocs_plugin.site_links): a `.md` path, no query
_REPOINTED = re.compile(r"[^?#\"'<>\s]*\.md(?:#[^\"'<>\s]*)?")
# Python-Markdown's `RE_LINK` for `(<address> "title")`; any other `(` is read by `_destination`'s port.
_ANGLED = re.compile(r"""\s*(<[^<>]*>)\s*(?:('[^']*'|"[^"]*")\s*)?\)""")
# The characters a backslash escapes in Python-Markdown: its own list, plus '|' that the tables extension adds.
_ESCAPABLE = frozenset("\\`*_{}[]()>#+-.!|")
_ESCAPE = re.compile(r"\\([\\`*_{}\[\]()>#+\-.!|])")
_LABEL_SPACE = re.compile(r"\s+")
_PAIR_TOKEN = re.compile(r"\\.|[\[\]\n]", re.S)  # an escape (`\\` and the next character) is skipped whole


@quick_unpickling
@dataclass(frozen=True, slots=True)
class Link:
    kind: Kind
    target: str
    line: int
    column: int
    in_html: InHtml = ""

    def shown(self, markdown_in_html: bool) -> bool:
        """Whether the page shows this as a link; `markdown_in_html`: mkdocs.yml lists the md_in_html extension."""
        return not self.in_html or (self.in_html == "markdown" and markdown_in_html)

    @property
    def is_image(self) -> bool:
        return self.kind in ("image", "html-image")

    @property
    def is_html(self) -> bool:
        return self.kind in ("html-link", "html-image")


def repointed_href(target: str) -> bool:
    """Whether the build points an `<a href>` with this target at the page it names, as it does a Markdown link
    (like GitHub, which resolves a `.md` href in raw HTML from the file): such a link is checked as one."""
    return _REPOINTED.fullmatch(target) is not None


def _escaped(text: str, index: int) -> bool:
    slashes = 0
    while index - slashes - 1 >= 0 and text[index - slashes - 1] == "\\":
        slashes += 1
    return slashes % 2 == 1


def _bracket_pairs(text: str) -> dict[int, int]:
    """Each `[` mapped to its matching `]`, in one pass; link text never crosses a blank line.

    One pass with a stack, not a scan per `[`: a body of thousands of unclosed brackets stays linear. Only
    brackets, newlines and escapes are visited (the regular expression skips the rest in C, several times faster
    than a loop over every character on a large site).
    """
    pairs: dict[int, int] = {}
    if "[" not in text:
        return pairs
    open_at: list[int] = []
    for token in _PAIR_TOKEN.finditer(text):
        char, index = token.group(), token.start()
        if char == "[":
            open_at.append(index)
        elif char == "]":
            if open_at:
                pairs[open_at.pop()] = index
        elif char == "\n" and open_at and _blank_line_follows(text, index):
            open_at.clear()
    return pairs


def _blank_line_follows(text: str, newline: int) -> bool:
    end = text.find("\n", newline + 1)
    return not text[newline + 1 : end if end >= 0 else len(text)].strip()


def _destination(text: str, start: int) -> tuple[str, int] | None:
    """The destination of an inline link whose `(` is just before start, as written, and where it starts; None
    when Python-Markdown would not read a link there.

    A port of Python-Markdown's `LinkInlineProcessor.getLink`, so that kbgen checks the address the page gets:
    a title may hold quotes of its own (`"Click "Save""`, `'it's'`) and need no space before it, a title in
    parentheses is part of the address, and a backslash escape is one character. The paragraph's end (a blank
    line) stands for the end of the text Python-Markdown scans.
    """
    angled = _ANGLED.match(text, start)
    if angled:
        return _stripped(text, angled.start(1) + 1, angled.end(1) - 1)
    index = start
    while index < len(text) and text[index].isspace():
        index += 1
    begin, depth, backtrack, last_bracket = index, 1, 1, -1
    quote = alt = last = ""
    start_quote = exit_quote = start_alt = exit_alt = -1
    in_title = False
    while index < len(text):
        char = text[index]
        if char == "\n" and _blank_line_follows(text, index):
            break  # the paragraph ends, and with it the text Python-Markdown reads the link in
        if char == "\\" and text[index + 1 : index + 2] in _ESCAPABLE:
            index += 2  # one character to Python-Markdown, and never a bracket or a quote
            last = "\\"
            continue
        if char == "(":
            if not in_title:
                depth += 1
            elif backtrack > 0:
                backtrack -= 1
        elif char == ")":
            if (exit_quote != -1 and quote == last) or (exit_alt != -1 and alt == last):
                depth = 0
            elif not in_title:
                depth -= 1
            elif backtrack > 0:
                backtrack -= 1
                if backtrack == 0:
                    last_bracket = index
        elif char in "'\"":
            if not quote:
                in_title, backtrack, depth, start_quote, quote = True, depth, 1, index, char
            elif char != quote and not alt:
                start_alt, alt = index, char
            elif char == quote:
                exit_quote = index
            elif char == alt:
                exit_alt = index
        if depth == 0:
            if exit_quote >= 0 and quote == last:
                return _stripped(text, begin, start_quote)
            if exit_alt >= 0 and alt == last:
                return _stripped(text, begin, start_alt)
            return _stripped(text, begin, index)
        if char != " ":
            last = char
        index += 1
    if backtrack == 0:  # the title never closed: the address ends at the `)` that balanced the brackets
        # ... or, when a `(` used up the count, Python-Markdown slices to two characters before the paragraph's end
        return _stripped(text, begin, last_bracket if last_bracket >= 0 else max(begin, index - 2))
    return None


def _stripped(text: str, start: int, end: int) -> tuple[str, int]:
    """`text[start:end]` without the white space around it, and where what is left starts."""
    written = text[start:end]
    return written.strip(), start + len(written) - len(written.lstrip())


def read_address(written: str) -> str:
    """An inline link's address as the page gets it: each backslash escape is the character it escapes."""
    return _ESCAPE.sub(r"\1", written) if "\\" in written else written


def _normal_label(label: str) -> str:
    return _LABEL_SPACE.sub(" ", label.strip()).casefold()


def extract_links(body: str, first_line: int = 1) -> list[Link]:
    """Every link-like thing in source order; `first_line` is the file line of the body's first line. A DocFX
    `:::image:::` is read as the Markdown image the renderer is given, on the same line."""
    written = with_markdown_images(body)
    text, found = _scan(written)
    where = Positions.of(text, first_line)
    blocks = raw_html_blocks(text, read_indents(written)) if "<" in text else []
    links = []
    for offset, kind, _, _, read in found:
        line, column = where.at(offset)
        in_html = _in_html(blocks, offset) if blocks and kind not in ("html-link", "html-image") else ""
        links.append(Link(kind, read, line, column, in_html))
    return links


def _in_html(blocks: list[RawBlock], offset: int) -> InHtml:
    at = bisect.bisect_right(blocks, offset, key=lambda block: block.start) - 1
    if at < 0 or offset >= blocks[at].end:
        return ""
    return "markdown" if blocks[at].reads_markdown_at(offset) else "raw"


def link_targets(body: str) -> list[tuple[Kind, str, int]]:
    """What `extract_links` finds, each as its kind, its target and the offset in `body` where the target is
    written: the one place that says where a link's target is, for rewriting it. A DocFX `:::image:::`'s
    addresses are given where its attributes write them."""
    text, found = _scan(body)
    where = Positions.of(text, 1)
    starts = Positions.of(body, 1).line_starts  # code lines are emptied in `text`, so offsets go by line
    spans: list[tuple[Kind, str, int]] = []
    for _, kind, target, at, _ in found:
        line, column = where.at(at)
        spans.append((kind, target, starts[line - 1] + column - 1))
    for directive in image_directives(body):
        spans.append(("image", directive.source, directive.source_at))
        if directive.link:
            spans.append(("link", directive.link, directive.link_at))
    return sorted(spans, key=lambda span: span[2])


def _scan(body: str) -> tuple[str, list[tuple[int, Kind, str, int, str]]]:
    """The masked body and each link-like thing in it: where it starts, its kind, its target as written, where
    that starts, and the target as the page gets it."""
    blocks = code_blanked(body)  # code as the page shows it
    text = mask_inline(blocks)
    found: list[tuple[int, Kind, str, int, str]] = []
    definitions: dict[str, tuple[int, str, int]] = {}
    definition_offsets: set[int] = set()
    for match in _DEFINITION.finditer(text):
        label = _normal_label(match.group(1))
        if label.startswith("^"):
            continue  # a footnote, not a link
        offset = match.start(1) - 1
        group = 2 if match.group(2) is not None else 3
        definitions.setdefault(label, (offset, match.group(group), match.start(group)))
        definition_offsets.add(offset)
    image_labels: set[str] = set()
    pairs = _bracket_pairs(text)
    index = 0
    while (index := text.find("[", index)) >= 0:
        if _escaped(text, index) or index in definition_offsets:
            index += 1
            continue
        image = index > 0 and text[index - 1] == "!" and not _escaped(text, index - 1)
        close = pairs.get(index, -1)
        if close < 0:
            index += 1
            continue
        start = index - 1 if image else index
        after = text[close + 1 : close + 2]
        if after == "(":
            destination = _destination(text, close + 2)
            if destination is not None:
                written, at = destination
                found.append((start, "image" if image else "link", written, at, read_address(written)))
        elif image:
            label = text[close + 2 : text.find("]", close + 2)] if after == "[" else ""
            image_labels.add(_normal_label(label or text[index + 1 : close]))
        index += 1
    for label, (offset, target, at) in definitions.items():
        found.append((offset, "image" if label in image_labels else "definition", target, at, target))
    for match in _HTML.finditer(text):
        group = next(number for number in (3, 4, 5) if match.group(number) is not None)
        kind: Kind = "html-image" if match.group(1).lower() == "img" else "html-link"
        if (match.group(1).lower() == "a") == (match.group(2).lower() == "href"):
            found.append((match.start(), kind, match.group(group), match.start(group), match.group(group)))
    for match in _AUTOLINK.finditer(text):
        found.append((match.start(), "autolink", match.group(1), match.start(1), match.group(1)))
    return text, sorted(found)
