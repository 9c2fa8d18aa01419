"""Reads the `nav` of the MkDocs project a tree belongs to, for each page's place and each folder's name.

A team moving a MkDocs site to kbgen adopts its `docs/` folder; the order of its pages and the names of its
sections are in `mkdocs.yml` beside that folder, not in the pages:

    nav:
      - Home: index.md
      - Getting started:
          - Install: setup/install.md
          - setup/upgrade.md

kbgen places a page among its siblings by its `order` and titles a folder by its `index.md`, so the nav is read as
GitBook's SUMMARY.md is (kbgen.adopt.gitbook_summary): a page is numbered in its folder in the order the nav first
reaches it, a section titled by its entry when its pages share a folder. Only a `mkdocs.yml` (or `.yaml`) in the
adopted folder's parent whose `docs_dir` (`docs` by default) is that folder is read. It is composed, never
constructed: its `!!python/name` and `!ENV` tags run nothing, and a file over 1 MB, nested deeper than 64 levels or
of more than 100,000 nodes (an alias bomb) is a problem, not read. An entry naming no file of the tree or another
site is a problem with its line.
"""

from __future__ import annotations

import dataclasses
import posixpath
from collections.abc import Collection, Iterator
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from urllib.parse import unquote

import yaml

from kbgen.adopt.gitbook_summary import Entry, Summary, place_entries
from kbgen.adopt.mapping import Note, RepoFacts
from kbgen.adopt.outcome import Outcome
from kbgen.wording import plural

CONFIG_NAMES = ("mkdocs.yml", "mkdocs.yaml")
_MAX_BYTES = 1 << 20
_MAX_DEPTH = 64
_MAX_NODES = 100_000


@dataclass(slots=True)
class MkDocsNav:
    """The nav of the project the adopted tree is the `docs_dir` of."""

    config: Path
    node: yaml.Node | None = None  # the file composed
    summary: Summary = field(default_factory=Summary)
    problems: list[tuple[int, str]] = field(default_factory=list)  # (line in the config file, message)
    read: bool = False  # a nav was found and read


class _TooBig(Exception):
    pass


def find_mkdocs_nav(source: Path) -> MkDocsNav | None:
    """The MkDocs project whose `docs_dir` is `source`, or None when there is none beside it."""
    for name in CONFIG_NAMES:
        config = source.parent / name
        if config.is_file() and not config.is_symlink():
            nav = MkDocsNav(config)
            nav.node = _compose(config, nav)
            if nav.node is None:
                return nav  # its problem is told: the tree may well be its docs_dir
            return nav if _docs_dir_is(nav.node, config, source) else None
    return None


def read_mkdocs_nav(
    nav: MkDocsNav, source: Path, files: Collection[PurePosixPath], folder_pages: Collection[PurePosixPath]
) -> None:
    """Read `nav` (found by find_mkdocs_nav) for the tree's `files`; `folder_pages` are the pages adopted as their
    folder's index.md."""
    entries = _nav_entries(nav.node, set(files), nav) if nav.node is not None else None
    if entries is None:
        return
    origin = PurePosixPath(nav.config.name)
    nav.summary = place_entries(entries, origin, PurePosixPath("."), files, folder_pages, nav.summary)
    nav.read = True


def _compose(config: Path, nav: MkDocsNav) -> yaml.Node | None:
    try:
        if config.stat().st_size > _MAX_BYTES:
            nav.problems.append((0, f"over {_MAX_BYTES >> 20} MB; its nav is not read"))
            return None
        text = config.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        nav.problems.append((0, f"cannot be read ({exc}); its nav is not read"))
        return None
    try:
        root = yaml.compose(text, Loader=yaml.SafeLoader)  # nodes only: no tag is constructed, nothing runs
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        nav.problems.append(((mark.line + 1) if mark else 0, "not valid YAML; its nav is not read"))
        return None
    except RecursionError:  # `[[[…` thousands deep: the composer recurses before _measure can count
        nav.problems.append((0, f"nested deeper than {_MAX_DEPTH} levels; its nav is not read"))
        return None
    try:
        _measure(root, 0, [0])
    except _TooBig as exc:
        nav.problems.append((0, f"{exc}; its nav is not read"))
        return None
    return root


def _measure(node: yaml.Node | None, depth: int, count: list[int]) -> None:
    """Refuse a document nested too deep or with too many nodes (aliases counted each time they are used)."""
    if node is None:
        return
    count[0] += 1
    if depth > _MAX_DEPTH or count[0] > _MAX_NODES:
        raise _TooBig(f"nested deeper than {_MAX_DEPTH} levels or over {_MAX_NODES:,} nodes")
    if isinstance(node, yaml.MappingNode):
        for key, value in node.value:
            _measure(key, depth + 1, count)
            _measure(value, depth + 1, count)
    elif isinstance(node, yaml.SequenceNode):
        for item in node.value:
            _measure(item, depth + 1, count)


def _value(root: yaml.Node, key: str) -> yaml.Node | None:
    if not isinstance(root, yaml.MappingNode):
        return None
    return next((value for name, value in root.value if isinstance(name, yaml.ScalarNode) and name.value == key), None)


def _docs_dir_is(root: yaml.Node, config: Path, source: Path) -> bool:
    written = _value(root, "docs_dir")
    docs_dir = written.value if isinstance(written, yaml.ScalarNode) and written.tag.endswith(":str") else "docs"
    try:
        return (config.parent / docs_dir).resolve() == source.resolve()
    except (OSError, RuntimeError):
        return False


def _nav_entries(root: yaml.Node, files: set[PurePosixPath], nav: MkDocsNav) -> list[Entry] | None:
    items = _value(root, "nav")
    if items is None:
        return None
    if not isinstance(items, yaml.SequenceNode):
        nav.problems.append((items.start_mark.line + 1, "nav is not a list; its order is not read"))
        return None
    entries = [entry for item in items.value if (entry := _entry(item, files, nav)) is not None]
    nav.summary.entries = sum(1 for _ in _walk(entries))
    return entries


def _walk(entries: list[Entry]) -> Iterator[Entry]:
    for entry in entries:
        yield entry
        yield from _walk(entry.children)


def _entry(item: yaml.Node, files: set[PurePosixPath], nav: MkDocsNav) -> Entry | None:
    """One nav item: `page.md`, `Title: page.md`, `Title: https://...` or `Title: [items]`."""
    line = item.start_mark.line + 1
    title, target = "", item
    if isinstance(item, yaml.MappingNode) and len(item.value) == 1 and isinstance(item.value[0][0], yaml.ScalarNode):
        title, target = str(item.value[0][0].value), item.value[0][1]
    if isinstance(target, yaml.SequenceNode):
        children = [entry for child in target.value if (entry := _entry(child, files, nav)) is not None]
        return Entry(title, line, None, children)
    if not isinstance(target, yaml.ScalarNode) or not isinstance(target.value, str) or not target.value:
        nav.problems.append((line, "a nav entry that is neither a page, a link nor a section; skipped"))
        return None
    written = target.value
    path = written.split("#")[0].split("?")[0]
    if ":" in path.split("/")[0] or path.startswith("//"):
        return Entry(title, line, None)  # another site: MkDocs shows it as a link; kbgen lists only its own pages
    page = PurePosixPath(posixpath.normpath(unquote(path).lstrip("/")))
    if page.as_posix() == ".." or page.as_posix().startswith("../") or page not in files:
        nav.problems.append((line, f"'{title or written}' names {written}, which is not in the tree; not placed"))
        return Entry(title, line, None)
    return Entry(title, line, page)


def tell_mkdocs_nav(outcome: Outcome, nav: MkDocsNav) -> None:
    """The problems found in the project's mkdocs.yml, and what its nav gave."""
    for line, message in nav.problems:
        outcome.notes.append(Note("toc", nav.config.as_posix(), line, message))
    if nav.read:
        sections = sum(1 for name in nav.summary.sections.values() if name.title)
        entries = f"{nav.summary.entries} {'entry' if nav.summary.entries == 1 else 'entries'}"
        outcome.mkdocs_nav = (
            f"MkDocs: the nav of {nav.config.as_posix()} read ({entries}): "
            f"pages placed in its order, {plural(sections, 'section')} named"
        )


def nav_facts(nav: MkDocsNav, rel: PurePosixPath, kind: str, facts: RepoFacts) -> RepoFacts:
    """The page's place and name in the nav (a home page has no place)."""
    if not nav.read:
        return facts
    place = nav.summary.places.get(rel) if kind != "home" else None
    title = nav.summary.titles.get(rel, "")
    return dataclasses.replace(facts, place=place, nav_title=title, nav_origin=nav.config.name)
