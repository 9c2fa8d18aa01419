"""Renders a template fragment once per key and reuses its output, for the parts of a page every page repeats.

Material renders its palette toggle, its JavaScript configuration and kbgen's search form on every page, and
their output depends only on the page's language and on how deep the page sits (`base_url`). Used as

    {% call kb_once("palette", kb_lang) %}...{% endcall %}

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
