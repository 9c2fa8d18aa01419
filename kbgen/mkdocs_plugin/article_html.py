"""Renders an article body to the HTML its page shows, without building the site, for `kbgen export`.

MkDocs renders a page with Python-Markdown and the project's `markdown_extensions` (its own processors only
record anchors and retarget links); kbgen's plugin then localises untitled admonitions, retargets links and
sanitises. Text is the same whichever way links point, so the same extensions and the same two core steps give
the very text the search index is built from, in a fraction of a build's time.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import markdown  # type: ignore[import-untyped]  # MkDocs' own renderer (a dependency of mkdocs); no stubs
from mkdocs.config import load_config
from mkdocs.exceptions import MkDocsException

from kbgen.config.settings import ConfigError
from kbgen.model import Article
from kbgen.render.admonitions import localize_admonitions
from kbgen.render.icons import hide_decorative_icons
from kbgen.render.permalinks import localize_permalinks
from kbgen.render.renderer_source import renderer_source
from kbgen.render.sanitize import sanitize_html
from kbgen.render.task_lists import label_task_checkboxes


@dataclass(frozen=True, slots=True)
class RenderSettings:
    """What rendering needs from mkdocs.yml, as MkDocs validated it."""

    extensions: list[Any]
    extension_configs: dict[str, Any]
    site_url: str  # "" when unset; else absolute, ending in "/"
    warnings: tuple[str, ...] = ()  # what MkDocs warned about while reading mkdocs.yml


class ArticleHtml:
    """One Markdown converter for a run, reset between articles (Python-Markdown's documented reuse)."""

    def __init__(self, settings: RenderSettings) -> None:
        self._md = markdown.Markdown(extensions=settings.extensions, extension_configs=settings.extension_configs)

    def __call__(self, article: Article) -> str:
        self._md.reset()
        html = self._md.convert(renderer_source(article.body))  # as the site's page reads it
        html = localize_permalinks(localize_admonitions(html, article.lang), article.lang)
        return sanitize_html(hide_decorative_icons(label_task_checkboxes(html)))


def render_settings(config_file: Path) -> RenderSettings:
    """mkdocs.yml read and validated by MkDocs itself; ConfigError naming the file and each problem otherwise."""
    logged: list[logging.LogRecord] = []
    try:
        with _config_log(logged):
            config = load_config(str(config_file))
    except MkDocsException as exc:
        errors = [r.getMessage() for r in logged if r.levelno >= logging.ERROR]
        raise ConfigError("; ".join(f"{config_file}: {m}" for m in errors) or f"{config_file}: {exc}") from None
    warnings = tuple(f"{config_file}: {r.getMessage()}" for r in logged if r.levelno < logging.ERROR)
    site_url = str(config.site_url or "")
    return RenderSettings(list(config.markdown_extensions), dict(config.mdx_configs or {}), site_url, warnings)


@contextmanager
def _config_log(logged: list[logging.LogRecord]) -> Iterator[None]:
    """What MkDocs logs while reading mkdocs.yml (it logs each problem, then raises a bare 'Aborted'), kept
    rather than printed: the command reports it once, in its own words."""

    class Keep(logging.Handler):
        def emit(self, record: logging.LogRecord) -> None:
            logged.append(record)

    logger = logging.getLogger("mkdocs.config")
    handler = Keep(logging.WARNING)
    propagate = logger.propagate
    logger.addHandler(handler)
    logger.propagate = False
    try:
        yield
    finally:
        logger.removeHandler(handler)
        logger.propagate = propagate
