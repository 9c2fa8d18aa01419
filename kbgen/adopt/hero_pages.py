"""The words of a VitePress home page (`layout: home`) or a Starlight splash page, which live in its front matter, as
Markdown at the top of its body.

VitePress draws such a page from `hero` (`name`, `text`, `tagline`, `actions` of `text` and `link`) and `features`
(`title`, `details`, `link`); Starlight from `hero` (`title`, `tagline`, `actions`). kbgen's home and section pages
show their body, not these keys, so adopted as they are the page would be empty. The keys stay in the front matter
as the source's own; the body gains a paragraph for the hero, a line of its actions as links and a list of the
features, each title in bold. Icons and images are decoration and left out; `<` and `>` in the words are escaped (a
feature's `icon: <span class="vite">` is never read).
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from kbgen.loading.frontmatter import FieldValue

_MARKDOWN_LINK_TEXT = re.compile(r"([\[\]\\*_`])")


def hero_markdown(fields: Mapping[str, FieldValue]) -> str:
    """The hero and features of the page as Markdown, ending in a blank line; "" when it has neither."""
    hero = _mapping(fields.get("hero"))
    features = fields.get("features")
    blocks: list[list[str]] = []
    if hero:
        name, text = _text(hero.get("name") or hero.get("title")), _text(hero.get("text"))
        heading = f"**{name}**: {text}" if name and text else f"**{name}**" if name else text
        blocks += [[line] for line in (heading, _text(hero.get("tagline"))) if line]
        blocks.append(_links(hero.get("actions")))
    if features is not None and isinstance(features.value, list):
        blocks.append(_features(features.value))
    lines = [line for block in blocks if block for line in [*block, ""]]
    return "\n".join(lines) + "\n" if lines else ""


def _mapping(value: FieldValue | None) -> dict[str, object]:
    return value.value if value is not None and isinstance(value.value, dict) else {}


def _text(value: object) -> str:
    """One line of the writer's words, escaped: YAML may hold a number or a list where text was meant."""
    if not isinstance(value, str | int | float) or isinstance(value, bool):
        return ""
    return " ".join(str(value).split()).replace("<", "&lt;").replace(">", "&gt;")


def _link(words: str, target: object) -> str:
    if not isinstance(target, str) or not target.strip() or any(c in target for c in " <>()\n"):
        return words
    escaped = _MARKDOWN_LINK_TEXT.sub(r"\\\1", words)
    return f"[{escaped}]({target.strip()})"


def _links(actions: object) -> list[str]:
    """The hero's buttons as one line of links (a list right before the features' would run into it)."""
    if not isinstance(actions, list):
        return []
    found = []
    for action in actions:
        words = _text(action.get("text")) if isinstance(action, dict) else ""
        if words:
            found.append(_link(words, action.get("link")))
    return [" · ".join(found)] if found else []


def _features(features: list[object]) -> list[str]:
    found = []
    for feature in features:
        if not isinstance(feature, dict):
            continue
        title, details = _text(feature.get("title")), _text(feature.get("details"))
        if not title and not details:
            continue
        named = f"**{_link(title, feature.get('link'))}**" if title else ""
        found.append(f"- {named}: {details}" if named and details else f"- {named or details}")
    return found
