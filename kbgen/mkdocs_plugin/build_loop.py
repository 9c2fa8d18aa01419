"""MkDocs' `build` (mkdocs.commands.build.build, MkDocs 1.6) with its two page loops run on every core.

The steps, their order and every plugin event are MkDocs' own; only reading (Markdown to HTML) and writing
(template to file) the pages go through kbgen.workers. Both loops are most of a large build's
time, and each page's work depends only on state that exists before the loop starts.

A plugin may also place a static template's output itself (`reuses_template`): MkDocs then skips rendering it.

A page read in a worker comes back as the fields MkDocs' reading sets on it, plus each plugin's own per-page
state (`page_state` / `restore_page_state`). A plugin without those methods may keep state that a worker's copy
would lose, so with any such plugin configured both loops stay in this process.
"""

from __future__ import annotations

import logging
import os
import time
from collections.abc import MutableMapping
from dataclasses import dataclass
from typing import Any

import mkdocs.commands.build as mkdocs_build
from mkdocs import utils
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import Abort, BuildError, MkDocsException
from mkdocs.structure.files import Files, InclusionLevel, get_files, set_exclusions
from mkdocs.structure.nav import get_navigation
from mkdocs.structure.pages import Page

from kbgen.config.settings import ConfigError
from kbgen.mkdocs_plugin.page_addresses import addresses_set_after
from kbgen.mkdocs_plugin.page_reading import read_page
from kbgen.workers import jobs_setting, run_shared, worker_count

log = logging.getLogger("mkdocs.commands.build")


@dataclass(frozen=True)
class _ReadPage:
    """What MkDocs' `_populate_page` leaves on a page, and the plugins' per-page state, from a worker."""

    markdown: str | None
    meta: MutableMapping[str, Any]
    content: str | None
    toc: Any
    title_from_render: str | None
    present_anchor_ids: Any
    links_to_anchors: dict[str, dict[str, str]] | None
    plugin_states: dict[str, Any]


def build(config: MkDocsConfig, *, dirty: bool = False) -> None:
    """Build the site as `mkdocs build` does; pages are read and written by `worker_count` processes."""
    logger = logging.getLogger("mkdocs")
    warning_counter = utils.CountHandler()
    warning_counter.setLevel(logging.WARNING)
    if config.strict:
        logger.addHandler(warning_counter)
    inclusion = InclusionLevel.is_included
    try:
        start = time.monotonic()
        config = config.plugins.on_config(config)
        config.plugins.on_pre_build(config=config)
        if not dirty:
            utils.clean_directory(config.site_dir)
        files = get_files(config)
        env = config.theme.get_env()
        files.add_files_from_theme(env, config)
        files = config.plugins.on_files(files, config=config)
        set_exclusions(files, config)
        with addresses_set_after(config, files):
            nav = get_navigation(files, config)
        nav = config.plugins.on_nav(nav, config=config, files=files)

        for file in files.documentation_pages(inclusion=inclusion):
            if file.page is None and file.inclusion.is_not_in_nav():
                Page(None, file, config)
        documents = [f.page for f in files.documentation_pages(inclusion=inclusion) if f.page is not None]
        _read_pages([page for page in documents if _due(page, dirty)], config, files)

        env = config.plugins.on_env(env, config=config, files=files)
        files.copy_static_files(dirty=dirty, inclusion=inclusion)
        for template in config.theme.static_templates:
            if not _placed_by_plugin(template, config):
                mkdocs_build._build_theme_template(template, env, files, config, nav)
        for template in config.extra_templates:
            mkdocs_build._build_extra_template(template, files, config, nav)

        doc_files = files.documentation_pages(inclusion=inclusion)
        to_write = [f.page for f in doc_files if _due(f.page, dirty)]

        def write(page: Page) -> None:
            mkdocs_build._build_page(page, config, doc_files, nav, env, excluded=page.file.inclusion.is_excluded())

        run_shared(to_write, write, lambda page, result: None, _workers(config, len(to_write)))

        for file in doc_files:
            assert file.page is not None
            file.page.validate_anchor_links(files=files, log_level=config.validation.links.anchors)
        config.plugins.on_post_build(config=config)
        if counts := warning_counter.get_counts():
            msg = ", ".join(f"{v} {k.lower()}s" for k, v in counts)
            raise Abort(f"Aborted with {msg} in strict mode!")
        log.info(f"Documentation built in {time.monotonic() - start:.2f} seconds")
    except Exception as e:
        config.plugins.on_build_error(error=e)
        if isinstance(e, BuildError):
            log.error(str(e))
            raise Abort("Aborted with a BuildError!") from None
        raise
    finally:
        logger.removeHandler(warning_counter)


def _placed_by_plugin(template: str, config: MkDocsConfig) -> bool:
    """A plugin with `reuses_template` may put a static template's output in place itself (kbgen links the
    previous build's sitemap when no page it lists changed); MkDocs then renders it not at all."""
    return any(
        getattr(plugin, "reuses_template", lambda *_: False)(template, config) for plugin in config.plugins.values()
    )


def _due(page: Page | None, dirty: bool) -> bool:
    """MkDocs' own test: a dirty build reads and writes only the pages whose file says it was modified."""
    assert page is not None
    return not dirty or page.file.is_modified()


def _workers(config: MkDocsConfig, pages: int) -> int:
    """One process unless every plugin can hand its per-page state across processes."""
    if not all(hasattr(plugin, "page_state") for plugin in config.plugins.values()):
        return 1
    try:
        return worker_count(jobs_setting(os.environ), pages)
    except ConfigError as exc:
        raise MkDocsException(str(exc)) from None


def _read_pages(pages: list[Page], config: MkDocsConfig, files: Files) -> None:
    plugins = {name: plugin for name, plugin in config.plugins.items() if hasattr(plugin, "page_state")}

    def read(page: Page) -> _ReadPage:
        read_page(page, config, files)
        anchors = getattr(page, "links_to_anchors", None)
        return _ReadPage(
            page.markdown,
            page.meta,
            page.content,
            page.toc,
            page._title_from_render,
            getattr(page, "present_anchor_ids", None),
            {target.src_uri: links for target, links in anchors.items()} if anchors is not None else None,
            {name: plugin.page_state(page.file.src_uri) for name, plugin in plugins.items()},
        )

    def restore(page: Page, read_page: _ReadPage) -> None:
        page.markdown, page.meta, page.content, page.toc = (
            read_page.markdown,
            read_page.meta,
            read_page.content,
            read_page.toc,
        )
        page._title_from_render = read_page.title_from_render
        page.present_anchor_ids = read_page.present_anchor_ids
        if read_page.links_to_anchors is not None:
            by_uri = files.src_uris
            targets = read_page.links_to_anchors.items()
            page.links_to_anchors = {by_uri[uri]: links for uri, links in targets if uri in by_uri}
        for name, state in read_page.plugin_states.items():
            plugins[name].restore_page_state(page.file.src_uri, state)

    run_shared(pages, read, restore, _workers(config, len(pages)))
