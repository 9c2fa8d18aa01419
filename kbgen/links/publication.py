"""Which content files the site publishes: public articles, the sections listing one, and the files they link.

A diagram in a runbook marked `audience: internal`, a PDF attached to a draft, a file nobody links, or the
page of a category whose every article is internal is needed by no public page, so publishing it would only
leak it (and list it in `kbgen-manifest.txt`). Links are resolved with the link check's own site map, so a file
is published exactly when a public link to it works. A published section page or home shows its text, so the
files that text links are published too.
"""

from __future__ import annotations

import posixpath
from collections.abc import Iterable
from urllib.parse import unquote

from kbgen.checks.links import article_links
from kbgen.links.extract import Link, extract_links
from kbgen.links.site_map import LinkingPage, SiteMap, nfc
from kbgen.model import Corpus


def published_sources(corpus: Corpus, site: SiteMap, also: frozenset[str] = frozenset()) -> frozenset[str]:
    """Source paths of every file a customer may see; `also` adds assets the site configuration names (a logo).

    `site` is the map the link check built for this run, so publication and the check can never disagree.
    """
    pages = [entry for entry in site.sources.values() if entry.kind in ("page", "section")]
    shown = {entry.source for entry in pages if not entry.unpublished}
    linked = set(also)
    public: list[tuple[LinkingPage, Iterable[Link]]] = [
        (article, article_links(article)) for article in corpus.articles if article.is_public
    ]
    public += [(s, extract_links(s.body, s.body_line)) for s in corpus.written_sections() if s.public and s.body]
    kinds = {_extension(str(asset)) for asset in corpus.assets}
    for page, links in public:
        for link in links:
            if not link.shown(corpus.markdown_in_html):
                continue
            if _extension(link.target.partition("#")[0].partition("?")[0]) not in kinds:
                continue  # it can only lead to an asset by naming it: two thirds of links (pages) are not looked up
            found = site.resolve(link, page)
            if found.status == "ok" and found.entry is not None and found.entry.kind == "asset":
                linked.add(found.entry.source)
    return frozenset(shown | {str(asset) for asset in corpus.assets if str(asset) in linked})


def _extension(path: str) -> str:
    """A path's extension as the site map compares names (unquoted, NFC), in lower case: a link resolves to an
    asset only by naming it, so one whose extension no asset has leads to none."""
    return posixpath.splitext(nfc(unquote(path)))[1].lower()
