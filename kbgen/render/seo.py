"""What search engines and link previews read: each page's translations (hreflang), the sitemap, robots.txt.

Every answer comes from the published tree, so the language menu, the `<head>` alternates and the sitemap name the
same pages. Addresses are absolute only when the site's address (`site_url`) is known: hreflang, sitemaps and
Open Graph all require absolute URLs, so without it the sitemap is empty and the build says what to set.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from urllib.parse import urljoin

from kbgen.model import Article, page_url
from kbgen.render.tree import Node, SiteTree

X_DEFAULT = "x-default"  # the page for a reader whose language none of the translations is
SITE_URL_EXAMPLE = "https://help.example.com/"
MISSING_SITE_URL = (
    "mkdocs.yml has no site_url, so sitemap.xml lists no pages and pages carry no canonical, hreflang or "
    f"Open Graph addresses; set site_url to the address the help center is served from, e.g. "
    f"'site_url: {SITE_URL_EXAMPLE}'"
)


@dataclass(frozen=True, slots=True)
class Alternate:
    """One translation of a page: a language code (or x-default) and its site-relative URL."""

    lang: str
    url: str


@dataclass(frozen=True, slots=True)
class SitemapEntry:
    """One public page: its absolute address and every translation of it (itself included)."""

    loc: str
    alternates: tuple[tuple[str, str], ...]  # (hreflang, absolute URL), x-default last
    lastmod: str = ""  # an article's review date (YYYY-MM-DD); homes and sections change with every article


@lru_cache(maxsize=65536)  # each page's address is asked for by its own page, its listings and the sitemap
def absolute_url(site_url: str, url: str) -> str:
    """`url` (site-relative) under the site's address; MkDocs' own site_url may lack the final slash."""
    return urljoin(site_url if site_url.endswith("/") else site_url + "/", url)


def node_translations(tree: SiteTree, node: Node) -> dict[str, str]:
    """The same home or section in every language that publishes it."""
    return {lang: other.url for lang in tree.languages if (other := tree.node(lang, node.path)) is not None}


def article_translations(tree: SiteTree, article: Article) -> dict[str, str]:
    """The public translations of an article (one key, one article per language)."""
    return dict(tree.translations.get(article.translation_key, {})) if article.is_public else {}


def root_translations(tree: SiteTree) -> dict[str, str]:
    """The site root chooses a language: its alternates are the language homes."""
    return {lang: home.url for lang in tree.languages if (home := tree.home(lang)) is not None}


def alternates(urls: dict[str, str], default: str, x_default: str | None) -> list[Alternate]:
    """hreflang links for a page published as `urls` (language -> URL), sorted, x-default last.

    A page in one language has none: a set of one tells a search engine nothing. `x_default` is where a reader in
    another language lands: the site root (language chooser) for homes, else the default language's version.
    """
    if len(urls) < 2:
        return []
    found = [Alternate(lang, url) for lang, url in sorted(urls.items())]
    fallback = x_default if x_default is not None else urls.get(default)
    if fallback is not None:
        found.append(Alternate(X_DEFAULT, fallback))
    return found


def page_alternates(
    tree: SiteTree, default: str, *, node: Node | None = None, article: Article | None = None
) -> list[Alternate]:
    """The alternates of the root (neither given), a home or section (`node`), or an article."""
    root = page_url("index.md", tree.corpus.directory_urls)
    if article is not None:
        return alternates(article_translations(tree, article), default, None)
    if node is not None:
        return alternates(node_translations(tree, node), default, root if not node.path else None)
    return alternates(root_translations(tree), default, root)


SITEMAP_FILES = ("sitemap.xml", "sitemap.xml.gz")  # what MkDocs writes from the sitemap template


def sitemap_entries(tree: SiteTree, default: str, site_url: str) -> list[SitemapEntry]:
    """Every public page (root, homes, sections, articles) with its translations, sorted by address.

    Empty without `site_url`: a sitemap may only list absolute URLs. No entry is dated by the build's clock (MkDocs'
    own sitemap dated every page by the build day, which tells a crawler nothing): an article by its review date.
    """
    if not site_url:
        return []
    root = page_url("index.md", tree.corpus.directory_urls)
    pages: list[tuple[str, list[Alternate], str]] = [(root, page_alternates(tree, default), "")]
    for node in tree.nodes.values():
        pages.append((node.url, page_alternates(tree, default, node=node), ""))
        pages.extend(
            (article.url, page_alternates(tree, default, article=article), article.reviewed.isoformat())
            for article in node.articles
        )
    entries = [
        SitemapEntry(
            absolute_url(site_url, url),
            tuple((alt.lang, absolute_url(site_url, alt.url)) for alt in found),
            lastmod,
        )
        for url, found, lastmod in pages
    ]
    return sorted(entries, key=lambda entry: entry.loc)


def robots_txt(site_url: str, noindex: bool) -> str:
    """Crawl everything and find the sitemap here; or, for an internal build (noindex), crawl nothing."""
    if noindex:
        return "# An internal build of the help center: not for search engines.\nUser-agent: *\nDisallow: /\n"
    lines = ["User-agent: *", "Allow: /"]
    if site_url:
        lines.append(f"Sitemap: {absolute_url(site_url, 'sitemap.xml')}")
    return "\n".join(lines) + "\n"
