"""Reads DocFX `TOC.yml` files for the names (and places) their writers gave the tree's folders.

kbgen has no TOC file: a section is a folder, titled by its `index.md` or else by the folder's name ("Psa",
"Prod pma"). A DocFX tree names its sections in `TOC.yml` instead, a YAML list of items with `name`, `href` and
nested `items`. An item names a folder when its `href` is that folder (`psa/`), its `index.md` or its own
`TOC.yml`; an item with no `href` names the folder all its pages lie in, when that is a folder of its own below
the one its parent stands for. The first item to name a folder wins, an `href` before a grouping. Its `title` is
the item's name and its `order` the item's place among its siblings. The YAML is read with the writers' safe
loader, aliases refused; a TOC that cannot be read is a note with its line, never a crash.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

import yaml

from kbgen.adopt.tree_links import linked_file
from kbgen.loading.frontmatter import decode
from kbgen.yaml_loader import WriterLoader, refused_event, yaml_problem

MAX_BYTES = 1024 * 1024  # a TOC of a thousand pages is about 100 KiB
TOC_NAME = "toc.yml"


@dataclass(frozen=True, slots=True)
class SectionName:
    """What a TOC (or a Docusaurus category file) says of one folder: its title, its place among its siblings, and
    the file and line saying so; a category file may also describe it, or leave the title or the place unsaid."""

    title: str
    order: int | None
    toc: PurePosixPath
    line: int
    summary: str = ""


@dataclass(slots=True)
class Tocs:
    """The folder names of every TOC of a tree, and what could not be read (file, line, message)."""

    sections: dict[PurePosixPath, SectionName] = field(default_factory=dict)
    read: set[PurePosixPath] = field(default_factory=set)  # TOC files whose names were read
    seen: set[PurePosixPath] = field(default_factory=set)  # every TOC file, read or noted as a problem
    problems: list[tuple[PurePosixPath, int, str]] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class _Item:
    name: str
    line: int
    href: PurePosixPath | None  # the file or folder it points at, from the tree's top
    folder_href: bool  # the href names a folder (`psa/`, `psa/index.md`, `psa/TOC.yml`)
    items: tuple[_Item, ...]


def is_toc(rel: PurePosixPath) -> bool:
    return rel.name.lower() == TOC_NAME


def read_tocs(root: Path, files: Iterable[PurePosixPath]) -> Tocs:
    """The section names of every `TOC.yml` below `root`, the shallowest TOC first."""
    tocs = Tocs()
    listed = list(files)
    folders = {parent for file in listed for parent in file.parents}
    inferred: list[tuple[PurePosixPath, SectionName]] = []
    for rel in sorted((rel for rel in listed if is_toc(rel)), key=lambda rel: (len(rel.parts), rel)):
        tocs.seen.add(rel)
        items = _load(root, rel, folders, tocs)
        if items is None:
            continue
        tocs.read.add(rel)
        _walk(items, rel, rel.parent, tocs, inferred)
    for folder, name in inferred:
        tocs.sections.setdefault(folder, name)
    return tocs


def _load(root: Path, rel: PurePosixPath, folders: set[PurePosixPath], tocs: Tocs) -> list[_Item] | None:
    problem = file_problem(root / rel)
    if problem is not None:
        tocs.problems.append((rel, 0, f"{problem}; its section names are not used"))
        return None
    text, findings = decode((root / rel).read_bytes(), rel.as_posix())
    if text is None:
        tocs.problems.append((rel, findings[0].line, f"{findings[0].message}; its section names are not used"))
        return None
    try:
        refused = refused_event(text)
        if refused is not None:
            line, what = refused
            said = "an alias (*name); write the item out" if what == "alias" else f"{what}; flatten them"
            tocs.problems.append((rel, line, f"{said}. Its section names are not used"))
            return None
        node = yaml.compose(text, Loader=WriterLoader)
    except yaml.YAMLError as exc:
        line, problem = yaml_problem(exc)
        tocs.problems.append((rel, line, f"YAML syntax error: {problem}; its section names are not used"))
        return None
    if node is None:
        return []
    if not isinstance(node, yaml.SequenceNode):
        tocs.problems.append((rel, node.start_mark.line + 1, "not a list of items (- name: ..., href: ...); not used"))
        return None
    return _items(node, rel, folders, tocs)


def file_problem(path: Path) -> str | None:
    """Why the TOC (or category file) is not read: not a regular file (a link, a pipe) or too big."""
    try:
        info = os.lstat(path)
    except OSError as exc:
        return f"cannot read it: {exc.strerror or exc}"
    if not stat.S_ISREG(info.st_mode):
        return "not a regular file"
    if info.st_size > MAX_BYTES:
        return f"{info.st_size // 1024} KiB; adopt reads TOC files of up to {MAX_BYTES // 1024} KiB"
    return None


def _items(node: yaml.SequenceNode, toc: PurePosixPath, folders: set[PurePosixPath], tocs: Tocs) -> list[_Item]:
    found: list[_Item] = []
    for entry in node.value:
        line = entry.start_mark.line + 1
        if not isinstance(entry, yaml.MappingNode):
            tocs.problems.append((toc, line, "an item that is not a mapping (name:, href:, items:); skipped"))
            continue
        values = {key.value: value for key, value in entry.value if isinstance(key, yaml.ScalarNode)}
        name = values.get("name")
        title = name.value.strip() if isinstance(name, yaml.ScalarNode) else ""
        href_node = values.get("href")
        href = href_node.value.strip() if isinstance(href_node, yaml.ScalarNode) else ""
        target = linked_file(href, toc.parent) if href else None
        folder_href = target is not None and (
            href.split("#")[0].split("?")[0].endswith("/")
            or target in folders
            or target.name.lower() in ("index.md", TOC_NAME)
        )
        if target is not None and folder_href and target.name.lower() in ("index.md", TOC_NAME):
            target = target.parent
        children = values.get("items")
        inner = _items(children, toc, folders, tocs) if isinstance(children, yaml.SequenceNode) else []
        if children is not None and not isinstance(children, yaml.SequenceNode):
            tocs.problems.append((toc, children.start_mark.line + 1, "'items' is not a list; its items are skipped"))
        if not title:
            tocs.problems.append((toc, line, "an item without a text 'name'; it names no section"))
        found.append(_Item(title, line, target, folder_href, tuple(inner)))
    return found


def _walk(
    items: list[_Item] | tuple[_Item, ...],
    toc: PurePosixPath,
    parent: PurePosixPath,
    tocs: Tocs,
    inferred: list[tuple[PurePosixPath, SectionName]],
) -> None:
    for place, item in enumerate(items, start=1):
        folder = item.href if item.folder_href else None
        if folder is None and item.href is None and item.items:
            common = _common_folder(item.items)
            if common is not None and common != parent and parent in common.parents:
                if item.name:
                    inferred.append((common, SectionName(item.name, place, toc, item.line)))
                folder = common
        elif folder is not None and item.name and folder.parts:
            tocs.sections.setdefault(folder, SectionName(item.name, place, toc, item.line))
        _walk(item.items, toc, folder if folder is not None else parent, tocs, inferred)


def _common_folder(items: Iterable[_Item]) -> PurePosixPath | None:
    """The deepest folder holding every page the items (at any depth) point at; None when they point at none."""
    folders: list[PurePosixPath] = []
    stack = list(items)
    while stack:
        item = stack.pop()
        if item.href is not None:
            folders.append(item.href if item.folder_href else item.href.parent)
        stack.extend(item.items)
    return deepest_common_folder(folders)


def deepest_common_folder(folders: list[PurePosixPath]) -> PurePosixPath | None:
    """The deepest folder holding every one of `folders` (the folder itself when they are all one); None for none.
    What a table of contents' heading names when every page under it lies in one folder."""
    if not folders:
        return None
    common = folders[0]
    for folder in folders[1:]:
        while common != folder and common not in folder.parents:
            common = common.parent
    return common
