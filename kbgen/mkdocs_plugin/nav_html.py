"""The sidebar's list of sections and pages, drawn in Python with the markup of material's partials/nav-item.html.

material draws it with recursive Jinja macros, once per page: a tenth to a fifth of a large build, for a list whose
shape kbgen already bounds (theme.bound_navigation). This is the same markup from the same navigation objects, for
the features kbgen's sites use (tabs, sections, indexes, prune, expand). Anything else material can show in a nav
entry (icons, subtitles, status badges, typeset titles, blog archives) makes `draw` return None, and
theme/partials/nav.html falls back to material's own macros, so such a site looks exactly as material draws it.

Text is put in as material puts it (MkDocs' Jinja does not autoescape): kbgen escapes every title before any page
is rendered (escaping.escape_site_text).
"""

from __future__ import annotations

import posixpath
from collections.abc import Sequence
from typing import Any

from mkdocs.utils import normalize_url

_PAGE_EXTRAS = ("icon", "subtitle", "status")  # page meta material shows in a nav entry
_ICON = '<span class="md-nav__icon md-icon"></span>'


def _first_leaf(item: Any) -> Any:
    """The page a collapsed section links to: material follows first children down to a page."""
    while item.children:
        item = item.children[0]
    return item


class _Unsupported(Exception):
    """A nav entry shows something only material's own macros draw."""


def draw(nav: Any, page: Any, features: Sequence[str], base_url: str) -> tuple[str, str | None] | None:
    """The `<li>` entries of the primary nav, split where the current page's table of contents goes.

    Returns (before, after): the template includes partials/toc.html between the two when `after` is not None.
    None means "let material draw it".
    """
    try:
        drawer = _Drawer(page, frozenset(features), base_url, _fragments(nav))
        for number, item in enumerate(nav.items, start=1):
            drawer.render(item, f"__nav_{number}", 1, None)
    except _Unsupported:
        return None
    return drawer.result()


def _fragments(nav: Any) -> dict[tuple[Any, ...], str]:
    """Entries already drawn for this build's navigation (it lives as long as the build, and so do its items)."""
    found: dict[tuple[Any, ...], str] | None = getattr(nav, "_kb_fragments", None)
    if found is None:
        found = {}
        nav._kb_fragments = found
    return found


class _Drawer:
    def __init__(self, page: Any, features: frozenset[str], base_url: str, fragments: dict[tuple[Any, ...], str]):
        self.page = page
        self.features = features
        self.base_url = base_url
        self.parts: list[str] = []
        self.split: int | None = None
        self.fragments = fragments
        # A link's relative address is the same from every page in one folder, unless it points below the page:
        # entries that are not the page's own are drawn once per folder and reused.
        self.folder: tuple[Any, ...] = ("base", base_url)  # a page without an address (404): joined to base_url
        self.below: str | None = None
        if page is not None:
            url = str(page.url)
            folder_url = url.endswith("/") or not url  # the home page's "" is a folder too: all is below it
            self.folder = ("page", posixpath.dirname(url.rstrip("/")), folder_url)
            self.below = url if folder_url else None

    def reusable(self, key: tuple[Any, ...], target: str) -> bool:
        """Draws from the cache when the entry was drawn for another page of this folder."""
        if self.below is not None and str(target).startswith(self.below):
            return False
        found = self.fragments.get(key)
        if found is None:
            return False
        self.parts.append(found)
        return True

    def remember(self, key: tuple[Any, ...], target: str, start: int) -> None:
        if self.below is None or not str(target).startswith(self.below):
            self.fragments[key] = "".join(self.parts[start:])

    def result(self) -> tuple[str, str | None]:
        if self.split is None:
            return "".join(self.parts), None
        return "".join(self.parts[: self.split]), "".join(self.parts[self.split :])

    def url(self, value: Any) -> str:
        return normalize_url(str(value), page=self.page, base=self.base_url)

    def render(self, item: Any, path: str, level: int, parent: Any) -> None:
        if getattr(item, "pages", None):
            raise _Unsupported  # a blog archive entry
        css = "md-nav__item md-nav__item--active" if item.active else "md-nav__item"
        children = item.children
        if children:
            self.section(item, children, path, level, parent, css)
        elif self.page is not None and item is self.page:
            self.current(item, css)
        else:
            key = (id(item), css, self.folder)
            if self.reusable(key, item.url):
                return
            start = len(self.parts)
            self.parts.append(f'<li class="{css}"><a href="{self.url(item.url)}" class="md-nav__link">')
            self.content(item)
            self.parts.append("</a></li>")
            self.remember(key, item.url, start)

    def section(self, item: Any, children: list[Any], path: str, level: int, parent: Any, css: str) -> None:
        index = None
        if "navigation.indexes" in self.features:
            index = next((child for child in children if getattr(child, "is_index", False)), None)
        is_section = False
        if "navigation.tabs" in self.features:
            if level == 1 and item.active:
                is_section = True
            if "navigation.sections" in self.features and level == 2 and parent is not None and parent.active:
                is_section = True
        elif "navigation.sections" in self.features and level == 1:
            is_section = True
        if is_section:
            css += " md-nav__item--section"
        pruned = "navigation.prune" in self.features and not is_section and not item.active
        if pruned:
            css += " md-nav__item--pruned"
        if pruned:
            target = _first_leaf(item).url if item.children else ""
            key = (id(item), css, self.folder)
            if not self.reusable(key, target):
                start = len(self.parts)
                self.parts.append(f'<li class="{css} md-nav__item--nested">')
                self.pruned(item, item)
                self.parts.append("</li>")
                self.remember(key, target, start)
            return
        self.parts.append(f'<li class="{css} md-nav__item--nested">')
        checked = "checked" if item.active else ""
        indeterminate = "md-toggle--indeterminate" if "navigation.expand" in self.features and not checked else ""
        tabindex = "" if is_section else "0"
        self.parts.append(
            f'<input class="md-nav__toggle md-toggle {indeterminate}" type="checkbox" id="{path}" {checked}>'
        )
        if index is None:
            self.parts.append(f'<label class="md-nav__link" for="{path}" id="{path}_label" tabindex="{tabindex}">')
            self.content(item)
            self.parts.append(f"{_ICON}</label>")
        else:
            active = "md-nav__link--active" if index is self.page else ""
            self.parts.append(
                f'<div class="md-nav__link md-nav__container"><a href="{self.url(index.url)}" '
                f'class="md-nav__link {active}">'
            )
            self.content(index, item)
            self.parts.append("</a>")
            if len(children) > 1:
                self.parts.append(
                    f'<label class="md-nav__link {active}" for="{path}" id="{path}_label" '
                    f'tabindex="{tabindex}">{_ICON}</label>'
                )
            self.parts.append("</div>")
        expanded = "true" if item.active else "false"
        self.parts.append(
            f'<nav class="md-nav" data-md-level="{level}" aria-labelledby="{path}_label" aria-expanded="{expanded}">'
            f'<label class="md-nav__title" for="{path}">{_ICON}{self.title(item)}</label>'
            '<ul class="md-nav__list" data-md-scrollfix>'
        )
        for number, child in enumerate(children, start=1):
            if index is None or child is not index:
                self.render(child, f"{path}_{number}", level + 1, item)
        self.parts.append("</ul></nav></li>")

    def pruned(self, item: Any, ref: Any) -> None:
        """A collapsed section: one link to its first page, titled as the section."""
        first = item.children[0] if item.children else None
        if first is None:
            raise _Unsupported  # material links an empty section to the page itself; leave that to it
        if first.children:
            self.pruned(first, ref)
            return
        self.parts.append(f'<a href="{self.url(first.url)}" class="md-nav__link">')
        self.content(ref)
        self.parts.append(f"{_ICON}</a>")

    def current(self, item: Any, css: str) -> None:
        """The page itself: its title twice (a label that opens its table of contents, and a link)."""
        toc = list(self.page.toc)
        if toc and toc[0].level == 1:
            toc = toc[0].children
        self.parts.append(f'<li class="{css}"><input class="md-nav__toggle md-toggle" type="checkbox" id="__toc">')
        if toc:
            self.parts.append('<label class="md-nav__link md-nav__link--active" for="__toc">')
            self.content(item)
            self.parts.append(f"{_ICON}</label>")
        self.parts.append(f'<a href="{self.url(item.url)}" class="md-nav__link md-nav__link--active">')
        self.content(item)
        self.parts.append("</a>")
        if toc:
            self.split = len(self.parts)
        self.parts.append("</li>")

    def content(self, item: Any, ref: Any = None) -> None:
        meta = getattr(item, "meta", None)
        if meta and (any(meta.get(key) for key in _PAGE_EXTRAS) or getattr(item, "encrypted", None)):
            raise _Unsupported
        self.parts.append(f'<span class="md-ellipsis">{self.title(ref or item)}</span>')

    @staticmethod
    def title(item: Any) -> str:
        if getattr(item, "typeset", None):
            raise _Unsupported
        return str(item.title)
