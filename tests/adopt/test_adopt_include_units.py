"""Unit tests on short strings: an included file's links rewritten for the page that takes its text, and what
counts as one paragraph (the only thing that can go inside a line)."""

from __future__ import annotations

from pathlib import PurePosixPath

import pytest

from kbgen.adopt.include_files import resolve
from kbgen.adopt.include_text import marker, one_paragraph
from kbgen.adopt.tree_links import linked_file, rebase_links

INCLUDES = PurePosixPath("includes")
PAGE = PurePosixPath("pro/sales")


def test_relative_links_images_definitions_and_html_are_rebased() -> None:
    text = (
        'See [overview](../expense/overview.md#basic) and ![icon](media/icon.png "Icon").\n'
        "[Ref][1] and <a href='other.md?x=1'>other</a>, <img src=\"media/a b.png\">.\n\n"
        "[1]: <../time/entry.md>\n"
    )
    assert rebase_links(text, INCLUDES, PAGE) == (
        'See [overview](../../expense/overview.md#basic) and ![icon](../../includes/media/icon.png "Icon").\n'
        "[Ref][1] and <a href='../../includes/other.md?x=1'>other</a>, <img src=\"../../includes/media/a b.png\">.\n\n"
        "[1]: <../../time/entry.md>\n"
    )


@pytest.mark.parametrize(
    "target",
    ["#anchor", "https://example.com/x.md", "/dynamics365/project-operations/", "~/x.md", "mailto:a@b.c", "//cdn/x"],
)
def test_urls_anchors_and_absolute_paths_are_left_alone(target: str) -> None:
    assert rebase_links(f"[x]({target})\n", INCLUDES, PAGE) == f"[x]({target})\n"


def test_code_is_not_rewritten_and_the_same_folder_changes_nothing() -> None:
    text = "`[a](a.md)`\n\n```\n[b](b.md)\n```\n\n[c](c.md)\n"
    assert rebase_links(text, INCLUDES, PAGE) == "`[a](a.md)`\n\n```\n[b](b.md)\n```\n\n[c](../../includes/c.md)\n"
    assert rebase_links(text, PAGE, PAGE) == text


def test_from_the_top_folder_and_into_a_parent_folder() -> None:
    assert (
        rebase_links("[a](../time/a.md) [f](./)\n", INCLUDES, PurePosixPath(".")) == "[a](time/a.md) [f](includes/)\n"
    )
    assert rebase_links("[a](a.md)\n", PurePosixPath("a/b/c"), PurePosixPath("a")) == "[a](b/c/a.md)\n"


def test_linked_files_are_found_from_the_top_of_the_tree() -> None:
    assert linked_file("../includes/my%20banner.md#top", PurePosixPath("psa")) == PurePosixPath("includes/my banner.md")
    assert linked_file("../../outside.md", PurePosixPath("psa")) is None
    assert linked_file("https://example.com/a.md", PurePosixPath("psa")) is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Project Service", "Project Service"),
        ("Applies to **3.x**\nand later.", "Applies to **3.x** and later."),
        ("> [!NOTE]\n> A note.", None),
        ("## AI-driven features", None),
        ("One.\n\nTwo.", None),
        ("- a\n- b", None),
        ("    code", None),
        ("| a | b |", None),
        ("Text\n[1]: x.md", None),
    ],
)
def test_only_one_paragraph_of_inline_text_can_go_inside_a_line(text: str, expected: str | None) -> None:
    assert one_paragraph(text) == expected


def test_a_marker_is_always_a_closed_comment() -> None:
    assert marker("includes/a--b.md") == "<!-- included from includes/a-%2Db.md -->"
    assert marker("includes/a-->.md", end=True) == "<!-- end of includes/a-%2D%3E.md -->"


@pytest.mark.parametrize(
    ("written", "expected"),
    [
        ("../includes/banner.md", PurePosixPath("includes/banner.md")),
        (" <../includes/my%20banner.md> ", PurePosixPath("includes/my banner.md")),
        ("./../psa/../includes/./a.MD", PurePosixPath("includes/a.MD")),
        ("../../x.md", "it points outside the adopted folder"),
        ("..\\includes\\a.md", "a path with '\\'; write it with '/'"),
        ("../includes/a.md#part", "names a part of a file; adopt includes whole files"),
        ("C:/docs/a.md", "a URL; adopt expands only files in the adopted folder"),
    ],
)
def test_a_directive_path_resolves_only_inside_the_tree(written: str, expected: PurePosixPath | str) -> None:
    assert resolve(written, PurePosixPath("psa/actuals.md")) == expected
