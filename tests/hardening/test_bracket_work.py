"""The render budget's bracket estimate (how far Python-Markdown's link pattern scans) is unchanged by the faster
scan that visits only brackets and escapes: the same numbers as a plain walk over every character."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kbgen.loading.render_budget import _bracket_work, check_body


def walk_every_character(text: str) -> int:
    """The straightforward definition: each '[' scans to its ']' or, unclosed, to the end; '\\' escapes one."""
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


@pytest.mark.parametrize(
    ("text", "work"),
    [
        ("no brackets at all", 0),
        ("[a](b)", 2),
        ("[[x]]", 2 + 4),
        ("\\[not a link", 0),  # escaped
        ("\\\\[open", 5),  # an escaped backslash, then a real, unclosed '['
        ("[\\]", 3),  # the ']' is escaped: the '[' stays open to the end
        ("[ a\n\\", 5),  # a trailing backslash escapes nothing
        ("]][", 1),
    ],
)
def test_known_cases(text: str, work: int) -> None:
    assert _bracket_work(text) == walk_every_character(text) == work


@given(st.text(alphabet="[]\\ab\n!()é", max_size=60))
def test_same_as_walking_every_character(text: str) -> None:
    assert _bracket_work(text) == walk_every_character(text)


def test_a_body_of_unclosed_brackets_is_still_refused_with_its_line() -> None:
    body = "Fine paragraph.\n\n" + "[" * 3000 + "x" * 1000
    findings = check_body(body, 5, "content/en/a.md")
    assert [(f.rule, f.line) for f in findings] == [("nesting-too-deep", 7)]
