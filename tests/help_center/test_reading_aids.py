"""What a screen reader says of task lists and icons: each checkbox names its task, icons beside words are silent,
an icon standing for a word says that word. Checked on Python-Markdown's real output, sanitised as a page is."""

from __future__ import annotations

import re
import time

import markdown
import pytest

from kbgen.render.emoji import icon_index, to_inline
from kbgen.render.icons import hide_decorative_icons
from kbgen.render.sanitize import sanitize_html
from kbgen.render.task_lists import label_task_checkboxes


def rendered(text: str, custom_checkbox: bool = True) -> str:
    md = markdown.Markdown(
        extensions=["attr_list", "pymdownx.tasklist", "pymdownx.emoji"],
        extension_configs={
            "pymdownx.tasklist": {"custom_checkbox": custom_checkbox},
            "pymdownx.emoji": {"emoji_index": icon_index, "emoji_generator": to_inline},
        },
    )
    return sanitize_html(hide_decorative_icons(label_task_checkboxes(md.convert(text))))


def checkbox_names(html: str) -> list[str]:
    return re.findall(r'<input type="checkbox" aria-label="([^"]*)"', html)


@pytest.mark.parametrize("custom_checkbox", [True, False], ids=["material's checkbox", "plain checkbox"])
def test_each_checkbox_is_named_after_its_task_as_plain_text(custom_checkbox: bool) -> None:
    html = rendered(
        '- [x] Install the **desktop** app & "sign in"\n    - [ ] Turn on `notifications`\n- [ ] Invite your team\n',
        custom_checkbox,
    )
    assert checkbox_names(html) == [
        "Install the desktop app &amp; &quot;sign in&quot;",
        "Turn on notifications",
        "Invite your team",
    ]
    assert "<strong>desktop</strong>" in html  # the page keeps the formatting


def test_a_loose_task_list_names_each_checkbox_by_its_first_paragraph() -> None:
    html = rendered("- [x] Back up your data\n\n    It takes a minute.\n\n- [ ] Delete the workspace\n")
    assert checkbox_names(html) == ["Back up your data", "Delete the workspace"]


def test_an_icon_beside_words_is_hidden_and_a_titled_one_is_named() -> None:
    html = rendered(':material-clock-fast: Takes 5 minutes\n\n:material-check:{ title="Supported" }\n')
    spans = re.findall(r"<span [^>]*><svg[^>]*>", html)
    assert len(spans) == 2
    assert 'aria-hidden="true"' in spans[0] and 'role="img"' not in spans[0]
    assert re.search(r'role="img" aria-label="Supported"', spans[1]) and 'aria-hidden="true"' in spans[1]


def test_a_hostile_icon_title_stays_an_attribute_value() -> None:
    html = rendered(":material-check:{ title='x\" onmouseover=\"alert(1)' }\n")
    assert "onmouseover=" not in re.sub(r'"[^"]*"', '""', html)  # only ever inside a quoted value
    assert 'aria-label="x&quot; onmouseover=&quot;alert(1)"' in html


def test_naming_twice_changes_nothing() -> None:
    """A page patched in place (`kbgen serve`) may pass through again: one name per checkbox and per icon."""
    md = markdown.Markdown(
        extensions=["attr_list", "pymdownx.tasklist", "pymdownx.emoji"],
        extension_configs={"pymdownx.emoji": {"emoji_index": icon_index, "emoji_generator": to_inline}},
    )
    once = hide_decorative_icons(label_task_checkboxes(md.convert('- [x] Done :material-check:{ title="Yes" }\n')))
    assert hide_decorative_icons(label_task_checkboxes(once)) == once
    assert once.count("aria-label=") == 2 and once.count("aria-hidden=") == 1


@pytest.mark.parametrize(
    "page",
    [
        '<li class="' + " task-list-item" * 60_000,  # a class never closed
        ('<li class="task-list-item" ' + "a" * 100) * 8_000,  # tags never closed
        '<span class="twemoji' * 50_000,
    ],
    ids=["task-class", "task-tags", "icon-spans"],
)
def test_a_megabyte_of_unclosed_tags_is_passed_over_in_linear_time(page: str) -> None:
    # each of these took from 5 s to minutes: every attempt scanned to the end of the page
    started = time.perf_counter()
    assert label_task_checkboxes(hide_decorative_icons(page)) == page
    assert time.perf_counter() - started < 2
