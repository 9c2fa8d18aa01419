"""Adopts a whole source tree: walks it, maps and writes each file, copies assets, and gathers the outcome.

The tree is kept as it is (same folders, same file names), so every relative link and image path keeps
pointing where it did. DocFX include directives, and GitBook's in a GitBook tree, are expanded
(kbgen.adopt.includes) and include sources (files only included, files in an `includes` folder, and GitBook's
`.gitbook/includes/`) are not adopted as pages (kbgen.adopt.include_plan). The
source is only read. Nothing that already exists in the target is replaced: each file is written beside its
final name and hard-linked into place, which fails rather than overwrites.
"""

from __future__ import annotations

import dataclasses
import os
import stat
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from kbgen.adopt import foreign_syntax
from kbgen.adopt.categories import Categories, read_categories
from kbgen.adopt.codeowners import CodeOwners, find_codeowners
from kbgen.adopt.compose import ComposeError, compose
from kbgen.adopt.docusaurus_i18n import point_untranslated, read_translated_categories
from kbgen.adopt.git_history import GitHistory, read_history
from kbgen.adopt.gitbook_config import CONFIG_NAME
from kbgen.adopt.gitbook_facts import count_gitbook_page, gitbook_facts, tell_gitbook
from kbgen.adopt.gitbook_redirects import BookRedirects, book_redirects
from kbgen.adopt.gitbook_tree import BOOK_INCLUDES, GitBook, find_gitbook, read_book_summary
from kbgen.adopt.hero_pages import hero_markdown
from kbgen.adopt.hugo_shortcodes import Resolve, ref_resolver
from kbgen.adopt.include_files import read_regular
from kbgen.adopt.include_plan import plan_includes
from kbgen.adopt.includes import USES_INCLUDES, Expander
from kbgen.adopt.mapping import RENAME_PREFIX, Mapped, Note, Options, RepoFacts, map_file
from kbgen.adopt.mkdocs_nav import MkDocsNav, find_mkdocs_nav, nav_facts, read_mkdocs_nav, tell_mkdocs_nav
from kbgen.adopt.multilingual import LanguageFoldersError, refuse_language_folders, tell_languages, tell_translated
from kbgen.adopt.myst_includes import included_pages
from kbgen.adopt.myst_roles import MystIndex
from kbgen.adopt.myst_toctree import Toctrees, read_toctrees, tell_toctrees, toctree_facts
from kbgen.adopt.myst_tree import read_myst_tree
from kbgen.adopt.outcome import Outcome
from kbgen.adopt.page_addresses import Addresses
from kbgen.adopt.page_languages import sort_by_language
from kbgen.adopt.section_names import name_sections
from kbgen.adopt.section_pages import PAGE_SUFFIXES, destination
from kbgen.adopt.site_links import SiteLinks, count_root_links
from kbgen.adopt.source_file import SourceFile, split_source
from kbgen.adopt.toc import SectionName, Tocs, read_tocs
from kbgen.adopt.tree_paths import TreePaths
from kbgen.adopt.writing import write_new
from kbgen.config.settings import KbConfig
from kbgen.loading.frontmatter import FieldValue
from kbgen.loading.loader import ASSET_EXTENSIONS
from kbgen.loading.path_safety import name_problem, special_file, url_problem
from kbgen.loading.render_budget import check_body
from kbgen.loading.schema import ARTICLE_KEYS
from kbgen.model import Finding

__all__ = ["AdoptError", "Outcome", "adopt_tree"]


class AdoptError(Exception):
    """A tool failure (bad folders): nothing was written."""


@dataclass(slots=True)
class _Repo:
    history: GitHistory
    codeowners: CodeOwners | None
    expander: Expander
    paths: TreePaths
    tocs: Tocs
    categories: Categories
    addresses: Addresses
    resolve: Resolve  # where a Hugo ref leads
    place: Callable[[PurePosixPath], PurePosixPath]  # where a file of the source is written, from the target's top
    named: frozenset[PurePosixPath]  # every file as it is adopted, before kbgen's own renames
    site_links: SiteLinks | None = None
    gitbook: GitBook | None = None  # the tree is a GitBook tree: its README files, assets and SUMMARY.md
    book_redirects: BookRedirects = dataclasses.field(default_factory=BookRedirects)  # .gitbook.yaml's, by page
    nav: MkDocsNav | None = None  # the tree is a MkDocs project's docs_dir: its mkdocs.yml's nav
    untranslated: Path | None = None  # a Docusaurus translation's default-language docs, for pages not translated
    default_lang: str = ""
    myst: MystIndex | None = None  # the tree is written in MyST: its pages' titles and labels
    toctrees: Toctrees | None = None  # a Sphinx tree's toctrees, read from its root page

    def facts(self, path: Path) -> RepoFacts:
        change = self.history.last_change(path)
        rel = self.history.relative(path)
        owner = self.codeowners.owner_of(rel) if self.codeowners is not None and rel is not None else None
        if owner is not None:
            name, line = owner
            origin = f"{self.codeowners.display if self.codeowners else 'CODEOWNERS'}:{line}"
            return RepoFacts(name, origin, change.committed if change else None)
        if change is not None:
            return RepoFacts(change.author_email, "git author", change.committed)
        return RepoFacts()


def source_files(root: Path) -> list[PurePosixPath]:
    """Every entry below the source, sorted; symbolic links are listed, never followed."""
    found: list[PurePosixPath] = []
    for folder, dirs, files in os.walk(root, followlinks=False):
        base = PurePosixPath(Path(folder).relative_to(root).as_posix())
        links = sorted(d for d in dirs if (Path(folder) / d).is_symlink())
        dirs[:] = sorted(d for d in dirs if d not in links)
        found.extend(base / name for name in [*links, *files])
    return sorted(found)


def check_folders(source: Path, target: Path) -> None:
    """Refuse overlapping folders: adopting into the source, or from the content folder into itself."""
    if not source.is_dir():
        raise AdoptError(f"{source} is not a folder")
    real_source, real_target = source.resolve(), target.resolve()
    if real_target == real_source or real_source in real_target.parents:
        raise AdoptError(f"the target {target} is inside the source {source}; the source must stay untouched")
    if real_target in real_source.parents:
        raise AdoptError(f"the source {source} is inside the target {target}; adopt from outside the content folder")


def adopt_tree(source: Path, target: Path, config: KbConfig, options: Options, target_display: str) -> Outcome:
    """Adopt every file below `source` into `target` (the `content/<lang>/` folder); raises AdoptError."""
    check_folders(source, target)
    every_file = source_files(source)
    try:
        refuse_language_folders(source, every_file, options.lang, (*config.languages, options.lang), target_display)
    except LanguageFoldersError as exc:
        raise AdoptError(str(exc)) from None
    history = read_history(source)
    codeowners = find_codeowners(history.top) if history.top is not None else None
    untagged = options.untagged_lang or config.default_language
    languages = sort_by_language(every_file, options.lang, untagged, (*config.languages, options.lang))
    files = [rel for rel in every_file if rel not in languages.skipped]
    names = [languages.name(rel) for rel in files]  # as adopted, before kbgen's own renames
    named = set(names)
    gitbook = find_gitbook(source, files, named, target)

    def place(rel: PurePosixPath) -> PurePosixPath:
        dest = destination(languages.name(rel), named)
        return gitbook.place(dest) if gitbook is not None else dest

    paths = TreePaths(PurePosixPath(source.absolute().as_posix()), files)
    resolve = ref_resolver({*files, *named}, place)

    def prepare(text: str, rel: PurePosixPath, first_line: int) -> str:
        return foreign_syntax.included_text(text, rel, first_line, resolve, gitbook is not None)

    book_includes = gitbook.config.root / BOOK_INCLUDES if gitbook is not None else None
    expander, plan = plan_includes(source, files, paths, book_includes, prepare)
    if gitbook is None:  # a MyST page's {include} of a page of the tree: its text goes in, it is no page
        adoptable = [rel for rel in files if refused_name(rel) is None]  # a refused page's includes reach no page
        plan.included |= included_pages(source, adoptable) - plan.needed
    published = options.published_at
    adopted = [place(rel) for rel in files if rel not in plan]
    pages = [rel for rel in files if rel.suffix.lower() in PAGE_SUFFIXES and rel not in plan]
    front = _front_matter(source, pages)
    addresses = Addresses(front, place, files, options.lang, served_at(source))
    site_links = SiteLinks(published, adopted, addresses) if published else None
    tocs = read_tocs(source, files)
    moved = BookRedirects()
    if gitbook is not None:
        read_book_summary(gitbook, source, set(files), {rel for rel in pages if place(rel).name == "index.md"})
        own = {rel for rel, fields in front.items() if "redirect_from" in fields}
        moved = book_redirects(gitbook.config.redirects, options.lang, set(pages), place, addresses, own)
        gitbook.problems.extend((PurePosixPath(CONFIG_NAME), line, message) for line, message in moved.problems)
    nav = find_mkdocs_nav(source) if gitbook is None else None  # a MkDocs site's docs/: mkdocs.yml's nav
    if nav is not None:
        read_mkdocs_nav(nav, source, set(files), {rel for rel in pages if place(rel).name == "index.md"})
    categories = read_categories(source, files)
    repo = _Repo(
        history, codeowners, expander, paths, tocs, categories, addresses, resolve, place, frozenset(named), site_links
    )
    repo.gitbook, repo.book_redirects, repo.nav = gitbook, moved, nav
    repo.myst = read_myst_tree(source, pages) if gitbook is None else None
    if repo.myst is not None and nav is None:
        md_pages = [rel for rel in pages if rel.suffix.lower() == ".md"]
        repo.toctrees = read_toctrees(source, md_pages, {rel for rel in pages if place(rel).name == "index.md"})
    translated = read_translated_categories(source)
    if translated is not None and translated.docs is not None and options.lang != config.default_language:
        repo.untranslated, repo.default_lang = translated.docs, config.default_language
    outcome = Outcome(source, target, history=history.problem, codeowners=codeowners.display if codeowners else "")
    for rel, line, message in [*tocs.problems, *categories.problems]:
        outcome.notes.append(Note("toc", (source / rel).as_posix(), line, message))
    outcome.tocs_read = len(tocs.read)
    summary_sections: dict[PurePosixPath, SectionName] = {}
    if gitbook is not None:
        tell_gitbook(outcome, gitbook)
        summary_sections = gitbook.summary.sections
    if nav is not None:
        tell_mkdocs_nav(outcome, nav)
        summary_sections = nav.summary.sections
    if repo.toctrees is not None:
        tell_toctrees(outcome, repo.toctrees)
        summary_sections = repo.toctrees.summary.sections
    outcome.categories_read = len(categories.read)
    tell_languages(outcome, languages, untagged)
    for rel in files:
        if rel in plan.included:
            outcome.fragments += 1
            continue
        if rel in plan.unused:
            outcome.unused_includes.append((source / rel).as_posix())
            continue
        _adopt_one(outcome, repo, rel, config, options, target_display)
    tell_translated(outcome, translated)
    # a TOC naming a folder is the tree's own sidebar: it wins; a Docusaurus translation's label, over its own file
    sections = {**categories.sections, **summary_sections, **tocs.sections}
    if translated is not None:
        sections = {**translated.untranslated, **categories.sections, **translated.sections, **tocs.sections}
    adopted_names = named | {place(rel) for rel in files}  # a GitBook README is its folder's index.md
    pages_named = [languages.name(rel) for rel in pages]
    name_sections(outcome, sections, adopted_names, pages_named, options, target_display)
    return outcome


def served_at(source: Path) -> str | None:
    """The tree's folder from the site's root when its site serves pages by their paths, so a link such as
    `/guide/intro` names `guide/intro.md`: VitePress' docs folder (the one holding `.vitepress/`) and Starlight's
    `src/content/docs/` ("" for either, the locale's name for a locale folder in one); None for any other tree."""
    for tree, prefix in ((source, ""), (source.parent, source.name)):
        if (tree / ".vitepress").is_dir() or tree.absolute().as_posix().endswith("/src/content/docs"):
            return prefix
    return None


def _front_matter(source: Path, pages: list[PurePosixPath]) -> dict[PurePosixPath, dict[str, FieldValue]]:
    """Each page's front matter, for the addresses it declares (one that cannot be read is reported when the
    page itself is adopted)."""
    found: dict[PurePosixPath, dict[str, FieldValue]] = {}
    for rel in pages:
        try:
            data = read_regular(source / rel)  # a named pipe would block: a page is read only when it is a file
        except OSError:
            continue
        read = split_source(data, rel.as_posix()) if isinstance(data, bytes) else None
        if isinstance(read, SourceFile):
            found[rel] = read.fields
    return found


def _adopt_one(
    outcome: Outcome, repo: _Repo, rel: PurePosixPath, config: KbConfig, options: Options, target_display: str
) -> None:
    path = outcome.source / rel
    display = (outcome.source / rel).as_posix()
    try:
        mode = path.lstat().st_mode
    except OSError as exc:
        outcome.notes.append(Note("left-out", display, 0, f"cannot read it: {exc.strerror or exc}"))
        return
    if stat.S_ISLNK(mode):
        outcome.notes.append(Note("left-out", display, 0, "a symbolic link; kbgen publishes no links, copy the file"))
        return
    special = special_file(mode)
    if special is not None:
        outcome.notes.append(Note("left-out", display, 0, f"not a regular file ({special}); nothing read from it"))
        return
    if repo.gitbook is not None and rel in repo.gitbook.seen:
        return  # read for the book's structure: the summary counts it, or names what was wrong
    carried = repo.gitbook is not None and repo.gitbook.carries(rel)
    if any(part.startswith(".") for part in rel.parts) and not carried:
        outcome.notes.append(Note("left-out", display, 0, "a hidden file; kbgen never publishes dot-files"))
        return
    suffix = rel.suffix.lower()
    if rel in repo.tocs.seen or rel in repo.categories.seen:
        return  # read for its section names: the summary counts them, or names what was wrong
    if suffix not in PAGE_SUFFIXES and suffix not in ASSET_EXTENSIONS:
        message = f"kbgen does not publish '{rel.suffix or rel.name}' files; not carried"
        if repo.myst is not None and rel.as_posix() == "conf.py":
            message = f"the Sphinx configuration (never read or run): {message}"
        outcome.notes.append(Note("left-out", display, 0, message))
        return
    refused = refused_name(rel)
    if refused is not None:
        outcome.notes.append(
            Note("left-out", display, 0, f"{refused}: kbgen check would refuse it; rename it, then adopt it")
        )
        return
    try:
        data = path.read_bytes()
    except OSError as exc:
        outcome.notes.append(Note("left-out", display, 0, f"cannot read it: {exc.strerror or exc}"))
        return
    if suffix not in PAGE_SUFFIXES:
        dest = repo.place(rel)  # `logo.fr.png` is the `logo.png` the pages name, as `x.fr.md` is `x.md`
        if write_new(outcome.notes, outcome.target, dest, f"{target_display}{dest}", data, options.dry_run):
            outcome.assets += 1
            outcome.gitbook_assets += carried
        return
    _adopt_markdown(outcome, repo, rel, data, config, options, target_display)


def refused_name(rel: PurePosixPath) -> str | None:
    """Why the loader would refuse a file by its name alone (adopted, it would only fail `kbgen check`), or None:
    a name Windows or macOS cannot check out (KB142), a page's name its address cannot carry (KB146), or a page
    named '.MD' (KB134); and an MDX page whose Markdown name is taken already."""
    page = rel.suffix.lower() in PAGE_SUFFIXES
    for part in rel.parts:
        problem = name_problem(part) or (url_problem(part) if page else None)
        if problem:
            return f"'{part}' {problem}"
    if page and rel.suffix not in PAGE_SUFFIXES:
        return f"'{rel.name}' ends in '{rel.suffix}'; kbgen reads only lower-case '.md'"
    return None


def _kind(rel: PurePosixPath) -> str:
    if rel.name != "index.md":
        return "article"
    return "home" if len(rel.parts) == 1 else "section"


def _adopt_markdown(
    outcome: Outcome,
    repo: _Repo,
    rel: PurePosixPath,
    data: bytes,
    config: KbConfig,
    options: Options,
    target_display: str,
) -> None:
    path = outcome.source / rel
    display = path.as_posix()
    source = split_source(data, display)
    if isinstance(source, Finding):
        outcome.notes.append(Note("left-out", display, source.line, f"{source.message}; not adopted"))
        return
    dest = repo.place(rel)
    if rel.suffix.lower() == ".mdx" and dest.suffix == ".md" and dest in repo.named:
        outcome.notes.append(Note("left-out", display, 0, f"{dest.name} is there too; adopt one of the two by hand"))
        return
    costly = check_body(source.text_body, source.body_line, display)
    expanded, left = 0, 0
    if costly:  # what check refuses to render, the converters below would also read for minutes: kept as written
        outcome.notes.append(Note("unmapped", display, costly[0].line, _KEPT_AS_WRITTEN.format(costly[0].message)))
    else:
        source, expanded, left = _convert_body(outcome, repo, rel, source, data)
    kind = _kind(dest)
    facts = repo.facts(path)
    if repo.gitbook is not None:
        facts = gitbook_facts(repo.gitbook, rel, kind, facts)
    elif repo.nav is not None:
        facts = nav_facts(repo.nav, rel, kind, facts)
    elif repo.toctrees is not None:
        facts = toctree_facts(repo.toctrees, rel, kind, facts)
    mapped = map_file(source, display, dest, kind, config, options, facts)
    _redirect(outcome, repo, rel, display, mapped)
    try:
        written = compose(source, mapped, display)
    except ComposeError as exc:
        outcome.notes.append(Note("left-out", display, 0, f"{exc}; not adopted, adopt this file by hand"))
        return
    if not write_new(outcome.notes, outcome.target, dest, f"{target_display}{dest}", written, options.dry_run):
        return  # its refusal is the note: what its front matter would have needed is moot
    outcome.notes.extend(mapped.notes)
    if kind == "article":
        outcome.articles += 1
    else:
        outcome.sections += 1
    if repo.gitbook is not None:
        count_gitbook_page(outcome, repo.gitbook, rel, dest, kind)
    outcome.origins.update((key, origin) for key, origin in mapped.origins.items())
    outcome.foreign_keys.update(_foreign(source.fields, mapped))
    outcome.includes_expanded += expanded
    outcome.includes_left += left


_KEPT_AS_WRITTEN = (
    "body kept as written, its links, includes, shortcodes and components not converted: {}; kbgen check reports "
    "it, fix it there"
)


def _convert_body(
    outcome: Outcome, repo: _Repo, rel: PurePosixPath, source: SourceFile, data: bytes
) -> tuple[SourceFile, int, int]:
    """The body with the source generator's syntax made kbgen's, and the includes expanded and left."""
    display = (outcome.source / rel).as_posix()
    mdx = foreign_syntax.is_mdx(rel, source)
    if mdx:
        source = foreign_syntax.drop_mdx_scripts(outcome, source)
        source = foreign_syntax.mdx_links(outcome, source)
    source = foreign_syntax.starlight_components(outcome, source, mdx)
    if repo.myst is not None:
        source = foreign_syntax.myst_syntax(outcome, display, rel, source, repo.myst)
    source = foreign_syntax.hugo_shortcodes(outcome, display, rel, source, repo.resolve)
    source = foreign_syntax.gitbook_blocks(outcome, display, source)
    source = foreign_syntax.vitepress_syntax(outcome, display, rel, source)
    source = _point_tree_paths(outcome, repo.paths, rel, source)
    expanded, left = 0, 0
    if USES_INCLUDES.search(data):
        source, expanded, left = _expand(outcome, repo.expander, rel, source)
    if repo.untranslated is not None:
        source = _point_untranslated(outcome, repo, rel, source)
    source = foreign_syntax.page_addresses(outcome, display, rel, source, repo.addresses)
    if repo.site_links is not None:
        source = _point_site_links(outcome, repo.site_links, rel, source)
    else:
        found = count_root_links(source.text_body)
        outcome.root_links += found
        outcome.root_link_pages += found > 0
    if mdx:
        source = foreign_syntax.mdx_components(outcome, display, source)
    foreign_syntax.count_definition_lists(outcome, source)
    return _with_hero(outcome, repo, rel, source), expanded, left


def _with_hero(outcome: Outcome, repo: _Repo, rel: PurePosixPath, source: SourceFile) -> SourceFile:
    """A VitePress home or Starlight splash page's hero and features written at the top of its body, their links
    pointed as the body's are; added last, so every note above names the body's lines as the source has them."""
    hero = hero_markdown(source.fields)
    if not hero:
        return source
    outcome.hero_pages += 1
    pointed = repo.addresses.point(hero, rel).text
    separator = "\n" if source.text_body.strip() else ""
    return foreign_syntax.with_text(source, pointed + separator + source.text_body.lstrip("\n"))


def _redirect(outcome: Outcome, repo: _Repo, rel: PurePosixPath, display: str, mapped: Mapped) -> None:
    """The page's Hugo aliases, and the GitBook redirects leading to it, as its `redirect_from`; each alias that
    cannot be one is noted (a GitBook redirect that cannot be, at its line in .gitbook.yaml)."""
    redirects = repo.addresses.redirects(rel)
    outcome.notes.extend(Note("address", display, line, message) for line, message in redirects.problems)
    moved = [entry for entry in repo.book_redirects.entries.get(rel, []) if entry not in redirects.entries]
    entries = [*redirects.entries, *moved]
    if entries:
        mapped.added.append(("redirect_from", entries))
        origins = [name for name, given in (("aliases", redirects.entries), (CONFIG_NAME, moved)) if given]
        mapped.origins["redirect_from"] = " and ".join(origins)
        outcome.redirects += len(entries)


def _expand(
    outcome: Outcome, expander: Expander, rel: PurePosixPath, source: SourceFile
) -> tuple[SourceFile, int, int]:
    """The source with its includes expanded (its newline style kept), each problem noted once wherever it is
    written (a directive in an included file is met once per page that includes it)."""
    expansion = expander.expand(rel, source.text_body, source.body_line)
    for problem in expansion.problems:
        _note_once(outcome, Note("include", (outcome.source / problem.rel).as_posix(), problem.line, problem.message))
    for used in sorted(expansion.used - outcome.paths_told):  # an included file's paths are told once
        outcome.paths_told.add(used)
        climbing, case, unmapped = expander.fragments.rewritten(used)
        outcome.climbing_paths += climbing
        outcome.case_paths += case
        outcome.notes.extend(Note("path", (outcome.source / used).as_posix(), p.line, p.message) for p in unmapped)
    if expansion.expanded:
        text = expansion.text
        body = text.replace("\n", source.newline).encode("utf-8")
        source = dataclasses.replace(source, text_body=text, body=body)
    return source, expansion.expanded, expansion.left


def _note_once(outcome: Outcome, note: Note) -> None:
    """A problem in an included file is met once per page that includes it, and said once."""
    if note not in outcome.noted:
        outcome.noted.add(note)
        outcome.notes.append(note)


def _point_tree_paths(outcome: Outcome, paths: TreePaths, rel: PurePosixPath, source: SourceFile) -> SourceFile:
    """The source with its paths out of the tree and back in written from inside it, and those to a file in
    another letter case spelt as the file is; climbing paths that cannot be mapped are noted."""
    rewritten = paths.rewrite(source.text_body, rel, source.body_line)
    display = (outcome.source / rel).as_posix()
    outcome.notes.extend(Note("path", display, path.line, path.message) for path in rewritten.unmapped)
    if not rewritten.climbing and not rewritten.case:
        return source
    outcome.climbing_paths += rewritten.climbing
    outcome.case_paths += rewritten.case
    body = rewritten.text.replace("\n", source.newline).encode("utf-8")
    return dataclasses.replace(source, text_body=rewritten.text, body=body)


def _point_untranslated(outcome: Outcome, repo: _Repo, rel: PurePosixPath, source: SourceFile) -> SourceFile:
    """A Docusaurus translation's links to pages and images only the default language has, written to its files."""
    assert repo.untranslated is not None
    fallen = point_untranslated(source.text_body, rel, repo.named, repo.untranslated, repo.default_lang, repo.place)
    outcome.untranslated_links += fallen.links
    return foreign_syntax.with_text(source, fallen.text)


def _point_site_links(outcome: Outcome, site_links: SiteLinks, rel: PurePosixPath, source: SourceFile) -> SourceFile:
    """The source with its links to the published site pointed where they lead once adopted."""
    rewritten = site_links.rewrite(source.text_body, rel)
    outcome.links_into_tree += rewritten.into_tree
    outcome.links_to_site += rewritten.to_site
    if rewritten.text == source.text_body:
        return source
    body = rewritten.text.replace("\n", source.newline).encode("utf-8")
    return dataclasses.replace(source, text_body=rewritten.text, body=body)


def _foreign(fields: Mapping[str, object], mapped: Mapped) -> set[str]:
    names = {mapped.renames.get(key, key) for key in fields}
    return {name for name in names if name not in ARTICLE_KEYS or name.startswith(RENAME_PREFIX)}
