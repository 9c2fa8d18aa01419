"""Reads GitBook's `SUMMARY.md`, the book's table of contents, for each page's place and each folder's name.

    # Table of contents
    * [Introduction](README.md)
    ## Input
    * [Input Plugins](input/README.md)
      * [tail](input/tail.md)

GitBook lists the pages in the order its sidebar shows them: a bullet's link is a page, its nested bullets the
pages under it, a `## Group` heading or a bullet without a link a heading over the bullets that follow or nest in
it. kbgen has no such file: a page is placed among its siblings by its `order`, a section (a folder) titled and
placed by its `index.md`. So every page and folder the summary reaches is numbered in its own folder in the order
the summary first reaches it (a page in `a/b/` also places `a/` and `a/b/`, where they have not been placed yet);
a folder is titled by the bullet linking its `README.md`, else by the group heading or bullet over pages that all
lie in one folder of their own. A link that leads to no file of the tree, or to another site, is a problem with its
line; a page the summary does not list keeps no place (kbgen lists it by title after those placed). mdBook's
SUMMARY.md, the same list, is read alike (its prefix chapters, links standing alone, are entries).
"""

from __future__ import annotations

import posixpath
import re
from collections import Counter
from collections.abc import Collection, Iterator
from dataclasses import dataclass, field
from pathlib import PurePosixPath
from urllib.parse import unquote

from kbgen.adopt.toc import SectionName, deepest_common_folder

_BULLET = re.compile(r"^(?P<indent>[ \t]*)[*+-][ \t]+(?P<text>\S.*?)[ \t]*$")
_GROUP = re.compile(r"^#{2,6}[ \t]+(?P<text>.*?)(?:[ \t]+#+)?[ \t]*$")
_HEADING = re.compile(r"^#[ \t]")
_RULE = re.compile(r"^[ \t]*(?:-[ \t]*){3,}$")
_LINK = re.compile(r"^\[(?P<title>(?:\\.|[^\]\\])*)\]\((?P<href><[^<>\n]*>|(?:[^()\s]|\([^()\s]*\))*)\)")
_ESCAPE = re.compile(r"\\([!-/:-@\[-`{-~])")
_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:|^//")
README = "README.md"
DEEPEST = 64  # bullets one inside the other; a real book nests fewer than 10, and the tree is walked by recursion


@dataclass(slots=True)
class Entry:
    """A line of a table of contents: its text, its line, the page it links (None for a heading), what nests."""

    title: str
    line: int
    page: PurePosixPath | None  # the page it links, from the tree's top
    children: list[Entry] = field(default_factory=list)


@dataclass(slots=True)
class Summary:
    """What one SUMMARY.md says: each page's place in its folder and its title there, each folder's name."""

    entries: int = 0  # bullets read
    places: dict[PurePosixPath, int] = field(default_factory=dict)  # page -> its place among its folder's files
    titles: dict[PurePosixPath, str] = field(default_factory=dict)  # page -> the bullet's text
    sections: dict[PurePosixPath, SectionName] = field(default_factory=dict)  # folder -> its title and place
    problems: list[tuple[int, str]] = field(default_factory=list)  # (line, message)


def read_summary(
    text: str,
    summary: PurePosixPath,
    root: PurePosixPath,
    files: Collection[PurePosixPath],
    folder_pages: Collection[PurePosixPath],
) -> Summary:
    """The places and names `text` (the file `summary`) gives; `root` is the book's folder (where `/x.md` starts),
    `files` every file of the tree, `folder_pages` the pages adopted as their folder's own page."""
    result = Summary()
    folders = {parent for file in files for parent in file.parents}
    tops = _parse(text, summary, root, set(files), folders, result)
    return place_entries(tops, summary, root, files, folder_pages, result)


def place_entries(
    tops: list[Entry],
    origin: PurePosixPath,
    root: PurePosixPath,
    files: Collection[PurePosixPath],
    folder_pages: Collection[PurePosixPath],
    result: Summary,
) -> Summary:
    """`result` with the places and names a table of contents' entries give (SUMMARY.md's, or MkDocs' `nav`
    read by kbgen.adopt.mkdocs_nav): `origin` is the file they were read from, for each section name's source."""
    summary = origin
    folders = {parent for file in files for parent in file.parents}
    placer = _Placer(root)
    for entry in _walk(tops):
        if entry.page is None:
            continue
        result.titles.setdefault(entry.page, entry.title)
        subject = _subject(entry.page, folder_pages)
        if subject == root or root not in subject.parents:
            continue
        placer.place(subject)
        result.places.setdefault(entry.page, placer.places[subject])
        if subject != entry.page and entry.title:
            name = SectionName(entry.title, placer.places[subject], summary, entry.line)
            result.sections.setdefault(subject, name)
    for entry, context in _headings(tops, root, folder_pages):
        common = _common_folder(entry.children)
        if entry.title and common is not None and context in common.parents:
            placer.place(common)
            result.sections.setdefault(common, SectionName(entry.title, placer.places[common], summary, entry.line))
    for folder, place in placer.places.items():
        if folder in folders:
            result.sections.setdefault(folder, SectionName("", place, summary, 0))
    return result


def _subject(page: PurePosixPath, folder_pages: Collection[PurePosixPath]) -> PurePosixPath:
    """What a page places: its folder for a folder's own page (its README), else the page itself."""
    return page.parent if page in folder_pages else page


class _Placer:
    """Numbers the pages and folders of each folder in the order they are first reached."""

    def __init__(self, root: PurePosixPath) -> None:
        self.root = root
        self.places: dict[PurePosixPath, int] = {}
        self.counters: Counter[PurePosixPath] = Counter()

    def place(self, path: PurePosixPath) -> None:
        if path in self.places or path == self.root:
            return
        if path.parent != self.root:
            self.place(path.parent)
        self.counters[path.parent] += 1
        self.places[path] = self.counters[path.parent]


def _walk(entries: list[Entry]) -> Iterator[Entry]:
    for entry in entries:
        yield entry
        yield from _walk(entry.children)


def _headings(
    entries: list[Entry], context: PurePosixPath, folder_pages: Collection[PurePosixPath]
) -> Iterator[tuple[Entry, PurePosixPath]]:
    """Each entry with nested entries that links no folder page (a group heading, a bullet without a link or one
    linking an ordinary page), with the folder its parent stands for."""
    for entry in entries:
        folder_link = entry.page is not None and entry.page in folder_pages
        if entry.children and not folder_link:
            yield entry, context
        inner = context if entry.page is None else entry.page.parent
        yield from _headings(entry.children, inner, folder_pages)


def _common_folder(entries: list[Entry]) -> PurePosixPath | None:
    """The deepest folder holding every page the entries (at any depth) link; None when they link none."""
    return deepest_common_folder([entry.page.parent for entry in _walk(entries) if entry.page is not None])


def _parse(
    text: str,
    summary: PurePosixPath,
    root: PurePosixPath,
    files: set[PurePosixPath],
    folders: set[PurePosixPath],
    result: Summary,
) -> list[Entry]:
    """The summary's entries as a tree: group headings hold the bullets that follow them."""
    tops: list[Entry] = []
    group: Entry | None = None
    stack: list[tuple[int, Entry]] = []
    fenced = too_deep = False
    for number, line in enumerate(text.splitlines(), start=1):
        if line.lstrip().startswith(("```", "~~~")):
            fenced = not fenced
            continue
        if fenced or not line.strip() or line.lstrip().startswith("<!--") or _HEADING.match(line):
            continue
        heading = _GROUP.match(line)
        if heading:
            group = Entry(_unescape(heading["text"]), number, None)
            tops.append(group)
            stack = []
            continue
        if _RULE.match(line):
            continue  # mdBook's separator between parts
        bullet = _BULLET.match(line)
        if bullet is None and _LINK.match(line.strip()):  # mdBook's prefix and suffix chapters: links of their own
            bullet = _BULLET.match(f"* {line.strip()}")
            stack = []
        if bullet is None:
            result.problems.append((number, "neither a heading nor a list item; skipped"))
            continue
        entry = _entry(bullet["text"], number, summary, root, files, folders, result)
        result.entries += 1
        indent = len(bullet["indent"].expandtabs(4))
        while stack and stack[-1][0] >= indent:
            stack.pop()
        if len(stack) >= DEEPEST:
            if not too_deep:  # said once: a runaway indent would repeat it on every line below
                message = (
                    f"nested deeper than {DEEPEST} levels; this bullet and any deeper are placed at the {DEEPEST}th"
                )
                result.problems.append((number, message))
            too_deep = True
            del stack[DEEPEST - 1 :]
        parent = stack[-1][1].children if stack else (group.children if group is not None else tops)
        parent.append(entry)
        stack.append((indent, entry))
    return tops


def _entry(
    written: str,
    line: int,
    summary: PurePosixPath,
    root: PurePosixPath,
    files: set[PurePosixPath],
    folders: set[PurePosixPath],
    result: Summary,
) -> Entry:
    link = _LINK.match(written)
    if link is None:
        return Entry(_unescape(written), line, None)
    title = _unescape(link["title"]).strip()
    href = link["href"]
    href = href[1:-1] if href.startswith("<") else href
    path = href.split("#")[0].split("?")[0]
    if not path:
        return Entry(title, line, None)
    if _SCHEME.match(path):
        result.problems.append((line, f"'{title}' links to {href}, another site; kbgen lists only its own pages"))
        return Entry(title, line, None)
    base = root if path.startswith("/") else summary.parent
    joined = posixpath.normpath(posixpath.join(base.as_posix(), unquote(path).lstrip("/")))
    page = PurePosixPath(joined)
    if joined == ".." or joined.startswith("../"):
        result.problems.append((line, f"'{title}' links to {href}, outside the adopted folder; not placed"))
        return Entry(title, line, None)
    if page in folders and page / README in files:
        page = page / README
    if page not in files:
        result.problems.append((line, f"'{title}' links to {href}, which is not in the tree; not placed"))
        return Entry(title, line, None)
    return Entry(title, line, page)


def _unescape(text: str) -> str:
    return _ESCAPE.sub(r"\1", text).strip()
