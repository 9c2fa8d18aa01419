"""Titles of untitled admonitions (`!!! note`, `??? tip`) in the page's language instead of the English type name.

Python-Markdown's admonition extension (and pymdownx.details) title an untitled box with its type capitalised,
`Note`, whatever the page's language. Their HTML has one fixed shape, so the title is replaced in the rendered
page; a box whose title the writer wrote stays as written. A replaced title carries the class
`kb-admonition-label`, which tells search to leave the label out of the indexed text and snippets.

GitHub's CAUTION alert (`> [!CAUTION]`) is the one whose box is not named after it: markdown-callouts makes it
material's red `danger` box (material's own `caution` is a warning's orange) titled "Caution", so that title is
the alert's label, not one the writer wrote.
"""

from __future__ import annotations

import html
import re

from kbgen.render.i18n import admonition_label

LABEL_CLASS = "kb-admonition-label"
# (box type, title) -> the type whose label it shows, for alerts drawn as another type's box
_ALERTS = {("danger", "Caution"): "caution"}
_BOX = re.compile(
    r'(?P<open><div class="admonition (?P<kind>[A-Za-z][\w-]*)[^"<>]*">\s*<p class="admonition-title)">'
    r"(?P<title>[\w-]+)</p>"
    r'|(?P<dopen><details class="(?P<dkind>[A-Za-z][\w-]*)[^"<>]*"[^<>]*>\s*<summary)>(?P<dtitle>[\w-]+)</summary>'
)


def localize_admonitions(content: str, lang: str) -> str:
    """`content` with each untitled admonition's title in `lang`; types the catalogue lacks keep their title."""

    def replace(match: re.Match[str]) -> str:
        details = match.group("dopen") is not None
        kind = match.group("dkind" if details else "kind")
        title = match.group("dtitle" if details else "title")
        kind = _ALERTS.get((kind.lower(), title), kind.lower())
        label = admonition_label(kind, lang)
        if label is None or title != kind.capitalize():
            return match.group(0)  # a title the writer wrote (or a type kbgen has no words for)
        if details:
            return f'{match.group("dopen")} class="{LABEL_CLASS}">{html.escape(label)}</summary>'
        return f'{match.group("open")} {LABEL_CLASS}">{html.escape(label)}</p>'

    return _BOX.sub(replace, content)
