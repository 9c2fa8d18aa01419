"""Turns an article title into a readable ASCII file name, so every writer's checkout and every URL can hold it.

Turkish and Romanian letters are spelled the way their readers would (ı -> i, ș -> s), not dropped; other Latin
diacritics come off through NFKD. A title with letters that have no Latin spelling (Chinese) gets no slug: the
writer names the file, since a slug that silently lost the words would not say what the article is.
"""

from __future__ import annotations

import re
import unicodedata

from kbgen.loading.path_safety import name_problem

# Letters NFKD leaves alone (ı, ß, ø ...) or would spell worse; both Romanian forms of ș and ț (comma and cedilla).
_SPELLED = str.maketrans(
    {
        "ı": "i", "İ": "i", "ş": "s", "Ş": "s", "ğ": "g", "Ğ": "g", "ç": "c", "Ç": "c",
        "ö": "o", "Ö": "o", "ü": "u", "Ü": "u",
        "ă": "a", "Ă": "a", "â": "a", "Â": "a", "î": "i", "Î": "i",
        "ș": "s", "Ș": "s", "ț": "t", "Ț": "t", "ţ": "t", "Ţ": "t",
        "ß": "ss", "ẞ": "ss", "æ": "ae", "Æ": "ae", "œ": "oe", "Œ": "oe", "ø": "o", "Ø": "o",
        "đ": "d", "Đ": "d", "ð": "d", "Ð": "d", "ł": "l", "Ł": "l", "þ": "th", "Þ": "th",
        "'": "", "’": "",  # "Don't" reads `dont`, not `don-t`
    }
)  # fmt: skip
_SEPARATORS = re.compile(r"[^a-z0-9]+")
SLUG_FORM = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
MAX_SLUG_LENGTH = 80  # long titles make unwieldy URLs; cut at a word boundary
RESERVED = frozenset({"index"})  # index.md is the category's own page


class NoSlug(ValueError):
    """The title cannot be spelled in Latin letters without losing words; the message says what to pass."""


def slug_problem(slug: str) -> str | None:
    """Why a slug given by hand cannot name an article file, or None."""
    if not SLUG_FORM.match(slug):
        return f"'{slug}' is not a slug: use lower-case a-z, 0-9 and single hyphens, e.g. 'reset-your-password'"
    if slug in RESERVED:
        return f"'{slug}' is reserved for the category page (index.md); choose another slug"
    if len(slug) > MAX_SLUG_LENGTH:
        return f"'{slug}' is {len(slug)} characters long (limit {MAX_SLUG_LENGTH})"
    portable = name_problem(f"{slug}.md")  # `con.md` is non-portable-name KB142 in `kbgen check`
    if portable:
        return f"'{slug}.md' {portable}"
    return None


def slug_from_title(title: str) -> str:
    """`Şifrenizi sıfırlayın` -> `sifrenizi-sifirlayin`; raises NoSlug for a title with non-Latin letters."""
    spelled = unicodedata.normalize("NFC", title).translate(_SPELLED)
    ascii_letters = []
    dropped = []
    for char in unicodedata.normalize("NFKD", spelled):
        if char.isascii():
            ascii_letters.append(char)
        elif unicodedata.category(char)[0] in "LN":  # a letter or digit with no Latin spelling
            dropped.append(char)
    if dropped:
        raise NoSlug(
            f"the title has letters with no Latin spelling ({''.join(dropped[:8])}); "
            "name the file with --slug, e.g. the English article's slug to make this its translation"
        )
    slug = _SEPARATORS.sub("-", "".join(ascii_letters).lower()).strip("-")
    if len(slug) > MAX_SLUG_LENGTH:
        cut = slug[: MAX_SLUG_LENGTH + 1]
        slug = cut.rsplit("-", 1)[0] if "-" in cut else cut[:MAX_SLUG_LENGTH]
    if not re.search(r"[a-z]", slug):
        raise NoSlug(f"the title '{title}' gives no readable file name; name the file with --slug")
    problem = slug_problem(slug)
    if problem:
        raise NoSlug(f"{problem}; name the file with --slug")
    return slug
