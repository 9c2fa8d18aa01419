"""Reads a Sphinx tree's `{toctree}` directives, from its root page down, for each page's place and each folder's
name, as MkDocs' nav is read (kbgen.adopt.mkdocs_nav).

    # Overview                      (index.md, Sphinx's root page)
    ```{toctree}
    :caption: Authoring
    syntax/cross-referencing
    Admonitions <syntax/admonitions>
    ```

Sphinx builds its sidebar from the toctrees: the root page's entries in order, each entry's own toctrees nested
under it. kbgen places a page among its siblings by its `order` and titles a folder by its `index.md`, so the
toctrees are read as GitBook's SUMMARY.md is (kbgen.adopt.gitbook_summary.place_entries): a page is numbered in its
folder in the order the toctrees first reach it, a `:caption:` names the folder its pages share, an entry's
`Title <page>` is the page's title in the sidebar. `:hidden:` toctrees order as the others do. An entry naming
no page of the tree is a problem with its file and line; a glob (`:glob:` and `*`) and a URL are passed over (a glob
with a note: kbgen cannot tell which pages Sphinx would have matched in which order).
"""

from __future__ import annotations

import dataclasses
import posixpath
import re
from collections.abc import Collection, Iterator
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from kbgen.adopt.gitbook_summary import Entry, Summary, place_entries
from kbgen.adopt.include_files import read_regular
from kbgen.adopt.mapping import Note, RepoFacts
from kbgen.adopt.myst_directives import find_toctrees
from kbgen.adopt.outcome import Outcome
from kbgen.adopt.source_file import split_source
from kbgen.model import Finding
from kbgen.wording import plural

ROOT_PAGE = PurePosixPath("index.md")  # Sphinx's `root_doc` unless conf.py says otherwise (never read here)
_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:|^//")
_GLOB = re.compile(r"[*?\[]")
_SUFFIXES = (".md", ".markdown")


@dataclass(slots=True)
class Toctrees:
    """What the tree's toctrees say: the summary of places and names, where each page was listed from."""

    summary: Summary = field(default_factory=Summary)
    listed_in: dict[PurePosixPath, PurePosixPath] = field(default_factory=dict)  # page -> the page listing it
    problems: list[tuple[PurePosixPath, int, str]] = field(default_factory=list)  # (page, line, message)
    read: bool = False  # the root page has at least one toctree


def read_toctrees(source: Path, pages: Collection[PurePosixPath], folder_pages: Collection[PurePosixPath]) -> Toctrees:
    """The toctrees of the tree at `source`, read from its root page down; `pages` are its Markdown pages and
    `folder_pages` those adopted as their folder's index.md."""
    result = Toctrees()
    if ROOT_PAGE not in pages:
        return result
    known = set(pages)
    seen = {ROOT_PAGE}
    where: dict[tuple[str, int], PurePosixPath] = {}
    tops = _entries(source, ROOT_PAGE, known, seen, where, result, 0)
    if not tops:
        return result
    result.summary.entries = sum(1 for _ in _walk(tops))
    place_entries(tops, ROOT_PAGE, PurePosixPath("."), known, folder_pages, result.summary)
    for folder, name in result.summary.sections.items():  # each name from the page whose toctree gave it
        origin = where.get((name.title, name.line))
        if origin is not None:
            result.summary.sections[folder] = dataclasses.replace(name, toc=origin)
    result.read = True
    return result


def _walk(entries: list[Entry]) -> Iterator[Entry]:
    for entry in entries:
        yield entry
        yield from _walk(entry.children)


def _entries(
    source: Path,
    page: PurePosixPath,
    known: set[PurePosixPath],
    seen: set[PurePosixPath],
    where: dict[tuple[str, int], PurePosixPath],
    result: Toctrees,
    depth: int,
) -> list[Entry]:
    """The entries of `page`'s toctrees, each page's own nested under it (a page already reached is not again)."""
    text = _body(source / page.as_posix())
    if text is None or "toctree" not in text[0]:
        return []
    found: list[Entry] = []
    for tree in find_toctrees(*text):
        items: list[Entry] = []
        for title, target, line in tree.entries:
            if _SCHEME.match(target):
                continue  # another site: Sphinx links it; kbgen's sidebar lists only its pages
            if tree.glob and _GLOB.search(target):
                why = f"toctree entry '{target}' is a glob; its pages keep no place: name each page in the toctree"
                result.problems.append((page, line, why))
                continue
            named = _page(target, page, known)
            if named is None:
                result.problems.append((page, line, f"toctree entry '{target}' names no page of the tree; not placed"))
                continue
            if named in seen:
                continue
            seen.add(named)
            result.listed_in[named] = page
            where[(title, line)] = page
            children = _entries(source, named, known, seen, where, result, depth + 1) if depth < 32 else []
            items.append(Entry(title, line, named, children))
        if tree.caption and items:
            where[(tree.caption, tree.line)] = page
            found.append(Entry(tree.caption, tree.line, None, items))
        else:
            found.extend(items)
    return found


def _body(path: Path) -> tuple[str, int] | None:
    try:
        data = read_regular(path)  # a named pipe would block, a device never end
    except OSError:
        return None  # named when the page itself is adopted
    if not isinstance(data, bytes):
        return None
    read = split_source(data, path.as_posix())
    return None if isinstance(read, Finding) else (read.text_body, read.body_line)


def _page(target: str, page: PurePosixPath, known: set[PurePosixPath]) -> PurePosixPath | None:
    """The page a toctree entry names: a document name from the page's folder, or from the top when it starts
    with `/`; its `.md` optional."""
    joined = target.lstrip("/") if target.startswith("/") else posixpath.join(page.parent.as_posix(), target)
    base = posixpath.normpath(joined)
    for candidate in (base, *(base + suffix for suffix in _SUFFIXES)):
        if PurePosixPath(candidate) in known:
            return PurePosixPath(candidate)
    return None


def tell_toctrees(outcome: Outcome, toctrees: Toctrees) -> None:
    """The problems found in the toctrees, and what they gave."""
    for page, line, message in toctrees.problems:
        outcome.notes.append(Note("toc", (outcome.source / page).as_posix(), line, message))
    if toctrees.read:
        sections = sum(1 for name in toctrees.summary.sections.values() if name.title)
        count = toctrees.summary.entries
        outcome.myst_toctrees = (
            f"Sphinx: the toctrees from {ROOT_PAGE} read ({count} {'entry' if count == 1 else 'entries'}): "
            f"pages placed in their order, {plural(sections, 'section')} named"
        )


def toctree_facts(toctrees: Toctrees, rel: PurePosixPath, kind: str, facts: RepoFacts) -> RepoFacts:
    """The page's place and sidebar title from the toctree listing it (a home page has no place)."""
    if not toctrees.read or rel not in toctrees.summary.titles:
        return facts
    place = toctrees.summary.places.get(rel) if kind != "home" else None
    title = toctrees.summary.titles.get(rel, "")
    origin = toctrees.listed_in.get(rel, ROOT_PAGE).as_posix()
    return dataclasses.replace(facts, place=place, nav_title=title, nav_origin=origin)
