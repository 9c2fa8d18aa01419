"""Docusaurus' `<Link to="/docs/intro">Get started</Link>` made the Markdown link `[Get started](/docs/intro)`.

`Link` is a link: unwrapped like any other component it left its words and lost where they led. Written as a
Markdown link before the page's links are pointed at adopted files, its address goes through the same rewriting as
every other link (a page's id or slug, a `.mdx` name, `--published-at`) and the link check judges it. Only a `Link`
whose address is text (`to="..."`, `href='...'`, `to={'...'}`) and whose words sit on one line with no other
component inside is converted; any other (`to={useBaseUrl('/x')}`, a `Link` wrapping a card) is left to the
component step, which keeps its text and names it. Its other attributes (`className="button"`) only styled it.
Code blocks and code spans are never read.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from kbgen.adopt.jsx_tags import find_tags, pairs
from kbgen.adopt.mdx_prepare import code_blanked

_BRACKET = re.compile(r"([\[\]])")
_NEEDS_ANGLE = re.compile(r"[\s()]")


@dataclass(frozen=True, slots=True)
class Converted:
    text: str
    links: int = 0  # Link components now Markdown links


def convert_links(text: str) -> Converted:
    """`text` (an MDX body) with each convertible `<Link>` written as a Markdown link."""
    if "<Link" not in text:
        return Converted(text)
    tags = find_tags(code_blanked(text))
    closes = pairs(tags)
    pieces: list[str] = []
    done = links = 0
    for index, tag in enumerate(tags):
        close = closes.get(index)
        if tag.name != "Link" or tag.closing or close is None or close != index + 1 or tag.start < done:
            continue  # not a Link, or one holding another component: the component step keeps its text
        target = tag.text("to") or tag.text("href")
        words = text[tag.end : tags[close].start]
        if not target or not target.strip() or "<" in target or ">" in target or "\n" in words or not words.strip():
            continue
        label = _BRACKET.sub(r"\\\1", words.strip())
        pieces += [text[done : tag.start], f"[{label}]({destination(target)})"]
        done = tags[close].end
        links += 1
    return Converted("".join(pieces) + text[done:], links)


def destination(target: str) -> str:
    """The address as a Markdown link destination: in angle brackets when it holds a space or a parenthesis (an
    address holding `<`, `>` or a line break has none; callers leave such a link as written)."""
    target = target.strip()
    return f"<{target}>" if _NEEDS_ANGLE.search(target) else target
