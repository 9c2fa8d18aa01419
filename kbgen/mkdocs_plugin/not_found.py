"""A 404 page per language (`tr/404.html`), beside the site-wide `404.html` MkDocs writes itself.

A host serves the site-wide page for any missing address; its script sends a reader whose address starts with a
language folder to that language's page (theme/assets/kb-not-found.js). Each page is rendered from the theme's
404.html with MkDocs' own context, as MkDocs renders its 404: with absolute URLs, so it also works when a host
serves it for an address in any folder.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from jinja2 import Environment
from mkdocs.commands.build import get_context
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files
from mkdocs.structure.nav import Navigation

TEMPLATE = "404.html"


def write_page(
    env: Environment,
    config: MkDocsConfig,
    nav: Navigation,
    files: Files,
    lang: str,
    extra: dict[str, Any],
    finish: Callable[[str], str],
) -> Path:
    """Render `<lang>/404.html` with the view models in `extra` and write it to the site folder."""
    context = get_context(nav, files, config, base_url=urlsplit(config.site_url or "/").path)
    context.update(extra)  # type: ignore[typeddict-item]
    output = finish(env.get_template(TEMPLATE).render(context))
    target = Path(config.site_dir) / lang / TEMPLATE
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(output, encoding="utf-8")
    return target
