"""The addresses each page of an adopted tree was served at, and links written to them pointed at its file.

Docusaurus serves a page at its folder and `id` (`i18n/i18n-git.md` with `id: git` is `i18n/git`), or at its
`slug` (`slug: /i18n/git` from the docs' root, `slug: git` from the page's folder), with number prefixes taken
off (`01-intro.md` is `intro`); Hugo at its `url`, or its folder and `slug`. Writers link by these addresses
(`../api/plugin-methods`, `/i18n/git`), which name no file once adopted. Such a link is rewritten to the relative
path of the page it names:

- a relative link that names no file of the tree, read from the page's folder, matched to a page's path (without
  `.md`), id or slug; an address two pages claim is not guessed;
- a site-root link (`/i18n/git`) matched to an address a page declares (its id, slug, url or alias): those are
  from the site's root by the generators' own definition; other site-root links are `--published-at`'s
  (kbgen.adopt.site_links, which reads these addresses too);
- in a tree served from the site's root by its paths (VitePress' docs folder, Starlight's `src/content/docs/`, or
  a locale folder in either, whose links start with the locale: `/zh/guide/intro`), a site-root link matched to a
  page's path as a relative one is;
- a link to a file adopted under another name (`x.mdx` is `x.md`, Hugo's `_index.md` is `index.md`).

A relative link without a file extension that still names nothing is listed with its line. Hugo's `aliases`, the
page's old addresses, become its `redirect_from` entries (kbgen.links.redirects) when they stay inside the tree
and name no other page; the others are listed. The targets come from `link_targets`, the scan the link check
reads, so code is never rewritten.
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import PurePosixPath
from urllib.parse import quote, unquote

from kbgen.adopt.tree_links import linked_file, split_target
from kbgen.links.extract import link_targets
from kbgen.links.redirects import normalize_old_path
from kbgen.loading.frontmatter import FieldValue

_NUMBER_PREFIX = re.compile(r"^\d+\s*[-_.]+\s*(?=[^-_.\s])")  # Docusaurus' default number prefix parser
_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:")
_INDEX_NAMES = ("index", "readme", "_index")
_SECTION_NAMES = ("index.md", "_index.md", "index.mdx")
_AMBIGUOUS = PurePosixPath("\x00")
_PATH_SAFE = "/()!$&'*+,;=:@~"  # kept as written in a quoted path: only spaces and the like are encoded


def address(path: str) -> str:
    """A path as addresses are compared: unquoted, no slashes around it, in lower case."""
    return unquote(path).strip("/").lower()


def _text(fields: Mapping[str, FieldValue], key: str) -> str:
    value = fields.get(key)
    found = value.value if value is not None else None
    return str(found).strip() if isinstance(found, str | int) and not isinstance(found, bool) else ""


@dataclass(frozen=True, slots=True)
class Redirects:
    entries: tuple[str, ...] = ()
    problems: tuple[tuple[int, str], ...] = ()  # (line, message) for each alias not carried


@dataclass(slots=True)
class Pointed:
    text: str
    mapped: int = 0  # links now the relative path of the page they named
    unmapped: list[tuple[int, str]] = field(default_factory=list)  # (line, message)


class Addresses:
    """The addresses of the pages of one tree: `pages` maps each page's path (from the tree's top) to its front
    matter; `destination` gives where a file is adopted; `files` is every file of the tree."""

    def __init__(
        self,
        pages: Mapping[PurePosixPath, Mapping[str, FieldValue]],
        destination: Callable[[PurePosixPath], PurePosixPath],
        files: Iterable[PurePosixPath],
        lang: str,
        served_at: str | None = None,
    ) -> None:
        self.files = frozenset(files)
        self.served_at = served_at  # the tree's folder from the site's root when the site serves it by its paths
        self.folders = frozenset(parent for file in self.files for parent in file.parents)
        self.destination = destination
        self._by_path: dict[str, PurePosixPath] = {}
        self._declared: dict[str, PurePosixPath] = {}
        for rel in sorted(pages):
            for found in _path_addresses(destination(rel)):
                _claim(self._by_path, found, rel)
            for found in _declared_addresses(rel, pages[rel]):
                _claim(self._declared, found, rel)
        served = set(self._by_path)
        for rel in pages:
            served |= _declared_addresses(rel, pages[rel]) - _alias_keys(rel, pages[rel])
        self._redirects = _alias_redirects(pages, lang, served, destination)

    def page(self, path: str, declared_only: bool = False) -> PurePosixPath | None:
        """The page (from the tree's top) served at `path`; None when none is, or two are."""
        key = address(path)
        found = self._declared.get(key)
        if found is None and not declared_only:
            found = self._by_path.get(key)
        return None if found is None or found == _AMBIGUOUS else found

    def redirects(self, rel: PurePosixPath) -> Redirects:
        return self._redirects.get(rel, Redirects())

    def point(self, text: str, page: PurePosixPath, first_line: int = 1) -> Pointed:
        """`text`, the body of the page at `page` (from the tree's top), with its links to page addresses, and to
        files adopted under another name, written as the relative path of the adopted file."""
        result = Pointed(text)
        pieces: list[str] = []
        done = 0
        for _, target, at in link_targets(text):
            found = self._pointed(target, page)
            if isinstance(found, str):
                pieces += [text[done:at], found]
                done = at + len(target)
                result.mapped += 1
            elif found is not None:
                line = first_line + text.count("\n", 0, at)
                result.unmapped.append((line, found[1]))
        result.text = "".join(pieces) + text[done:]
        return result

    def _pointed(self, target: str, page: PurePosixPath) -> str | tuple[None, str] | None:
        """The new target, (None, why) for a page address that names nothing, or None to leave it alone."""
        if not target or target.startswith(("#", "?", "//", "~", "\\")) or _SCHEME.match(target):
            return None
        path, rest = split_target(target)
        if not path:
            return None
        if path.startswith("/"):
            found = self.page(path, declared_only=True)
            if found is None and self.served_at is not None:
                found = self._served(path)
            return None if found is None else self._relative(found, page, rest)
        linked = linked_file(target, page.parent)
        if linked is None:
            return None
        if linked in self.files:
            adopted = self.destination(linked)
            return None if adopted == linked else self._relative(linked, page, rest, written=path)
        found = self.page(linked.as_posix())
        if found is not None:
            return self._relative(found, page, rest)
        if linked in self.folders or "." in linked.name:
            return None  # a folder, or a file that is not there: the link check names it
        return None, f"link '{target}' names no page of the adopted tree by its path, id or slug; not rewritten"

    def _served(self, path: str) -> PurePosixPath | None:
        """The page a site-root link names by its path, in a tree the site serves by its paths."""
        prefix = f"/{self.served_at}" if self.served_at else ""
        if prefix and not (path == prefix or path.startswith(prefix + "/")):
            return None
        inside = path[len(prefix) :].strip("/")
        linked = PurePosixPath(inside) if inside else PurePosixPath("index.md")
        if linked in self.files:
            return linked
        return self.page(inside or "index")

    def _relative(self, rel: PurePosixPath, page: PurePosixPath, rest: str, written: str = "") -> str:
        """The adopted file's path from the page. A link written percent-encoded (`image%20%281%29.png`, which
        outside `<…>` must not become a path with a space) keeps its file name as written, or has it encoded."""
        adopted = self.destination(rel)
        new = posixpath.relpath(adopted.as_posix(), page.parent.as_posix() or ".")
        if "%" not in written:
            return new + rest
        name = written.rsplit("/", 1)[-1]
        if unquote(name) == adopted.name:
            folder = posixpath.dirname(new)
            return quote(folder, safe=_PATH_SAFE) + ("/" if folder else "") + name + rest
        return quote(new, safe=_PATH_SAFE) + rest


def _claim(table: dict[str, PurePosixPath], key: str, rel: PurePosixPath) -> None:
    held = table.get(key)
    table[key] = rel if held is None or held == rel else _AMBIGUOUS


def _path_addresses(rel: PurePosixPath) -> set[str]:
    """The addresses a page has by its path: without its extension, a folder's index (or README, or a page named
    as its folder) as the folder, and with Docusaurus' number prefixes taken off."""
    stem = rel.with_suffix("")
    names = [stem]
    if stem.name.lower() in _INDEX_NAMES or (stem.parent.name and stem.name == stem.parent.name):
        names.append(stem.parent)
    found: set[str] = set()
    for name in names:
        found.add(address(name.as_posix()))
        found.add(address("/".join(_NUMBER_PREFIX.sub("", part) for part in name.parts)))
    found.discard("")
    found.discard(".")
    return found


def _declared_addresses(rel: PurePosixPath, fields: Mapping[str, FieldValue]) -> set[str]:
    """The addresses a page's front matter gives it: Docusaurus' `id` and `slug`, Hugo's `slug`, `url` and
    `aliases`."""
    folder = rel.parent.as_posix()
    found: set[str] = set()
    page_id = _text(fields, "id")
    if page_id:
        found.add(address(page_id if "/" in page_id else posixpath.join(folder, page_id)))
    for key in ("slug", "url"):
        written = _text(fields, key)
        if written:
            from_top = written.startswith("/") or key == "url"
            found.add(address(written if from_top else posixpath.join(folder, written)))
    for alias, _ in _aliases(fields):
        where = _alias_path(alias, rel)
        if where is not None:
            found.add(address(where))
    found.discard("")
    found.discard(".")
    return found


def _aliases(fields: Mapping[str, FieldValue]) -> list[tuple[str, int]]:
    value = fields.get("aliases")
    if value is None:
        return []
    written = value.value if isinstance(value.value, list) else [value.value]
    return [(str(alias).strip(), value.key_line) for alias in written if isinstance(alias, str) and alias.strip()]


def _alias_path(alias: str, rel: PurePosixPath) -> str | None:
    """The path from the tree's top that a Hugo alias names (from the site's root, or from the page's folder);
    None for an address on another site or one above the tree."""
    if _SCHEME.match(alias) or alias.startswith("//"):
        return None
    # joined as a relative path: normpath keeps a '..' that climbs above it, where on '/x/..' it drops it
    joined = alias.lstrip("/") if alias.startswith("/") else posixpath.join(rel.parent.as_posix(), alias)
    path = posixpath.normpath(joined or ".")
    if path == "." or path == ".." or path.startswith("../"):
        return None
    return path + ("/" if alias.endswith("/") else "")


def _alias_redirects(
    pages: Mapping[PurePosixPath, Mapping[str, FieldValue]],
    lang: str,
    served: set[str],
    destination: Callable[[PurePosixPath], PurePosixPath],
) -> dict[PurePosixPath, Redirects]:
    """Each page's `redirect_from` entries from its Hugo aliases, and why any alias is not one; `served` holds the
    addresses the pages are served at (their paths, ids, slugs and urls)."""
    result: dict[PurePosixPath, Redirects] = {}
    claimed: dict[str, PurePosixPath] = {}
    for rel in sorted(pages):
        fields = pages[rel]
        aliases = _aliases(fields)
        if not aliases:
            continue
        entries: list[str] = []
        problems: list[tuple[int, str]] = []
        own = fields.get("redirect_from")
        for alias, line in aliases:
            section = destination(rel).name.lower() in _SECTION_NAMES
            why = _alias_problem(alias, rel, section, lang, own is not None, claimed)
            path = _alias_path(alias, rel)
            if not why and path is not None and address(path) in served:
                why = "is the address of an adopted page"
            if why:
                problems.append((line, f"alias '{alias}' not made a redirect: it {why}"))
                continue
            assert path is not None
            entry = f"{lang}/{path}"
            claimed[address(path)] = rel
            if entry not in entries:
                entries.append(entry)
        result[rel] = Redirects(tuple(entries), tuple(problems))
    return result


def _alias_keys(rel: PurePosixPath, fields: Mapping[str, FieldValue]) -> set[str]:
    return {address(path) for alias, _ in _aliases(fields) if (path := _alias_path(alias, rel)) is not None}


def _alias_problem(
    alias: str, rel: PurePosixPath, section: bool, lang: str, has_own: bool, claimed: dict[str, PurePosixPath]
) -> str:
    if section:
        return "is on a section page, and kbgen redirects only to articles"
    if has_own:
        return "is on a page with its own redirect_from, which is kept as written"
    path = _alias_path(alias, rel)
    if path is None:
        return "is an address on another site, or above the adopted tree"
    _, why = normalize_old_path(f"{lang}/{path}")
    if why:
        return f"is {why}"
    held = claimed.get(address(path))
    if held is not None and held != rel:
        return f"is claimed by {held} already"
    return ""
