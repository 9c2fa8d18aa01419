"""Link checks: every link, image and anchor in every article must work on the built site for customers."""

from __future__ import annotations

import difflib
import posixpath
from collections.abc import Callable, Iterator
from functools import lru_cache
from typing import TYPE_CHECKING

from kbgen.links.anchors import page_anchors
from kbgen.links.extract import Link, extract_links
from kbgen.links.site_map import BuiltSiteMap, Resolution
from kbgen.model import Article, Corpus, Finding
from kbgen.rules import rule

if TYPE_CHECKING:
    from kbgen.checks import CheckContext

_PAGE_EXTENSIONS = frozenset({"", ".md", ".html", ".htm"})


@lru_cache(maxsize=8192)
def article_links(article: Article) -> tuple[Link, ...]:
    """Remembered: the link check and kbgen.links.publication both read every public article's links."""
    return tuple(extract_links(article.body, article.body_line))


def check_links(context: CheckContext) -> list[Finding]:
    return link_findings(context.corpus, context.site_map)


def link_findings(corpus: Corpus, site_map: BuiltSiteMap) -> list[Finding]:
    """Findings for every link in every article, plus those for invalid `redirect_from` entries."""
    site, findings = site_map.site, list(site_map.findings)
    anchors = lru_cache(maxsize=None)(page_anchors)
    for article in corpus.articles:
        for link in article_links(article):
            resolution = site.resolve(link, article)
            findings.extend(_judge(article, link, resolution, anchors))
    return findings


def _judge(
    article: Article, link: Link, found: Resolution, anchors: Callable[[str], frozenset[str]]
) -> Iterator[Finding]:
    path, line, column = article.source.display, link.line, link.column
    what = "image" if link.is_image else "link"
    if found.status == "unsafe":
        message = f"{what} '{_short(link.target)}' uses the '{found.scheme}:' scheme, which is not allowed"
        yield rule("unsafe-link-scheme").finding(path, line, column, message + "; link to a page or an https:// URL")
        return
    if found.status == "missing":
        hint = f"; {found.hint}" if found.hint else ""
        extension = posixpath.splitext(found.looked_for.rstrip("/"))[1].lower()
        if link.is_image or extension not in _PAGE_EXTENSIONS:
            message = f"{what} target '{link.target}' is not in the content folder (looked for {found.looked_for})"
            yield rule("missing-image").finding(
                path, line, column, message + (hint or "; add the file or fix the path")
            )
        else:
            message = f"link target '{link.target}' not found (looked for {found.looked_for or 'the site root'})"
            yield rule("broken-link").finding(path, line, column, message + hint)
        return
    entry = found.entry
    if found.status == "unpublished" and entry is not None:
        if article.is_public:
            message = (
                f"links to a page that is not published ({entry.unpublished}): '{link.target}'; customers would get "
                "a 404, so link a published article or publish this one"
            )
            yield rule("link-to-unpublished").finding(path, line, column, message)
        return
    if found.status != "ok" or not found.fragment or found.fragment == "top" or entry is None:
        return
    if entry.kind != "page" or entry.article is None:
        return  # section pages and redirect pages: their ids come from templates, not from Markdown
    known = anchors(entry.article.body)
    if found.fragment in known:
        return
    close = difflib.get_close_matches(found.fragment, sorted(known), n=1, cutoff=0.6)
    lowered = [anchor for anchor in sorted(known) if anchor.casefold() == found.fragment.casefold()]
    suggestion = (lowered or close or [""])[0]
    hint = f"; did you mean '#{suggestion}'?" if suggestion else "; the page has no heading with that id"
    target = "this page" if entry.article == article else entry.article.source.display
    message = f"anchor '#{found.fragment}' not found in {target}{hint}"
    yield rule("broken-anchor").finding(path, line, column, message)


def _short(text: str, limit: int = 60) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"
