"""Finds whether an adopted tree is written in MyST (Sphinx, Jupyter Book) and reads what its pages share: every
page's title and `(label)=` target, for the roles that link across the tree (kbgen.adopt.myst_roles)."""

from __future__ import annotations

import re
from collections.abc import Collection
from pathlib import Path, PurePosixPath

from kbgen.adopt.include_files import read_regular
from kbgen.adopt.myst_roles import MystIndex, read_index
from kbgen.adopt.source_file import split_source
from kbgen.model import Finding

# a directive's fence, a role, or a target line: what only MyST writes
_MYST = re.compile(
    rb"^[ \t]*(?:`{3,}|:{3,})\{[\w:.+-]+\}|\{(?:ref|doc|term|kbd|abbr|download|numref)\}`|^\([^()\s]+\)=[ \t]*$", re.M
)
_SPHINX_CONFIG = "conf.py"


def read_myst_tree(source: Path, pages: Collection[PurePosixPath]) -> MystIndex | None:
    """The tree's MyST index, or None when neither a Sphinx `conf.py` nor any page's syntax says it is MyST.
    `conf.py` is never run: only its presence is read."""
    bodies: list[tuple[PurePosixPath, str]] = []
    seen = (source / _SPHINX_CONFIG).is_file() or (source.parent / _SPHINX_CONFIG).is_file()
    for rel in sorted(pages):
        try:
            data = read_regular(source / rel)  # a named pipe would block, a device never end
        except OSError:
            continue
        if not isinstance(data, bytes):
            continue  # named when the page itself is adopted
        seen = seen or _MYST.search(data) is not None
        read = split_source(data, (source / rel).as_posix())
        if not isinstance(read, Finding):
            bodies.append((rel, read.text_body))
    return read_index(bodies) if seen else None
