"""The title of a content tab (`=== "Title"`) adopt writes for a source's tabs (Docusaurus' and Starlight's
`<TabItem label>`, GitBook's `{% tab title %}`, VitePress' code-group `[label]`): each source shows the label as
text, and pymdownx.tabbed reads the title as Markdown, so markup in it is escaped to stay the words it was."""

from __future__ import annotations

import html


def tab_title(label: str) -> str:
    """`label` as a tab title's text: `<b>` is words, as on the source's page, not markup."""
    return html.escape(label, quote=False)
