"""kbgen's templates in front of material's, so a project needs only `theme: {name: material}` and the plugin.

The wheel ships the repository's top-level theme/ as kbgen/theme (see setup.py); an editable install has no copy
and reads the checkout's theme/ directly. A user's own `custom_dir` stays first, so their overrides still win.
"""

from __future__ import annotations

from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.theme import Theme

_PACKAGE = Path(__file__).resolve().parent.parent  # the kbgen package folder
_CANDIDATES = (_PACKAGE / "theme", _PACKAGE.parent / "theme")  # installed copy, then a checkout's top-level theme/
_MARKER = "kb_home.html"  # a template only kbgen's theme has
PRUNE = "navigation.prune"


def theme_dir() -> Path:
    """kbgen's theme folder: the copy inside the installed package, else the source checkout's theme/."""
    for candidate in _CANDIDATES:
        if (candidate / _MARKER).is_file():
            return candidate
    looked = " and ".join(str(c) for c in _CANDIDATES)
    raise PluginError(f"kbgen's theme is missing (looked in {looked}); reinstall kbgen")


def use_kbgen_theme(config: MkDocsConfig) -> None:
    """Put kbgen's theme after the user's custom_dir and before material's own templates (once per config)."""
    theme = config.theme
    if theme.name != "material":
        return  # kbgen's templates extend material's; another theme gets nothing it could not render
    ours = theme_dir().resolve()
    if all(Path(folder).resolve() != ours for folder in theme.dirs):
        theme.dirs.insert(1 if theme.custom_dir else 0, str(ours))
    # kbgen's Content-Security-Policy (partials/kb-head.html) allows fonts and styles only from the site itself,
    # so material's default Google Fonts would only be blocked requests: the site uses the system fonts.
    theme["font"] = False
    bound_navigation(theme)


def bound_navigation(theme: Theme) -> None:
    """Turn on material's `navigation.prune` whatever mkdocs.yml says, so each page's sidebar stays bounded.

    Without it material renders the whole nav tree into every page (partials/nav-item.html once per page and
    nav entry: quadratic in the number of articles, most of a large build's time). Pruned, a page carries its
    ancestors' lists, each cut at `nav_articles_per_category` by pages.shape_nav, and every other section as
    one link to its own page (which lists it all) instead of a subtree that would expand in place. The open branch
    a reader sees is the same either way; `navigation.expand` has nothing left to expand and stays harmless.
    """
    features = list(theme.get("features") or [])
    if PRUNE not in features:
        theme["features"] = [*features, PRUNE]
