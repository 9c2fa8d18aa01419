"""A build's last steps, its manifest and its cache, made ready while its search process still indexes.

After its pages, a build waits for the search files of the languages it indexes again (half a second or more after
a one-article edit at 10,000 articles). Every other file of the new site is in place by then, so the wait is used
to list and digest them for the manifest and, in a rebuild, to stamp and pickle the page records for the cache.
Once the search files are in, the manifest adds theirs; after the swap, the cache is written from what was pickled.
"""

from __future__ import annotations

import gzip
from dataclasses import dataclass
from pathlib import Path

from kbgen.mkdocs_plugin.plugin import KbgenPlugin
from kbgen.publishing.build_cache import pickled_pages, stamp
from kbgen.publishing.manifest import built_digests, write_manifest
from kbgen.search.folders import PREFIX


@dataclass(frozen=True, slots=True)
class Prepared:
    """Every file of the new site outside its search folder with its digest, and the cache's page records."""

    digests: dict[str, str]
    pages: bytes | None  # build_cache.pickled_pages of the stamped page records; None: pickled at the cache's saving

    def write_manifest(self, staging: Path, search_digests: dict[str, str]) -> None:
        """The finished site's manifest: these files and the search folder's (`search_digests`, by site name)."""
        write_manifest(staging, self.digests | search_digests)


def prepare(staging: Path, plugin: KbgenPlugin) -> Prepared:
    """Run once every file of the site but its search folder is in `staging` (the plugin's search writing calls
    it before it waits for the search process)."""
    incremental = plugin.incremental
    if incremental is None or "sitemap.xml.gz" not in incremental.reused_files:
        normalize_sitemap_gz(staging)  # a linked one is the previous site's: normalized, and not written through
    known: dict[str, str] = {}
    if incremental is not None:
        incremental.finish_linking()  # the pages it did not write, linked from the previous site
        known = incremental.linked_digests()
    digests = built_digests(staging, known, _outside_search)
    pages = None
    if incremental is not None and incremental.previous is not None:
        # a rebuild's (a first build pickles them after the swap: its search files are in memory by then, and
        # both at once were 90 MB more at the peak of a 10,000-article build)
        for record in incremental.cache.pages.values():
            stamp(record, staging)  # the files the site holds after the swap: a rename keeps size and mtime
        pages = pickled_pages(incremental.cache)
    return Prepared(digests, pages)


def _outside_search(name: str) -> bool:
    """A top-level entry other than the search folder and the new one written beside it (`kb-search.kbgen-tmp-N`)."""
    return name != PREFIX and not name.startswith(f"{PREFIX}.")


def normalize_sitemap_gz(staging: Path) -> None:
    """Rewrite sitemap.xml.gz with no name and mtime 0 in its header, so equal sitemaps give equal bytes."""
    sitemap = staging / "sitemap.xml"
    if sitemap.is_file():
        data = gzip.compress(sitemap.read_bytes(), compresslevel=9, mtime=0)
        (staging / "sitemap.xml.gz").write_bytes(data)
