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

from kbgen.docfx_images import with_markdown_images
from kbgen.render.fenced_admonitions import as_mkdocs_admonitions
from kbgen.render.list_reading import read_lists


def renderer_source(body: str) -> str:
    """The body as Python-Markdown is to read it."""
    return as_mkdocs_admonitions(read_lists(with_markdown_images(body)))
