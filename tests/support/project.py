"""A throwaway kbgen project for tests: mkdocs.yml, content/ and the real theme/, plus the values tests share."""

from __future__ import annotations

import filecmp
import shutil
import textwrap
from datetime import date
from pathlib import Path
from typing import Any

import yaml

REPO = Path(__file__).resolve().parents[2]
SAMPLE_TODAY = date(2026, 11, 22)  # the date the sample content's stale/due-soon states are written for

BASE_PLUGIN_CONFIG: dict[str, Any] = {
    "review_interval": "180d",
    "due_soon": "30d",
    "product_versions": ["3.0", "3.1", "3.2", "4.0"],
    "supported_versions": ["3.2", "4.0"],
    "languages": ["en", "tr", "ro", "zh"],
}


def article(
    title: str = "Reset your password",
    owner: str = "maria.popescu",
    reviewed: str = "2026-09-01",
    versions: str = '["3.2", "4.0"]',
    body: str = "Open **Settings** and choose *Security*.\n",
    extra: str = "",
) -> str:
    """A valid article as text; tests change one thing at a time."""
    front = f"title: {title}\nowner: {owner}\nreviewed: {reviewed}\nproduct_version: {versions}\n{extra}"
    return f"---\n{front.rstrip()}\n---\n\n{textwrap.dedent(body)}"


class _PythonName:
    """Dumped as `!!python/name:...` so MkDocs imports the function, as in the real mkdocs.yml."""

    def __init__(self, name: str) -> None:
        self.name = name


yaml.SafeDumper.add_representer(_PythonName, lambda dumper, value: dumper.represent_scalar(
    f"tag:yaml.org,2002:python/name:{value.name}", ""))  # fmt: skip
TOC_SLUGIFY = _PythonName("kbgen.links.slugs.slugify")
# kbgen's link checks replace MkDocs' own (mkdocs.yml does the same), so nothing is reported twice.
VALIDATION = {
    "links": {"not_found": "info", "anchors": "info", "absolute_links": "info", "unrecognized_links": "info"},
}


class Site:
    """A throwaway kbgen project: mkdocs.yml, content/ and the real theme/."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.content = root / "content"
        self.content.mkdir(parents=True)
        shutil.copytree(REPO / "theme", root / "theme")
        self.configure()

    @property
    def config_file(self) -> Path:
        return self.root / "mkdocs.yml"

    @property
    def site_dir(self) -> Path:
        return self.root / "site"

    def configure(
        self, site_url: str = "", extensions: list[Any] | None = None, palette: list[Any] | None = None, **plugin: Any
    ) -> None:
        config = {
            "site_name": "Test Help Center",
            "docs_dir": "content",
            "site_dir": "site",
            "theme": {"name": "material", "custom_dir": "theme", "language": "en", "font": False,
                      "features": ["navigation.tabs", "navigation.indexes", "navigation.prune"]},
            "plugins": [{"kbgen": {**BASE_PLUGIN_CONFIG, **plugin}}],
            "markdown_extensions": ["admonition", "github-callouts", "sane_lists", "attr_list", "md_in_html", "tables",
                                    "pymdownx.superfences",
                                    {"toc": {"permalink": True, "slugify": TOC_SLUGIFY}}],
            "validation": VALIDATION,
        }  # fmt: skip
        if extensions is not None:
            config["markdown_extensions"] = extensions
        if palette is not None:
            config["theme"]["palette"] = palette
        if site_url:
            config["site_url"] = site_url
        self.config_file.write_text(yaml.safe_dump(config, sort_keys=False, allow_unicode=True), encoding="utf-8")

    def write(self, rel: str, text: str | bytes) -> Path:
        path = self.content / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(text, bytes):
            path.write_bytes(text)
        else:
            path.write_text(text, encoding="utf-8")
        return path

    def read_output(self, rel: str) -> str:
        return (self.site_dir / rel).read_text(encoding="utf-8")


class _NameLoader(yaml.SafeLoader):
    """Reads mkdocs.yml's `!!python/name:...` values back as `_PythonName`, so a test can reuse its settings."""


_NameLoader.add_multi_constructor("tag:yaml.org,2002:python/name:", lambda loader, name, node: _PythonName(name))


def sample_config() -> dict[str, Any]:
    """The sample's mkdocs.yml: its `markdown_extensions` are every syntax a project made by `kbgen init` renders,
    its palette a light and a dark scheme."""
    return yaml.load((REPO / "mkdocs.yml").read_text(encoding="utf-8"), Loader=_NameLoader)  # type: ignore[no-any-return]


def copy_sample(root: Path) -> Path:
    """The repository's sample help center (content, theme, mkdocs.yml) copied into `root`; its mkdocs.yml."""
    root.mkdir(parents=True)
    for name in ("content", "theme"):
        shutil.copytree(REPO / name, root / name)
    shutil.copy(REPO / "mkdocs.yml", root / "mkdocs.yml")
    return root / "mkdocs.yml"


def differing_files(left: Path, right: Path) -> list[str]:
    """Files present in only one of two output trees, or different in content; empty when the trees are equal."""
    names = {p.relative_to(left) for p in left.rglob("*") if p.is_file()}
    names |= {p.relative_to(right) for p in right.rglob("*") if p.is_file()}
    return sorted(
        str(name)
        for name in names
        if not ((left / name).is_file() and (right / name).is_file() and filecmp.cmp(left / name, right / name, False))
    )
