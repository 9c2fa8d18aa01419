"""Writes the digests and their index into a folder, and removes digests an earlier run wrote for owners who
no longer have articles (only files that run's own index listed, so nothing else in the folder is touched)."""

from __future__ import annotations

import json
from pathlib import Path

from kbgen.export.output import stage_beside
from kbgen.owners import digest_formats as fmt
from kbgen.owners.digests import Digests

EXTENSIONS = ("md", "json", "txt")


def write_digests(digests: Digests, folder: Path) -> list[Path]:
    """Raises OSError when the folder cannot be written; returns the files written, index last.

    Every file is written in full beside its name first, and only then are they renamed into place: a write that
    fails (a full disk) leaves the last run's digests as they were, never some new, one cut off and the rest old."""
    folder.mkdir(parents=True, exist_ok=True)
    previous = _previous_stems(folder)
    files = [
        (folder / f"{digest.stem}.{ext}", text)
        for digest in digests.digests
        for ext, text in (
            ("md", fmt.as_markdown(digests, digest)),
            ("json", fmt.as_json(digests, digest)),
            ("txt", fmt.as_text(digests, digest)),
        )
    ]
    files += [(folder / "index.md", fmt.index_markdown(digests)), (folder / "index.json", fmt.index_json(digests))]
    staged: list[Path] = []
    try:
        for path, text in files:
            staged.append(stage_beside(path, text.encode("utf-8")))
    except BaseException:
        for temporary in staged:
            temporary.unlink(missing_ok=True)
        raise
    for temporary, (path, _) in zip(staged, files, strict=True):
        temporary.replace(path)  # the index last: it lists the digests
    for stem in sorted(previous - {d.stem for d in digests.digests}):
        for ext in EXTENSIONS:
            (folder / f"{stem}.{ext}").unlink(missing_ok=True)
    return [path for path, _ in files]


def _previous_stems(folder: Path) -> set[str]:
    try:
        document = json.loads((folder / "index.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return set()
    if not isinstance(document, dict) or document.get("generator") != fmt.GENERATOR:
        return set()
    stems = {entry.get("file") for entry in document.get("digests", []) if isinstance(entry, dict)}
    return {s for s in stems if isinstance(s, str) and s and "/" not in s and "\\" not in s and not s.startswith(".")}
