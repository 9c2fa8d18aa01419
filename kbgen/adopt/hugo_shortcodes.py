"""Hugo shortcodes in an adopted body made Markdown, or named with their line when they cannot be.

Hugo runs `{{< name ... >}}` and `{{% name ... %}}` as templates; Python-Markdown prints them as text. The ones a
docs tree uses most have a Markdown form:

- `{{< ref "install.md" >}}` and `relref` (in a link, `[Install]({{< ref "install" >}})`) become the relative path
  to the adopted file, found as Hugo finds it: from the page's folder, then from the tree's top, a name with or
  without `.md`, a folder's `index.md` or `_index.md`, and last any one file whose path ends so;
- callouts, `{{< note >}}...{{< /note >}}` and their kin (`tip`, `warning`, `caution`, `important`, themes'
  `alert`, `hint`, `notice`, `callout`, `admonition` with a type and a title), become kbgen's admonitions,
  `!!! warning "Title"` and the text indented under it;
- `{{< highlight go >}}` and `{{< code-toggle >}}` become code fences (code-toggle's configuration shown in the
  format it is written in);
- `{{< figure src="x.png" alt="…" caption="…" >}}` becomes a Markdown image, the caption (after the title, when
  there is one) its title and `link` a link around it; written over several lines, the image is on the first and
  the others are left blank;
- `{{< details summary="…" >}}…{{< /details >}}` becomes a collapsible note, `??? note "…"` (`???+` when `open`).

`{{% include "/snippets/x" %}}` is left for kbgen.adopt.includes, which expands it with the tree's other
includes. Anything else stays as written and is reported, as is a `ref` that names no page of the tree. An escaped
shortcode in code (`{{</* note */>}}`, which Hugo shows as `{{< note >}}`) is written as Hugo shows it. Code
blocks and code spans are otherwise never read. A line that holds only a shortcode keeps its number.
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Callable, Collection
from dataclasses import dataclass, field
from pathlib import PurePosixPath

from kbgen.adopt import code_fences
from kbgen.adopt.mapping import Left
from kbgen.adopt.text_lines import line_end, line_start
from kbgen.links.code_mask import mask_blocks, mask_inline

_SHORTCODE = re.compile(
    r"\{\{([<%])(?!/\*)[ \t]*(/?)[ \t]*([A-Za-z][\w./-]*)((?:[^\n{}]|\n(?!\s*\n)){0,500}?)[ \t]*(/?)[ \t]*[>%]\}\}"
)
_ARGUMENT = re.compile(r"""(?:([\w-]+)[ \t]*=[ \t]*)?(?:"((?:[^"\\]|\\.)*)"|'([^']*)'|`([^`]*)`|([^\s"'`=]+))""")
_ESCAPED = re.compile(r"\{\{([<%])/\*(.*?)\*/([>%])\}\}", re.S)
_CALLOUTS = {
    "note": "note", "tip": "tip", "info": "info", "warning": "warning", "caution": "caution", "danger": "danger",
    "important": "important", "attention": "warning", "error": "danger", "success": "success",
}  # fmt: skip
_THEMED = frozenset({"alert", "hint", "notice", "callout", "admonition"})  # the kind is an argument
_KIND_WORDS = {
    **_CALLOUTS, "warn": "warning", "ok": "success", "primary": "info", "secondary": "note", "question": "question",
    "example": "example", "abstract": "abstract", "quote": "quote", "bug": "bug", "failure": "failure",
}  # fmt: skip
_CODE = frozenset({"highlight", "code-toggle"})
_INDENT = "    "

Resolve = Callable[[str, PurePosixPath], str | None]


@dataclass(slots=True)
class Shortcodes:
    text: str = ""
    refs: int = 0  # ref/relref made relative paths
    callouts: int = 0  # callouts made admonitions
    code: int = 0  # highlight/code-toggle made code fences
    figures: int = 0  # figures made Markdown images
    details: int = 0  # details made collapsible notes
    left: list[Left] = field(default_factory=list)
    depth: int = 0  # callouts being converted, one inside the other


# Callouts converted one inside the other; deeper ones are left as written. Each level reads its text again and
# takes a frame of the stack, so 2,000 nested {{< note >}}s ended adopt in RecursionError after 40 s.
_DEEPEST = 32


@dataclass(frozen=True, slots=True)
class _Code:
    open: bool
    closing: bool
    name: str
    arguments: list[tuple[str, str]]
    start: int
    end: int
    self_closing: bool


def convert_shortcodes(text: str, page: PurePosixPath, resolve: Resolve, first_line: int = 1) -> Shortcodes:
    """`text` (the body of the page at `page`, from the tree's top) with its shortcodes made Markdown; `resolve`
    gives the relative path from the page to the adopted file a ref names, or None."""
    result = Shortcodes(text)
    if "{{" not in text:
        return result
    text = _unescaped_in_code(text)
    result.text = _convert(text, page, resolve, first_line, result)
    return result


def _unescaped_in_code(text: str) -> str:
    """`{{</* x */>}}` in code as Hugo shows it, `{{< x >}}`."""
    if "{{</*" not in text and "{{%/*" not in text:
        return text
    masked = mask_blocks(text)
    lines = text.split("\n")
    shown = masked.split("\n")
    return "\n".join(_ESCAPED.sub(r"{{\1\2\3}}", line) if shown[n] != line else line for n, line in enumerate(lines))


def _masked(text: str) -> str:
    """The text with code blanked, every character kept in place (so an offset in it is one in the text)."""
    lines = text.split("\n")
    shown = mask_blocks(text).split("\n")
    return mask_inline("\n".join(line if shown[n] == line else " " * len(line) for n, line in enumerate(lines)))


def _codes(text: str, masked: str) -> list[_Code]:
    found: list[_Code] = []
    for match in _SHORTCODE.finditer(masked):
        name = match.group(3)
        arguments = [
            ((argument.group(1) or "").lower(), next(g for g in argument.groups()[1:] if g is not None))
            for argument in _ARGUMENT.finditer(text[match.start(4) : match.end(4)])
        ]
        found.append(
            _Code(match.group(1) == "<", bool(match.group(2)), name.lower(), arguments, match.start(), match.end(),
                  bool(match.group(5)))
        )  # fmt: skip
    return found


def _convert(text: str, page: PurePosixPath, resolve: Resolve, first_line: int, result: Shortcodes) -> str:
    result.depth += 1
    try:
        return _converted(text, page, resolve, first_line, result)
    finally:
        result.depth -= 1


def _converted(text: str, page: PurePosixPath, resolve: Resolve, first_line: int, result: Shortcodes) -> str:
    masked = _masked(text)
    codes = _codes(text, masked)
    pieces: list[str] = []
    done = index = 0
    while index < len(codes):
        code = codes[index]
        line = first_line + text.count("\n", 0, code.start)
        if code.name in ("ref", "relref") and not code.closing:
            new = _ref(code, page, resolve)
            if new is None:
                result.left.append(Left(line, f"{_shown(text, code)} names no page of the adopted tree; not rewritten"))
            else:
                pieces += [text[done : code.start], new]
                done = code.end
                result.refs += 1
            index += 1
            continue
        if code.name == "include" and not code.closing:
            index += 1  # expanded with the tree's other includes (kbgen.adopt.includes), which names any it cannot
            continue
        figure = _figure(text, code) if code.name == "figure" and not code.closing else None
        if figure is not None:
            pieces += [text[done : code.start], figure]
            done = code.end
            result.figures += 1
            index += 1
            continue
        close = _closing(codes, index)
        callout = code.name in _CALLOUTS or code.name in _THEMED or code.name == "details"
        if not code.closing and close is not None and callout and result.depth > _DEEPEST:
            result.left.append(
                Left(line, f"Hugo shortcode {_shown(text, code)} left as written: callouts nested over {_DEEPEST} deep "
                     "are not converted")
            )  # fmt: skip
            index += 1
            continue
        if not code.closing and close is not None and callout:
            inner_first = first_line + text.count("\n", 0, code.end)
            body = _convert(text[code.end : codes[close].start], page, resolve, inner_first, result)
            start, end, built = _callout(text, code, codes[close], body)
            pieces += [text[done:start], built]
            done, index = end, close + 1
            result.details += code.name == "details"
            result.callouts += code.name != "details"
            continue
        if not code.closing and close is not None and code.name in _CODE:
            start, end, built = _fence(text, code, codes[close])
            pieces += [text[done:start], built]
            done, index = end, close + 1
            result.code += 1
            continue
        if not code.closing:
            result.left.append(Left(line, f"Hugo shortcode {_shown(text, code)} left as written: kbgen cannot run it"))
        index += 1
    return "".join(pieces) + text[done:]


def _shown(text: str, code: _Code) -> str:
    written = " ".join(text[code.start : code.end].split())
    return f"'{written}'" if len(written) <= 80 else f"'{written[:77]}...'"


def _closing(codes: list[_Code], index: int) -> int | None:
    """The index of the shortcode that closes the one at `index`, nested ones of the same name skipped."""
    opening = codes[index]
    if opening.self_closing:
        return None
    depth = 0
    for later in range(index + 1, len(codes)):
        code = codes[later]
        if code.name != opening.name or code.self_closing:
            continue
        if not code.closing:
            depth += 1
        elif depth:
            depth -= 1
        else:
            return later
    return None


def _ref(code: _Code, page: PurePosixPath, resolve: Resolve) -> str | None:
    named = dict(code.arguments)
    if "lang" in named or "outputformat" in named:
        return None  # another language's or format's page: not in this tree
    target = named.get("path") or next((value for key, value in code.arguments if not key), "")
    if not target:
        return None
    path, hashmark, fragment = target.partition("#")
    if not path:
        return f"#{fragment}"
    found = resolve(path, page)
    return None if found is None else found + (f"#{fragment}" if hashmark else "")


def _kind_and_title(code: _Code) -> tuple[str, str]:
    named = dict(code.arguments)
    positional = [value for key, value in code.arguments if not key]
    if code.name in _CALLOUTS:
        return _CALLOUTS[code.name], named.get("title", positional[0] if positional else "")
    word = named.get("type") or named.get("color") or named.get("theme") or named.get("kind") or ""
    if not word and positional:
        word = positional.pop(0)
    title = named.get("title") or (positional[0] if positional else "")
    return _KIND_WORDS.get(word.lower(), "note"), title


def _opened_at(text: str, opening: _Code) -> tuple[int, str, str]:
    """Where the replacement starts, the indentation to write it at, and what goes first: a shortcode after text
    on its line starts a line of its own."""
    start = line_start(text, opening.start)
    before = text[start : opening.start]
    if before.strip():
        return opening.start, "", "\n"
    return start, before, ""


def _inner_lines(inner: str) -> tuple[list[str], bool]:
    """The lines between an opening and a closing shortcode, less the rest of the opening's line when empty, and
    whether the closing stands alone on its line (its line is then kept, empty or as a fence)."""
    lines = inner.split("\n")
    if len(lines) > 1 and not lines[0].strip():
        lines = lines[1:]
    alone = len(lines) > 1 and not lines[-1].strip()
    return (lines[:-1] if alone else lines), alone


def _head(opening: _Code) -> str:
    """The admonition's first line: `!!! warning "Title"` for a callout, `??? note "Summary"` for details (Hugo's
    default summary is "Details"; `open` shows it open, `???+`)."""
    if opening.name == "details":
        named = dict(opening.arguments)
        summary = named.get("summary") or "Details"
        marker = "???+" if named.get("open", "").lower() in ("true", "yes") else "???"
        return f'{marker} note "{summary.replace(chr(34), chr(39))}"'
    kind, title = _kind_and_title(opening)
    quoted = title.replace('"', "'")
    return f"!!! {kind}" + (f' "{quoted}"' if quoted else "")


def _figure(text: str, code: _Code) -> str | None:
    """A figure as a Markdown image, then as many line breaks as the shortcode took (so every later line keeps its
    number); None without a `src`. Hugo's `alt` falls back to the caption, as its own figure does."""
    named = dict(code.arguments)
    src = named.get("src", "").strip()
    if not src or any(char in src for char in "<>\n"):
        return None
    caption = " ".join(" — ".join(part for part in (named.get("title", ""), named.get("caption", "")) if part).split())
    alt = " ".join((named.get("alt") or named.get("caption", "")).split())
    title = f' "{_escaped(caption, chr(34))}"' if caption else ""
    image = f"![{_escaped(alt, '[]')}](<{src}>{title})"
    link = named.get("link", "").strip()
    if link and not any(char in link for char in "<>\n "):
        image = f"[{image}](<{link}>)"
    return image + "\n" * text.count("\n", code.start, code.end)


def _escaped(words: str, characters: str) -> str:
    """`words` with backslashes and `characters` escaped, for a Markdown label or title."""
    return "".join(f"\\{char}" if char == "\\" or char in characters else char for char in words)


def _callout(text: str, opening: _Code, closing: _Code, body: str) -> tuple[int, int, str]:
    """The span a callout is replaced over, and its admonition, the opening and closing lines kept in number."""
    start, indent, lead = _opened_at(text, opening)
    lines, alone = _inner_lines(body)
    widths = [len(line) - len(line.lstrip(" ")) for line in lines if line.strip()]
    cut = min(widths, default=0)
    out = [f"{lead}{indent}{_head(opening)}"]
    out += [f"{indent}{_INDENT}{line[cut:]}" if line.strip() else "" for line in lines]
    out += [""] if alone else []
    built = "\n".join(out)
    if text[closing.end : line_end(text, closing.end)].strip():
        built += "\n"  # text after the closing: not part of the admonition
    return start, closing.end, built


def _fence(text: str, opening: _Code, closing: _Code) -> tuple[int, int, str]:
    """A highlight or code-toggle shortcode as a code fence over the same lines."""
    inner = text[opening.end : closing.start]
    if opening.name == "highlight":
        positional = [value for key, value in opening.arguments if not key]
        language = positional[0] if positional else ""
    else:
        language = _config_format(inner)
    start, indent, lead = _opened_at(text, opening)
    lines, _ = _inner_lines(inner)
    ticks = code_fences.ticks(lines)
    language = code_fences.language(language, "") if language else ""
    built = "\n".join([f"{lead}{indent}{ticks}{language}", *lines, f"{indent}{ticks}"])
    if text[closing.end : line_end(text, closing.end)].strip():
        built += "\n"
    return start, closing.end, built


def _config_format(text: str) -> str:
    """The format of a configuration sample: JSON, TOML or YAML, as code-toggle reads it."""
    first = next((line.strip() for line in text.split("\n") if line.strip()), "")
    if first.startswith("{"):
        return "json"
    if first.startswith("[") or re.match(r"[\w.\"'-]+[ \t]*=", first):
        return "toml"
    return "yaml"


def ref_resolver(files: set[PurePosixPath], destination: Callable[[PurePosixPath], PurePosixPath]) -> Resolve:
    """How Hugo finds the page a `ref` names among `files` (the tree's, from its top), as a relative path from
    the page to where that file is adopted."""
    find = page_finder(files)

    def resolve(path: str, page: PurePosixPath) -> str | None:
        found = find(path, page)
        if found is None:
            return None
        return posixpath.relpath(destination(found).as_posix(), page.parent.as_posix() or ".")

    return resolve


def page_finder(files: Collection[PurePosixPath]) -> Callable[[str, PurePosixPath], PurePosixPath | None]:
    """How Hugo finds the page a path names (a `ref`, an include's `GetPage`) among `files`, from the page at the
    second argument: from its folder, then from the tree's top, `.md` optional, a folder by its index."""
    pages = sorted(file for file in files if file.suffix.lower() in (".md", ".mdx"))
    lowered = {file.as_posix().lower(): file for file in pages}

    def find(path: str, page: PurePosixPath) -> PurePosixPath | None:
        path = path.strip()
        bases = [""] if path.startswith("/") else [page.parent.as_posix(), ""]
        found = None
        for base in bases:
            found = _candidate(posixpath.normpath(posixpath.join(base, path.lstrip("/"))), lowered)
            if found is not None:
                break
        if found is None and not path.startswith(("/", ".")):
            tail = path.strip("/").lower()
            ends = [
                file for file in pages
                if any(f"/{file.as_posix().lower()}".endswith(f"/{tail}{suffix}") for suffix in _SUFFIXES)
            ]  # fmt: skip
            found = ends[0] if len(ends) == 1 else None
        return found

    return find


_SUFFIXES = ("", ".md", "/index.md", "/_index.md")


def _candidate(path: str, lowered: dict[str, PurePosixPath]) -> PurePosixPath | None:
    if path.startswith(".."):
        return None
    path = "" if path == "." else path
    for suffix in _SUFFIXES:
        name = f"{path}{suffix}".lstrip("/").lower()
        if name in lowered:
            return lowered[name]
    return None
