"""The canary corpus: where it lives, how it is built, and which of its strings must never be published."""

from __future__ import annotations

import os
import shutil
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from kbgen.publishing.site_build import build_site
from tests.support.project import REPO

SOURCE = REPO / "tests" / "security" / "canary"  # the canary project: mkdocs.yml and content/
TODAY = date(2026, 11, 22)
SECRET = "KBGEN-CANARY-SECRET-0b9e41"
# Strings that must never reach any output file: internal and draft articles, HTML comments, owners, the secret,
# the near misses (categories and a language with no public article, files only they link, Markdown under
# another extension, backups, hidden files, types a browser would run) and the active SVGs.
HIDDEN = (
    "CANARY-7f3",
    "CANARY-STRAY-e41",
    "CANARY-INTERNAL-5c1",
    "CANARY-DRAFT-9d2",
    "canary-owner",
    "example.invalid",
    SECRET,
    "CANARY-CAT-INTERNAL-a11",
    "CANARY-CAT-DRAFT-a12",
    "CANARY-CAT-ARCHIVED-a13",
    "CANARY-CAT-MIXED-a14",
    "CANARY-CAT-EMPTY-a15",
    "CANARY-CAT-SLUG-a16",
    "canary-cat-slug-a16",
    "CANARY-LANG-a17",
    "CANARY-ASSET-",
    "canary-asset-runbook-b21",
    "canary-asset-draft-b22",
    "canary-asset-internal-b23",
    "canary-asset-orphan-b26",
    "canary-asset-html-b27",
    "canary-asset-refdef-b28",
    "CANARY-EXT-",
    "CANARY-NEAR-MISS-c31",
)
# Every page and content file the canary site needs, and nothing more (theme files live under assets/, kbgen's
# search index under kb-search/).
PUBLIC_PAGES = (
    "index.html",
    "en/index.html",
    "en/canary/index.html",
    "en/canary/hostile-body/index.html",
    "en/canary/hostile-front-matter/index.html",
    "en/canary/material-markup/index.html",
    "en/canary/near-misses/index.html",
    "en/canary/svg-gallery/index.html",
    "404.html",
    "en/404.html",  # the language's own 404 page (kbgen/mkdocs_plugin/not_found.py)
)
PUBLIC_FILES = ("en/canary/pixel.png", "en/canary/benign.svg", "media/shared.png", "media/guide.pdf")
BUILD_FILES = ("kbgen-manifest.txt", "robots.txt", "sitemap.xml", "sitemap.xml.gz")
HOSTILE_TITLE = """T1 <img src=x onerror="window.__kbxss=1"> & "quotes" 'single'"""
HOSTILE_DESCRIPTION = '"><script>window.__kbxss=1</script>'
HOSTILE_CATEGORY = "Canary <script>window.__kbxss=1</script> category"


@dataclass(frozen=True)
class Canary:
    project: Path
    site_dir: Path
    findings: list[str]


def build_canary(into: Path) -> Canary:
    """Copy the corpus and the repository's theme into `into`, then build it with the secret in the environment."""
    shutil.copytree(SOURCE, into)
    shutil.copytree(REPO / "theme", into / "theme")
    saved = os.environ.get("KBGEN_CANARY_SECRET")
    os.environ["KBGEN_CANARY_SECRET"] = SECRET
    try:
        result = build_site(into / "mkdocs.yml", None, today=TODAY, strict=False)
    finally:
        if saved is None:
            del os.environ["KBGEN_CANARY_SECRET"]
        else:
            os.environ["KBGEN_CANARY_SECRET"] = saved
    return Canary(into, result.site_dir, [finding.format() for finding in result.findings])
