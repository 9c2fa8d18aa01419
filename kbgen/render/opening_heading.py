"""The heading an article's body opens with, so the page shows it first and the article's facts under it.

Real docs trees start nearly every page with its own `# Title` (Microsoft Learn's, MkDocs', GitHub's); the theme
then adds no title of its own, and without this the review date, versions and an out-of-date notice would sit
above the page's heading, first thing on a phone's screen.
"""

from __future__ import annotations

import re

_OPENING_H1 = re.compile(r"\s*<h1\b[^>]*>.*?</h1>", re.S)


def split_opening_heading(content: str | None) -> tuple[str, str]:
    """(the `<h1>` element the rendered body starts with, the rest); ("", the body) when it starts otherwise.

    `content` is the sanitised page body, whose `<h1>` holds no other `<h1>`, so the first `</h1>` closes it."""
    body = content or ""
    opening = _OPENING_H1.match(body)
    if opening is None:
        return "", body
    return opening.group().lstrip(), body[opening.end() :]
