"""Nested lists and code under list items show as GitHub and Microsoft Learn show them: CommonMark nests by the
item's text column (two spaces under `- `, three under `1. `), Python-Markdown only by four. 147 files of the d365
corpus (843 lines) nest two or three spaces in."""

from __future__ import annotations

from html.parser import HTMLParser

import markdown
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt

from kbgen.publishing.site_build import build_site
from kbgen.render.list_indents import indent_list_content
from kbgen.render.renderer_source import renderer_source
from tests.support.project import SAMPLE_TODAY, Site, article

STEPS = """\
> [!NOTE]
> - Works offline
>   - on a phone

Before you start:

- Permissions
  - Project manager
  - Approver
- A project

1. Open **Settings**.
   - Select *Expenses*.
2. Add a policy:

   ```json
   {"limit": 100}
   ```

3. Save.
"""

# the extensions of the sample's and `kbgen init`'s mkdocs.yml that shape lists and code
EXTENSIONS = ["admonition", "sane_lists", "attr_list", "tables", "pymdownx.superfences"]


def test_nested_lists_and_code_under_steps_are_shown_as_written(site: Site) -> None:
    site.write("en/setup/policies.md", article(title="Policies", body=STEPS))
    build_site(site.config_file, None, SAMPLE_TODAY, strict=False)
    page = site.read_output("en/setup/policies/index.html")
    assert "<li>Permissions<ul>\n<li>Project manager</li>\n<li>Approver</li>\n</ul>\n</li>" in page
    assert "<li>Works offline<ul>\n<li>on a phone</li>" in page  # in the alert
    assert "<li>Open <strong>Settings</strong>.<ul>\n<li>Select <em>Expenses</em>.</li>" in page
    body = page[page.index("<p>Before you start:</p>") :]  # the list and steps below
    assert body.count("<ol") == 1, "the code under step 2 no longer ends the list, so step 3 is in it"
    steps = body[body.index("<ol") : body.index("</ol>")]
    assert "limit" in steps and "Save." in steps


class _Shape(HTMLParser):
    """The lists' shape in rendered HTML: each list with its start, each item's own words, code blocks' text."""

    def __init__(self) -> None:
        super().__init__()
        self.root: list[object] = []
        self.stack: list[list[object]] = [self.root]
        self.in_code = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("ul", "ol", "li"):
            node: list[object] = [tag if tag != "ol" else f"ol:{dict(attrs).get('start', '1')}"]
            self.stack[-1].append(node)
            self.stack.append(node)
        elif tag == "pre":
            self.in_code = True
            self.stack[-1].append(["code", ""])

    def handle_endtag(self, tag: str) -> None:
        if tag in ("ul", "ol", "li"):
            self.stack.pop()
        elif tag == "pre":
            self.in_code = False

    def handle_data(self, data: str) -> None:
        if self.in_code:
            code = self.stack[-1][-1]
            assert isinstance(code, list)
            code[1] = str(code[1]) + data
        elif data.split():
            self.stack[-1].append(" ".join(data.split()))


def _shape(html: str) -> list[object]:
    parser = _Shape()
    parser.feed(html)
    return parser.root


@st.composite
def _lists(draw: st.DrawFn, column: int = 0, depth: int = 0, loose: bool = True) -> list[str]:
    """A list as GitHub writers write one: items nested at the item's text column (or four in, Python-Markdown's
    way), code and paragraphs under items after a blank line (unless not `loose`)."""
    kind = draw(st.sampled_from(["-", "*", "1."]))
    lines: list[str] = []
    for number in range(draw(st.integers(1, 3))):
        marker = f"{number + 1}." if kind == "1." else kind
        gap = draw(st.sampled_from([1, 1, 1, 2])) if kind != "1." else 1
        lines.append(" " * column + marker + " " * gap + f"item{depth}x{number}")
        content = column + len(marker) + gap
        kinds = ["none", "list", "code", "paragraph"] if depth < 2 else ["none", "code"]
        under = draw(st.sampled_from([kind for kind in kinds if loose or kind in ("none", "list")]))
        inner = draw(st.sampled_from([content, column + 4]))  # CommonMark's column or Python-Markdown's four
        if under == "list":
            lines.extend(draw(_lists(inner, depth + 1, loose)))
        elif under == "code":
            lines += ["", " " * inner + "```", " " * inner + f"code{depth}x{number}", " " * inner + "```", ""]
        elif under == "paragraph":
            lines += ["", " " * inner + f"more{depth}x{number}", ""]
    return lines


def _quoted(lines: list[str]) -> list[str]:
    return [f"> {line}" if line else ">" for line in lines]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(_lists(), st.booleans()), min_size=1, max_size=3))
def test_lists_nest_as_commonmark_nests_them(blocks: list[tuple[list[str], bool]]) -> None:
    """In quotes too: GitHub's and Microsoft Learn's alerts (`> [!NOTE]`) hold lists."""
    parts = ["\n".join(_quoted(lines) if quoted else lines) for lines, quoted in blocks]
    body = "\n\nBetween.\n\n".join(parts) + "\n"
    expected = _shape(MarkdownIt("commonmark").render(body))
    shown = _shape(markdown.markdown(renderer_source(body), extensions=EXTENSIONS))
    assert shown == expected


# shapes from the d365 corpus (CC BY 4.0), shortened
WRITTEN = [
    # psa/FAQ-soft-book-in-web-app: bullets right under a step, then the steps go on
    "To soft-book:\n1. From the grid, select New.\n2. Select an allocation method:\n- Full Capacity\n- By Hours\n"
    "3. Select Save.\n4. Maintain the bookings.\n",
    # prod-exp/plan-expense-management: questions nested two spaces under a bullet
    "- Per diem:\n  - What is the minimum number of hours?\n  - Is there a reduction?\n- Meals\n",
    # an alert holding a list right under its line, nested two spaces in
    "> [!NOTE]\n> - Dates in all regions.\n>   - Except GCC.\n> - For all other regions.\n",
    # steps with a screenshot and a sub-list three spaces in
    "1. Open the project.\n\n   ![The project](media/p.png)\n\n1. Select **Tasks**:\n   - Add a task.\n   - Save.\n"
    "1. Close it.\n",
]


@pytest.mark.parametrize("body", WRITTEN)
def test_lists_as_written_in_a_real_docs_tree_nest_as_commonmark_nests_them(body: str) -> None:
    expected = _shape(MarkdownIt("commonmark").render(body))
    assert _shape(markdown.markdown(renderer_source(body), extensions=EXTENSIONS)) == expected


@given(st.text(st.sampled_from(" \t-*1.)`~x\n>#"), max_size=200))
def test_only_leading_spaces_change_and_only_blank_lines_are_added(body: str) -> None:
    moved = [line for line in indent_list_content(body).split("\n") if line.strip()]
    assert [line.lstrip(" \t") for line in moved] == [line.lstrip(" \t") for line in body.split("\n") if line.strip()]


def test_lists_written_four_spaces_in_are_left_as_written() -> None:
    body = "- a\n    - b\n\n    more about a\n\n        code\n\n1. step\n    1. part\n\n```\n- x\n  - y\n```\n"
    assert indent_list_content(body) == body


def test_quotes_nested_past_any_writers_need_are_left_as_written_and_every_step_is_parted() -> None:
    """No recursion to the interpreter's limit for 3,000 nested quotes; 20,000 steps each get their blank line
    (added in one pass: inserting each into the body once made this take seconds)."""
    deep = "> " * 3000 + "- a\n" + "> " * 3000 + "  - b\n"
    assert renderer_source(deep) == deep
    shallow = "> > - a\n> >   - b\n"
    assert renderer_source(shallow) == "> > - a\n> >     - b\n"
    many = "".join(f"- a{i}\n  - b{i}\n\n  - c{i}\n1. d{i}\n" for i in range(20_000))
    moved = indent_list_content(many)
    assert moved.count("\n\n1. d") == 20_000  # each step parted from the sub-item above it


def _in_block(lines: list[str]) -> list[str]:
    return ['!!! note ""', "", *("    " + line if line else "" for line in lines)]


@settings(max_examples=200, deadline=None)
@given(st.lists(_lists(loose=False), min_size=1, max_size=2))
def test_lists_in_admonitions_nest_as_the_same_text_does_at_the_top(blocks: list[list[str]]) -> None:
    """An admonition's text is a page of its own for Python-Markdown once its four spaces are off: its lists nest
    as CommonMark nests the same text outside it. (Without code or paragraphs under items: in an admonition,
    Python-Markdown puts a step's text after its loose sub-list however it is indented, the same text written for
    MkDocs included.)"""
    body = "\n\nBetween.\n\n".join("\n".join(_in_block(lines)) for lines in blocks) + "\n"
    outside = "\n\nBetween.\n\n".join("\n".join(lines) for lines in blocks) + "\n"
    expected = _shape(MarkdownIt("commonmark").render(outside))
    assert _shape(markdown.markdown(renderer_source(body), extensions=EXTENSIONS)) == expected


NESTED = ["ul", ["li", "a", ["ul", ["li", "b"]]], ["li", "c"]]


@pytest.mark.parametrize(
    ("opener", "extension", "label"),
    [
        ('=== "Windows"', "pymdownx.tabbed", "Windows"),
        ("??? tip", "pymdownx.details", "Tip"),
        ("???+ tip", "pymdownx.details", "Tip"),
        ("!!! warning", "admonition", "Warning"),
    ],
)
def test_lists_in_content_tabs_and_collapsible_blocks_nest_too(opener: str, extension: str, label: str) -> None:
    body = f"{opener}\n\n    - a\n      - b\n    - c\n\nAfter.\n"
    shape = _shape(markdown.markdown(renderer_source(body), extensions=[*EXTENSIONS, extension]))
    assert shape == [label, NESTED, "After."]


def test_blocks_written_for_mkdocs_and_blocks_in_code_are_left_as_written() -> None:
    mkdocs_style = "!!! note\n\n    - a\n        - b\n\n    1. step\n\n            code\n\nAfter.\n"
    assert renderer_source(mkdocs_style) == mkdocs_style
    in_code = "```\n!!! note\n\n    - a\n      - b\n```\n"
    assert renderer_source(in_code) == in_code
    tabbed = "!!! note\n\n\t- a\n\t  - b\n"  # which column a tab reaches is the renderer's guess: as written
    assert renderer_source(tabbed) == tabbed
    heading = "Heading\n===\n\n    - code, not a list\n      - still code\n"  # a setext heading's line opens no tab
    assert renderer_source(heading) == heading


def test_admonitions_nested_past_any_writers_need_are_left_as_written() -> None:
    deep = "".join(" " * 4 * level + "!!! note\n\n" for level in range(3000)) + " " * 12_000 + "- a\n"
    assert renderer_source(deep) == deep
    two = "!!! note\n\n    !!! tip\n\n        - a\n          - b\n"
    assert renderer_source(two) == "!!! note\n\n    !!! tip\n\n        - a\n            - b\n"


@given(st.lists(st.sampled_from(["!!! note", '=== "Tab"', "??? tip", "", "x", "- a", "  - b", "1. c", "```", "> q"])))
def test_in_blocks_too_only_leading_spaces_change_and_only_blank_lines_are_added(parts: list[str]) -> None:
    body = "\n".join(f"{' ' * (4 * (n % 3))}{part}" for n, part in enumerate(parts)) + "\n"
    moved = [line for line in renderer_source(body).split("\n") if line.strip()]
    assert [line.lstrip(" \t") for line in moved] == [line.lstrip(" \t") for line in body.split("\n") if line.strip()]
