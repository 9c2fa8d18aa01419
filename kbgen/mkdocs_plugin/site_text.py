"""mkdocs.yml as one page's templates see it: the site's name and description in that page's language.

material prints `config.site_name` and `config.site_description` in many templates (`<title>`, the meta
description, the header, the navigation drawer). Rather than copy each of them, every page renders with this
read-only view of the configuration, which answers those two keys from kbgen's per-language text
(kbgen.render.chrome), already escaped (material prints them raw in `<title>` and the drawer; `Markup` passes
through `| e` unchanged), and everything else from MkDocs' own configuration.
"""

from __future__ import annotations

from typing import Any

from mkdocs.config.defaults import MkDocsConfig

from kbgen.render.sanitize import escaped


class PageConfig:
    """Delegates to the real configuration, except for the two texts a reader sees in the page's language, and the
    author, escaped as they are."""

    def __init__(self, config: MkDocsConfig, chrome: dict[str, Any]) -> None:
        self._config = config
        description = chrome["site_description"]
        self._own = {
            "site_name": escaped(chrome["site_name"]),
            "site_description": escaped(description) if description else None,
            # material writes these raw (`<meta name="author" content="...">`, the repository link's name): a '"'
            # ended the attribute, and a <meta http-equiv="refresh"> after it redirected every reader
            "site_author": escaped(config.site_author) if config.site_author else None,
            "repo_name": escaped(config.repo_name) if config.repo_name else config.repo_name,
        }

    def __getattr__(self, name: str) -> Any:
        own = self.__dict__.get("_own", {})
        return own[name] if name in own else getattr(self._config, name)

    def __getitem__(self, key: str) -> Any:
        return self._own[key] if key in self._own else self._config[key]

    def __contains__(self, key: object) -> bool:
        return key in self._config

    def get(self, key: str, default: Any = None) -> Any:
        return self._own[key] if key in self._own else self._config.get(key, default)
