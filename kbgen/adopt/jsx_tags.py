"""Finds the JSX component tags of an MDX body: `<Tabs groupId="os">`, `</TabItem>`, `<DocCardList />`.

A component's name starts with a capital letter (`Tabs`, `Highlight`, `Icons.Star`); lower-case names are HTML,
which Python-Markdown passes through and kbgen's sanitiser judges. Attributes may span lines and hold JavaScript
in braces (`values={[{label: 'A', value: 'a'}]}`), whose `>` does not end the tag. The body is read with its code
masked, so a tag written in a code block or a code span is never found.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

_START = re.compile(r"<(/?)([A-Z]\w*(?:\.\w+)*)(?=[\s/>])")
_NAME = re.compile(r"[^\s=/>{\"']+")
_SPACE = re.compile(r"\s*")
# What one tag may hold, far above what Docusaurus' components take (a `values={[...]}` list of a few hundred
# characters, a handful of attributes, braces a few deep): a `<` that starts no tag was read to the end of the
# body, so 5,000 of them took 20 s.
LONGEST_TAG = 8000
_MOST_ATTRIBUTES = 64
_DEEPEST_BRACES = 64
_BRACE_EVENT = re.compile(r"['\"`{}]")


@dataclass(frozen=True, slots=True)
class Tag:
    """One tag: `text[start:end]` is all of it; `attributes` maps each name to its value as written (a string's
    text without quotes, an expression with its braces, or True for a bare name such as `default`)."""

    name: str
    start: int
    end: int
    closing: bool = False
    self_closing: bool = False
    attributes: dict[str, str | bool] = field(default_factory=dict)

    def text(self, name: str) -> str | None:
        """An attribute given as text: `label="Linux"`, `label='Linux'` or `label={'Linux'}`; None otherwise."""
        value = self.attributes.get(name)
        if not isinstance(value, str):
            return None
        if value.startswith("{"):
            inner = value[1:-1].strip()
            if len(inner) >= 2 and inner[0] == inner[-1] and inner[0] in "'\"`":
                return inner[1:-1]
            return None
        return value


def find_tags(masked: str) -> list[Tag]:
    """Every well-formed component tag in `masked` (the body with code blanked), in order."""
    tags: list[Tag] = []
    position = 0
    while True:
        match = _START.search(masked, position)
        if match is None:
            return tags
        tag = _read(masked, match)
        if tag is None:
            position = match.end()
            continue
        tags.append(tag)
        position = tag.end


def _read(text: str, match: re.Match[str]) -> Tag | None:
    closing, name = bool(match.group(1)), match.group(2)
    attributes: dict[str, str | bool] = {}
    at = match.end()
    limit = min(len(text), match.start() + LONGEST_TAG)
    read = 0  # attributes read, a name given twice counted twice
    while at < limit:
        at = _SPACE.match(text, at).end()  # type: ignore[union-attr]  # \s* always matches
        if text.startswith("/>", at):
            return None if closing else Tag(name, match.start(), at + 2, False, True, attributes)
        if text.startswith(">", at):
            return Tag(name, match.start(), at + 1, closing, False, attributes)
        if closing:
            return None
        if text.startswith("{", at):  # a spread, {...props}
            end = braced_end(text, at, limit)
            if end is None:
                return None
            at = end
            continue
        named = _NAME.match(text, at)
        read += 1
        if named is None or read > _MOST_ATTRIBUTES:
            return None
        at = _SPACE.match(text, named.end()).end()  # type: ignore[union-attr]
        if not text.startswith("=", at):
            attributes[named.group()] = True
            continue
        at = _SPACE.match(text, at + 1).end()  # type: ignore[union-attr]
        value = _value(text, at, limit)
        if value is None:
            return None
        attributes[named.group()], at = value
    return None


def _value(text: str, at: int, limit: int) -> tuple[str, int] | None:
    if at >= limit:
        return None
    quote = text[at]
    if quote in "'\"":
        end = text.find(quote, at + 1, limit)
        return None if end < 0 else (text[at + 1 : end], end + 1)
    if quote == "{":
        braced = braced_end(text, at, limit)
        return None if braced is None else (text[at:braced], braced)
    return None


def braced_end(text: str, at: int, limit: int | None = None) -> int | None:
    """The offset just past the `}` that closes the `{` at `at`, skipping JavaScript strings; None when it is not
    closed before `limit` (the end of the text unless given)."""
    limit = len(text) if limit is None else limit
    depth = 0
    index = at
    while (event := _BRACE_EVENT.search(text, index, limit)) is not None:
        index, char = event.start(), event.group()
        if char in "'\"`":
            end = text.find(char, index + 1, limit)
            if end < 0:
                return None
            index = end + 1
            continue
        if char == "{":
            depth += 1
            if depth > _DEEPEST_BRACES:
                return None
        else:
            depth -= 1
            if depth == 0:
                return index + 1
        index += 1
    return None


def pairs(tags: list[Tag]) -> dict[int, int]:
    """Each opening tag's index mapped to the index of the closing tag of the same name that ends it."""
    found: dict[int, int] = {}
    open_at: list[int] = []
    for index, tag in enumerate(tags):
        if tag.self_closing:
            continue
        if not tag.closing:
            open_at.append(index)
            continue
        for depth in range(len(open_at) - 1, -1, -1):
            if tags[open_at[depth]].name == tag.name:
                found[open_at[depth]] = index
                del open_at[depth:]
                break
    return found
