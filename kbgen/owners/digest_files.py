"""Writes the digests and their index into a folder, and removes digests an earlier run wrote for owners who
no longer have articles (only files that run's own index listed, so nothing else in the folder is touched)."""

from __future__ import annotations

import json
from pathlib import Path

from kbgen.owners import digest_formats as fmt
from kbgen.owners.digests import Digests

EXTENSIONS = ("md", "json", "txt")


def write_digests(digests: Digests, folder: Path) -> list[Path]:
    """Raises OSError when the folder cannot be written; returns the files written, index last."""
    folder.mkdir(parents=True, exist_ok=True)
    previous = _previous_stems(folder)
    written = []
    for digest in digests.digests:
        for ext, text in (
            ("md", fmt.as_markdown(digests, digest)),
            ("json", fmt.as_json(digests, digest)),
            ("txt", fmt.as_text(digests, digest)),
        ):
            path = folder / f"{digest.stem}.{ext}"
            path.write_text(text, encoding="utf-8", newline="\n")
            written.append(path)
    for stem in sorted(previous - {d.stem for d in digests.digests}):
        for ext in EXTENSIONS:
            (folder / f"{stem}.{ext}").unlink(missing_ok=True)
    for name, text in (("index.md", fmt.index_markdown(digests)), ("index.json", fmt.index_json(digests))):
        (folder / name).write_text(text, encoding="utf-8", newline="\n")
        written.append(folder / name)
    return written


def _previous_stems(folder: Path) -> set[str]:
    try:
        document = json.loads((folder / "index.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return set()
    if not isinstance(document, dict) or document.get("generator") != fmt.GENERATOR:
        return set()
    stems = {entry.get("file") for entry in document.get("digests", []) if isinstance(entry, dict)}
    return {s for s in stems if isinstance(s, str) and s and "/" not in s and "\\" not in s and not s.startswith(".")}
