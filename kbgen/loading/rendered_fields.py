"""Which front-matter keys reach MkDocs and the theme, and whether a text draws anything on the page.

MkDocs reads every front-matter key itself and hands it to the templates, where `template: nope.html`, `icon: 5` or
`hide: 5` crash the build long after `kbgen check` passed. So kbgen decides: the theme sees only the keys here,
validated; keys a plain MkDocs site would act on are reported as unknown, with the reason kbgen ignores them.
"""

from __future__ import annotations

import unicodedata
from typing import Any

from kbgen.loading.frontmatter import FieldValue

# The only front matter MkDocs and the theme ever see (see `theme_meta`); everything else is kbgen's alone.
THEME_KEYS = ("title", "hide", "description")  # description: the meta description, else the summary is used
HIDE_VALUES = ("navigation", "toc", "footer", "feedback", "path", "tags")
# Keys MkDocs or mkdocs-material would act on in a plain MkDocs site; kbgen ignores them, and says why.
IGNORED_RENDERER_KEYS = {
    "template": "kbgen chooses each page's template itself",
    "icon": "the kbgen theme shows no page icons",
    "subtitle": "the kbgen theme shows no subtitles",
    "search": "kbgen builds its own search index; use 'audience: internal' or 'status: draft' to keep a page out",
    "comments": "the kbgen theme has no comment system",
    "social": "the kbgen theme makes no social cards",
    "robots": "every published page is meant to be indexed",
    "author": "'owner' is kept out of the published site on purpose",
}
# Characters that draw nothing: spaces, controls, zero-width and bidi formatting (Cf), combining marks with no
# base, unassigned code points; plus letters and symbols that render blank (Hangul fillers, braille blank).
_INVISIBLE_CATEGORIES = frozenset({"Zs", "Zl", "Zp", "Cc", "Cf", "Cn", "Mn", "Mc", "Me"})
_BLANK_GLYPHS = frozenset("\u115f\u1160\u3164\uffa0\u2800")


# Bidi overrides force the letters after them to show in the other order ("invoice\u202efdp.exe" reads as
# "invoiceexe.pdf"): the trick that disguises file names and links. Embeddings and isolates keep each letter's own
# direction, and right-to-left writing needs them; overrides it does not.
_OVERRIDES = {"\u202d": "U+202D LEFT-TO-RIGHT OVERRIDE", "\u202e": "U+202E RIGHT-TO-LEFT OVERRIDE"}


def bidi_override(text: str) -> str | None:
    """The name of the first bidi override in `text`, None when it has none."""
    for char, name in _OVERRIDES.items():
        if char in text:
            return name
    return None


def is_visible(text: str) -> bool:
    """Whether a string draws at least one glyph: a title of only zero-width or bidi characters renders as an
    empty link, which no reader can click or recognise."""
    return any(unicodedata.category(char) not in _INVISIBLE_CATEGORIES and char not in _BLANK_GLYPHS for char in text)


def theme_meta(fields: dict[str, FieldValue]) -> dict[str, Any]:
    """The page metadata MkDocs and the theme may read: validated keys only, never the file's raw front matter.

    MkDocs parses front matter itself and hands every key to the templates (`template: nope.html` or `icon: 5`
    crash the build); kbgen replaces that with this, taken from an accepted page's own parse.
    """
    meta: dict[str, Any] = {}
    for key in THEME_KEYS:
        where = fields.get(key)
        if where is None or where.value is None:
            continue
        value = where.value
        if key == "hide":
            meta[key] = [item.strip() for item in (value if isinstance(value, list) else [value])]
        elif isinstance(value, str):
            meta[key] = value.strip()
    return meta
