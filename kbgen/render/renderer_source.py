"""The Markdown the renderer is given for a body: the writer's, read the way the sources' own renderers read it.

Bodies come from GitHub and Microsoft Learn, whose renderers are CommonMark and DocFX; MkDocs' is Python-Markdown.
The differences readers would see are bridged here, for the site's pages and for `kbgen export` alike: DocFX's
`:::image:::` (kbgen.docfx_images), its rows and columns, `[!div]` quotes and `[!VIDEO]` lines
(kbgen.render.docfx_layout), tables right under a paragraph line (kbgen.render.table_breaks), lists right under a
paragraph line (kbgen.render.list_breaks) and list items' content indented to their text's column
(kbgen.render.list_indents), both in quotes (kbgen.render.quoted) and in admonitions and content tabs
(kbgen.render.indented_blocks) as well, and Docusaurus' and VitePress' `:::note` admonitions
(kbgen.render.fenced_admonitions), and code fences whose info string holds words the renderer's fences refuse
(kbgen.render.fence_info), and Markdown after a blank line in a `<details>` or `<div>` (kbgen.render.html_markdown).
A DocFX marker line is left empty; blank lines aside (some lists and tables need
one above), each keeps every line where it was.
"""

from __future__ import annotations

from kbgen.docfx_images import with_markdown_images
from kbgen.render.docfx_layout import dedent_columns, without_layout_markers
from kbgen.render.fence_info import with_renderable_fences
from kbgen.render.fenced_admonitions import as_mkdocs_admonitions
from kbgen.render.html_markdown import with_markdown_in_html
from kbgen.render.list_reading import read_lists
from kbgen.render.table_breaks import break_before_tables


def renderer_source(body: str) -> str:
    """The body as Python-Markdown is to read it."""
    written = with_renderable_fences(with_markdown_in_html(body))
    docfx = without_layout_markers(dedent_columns(with_markdown_images(written)))
    return as_mkdocs_admonitions(read_lists(break_before_tables(docfx)))
