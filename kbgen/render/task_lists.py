"""Names each task-list checkbox (`- [x] Done thing`) after its task, so a screen reader says what is done.

pymdownx.tasklist draws a disabled checkbox before the item's text, inside a `<label>` of its own that holds no
text (`custom_checkbox`) or none at all. The checkbox then has no name: a screen reader announces "checkbox,
checked" with no hint of which task, and axe-core reports it as a critical `label` violation. Each checkbox gets
the item's first line as its `aria-label`, read as plain text (the formatting stays on the page).
"""

from __future__ import annotations

import html
import re

# A task item's checkbox as pymdownx.tasklist writes it, directly in the <li> or in its first <p> (a loose list),
# followed by the task's first line, which ends where a block (a nested list, a paragraph, a code block) starts.
# Each scan within a tag is bounded: tags never closed on a 1 MB page made every attempt scan to its end.
_TASK = re.compile(
    r'(?P<open><li class="[^">]{0,1000}\btask-list-item\b[^">]{0,1000}"[^>]{0,1000}>\s*(?:<p>)?'
    r'(?:<label class="task-list-control">)?'
    r'<input type="checkbox"(?![^>]{0,1000}\baria-label=))'  # not named yet: a page patched in place may pass again
    r'(?P<rest>[^>]{0,1000}>(?:<span class="task-list-indicator"></span></label>)?)'
    r"(?P<text>.*?)(?=</?(?:p|ul|ol|li|div|pre|table|blockquote|details|dl|figure|h[1-6])\b|$)",
    re.DOTALL,
)
_TAG = re.compile(r"<[^>]*>")


def label_task_checkboxes(content: str) -> str:
    """`content` with every task-list checkbox named after the text of its item."""

    def name(match: re.Match[str]) -> str:
        text = " ".join(html.unescape(_TAG.sub("", match.group("text"))).split())
        if not text:
            return match.group(0)
        label = html.escape(text, quote=True)
        return f'{match.group("open")} aria-label="{label}"{match.group("rest")}{match.group("text")}'

    return _TASK.sub(name, content)
