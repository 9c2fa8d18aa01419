"""Another generator's template tags left in a body: Hugo's `{{< note >}}`, Jekyll's and Jinja's `{% include %}`.

Hugo, Jekyll and MkDocs' macros plugin run these before the Markdown is read; kbgen's renderer does not, so the
page shows the tag as text, and what it was meant to show (a callout, an included file, a link) is missing. Only
tags outside code count: a page about templates writes them in code blocks and code spans, as it must.
"""

from __future__ import annotations

import re

from kbgen.links.code_mask import Positions, mask_inline
from kbgen.model import Finding
from kbgen.render.list_reading import code_blanked
from kbgen.rules import rule

# `{{< name ... >}}`, `{{% name ... %}}` (Hugo shortcodes, closing ones too) and `{% name ... %}` (Liquid, Jinja)
_TAG = re.compile(r"\{\{([<%])[^\n]*?[>%]\}\}|\{%-?[ \t]*[A-Za-z][^\n]*?-?%\}")


def template_syntax(body: str, body_line: int, display: str) -> list[Finding]:
    """A warning at each template tag outside code, naming it."""
    if "{%" not in body and "{{" not in body:
        return []
    masked = mask_inline(code_blanked(body))
    positions = Positions.of(masked, body_line)
    findings: list[Finding] = []
    for match in _TAG.finditer(masked):
        line, column = positions.at(match.start())
        written = match.group()
        shown = written if len(written) <= 60 else written[:57] + "..."
        if match.group(1):
            what, hint = "Hugo shortcode", " (kbgen adopt converts Hugo's ref, relref, callouts and code shortcodes)"
        else:
            what, hint = "Liquid/Jinja tag", ""
        message = (
            f"{what} '{shown}' is not run by kbgen: the page shows it as text; write what it showed in Markdown{hint}"
        )
        findings.append(rule("template-syntax").finding(display, line, column, message))
    return findings
