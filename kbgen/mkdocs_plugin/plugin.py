"""The `kbgen` MkDocs plugin: each hook turns MkDocs objects into core calls and back."""

from __future__ import annotations

import os
from datetime import date
from pathlib import Path, PurePosixPath
from typing import Any

from jinja2 import Environment
from mkdocs.config import config_options as c
from mkdocs.config.base import Config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, get_plugin_logger
from mkdocs.structure.files import Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page
from mkdocs.utils.templates import TemplateContext

from kbgen.checks import CheckContext, run_checks
from kbgen.config.project import check_social_image, display_prefix
from kbgen.config.settings import KNOWN_KEYS, OPTIONS, ConfigError, KbConfig, parse_config
from kbgen.config.today import Today, resolve_today
from kbgen.loading.loader import load_corpus
from kbgen.mkdocs_plugin import confinement, escaping, social
from kbgen.mkdocs_plugin.dashboard import add_dashboard
from kbgen.mkdocs_plugin.pages import restrict_files, section_kind, shape_nav
from kbgen.mkdocs_plugin.search import SearchCollector
from kbgen.mkdocs_plugin.site_links import SiteLinks
from kbgen.mkdocs_plugin.theme import use_kbgen_theme
from kbgen.model import Article, Corpus, Finding, Severity
from kbgen.render import i18n, seo, views
from kbgen.render.tree import SiteTree

log = get_plugin_logger(__name__)


class KbgenPluginConfig(Config):
    # The options kbgen.config.settings defines; parse_config then validates each value, naming the key and the fix.
    _schema = tuple((name, c.Optional(c.Type(option.kind))) for name, option in OPTIONS.items())


class KbgenPlugin(BasePlugin[KbgenPluginConfig]):
    """Validates content, publishes only what customers may see, and gives templates their view models."""

    links: SiteLinks  # made in on_config, which MkDocs always calls first, from the link check's site map

    def __init__(self) -> None:
        self.today_override: date | None = None  # set by `kbgen build --today`
        self.log_findings = True  # `kbgen build` reports findings itself
        self._reset()

    def _reset(self) -> None:
        self.kb = KbConfig()
        self.today = Today(date(1970, 1, 1), "unset")
        self.corpus = Corpus((), (), (), frozenset(), ())
        self.findings: list[Finding] = []
        self.articles_by_uri: dict[str, Article] = {}
        self.tree = SiteTree(self.corpus, self.kb.default_language)
        self.site_url = ""
        self.search = SearchCollector(self.tree)
        self.nav: Navigation | None = None
        self.notes: list[str] = []  # advice on the configuration; `kbgen build` prints it, --strict ignores it

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        # `mkdocs serve` reuses this object across rebuilds, so all per-build state starts again here.
        self._reset()
        use_kbgen_theme(config)
        raw = {key: value for key, value in self.config.items() if key in KNOWN_KEYS and value is not None}
        try:
            self.kb = parse_config(raw)
            if self.today_override is not None:
                self.today = Today(self.today_override, "--today")
            else:
                self.today = resolve_today(None, os.environ, self.kb.timezone)
        except ConfigError as exc:
            raise PluginError(str(exc)) from None
        prefix = display_prefix(Path(config.config_file_path or ".").parent, Path(config.docs_dir))
        try:
            check_social_image(self.kb.social_image, Path(config.docs_dir), prefix)
        except ConfigError as exc:
            raise PluginError(str(exc)) from None
        self.corpus = load_corpus(Path(config.docs_dir), self.kb, prefix)
        confinement.refuse_unconfined_walk(self.corpus, Path(config.docs_dir))
        checks = CheckContext(self.corpus, self.kb, self.today.date)
        self.findings = run_checks(checks)
        self.articles_by_uri = {str(a.source.rel): a for a in self.corpus.articles}
        self.tree = SiteTree(self.corpus, self.kb.default_language)
        self.site_url = config.site_url or ""
        self.search = SearchCollector(self.tree)
        self.links = SiteLinks(checks.site_map, self.articles_by_uri)
        if not self.site_url and not self.kb.dashboard:  # an internal build is for no search engine
            self.notes.append(seo.MISSING_SITE_URL)
        for finding in self.findings if self.log_findings else ():
            (log.error if finding.severity is Severity.ERROR else log.warning)(finding.format())
        for note in self.notes if self.log_findings else ():
            log.info(note)  # advice, not a problem in the content: a preview without an address may pass --strict
        return config

    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files:
        files = restrict_files(files, self.corpus, self.links.site, self.tree, config, self.kb.social_image)
        if self.kb.dashboard:
            add_dashboard(files, self.corpus, self.kb, self.today, config)
        return self.links.add_redirect_pages(files, config)

    def on_nav(self, nav: Navigation, *, config: MkDocsConfig, files: Files) -> Navigation:
        self.nav = shape_nav(nav, self.tree, self.kb)
        return self.nav

    def on_page_markdown(self, markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        parts = PurePosixPath(page.file.src_uri).parts
        page.meta["kb_lang"] = parts[0] if len(parts) > 1 else self.kb.default_language
        page.meta.pop("status", None)  # kbgen's publication status, not material's page-status badge
        kind = section_kind(page.file.src_uri)
        if kind == "section":
            page.meta["template"] = "kb_category.html"
        elif kind is not None:
            page.meta["template"] = "kb_home.html"
            page.meta["hide"] = ["navigation", "toc"]
        return confinement.page_markdown(markdown, page, self.corpus, self.kb)

    def on_page_content(self, html: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        # links first (they only retarget hrefs), then the sanitiser has the last word on the HTML;
        # search indexes exactly the sanitised text customers see
        html = escaping.sanitize_content(self.links.rewrite(html, page.file.src_uri))
        self.search.add(self.articles_by_uri.get(page.file.src_uri), page.url, html)
        return html

    def on_env(self, env: Environment, *, config: MkDocsConfig, files: Files) -> Environment:
        escaping.escape_site_text(self.nav, files, self.articles_by_uri)  # after every page is read, before any render
        # the search form is on every page, 404 included, which has no view model: it looks its text up itself
        env.globals.update(kb_strings=i18n.strings, kb_script_strings=i18n.script_strings)
        env.globals["kb_seo"] = social.site_tags(self.kb, config, self.site_url)
        return env

    def on_template_context(
        self, context: TemplateContext, *, template_name: str, config: MkDocsConfig
    ) -> TemplateContext:
        if template_name == "sitemap.xml" and not self.kb.dashboard:  # an internal build lists nothing
            entries = seo.sitemap_entries(self.tree, self.kb.default_language, self.site_url)
            context["kb_sitemap"] = entries  # type: ignore[typeddict-unknown-key]
        return context

    def on_post_build(self, *, config: MkDocsConfig) -> None:
        self.search.write(Path(config.site_dir), self.kb)
        robots = seo.robots_txt(self.site_url, noindex=self.kb.dashboard)
        (Path(config.site_dir) / "robots.txt").write_text(robots, encoding="utf-8")

    def on_page_context(
        self, context: TemplateContext, *, page: Page, config: MkDocsConfig, nav: Navigation
    ) -> TemplateContext:
        context["kb"] = self._view(page.file.src_uri)  # type: ignore[typeddict-unknown-key]
        return context

    def on_post_page(self, output: str, *, page: Page, config: MkDocsConfig) -> str:
        return escaping.finish_page(output)

    def on_post_template(self, output_content: str, *, template_name: str, config: MkDocsConfig) -> str:
        return escaping.finish_page(output_content)

    def _view(self, src_uri: str) -> dict[str, Any] | None:
        parts = PurePosixPath(src_uri).parts
        default = self.kb.default_language
        if src_uri in self.articles_by_uri:
            article = self.articles_by_uri[src_uri]
            return views.article_view(self.tree, article, self.kb, self.today.date, self.site_url)
        kind = section_kind(src_uri)
        if kind == "root":
            return views.root_view(self.tree, default, self.site_url)
        if kind == "home":
            return views.home_view(self.tree, parts[0], default, self.site_url)
        if kind == "section":
            return views.section_view(self.tree, parts[0], tuple(parts[1:-1]), self.site_url, default)
        return None
