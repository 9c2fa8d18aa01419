"""Links written for the site the adopted pages were published on, pointed where they lead once adopted.

A docs tree published on a big site links by the site's root: Microsoft Learn's pages write
`/dynamics365/project-operations/psa/overview` for a page beside them and `/power-platform/admin/...` for another
product's. On the help center neither path exists (497 of the 549 broken links in the adopted English d365
corpus). With `kbgen adopt --published-at URL`, the address the source folder was published at, each such link
is rewritten: one to a page of the adopted tree becomes a relative link to that file (so the link check follows
it, and it moves with the tree), any other becomes an absolute link to the published site, where it led before.
Links to the published site written in full are made relative when they name an adopted page. A page is found
by its path and by the addresses its front matter gives it (Docusaurus' id and slug, Hugo's url and aliases:
kbgen.adopt.page_addresses).

Sites often leave their locale out of links (`/dynamics365/...` for `https://learn.microsoft.com/en-us/dynamics365/`):
a published address whose first folder is a locale (`en-us`, `tr`) matches links with or without it. Addresses
are compared without regard to case, as such sites serve them. The targets come from `link_targets`, the scan the
link check reads, so code and examples are never rewritten.
"""

from __future__ import annotations

import posixpath
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import PurePosixPath
from urllib.parse import unquote, urlsplit

from kbgen.adopt.page_addresses import Addresses
from kbgen.adopt.tree_links import split_target
from kbgen.config.settings import LANGUAGE_CODE
from kbgen.links.extract import link_targets

_TREE_SUFFIXES = (".md", "/index.md")


class PublishedAtError(ValueError):
    """`--published-at` is not an http(s) address of a site."""


@dataclass(frozen=True, slots=True)
class PublishedAt:
    """Where the source folder's pages were published: the site's origin and the folder's paths on it."""

    origin: str  # "https://learn.microsoft.com"
    bases: tuple[str, ...]  # "/en-us/dynamics365/project-operations/", then "/dynamics365/project-operations/"

    @classmethod
    def parse(cls, url: str) -> PublishedAt:
        parts = urlsplit(url.strip())
        if parts.scheme.lower() not in ("http", "https") or not parts.hostname:
            raise PublishedAtError(
                f"--published-at '{url}' is not an http(s) address such as https://docs.example.com/"
            )
        if parts.query or parts.fragment:
            raise PublishedAtError(f"--published-at '{url}' has a query or a fragment; give the folder's address")
        origin = f"{parts.scheme.lower()}://{parts.netloc.lower()}"
        path = "/" + "/".join(segment for segment in parts.path.split("/") if segment)
        base = path.rstrip("/") + "/"
        segments = base.strip("/").split("/")
        bases = [base]
        if segments[0] and LANGUAGE_CODE.match(segments[0].lower()):
            bases.append("/" + "/".join(segments[1:]) + "/" if len(segments) > 1 else "/")
        return cls(origin, tuple(base.lower() for base in bases))


@dataclass(frozen=True, slots=True)
class Rewritten:
    text: str
    into_tree: int  # links now relative, to a page or file of the adopted tree
    to_site: int  # links now absolute, to the published site


class SiteLinks:
    """Rewrites the links of the pages of one adopted tree (`files`: every file adopted, from the tree's top)."""

    def __init__(
        self, published: PublishedAt, files: Iterable[PurePosixPath], addresses: Addresses | None = None
    ) -> None:
        self.published = published
        self._files = {file.as_posix().lower(): file for file in files}
        self._addresses = addresses

    def rewrite(self, text: str, page: PurePosixPath) -> Rewritten:
        """`text` (the body of the page at `page`, from the tree's top) with its site links pointed anew."""
        pieces: list[str] = []
        done = into_tree = to_site = 0
        for _, target, at in link_targets(text):
            new = self._pointed(target, page)
            if new is None:
                continue
            pieces += [text[done:at], new[0]]
            done = at + len(target)
            into_tree += new[1]
            to_site += not new[1]
        return Rewritten("".join(pieces) + text[done:], into_tree, to_site)

    def _pointed(self, target: str, page: PurePosixPath) -> tuple[str, bool] | None:
        """The new target and whether it is in the tree; None to leave it as written."""
        absolute = target.lower().startswith(self.published.origin + "/")
        if absolute:
            target = target[len(self.published.origin) :]
        elif not target.startswith("/") or target.startswith("//"):
            return None  # relative, an anchor, another site, or protocol-relative: not the published site's root
        path, rest = split_target(target)
        found = self._in_tree(unquote(path))
        if found is not None:
            relative = posixpath.relpath(found.as_posix(), page.parent.as_posix() or ".")
            return relative + _fragment_only(rest), True
        if absolute:
            return None  # already an address on the published site
        return self.published.origin + target, False

    def _in_tree(self, path: str) -> PurePosixPath | None:
        """The adopted file the site served at `path`, if any."""
        lowered = path.lower()
        for base in self.published.bases:
            if not (lowered + "/").startswith(base):
                continue
            rest = lowered[len(base) :].strip("/")
            names = [rest] if rest.endswith(".md") or "." in rest.rsplit("/", 1)[-1] else []
            names += [f"{rest}{suffix}" if rest else "index.md" for suffix in _TREE_SUFFIXES]
            for name in names:
                if name in self._files:
                    return self._files[name]
            page = self._addresses.page(rest) if self._addresses is not None and rest else None
            if page is not None:
                return self._addresses.destination(page) if self._addresses is not None else page
        return None


def _fragment_only(rest: str) -> str:
    """What follows a path, less its query (`?view=...` picks a version on the published site; a help center page
    takes none): the fragment, if any."""
    at = rest.find("#")
    return rest[at:] if at >= 0 else ""


def count_root_links(text: str) -> int:
    """How many links in `text` are site-root paths (`/x/y`), which lead nowhere on the help center."""
    return sum(1 for _, target, _ in link_targets(text) if target.startswith("/") and not target.startswith("//"))
