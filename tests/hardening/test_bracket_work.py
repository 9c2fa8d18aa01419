"""The render budget's bracket estimate (how far Python-Markdown's link pattern scans) is unchanged by the faster
scan that visits only brackets and escapes: the same numbers as a plain walk over every character."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kbgen.loading.render_budget import _bracket_work, check_body


def walk_every_character(text: str) -> int:
    """The straightforward definition: each '[' scans to its ']' or, unclosed, to the end; so does each '(' just
    after a ']' that closed a '[' (a link's address) to the ')' that balances it; '\\' escapes one character."""
    open_positions: list[int] = []
    addresses: list[int] = []
    work = 0
    escaped = False
    previous = ""
    for position, char in enumerate(text):
        if escaped or char == "\\":
            escaped = not escaped
            previous = ""
            continue
        if char == "[":
            open_positions.append(position)
        elif char == "]" and open_positions:
            work += position - open_positions.pop()
            char = "closed"
        elif char == "(":
            addresses.append(position if previous == "closed" else -1)
        elif char == ")" and addresses:
            opened = addresses.pop()
            work += position - opened if opened >= 0 else 0
        previous = char
    unclosed = [*open_positions, *(opened for opened in addresses if opened >= 0)]
    return work + sum(len(text) - position for position in unclosed)


@pytest.mark.parametrize(
    ("text", "work"),
    [
        ("no brackets at all", 0),
        ("[a](b)", 2 + 2),
        ("(a)[b]", 2),  # a '(' before any ']' opens no address
        ("a](b", 0),  # nor one after a ']' that closed no '['
        ("[a]\\(b", 2),  # nor does an escaped one
        ("[a](b(c)", 2 + 5),  # the address never closes: scanned to the end
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


def test_a_body_of_link_addresses_that_never_close_is_refused() -> None:
    """Python-Markdown scans each unclosed `](` to the end of its paragraph: `'[x](' * 4000` took it 3.3 s, and
    kbgen's link check as long again, with no finding (`'[x](' * 25_000` made `kbgen check` run 4 minutes)."""
    findings = check_body("Intro.\n\n" + "[x](" * 4000 + "\n", 5, "content/en/a.md")
    assert [(f.rule, f.line) for f in findings] == [("nesting-too-deep", 7)]
    assert "'(' after a ']'" in findings[0].message
    assert check_body("See [docs](https://example.com/a_(b) for more.\n" * 50, 5, "content/en/a.md") == []


def test_quotes_that_never_close_a_link_title_are_counted() -> None:
    """`[a](x "t) ` made Python-Markdown (and kbgen's own link reader) read on to the end of the paragraph for
    each link: 3,000 of them in 30 KB took 6 s to render and 9 s to check, and passed the budget."""
    (finding,) = check_body('[a](x "t) ' * 3000, 1, "a.md")
    assert finding.rule == "nesting-too-deep"
    link = "See [page {n}](p{n}.md \"Title (with parens) {n}\") and [it's](q.md 't')."
    titled = " ".join(link.format(n=n) for n in range(2000))
    assert [f for f in check_body(titled, 1, "a.md") if f.rule == "nesting-too-deep"] == []  # closed titles


def test_a_long_list_of_links_with_quotes_in_their_address_is_not_too_costly() -> None:
    """Python-Markdown reads each list item and table row on its own: 3,000 Hugo refs render in a tenth of a
    second in a list, and pages of them were kept from adopt's conversion when counted to the end of the list."""
    item = '- See [page {n}]({{{{< ref "p{n}.md" >}}}}) here.\n'
    row = '| See [page {n}]({{{{< ref "p{n}.md" >}}}}) | x |\n'
    for line in (item, row):
        body = "".join(line.format(n=n) for n in range(3000))
        assert [f for f in check_body(body, 1, "a.md") if f.rule == "nesting-too-deep"] == []
    paragraph = " ".join(item[2:-1].format(n=n) for n in range(1000))  # 3.3 s to render as one paragraph
    assert [f.rule for f in check_body(paragraph, 1, "a.md")] == ["nesting-too-deep"]
