"""Another generator's template tags left in a body: Hugo's `{{< note >}}`, Jekyll's and Jinja's `{% include %}`.

Hugo, Jekyll and MkDocs' macros plugin run these before the Markdown is read; kbgen's renderer does not, so the
page shows the tag as text, and what it was meant to show (a callout, an included file, a link) is missing. Only
tags outside code count: a page about templates writes them in code blocks and code spans, as it must.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator

from kbgen.links.code_mask import Positions, mask_inline
from kbgen.model import Finding
from kbgen.render.list_reading import code_blanked
from kbgen.rules import rule

# Where a tag may start: `{{<`/`{{%` (Hugo shortcodes, closing ones too) or `{% name` (Liquid, Jinja). Each
# position is looked at, as a regex search would: `{{% x %}` is no shortcode, but holds the Liquid tag `{% x %}`.
_STARTS = re.compile(r"(?=\{\{[<%]|\{%-?[ \t]*[A-Za-z])")
_LIQUID_NAME = re.compile(r"\{%-?[ \t]*[A-Za-z]")


class _Closers:
    """The offsets where a closing mark starts, to find the first one at or after an offset without scanning the
    rest of the line again for each opening (a line of 60,000 unclosed `{{< ` took two minutes)."""

    def __init__(self, text: str, mark: str) -> None:
        self.starts = [match.start() for match in re.finditer(f"(?={mark})", text)]

    def first(self, offset: int, line_end: int) -> int | None:
        index = bisect.bisect_left(self.starts, offset)
        if index < len(self.starts) and self.starts[index] < line_end:
            return self.starts[index]
        return None


def _tags(text: str) -> Iterator[tuple[int, int, bool]]:
    """(start, end, is_hugo) of each tag, as the search `{{[<%] ... [>%]}}` or `{% name ... %}` (one line each,
    shortest first) would find them, in time linear in the text but for a logarithm."""
    hugo, liquid = _Closers(text, r"[>%]\}\}"), _Closers(text, r"%\}")
    line_ends = [match.start() for match in re.finditer("\n", text)] + [len(text)]
    cursor = 0
    for start in (match.start() for match in _STARTS.finditer(text)):
        if start < cursor:
            continue
        line_end = line_ends[bisect.bisect_left(line_ends, start)]
        if text.startswith(("{{<", "{{%"), start):
            close = hugo.first(start + 3, line_end)
            if close is not None:
                cursor = close + 3
                yield start, cursor, True
                continue
        name = _LIQUID_NAME.match(text, start)
        if name is not None:
            close = liquid.first(name.end(), line_end)
            if close is not None:
                cursor = close + 2
                yield start, cursor, False


def template_syntax(body: str, body_line: int, display: str) -> list[Finding]:
    """A warning at each template tag outside code, naming it."""
    if "{%" not in body and "{{" not in body:
        return []
    masked = mask_inline(code_blanked(body))
    positions = Positions.of(masked, body_line)
    findings: list[Finding] = []
    for start, end, is_hugo in _tags(masked):
        line, column = positions.at(start)
        written = masked[start:end]
        shown = written if len(written) <= 60 else written[:57] + "..."
        if is_hugo:
            what, hint = "Hugo shortcode", " (kbgen adopt converts Hugo's ref, relref, callouts and code shortcodes)"
        else:
            what, hint = "Liquid/Jinja tag", ""
        message = (
            f"{what} '{shown}' is not run by kbgen: the page shows it as text; write what it showed in Markdown{hint}"
        )
        findings.append(rule("template-syntax").finding(display, line, column, message))
    return findings
