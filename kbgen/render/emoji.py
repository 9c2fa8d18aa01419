"""Icon and emoji shortcodes (`:material-clock-fast:`, `:octicons-alert-16:`, `:smile:`) as a help center can host.

Docs written for mkdocs-material use its icon shortcodes everywhere: on buttons, in card grids, in notes. Material's
own generator draws icons as inline SVG but every emoji as an `<img>` from a CDN, a third-party request from every
reader's browser. kbgen's draws icons the same way and an emoji as its Unicode character, which every phone and
desktop shows without loading anything.

mkdocs.yml names both functions in `pymdownx.emoji`'s options (`emoji_index`, `emoji_generator`). The index of
18,000 icons and emoji is globbed from material's folders the first time a page writes a shortcode, not when each
Markdown converter is made: a build whose articles write none (or a one-edit rebuild) never pays for it.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any


class _IconIndex(Mapping[str, Any]):
    """material's twemoji index (`name`, `emoji`, `aliases`), made on first lookup."""

    def __init__(self, options: Any, md: Any) -> None:
        self._options, self._md = options, md
        self._made: Mapping[str, Any] | None = None

    def _index(self) -> Mapping[str, Any]:
        if self._made is None:
            from material.extensions.emoji import twemoji  # 0.15 s: only for a page that needs it

            self._made = twemoji(self._options, self._md)
        return self._made

    def __getitem__(self, key: str) -> Any:
        return self._index()[key]

    def __iter__(self) -> Iterator[str]:
        return iter(self._index())

    def __len__(self) -> int:
        return len(self._index())


def icon_index(options: Any, md: Any) -> Mapping[str, Any]:
    """`emoji_index` for pymdownx.emoji: material's icons (and `custom_icons`) and twemoji's names."""
    return _IconIndex(options, md)


def to_inline(
    index: str, shortname: str, alias: str | None, uc: str | None, alt: str, title: str | None, category: str | None,
    options: Any, md: Any,
) -> Any:  # fmt: skip
    """`emoji_generator` for pymdownx.emoji: an icon (no code point) as material draws it, inline SVG; an emoji as
    its character (pymdownx's `to_alt`), never an image fetched from elsewhere."""
    from pymdownx.emoji import to_alt  # as the index: on first use

    if not uc:
        from material.extensions.emoji import to_svg

        return to_svg(index, shortname, alias, uc, alt, title, category, options, md)
    return to_alt(index, shortname, alias, uc, alt, title, category, options, md)
