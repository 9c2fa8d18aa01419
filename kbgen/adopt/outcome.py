"""What one `kbgen adopt` run did and found: the counts and notes its summary is written from."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from kbgen.adopt.mapping import Note


@dataclass(slots=True)
class Outcome:
    """Everything `kbgen adopt` did and found, for the summary and the exit code."""

    source: Path
    target: Path
    articles: int = 0
    sections: int = 0
    assets: int = 0
    notes: list[Note] = field(default_factory=list)
    origins: Counter[tuple[str, str]] = field(default_factory=Counter)  # (field, origin) -> files
    foreign_keys: set[str] = field(default_factory=set)
    includes_expanded: int = 0  # DocFX [!INCLUDE] directives (GitBook's {% include %}) replaced by their text
    includes_left: int = 0  # directives left as written (each one's place is an "include" note)
    fragments: int = 0  # files only included, so not adopted as pages
    unused_includes: list[str] = field(default_factory=list)  # files in an includes/ folder nothing includes
    history: str = ""  # why git had nothing to say, if it did not
    codeowners: str = ""  # the CODEOWNERS file used, relative to the repository
    noted: set[Note] = field(default_factory=set)  # include notes already given
    links_into_tree: int = 0  # links to the published site made relative to an adopted file (--published-at)
    links_to_site: int = 0  # site-root links made absolute addresses on the published site (--published-at)
    root_links: int = 0  # site-root links left as written (no --published-at): the link check reports them
    root_link_pages: int = 0  # the pages that write them
    climbing_paths: int = 0  # relative paths out of the source folder and back in, now written from inside it
    case_paths: int = 0  # relative paths to a file in another letter case, now spelt as the file is
    paths_told: set[PurePosixPath] = field(default_factory=set)  # included files whose paths are counted
    tocs_read: int = 0  # DocFX TOC.yml files whose section names were read
    toc_sections: int = 0  # section index.md files written with a TOC's title and order
    toc_kept: list[str] = field(default_factory=list)  # index.md files a TOC names that were there already
    categories_read: int = 0  # Docusaurus _category_.json / .yml files whose section names were read
    category_sections: int = 0  # section index.md files written with a category file's title, order and summary
    mdx_pages: int = 0  # pages read as MDX (every .mdx, and a .md that imports or holds an mdx-code-block fence)
    mdx_statements: int = 0  # MDX import/export statements dropped
    mdx_blocks: int = 0  # mdx-code-block fences whose text was made the page's own
    tab_sets: int = 0  # Docusaurus <Tabs> made content tabs
    mdx_links: int = 0  # Docusaurus <Link to="..."> made Markdown links
    definition_lists: int = 0  # pages with a definition list (`Term` then `: definition`)
    shortcode_refs: int = 0  # Hugo ref/relref made relative paths
    shortcode_callouts: int = 0  # Hugo callout shortcodes made admonitions
    shortcode_code: int = 0  # Hugo highlight/code-toggle made code fences
    shortcode_figures: int = 0  # Hugo figures made Markdown images
    shortcode_details: int = 0  # Hugo details made collapsible notes
    gitbook_blocks: int = 0  # GitBook hints, tab sets, code titles, embeds, files and content refs converted
    gitbook_figures: int = 0  # GitBook's one-line <figure><img> made Markdown images
    address_links: int = 0  # links to a page's id, slug, alias or other name, now the relative path to its file
    redirects: int = 0  # Hugo aliases (GitBook's redirects) made redirect_from entries
    named_by_language: bool = False  # the tree names its files by language (`install.fr.md` beside `install.md`)
    renamed_by_language: int = 0  # files adopted under their name without the language (`install.md`)
    other_languages: dict[str, int] = field(default_factory=dict)  # pages left to other languages, by language
    locale_folders: dict[str, int] = field(default_factory=dict)  # VitePress'/Starlight's `zh/` beside the root: pages
    untagged_lang: str = ""  # the language taken for names that carry none
    translation_docs: str = ""  # a Docusaurus translation's default-language docs folder, whose categories name it
    translation_file: str = ""  # the current.json that translated their labels, if any
    translated_categories: int = 0  # category labels current.json translated
    default_categories: int = 0  # category files of the default language read
    gitbook: bool = False  # a GitBook tree (.gitbook.yaml or SUMMARY.md at its top)
    gitbook_summary: str = ""  # its SUMMARY.md, when it was read
    summary_entries: int = 0  # the entries of SUMMARY.md read
    summary_sections: int = 0  # the folders SUMMARY.md names
    mkdocs_nav: str = ""  # the summary's line on the MkDocs nav read, "" when none was
    myst_includes: int = 0  # MyST {include} and {literalinclude} directives replaced by the files' text
    myst_toctrees: str = ""  # the summary's line on a Sphinx tree's toctrees read, "" when none were
    gitbook_readmes: int = 0  # README.md files adopted as their folder's index.md
    gitbook_assets: int = 0  # files of .gitbook/assets/ adopted into a visible folder
    gitbook_assets_folder: str = ""  # that folder, from the language's top
    gitbook_unlisted: list[str] = field(default_factory=list)  # pages SUMMARY.md does not list
    hero_pages: int = 0  # VitePress home and Starlight splash pages whose hero and features became their text
    starlight_components: int = 0  # Starlight's <Aside>, <Steps>, <Card>, … and any <Badge> made Markdown
    code_groups: int = 0  # VitePress' `::: code-group`s made content tabs
    toc_markers: int = 0  # VitePress' `[[toc]]` made `[TOC]`
    code_imports: int = 0  # VitePress' `<<< @/x.js` expanded into fences
    myst_directives: int = 0  # MyST's ```{note}, :::{tab-item}, {code-block}, {figure}, … made Markdown
    myst_roles: int = 0  # MyST's {ref}, {doc}, {kbd}, … made links and text
    untranslated_links: int = 0  # a translation's links to files only the default language has, written to those

    def of_kind(self, kind: str) -> list[Note]:
        return [note for note in self.notes if note.kind == kind]

    @property
    def clean(self) -> bool:
        return not self.notes
