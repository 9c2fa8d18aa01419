"""Renders a template fragment once per key and reuses its output, for the parts of a page every page repeats.

Every page carries material's stylesheets, tabs, palette toggle and JavaScript configuration, kbgen's search form
and footer, and their output depends only on the page's language and on how deep the page sits (`base_url`):
relative links are the same from every page at one depth. Used as

    {% call kb_once("footer", kb_chrome.lang, base_url) %}...{% endcall %}

the body is rendered the first time a key is met and its output reused after that. The key must name
everything the body reads that can change from page to page; the rest comes from the site's configuration,
which is fixed for a build, and each build (each `kbgen serve` rebuild too) starts with an empty memo.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable

from markupsafe import Markup


class TemplateMemo:
    """The `kb_once` template global: one per build, and one per worker process, which forks with it empty."""

    def __init__(self) -> None:
        self._rendered: dict[tuple[Hashable, ...], Markup] = {}

    def __call__(self, *key: Hashable, caller: Callable[[], str]) -> Markup:
        try:
            return self._rendered[key]
        except KeyError:
            rendered = self._rendered[key] = Markup(caller())
            return rendered
