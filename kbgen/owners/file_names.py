"""File names for per-owner digests: portable, unique even on case-insensitive disks, the same every run."""

from __future__ import annotations

import hashlib
import re
import unicodedata

_UNSAFE = re.compile(r"[^A-Za-z0-9._-]+")
_MAX = 80
# `index` is the digests' own index; the rest are names Windows reserves whatever the extension.
_RESERVED = frozenset(
    {"index", "con", "prn", "aux", "nul", *(f"com{n}" for n in range(10)), *(f"lpt{n}" for n in range(10))}
)


def _base(owner: str) -> str:
    ascii_text = unicodedata.normalize("NFKD", owner).encode("ascii", "ignore").decode("ascii")
    base = _UNSAFE.sub("-", ascii_text).strip(".-")[:_MAX].rstrip(".-") or "owner"
    return f"{base}-owner" if base.lower() in _RESERVED else base


def digest_stems(owners: list[str]) -> dict[str, str]:
    """Owner -> file name without extension. `@tessera/billing` becomes `tessera-billing`; when two owners
    would share a name (`a/b` and `a-b`, `Ana` and `ana`), the later in sorted order gets a short hash of its
    own name appended, so the names do not depend on the order files are written."""
    stems: dict[str, str] = {}
    taken: set[str] = set()
    for owner in sorted(set(owners)):
        stem = _base(owner)
        if stem.casefold() in taken:
            stem = f"{stem}-{hashlib.sha256(owner.encode('utf-8')).hexdigest()[:8]}"
        taken.add(stem.casefold())
        stems[owner] = stem
    return stems
