"""Refuses Markdown bodies that would make Python-Markdown run for seconds or recurse until it crashes.

Measured on Python-Markdown 3.x (the renderer inside MkDocs): each unclosed '[' makes the link pattern scan to
the end of its paragraph, so `'[' * 4000` costs 1.9 s and `'![' * 5000` 6.7 s; lists nested ~300 levels deep,
`'* ' * 1000` and emphasis nested ~1000 deep end in RecursionError. Rather than render under a timer, kbgen
estimates the cost before rendering, in linear time, and reports the page with a line number. The limits sit
far above anything a person writes and far below where the renderer slows down.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from kbgen.model import Finding
from kbgen.rules import rule


@dataclass(frozen=True, slots=True)
class Budget:
    bracket_work: int = 2_000_000  # characters the link pattern would scan in one file (~0.5 s at worst)
    container_depth: int = 64  # nested lists and block quotes
    emphasis_depth: int = 128  # nested '*' / '_' delimiters


DEFAULT_BUDGET = Budget()
_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")
_CONTAINER = re.compile(r">[ \t]*|(?:[-*+]|\d{1,9}[.)])(?:[ \t]+|$)")
_DELIMITER_RUN = re.compile(r"[*_]+")


def check_body(body: str, body_line: int, display: str, budget: Budget = DEFAULT_BUDGET) -> list[Finding]:
    """At most one finding per kind, at the first line that goes over, so a hostile file gives a short report."""
    findings: list[Finding] = []
    blocks = _blocks(body.split("\n"))
    work = 0
    for first, lines in blocks:
        work += _bracket_work("\n".join(lines))
        if work > budget.bracket_work:
            message = (
                "too many nested or unclosed '[' (rendering would scan about "
                f"{work:,} characters; limit {budget.bracket_work:,}); close the brackets or escape them as \\["
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
    return findings


def _nesting(display: str, line: int, message: str) -> Finding:
    return rule("nesting-too-deep").finding(display, line, 1, message)


def _blocks(lines: list[str]) -> list[tuple[int, list[str]]]:
    """Paragraph-like blocks (split on blank lines) with their first line's offset; fenced code is skipped."""
    blocks: list[tuple[int, list[str]]] = []
    current: list[str] = []
    start = 0
    fence: str | None = None
    for index, line in enumerate(lines):
        opener = _FENCE.match(line)
        if fence is not None:
            if opener and opener.group(1)[0] == fence[0] and len(opener.group(1)) >= len(fence):
                fence = None
            continue
        if opener:
            fence = opener.group(1)
            continue
        if line.strip():
            if not current:
                start = index
            current.append(line)
        elif current:
            blocks.append((start, current))
            current = []
    if current:
        blocks.append((start, current))
    return blocks


def _bracket_work(text: str) -> int:
    """How far the link pattern scans: from each '[' to its ']' or, unclosed, to the end of the block."""
    open_positions: list[int] = []
    work = 0
    escaped = False
    for position, char in enumerate(text):
        if escaped:
            escaped = False
        elif char == "\\":
            escaped = True
        elif char == "[":
            open_positions.append(position)
        elif char == "]" and open_positions:
            work += position - open_positions.pop()
    return work + sum(len(text) - position for position in open_positions)


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
    """Open '*'/'_' delimiters not yet closed, at their deepest: a run that can open pushes, one that can close pops."""
    depth = deepest = 0
    for match in _DELIMITER_RUN.finditer(text):
        before = text[match.start() - 1] if match.start() else " "
        after = text[match.end()] if match.end() < len(text) else " "
        size = len(match.group())
        if not after.isspace() and before.isspace():
            depth += size
            deepest = max(deepest, depth)
        elif after.isspace() and not before.isspace():
            depth = max(depth - size, 0)
    return deepest
