"""One page read and written again as a build does, for `kbgen serve`'s patches (kbgen.publishing.patch)."""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING

import mkdocs.commands.build as mkdocs_build
from mkdocs.config.defaults import MkDocsConfig

from kbgen.mkdocs_plugin import escaping
from kbgen.mkdocs_plugin.incremental import nav_meta
from kbgen.mkdocs_plugin.page_reading import read_page

if TYPE_CHECKING:
    from kbgen.mkdocs_plugin.plugin import KbgenPlugin


def page_output(plugin: KbgenPlugin, src_uri: str) -> str | None:
    """The page's output file, relative to the site; None when the build made no page of that source."""
    file = plugin.files.src_uris.get(src_uri) if plugin.files is not None else None
    return file.dest_uri if file is not None and file.page is not None else None


def read_again(plugin: KbgenPlugin, config: MkDocsConfig, src_uri: str) -> bool:
    """Read the page with every plugin hook and escape it, as MkDocs' build does; False when its title or
    navigation badges changed, which other pages show too."""
    files, incremental = plugin.files, plugin.incremental
    assert files is not None and incremental is not None
    page = files.src_uris[src_uri].page
    assert page is not None
    title, badges = str(page.title), nav_meta(page.meta)
    incremental.unread.discard(src_uri)  # its headings and search text are this reading's from now on
    read_page(page, config, files)
    escaping.escape_page(page, plugin.articles_by_uri.get(src_uri))
    return str(page.title) == title and nav_meta(page.meta) == badges


def write_again(plugin: KbgenPlugin, config: MkDocsConfig, src_uri: str, scratch: Path) -> None:
    """Write the page, as read last, below `scratch`, with the view of the plugin's content as it is now."""
    files, nav, env = plugin.files, plugin.nav, plugin.env
    assert files is not None and nav is not None and env is not None
    page = files.src_uris[src_uri].page
    assert page is not None
    plugin.views.pop(src_uri, None)
    page.file.abs_dest_path = os.path.join(scratch, page.file.dest_uri)  # noqa: PTH118 - MkDocs keeps a str
    mkdocs_build._build_page(page, config, files.documentation_pages(), nav, env)
