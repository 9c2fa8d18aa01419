"""Text a writer put below the front matter of a language home or a section page, which the site never shows."""

from __future__ import annotations

import re

from kbgen.model import Finding
from kbgen.rules import rule

_HOME = "a language home shows its title, summary, categories and articles"
_SECTION = "a section page shows its title, summary, subsections and articles"
_COMMENT = re.compile(r"<!--.*?(?:-->|\Z)", re.S)


def unshown_text(body: str, body_line: int, display: str, home: bool) -> list[Finding]:
    """One warning at the first line of text in an `index.md` body (HTML comments are never shown anyway).

    Such pages are built from their title, summary and listings, so the text would vanish without a word: a
    Microsoft Learn translation, for one, keeps its welcome article as `articles/index.md`.
    """
    visible = _COMMENT.sub(lambda m: "\n" * m.group().count("\n"), body)
    for number, line in enumerate(visible.splitlines()):
        if line.strip():
            shows = _HOME if home else _SECTION
            message = (
                f"this text is not shown on the site: {shows}; move the text into an article, or a line of it "
                "into 'summary'"
            )
            return [rule("unshown-text").finding(display, body_line + number, 1, message)]
    return []
