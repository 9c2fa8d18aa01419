"""A code fence a writer opened and never closed: the site shows it, and all that follows, as text."""

from __future__ import annotations

from kbgen.model import Finding
from kbgen.render.list_reading import unclosed_fence
from kbgen.rules import rule

_FENCE_CHARS = "`~"


def unclosed_fence_finding(body: str, body_line: int, display: str) -> list[Finding]:
    """An error at a fence outside code that no later fence of the same kind closes.

    A Markdown preview (GitHub's, an editor's) shows everything after such a fence as code, so a writer sees a
    finished code block; Python-Markdown prints the fence as text and reads the rest as Markdown, so the links and
    images there go live on the page while the link check, reading code as the writer sees it, passes over them.
    """
    if not any(char * 3 in body for char in _FENCE_CHARS):
        return []
    found = unclosed_fence(body)
    if found is None:
        return []
    index, fence = found
    line = body.split("\n")[index]
    column = len(line) - len(line.lstrip()) + 1
    message = (
        f"code fence '{fence}' is never closed: the site would show it as text and read everything after it as "
        f"Markdown, where a Markdown preview shows code; close it with a line of {fence}"
    )
    return [rule("unclosed-fence").finding(display, body_line + index, column, message)]
