"""Decides, before anything is written, which included files are fragments rather than pages.

A file whose text went into the pages that include it is not adopted as a page of its own (in DocFX an
`includes/` folder is usually left out of the build; adopted, each fragment would be a bare page such as
"Footer Banner"). It stays a page when something else needs it: an ordinary link to it, a directive to it that
could not be expanded (left as written, it is a link), or a `title` in its own front matter (an article that
another one also includes). A file nobody includes is adopted as before, whatever its folder.
"""

from __future__ import annotations

import stat
from pathlib import Path, PurePosixPath

from kbgen.adopt.include_files import Fragments
from kbgen.adopt.includes import USES_INCLUDES, Expander
from kbgen.adopt.source_file import split_source
from kbgen.adopt.tree_links import linked_file
from kbgen.links.extract import extract_links
from kbgen.model import Finding


def only_included(root: Path, files: list[PurePosixPath]) -> tuple[Expander, set[PurePosixPath]]:
    """An expander for the tree (its reads cached for the adoption that follows) and the fragments not to adopt."""
    expander = Expander(Fragments(root))
    included: set[PurePosixPath] = set()
    needed: set[PurePosixPath] = set()
    for rel in files:
        path = root / rel
        if rel.suffix.lower() != ".md":
            continue
        try:  # a link, a pipe (reading one would wait forever) or a device is left out when adopted, and not read
            data = path.read_bytes() if stat.S_ISREG(path.lstat().st_mode) else None
        except OSError:
            continue  # reported when the file itself is adopted
        if data is None:
            continue
        source = split_source(data, path.as_posix())
        if isinstance(source, Finding):
            continue
        if "title" in source.fields:
            needed.add(rel)
        text = source.text_body
        if USES_INCLUDES.search(data):
            expansion = expander.expand(rel, text, source.body_line)
            included |= expansion.used
            text = expansion.text
        for link in extract_links(text):
            target = linked_file(link.target, rel.parent)
            if target is not None:
                needed.add(target)
    return expander, included - needed
