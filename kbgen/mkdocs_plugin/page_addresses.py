"""Each page's canonical and absolute address, as MkDocs' Page works them out, without urljoin per page.

MkDocs gives every Page it makes `canonical_url = urljoin(site_url, page.url)` and `abs_url`, that address's path:
at 10,000 articles a quarter of a second of each build, one-edit rebuilds too, to join the same base to plain
relative paths. For a page address made only of path characters (no scheme, query, fragment, parameters or dot
segments, which is every address MkDocs gives a Markdown file kbgen accepts) the join is the base followed by the
address; any other address goes through MkDocs' own method.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager
from urllib.parse import urljoin, urlsplit

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files

# segments of unreserved characters and percent escapes, none of them "." or "..", each ending in "/" but the last
_PLAIN = re.compile(r"(?:(?!\.\.?(?:/|$))[A-Za-z0-9._~%-]+/)*(?:(?!\.\.?$)[A-Za-z0-9._~%-]+)?")


@contextmanager
def addresses_set_after(config: MkDocsConfig, files: Files) -> Iterator[None]:
    """Within the block MkDocs makes pages without their addresses (`site_url` hidden from them); after it, every
    page of `files` gets the canonical and absolute address MkDocs would have given it."""
    site_url = config.site_url
    config.site_url = None
    try:
        yield
    finally:
        config.site_url = site_url
    set_addresses(files, site_url)


def set_addresses(files: Files, site_url: str | None) -> None:
    """Give each page of `files` its `canonical_url` and `abs_url` as MkDocs' Page._set_canonical_url does."""
    pages = [file.page for file in files if file.page is not None]
    base = (site_url if site_url.endswith("/") else f"{site_url}/") if site_url else ""
    parts = urlsplit(base)
    # a base whose own path urljoin would tidy (dot segments) or that carries a query or fragment: MkDocs' way
    plain = bool(base) and not parts.query and not parts.fragment and urljoin(base, "a/") == f"{base}a/"
    for page in pages:
        url = page.url
        if plain and _PLAIN.fullmatch(url):
            page.canonical_url, page.abs_url = base + url, parts.path + url
        else:
            page._set_canonical_url(site_url)
