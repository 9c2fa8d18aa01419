"""A small site around tests/rich_article/: the article, the page it links to and its image, built for real."""

from __future__ import annotations

from pathlib import Path

from tests.support.project import REPO, SAMPLE_TODAY, Site, article, sample_config

SOURCE = REPO / "tests" / "rich_article" / "install-the-desktop-app.md"
URL = "en/billing/install-the-desktop-app/"
IMAGE = '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 16 10"><rect width="16" height="10"/></svg>'


def build_rich_site(root: Path) -> Path:
    """The article in a project with the sample's syntax and light and dark schemes; the built site folder."""
    from kbgen.publishing.site_build import build_site

    site = Site(root)
    sample = sample_config()
    site.configure(extensions=sample["markdown_extensions"], palette=sample["theme"]["palette"])
    site.write("en/billing/index.md", "---\ntitle: Billing\n---\n")
    site.write("en/billing/download-invoices.md", article(title="Download invoices"))
    site.write("en/billing/install-the-desktop-app.md", SOURCE.read_text(encoding="utf-8"))
    site.write("assets/images/desktop-app.svg", IMAGE)
    build_site(site.config_file, site.site_dir, today=SAMPLE_TODAY, strict=False)
    return site.site_dir
