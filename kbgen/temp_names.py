"""Names for the temporary files kbgen writes beside a file before renaming them over it."""

from __future__ import annotations

import os

NAME_MAX = 255  # bytes in one file name, on every file system kbgen's users write to
_RANDOM = 8  # characters tempfile.mkstemp puts between the prefix and the suffix


def fitted(name: str, suffix: str, reserve: int = 0) -> str:
    """`name` cut (whole characters, from its end) so that it, `suffix` and `reserve` more bytes fit in NAME_MAX."""
    room = NAME_MAX - len(os.fsencode(suffix)) - reserve
    while len(os.fsencode(name)) > room:
        name = name[:-1]
    return name


def beside(name: str, suffix: str) -> str:
    """mkstemp's prefix for a temporary file beside `name`: `.name.`, with `name` cut so that the whole temporary
    name still fits in NAME_MAX bytes (a legal name of 240 bytes would otherwise make it too long)."""
    return f".{fitted(name, suffix, _RANDOM + 2)}."


def plain_mode() -> int:
    """The mode a plain open() gives a new file (0o666 less the umask): mkstemp's own 0o600 would hide a file
    kbgen writes for people from everyone else who reads the folder."""
    mask = os.umask(0)
    os.umask(mask)
    return 0o666 & ~mask
