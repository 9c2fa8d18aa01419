"""Maps MkDocs files and nav onto the corpus: what is published, which pages kbgen generates, nav titles."""

from __future__ import annotations

from pathlib import Path, PurePosixPath

import yaml
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files
from mkdocs.structure.nav import Link, Navigation, Section
from mkdocs.structure.pages import Page

from kbgen.config.settings import KbConfig
from kbgen.links import publication
from kbgen.links.site_map import SiteMap
from kbgen.links.theme_files import is_theme_asset
from kbgen.model import Corpus
from kbgen.render.i18n import language_name, strings
from kbgen.render.tree import Node, SiteTree


def published_sources(corpus: Corpus, site: SiteMap, config: MkDocsConfig, social_image: str = "") -> frozenset[str]:
    """Every source file a customer may see (kbgen.links.publication), plus the logo, favicon and the picture of a
    shared link (kbgen's social_image) if they are content."""
    named = {config.theme.get(key) for key in ("logo", "favicon")} | {social_image}
    return publication.published_sources(corpus, site, frozenset(str(name) for name in named if isinstance(name, str)))


def generated_sections(tree: SiteTree, site_name: str = "") -> dict[str, str | None]:
    """Home, language and section pages kbgen makes where the writer wrote none, as `src_uri -> title` (None: no
    front matter); the root (the language chooser) is titled with the site's name, not MkDocs' English "Home"."""
    pages: dict[str, str | None] = {"index.md": site_name or None}
    for node in tree.nodes.values():
        pages[node.source] = node.title
    return pages


def _front_matter(title: str | None) -> str:
    return "" if title is None else "---\n" + yaml.safe_dump({"title": title}, allow_unicode=True) + "---\n"


def restrict_files(
    files: Files,
    corpus: Corpus,
    site: SiteMap,
    tree: SiteTree,
    config: MkDocsConfig,
    site_name: str = "",
    social_image: str = "",
) -> Files:
    """Drop every documentation file kbgen did not accept, then add the section pages nobody wrote."""
    allowed = published_sources(corpus, site, config, social_image)
    docs_dir = PurePosixPath(config.docs_dir)
    for file in list(files):
        if file.abs_src_path is None or not _inside(file.abs_src_path, docs_dir):
            continue  # theme files and generated files are not content
        if file.src_uri not in allowed:
            files.remove(file)
    for src_uri, title in generated_sections(tree, site_name).items():
        if files.get_file_from_path(src_uri) is None:  # most sections have an index.md: no YAML made for them
            files.append(File.generated(config, src_uri, content=_front_matter(title)))
    return files


def drop_theme_strays(files: Files, config: MkDocsConfig) -> list[str]:
    """Remove the theme folders' files that no page loads (kbgen.links.theme_files); their paths as the maintainer
    knows them (relative to mkdocs.yml's folder when under it), sorted, to be named in a warning."""
    themes = set(config.theme.dirs)  # MkDocs adds a theme's files with its folder, as written, for `src_dir`
    root = Path(config.config_file_path or ".").parent.resolve()
    dropped = []
    for file in list(files):
        path = file.abs_src_path
        if file.src_dir not in themes or path is None or is_theme_asset(file.src_uri):
            continue  # one set lookup for each of a large site's pages
        files.remove(file)
        shown = Path(path).resolve()
        dropped.append(shown.relative_to(root).as_posix() if shown.is_relative_to(root) else shown.as_posix())
    return sorted(dropped)


def _inside(path: str, folder: PurePosixPath) -> bool:
    """Whether path is folder or below it, as PurePosixPath compares them; a file of a large site is one string
    comparison (a path that only the comparison of parts puts inside still is)."""
    if folder.name and path.startswith(f"{folder}/"):  # a root folder ("/", "//") is compared by parts
        return True
    parsed = PurePosixPath(path)
    return parsed == folder or folder in parsed.parents


def shape_nav(nav: Navigation, tree: SiteTree, kb: KbConfig) -> Navigation:
    """Languages show their own names, default first; every section shows its title and its children in the
    listing order (index page, subsections, articles), bounded.

    Pruned (kbgen turns `navigation.prune` on: theme.bound_navigation), each page still carries the lists of its
    own branch, so a 500-article section would put 500 links on each of its 500 pages; past
    `nav_articles_per_category` entries a list ends with a link to the section page, which lists them all.
    """
    order = {lang: i for i, lang in enumerate(tree.languages)}
    # The root is the language chooser: the language tabs already lead everywhere it does, and its tab could
    # only be titled in one language on pages of every language.
    nav.items = [item for item in nav.items if not (isinstance(item, Page) and item.file.src_uri == "index.md")]
    for item in nav.items:
        lang = _section_folder(item) if isinstance(item, Section) else None
        home = tree.home(lang) if lang else None
        if isinstance(item, Section) and lang and home:
            item.title = language_name(lang)
            _shape(item, home, None)
            for child in item.children:
                node = _node_of(child, home, tree)
                if isinstance(child, Section) and node is not None:
                    _shape_section(child, node, tree, kb.nav_articles_per_category)
    nav.items.sort(key=lambda i: (isinstance(i, Section), order.get(_section_folder(i) or "", len(order))))
    return nav


def _shape_section(item: Section, node: Node, tree: SiteTree, limit: int) -> None:
    item.title = node.title
    _shape(item, node, limit)
    for child in item.children:
        below = _node_of(child, node, tree)
        if isinstance(child, Section) and below is not None:
            _shape_section(child, below, tree, limit)


def _node_of(item: object, parent: Node, tree: SiteTree) -> Node | None:
    folder = _section_folder(item, depth=len(parent.path) + 1)
    return tree.node(parent.lang, (*parent.path, folder)) if folder else None


def _shape(item: Section, node: Node, limit: int | None) -> None:
    """Children in listing order; past `limit` entries (index page aside) an "All N articles" link ends them."""
    rank: dict[str, int] = {child.path[-1]: i for i, child in enumerate(node.children)}
    rank.update((str(article.source.rel), i) for i, article in enumerate(node.articles))

    def position(child: object) -> tuple[int, int]:
        if isinstance(child, Page):
            return (0, 0) if child.is_index else (2, rank.get(child.file.src_uri, len(rank)))
        if isinstance(child, Section):
            return (1, rank.get(_section_folder(child, depth=len(node.path) + 1) or "", len(rank)))
        return (3, 0)

    item.children.sort(key=position)
    entries = [child for child in item.children if not (isinstance(child, Page) and child.is_index)]
    if limit is None or len(entries) <= limit:
        return
    for dropped in entries[limit:]:
        item.children.remove(dropped)
    more = Link(strings(node.lang)["all_articles"].format(n=node.count), node.url)
    more.parent = item
    item.children.append(more)


def _section_folder(item: object, depth: int = 0) -> str | None:
    """The folder a nav section stands for, read from the first page under it."""
    stack = [item]
    while stack:
        node = stack.pop(0)
        file = getattr(node, "file", None)
        if file is not None:
            parts = file.src_uri.split("/")  # MkDocs' src_uri: always "/" between names, never "." or "" among them
            return parts[depth] if len(parts) > depth + 1 else None
        stack.extend(getattr(node, "children", None) or [])
    return None


def section_kind(src_uri: str) -> str | None:
    """`root` (index.md), `home` (<lang>/index.md), `section` (<lang>/<folder>/…/index.md: a category or a
    deeper section), or None for other pages."""
    parts = PurePosixPath(src_uri).parts
    if parts[-1] != "index.md":
        return None
    return ("root", "home")[len(parts) - 1] if len(parts) < 3 else "section"
