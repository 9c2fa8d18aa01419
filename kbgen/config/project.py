"""Reads a project's mkdocs.yml just far enough to find the content folder and kbgen's settings.

This keeps `kbgen check` independent of MkDocs: it never imports it, so it stays fast and testable.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from kbgen.config.settings import ConfigError, KbConfig, parse_config


class _TolerantLoader(yaml.SafeLoader):
    """mkdocs.yml may use !ENV or !!python/name tags meant for MkDocs; read them as null, never execute."""


_TolerantLoader.add_multi_constructor("", lambda loader, suffix, node: None)


@dataclass(frozen=True, slots=True)
class Project:
    config_file: Path
    root: Path
    docs_dir: Path
    site_dir: Path
    kb: KbConfig

    def display(self, path: Path) -> str:
        """Paths in findings are relative to the project root, as a CI annotation expects."""
        try:
            return path.resolve().relative_to(self.root.resolve()).as_posix()
        except ValueError:
            return path.as_posix()

    @property
    def display_prefix(self) -> str:
        return display_prefix(self.root, self.docs_dir)


def display_prefix(root: Path, docs_dir: Path) -> str:
    """What findings put before a path under the content root: `content/` when it sits in the project root."""
    try:
        prefix = docs_dir.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        prefix = docs_dir.as_posix()
    return "" if prefix == "." else prefix + "/"


def _plugin_block(plugins: Any) -> dict[str, Any] | None:
    entries = plugins.items() if isinstance(plugins, dict) else ((p, None) for p in plugins or [])
    for entry, options in entries:
        name, block = next(iter(entry.items())) if isinstance(entry, dict) else (entry, options)
        if name == "kbgen":
            if block is not None and not isinstance(block, dict):
                raise ConfigError("mkdocs.yml: the 'kbgen' plugin options must be a mapping")
            return block or {}
    return None


def check_social_image(social_image: str, docs_dir: Path, prefix: str) -> None:
    """A configured picture that does not exist would be a broken preview on every shared link: refuse to build."""
    if not social_image or social_image.startswith(("https://", "http://")) or (docs_dir / social_image).is_file():
        return
    raise ConfigError(
        f"kbgen config 'social_image': {prefix}{social_image} does not exist; name an image inside the docs folder "
        "(a PNG or JPEG of 1200x630 works best), e.g. 'assets/social.png'"
    )


def load_project(config_file: Path, site_dir: Path | None = None) -> Project:
    """Raises ConfigError, with the file named, for anything that stops kbgen from starting."""
    try:
        raw = yaml.load(config_file.read_text(encoding="utf-8-sig"), Loader=_TolerantLoader)
    except FileNotFoundError:
        raise ConfigError(f"{config_file}: configuration file not found (use --config-file)") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"{config_file}: cannot read configuration: {exc}") from None
    except yaml.YAMLError as exc:
        raise ConfigError(f"{config_file}: not valid YAML: {exc}") from None
    if not isinstance(raw, dict):
        raise ConfigError(f"{config_file}: expected a mapping of settings")
    root = config_file.parent
    docs_dir = root / str(raw.get("docs_dir") or "docs")
    if not docs_dir.is_dir():
        raise ConfigError(f"{config_file}: docs_dir '{docs_dir}' is not a folder")
    block = _plugin_block(raw.get("plugins"))
    try:
        kb = parse_config(block)
        check_social_image(kb.social_image, docs_dir, display_prefix(root, docs_dir))
    except ConfigError as exc:
        raise ConfigError(f"{config_file}: {exc}") from None
    site = site_dir if site_dir is not None else root / str(raw.get("site_dir") or "site")
    return Project(config_file, root, docs_dir, site, kb)
