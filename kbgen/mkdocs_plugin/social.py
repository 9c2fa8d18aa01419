"""Site-wide tags for search engines and link previews: noindex on internal builds, the shared-link picture."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError

from kbgen.config.settings import KbConfig
from kbgen.render.seo import absolute_url


def check_image(social_image: str, docs_dir: Path, prefix: str) -> None:
    """A configured picture that does not exist would be a broken preview on every shared link: refuse the build."""
    if not social_image or social_image.startswith(("https://", "http://")):
        return
    if not (docs_dir / social_image).is_file():
        raise PluginError(
            f"kbgen config 'social_image': {prefix}{social_image} does not exist; name an image inside the docs "
            "folder (a PNG or JPEG of 1200x630 works best), e.g. 'assets/social.png'"
        )


def site_tags(kb: KbConfig, config: MkDocsConfig, site_url: str) -> dict[str, Any]:
    """`noindex` for a build with the maintenance dashboard (an internal build), and the absolute address of the
    shared-link picture: kbgen's social_image, else the theme's logo file; none without site_url, as Open Graph
    needs an absolute address."""
    picture = kb.social_image or config.theme.get("logo") or ""
    if picture and not picture.startswith(("https://", "http://")):
        picture = absolute_url(site_url, picture) if site_url else ""
    return {"noindex": kb.dashboard, "image": picture}
