"""Turns a project's mkdocs.yml, as MkDocs read it, into the content folder, output folder and kbgen's settings.

Reading the file is the adapters' job (`kbgen.mkdocs_plugin.config_file`, with MkDocs' own YAML loader), so check
and build see one configuration; this module only interprets the mapping and never imports MkDocs.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from kbgen.config.settings import ConfigError, KbConfig, parse_config
from kbgen.links.html_blocks import extension_names, reads_markdown_in_html
from kbgen.publishing.output_dir import own_entry
from kbgen.safe_text import one_line


@dataclass(frozen=True, slots=True)
class Project:
    config_file: Path
    root: Path
    docs_dir: Path
    site_dir: Path
    kb: KbConfig
    # Where a source file can be edited online, as MkDocs reads them (kbgen.config.edit_links); "" when unset.
    repo_url: str = ""
    edit_uri: str = ""
    edit_uri_template: str = ""
    directory_urls: bool = True  # `use_directory_urls`: pages are `a/b/` when true, `a/b.html` when false
    markdown_in_html: bool = False  # `markdown_extensions` has md_in_html: `<div markdown="1">` holds Markdown
    theme_dir: Path | None = None  # the theme's `custom_dir`, whose files MkDocs copies into the site
    markdown_extensions: frozenset[str] = frozenset()  # the names `markdown_extensions` lists

    def display(self, path: Path) -> str:
        """Paths in findings are relative to the project root, as a CI annotation expects."""
        try:
            return path.resolve().relative_to(self.root.resolve()).as_posix()
        except ValueError:
            return path.as_posix()

    @property
    def display_prefix(self) -> str:
        return display_prefix(self.root, self.docs_dir)

    def written_over(self, path: Path) -> str | None:
        """What a report or export written to `path` would destroy or spoil, or None: mkdocs.yml itself, a
        writer's content (anything there would also be published or refused as a stray file), or the built site
        (whose next build would refuse a file its manifest does not list), the theme folder (whose files the build
        copies into the site), or kbgen's lock and caches beside the site (the next build would fail on them)."""
        target = path.resolve()
        if target == self.config_file.resolve():
            return f"{path} is the project's configuration file"
        folders = [(self.docs_dir, "the content folder"), (self.site_dir, "the built site")]
        if self.theme_dir is not None:
            folders.append((self.theme_dir, "the theme folder"))
        for folder, what in folders:
            if target.is_relative_to(folder.resolve()):  # the folder itself too
                return f"{path} is inside {what} '{self.display(folder)}'"
        if (entry := own_entry(self.site_dir, path)) is not None:
            return f"{path} is kbgen's own '{self.display(entry)}' beside the built site (its lock, cache or staging)"
        return None


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


def project_from_config(config_file: Path, raw: Any, site_dir: Path | None = None) -> Project:
    """`raw` is mkdocs.yml as MkDocs' loader returned it; raises ConfigError, with the file named, for anything
    that stops kbgen from starting."""
    if not isinstance(raw, dict):
        raise ConfigError(f"{config_file}: expected a mapping of settings")
    root = config_file.parent
    docs_dir = root / str(raw.get("docs_dir") or "docs")
    if not docs_dir.is_dir():
        raise ConfigError(f"{config_file}: docs_dir '{docs_dir}' is not a folder")
    if docs_dir.resolve() in (root.resolve(), *root.resolve().parents):
        raise ConfigError(
            f"{config_file}: docs_dir '{raw.get('docs_dir')}' is the folder of mkdocs.yml or one around it, so the "
            f"content would be the whole project (its site, its .git) or more of the disk; put the articles in a "
            f"folder of their own beside mkdocs.yml, as 'docs_dir: content'"
        )
    block = _plugin_block(raw.get("plugins"))
    try:
        kb = parse_config(block)
        check_social_image(kb.social_image, docs_dir, display_prefix(root, docs_dir))
    except ConfigError as exc:
        raise ConfigError(f"{config_file}: {exc}") from None
    _check_urls(config_file, raw)
    named = str(raw.get("site_dir") or "site")
    if "\x00" in named:  # a YAML escape ("\0") writes one; no file system takes it
        raise ConfigError(f"{config_file}: site_dir {named!r} holds a NUL character; remove it")
    site = site_dir if site_dir is not None else root / named
    links = {
        key: raw[key] if isinstance(raw.get(key), str) else "" for key in ("repo_url", "edit_uri", "edit_uri_template")
    }
    directory_urls = raw.get("use_directory_urls", True) is not False  # MkDocs itself refuses a non-boolean
    return Project(
        config_file, root, docs_dir, site, kb, **links, directory_urls=directory_urls,
        markdown_in_html=reads_markdown_in_html(raw.get("markdown_extensions")), theme_dir=_custom_dir(root, raw),
        markdown_extensions=extension_names(raw.get("markdown_extensions")),
    )  # fmt: skip


# Characters RFC 3986 has no place for, to be percent-encoded: MkDocs and material write site_url, repo_url and
# edit_uri into the page unescaped (`<link rel="canonical" href="...">`), so a '"' there ended the attribute and
# the rest of the value was HTML on every page (a <meta http-equiv="refresh"> that CSP does not stop).
_NOT_IN_URL = re.compile(r"[\x00-\x20\x7f\"<>`]")


def _check_urls(config_file: Path, raw: dict[str, Any]) -> None:
    for key in ("site_url", "repo_url", "edit_uri", "edit_uri_template"):
        value = raw.get(key)
        if isinstance(value, str) and (found := _NOT_IN_URL.search(value)):
            character = found.group() if found.group().isprintable() else f"U+{ord(found.group()):04X}"
            raise ConfigError(
                f"{config_file}: {key} {one_line(value)!r} holds {character!r}, which a URL cannot hold as it is "
                f"(the pages would read it as HTML); percent-encode it (%{ord(found.group()):02X}) or remove it"
            )


def _custom_dir(root: Path, raw: dict[str, Any]) -> Path | None:
    """The theme's `custom_dir`, relative to mkdocs.yml's folder as MkDocs reads it; None when there is none."""
    theme = raw.get("theme")
    custom = theme.get("custom_dir") if isinstance(theme, dict) else None
    return root / custom if isinstance(custom, str) and custom and "\x00" not in custom else None
