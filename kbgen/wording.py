"""English counts ("1 day", "3 days"), so every message and report words a number the same way."""

from __future__ import annotations


def plural(n: int, word: str) -> str:
    """`n` then `word`, with an "s" unless `n` is exactly 1; every noun kbgen counts takes a plain "s"."""
    return f"{n} {word}{'s' * (n != 1)}"
