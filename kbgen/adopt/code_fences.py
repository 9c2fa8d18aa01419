"""The opening and closing lines of a code fence adopt writes around text it copies (MyST's and VitePress' code
imports, MyST's code blocks): fences no line of the text can end, and a language the renderer reads as one word."""

from __future__ import annotations

import re
from collections.abc import Iterable

_LANGUAGE = re.compile(r"[\w#.+-]+")  # Pygments' lexer names and aliases are of these characters


def language(written: str, fallback: str = "text") -> str:
    """The language a directive or import names, or `fallback` when it is no language's name: a `"` or `<` in it
    would end the fence's info, and the rest of the opening line would become the block's first line of text."""
    return written if _LANGUAGE.fullmatch(written) else fallback


def ticks(lines: Iterable[str]) -> str:
    """Backticks longer than any run of them in `lines`, so none of the copied text closes the fence."""
    return "`" * max(3, 1 + max((len(run) for line in lines for run in re.findall(r"`+", line)), default=0))
