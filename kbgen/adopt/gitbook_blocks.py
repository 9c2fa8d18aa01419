"""GitBook's block tags, which show as typed on any other site, made what kbgen's Markdown shows:

- `{% hint style="info" %}…{% endhint %}` an admonition (`!!! info`; success, warning and danger alike);
- `{% tabs %}` with `{% tab title="cURL" %}…{% endtab %}` content tabs (`=== "cURL"`);
- `{% code title="x.sh" lineNumbers="true" %}` around a fence: the fence, with the title and line numbers in its
  info string (kbgen.render.fence_info shows them);
- `{% embed url="…" %}` and `{% file src="…" %}` a link to the address or file (a caption, when the block has one,
  is the link's text); `{% content-ref %}` around a link: the link.

Every tag stands on a line of its own, as GitBook writes them, and each line of the file stays one line, so what
adopt and `kbgen check` report later keeps its line number: a tag becomes a blank line, or the admonition or tab
line. Tags in code are text. Other tags (Jekyll's `{% include %}`, GitBook's `{% swagger %}`) are left as they are
(`kbgen check` warns about them, KB150); a file whose blocks do not nest (an `{% endhint %}` closing a tab, a block
never closed, blocks nested over 32 deep) is left as it is, and the line is noted.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from kbgen.adopt.tab_titles import tab_title
from kbgen.links.code_mask import fence_openers, mask_blocks

_TAG = re.compile(r"^(?P<indent>[ \t]*)\{%-?[ \t]*(?P<name>[a-z][a-z-]*)(?P<args>(?:[ \t]+[^%]*?)?)[ \t]*-?%\}[ \t]*$")
_ARG = re.compile(r"""(?P<key>[A-Za-z][\w-]*)=(?:"(?P<double>[^"]*)"|'(?P<single>[^']*)'|(?P<bare>[^\s"']+))""")
_FENCE = re.compile(r"^(?P<indent>[ \t]*)(?P<marks>`{3,}|~{3,})(?P<info>.*)$")
_STYLES = {"info": "info", "success": "success", "warning": "warning", "danger": "danger", "tip": "tip"}
_OPENING = frozenset({"hint", "tabs", "tab", "code", "content-ref", "embed", "file"})
_CLOSING = {f"end{name}": name for name in _OPENING}
_INDENT = "    "
_MAX_NESTING = 32  # deeper, each line would carry its indent again: quadratic time and memory on a hostile file


@dataclass
class Converted:
    text: str
    blocks: int = 0  # hints, tab sets, code titles, embeds, files and content references converted
    left: list[tuple[int, str]] = field(default_factory=list)  # (line, why) for a file left as written


@dataclass
class _Open:
    name: str
    line: int  # 1-based line in the body
    indents: bool  # its content moves in by four spaces (a hint, a tab)
    pending_fence: str = ""  # a code block's options, for the fence that follows


def uses_gitbook_blocks(text: str) -> bool:
    return "{%" in text and any(_TAG.match(line) and _name(line) in _OPENING for line in text.splitlines())


def _name(line: str) -> str:
    found = _TAG.match(line)
    return found["name"] if found else ""


def convert_gitbook_blocks(text: str, first_line: int = 1) -> Converted:
    """`text` (a page body starting at `first_line` of its file) with GitBook's block tags converted."""
    lines = text.split("\n")
    masked = mask_blocks(text).split("\n")
    closes_later = _closed_blocks(lines, masked)
    openers = set(fence_openers(text))
    out: list[str] = []
    stack: list[_Open] = []
    blocks = 0
    for number, (line, hidden) in enumerate(zip(lines, masked, strict=True)):
        found = _TAG.match(hidden) if hidden == line else None
        depth = sum(block.indents for block in stack)
        name = found["name"] if found else ""
        if found is None or (name not in _OPENING and name not in _CLOSING):
            out.append(_content_line(line, number in openers, stack, depth))
            continue
        args = _arguments(found["args"])
        here = first_line + number
        if name in _CLOSING:
            if not stack or stack[-1].name != _CLOSING[name]:
                return Converted(text, left=[(here, f"'{{% {name} %}}' closes no open '{_CLOSING[name]}' block")])
            stack.pop()
            out.append("")
            continue
        if len(stack) >= _MAX_NESTING:
            return Converted(text, left=[(here, f"blocks nested deeper than {_MAX_NESTING} levels")])
        prefix = _INDENT * depth
        if name == "hint":
            style = args.get("style", "info").lower()
            stack.append(_Open(name, here, indents=True))
            out.append(f"{prefix}!!! {_STYLES.get(style, 'note')}")
            blocks += 1
        elif name == "tabs":
            stack.append(_Open(name, here, indents=False))
            out.append("")
            blocks += 1
        elif name == "tab":
            if not stack or stack[-1].name != "tabs":
                return Converted(text, left=[(here, "'{% tab %}' outside a '{% tabs %}' block")])
            title = tab_title(args.get("title", "").replace('"', "'").strip()) or "Tab"
            stack.append(_Open(name, here, indents=True))
            out.append(f'{prefix}=== "{title}"')
        elif name == "code":
            stack.append(_Open(name, here, indents=False, pending_fence=_fence_options(args)))
            out.append("")
            blocks += 1
        elif name == "content-ref":
            stack.append(_Open(name, here, indents=False))
            out.append("")
            blocks += 1
        else:  # embed, file: a link; a block with a caption when a closing tag follows
            target = args.get("url" if name == "embed" else "src", "")
            if not _linkable(target):
                return Converted(text, left=[(here, f"'{{% {name} %}}' names no address adopt can link to")])
            if number in closes_later:
                stack.append(_Open(name, here, indents=False))
            caption = args.get("caption", "") or (target if name == "embed" else target.rsplit("/", 1)[-1] or target)
            out.append(f"{prefix}[{_link_text(caption)}](<{target}>)")
            blocks += 1
    if stack:
        block = stack[-1]
        return Converted(text, left=[(block.line, f"'{{% {block.name} %}}' is never closed")])
    return Converted("\n".join(out), blocks)


def _content_line(line: str, opens_fence: bool, stack: list[_Open], depth: int) -> str:
    """A line inside the open blocks: moved in under a hint or tab; a code block's fence given its options."""
    code = next((block for block in reversed(stack) if block.name == "code" and block.pending_fence), None)
    if code is not None and opens_fence and (fence := _FENCE.match(line)) is not None:
        line = f"{fence['indent']}{fence['marks']}{fence['info'].rstrip()} {code.pending_fence}".rstrip()
        code.pending_fence = ""
    return f"{_INDENT * depth}{line}" if line.strip() else line


def _closed_blocks(lines: list[str], masked: list[str]) -> set[int]:
    """The lines of `{% embed %}` and `{% file %}` tags a closing tag follows (their caption between): GitBook
    writes both with and without one."""
    closed: set[int] = set()
    waiting: dict[str, int] = {}
    for number, (line, hidden) in enumerate(zip(lines, masked, strict=True)):
        name = _name(hidden) if hidden == line else ""
        if name in ("embed", "file"):
            waiting[name] = number
        elif name in ("endembed", "endfile") and _CLOSING[name] in waiting:
            closed.add(waiting.pop(_CLOSING[name]))
    return closed


def _arguments(text: str) -> dict[str, str]:
    found: dict[str, str] = {}
    for match in _ARG.finditer(text):
        value = match["double"] if match["double"] is not None else match["single"]
        found[match["key"]] = value if value is not None else match["bare"]
    return found


def _fence_options(args: dict[str, str]) -> str:
    """A code block's title and line numbers as a fence's info string carries them."""
    options = []
    if title := args.get("title", "").strip():
        quote = "'" if '"' in title else '"'
        options.append(f"title={quote}{title}{quote}")
    if args.get("lineNumbers", "").lower() == "true":
        options.append("showLineNumbers")
    return " ".join(options)


def _linkable(target: str) -> bool:
    """An address a Markdown link may carry in `<…>`: http(s) or a relative path, with no line break or `<>`."""
    if not target or any(char in target for char in "<>\n\r") or target.startswith("//"):
        return False
    scheme = re.match(r"^([A-Za-z][A-Za-z0-9+.-]*):", target)
    return scheme is None or scheme[1].lower() in ("http", "https")


def _link_text(text: str) -> str:
    """Text safe inside `[…]`: brackets and backslashes escaped."""
    return re.sub(r"([\\\[\]])", r"\\\1", text)
