"""GitBook's image blocks, saved as one line of HTML, made Markdown images:

    <figure><img src="../.gitbook/assets/a (3).png" alt="Menu"><figcaption><p>The menu</p></figcaption></figure>

becomes `![Menu](<../.gitbook/assets/a (3).png> "The menu")`, the caption the image's title. As raw HTML
the path stays as written in the built page, where it is read from the page's address (`input/forward/`), not its
file, so the image breaks; and neither adopt nor `kbgen check` follows it as they follow a Markdown image. A figure
written over several lines (`<figure>`, `<img …>`, `<figcaption>…</figcaption>` and `</figure>` each on its own, as
GitBook's Git Sync and writers in an editor save them) is the same image on its first line, the lines it took
left blank so every line after it stays where it was. A figure with anything else inside is left as it is (the
link check names a broken one).
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
_OPENS = re.compile(r"^[ \t]*<figure>", re.I)
_CLOSES = re.compile(r"</figure>[ \t]*$", re.I)
MAX_FIGURE_LINES = 12  # a figure's tag, image, caption (perhaps a paragraph in it) and end, with room to spare
_ATTR = re.compile(r"""([A-Za-z][\w-]*)\s*=\s*(?:"([^"]*)"|'([^']*)')""")
_TAG = re.compile(r"<[^<>]*>")
_INLINE_TAG = re.compile(r"</?(?:a|b|code|em|i|kbd|mark|span|strong)\b[^<>]*>", re.I)  # inside a word or phrase


@dataclass(frozen=True, slots=True)
class Figures:
    text: str
    converted: int = 0


def convert_figures(text: str) -> Figures:
    """`text` with each GitBook figure made a Markdown image, line for line; code is left alone."""
    if "<figure" not in text.lower():
        return Figures(text)
    lines = text.split("\n")
    masked = mask_blocks(text).split("\n")
    converted = 0
    number = 0
    while number < len(lines):
        end = _figure_end(lines, masked, number)
        if end is None:
            number += 1
            continue
        written = " ".join([lines[number].rstrip(), *(line.strip() for line in lines[number + 1 : end + 1])])
        found = _FIGURE.match(written)
        image = _image(found) if found else None
        if image is not None:
            lines[number : end + 1] = [image, *([""] * (end - number))]
            converted += 1
            number = end
        number += 1
    return Figures("\n".join(lines), converted)


def _figure_end(lines: list[str], masked: list[str], start: int) -> int | None:
    """The line `</figure>` ends on, for a figure opening at `start` outside code; None for any other line."""
    if masked[start] != lines[start] or not _OPENS.match(lines[start]):
        return None
    for number in range(start, min(start + MAX_FIGURE_LINES, len(lines))):
        if masked[number] != lines[number] or (number > start and not lines[number].strip()):
            return None  # code, or a blank line: an HTML block ends there, and so does the figure GitBook wrote
        if _CLOSES.search(lines[number]):
            return number
    return None


def _image(found: re.Match[str]) -> str | None:
    attrs = {m[1].lower(): html.unescape(m[2] if m[2] is not None else m[3]) for m in _ATTR.finditer(found["attrs"])}
    src = attrs.get("src", "").strip()
    if not src or any(char in src for char in "<>\n"):
        return None
    alt = _escaped(attrs.get("alt", ""), "[]")
    caption = " ".join(html.unescape(_TAG.sub(" ", _INLINE_TAG.sub("", found["caption"] or ""))).split())
    title = f' "{_escaped(caption, chr(34))}"' if caption else ""
    return f"{found['indent']}![{alt}](<{src}>{title})"


def _escaped(text: str, characters: str) -> str:
    """`text` with backslashes and `characters` escaped, for a Markdown label or title."""
    return "".join(f"\\{char}" if char == "\\" or char in characters else char for char in text)
