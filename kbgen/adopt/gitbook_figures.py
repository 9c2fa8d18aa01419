"""GitBook's image blocks, saved as one line of HTML, made Markdown images:

    <figure><img src="../.gitbook/assets/a (3).png" alt="Menu"><figcaption><p>The menu</p></figcaption></figure>

becomes `![Menu](<../.gitbook/assets/a (3).png> "The menu")`, the caption the image's title. As raw HTML
the path stays as written in the built page, where it is read from the page's address (`input/forward/`), not its
file, so the image breaks; and neither adopt nor `kbgen check` follows it as they follow a Markdown image. A figure
written over several lines, or with anything else inside, is left as it is (the link check names a broken one).
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass

from kbgen.links.code_mask import mask_blocks

_FIGURE = re.compile(
    r"^(?P<indent>[ \t]*)<figure>\s*<img\b(?P<attrs>[^<>]*)/?>\s*"
    r"(?:<figcaption>(?P<caption>(?:(?!</figcaption>).)*)</figcaption>\s*)?</figure>[ \t]*$",
    re.I,
)
_ATTR = re.compile(r"""([A-Za-z][\w-]*)\s*=\s*(?:"([^"]*)"|'([^']*)')""")
_TAG = re.compile(r"<[^<>]*>")


@dataclass(frozen=True, slots=True)
class Figures:
    text: str
    converted: int = 0


def convert_figures(text: str) -> Figures:
    """`text` with each one-line GitBook figure made a Markdown image, line for line; code is left alone."""
    if "<figure" not in text.lower():
        return Figures(text)
    lines = text.split("\n")
    masked = mask_blocks(text).split("\n")
    converted = 0
    for number, (line, hidden) in enumerate(zip(lines, masked, strict=True)):
        found = _FIGURE.match(hidden) if hidden == line else None
        image = _image(found) if found else None
        if image is not None:
            lines[number] = image
            converted += 1
    return Figures("\n".join(lines), converted)


def _image(found: re.Match[str]) -> str | None:
    attrs = {m[1].lower(): html.unescape(m[2] if m[2] is not None else m[3]) for m in _ATTR.finditer(found["attrs"])}
    src = attrs.get("src", "").strip()
    if not src or any(char in src for char in "<>\n"):
        return None
    alt = _escaped(attrs.get("alt", ""), "[]")
    caption = " ".join(html.unescape(_TAG.sub(" ", found["caption"] or "")).split())
    title = f' "{_escaped(caption, chr(34))}"' if caption else ""
    return f"{found['indent']}![{alt}](<{src}>{title})"


def _escaped(text: str, characters: str) -> str:
    """`text` with backslashes and `characters` escaped, for a Markdown label or title."""
    return "".join(f"\\{char}" if char == "\\" or char in characters else char for char in text)
