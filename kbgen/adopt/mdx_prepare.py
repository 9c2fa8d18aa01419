"""The first reading of an MDX page (Docusaurus): what is JavaScript, not text, taken out line for line.

An MDX page opens with `import Tabs from '@theme/Tabs';` and may `export` values; Docusaurus runs these and shows
nothing of them, Python-Markdown would print them as a paragraph. Each such statement (from its `import` or
`export` line to the next blank line, as MDX reads it) is blanked. A ```` ```mdx-code-block ```` fence is MDX that
Docusaurus renders (a way to write JSX in a `.md` file that other tools show as code): its fence lines are blanked
and what it holds is read as the page's own text. A JSX comment, `{/* ... */}`, becomes an HTML comment, so a
writer's note stays a note. Every line keeps its number, so the file:line of anything reported later is the
source's. Nothing inside other code blocks or code spans is touched.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from kbgen.links.code_mask import mask_inline

_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})[ \t]*([^`\s]*)")
_ESM = re.compile(
    r"^(?:import\b[ \t]*[\w$*{'\"]|export[ \t]+(?:const|let|var|function|async|class|default|type|interface)\b"
    r"|export[ \t]*[{*])"
)
# what only MDX writes at the top of a `.md` page: `import X from '...'`, `import '...'`, `export const x = ...`
_ESM_SURE = re.compile(
    r"^(?:import\b[^\n]*\bfrom[ \t]*['\"]|import[ \t]*['\"]|import[ \t]*\{[ \t]*$"
    r"|export[ \t]+(?:const|let|function|default)\b)"
)
MDX_BLOCK = "mdx-code-block"


@dataclass(frozen=True, slots=True)
class Prepared:
    text: str
    statements: int  # import/export statements blanked
    unwrapped: int  # mdx-code-block fences read as text


def code_blanked(text: str) -> str:
    """`text` with its code blocks and code spans blanked (same length, same lines), for finding components."""
    lines = text.split("\n")
    code, _ = fenced_lines(lines)
    return mask_inline("\n".join(" " * len(line) if code[n] else line for n, line in enumerate(lines)))


def fenced_lines(lines: list[str]) -> tuple[list[bool], list[int]]:
    """Which lines are inside (or open or close) a code fence, and the lines that open or close an mdx-code-block
    fence (whose insides are not code)."""
    code = [False] * len(lines)
    markers: list[int] = []
    fence = ""
    mdx = False
    for number, line in enumerate(lines):
        if fence:
            stripped = line.strip()
            if stripped.startswith(fence) and not stripped.strip(fence[0]):
                fence = ""
                if mdx:
                    markers.append(number)
                    continue
            if not mdx:
                code[number] = True
            continue
        opening = _FENCE.match(line)
        if opening is None or (opening.group(1)[0] == "`" and "`" in line[opening.end() :]):
            continue
        fence = opening.group(1)
        mdx = opening.group(2) == MDX_BLOCK
        if mdx:
            markers.append(number)
        else:
            code[number] = True
    return code, markers


def looks_like_mdx(text: str) -> bool:
    """Whether a `.md` page is written in MDX (Docusaurus reads `.md` as MDX too): it imports or exports at its top
    level, or holds an mdx-code-block fence."""
    if "import" not in text and "export" not in text and MDX_BLOCK not in text:
        return False
    lines = text.split("\n")
    code, markers = fenced_lines(lines)
    return bool(markers) or any(not code[n] and _ESM_SURE.match(line) for n, line in enumerate(lines))


def prepare(text: str) -> Prepared:
    """`text` with its ESM statements and mdx-code-block fence lines blanked and JSX comments made HTML ones."""
    lines = text.split("\n")
    code, markers = fenced_lines(lines)
    for number in markers:
        lines[number] = ""
    statements = 0
    previous_blank = True
    number = 0
    while number < len(lines):
        line = lines[number]
        if previous_blank and not code[number] and _ESM.match(line):
            statements += 1
            while number < len(lines) and lines[number].strip() and not code[number]:
                lines[number] = ""
                number += 1
            previous_blank = True
            continue
        previous_blank = not line.strip()
        number += 1
    text = "\n".join(lines)
    masked = mask_inline("\n".join(" " * len(line) if code[n] else line for n, line in enumerate(lines)))
    return Prepared(_comments(text, masked), statements, len(markers) // 2)


def _comments(text: str, masked: str) -> str:
    """JSX comments outside code as HTML comments, on the same lines."""
    if "{/*" not in masked:
        return text
    pieces: list[str] = []
    done = 0
    # each comment ends at the first `*/}` after it; once none is left, no later `{/*` is closed either (the
    # regex search rescanned to the end for each of them: 9,000 unclosed ones took seconds)
    while (start := masked.find("{/*", done)) >= 0 and (end := masked.find("*/}", start + 3)) >= 0:
        inside = text[start + 3 : end].replace("--", "- -")
        pieces += [text[done:start], f"<!--{inside}-->"]
        done = end + 3
    return "".join(pieces) + text[done:]
