"""Where a Markdown file of the source lands in kbgen's tree: Hugo's `_index.md` is kbgen's `index.md`, and an MDX
page (Docusaurus' `x.mdx`) is `x.md`.

Hugo gives a section (a "branch bundle") its title, order and text in `_index.md`; kbgen in `index.md`. Adopted
under its own name, `_index.md` became an empty article called "About Hugo" inside a section titled by the folder's
name ("About"). A folder that has an `index.md` (or an `index.mdx`, itself written as `index.md`) as well keeps
both names as they are (Hugo would not build it).
"""

from __future__ import annotations

from collections.abc import Collection
from pathlib import PurePosixPath

HUGO_INDEX = "_index.md"
MDX = ".mdx"
PAGE_SUFFIXES = (".md", MDX)


def destination(rel: PurePosixPath, files: Collection[PurePosixPath]) -> PurePosixPath:
    """The path, from the tree's top, that the file at `rel` is written to."""
    if rel.suffix == MDX:
        rel = rel.with_suffix(".md")
    if rel.name == HUGO_INDEX and not {rel.with_name("index.md"), rel.with_name("index.mdx")} & set(files):
        return rel.with_name("index.md")
    return rel


def has_index(folder: PurePosixPath, files: Collection[PurePosixPath]) -> bool:
    """Whether the source gives `folder` its own section page, under any of its names."""
    names = ("index.md", "index.mdx", HUGO_INDEX)
    return any(rel.parent == folder and rel.name.lower() in names for rel in files)
