"""Build-time side of links: writes the `redirect_from` pages and repoints `.md` links MkDocs could not rewrite.

MkDocs leaves a link to `old-name.md` (a redirected path) or to `café.md` typed in NFC for an NFD file as
written, which would 404, and never reads raw HTML's `<a href="invoices.md">`. kbgen's resolver knows all three,
so those hrefs are rewritten to the article's URL.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable, Mapping

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files

from kbgen.links.extract import Link, repointed_href
from kbgen.links.redirects import redirect_page, relative_url
from kbgen.links.site_map import BuiltSiteMap
from kbgen.model import Article, WrittenSection, served_file

# an href to a `.md` file, quoted either way or not at all: MkDocs' rendering of a Markdown link it left alone, or
# a writer's raw `<a href>`, which kbgen's link check takes for a Markdown link (kbgen.links.extract.repointed_href)
_MD_HREF = re.compile(
    r"""(<a\s[^>]*?(?<![\w-])href\s*=\s*)"""
    r"""(?:"([^"]*?\.md(?:#[^"]*)?)"|'([^']*?\.md(?:#[^']*)?)'|([^\s>"']*?\.md(?:#[^\s>"']*)?)(?=[\s/>]))""",
    re.I,
)


class SiteLinks:
    """Per-build link state: made in `on_config` from the site map the link check used, so it is built once."""

    def __init__(
        self, site_map: BuiltSiteMap, articles_by_uri: Mapping[str, Article], sections: Iterable[WrittenSection] = ()
    ) -> None:
        self.site, self.redirects = site_map.site, site_map.redirects
        self.articles = articles_by_uri
        # a section's or home's text links like an article's (kbgen.render.section_intro)
        self.sections = {str(written.source.rel): written for written in sections}

    def add_redirect_pages(self, files: Files, config: MkDocsConfig) -> Files:
        for old in sorted(self.redirects):
            redirect = self.redirects[old]
            if files.get_file_from_path(redirect.output_file) is None:
                files.append(File.generated(config, redirect.output_file, content=redirect_page(redirect)))
        return files

    def rewrite(self, content: str, src_uri: str) -> str:
        page: Article | WrittenSection | None = self.articles.get(src_uri)
        page = self.sections.get(src_uri) if page is None else page
        if page is None or not (page.is_public if isinstance(page, Article) else page.public):
            return content
        linking = page

        def repoint(match: re.Match[str]) -> str:
            target = html.unescape(next(value for value in match.groups()[1:] if value is not None))
            if not repointed_href(target):
                return match.group(0)
            found = self.site.resolve(Link("link", target, 0, 0), linking)
            entry = found.entry
            if found.status != "ok" or entry is None or entry.article is None:
                return match.group(0)
            href = relative_url(entry.article.url, served_file(linking.url))
            href += f"#{found.fragment}" if found.fragment else ""
            return f'{match.group(1)}"{html.escape(href, quote=True)}"'

        return _MD_HREF.sub(repoint, content)
