"""The `kbgen` MkDocs plugin: each hook turns MkDocs objects into core calls and back."""

from __future__ import annotations

import contextlib
import html
import os
from collections.abc import Callable
from datetime import date
from functools import partial
from pathlib import Path, PurePosixPath
from typing import Any

from jinja2 import BytecodeCache, Environment
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
from kbgen.links.html_blocks import reads_markdown_in_html
from kbgen.links.theme_files import unpublished_note
from kbgen.loading.load_memo import LoadMemo
from kbgen.loading.loader import load_corpus, loaded_afresh
from kbgen.loading.synonyms import Synonyms, load_synonyms
from kbgen.mkdocs_plugin import confinement, escaping, nav_html, not_found, social
from kbgen.mkdocs_plugin.alerts import alerts_note, collapsible_note, icons_note, markdown_in_html_note
from kbgen.mkdocs_plugin.branding import add_brand_stylesheet
from kbgen.mkdocs_plugin.dashboard import add_dashboard
from kbgen.mkdocs_plugin.incremental import Incremental, setting_key
from kbgen.mkdocs_plugin.page_reading import read_page
from kbgen.mkdocs_plugin.pages import drop_theme_strays, restrict_files, section_kind, shape_nav
from kbgen.mkdocs_plugin.scripts import minify_search_scripts
from kbgen.mkdocs_plugin.search import SearchCollector, SearchProcess, worth_a_process
from kbgen.mkdocs_plugin.search_reuse import SearchReuse
from kbgen.mkdocs_plugin.site_links import SiteLinks
from kbgen.mkdocs_plugin.site_text import PageConfig
from kbgen.mkdocs_plugin.template_memo import TemplateMemo
from kbgen.mkdocs_plugin.theme import use_kbgen_theme
from kbgen.mkdocs_plugin.third_party import third_party_note
from kbgen.model import Article, Corpus, Finding, Severity
from kbgen.publishing.build_cache import BuildCache, load_memo, term_store
from kbgen.publishing.security_headers import site_policy
from kbgen.render import i18n, seo, views
from kbgen.render.admonitions import localize_admonitions
from kbgen.render.chrome import chrome_view, search_script_data
from kbgen.render.icons import hide_decorative_icons
from kbgen.render.opening_heading import split_opening_heading
from kbgen.render.permalinks import localize_permalinks
from kbgen.render.related import RelatedArticles, written_by_hand
from kbgen.render.section_intro import intro_html
from kbgen.render.task_lists import label_task_checkboxes
from kbgen.render.tree import SiteTree
from kbgen.safe_text import one_line
from kbgen.search.documents import SearchDocument
from kbgen.search.term_memo import TermStore
from kbgen.search.text import html_to_text
from kbgen.translations.status import Entry
from kbgen.workers import Aside, jobs_setting, start_aside, worker_count

log = get_plugin_logger(__name__)


class KbgenPluginConfig(Config):
    # The options kbgen.config.settings defines; parse_config then validates each value, naming the key and the fix.
    _schema = tuple((name, c.Optional(c.Type(option.kind))) for name, option in OPTIONS.items())


def _saved_then_checked(memo: LoadMemo | None, checks: CheckContext) -> list[Finding]:
    """A rebuild's aside work: keep the load memo for the next run, then run the checks."""
    if memo is not None:
        memo.save()
    return run_checks(checks)


class KbgenPlugin(BasePlugin[KbgenPluginConfig]):
    """Validates content, publishes only what customers may see, and gives templates their view models."""

    links: SiteLinks  # made in on_config, which MkDocs always calls first, from the link check's site map

    def __init__(self) -> None:
        self.today_override: date | None = None  # set by `kbgen build --today`
        self.log_findings = True  # `kbgen build` reports findings itself
        self.template_cache: BytecodeCache | None = None  # set by `kbgen serve`: compile templates once
        # set by `kbgen build`: the previous site and its cache (None, None: nothing to reuse); unset under mkdocs
        self.reuse: tuple[BuildCache | None, Path | None] | None = None
        self.cache_places: tuple[Path, Path] | None = None  # set by `kbgen build`: the previous site, the new one
        # set by `kbgen build`: its own last steps, run while the search process indexes (search.write's meanwhile)
        self.while_indexing: Callable[[], None] | None = None
        self.checks_aside = False  # set by `kbgen build`: a large rebuild checks the content in a forked process
        self._reset()

    def _reset(self) -> None:
        self.kb = KbConfig()
        self.today = Today(date(1970, 1, 1), "unset")
        self.corpus = Corpus((), (), (), frozenset(), ())
        self.findings: list[Finding] = []
        self._unchecked: CheckContext | None = None  # the checks `finish_checks` runs, once
        self._checking: Aside[list[Finding]] | None = None  # or their run in a process of their own
        self.synonyms = Synonyms()
        self.articles_by_uri: dict[str, Article] = {}
        self.tree = SiteTree(self.corpus, self.kb.default_language)
        self._related_index: RelatedArticles | None = None
        self.site_url = ""
        self.search_process = SearchProcess()  # the build's search process, if it uses one
        self.afresh: list[str] = []  # a rebuild's languages whose articles were loaded afresh: indexed again first
        self.search = SearchCollector(self.tree, self.search_process)
        self.search_reuse: SearchReuse | None = None  # the previous site's search files, for a build with a cache
        self.nav: Navigation | None = None
        self.chrome: dict[str, dict[str, Any]] = {}
        self.env: Environment | None = None
        self.files: Files | None = None
        self._translations_of: CheckContext | None = None  # whose translation states `translation_entries` gives
        self._translation_entries: dict[str, Entry] | None = None
        self.notes: list[str] = []  # advice on the configuration; `kbgen build` prints it, --strict ignores it
        self.jobs: int | None = None  # KBGEN_JOBS: processes for the loops over pages (None: every core)
        self.incremental: Incremental | None = None
        self.term_store: TermStore | None = None  # each search document's analysis, kept between builds
        self.texts: dict[str, str] = {}  # src_uri -> search text of each article read
        self.meta_read: dict[str, dict[str, Any]] = {}  # src_uri -> page.meta as read, before escaping
        self.changed: set[str] = set()  # pages read from a file that changed after it was loaded
        self.views: dict[str, dict[str, Any] | None] = {}

    @property
    def translation_entries(self) -> dict[str, Entry]:
        """Each translation's state, by its file: worked out when a view first needs it, once the search index of
        a rebuild is under way (kbgen.checks.CheckContext.translations)."""
        if self._translation_entries is None:
            entries = self._translations_of.translations.entries if self._translations_of is not None else []
            self._translation_entries = {str(e.translation.source.rel): e for e in entries if e.translation is not None}
        return self._translation_entries

    @property
    def related(self) -> RelatedArticles:
        """Related articles of the site's tree, indexed when a view first needs them."""
        if self._related_index is None:
            self._related_index = RelatedArticles(self.tree)
        return self._related_index

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
            jobs = self.jobs = jobs_setting(os.environ)
        except ConfigError as exc:
            raise PluginError(str(exc)) from None
        prefix = display_prefix(Path(config.config_file_path or ".").parent, Path(config.docs_dir))
        try:
            check_social_image(self.kb.social_image, Path(config.docs_dir), prefix)
        except ConfigError as exc:
            raise PluginError(str(exc)) from None
        if self.reuse is not None:  # first: the search process reads the previous analyses while this one loads
            previous, previous_site = self.reuse
            self.incremental = Incremental(previous, previous_site, setting_key(config, self.today, self.kb))
            if self.cache_places is not None and self.incremental.setting is not None:
                self.term_store = term_store(*self.cache_places, self.incremental.setting)
            if self.incremental.previous is not None:
                self.search_process.start_early(self.term_store, len(self.incremental.previous.pages))
                self.incremental.link_ahead(self.search_process.submit, Path(config.site_dir))
        memo = load_memo(*self.cache_places) if self.cache_places is not None else None
        directory_urls = config.use_directory_urls
        self.corpus = load_corpus(
            Path(config.docs_dir), self.kb, prefix, jobs=jobs, memo=memo, directory_urls=directory_urls,
            markdown_in_html=reads_markdown_in_html(config.markdown_extensions),
        )  # fmt: skip
        confinement.refuse_unconfined_walk(self.corpus, Path(config.docs_dir))
        rebuild = self.incremental is not None and self.incremental.previous is not None
        if rebuild:
            self.afresh = loaded_afresh(self.corpus, memo)
            self.search_process.prepare(self.term_store, self.afresh)
        root = Path(config.config_file_path or ".").parent
        self.synonyms = load_synonyms(root, self.kb)
        self.use_corpus(self.corpus, config, memo)
        if self.checks_aside and rebuild and worth_a_process(len(self.corpus.articles)) and self._unchecked is not None:
            # the checks need nothing a page shows and a rebuild's second core waits for the edited page's text:
            # they run there, in a fork that has the loaded content already (a third of a second at 10,000), which
            # saves the load memo first (another tenth)
            checks, self._unchecked = self._unchecked, None
            self._checking = start_aside(partial(_saved_then_checked, memo, checks))
        elif memo is not None:
            memo.save()
        self.site_url = config.site_url or ""
        languages = {*self.tree.languages, *self.kb.languages, self.kb.default_language}
        self.chrome = {
            lang: chrome_view(
                self.kb, lang, config.site_name, config.site_description or "", directory_urls, config.copyright or ""
            )
            for lang in languages
        }
        if not self.site_url and not self.kb.dashboard:  # an internal build is for no search engine
            self.notes.append(seo.MISSING_SITE_URL)
        for advise in (alerts_note, markdown_in_html_note, collapsible_note, icons_note):
            if (advice := advise(config.markdown_extensions, self.corpus.articles)) is not None:
                self.notes.append(advice)
        if (elsewhere := third_party_note(config)) is not None:
            self.notes.append(elsewhere)
        for note in self.notes if self.log_findings else ():
            log.info(note)  # advice, not a problem in the content: a preview without an address may pass --strict
        return config

    def use_corpus(self, corpus: Corpus, config: MkDocsConfig, memo: LoadMemo | None = None) -> None:
        """Check `corpus` and make from it everything pages are read and rendered with: a build's corpus, or the
        one `kbgen serve` patched (kbgen.publishing.patch), so both go through exactly the same steps. `memo`
        answers for the links an earlier run read, and keeps this run's until the caller saves it."""
        self.corpus = corpus
        root, docs = Path(config.config_file_path or ".").parent, Path(config.docs_dir)
        checks = CheckContext(
            corpus, self.kb, self.today.date, root, docs, synonyms=self.synonyms, jobs=self.jobs, memo=memo
        )
        self._unchecked = checks  # run once the pages are out (finish_checks): no page shows a finding
        self._translations_of = checks
        self._translation_entries = None
        self.articles_by_uri = {str(a.source.rel): a for a in corpus.articles}
        self.tree = SiteTree(corpus, self.kb.default_language)
        self._related_index = None
        self.search = SearchCollector(self.tree, self.search_process)
        self.links = SiteLinks(checks.site_map, self.articles_by_uri, corpus.written_sections())

    def finish_checks(self) -> list[Finding]:
        """Every finding of the build's content: the checks `use_corpus` set up, run on first call.

        Nothing a page shows depends on a finding, so a build runs them after its pages are written, while its
        search process indexes (on_post_build): half a second at 10,000 articles off the path a one-edit
        rebuild waits on. Whoever reads the findings calls this first; a failed build too."""
        if self._unchecked is not None or self._checking is not None:
            checks, self._unchecked = self._unchecked, None
            checking, self._checking = self._checking, None
            self.findings = checking.result() if checking is not None else run_checks(checks) if checks else []
            for finding in self.findings if self.log_findings else ():
                (log.error if finding.severity is Severity.ERROR else log.warning)(one_line(finding.format()))
        return self.findings

    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files:
        files = restrict_files(
            files, self.corpus, self.links.site, self.tree, config, self._chrome()["site_name"], self.kb.social_image
        )
        for stray in drop_theme_strays(files, config):
            self.notes.append(unpublished_note(stray))
            if self.log_findings:
                log.warning(self.notes[-1])
        add_brand_stylesheet(files, self.kb, config)
        minify_search_scripts(files, config)
        if self.kb.dashboard:
            add_dashboard(files, self.corpus, self.kb, self.today, config)
        return self.links.add_redirect_pages(files, config)

    def on_nav(self, nav: Navigation, *, config: MkDocsConfig, files: Files) -> Navigation:
        self.nav = shape_nav(nav, self.tree, self.kb)
        if self.incremental is not None:
            self.incremental.plan_reading(files, self.corpus)
        return self.nav

    def on_page_markdown(self, markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        # first: the body and metadata kbgen parsed and validated replace MkDocs' own reading of the file
        markdown = confinement.page_markdown(markdown, page, self.corpus, self.kb, changed=self.changed)
        parts = PurePosixPath(page.file.src_uri).parts
        page.meta["kb_lang"] = parts[0] if len(parts) > 1 else self.kb.default_language
        page.meta.pop("status", None)  # kbgen's publication status, not material's page-status badge
        kind = section_kind(page.file.src_uri)
        if kind == "section":
            page.meta["template"] = "kb_category.html"
        elif kind is not None:
            page.meta["template"] = "kb_home.html"
            page.meta["hide"] = ["navigation", "toc"]
        return markdown

    def on_page_content(self, html: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        # links first (they only retarget hrefs), then the sanitiser has the last word on the HTML;
        # search indexes exactly the sanitised text customers see
        lang = page.meta.get("kb_lang") or self.kb.default_language
        html = localize_permalinks(localize_admonitions(html, lang), lang)
        html = hide_decorative_icons(label_task_checkboxes(html))  # what a screen reader says of them
        html = escaping.sanitize_content(self.links.rewrite(html, page.file.src_uri))
        if section_kind(page.file.src_uri) is not None:
            html = intro_html(html)  # a home's or section's text: no second H1, no empty intro element
        article = self.articles_by_uri.get(page.file.src_uri)
        if article is not None and self.tree.section_of(article) is not None:
            self.texts[page.file.src_uri] = html_to_text(html)
        self.meta_read[page.file.src_uri] = dict(page.meta)
        return html

    def page_state(self, src_uri: str) -> tuple[str | None, dict[str, Any] | None, bool]:
        """What reading one page left in this plugin, for a page read in another process (build_loop)."""
        return self.texts.get(src_uri), self.meta_read.get(src_uri), src_uri in self.changed

    def restore_page_state(self, src_uri: str, state: tuple[str | None, dict[str, Any] | None, bool]) -> None:
        text, meta, changed = state
        if text is not None:
            self.texts[src_uri] = text
        if meta is not None:
            self.meta_read[src_uri] = meta
        if changed:
            self.changed.add(src_uri)

    def on_env(self, env: Environment, *, config: MkDocsConfig, files: Files) -> Environment:
        self._collect_search(files)  # from the articles, the pages' URLs and the texts: nothing below changes them
        self.search_reuse = SearchReuse.of(self.incremental) if self.incremental is not None else None
        rebuild = self.incremental is not None and self.incremental.previous is not None
        if rebuild:
            # every page's search text is known (a page read late below is one whose text did not change): a
            # rebuild indexes first, in another process while this one decides what to write and writes it
            earlier = self.search_reuse.earlier if self.search_reuse is not None else None
            synonyms = self.synonyms.by_language()
            site_dir = Path(config.site_dir)
            self.search.start(self.kb, synonyms, self.search_reuse, self.term_store, earlier, self.afresh, site_dir)
        if self.incremental is not None:
            self.incremental.restore_unread(files)
        escaping.escape_site_text(self.nav, files, self.articles_by_uri)  # after every page is read, before any render
        if self.incremental is not None:
            self.incremental.texts = self.texts
            # A rebuild shares the views among processes and keeps none: the few pages it writes get theirs when
            # rendered (on_page_context). A first build needs them all here, so works them out once, here.
            workers = worker_count(self.jobs, len(files.documentation_pages())) if rebuild else 1
            states = {rel: repr(sorted(entry.as_dict().items())) for rel, entry in self.translation_entries.items()}
            late = self.incremental.plan_writing(files, self.nav, self._kept_view, self.meta_read, workers, states)
            for file in late:  # unchanged, but shown differently (a new neighbour title, a new listing): read now
                assert file.page is not None
                read_page(file.page, config, files)
                escaping.escape_page(file.page, self.articles_by_uri.get(file.src_uri))
                self.views[file.src_uri] = self._view(file.page)
            self.incremental.forget(self.changed)  # every page is read by now
            self.incremental.start_linking(Path(config.site_dir))
        self.env, self.files = env, files  # on_post_build renders each language's 404 page with them
        # the search form is on every page, 404 included: it looks its text up by the page's language
        env.globals.update(
            kb_strings=i18n.strings,
            kb_script_strings=lambda lang: search_script_data(self.kb, lang),
            kb_csp=site_policy(self.kb.feedback_url),
            kb_nav_items=nav_html.draw,
            kb_opening_heading=split_opening_heading,
            kb_once=TemplateMemo(),
        )
        env.globals["kb_seo"] = social.site_tags(self.kb, config, self.site_url)
        if self.template_cache is not None:
            env.bytecode_cache = self.template_cache
        if not rebuild:  # a first build works out every view first, one core's work: then it renders on both
            self.search.start(self.kb, self.synonyms.by_language(), None, self.term_store)
        return env

    def collect_search(self, files: Files) -> list[SearchDocument]:
        """A fresh collector's search documents (kbgen serve's patches: kbgen.publishing.patch)."""
        self.search = SearchCollector(self.tree)
        self._collect_search(files)
        return self.search.documents

    def _collect_search(self, files: Files) -> None:
        """Search documents in page order, from this build's reading or, for a page not read, the cache."""
        for file in files.documentation_pages():
            if file.page is None:
                continue
            text = self.texts.get(file.src_uri)
            if text is None and self.incremental is not None:
                text = self.incremental.text_of(file.src_uri)
            article = self.articles_by_uri.get(file.src_uri)
            if text is not None and article is not None:
                self.search.add_text(article, file.page.url, text)

    def on_build_error(self, *, error: Exception) -> None:
        # nothing may go on writing into the folder the failed build removes
        self.search.stop()
        if self.incremental is not None:
            with contextlib.suppress(OSError):
                self.incremental.finish_linking()

    def on_post_build(self, *, config: MkDocsConfig) -> None:
        self.finish_checks()  # while the search process indexes: the write below waits for it
        if self.env is not None and self.nav is not None and self.files is not None:
            for lang in self.tree.languages:
                chrome = self._chrome(lang)
                context = {"kb": views.not_found_view(self.tree, lang), "kb_chrome": chrome}
                context["config"] = PageConfig(config, chrome)  # type: ignore[assignment]
                not_found.write_page(self.env, config, self.nav, self.files, lang, context, escaping.finish_page)
        robots = seo.robots_txt(self.site_url, noindex=self.kb.dashboard)
        (Path(config.site_dir) / "robots.txt").write_text(robots, encoding="utf-8")
        synonyms = self.synonyms.by_language()
        self.search.write(
            Path(config.site_dir), self.kb, synonyms, self.search_reuse, self.term_store, self.while_indexing
        )
        if self.incremental is not None:
            self.incremental.finish_linking()

    def reuses_template(self, template_name: str, config: MkDocsConfig) -> bool:
        """The sitemap of a rebuild in which no page it lists moved, appeared, went or changed its date or
        translations is the previous build's, byte for byte: linked from there, not rendered again (half a second
        at 10,000 articles; kbgen.mkdocs_plugin.build_loop asks)."""
        if template_name != "sitemap.xml" or self.incremental is None:
            return False
        return self.incremental.reuse_site_files(Path(config.site_dir), seo.SITEMAP_FILES)

    def on_template_context(
        self, context: TemplateContext, *, template_name: str, config: MkDocsConfig
    ) -> TemplateContext:
        if template_name == "404.html":  # the site's own 404, served for any missing address: every language
            context["kb"] = views.not_found_view(self.tree, self.kb.default_language, root=True)  # type: ignore[typeddict-unknown-key]
            context["kb_chrome"] = self._chrome()  # type: ignore[typeddict-unknown-key]
            context["config"] = PageConfig(config, self._chrome())  # type: ignore[typeddict-item]
        if template_name == "sitemap.xml" and not self.kb.dashboard:  # an internal build lists nothing
            entries = seo.sitemap_entries(self.tree, self.kb.default_language, self.site_url)
            context["kb_sitemap"] = entries  # type: ignore[typeddict-unknown-key]
        return context

    def on_page_context(
        self, context: TemplateContext, *, page: Page, config: MkDocsConfig, nav: Navigation
    ) -> TemplateContext:
        view = self.views[page.file.src_uri] if page.file.src_uri in self.views else self._view(page)
        context["kb"] = view  # type: ignore[typeddict-unknown-key]
        chrome = self._chrome(page.meta.get("kb_lang"))
        context["kb_chrome"] = chrome  # type: ignore[typeddict-unknown-key]
        context["config"] = PageConfig(config, chrome)  # type: ignore[typeddict-item]
        return context

    def on_post_page(self, output: str, *, page: Page, config: MkDocsConfig) -> str:
        return escaping.finish_page(output)

    def on_post_template(self, output_content: str, *, template_name: str, config: MkDocsConfig) -> str:
        return escaping.finish_page(output_content)

    def _kept_view(self, page: Page) -> dict[str, Any] | None:
        """A page's view, kept for its rendering (in a worker process the copy kept is that worker's own)."""
        view = self.views[page.file.src_uri] = self._view(page)
        return view

    def _view(self, page: Page) -> dict[str, Any] | None:
        src_uri = page.file.src_uri
        parts = PurePosixPath(src_uri).parts
        default = self.kb.default_language
        if src_uri in self.articles_by_uri:
            article = self.articles_by_uri[src_uri]
            entry = self.translation_entries.get(src_uri)
            related = self._related(page, article)
            return views.article_view(self.tree, article, self.kb, self.today.date, self.site_url, entry, related)
        kind = section_kind(src_uri)
        if kind == "root":
            names = {lang: self._chrome(lang)["site_name"] for lang in self.tree.languages}
            return views.root_view(self.tree, default, names, self.site_url)
        if kind == "home":
            return views.home_view(self.tree, parts[0], default, self.site_url)
        if kind == "section":
            return views.section_view(self.tree, parts[0], tuple(parts[1:-1]), self.site_url, default)
        return None

    def _related(self, page: Page, article: Article) -> list[Article]:
        """Related articles, unless the writer wrote that section themselves."""
        if self.incremental is not None:
            headings = self.incremental.headings(page)
        else:
            headings = [html.unescape(str(item.title)) for item in escaping.walk_toc(page.toc)]
        return [] if written_by_hand(headings, article.lang) else self.related.of(article)

    def _chrome(self, lang: str | None = None) -> dict[str, Any]:
        """The page language's header, footer and site text; the default language's for a language kbgen lacks."""
        return self.chrome.get(lang or "", self.chrome.get(self.kb.default_language, {}))
