"""Maps MkDocs files and nav onto the corpus: what is published, which pages kbgen generates, nav titles."""

from __future__ import annotations

from pathlib import PurePosixPath

import yaml
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files
from mkdocs.structure.nav import Link, Navigation, Section
from mkdocs.structure.pages import Page

from kbgen.config.settings import KbConfig
from kbgen.links import publication
from kbgen.links.site_map import SiteMap
from kbgen.model import Corpus
from kbgen.render import views
from kbgen.render.i18n import language_name, strings


def published_sources(corpus: Corpus, site: SiteMap, config: MkDocsConfig) -> frozenset[str]:
    """Every source file a customer may see (kbgen.links.publication), plus the logo and favicon if they are content."""
    named = {config.theme.get(key) for key in ("logo", "favicon")}
    return publication.published_sources(corpus, site, frozenset(str(name) for name in named if isinstance(name, str)))


def generated_sections(corpus: Corpus, default: str) -> dict[str, str]:
    """Home, language and category pages the writer did not write, as `src_uri -> markdown`."""
    pages = {"index.md": ""}
    for lang in views.languages(corpus, default):
        pages[f"{lang}/index.md"] = _front_matter(language_name(lang))
        for category in views.categories(corpus, lang):
            pages[f"{lang}/{category}/index.md"] = _front_matter(views.category_title(corpus, lang, category))
    return pages


def _front_matter(title: str) -> str:
    return "---\n" + yaml.safe_dump({"title": title}, allow_unicode=True) + "---\n"


def restrict_files(files: Files, corpus: Corpus, site: SiteMap, config: MkDocsConfig, default: str) -> Files:
    """Drop every documentation file kbgen did not accept, then add the section pages nobody wrote."""
    allowed = published_sources(corpus, site, config)
    docs_dir = PurePosixPath(config.docs_dir)
    for file in list(files):
        if file.abs_src_path is None or not _inside(PurePosixPath(file.abs_src_path), docs_dir):
            continue  # theme files and generated files are not content
        if file.src_uri not in allowed:
            files.remove(file)
    for src_uri, content in generated_sections(corpus, default).items():
        if files.get_file_from_path(src_uri) is None:
            files.append(File.generated(config, src_uri, content=content))
    return files


def _inside(path: PurePosixPath, folder: PurePosixPath) -> bool:
    return path == folder or folder in path.parents


def shape_nav(nav: Navigation, corpus: Corpus, kb: KbConfig) -> Navigation:
    """Language folders show their own names, default first; categories show their titles and a bounded list.

    With `navigation.prune` each page still carries its own category's whole list, so a 500-article category
    would put 500 links on each of its 500 pages; past `nav_articles_per_category` the list ends with a link to
    the category page, which lists them all.
    """
    order = {lang: i for i, lang in enumerate(views.languages(corpus, kb.default_language))}
    for item in nav.items:
        if not isinstance(item, Section):
            continue
        lang = _section_folder(item)
        if lang is None:
            continue
        item.title = language_name(lang)
        for child in item.children:
            if isinstance(child, Section):
                category = _section_folder(child, depth=1)
                if category:
                    child.title = views.category_title(corpus, lang, category)
                    _bound_articles(child, lang, category, kb.nav_articles_per_category)
    nav.items.sort(key=lambda i: (isinstance(i, Section), order.get(_section_folder(i) or "", len(order))))
    return nav


def _bound_articles(section: Section, lang: str, category: str, limit: int) -> None:
    articles = [child for child in section.children if not (isinstance(child, Page) and child.is_index)]
    if len(articles) <= limit:
        return
    for dropped in articles[limit:]:
        section.children.remove(dropped)
    more = Link(strings(lang)["all_articles"].format(n=len(articles)), f"{lang}/{category}/")
    more.parent = section
    section.children.append(more)


def _section_folder(item: object, depth: int = 0) -> str | None:
    """The folder a nav section stands for, read from the first page under it."""
    stack = [item]
    while stack:
        node = stack.pop(0)
        file = getattr(node, "file", None)
        if file is not None:
            parts = PurePosixPath(file.src_uri).parts
            return parts[depth] if len(parts) > depth + 1 else None
        stack.extend(getattr(node, "children", None) or [])
    return None


def section_kind(src_uri: str) -> str | None:
    """`root` (index.md), `home` (<lang>/index.md), `category` (<lang>/<cat>/index.md), or None for other pages."""
    parts = PurePosixPath(src_uri).parts
    if parts[-1] != "index.md" or len(parts) > 3:
        return None
    return ("root", "home", "category")[len(parts) - 1]
