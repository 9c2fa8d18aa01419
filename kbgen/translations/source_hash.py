"""The fingerprint a translation records of its source: a short hash of the source body, normalised.

Normalising first means edits nobody would call a change (line endings, trailing spaces, an extra blank line,
Unicode composed or decomposed) leave the hash alone, so translators are only asked to look at real edits.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from pathlib import PurePosixPath

HASH_LENGTH = 12  # hex digits of sha256: 48 bits, far beyond any chance collision between two drafts of an article
_BLANK_RUN = re.compile(r"\n{3,}")


def normalise_body(body: str) -> str:
    """NFC; CRLF and CR become LF; trailing whitespace goes from every line; runs of blank lines become one;
    leading and trailing blank lines go."""
    text = body if body.isascii() else unicodedata.normalize("NFC", body)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = "\n".join(line.rstrip() for line in text.split("\n"))
    if "\n\n\n" in text:  # the scan is quick; the pattern's, run on every body, was most of `kbgen check`'s hashing
        text = _BLANK_RUN.sub("\n\n", text)
    return text.strip("\n")


def source_hash(body: str) -> str:
    """The first 12 hex digits of the sha256 of the normalised body, as `source_hash` records it."""
    return hashlib.sha256(normalise_body(body).encode("utf-8")).hexdigest()[:HASH_LENGTH]


def source_rel(rel: PurePosixPath, default_language: str) -> PurePosixPath | None:
    """The source of a translation: the same path in the default language; None for a default-language file."""
    if len(rel.parts) < 2 or rel.parts[0] == default_language:
        return None
    return PurePosixPath(default_language, *rel.parts[1:])
