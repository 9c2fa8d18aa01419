"""Site-wide tags for search engines and link previews: noindex on internal builds, the shared-link picture."""

from __future__ import annotations

from typing import Any

from mkdocs.config.defaults import MkDocsConfig

from kbgen.config.settings import KbConfig
from kbgen.render.seo import absolute_url


def site_tags(kb: KbConfig, config: MkDocsConfig, site_url: str) -> dict[str, Any]:
    """`noindex` for a build with the maintenance dashboard (an internal build), and the absolute address of the
    shared-link picture: kbgen's social_image, else the theme's logo file; none without site_url, as Open Graph
    needs an absolute address."""
    picture = kb.social_image or config.theme.get("logo") or ""
    if picture and not picture.startswith(("https://", "http://")):
        picture = absolute_url(site_url, picture) if site_url else ""
    return {"noindex": kb.dashboard, "image": picture}
