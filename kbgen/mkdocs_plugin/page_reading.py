"""Reads and converts a page as MkDocs' build does, with one Markdown converter per thread instead of one per page.

MkDocs 1.6 makes a new `markdown.Markdown` for every page (`Page.render`): each extension is looked up, configured
and registered again, 0.36 ms a page, about a twentieth of a full build's CPU. Python-Markdown's own way to
convert many documents is one instance and `reset()` between them, which makes every extension drop what it kept
of the last document. MkDocs does not rely on that, because an extension it does not know may keep state its
`reset` leaves (a table of contents piling up headings, for one). So a converter is kept only when every
configured extension is one of `REUSABLE`, each read to clear all it keeps of a document in `reset`; with any
other, every page gets a new converter, exactly as in MkDocs. MkDocs' four per-page processors are made again
for each page and registered under their fixed names, which replaces the last page's.
"""

from __future__ import annotations

import logging
import threading
from dataclasses import dataclass
from typing import Any

import markdown  # type: ignore[import-untyped]  # no stubs (a dependency of mkdocs)
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import BuildError
from mkdocs.structure.files import Files
from mkdocs.structure.pages import (
    Page,
    _ExtractAnchorsTreeprocessor,
    _ExtractTitleTreeprocessor,
    _RawHTMLPreprocessor,
    _RelativePathTreeprocessor,
)
from mkdocs.structure.toc import get_toc

log = logging.getLogger("mkdocs.commands.build")
_pages_log = logging.getLogger("mkdocs.structure.pages")  # whose level Page.render asks about anchor links

# Extensions whose `reset` (or having no per-document state at all) leaves nothing of one document for the next,
# read in Python-Markdown 3.11, pymdown-extensions 10 and markdown-callouts; names as mkdocs.yml gives them.
REUSABLE = frozenset(
    {
        "abbr", "admonition", "attr_list", "def_list", "fenced_code", "footnotes", "md_in_html", "meta",
        "sane_lists", "tables", "toc",
        "github-callouts",
        "pymdownx.betterem", "pymdownx.caret", "pymdownx.details", "pymdownx.emoji", "pymdownx.highlight",
        "pymdownx.inlinehilite", "pymdownx.keys", "pymdownx.mark", "pymdownx.snippets", "pymdownx.superfences",
        "pymdownx.tabbed", "pymdownx.tasklist", "pymdownx.tilde",
    }
)  # fmt: skip


def reusable(extensions: list[Any]) -> bool:
    """Whether one converter may serve many pages: every extension named (not given as an object) and REUSABLE."""
    return all(isinstance(name, str) and name.removeprefix("markdown.extensions.") in REUSABLE for name in extensions)


@dataclass(frozen=True)
class _Held:
    config: MkDocsConfig
    extensions: tuple[Any, ...]
    converter: markdown.Markdown


_held = threading.local()  # one converter per thread: `kbgen serve` builds from a threaded server


def _converter(config: MkDocsConfig) -> markdown.Markdown:
    extensions = list(config.markdown_extensions)
    if not reusable(extensions):
        return markdown.Markdown(extensions=extensions, extension_configs=config.mdx_configs or {})
    held: _Held | None = getattr(_held, "value", None)
    if held is not None and held.config is config and held.extensions == tuple(extensions):
        return held.converter.reset()
    converter = markdown.Markdown(extensions=extensions, extension_configs=config.mdx_configs or {})
    _held.value = _Held(config, tuple(extensions), converter)
    return converter


def render(page: Page, config: MkDocsConfig, files: Files) -> None:
    """`Page.render` (MkDocs 1.6) with the converter `_converter` gives; a converter a failed page leaves
    half-way is never used again."""
    if page.markdown is None:
        raise RuntimeError("`markdown` field hasn't been set (via `read_source`)")
    md = _converter(config)
    raw_html_ext = _RawHTMLPreprocessor()
    raw_html_ext._register(md)
    extract_anchors_ext = _ExtractAnchorsTreeprocessor(page.file, files, config)
    extract_anchors_ext._register(md)
    relative_path_ext = _RelativePathTreeprocessor(page.file, files, config)
    relative_path_ext._register(md)
    extract_title_ext = _ExtractTitleTreeprocessor()
    extract_title_ext._register(md)
    try:
        page.content = md.convert(page.markdown)
    except BaseException:
        _held.value = None
        raise
    page.toc = get_toc(getattr(md, "toc_tokens", []))
    page._title_from_render = extract_title_ext.title
    page.present_anchor_ids = extract_anchors_ext.present_anchor_ids | raw_html_ext.present_anchor_ids
    if _pages_log.getEffectiveLevel() > logging.DEBUG:
        page.links_to_anchors = relative_path_ext.links_to_anchors


def read_page(page: Page, config: MkDocsConfig, files: Files) -> None:
    """Read and convert one page as MkDocs' build does (its `_populate_page`, every plugin hook included), with
    `render` for `Page.render`."""
    config._current_page = page
    try:
        page = config.plugins.on_pre_page(page, config=config, files=files)
        page.read_source(config)
        assert page.markdown is not None
        page.markdown = config.plugins.on_page_markdown(page.markdown, page=page, config=config, files=files)
        render(page, config, files)
        assert page.content is not None
        page.content = config.plugins.on_page_content(page.content, page=page, config=config, files=files)
    except Exception as e:
        message = f"Error reading page '{page.file.src_uri}':"
        if not isinstance(e, BuildError):  # MkDocs prints a BuildError's own message next
            message += f" {e}"
        log.error(message)
        raise
    finally:
        config._current_page = None
