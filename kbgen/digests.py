"""How kbgen's cache keys feed their parts to a hash: each part framed by its length (and a tag, where parts of
different kinds meet), so that no two different lists of parts can ever feed the same bytes."""

from __future__ import annotations

from typing import Protocol


class Hasher(Protocol):
    def update(self, data: bytes, /) -> None: ...


def add_framed(hasher: Hasher, data: bytes, tag: bytes = b"") -> None:
    """Feed `tag`, the length of `data` (8 bytes) and `data`; `data` is not copied to be framed (a page's text)."""
    hasher.update(tag + len(data).to_bytes(8, "big"))
    hasher.update(data)
