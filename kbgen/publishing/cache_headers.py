"""Which files of a built site a host may cache forever, and which it must revalidate (README: "Cache headers").

A file whose name is derived from its content never changes under that name: kbgen's search files below
`kb-search/immutable/` (kbgen.search.build) and the scripts and styles mkdocs-material ships with a content hash
in their names. Every other file keeps its name from build to build (pages, the sitemap, the search manifests,
kbgen's own scripts), so a cache must ask the server before reusing it; a `304 Not Modified` costs a round trip,
no body. The README's nginx, Netlify/Cloudflare and S3 examples encode these rules; a test holds them to it.
"""

from __future__ import annotations

import re

from kbgen.search.folders import IMMUTABLE as SEARCH_IMMUTABLE
from kbgen.search.folders import PREFIX as SEARCH_PREFIX

IMMUTABLE = "public, max-age=31536000, immutable"
REVALIDATE = "no-cache"

_CONTENT_NAMED = re.compile(
    rf"^(?:{re.escape(SEARCH_PREFIX)}/{re.escape(SEARCH_IMMUTABLE)}/.+"
    r"|assets/(?:javascripts/(?:bundle|workers/search)|stylesheets/(?:main|palette))\.[0-9a-f]{8}\.min\.(?:js|css)"
    r"(?:\.map)?)$"
)


def cache_control(path: str) -> str:
    """The `Cache-Control` value for a file of the site, by its path relative to the site root."""
    return IMMUTABLE if _CONTENT_NAMED.match(path) else REVALIDATE
