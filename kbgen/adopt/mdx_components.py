"""The JSX components of an MDX page (Docusaurus) made Markdown, or taken out with their text kept and named.

Docusaurus' tabs, `<Tabs>` holding `<TabItem value="mac" label="macOS">`, become mkdocs-material's content tabs
(`=== "macOS"`, the pymdownx.tabbed extension), one tab per item, its text indented under it; the item marked
`default` (or named by the tabs' `defaultValue`) is the one shown first (`===+`), and a second set of tabs right
after another starts a set of its own (`===!`). A label comes from the item's `label`, else from the tabs'
`values={[{label, value}]}`, else from its `value`. Any other component cannot be run here: its tags are taken
out and what it wraps is kept as the page's text (`<Highlight>`, `<BrowserWindow>`, `<APITable>` wrap Markdown),
and each one is reported with its line, so nothing it did is lost unnoticed. A line that holds only a component's
tag is left empty, so the lines around keep their numbers; only a tab written on one line with its text
(`<TabItem value="a">Apple</TabItem>`) takes two. Code blocks and code spans are never read.

Tabs inside a list item (`1. Install:` then `<Tabs>` indented under it) are written at the item's content indent as
Python-Markdown reads it, four spaces a level (`- ` and `1. ` items are often indented two or three, as CommonMark
allows): written where `<Tabs>` stood, the tabs would end the list and show as a paragraph and a code block.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from kbgen.adopt.jsx_tags import Tag, braced_end, find_tags, pairs
from kbgen.adopt.mapping import Left
from kbgen.adopt.mdx_prepare import code_blanked
from kbgen.adopt.tab_titles import tab_title
from kbgen.adopt.text_lines import alone, line_end, line_start

_OBJECT = re.compile(r"\{([^{}]*)\}")
_LIST_ITEM = re.compile(r"^([ \t]*)(?:[-*+]|\d{1,9}[.)])(?:[ \t]+|$)")
_PROPERTY = r"\b{}\s*:\s*(['\"`])(.*?)\1"
_INDENT = 4
# Components converted one inside the other, each with what it wraps: deeper ones are taken out where they stand.
# Each level reads its text again and takes two frames of the stack, so 2,000 nested <A>s ended in RecursionError.
_DEEPEST = 32


@dataclass(slots=True)
class Converted:
    text: str = ""
    tab_sets: int = 0
    unconverted: list[Left] = field(default_factory=list)
    depth: int = 0  # components being converted, one inside the other


def convert_components(text: str, first_line: int = 1) -> Converted:
    """`text` (an MDX body whose first line is file line `first_line`) with its components made Markdown."""
    result = Converted()
    result.text = _convert(text, first_line, result) if "<" in text else text
    return result


def _computed(inner: str) -> bool:
    """Whether a component's children are one JavaScript expression, `{require('...').default}`: no text."""
    inner = inner.strip()
    return inner.startswith("{") and braced_end(inner, 0) == len(inner)


def _block_like(text: str, opening: Tag, closing: Tag) -> bool:
    """Whether a component's opening and closing tags each stand on lines of their own."""
    return alone(text, opening.start, opening.end) and alone(text, closing.start, closing.end)


def _indentation(line: str) -> str:
    return line[: len(line) - len(line.lstrip(" \t"))]


def _dedented(lines: list[str], keep: int = 0) -> list[str]:
    """The lines less their common indentation, but for `keep` columns of it."""
    widths = [len(_indentation(line)) for line in lines if line.strip()]
    cut = max(min(widths, default=0) - keep, 0)
    return [line[cut:] if line.strip() else "" for line in lines]


def _convert(text: str, first_line: int, result: Converted) -> str:
    result.depth += 1
    try:
        return _converted(text, first_line, result)
    finally:
        result.depth -= 1


def _converted(text: str, first_line: int, result: Converted) -> str:
    masked = code_blanked(text)
    tags = find_tags(masked)
    if not tags:
        return text
    nests = result.depth <= _DEEPEST
    closes = pairs(tags)
    pieces: list[str] = []
    done = index = 0
    tabs_end: int | None = None  # where the last set of tabs ended, to start a new set right after it
    while index < len(tags):
        tag = tags[index]
        line = first_line + text.count("\n", 0, tag.start)
        close = closes.get(index)
        if tag.closing:
            pass  # the end of a component already unwrapped, or one never opened: only markup
        elif nests and tag.name == "Tabs" and close is not None and alone(text, tag.start, tags[close].end):
            start, end = line_start(text, tag.start), line_end(text, tags[close].end)
            fresh = tabs_end is not None and not text[tabs_end:start].strip()
            built = _tab_set(text, tags, index, close, first_line, fresh, result)
            pieces += [text[done:start], built]
            done, tabs_end, index = end, end, close + 1
            continue
        elif close is not None and _computed(text[tag.end : tags[close].start]):
            _note(result, line, f"<{tag.name}> removed: what it shows is computed by JavaScript; write it in Markdown")
            start, end = tag.start, tags[close].end
            pieces += [text[done:start], "\n" * text.count("\n", start, end)]
            done, index = end, close + 1
            continue
        elif nests and close is not None and _block_like(text, tag, tags[close]):
            _note(result, line, f"<{tag.name}> taken out, its text kept: kbgen cannot run the component")
            start, end = line_start(text, tag.start), line_end(text, tags[close].end)
            pieces += [text[done:start], _block(text, tag, tags[close], first_line, result)]
            done, index = end, close + 1
            continue
        elif tag.self_closing:
            _note(result, line, f"<{tag.name} /> removed: kbgen cannot run the component; write what it showed")
        elif close is None:
            _note(result, line, f"<{tag.name}> removed: it is never closed; its text is kept")
        elif not nests:
            _note(
                result,
                line,
                f"<{tag.name}> taken out, its text kept: components nested over {_DEEPEST} deep are not converted",
            )
        else:
            _note(result, line, f"<{tag.name}> taken out, its text kept: kbgen cannot run the component")
        pieces += [text[done : tag.start], "\n" * text.count("\n", tag.start, tag.end)]
        done = tag.end
        index += 1
    return "".join(pieces) + text[done:]


def _note(result: Converted, line: int, message: str) -> None:
    result.unconverted.append(Left(line, message))


def _block(text: str, opening: Tag, closing: Tag, first_line: int, result: Converted) -> str:
    """A component on lines of its own: its tags' lines left empty, what it wraps read as the page's text."""
    indent = len(_indentation(text[line_start(text, opening.start) : opening.start]))
    inner_start = line_end(text, opening.end) + 1
    inner_end = line_start(text, closing.start) - 1
    lines = [""] * (text.count("\n", opening.start, opening.end) + 1)
    if inner_end >= inner_start:
        inner = "\n".join(_dedented(text[inner_start:inner_end].split("\n"), indent))
        lines += _convert(inner, first_line + text.count("\n", 0, inner_start), result).split("\n")
    lines += [""] * (text.count("\n", closing.start, closing.end) + 1)
    return "\n".join(lines)


def _labels(tabs: Tag) -> dict[str, str]:
    """The labels a `<Tabs values={[{label: 'Apple', value: 'apple'}]}>` gives its items, by value."""
    values = tabs.attributes.get("values")
    found: dict[str, str] = {}
    if not isinstance(values, str):
        return found
    for item in _OBJECT.finditer(values[1:-1]):
        label = re.search(_PROPERTY.format("label"), item.group(1))
        value = re.search(_PROPERTY.format("value"), item.group(1))
        if label and value:
            found[value.group(2)] = label.group(2)
    return found


def _tab_set(
    text: str, tags: list[Tag], opening: int, closing: int, first_line: int, fresh: bool, result: Converted
) -> str:
    """The lines of one `<Tabs>` ... `</Tabs>` as content tabs."""
    tabs = tags[opening]
    indent = _item_indent(text, tabs.start, _indentation(text[line_start(text, tabs.start) : tabs.start]))
    labels, chosen = _labels(tabs), tabs.text("defaultValue")
    closes = pairs(tags)
    out = [""] * (text.count("\n", tabs.start, tabs.end) + 1)
    cursor, index, number = tabs.end, opening + 1, 0
    while index < closing:
        item, close = tags[index], closes.get(index)
        if item.name != "TabItem" or item.closing or close is None or close > closing:
            index += 1
            continue
        number += 1
        out += _gap(text, cursor, item.start, first_line, result)
        value = item.text("value")
        title = tab_title(item.text("label") or labels.get(value or "") or value or f"Tab {number}")
        shown_first = "default" in item.attributes or (value is not None and value == chosen)
        flags = ("!" if fresh and number == 1 else "") + ("+" if shown_first else "")
        out.append(f'{indent}==={flags} "{title}"')
        content = text[item.end : tags[close].start]
        content_line = first_line + text.count("\n", 0, item.end)
        lines = content.split("\n")
        if len(lines) > 1 and not lines[0].strip():
            lines, content_line = lines[1:], content_line + 1
        closer_alone = len(lines) > 1 and not lines[-1].strip()
        if closer_alone:
            lines = lines[:-1]
        converted = _convert("\n".join(_dedented(lines)), content_line, result).split("\n")
        out += [f"{indent}{' ' * _INDENT}{line}" if line.strip() else "" for line in converted]
        if closer_alone:
            out += [""] * (text.count("\n", tags[close].start, tags[close].end) + 1)
        cursor, index = tags[close].end, close + 1
    result.tab_sets += 1
    out += _gap(text, cursor, tags[closing].start, first_line, result)
    return "\n".join(out + [""] * (text.count("\n", tags[closing].start, tags[closing].end) + 1))


def _item_indent(text: str, at: int, indent: str) -> str:
    """The indent content tabs at `at` are written at: inside a list item (the nearest line above, less indented
    and not blank, starts one), the item's content indent as Python-Markdown reads it; else `indent` as written."""
    if not indent:
        return indent
    width = len(indent.expandtabs(_INDENT))
    for line in reversed(text[: line_start(text, at)].split("\n")):
        if not line.strip() or len(_indentation(line).expandtabs(_INDENT)) >= width:
            continue  # a blank line, or more of the item's content
        item = _LIST_ITEM.match(line)
        if item is None:
            return indent
        return " " * ((len(item.group(1).expandtabs(_INDENT)) // _INDENT + 1) * _INDENT)
    return indent


def _gap(text: str, start: int, end: int, first_line: int, result: Converted) -> list[str]:
    """The lines between two tabs (or a tab and the set's own tags): empty ones kept as such; any text there is
    kept too, and reported, since it ends the set of tabs where it stands."""
    parts = text[start:end].split("\n")
    if any(part.strip() for part in parts):
        line = first_line + text.count("\n", 0, start) + next(n for n, part in enumerate(parts) if part.strip())
        _note(result, line, "text inside <Tabs> but outside its <TabItem>s kept between the tabs; move it into a tab")
    inside = [part if part.strip() else "" for part in parts[1:-1]]
    if len(parts) == 1:
        return [parts[0].strip()] if parts[0].strip() else []
    return ([parts[0].strip()] if parts[0].strip() else []) + inside + ([parts[-1]] if parts[-1].strip() else [])
