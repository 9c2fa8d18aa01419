"""MyST's directives (Sphinx and Jupyter Book pages) made what kbgen's renderer shows.

    ```{note}                      becomes   !!! note
    ```{warning} Check it                    !!! warning "Check it"
    :::{admonition} Title + :class: tip      !!! tip "Title"
    ```{dropdown} More                       ??? note "More"
    ```{code-block} python + :caption: x     ```python title="x" (and linenums, hl_lines from the options)
    ```{figure} a.png + :alt: + caption      ![alt](a.png), the caption in italics under it
    ```{contents}                            [TOC]
    ::::{tab-set} / :::{tab-item} Label      === "Label"
    ```{toctree}                             a list of links to its pages ({doc} roles), nothing when :hidden:
    :::{card} Title + :link: x               **Title** (a link to x) over the card's text; a grid its cards
    ```{button-ref} label                    a link ({ref}/{doc} roles, resolved with the other roles)

A directive is a fence of backticks or colons whose info is `{name}`; its options (`:key: value` lines, or a YAML
block between `---` lines) follow the opening line. Bodies are converted again, so a note inside a tab is a note.
An unknown directive (and `{include}` that kbgen.adopt.myst_includes could not expand) stays as written and is
reported with its line; a code fence is never read. A converted directive takes no more lines than it was written
on (blank lines fill the rest), so the lines below it keep their numbers for the notes that name them.
"""

from __future__ import annotations

import html
import re
from bisect import bisect_right
from dataclasses import dataclass, field

from kbgen.adopt import code_fences
from kbgen.adopt.mapping import Left

_OPEN = re.compile(r"(?P<indent>[ \t]*)(?P<fence>`{3,}|:{3,})\{(?P<name>[\w:.+-]+)\}[ \t]*(?P<arg>[^\n]*)")
_CODE_FENCE = re.compile(r"(?P<indent>[ \t]*)(?P<fence>`{3,}|~{3,})(?P<info>[^\n]*)")
_BARE_FENCE = re.compile(r"[ \t]*(?P<fence>`{3,}|:{3,})[ \t]*")  # a line that can close a directive or code block
_OPTION = re.compile(r"[ \t]*:(?P<key>[\w-]+):(?:[ \t]+(?P<value>[^\n]*))?[ \t]*")
_ADMONITIONS = {
    "note", "tip", "hint", "important", "warning", "caution", "attention", "danger", "error", "seealso", "todo",
}  # fmt: skip
_VERSIONS = {"versionadded": "New in version", "versionchanged": "Changed in version", "deprecated": "Deprecated since"}
_CODE = {"code-block", "code", "sourcecode", "code-cell"}
_UNWRAPPED = {"tab-set", "div", "container", "grid", "grid-item", "tab-set-code"}  # bodies shown, frames not
_QUIET = {"index"}  # Sphinx shows nothing of it in the page
_INCLUDES = {"include", "literalinclude"}
_CARDS = {"card", "grid-item-card"}
_BUTTONS = {"button-ref", "button-link"}
_GLOB = re.compile(r"[*?\[]")
_TOCTREE_ENTRY = re.compile(r"(?P<title>.*?)\s*<(?P<target>[^<>]+)>")
_MOST_DEPTH = 16  # nested directives: deeper ones are left as written


@dataclass(slots=True)
class Converted:
    text: str = ""
    directives: int = 0
    left: list[Left] = field(default_factory=list)


@dataclass(slots=True)
class Directive:
    name: str
    arg: str
    options: dict[str, str]
    body: list[str]
    body_line: int  # index of the body's first line in the page


@dataclass(frozen=True, slots=True)
class Toctree:
    """One `{toctree}` of a page: its caption, whether it globs, and its entries as (title, target, line)."""

    caption: str
    glob: bool
    entries: tuple[tuple[str, str, int], ...]
    line: int


def find_toctrees(text: str, first_line: int = 1) -> list[Toctree]:
    """The page's toctrees in order (those written at its top level, outside code blocks), hidden or not."""
    lines = text.split("\n")
    fences = Fences(lines)
    found: list[Toctree] = []
    number = 0
    while number < len(lines):
        line = lines[number]
        opening = _OPEN.fullmatch(line) if "{" in line else None
        fence = opening or _CODE_FENCE.fullmatch(line)
        end = fences.close(number, fence["fence"]) if fence is not None else number
        if opening is not None and opening["name"].lower() == "toctree":
            block = _parse(opening, lines[number + 1 : end], number + 1)
            entries = []
            for index, written in enumerate(block.body):
                entry = written.strip()
                if entry and entry != "self":
                    explicit = _TOCTREE_ENTRY.fullmatch(entry)
                    title, target = (explicit["title"], explicit["target"]) if explicit else ("", entry)
                    entries.append((title, target, first_line + block.body_line + index))
            caption = block.options.get("caption", "")
            found.append(Toctree(caption, "glob" in block.options, tuple(entries), first_line + number))
        number = end + 1
    return found


def directive_name(line: str) -> str | None:
    """The name (lower-cased) of the directive the line opens, if it opens one: its body is parsed only if wanted."""
    opening = _OPEN.fullmatch(line) if "{" in line else None
    return opening["name"].lower() if opening is not None else None


def directive_at(fences: Fences, number: int) -> tuple[Directive, int, str] | None:
    """The directive opening on line `number` (its name lower-cased), the line closing it and its indent."""
    lines = fences.lines
    opening = _OPEN.fullmatch(lines[number]) if "{" in lines[number] else None
    if opening is None:
        return None
    end = fences.close(number, opening["fence"])
    return _parse(opening, lines[number + 1 : end], number + 1), end, opening["indent"]


def fence_end(fences: Fences, number: int) -> int:
    """The line closing the code block opened on line `number`; `number` itself when none opens there."""
    fence = _CODE_FENCE.fullmatch(fences.lines[number])
    return fences.close(number, fence["fence"]) if fence else number


def uses_directives(text: str) -> bool:
    return "```{" in text or ":::{" in text


def convert_directives(text: str, first_line: int = 1) -> Converted:
    """`text` (a page body whose first line is file line `first_line`) with its MyST directives converted."""
    result = Converted()
    result.text = "\n".join(_convert(text.split("\n"), 0, first_line, result, 0))
    return result


def _convert(lines: list[str], offset: int, first_line: int, result: Converted, depth: int) -> list[str]:
    out: list[str] = []
    fences = Fences(lines)
    number = 0
    while number < len(lines):
        line = lines[number]
        opening = _OPEN.fullmatch(line) if "{" in line else None
        if opening is None:
            fence = _CODE_FENCE.fullmatch(line)
            end = fences.close(number, fence["fence"]) if fence else number
            out.extend(lines[number : end + 1])  # a code block, never read
            number = end + 1
            continue
        end = fences.close(number, opening["fence"])
        block = _parse(opening, lines[number + 1 : end], offset + number + 1)
        converted = None if depth >= _MOST_DEPTH else _render(block, opening["indent"], first_line, result, depth)
        if converted is None:
            where = first_line + offset + number
            why = f"MyST directive {{{block.name}}} left as written: kbgen has none like it; write it in Markdown"
            if block.name not in _INCLUDES:  # one left is noted where it was read (kbgen.adopt.myst_includes)
                result.left.append(Left(where, why))
            out.extend(lines[number : end + 1])
        else:
            result.directives += 1
            out.extend(converted)
            out.extend([""] * (end + 1 - number - len(converted)))  # the lines below keep their numbers
        number = end + 1
    return out


class Fences:
    """Where each fence of one page's lines closes. Each bare fence line is found once, so a page of thousands of
    fences that never close is read in linear time: asked line by line, a scan to the end for each was quadratic."""

    def __init__(self, lines: list[str]) -> None:
        self.lines = lines
        self._bare: list[tuple[int, str]] | None = None
        self._closing: dict[str, list[int]] = {}

    def close(self, start: int, fence: str) -> int:
        """The line closing the fence opened at `start` (the page's last when none does, as CommonMark reads it)."""
        if self._bare is None:
            bare = ((n, _BARE_FENCE.fullmatch(line)) for n, line in enumerate(self.lines))
            self._bare = [(n, found["fence"]) for n, found in bare if found is not None]
        closing = self._closing.get(fence)
        if closing is None:
            closing = [n for n, bare in self._bare if bare[0] == fence[0] and len(bare) >= len(fence)]
            self._closing[fence] = closing
        at = bisect_right(closing, start)
        if at < len(closing):
            return closing[at]
        return len(self.lines) - 1 if start + 1 < len(self.lines) else start


def _parse(opening: re.Match[str], inner: list[str], body_index: int) -> Directive:
    options: dict[str, str] = {}
    skip = 0
    if inner[:1] == ["---"] and "---" in inner[1:]:  # options as YAML: `key: value` lines
        end = inner.index("---", 1)
        for line in inner[1:end]:
            key, _, value = line.partition(":")
            options[key.strip()] = value.strip()
        skip = end + 1
    else:
        while skip < len(inner) and (option := _OPTION.fullmatch(inner[skip])):
            options[option["key"]] = (option["value"] or "").strip()
            skip += 1
    if skip < len(inner) and not inner[skip].strip():
        skip += 1
    indent = len(opening["indent"])
    body = [line[indent:] if line[:indent].strip() == "" else line.lstrip() for line in inner[skip:]]
    return Directive(opening["name"].lower(), opening["arg"].strip(), options, body, body_index + skip)


def _render(block: Directive, indent: str, first_line: int, result: Converted, depth: int) -> list[str] | None:
    """The Markdown for one directive, or None to leave it as written."""
    name = block.name.removeprefix("myst:")

    def inner() -> list[str]:
        return _convert(block.body, block.body_line, first_line, result, depth + 1)

    def boxed(marker: str, kind: str, title: str) -> list[str]:
        head = f'{indent}{marker} {kind} "{_quoted(title)}"' if title else f"{indent}{marker} {kind}"
        return [head, *(f"{indent}    {line}" if line.strip() else "" for line in inner()), ""]

    classes = block.options.get("class", "").replace(",", " ").split()
    marker = "???" if "dropdown" in classes else "!!!"
    if name in _ADMONITIONS:
        return boxed(marker, name, block.arg)
    if name == "admonition":
        kind = next((word for word in classes if word in _ADMONITIONS), "note")
        return boxed(marker, kind, block.arg or "Note")
    if name in _VERSIONS:
        return boxed(marker, "warning" if name == "deprecated" else "note", f"{_VERSIONS[name]} {block.arg}".strip())
    if name == "dropdown":
        return boxed("???+" if "open" in block.options else "???", "note", block.arg or "Details")
    if name in ("tab-item", "tab"):
        label = block.arg or "Tab"
        tab = [f"{indent}    {line}" if line.strip() else "" for line in inner()]
        return [f'{indent}=== "{_quoted(label)}"', "", *tab]
    if name in _UNWRAPPED:
        return ["", *(f"{indent}{line}" if line.strip() else "" for line in inner()), ""]
    if name in _QUIET or (name == "toctree" and "hidden" in block.options):
        return [""]
    if name == "toctree":
        return _toctree_list(block, indent, first_line, result)
    if name in _CARDS:
        return _card(block, indent, inner())
    if name in _BUTTONS:
        return _button(block, indent)
    if name == "contents":
        return [f"{indent}[TOC]"]
    if name == "rubric":
        return [f"{indent}**{block.arg}**"] if block.arg else [""]
    if name in _CODE:
        return _code(block, indent)
    if name in ("figure", "image"):
        return _figure(block, indent, name == "figure")
    return None


def _code(block: Directive, indent: str) -> list[str]:
    language = code_fences.language(block.arg.split()[0]) if block.arg else "text"
    attributes = []
    caption = block.options.get("caption") or block.options.get("name", "")
    if block.options.get("caption"):
        attributes.append(f'title="{_quoted(caption)}"')
    if "linenos" in block.options or "number-lines" in block.options:
        start = block.options.get("lineno-start") or block.options.get("number-lines") or "1"
        attributes.append(f'linenums="{start if start.isdigit() else 1}"')
    lines = block.options.get("emphasize-lines", "")
    if re.fullmatch(r"[\d,\s-]+", lines):
        attributes.append(f'hl_lines="{" ".join(part.strip() for part in lines.split(",") if part.strip())}"')
    ticks = code_fences.ticks(block.body)
    head = " ".join([language, *attributes])
    return [f"{indent}{ticks}{head}", *(f"{indent}{line}" if line else "" for line in block.body), f"{indent}{ticks}"]


def _figure(block: Directive, indent: str, figure: bool) -> list[str]:
    """A Markdown image; a figure's caption (its body's first paragraph) under it in italics, then the rest."""
    body = block.body if figure else []
    blank = next((n for n, line in enumerate(body) if not line.strip()), len(body))
    caption = " ".join(" ".join(body[:blank]).split())
    alt = block.options.get("alt") or caption
    attributes = [f'{key}="{_quoted(block.options[key])}"' for key in ("width", "height") if block.options.get(key)]
    attrs = "{ " + " ".join(attributes) + " }" if attributes else ""
    image = f"{indent}![{_text(alt)}]({_destination(block.arg)}){attrs}"
    shown = [image, ""]
    if caption:
        shown += [f"{indent}*{caption}*", ""]
    return shown + [f"{indent}{line}" if line.strip() else "" for line in body[blank + 1 :]]


def _toctree_list(block: Directive, indent: str, first_line: int, result: Converted) -> list[str]:
    """What Sphinx shows of a toctree that is not hidden: its caption, then a link to each page, titled by the
    entry's title or the page's (the `{doc}` roles are resolved with the page's other roles)."""
    shown = [f"{indent}**{_text(block.options['caption'])}**", ""] if block.options.get("caption") else []
    for number, line in enumerate(block.body):
        entry = line.strip()
        if not entry or entry == "self":
            continue
        if _GLOB.search(entry) and "glob" in block.options:
            why = f"MyST toctree entry '{entry}' is a glob; kbgen lists no pages for it: name each page"
            result.left.append(Left(first_line + block.body_line + number, why))
            continue
        explicit = _TOCTREE_ENTRY.fullmatch(entry)
        title, target = (explicit["title"], explicit["target"]) if explicit else ("", entry)
        if re.match(r"[A-Za-z][A-Za-z0-9+.-]*:|//", target):
            shown.append(f"{indent}- [{_text(title or target)}]({_destination(target)})")
        elif "`" in title or "<" in title:
            shown.append(f"{indent}- {{doc}}`{target}`")
        else:
            shown.append(f"{indent}- {{doc}}`{title} <{target}>`" if title else f"{indent}- {{doc}}`{target}`")
    return [*shown, ""]


def _link_role(target: str, kind: str, text: str) -> str:
    """A link to a sphinx-design `:link:`: a URL as Markdown, a page or a label as the role that resolves it."""
    if kind == "url" or re.match(r"[A-Za-z][A-Za-z0-9+.-]*:|//", target):
        return f"[{_text(text or target)}]({_destination(target)})"
    role = "doc" if kind == "doc" else "ref"
    if not text or "`" in text or "<" in text:
        return f"{{{role}}}`{target}`"
    return f"{{{role}}}`{text} <{target}>`"


def _card(block: Directive, indent: str, body: list[str]) -> list[str]:
    """A sphinx-design card: its title in bold (a link when it has `:link:`), over its text; the `^^^` under a
    header and the `+++` over a footer made blank lines, their text kept as paragraphs."""
    title = block.arg
    link = block.options.get("link", "")
    kind = block.options.get("link-type", "url").lower()
    title = _link_role(link, kind, title) if link else _text(title)
    lines = ["" if line.strip() in ("^^^", "+++") else line for line in body]
    head = [f"{indent}**{title}**", ""] if title else []
    return [*head, *(f"{indent}{line}" if line.strip() else "" for line in lines), ""]


def _button(block: Directive, indent: str) -> list[str]:
    """A sphinx-design button: a link, its text the button's (else the target's title or address)."""
    text = " ".join(" ".join(block.body).split())
    if block.name == "button-link":
        return [f"{indent}{_link_role(block.arg, 'url', text)}", ""]
    kind = block.options.get("ref-type", "ref").lower()
    return [f"{indent}{_link_role(block.arg, 'doc' if kind == 'doc' else 'ref', text)}", ""]


def _destination(target: str) -> str:
    """An address as a Markdown link destination in angle brackets; a `<` or `>` in it is percent-encoded, as the
    brackets cannot hold one (`a.png> "x` ended the destination and left the rest as text)."""
    return "<" + target.replace("<", "%3C").replace(">", "%3E") + ">"


def _quoted(text: str) -> str:
    return text.replace('"', "&quot;")


def _text(text: str) -> str:
    """Text for a link's or image's brackets: its brackets escaped, as Markdown would otherwise end it there."""
    return html.escape(text, quote=False).replace("[", r"\[").replace("]", r"\]")
