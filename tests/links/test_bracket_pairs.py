"""The link extractor's bracket matching visits only brackets, newlines and escapes; it pairs exactly as a walk
over every character does (escapes skip two characters, a blank line closes every open bracket)."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kbgen.links.extract import _blank_line_follows, _bracket_pairs, extract_links


def walk_every_character(text: str) -> dict[int, int]:
    pairs: dict[int, int] = {}
    open_at: list[int] = []
    index = 0
    while index < len(text):
        char = text[index]
        if char == "\\":
            index += 2
            continue
        if char == "[":
            open_at.append(index)
        elif char == "]":
            if open_at:
                pairs[open_at.pop()] = index
        elif char == "\n" and open_at and _blank_line_follows(text, index):
            open_at.clear()
        index += 1
    return pairs


@pytest.mark.parametrize(
    ("text", "pairs"),
    [
        ("[a](b)", {0: 2}),
        ("[[x]]", {1: 3, 0: 4}),
        ("\\[x]", {}),  # escaped opener
        ("\\\\[x]", {2: 4}),  # an escaped backslash, then a real pair
        ("[x\\]]", {0: 4}),  # the first ']' is escaped
        ("[a\n\n]", {}),  # a blank line ends the link text
        ("[a\n \t\n]", {}),  # a line of spaces is blank too
        ("[a\nb]", {0: 4}),  # one newline does not
        ("[\\\n\n]", {0: 4}),  # an escaped newline does not start the blank line
    ],
)
def test_known_cases(text: str, pairs: dict[int, int]) -> None:
    assert _bracket_pairs(text) == walk_every_character(text) == pairs


@given(st.text(alphabet="[]\\a\n \t(", max_size=60))
def test_same_pairs_as_walking_every_character(text: str) -> None:
    assert _bracket_pairs(text) == walk_every_character(text)


def test_links_around_escapes_and_blank_lines_are_still_found_with_their_columns() -> None:
    body = "See \\[not a link](x.md) and [a link](a.md).\n\n[broken\n\ntext](b.md) then ![img](i.png)\n"
    assert [(link.kind, link.target, link.line, link.column) for link in extract_links(body, 10)] == [
        ("link", "a.md", 10, 29),
        ("image", "i.png", 14, 18),
    ]
