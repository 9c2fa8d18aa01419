"""Docusaurus' and VitePress' admonitions, read as MkDocs' own.

    :::tip[Before you start]            ::: warning Back up first
    Export your data.                   It cannot be undone.
    :::                                 :::

Python-Markdown knows nothing of these, so the markers would show as text and the box would not be drawn. The
renderer is given the admonition they mean, line for line: ``!!! tip "Before you start"``, the content indented
four spaces, the closing marker left empty. Only known kinds are read (Docusaurus' note, tip, info, warning, danger
and caution, VitePress' details, and MkDocs' own), only a block whose closing marker is there, and never inside
code; anything else, such as DocFX's ``:::zone``, stays as written.
"""

from __future__ import annotations

import re

from kbgen.links.code_mask import mask_blocks

_KINDS = {
    "note": "note", "tip": "tip", "info": "info", "warning": "warning", "danger": "danger", "caution": "caution",
    "important": "important", "details": "note", "success": "success", "question": "question",
    "example": "example", "abstract": "abstract", "quote": "quote", "bug": "bug", "failure": "failure",
}  # fmt: skip
_OPEN = re.compile(r"(?P<fence>:{3,})[ \t]*(?P<kind>[A-Za-z]+)(?:\[(?P<bracketed>[^\]\n]*)\]|[ \t]+(?P<title>[^\n]*))?")
_CLOSE = re.compile(r"(?P<fence>:{3,})[ \t]*")


def as_mkdocs_admonitions(body: str) -> str:
    """The body with each Docusaurus or VitePress admonition as MkDocs' `!!!` block, on the same lines."""
    if ":::" not in body:
        return body
    lines = body.split("\n")
    masked = mask_blocks(body).split("\n")
    out = list(lines)
    open_at: list[tuple[int, re.Match[str]]] = []  # each opening line and its marker, innermost last
    for number, shown in enumerate(masked):
        if shown != lines[number]:
            continue  # code
        opening = _OPEN.fullmatch(shown)
        if opening is not None and opening["kind"].lower() in _KINDS:
            open_at.append((number, opening))
            continue
        closing = _CLOSE.fullmatch(shown)
        if closing is not None and open_at and closing["fence"] == open_at[-1][1]["fence"]:
            start, marker = open_at.pop()
            _convert(out, marker, start, number)
    return "\n".join(out)


def _convert(out: list[str], opening: re.Match[str], start: int, end: int) -> None:
    """Rewrite lines start..end (the `opening` marker's line to the closing one's) in `out`, indenting whatever
    nested boxes already made of the lines in between."""
    kind = _KINDS[opening["kind"].lower()]
    title = (opening["bracketed"] if opening["bracketed"] is not None else opening["title"] or "").strip()
    out[start] = f'!!! {kind} "{title}"' if title else f"!!! {kind}"
    for number in range(start + 1, end):
        if out[number]:
            out[number] = "    " + out[number]
    out[end] = ""
