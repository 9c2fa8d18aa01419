"""Refuses Markdown bodies that would make Python-Markdown run for seconds or recurse until it crashes.

Measured on Python-Markdown 3.x (the renderer inside MkDocs): each unclosed '[' makes the link pattern scan to
the end of its paragraph, so `'[' * 4000` costs 1.9 s and `'![' * 5000` 6.7 s; lists nested ~300 levels deep,
`'* ' * 1000` and emphasis nested ~1000 deep end in RecursionError; dense inline markup costs time that grows
with the square of the paragraph (see `inline_cost`). Rather than render under a timer, kbgen estimates the cost
before rendering, in linear time, and reports the page with a line number. The limits sit far above anything a
person writes and far below where the renderer slows down.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from kbgen.loading.block_splits import split_lines, split_work
from kbgen.loading.inline_cost import runs
from kbgen.model import Finding
from kbgen.rules import rule


@dataclass(frozen=True, slots=True)
class Budget:
    bracket_work: int = 2_000_000  # characters the link pattern would scan in one file (~0.5 s at worst)
    container_depth: int = 64  # nested lists and block quotes
    emphasis_depth: int = 128  # nested '*' / '_' delimiters
    # Inline elements x characters, summed over the paragraphs (table rows, list items) of one file: ~1 ns each,
    # so about half a second at worst. The densest page of a 2,900-page product corpus comes to 6e7.
    inline_work: int = 400_000_000
    # Inline elements in one file, however they are spread: ~50 us each, about two seconds. That corpus peaks at
    # 5,600; a 4,000-row table with a link, emphasis and code in every row still passes.
    inline_elements: int = 40_000
    # Characters Python-Markdown rescans after each heading or rule that cuts a block (kbgen.loading.block_splits):
    # 30 to 80 ns each, so about two seconds at worst. 100 headings in 30 KB with no blank line come to 1.5e6.
    split_work: int = 40_000_000
    # '&' x characters in one paragraph: the sanitiser (nh3) writes each '&' back as `&amp;` and copies the text
    # around it for each, ~6 ps a step, so about half a second at worst. 450,000 '&#' (900 KB) took a build 6 to 13 s.
    ampersand_work: int = 75_000_000_000


DEFAULT_BUDGET = Budget()
# Fences superfences certainly takes as code: at column 0, bare or with a language, closed by the same fence.
_STRICT_FENCE = re.compile(r"^(`{3,}|~{3,})[ \t]*(?:\.?[\w#.+-]+)?[ \t]*$")
_FENCE_LIKE = re.compile(r"^[> \t]*(?:`{3,}|~{3,})")
_CONTAINER = re.compile(r">[ \t]*|(?:[-*+]|\d{1,9}[.)])(?:[ \t]+|$)")
_DELIMITER_RUN = re.compile(r"[*_]+")
_BRACKET_TOKEN = re.compile(r"\\.|[\[\]()]", re.S)  # an escape takes the next character, whatever it is


def check_body(body: str, body_line: int, display: str, budget: Budget = DEFAULT_BUDGET) -> list[Finding]:
    """At most one finding per kind, at the first line that goes over, so a hostile file gives a short report.

    Remembered per process for the default budget: `kbgen serve` checks every unchanged body again on each save.
    """
    if budget is DEFAULT_BUDGET:
        return list(_remembered(body, body_line, display))
    return _check_body(body, body_line, display, budget)


@lru_cache(maxsize=32768)
def _remembered(body: str, body_line: int, display: str) -> tuple[Finding, ...]:
    return tuple(_check_body(body, body_line, display, DEFAULT_BUDGET))


# _emphasis_depth opens only on a run after a non-alphanumeric ([^\W_] is str.isalnum) and before a non-space
_MAY_OPEN = re.compile(r"(?<![^\W_])[*_]+(?!\s)")
_INLINE_STARTS = ("<", "&", "[", "`", "*", "_", "\\", "  \n", ":", "++", "~~")  # one in every inline_cost.MARKER match


def _check_body(body: str, body_line: int, display: str, budget: Budget) -> list[Finding]:
    """Each measure is skipped when a bound counted in C over the whole body shows it cannot reach its limit."""
    findings: list[Finding] = []
    size = len(body)
    scans = body.count("[") + body.count("](")  # each may scan on to the end of its paragraph
    if scans * size <= budget.bracket_work and not _deep_line(body, budget) and not _may_nest_emphasis(body, budget):
        markers = sum(body.count(start) for start in _INLINE_STARTS)
        quiet = markers <= budget.inline_elements and markers * size <= budget.inline_work
        quiet = quiet and body.count("&") * size <= budget.ampersand_work
        if quiet and split_lines(body) * size <= budget.split_work:
            return findings  # the common case: an ordinary article is far below every limit
    return _measure(body, body_line, display, budget)


def _measure(body: str, body_line: int, display: str, budget: Budget) -> list[Finding]:
    findings: list[Finding] = []
    blocks = _blocks(body.split("\n"))
    work = 0
    for first, lines in blocks:
        work += _bracket_work("\n".join(lines), budget.bracket_work - work)
        if work > budget.bracket_work:
            message = (
                "too many nested or unclosed '[', or '(' after a ']' (rendering would scan about "
                f"{work:,} characters; limit {budget.bracket_work:,}); close them or escape them as \\[ and \\("
            )
            findings.append(_nesting(display, body_line + first, message))
            break
    for first, lines in blocks:
        for offset, line in enumerate(lines):
            depth = _container_depth(line)
            if depth > budget.container_depth:
                message = (
                    f"nesting too deep: lists or quotes nested about {depth} levels "
                    f"(limit {budget.container_depth}); flatten them"
                )
                findings.append(_nesting(display, body_line + first + offset, message))
                break
        else:
            continue
        break
    for first, lines in blocks:
        depth = _emphasis_depth("\n".join(lines))
        if depth > budget.emphasis_depth:
            message = f"nesting too deep: emphasis nested {depth} levels (limit {budget.emphasis_depth}); simplify it"
            findings.append(_nesting(display, body_line + first, message))
            break
    findings.extend(_inline_findings(blocks, body_line, display, budget))
    work = 0
    for first, lines in blocks if not any(f.rule == "render-too-slow" for f in findings) else ():
        work += split_work(lines)
        if work > budget.split_work:
            message = (
                "too many headings or rules with no blank line between them: rendering would rescan "
                f"about {work:,} characters (limit {budget.split_work:,}); put a blank line before and after each"
            )
            findings.append(rule("render-too-slow").finding(display, body_line + first, 1, message))
            break
    return findings


def _inline_findings(
    blocks: list[tuple[int, list[str]]], body_line: int, display: str, budget: Budget
) -> list[Finding]:
    """Dense inline markup, one finding at most: the costliest paragraph is where a writer can act, so that is the
    line named; failing that, where the file passes the limit on elements."""
    work = elements = 0
    worst: tuple[int, int, int, int] | None = None  # work, line, elements, characters
    crowded: int | None = None
    ampersands: tuple[int, int, int] | None = None  # line, '&', characters of the first paragraph over the limit
    for first, lines in blocks:
        for run in runs(lines):
            if ampersands is None and run.ampersands * run.length > budget.ampersand_work:
                ampersands = (body_line + first + run.offset, run.ampersands, run.length)
            work += run.work
            elements += run.markers
            if worst is None or run.work > worst[0]:
                worst = (run.work, body_line + first + run.offset, run.markers, run.length)
            if crowded is None and elements > budget.inline_elements:
                crowded = body_line + first + run.offset
    slow = rule("render-too-slow")
    findings = []
    if work > budget.inline_work and worst is not None:
        message = (
            f"inline markup too dense: this paragraph has {worst[2]:,} tags, entities, links, emphasis marks, code "
            f"spans, escapes or emoji in {worst[3]:,} characters, and rendering slows down with the square of that "
            f"(about {work:,} steps in this file; limit {budget.inline_work:,}); split it into shorter paragraphs, "
            "or put literal text in a ``` code block"
        )
        findings.append(slow.finding(display, worst[1], 1, message))
    elif crowded is not None:
        message = (
            f"too much inline markup: {elements:,} tags, entities, links, emphasis marks, code spans, escapes or emoji "
            f"in one file (limit {budget.inline_elements:,}; the limit is passed here); split the article"
        )
        findings.append(slow.finding(display, crowded, 1, message))
    elif ampersands is not None:
        line, count, length = ampersands
        message = (
            f"too many '&' in one paragraph: {count:,} in {length:,} characters, and the page's HTML cleaning slows "
            "down with the square of that; split it into shorter paragraphs, or put literal text in a ``` code block"
        )
        findings.append(slow.finding(display, line, 1, message))
    return findings


def _deep_line(body: str, budget: Budget) -> bool:
    """Whether some line may nest past the limit: depth is at most twice the line's leading run of indent and
    marker characters (a tab is four columns, two levels), so a shorter run cannot get there."""
    return _deep_prefix(budget.container_depth // 2 + 1).search(body) is not None


@lru_cache(maxsize=4)
def _deep_prefix(length: int) -> re.Pattern[str]:
    return re.compile(rf"^[ \t>*+\-0-9.)]{{{length},}}", re.M)


def _may_nest_emphasis(body: str, budget: Budget) -> bool:
    """Depth is at most the total length of the runs that can open (a list's `* ` markers, `snake_case` and
    runs that close before a space do not count)."""
    if body.count("*") + body.count("_") <= budget.emphasis_depth:
        return False
    return sum(len(run) for run in _MAY_OPEN.findall(body)) > budget.emphasis_depth


def _nesting(display: str, line: int, message: str) -> Finding:
    return rule("nesting-too-deep").finding(display, line, 1, message)


def _blocks(lines: list[str]) -> list[tuple[int, list[str]]]:
    """Paragraph-like blocks (split on blank lines) with their first line's offset; fenced code is left out.

    A line is blank only if it holds nothing but spaces and tabs, as for Python-Markdown (a line of U+00A0 is
    text). Fenced code does not end a block: superfences leaves a placeholder inside the paragraph, so the text
    on both sides is still one paragraph to the inline pass.
    """
    code = _fenced_lines(lines)
    blocks: list[tuple[int, list[str]]] = []
    current: list[str] = []
    start = 0
    for index, line in enumerate(lines):
        if code[index]:
            continue
        if line.strip(" \t"):
            if not current:
                start = index
            current.append(line)
        elif current:
            blocks.append((start, current))
            current = []
    if current:
        blocks.append((start, current))
    return blocks


def _fenced_lines(lines: list[str]) -> list[bool]:
    """Which lines are fenced code for certain; none at all if any fence is one superfences might read otherwise
    (indented, quoted, with options, unclosed): skipping text the renderer does read would hide its cost."""
    code = [False] * len(lines)
    fence: str | None = None
    for index, line in enumerate(lines):
        if fence is not None:
            code[index] = True
            if line.startswith(fence) and not line[len(fence) :].strip(" \t"):
                fence = None
        elif _FENCE_LIKE.match(line):
            opener = _STRICT_FENCE.match(line)
            if opener is None:
                return [False] * len(lines)
            fence = opener.group(1)
            code[index] = True
    return [False] * len(lines) if fence is not None else code


def _bracket_work(text: str, cap: int = 2**62) -> int:
    """How far the link pattern scans: from each '[' to its ']' or, unclosed, to the end of the block; and from
    each '(' just after a ']' that closed one (a link's address) to the ')' that balances it or, unclosed, to the
    end of the block. An address with a quote in it is read as one with a title: the scan goes on to that quote
    closed right before a ')' (`"title")`), or to the end of the block (`[a](x "t) ` 3,000 times took 6 s to
    render and 9 s to check). Counting stops once past `cap`.

    Only brackets, parentheses and backslash escapes are visited (the regular expression skips the rest in C): a
    loop over every character cost about a tenth of a large build, since each body is checked at load and again
    at render.
    """
    if "[" not in text:
        return 0
    open_positions: list[int] = []
    addresses: list[int] = []  # each open '(': where it is when it opens an address, else -1
    closed_at = -2  # where the last ']' that closed a '[' is
    work = 0
    for token in _BRACKET_TOKEN.finditer(text):
        char, start = token.group(), token.start()
        if char == "[":
            open_positions.append(start)
        elif char == "]" and open_positions:
            closed_at = start
            work += start - open_positions.pop()
        elif char == "(":
            addresses.append(start if start == closed_at + 1 else -1)
        elif char == ")" and addresses:
            opened = addresses.pop()
            if opened >= 0:
                work += max(start - opened, _title_scan(text, opened, start, cap - work))
                if work > cap:
                    return work
    unclosed = [*open_positions, *(opened for opened in addresses if opened >= 0)]
    return work + sum(len(text) - position for position in unclosed)


_QUOTE = re.compile("[\"']")
_TITLE_END = {quote: re.compile(quote + r"[ \t]*\)") for quote in "\"'"}


# A list item or a table row: Python-Markdown reads the inline markup of each on its own, not the block's
_OWN_TEXT = re.compile(r"^[ \t]*(?:(?:[-*+]|\d{1,9}[.)])[ \t]|\|)", re.M)


def _title_scan(text: str, opened: int, closed: int, cap: int) -> int:
    """How far past an address's '(' the link pattern reads when the address holds a quote (a title's start):
    to that quote closed right before a ')', else to the end of the text it is read in (its paragraph, list item
    or table row); 0 when it holds none."""
    quote = _QUOTE.search(text, opened, closed)
    if quote is None:
        return 0
    newline = text.find("\n", quote.end())
    own_end = _OWN_TEXT.search(text, newline + 1) if newline >= 0 else None
    limit = own_end.start() if own_end is not None else len(text)
    end = _TITLE_END[quote.group()].search(text, quote.end(), min(limit, quote.end() + max(cap, 0) + 1))
    return (end.end() if end is not None else limit) - opened


def _container_depth(line: str) -> int:
    """Indentation (two columns a level, the narrowest list indent) plus list markers and '>' chained on a line."""
    expanded = line.expandtabs(4)
    stripped = expanded.lstrip(" ")
    indent = len(expanded) - len(stripped)
    markers = 0
    position = 0
    while match := _CONTAINER.match(stripped, position):
        markers += 1
        position = match.end()
        if position >= len(stripped):
            break
    if not markers:
        return 0
    return indent // 2 + markers


def _emphasis_depth(text: str) -> int:
    """Open '*'/'_' delimiters not yet closed, at their deepest: a run that can open pushes, one that can close pops.

    Punctuation counts as a boundary, as in Markdown's flanking rules: `*word*,` closes (a paragraph of 200
    such words is not 200 levels deep).
    """
    depth = deepest = 0
    for match in _DELIMITER_RUN.finditer(text):
        before = text[match.start() - 1] if match.start() else " "
        after = text[match.end()] if match.end() < len(text) else " "
        size = len(match.group())
        if not before.isspace() and not after.isalnum() and depth:
            depth = max(depth - size, 0)
        elif not after.isspace() and not before.isalnum():
            depth += size
            deepest = max(deepest, depth)
    return deepest
