"""The heading-id function shared by the renderer (mkdocs.yml `toc: slugify`) and the anchor checker.

MkDocs' default slugify drops every non-ASCII letter, so a Turkish or Chinese heading gets a poor or empty id.
This follows pymdownx.slugs' `slugify(case="lower")`: Unicode letters are kept, GitHub-style, so anchors
written by hand (`#şifrenizi-sıfırlayın`, `#a--b`) match what the page really has.
"""

from __future__ import annotations

import re
import unicodedata

_TAGS = re.compile(r"</?[^>]*>")
_INVALID = re.compile(r"[^\w\- ]")


def slugify(value: str, separator: str) -> str:
    """Python-Markdown's `toc` calls this with the heading text; each space becomes one separator."""
    slug = _TAGS.sub("", unicodedata.normalize("NFC", value)).strip().lower()
    return _INVALID.sub("", slug).replace(" ", separator)


_COUNTED = re.compile(r"^(.*)_([0-9]+)$")


def unique(slug: str, used: set[str]) -> str:
    """Python-Markdown's rule for repeated ids: `intro`, `intro_1`, `intro_2` (and `_1` for an empty one)."""
    if slug in used or not slug:
        counted = _COUNTED.match(slug)
        base, count = (counted.group(1), int(counted.group(2))) if counted else (slug, 0)
        count += 1
        while f"{base}_{count}" in used:
            count += 1
        slug = f"{base}_{count}"
    used.add(slug)
    return slug
