"""The text below the front matter of a section's or language home's `index.md`, as its page shows it.

That page already has its one H1: a section's title (the front-matter `title`, else the folder's title, as the
listings and the navigation show it) or a home's search heading. So an H1 that opens the body (an adopted Microsoft
Learn page opens with `# Welcome to ...`) is dropped rather than shown as a second title, and any other H1 in the
body is shown as an H2. A body with nothing to show (blank, only HTML comments) gives no intro element at all.
Otherwise the body goes exactly where an article's does: the same render budget, link checks and sanitiser.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

_BLANK_LINES = re.compile(r"(?:[ \t]*\n)*")
_WHOLE_LINE_COMMENT = re.compile(r"[ \t]*<!--.*?-->[ \t]*(?:\n|\Z)", re.S)
# Python-Markdown's own heading rules at the start of a block: '#' in the first column (HashHeaderProcessor), or a
# line underlined with '=' (SetextHeaderProcessor, which comes before lists)
_HASH_H1 = re.compile(r"#(?!#)[^\n]*(?:\n|\Z)")
_SETEXT_H1 = re.compile(r"[^\n]*\S[^\n]*\n=+ *(?:\n|\Z)")


def shown_body(body: str) -> str:
    """`body` less the H1 that opens it (after blank lines and HTML comments), its lines left blank so every line
    keeps its number; `body` itself when it opens with anything else.

    Applied before rendering, so the page's table of contents and heading ids, and the link check's anchors, all
    read the body the page shows."""
    at = _opening(body)
    heading = _HASH_H1.match(body, at) or _SETEXT_H1.match(body, at)
    if heading is None:
        return body
    return body[:at] + "\n" * heading.group().count("\n") + body[heading.end() :]


def _opening(body: str) -> int:
    """Where the first block that can show anything starts: past blank lines and whole-line HTML comments."""
    at = 0
    while True:
        at = _BLANK_LINES.match(body, at).end()  # type: ignore[union-attr]  # matches the empty string anywhere
        comment = _WHOLE_LINE_COMMENT.match(body, at)
        if comment is None:
            return at
        at = comment.end()


def intro_html(html: str) -> str:
    """The rendered, sanitised body as the page shows it: every remaining `<h1>` an `<h2>`; "" when nothing is left
    to show (the template then draws no intro element)."""
    if not html.strip():
        return ""
    if "<h1" not in html:
        return html
    finder = _H1Tags(html)
    parts: list[str] = []
    last = 0
    for offset, length in finder.tags:
        parts.append(html[last:offset])
        parts.append(html[offset : offset + length].replace("1", "2"))
        last = offset + length
    parts.append(html[last:])
    return "".join(parts)


class _H1Tags(HTMLParser):
    """Where each `<h1` and `</h1` of a fragment starts, read as a browser reads tags (never inside an attribute
    value or a text that merely looks like a tag: the sanitiser escapes those)."""

    def __init__(self, html: str) -> None:
        super().__init__(convert_charrefs=False)
        self.tags: list[tuple[int, int]] = []  # offset and length of "<h1" or "</h1"
        self._lines = [0]  # where each line starts; lines as the parser counts them, by "\n" alone
        self._lines += [match.end() for match in re.finditer("\n", html)]
        self.feed(html)
        self.close()

    def _offset(self) -> int:
        line, column = self.getpos()
        return self._lines[line - 1] + column

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "h1":
            self.tags.append((self._offset(), 3))

    def handle_endtag(self, tag: str) -> None:
        if tag == "h1":
            self.tags.append((self._offset(), 4))
