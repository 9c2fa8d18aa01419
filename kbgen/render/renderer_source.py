"""The Markdown the renderer is given for a body: the writer's, read the way the sources' own renderers read it.

Bodies come from GitHub and Microsoft Learn, whose renderers are CommonMark and DocFX; MkDocs' is Python-Markdown.
The differences readers would see are bridged here, for the site's pages and for `kbgen export` alike: DocFX's
`:::image:::` (kbgen.docfx_images), lists right under a paragraph line (kbgen.render.list_breaks) and list items'
content indented to their text's column (kbgen.render.list_indents), both in quotes (kbgen.render.quoted) and in
admonitions and content tabs (kbgen.render.indented_blocks) as well, and Docusaurus' and VitePress' `:::note`
admonitions (kbgen.render.fenced_admonitions). Blank lines aside (some lists need one above), each keeps every line
where it was.
"""

from __future__ import annotations

from functools import partial

from kbgen.docfx_images import with_markdown_images
from kbgen.render.fenced_admonitions import as_mkdocs_admonitions
from kbgen.render.indented_blocks import within_blocks
from kbgen.render.list_breaks import break_before_lists
from kbgen.render.list_indents import indent_list_content
from kbgen.render.quoted import within_quotes


def renderer_source(body: str) -> str:
    """The body as Python-Markdown is to read it."""
    return as_mkdocs_admonitions(_lists(with_markdown_images(body)))


# quotes and blocks nested deeper are read as written (the render budget refuses bodies nested far deeper,
# kbgen.loading)
QUOTE_DEPTH = 8


def _lists(text: str, depth: int = 0) -> str:
    """Lists as CommonMark reads them, in quotes, admonitions and content tabs too (alerts hold lists as often as
    pages do)."""
    if depth < QUOTE_DEPTH:
        deeper = partial(_lists, depth=depth + 1)
        text = within_blocks(within_quotes(text, deeper), deeper)
    return indent_list_content(break_before_lists(text))
