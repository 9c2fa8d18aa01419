"""Makes MkDocs' pages safe to render with material's templates: bodies sanitised, titles and metadata escaped.

MkDocs' Jinja environment does not autoescape and material prints `page.title`, nav titles, toc labels and
`page.meta.description` raw in many places (`<title>`, header, nav, tabs, breadcrumbs, meta tags). Rather than
override every one of those templates, each value is turned into escaped `Markup` once, before any template renders;
`Markup` passes through `| e` unchanged, so templates that do escape do not escape twice.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from mkdocs.structure.files import Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import AnchorLink

from kbgen.model import Article
from kbgen.render.sanitize import escaped, html_text_escaped, protect_new_tab_links, sanitize_html

# page.meta keys that steer templates rather than being printed; kbgen validates these itself.
_STRUCTURAL_META = frozenset({"template", "hide", "icon", "kb_lang", "search"})


def sanitize_content(html: str) -> str:
    """The rendered article body, rebuilt from the allowlist (comments, scripts and unsafe URLs removed)."""
    return sanitize_html(html)


def finish_page(html: str) -> str:
    """A rendered page or theme template: links the theme opens in a new tab get `noopener noreferrer`."""
    return protect_new_tab_links(html)


def escape_site_text(nav: Navigation | None, files: Files, articles_by_uri: Mapping[str, Article]) -> None:
    """Escape every page, section and toc title and every printed meta value, once, before templates run."""
    for file in files.documentation_pages():
        if file.page is not None:
            escape_page(file.page, articles_by_uri.get(file.src_uri))
    for item in _walk(nav.items if nav is not None else []):
        if not isinstance(item, Page) and isinstance(getattr(item, "title", None), str):
            item.title = escaped(item.title)


def escape_page(page: Page, article: Article | None) -> None:
    """One page's title, metadata and toc (escape_site_text does every page)."""
    meta = page.meta
    if article is not None and article.summary and "description" not in meta:
        meta["description"] = article.summary  # the README promises the summary as the meta description
    # Front matter is plain text; MkDocs' fallback title (the first heading) is HTML text.
    from_meta = isinstance(meta.get("title"), str)
    title = escaped(meta["title"]) if from_meta else html_text_escaped(page.title or "")
    page.title = title
    if "title" in meta or not page.is_homepage:
        # material's <title> uses `page.title | striptags` when meta has no title, and striptags unescapes.
        meta["title"] = title
    for key, value in list(meta.items()):
        if key not in _STRUCTURAL_META and key != "title":
            meta[key] = _escape_value(value)
    _escape_toc(page.toc)


def _escape_value(value: Any) -> Any:
    if isinstance(value, str):
        return escaped(value)
    if isinstance(value, list):
        return [_escape_value(item) for item in value]
    if isinstance(value, dict):
        return {key: _escape_value(item) for key, item in value.items()}
    return value


def _escape_toc(items: Iterable[AnchorLink]) -> None:
    for item in items:
        item.title = html_text_escaped(item.title)
        # `{#id}` takes any text up to '}' and material prints `toc_item.url` ('#' + id) into href="…" as it is
        item.id = escaped(item.id)
        _escape_toc(item.children)


def walk_toc(items: Iterable[AnchorLink]) -> Iterable[AnchorLink]:
    """Every heading of a page's table of contents, at every level, in page order."""
    for item in items:
        yield item
        yield from walk_toc(item.children)


def _walk(items: Iterable[Any]) -> Iterable[Any]:
    for item in items:
        yield item
        yield from _walk(getattr(item, "children", None) or [])
