"""Which files of a theme folder the site publishes: what a page loads (styles, scripts, images, fonts), nothing else.

MkDocs copies every file of the theme's folders into the site except templates (`.html`), Markdown, Python and
dot-files. A report written there, notes (`notes.yaml`), a backup (`main.html.bak`) or a draft would be published
with every build and listed in the manifest, though no page uses it. So only the kinds of file a theme ships for
the browser are published; anything else is left out and named, so the maintainer can move it.
"""

from __future__ import annotations

from pathlib import PurePosixPath

ASSET_SUFFIXES = frozenset(
    {
        # styles and scripts, with their source maps (material ships `bundle.*.min.js.map`)
        ".css",
        ".js",
        ".mjs",
        ".map",
        # images and icons
        ".png",
        ".jpg",
        ".jpeg",
        ".gif",
        ".webp",
        ".avif",
        ".svg",
        ".ico",
        ".webmanifest",
        # fonts
        ".woff",
        ".woff2",
        ".ttf",
        ".otf",
        ".eot",
    }
)


def is_theme_asset(src_uri: str) -> bool:
    """Whether a theme file is something a page loads, by its suffix (case ignored: `LOGO.PNG` is an image)."""
    return PurePosixPath(src_uri).suffix.lower() in ASSET_SUFFIXES


def unpublished_note(shown: str) -> str:
    """What the maintainer is told about a theme file that is not published."""
    return (
        f"{shown} is in the theme folder but is not a stylesheet, script, image or font, so it is not published; "
        "move it out of the theme folder (reports and notes belong beside mkdocs.yml)"
    )
