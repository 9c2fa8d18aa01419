"""GitBook's redirects (`.gitbook.yaml`'s `redirects:`, an old address: the file now there) made `redirect_from`
entries on the pages they lead to, as Hugo's aliases are (kbgen.adopt.page_addresses).

GitBook serves a moved page at its old address by this table; kbgen by the page's own `redirect_from`
(kbgen.links.redirects), each entry a site path in the adopted language (`en/reference/migration-guide`). An entry
is carried when it leads to an article of the tree: one leading to a file that is not there, to a section page
(kbgen redirects only to articles), to a page with its own `redirect_from` (kept as written), or from an address a
page is served at or another entry claims, is a problem with its line in `.gitbook.yaml`.
"""

from __future__ import annotations

from collections.abc import Callable, Collection
from dataclasses import dataclass, field
from pathlib import PurePosixPath

from kbgen.adopt.gitbook_config import BookRedirect
from kbgen.adopt.page_addresses import Addresses, address
from kbgen.links.redirects import normalize_old_path

_SECTION_NAMES = ("index.md",)


@dataclass(slots=True)
class BookRedirects:
    entries: dict[PurePosixPath, list[str]] = field(default_factory=dict)  # page (from the tree's top) -> entries
    problems: list[tuple[int, str]] = field(default_factory=list)  # (line in .gitbook.yaml, message)


def book_redirects(
    redirects: list[BookRedirect],
    lang: str,
    pages: Collection[PurePosixPath],
    place: Callable[[PurePosixPath], PurePosixPath],
    addresses: Addresses,
    own: Collection[PurePosixPath],
) -> BookRedirects:
    """The `redirect_from` entries of each page; `pages` are the pages adopted (from the tree's top), `place` where
    each is written, `own` the pages that have a `redirect_from` of their own."""
    result = BookRedirects()
    claimed: dict[str, PurePosixPath] = {}
    for redirect in redirects:
        why = _problem(redirect, lang, pages, place, addresses, own, claimed)
        if why:
            result.problems.append((redirect.line, f"redirect '{redirect.old}' not carried: {why}"))
            continue
        claimed[address(redirect.old)] = redirect.target
        entry = f"{lang}/{redirect.old.lstrip('/')}"
        entries = result.entries.setdefault(redirect.target, [])
        if entry not in entries:
            entries.append(entry)
    return result


def _problem(
    redirect: BookRedirect,
    lang: str,
    pages: Collection[PurePosixPath],
    place: Callable[[PurePosixPath], PurePosixPath],
    addresses: Addresses,
    own: Collection[PurePosixPath],
    claimed: dict[str, PurePosixPath],
) -> str:
    target = redirect.target
    if target not in pages:
        return f"it leads to {target}, which is not a page of the adopted tree"
    if place(target).name in _SECTION_NAMES:
        return f"it leads to a section page ({target}), and kbgen redirects only to articles"
    if target in own:
        return f"{target} has its own redirect_from, which is kept as written"
    _, why = normalize_old_path(f"{lang}/{redirect.old.lstrip('/')}")
    if why:
        return f"it is {why}"
    served = addresses.page(redirect.old)
    if served is not None:
        return f"it is the address of {served}, an adopted page"
    held = claimed.get(address(redirect.old))
    if held is not None:
        return f"an entry above leads it to {held} already"
    return ""
