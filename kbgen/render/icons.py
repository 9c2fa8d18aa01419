"""Icons drawn from shortcodes (`:material-clock-fast:`) are silent for screen readers, unless titled.

mkdocs-material draws an icon as a bare inline `<svg>` in a `<span class="twemoji">`. A screen reader meets an
unnamed image there ("image", or "unlabelled graphic") beside words that already say everything. The SVG is
hidden from assistive technology; an icon that stands for a word carries it the way material's docs add a tooltip
(`:material-check:{ title="Supported" }`), and that title becomes the icon's name (`role="img"`, `aria-label`).
"""

from __future__ import annotations

import re

# Each scan stops at its tag's end and within 1,000 characters: `<span class="twemoji` repeated with no quote or `>`
# after it (a 1 MB page) made every attempt scan to the end of the page, quadratic time.
_ICON = re.compile(r'<span class="twemoji\b[^">]{0,1000}"(?P<attrs>[^>]{0,1000})><svg\b(?![^>]{0,1000}\baria-hidden=)')
_TITLE = re.compile(r'\btitle="([^"]*)"')


def hide_decorative_icons(content: str) -> str:
    """`content` with every icon's SVG hidden from screen readers, and each titled icon named by its title."""

    def mark(match: re.Match[str]) -> str:
        span = match.group(0)[: -len("<svg")]
        title = _TITLE.search(match.group("attrs"))
        if title and title.group(1).strip():
            span = f'{span[:-1]} role="img" aria-label="{title.group(1)}">'  # the value is escaped already
        return f'{span}<svg aria-hidden="true" focusable="false"'

    return _ICON.sub(mark, content)
