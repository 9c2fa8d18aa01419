"""Which content files the site publishes: public articles, the sections listing one, and the files they link.

A diagram in a runbook marked `audience: internal`, a PDF attached to a draft, a file nobody links, or the
page of a category whose every article is internal is needed by no public page, so publishing it would only
leak it (and list it in `kbgen-manifest.txt`). Links are resolved with the link check's own site map, so a file
is published exactly when a public link to it works. A published section page or home shows its text, so the
files that text links are published too.
"""

from __future__ import annotations

import posixpath
from collections.abc import Collection, Iterable
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
        linked |= linked_assets(page, links, site, corpus.markdown_in_html, kinds)
    return frozenset(shown | {str(asset) for asset in corpus.assets if str(asset) in linked})


def linked_assets(
    page: LinkingPage,
    links: Iterable[Link],
    site: SiteMap,
    markdown_in_html: bool,
    kinds: Collection[str] | None = None,
) -> set[str]:
    """The assets (images, files) that `page`'s shown links reach: a public page's publish them. Given the
    extensions the assets have (`kinds`, as `_extension` gives them), a link with another is not looked up: it can
    only lead to an asset by naming it, and two thirds of a help center's links lead to pages."""
    shown = (link for link in links if link.shown(markdown_in_html))
    if kinds is not None:
        shown = (link for link in shown if _extension(link.target.partition("#")[0].partition("?")[0]) in kinds)
    found = (site.resolve(link, page) for link in shown)
    return {str(hit.entry.source) for hit in found if hit.status == "ok" and hit.entry and hit.entry.kind == "asset"}


def _extension(path: str) -> str:
    """A path's extension as the site map compares names (unquoted, NFC), in lower case: a link resolves to an
    asset only by naming it, so one whose extension no asset has leads to none."""
    return posixpath.splitext(nfc(unquote(path)))[1].lower()
