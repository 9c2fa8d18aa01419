"""Code fences whose info string says more than the renderer's fences take, read for the language they name.

CommonMark reads any text after a fence's backticks as its info string, the first word being the language, and
Docusaurus' writers put more there: ```` ```bash npm2yarn ````, ```` ```js config-tabs ````, ```` ```jsx live ````,
```` ```js showLineNumbers ````, ```` ```md title="docs/hello.md" {1-4} ````. pymdownx.superfences refuses a fence
with a word it does not know, so the reader saw the fence as a paragraph (`bash npm2yarn npm install ...`) and
everything down to the next fence as one code block. The renderer is given what it can show: the language, the
title, the lines to highlight (Docusaurus' `{1,4-6}` is superfences' `hl_lines="1 4-6"`) and line numbers
(`showLineNumbers`); any other word is dropped. VitePress writes the lines to highlight against the language
(```` ```js{4} ````, ```` ```ts:line-numbers {1} ````) and a file name in brackets (```` ```js [config.js] ````): read
the same way, the brackets as the title. Only opening lines change, so every line stays where it was.
"""

from __future__ import annotations

import re

from kbgen.links.code_mask import fence_openers

_OPENER = re.compile(r"(?P<lead>[ \t]*(?:`{3,}|~{3,})[ \t]*)(?P<info>[^\n]*)")
_TOKEN = re.compile(r"""(?P<key>[A-Za-z][\w-]*)=(?P<value>"[^"]*"|'[^']*'|\S+)|(?P<word>\S+)""")
_LINE_RANGES = re.compile(r"\{(?P<ranges>[\d,\s-]+)\}")
# a line that may open a fence with more than one word after it, or with VitePress' `js{4}` / `js:line-numbers` (a
# superset of the openers changed)
_SAYS_MORE = re.compile(r"^[ \t>]*(?:`{3,}|~{3,})[ \t]*(?:[^\s{][^\n]*?[ \t]\S|[^\s{`~]+[{:])", re.M)
# VitePress' language with its options joined to it: `js{1,4}`, `ts:line-numbers`, `js:line-numbers=5 {1}`
_JOINED = re.compile(r"(?P<language>[^\s{:\[]+)(?P<modes>(?::[\w-]+(?:=\d+)?)+)?(?P<rest>[{ \t\[].*)?")
_BRACKETED = re.compile(r"[ \t]+\[(?P<label>[^\]\n]+)\][ \t]*$")
_KEPT = frozenset({"title", "hl_lines", "linenums"})  # the options superfences' highlighter takes
# The values superfences takes for them (its RE_HL_LINES, whole, and RE_LINENUMS, which need only start the
# value): one it refuses makes it refuse the whole fence, which then shows as a paragraph and pairs the fences
# after it wrongly (`linenums="-1"`, Docusaurus' `{-5}`).
_VALID = {
    "hl_lines": re.compile(r"\d+(?:-\d+)?(?:[ \t]+\d+(?:-\d+)?)*\Z"),
    "linenums": re.compile(r"\d"),
    "title": re.compile(r""),
}


def with_renderable_fences(body: str) -> str:
    """The body with each code fence's info string cut to what the renderer takes."""
    if _SAYS_MORE.search(body) is None:  # most bodies: every fence names a language at most, read as it is
        return body
    lines = body.split("\n")
    for number in fence_openers(body):
        opener = _OPENER.fullmatch(lines[number])
        if opener is None:
            continue
        info = opener["info"].strip()
        readable = renderable_info(info)
        if readable != info:
            lines[number] = opener["lead"] + readable
    return "\n".join(lines)


def renderable_info(info: str) -> str:
    """An info string as superfences takes it; one that is only a language, or in the `{...}` attribute form,
    is returned as it is."""
    if not info or info.startswith("{"):
        return info
    info = _vitepress_info(info)
    if len(info.split()) == 1:
        return info
    language = ""
    options: list[str] = []
    for number, token in enumerate(_TOKEN.finditer(info)):
        word, key = token["word"], token["key"]
        if word is not None:
            ranges = _LINE_RANGES.fullmatch(word)
            if number == 0 and not word.startswith("{"):
                language = word
            elif ranges is not None:
                options.append(_option("hl_lines", " ".join(filter(None, re.split(r"[,\s]+", ranges["ranges"])))))
            elif word.lower() == "showlinenumbers":
                options.append(_option("linenums", "1"))
        else:
            value = token["value"]
            value = value[1:-1] if value[0] in "\"'" else value
            if key in _KEPT:
                options.append(_option(key, value))
            elif key.lower() == "showlinenumbers" and value.isdigit():
                options.append(_option("linenums", value))
    return " ".join([language, *filter(None, options)]).strip()


def _vitepress_info(info: str) -> str:
    """VitePress' `js:line-numbers{4} [config.js]` as the words read below: `js showLineNumbers {4}
    title="config.js"`."""
    bracketed = _BRACKETED.search(info)
    label = bracketed["label"].strip() if bracketed else ""
    info = info[: bracketed.start()] if bracketed else info
    joined = _JOINED.fullmatch(info)
    if joined is None:
        return info
    words = [joined["language"]]
    for mode in (joined["modes"] or "").split(":")[1:]:
        name, _, start = mode.partition("=")
        if name == "line-numbers":
            words.append(f"showLineNumbers={start}" if start else "showLineNumbers")
    words.append((joined["rest"] or "").strip())
    if label and "title=" not in info:
        words.append(f'title="{label}"' if '"' not in label else f"title='{label}'")
    return " ".join(filter(None, words))


def _option(key: str, value: str) -> str:
    """`key="value"`, or nothing when superfences would refuse the value (and with it the fence)."""
    if _VALID[key].match(value) is None or ('"' in value and "'" in value):
        return ""
    quote = "'" if '"' in value else '"'
    return f"{key}={quote}{value}{quote}"
