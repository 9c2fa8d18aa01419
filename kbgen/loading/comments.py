"""An HTML comment a writer opened and never closed: Python-Markdown prints what follows it on the page."""

from __future__ import annotations

from kbgen.links.code_mask import Positions, mask_inline
from kbgen.model import Finding
from kbgen.render.list_reading import code_blanked
from kbgen.rules import rule

_OPEN = "<!--"


def unclosed_comment(body: str, body_line: int, display: str) -> list[Finding]:
    """An error at a `<!--` outside code that no `-->` closes (closed comments and code are masked first).

    A Markdown preview (GitHub's, an editor's) hides everything after such an opener, so a writer sees a hidden
    note; Python-Markdown escapes the opener and publishes the note as text. Refusing the article keeps it off
    the site until the comment is closed.
    """
    if _OPEN not in body:
        return []
    masked = mask_inline(code_blanked(body))
    offset = masked.find(_OPEN)
    if offset < 0:
        return []
    line, column = Positions.of(masked, body_line).at(offset)
    message = (
        "HTML comment '<!--' is never closed with '-->': the site would show everything after it as text, where "
        "a Markdown preview hides it; close it with '-->'"
    )
    return [rule("unclosed-comment").finding(display, line, column, message)]
