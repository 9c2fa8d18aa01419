"""Adds the brand stylesheet (kbgen.render.branding) to the site when mkdocs.yml sets a brand colour."""

from __future__ import annotations

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files

from kbgen.config.settings import KbConfig
from kbgen.render.branding import STYLESHEET, brand_css


def add_brand_stylesheet(files: Files, kb: KbConfig, config: MkDocsConfig) -> None:
    css = brand_css(kb.primary_color, kb.accent_color)
    if css and files.get_file_from_path(STYLESHEET) is None:
        files.append(File.generated(config, STYLESHEET, content=css))
