"""Microsoft Learn's (DocFX's) layout markup, read as the content it lays out.

    :::row:::                        > [!div class="mx-imgBorder"]      > [!VIDEO https://www.example.com/embed/x]
        :::column:::                 > ![The form](media/form.png)
            #### Cash inflows
        :::column-end:::
    :::row-end:::

Python-Markdown knows none of these, so a page showed the markers as text: a row of columns ran into one
paragraph starting ":::row::: :::column:::" (its content, indented as DocFX allows, read as code), a bordered
screenshot sat in a grey quote under the words '[!div class="mx-imgBorder"]', and a video was the text
'[!VIDEO …]'. The renderer is given, on the same lines: each column's content one after the other, moved left to
where it reads as Markdown (`dedent_columns`: only leading spaces change, so the link check reads it the same
way), each marker line left empty, the `[!div]` quote's content unquoted (a class is DocFX's styling, not a
quote), and a video as a link to it (an embedded player would load a third party). Code, and anything else DocFX
writes with `:::`, stays as written.
"""

from __future__ import annotations

import re

from kbgen.links.code_mask import mask_blocks

_ROW = re.compile(r"[ \t]*:::row:::[ \t]*")
_ROW_END = re.compile(r"[ \t]*:::row-end:::[ \t]*")
_COLUMN = re.compile(r"[ \t]*:::column(?:[ \t]+[^:\n]*)?:::[ \t]*")
_COLUMN_END = re.compile(r"[ \t]*:::column-end:::[ \t]*")
_LAYOUT = re.compile(r"[ \t]*:::(?:row|row-end|column(?:[ \t]+[^:\n]*)?|column-end):::[ \t]*")
_DIV = re.compile(r"[ \t]*>[ \t]?\[!div(?:[ \t][^\]\n]*)?\][ \t]*")
_VIDEO = re.compile(r"(?P<lead>[ \t]*)>[ \t]?\[!VIDEO[ \t]+(?P<url>https?://[^\s\]]+)\][ \t]*", re.IGNORECASE)
_ANY = re.compile(r":::(?:row|column)|\[!(?:div|video)\b", re.IGNORECASE)
_QUOTED = re.compile(r"(?P<lead>[ \t]*)>[ \t]?")


def dedent_columns(body: str) -> str:
    """Each `:::column:::`'s content moved left by the indentation its lines share (spaces only)."""
    if ":::column" not in body:
        return body
    lines = body.split("\n")
    masked = mask_blocks(body).split("\n")
    out = list(lines)
    opened: int | None = None
    in_row = False  # within a row (opened outside code) its markers count, however its lines are indented
    for number, line in enumerate(lines):
        if _ROW.fullmatch(line):
            in_row = masked[number] == line
        elif _ROW_END.fullmatch(line):
            in_row = False
        elif not in_row:
            continue
        elif _COLUMN.fullmatch(line):
            opened = number
        elif _COLUMN_END.fullmatch(line) and opened is not None:
            content = lines[opened + 1 : number]
            shared = min((len(text) - len(text.lstrip(" ")) for text in content if text.strip()), default=0)
            for at in range(opened + 1, number):
                out[at] = lines[at][shared:] if lines[at].strip() else lines[at]
            opened = None
    return "\n".join(out)


def without_layout_markers(body: str) -> str:
    """The body with DocFX's row and column markers, `[!div]` quotes and `[!VIDEO]` lines read as their content."""
    if _ANY.search(body) is None:  # GitHub's `> [!NOTE]` alerts (hundreds of pages) are none of these
        return body
    lines = body.split("\n")
    masked = mask_blocks(body).split("\n")
    out = list(lines)
    unquoting = in_row = False
    for number, line in enumerate(lines):
        if _LAYOUT.fullmatch(line) and (in_row or masked[number] == line):
            in_row = not _ROW_END.fullmatch(line)
            out[number] = ""
            unquoting = False
            continue
        if masked[number] != line:  # code
            unquoting = False
            continue
        if (video := _VIDEO.fullmatch(line)) is not None:
            url = video["url"]
            out[number] = f"{video['lead']}[▶ {url}](<{url}>)"
            unquoting = False
        elif _DIV.fullmatch(line):
            out[number] = ""
            unquoting = True
        elif unquoting and (quoted := _QUOTED.match(line)) is not None:
            out[number] = quoted["lead"] + line[quoted.end() :]
        else:
            unquoting = False
    return "\n".join(out)
