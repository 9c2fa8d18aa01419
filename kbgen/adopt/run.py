"""Adopts a whole source tree: walks it, maps and writes each file, copies assets, and gathers the outcome.

The tree is kept as it is (same folders, same file names), so every relative link and image path keeps
pointing where it did. DocFX include directives are expanded (kbgen.adopt.includes) and include sources (files
only included, and files in an `includes` folder) are not adopted as pages (kbgen.adopt.include_plan). The
source is only read. Nothing that already exists in the target is replaced: each file is written beside its
final name and hard-linked into place, which fails rather than overwrites.
"""

from __future__ import annotations

import dataclasses
import os
import stat
import tempfile
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

import yaml

from kbgen.adopt.categories import Categories, is_category_file, read_categories
from kbgen.adopt.codeowners import CodeOwners, find_codeowners
from kbgen.adopt.compose import ComposeError, compose
from kbgen.adopt.git_history import GitHistory, read_history
from kbgen.adopt.include_plan import plan_includes
from kbgen.adopt.includes import USES_INCLUDES, Expander
from kbgen.adopt.mapping import RENAME_PREFIX, Mapped, Note, Options, RepoFacts, map_file
from kbgen.adopt.section_pages import destination, has_index
from kbgen.adopt.site_links import SiteLinks, count_root_links
from kbgen.adopt.source_file import SourceFile, split_source
from kbgen.adopt.toc import SectionName, Tocs, read_tocs
from kbgen.adopt.tree_paths import TreePaths
from kbgen.config.settings import KbConfig
from kbgen.loading.loader import ASSET_EXTENSIONS
from kbgen.loading.path_safety import name_problem, special_file, url_problem
from kbgen.loading.schema import ARTICLE_KEYS
from kbgen.model import Finding
from kbgen.temp_names import beside


class AdoptError(Exception):
    """A tool failure (bad folders): nothing was written."""


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
    includes_expanded: int = 0  # DocFX [!INCLUDE] directives replaced by their text in adopted files
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

    def of_kind(self, kind: str) -> list[Note]:
        return [note for note in self.notes if note.kind == kind]

    @property
    def clean(self) -> bool:
        return not self.notes


@dataclass(slots=True)
class _Repo:
    history: GitHistory
    codeowners: CodeOwners | None
    expander: Expander
    paths: TreePaths
    tocs: Tocs
    categories: Categories
    site_links: SiteLinks | None = None
    files: frozenset[PurePosixPath] = frozenset()  # every file of the source, from its top

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
    history = read_history(source)
    codeowners = find_codeowners(history.top) if history.top is not None else None
    files = source_files(source)
    paths = TreePaths(PurePosixPath(source.absolute().as_posix()), files)
    expander, plan = plan_includes(source, files, paths)
    published = options.published_at
    adopted = [destination(rel, files) for rel in files if rel not in plan]
    site_links = SiteLinks(published, adopted) if published else None
    tocs = read_tocs(source, files)
    categories = read_categories(source, files)
    repo = _Repo(history, codeowners, expander, paths, tocs, categories, site_links, frozenset(files))
    outcome = Outcome(source, target, history=history.problem, codeowners=codeowners.display if codeowners else "")
    for rel, line, message in [*tocs.problems, *categories.problems]:
        outcome.notes.append(Note("toc", (source / rel).as_posix(), line, message))
    outcome.tocs_read = len(tocs.read)
    outcome.categories_read = len(categories.read)
    for rel in files:
        if rel in plan.included:
            outcome.fragments += 1
            continue
        if rel in plan.unused:
            outcome.unused_includes.append((source / rel).as_posix())
            continue
        _adopt_one(outcome, repo, rel, config, options, target_display)
    pages = [rel for rel in files if rel.suffix.lower() == ".md" and rel not in plan]
    names = {**categories.sections, **tocs.sections}  # a TOC naming a folder is the tree's own sidebar: it wins
    _name_sections(outcome, names, set(files), pages, options, target_display)
    return outcome


def _name_sections(
    outcome: Outcome,
    names: dict[PurePosixPath, SectionName],
    files: set[PurePosixPath],
    pages: list[PurePosixPath],
    options: Options,
    target_display: str,
) -> None:
    """Write an index.md with the title and order a TOC or a category file gives each folder that holds an adopted
    page and has none: the source's own index.md is adopted instead, and one already in the content folder is
    kept."""
    for folder, name in sorted(names.items()):
        index = folder / "index.md"
        if not any(folder in page.parents for page in pages) or has_index(folder, files):
            continue
        path = outcome.target / index
        if path.exists() or path.is_symlink():
            outcome.toc_kept.append(f"{target_display}{index}")
            continue
        fields = {"title": name.title, "order": name.order, "summary": name.summary}
        said = {key: value for key, value in fields.items() if value not in ("", None)}
        data = yaml.safe_dump(said, allow_unicode=True, sort_keys=False)
        if _write_new(outcome, path, f"{target_display}{index}", f"---\n{data}---\n".encode(), options):
            outcome.sections += 1
            if is_category_file(name.toc):
                outcome.category_sections += 1
            else:
                outcome.toc_sections += 1


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
    if any(part.startswith(".") for part in rel.parts):
        outcome.notes.append(Note("left-out", display, 0, "a hidden file; kbgen never publishes dot-files"))
        return
    suffix = rel.suffix.lower()
    if rel in repo.tocs.seen or rel in repo.categories.seen:
        return  # read for its section names: the summary counts them, or names what was wrong
    if suffix != ".md" and suffix not in ASSET_EXTENSIONS:
        message = f"kbgen does not publish '{rel.suffix or rel.name}' files; not carried"
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
    if suffix != ".md":
        if _write_new(outcome, outcome.target / rel, f"{target_display}{rel}", data, options):
            outcome.assets += 1
        return
    _adopt_markdown(outcome, repo, rel, data, config, options, target_display)


def refused_name(rel: PurePosixPath) -> str | None:
    """Why the loader would refuse a file by its name alone (adopted, it would only fail `kbgen check`), or None:
    a name Windows or macOS cannot check out (KB142), a page's name its address cannot carry (KB146), or a page
    named '.MD' (KB134)."""
    page = rel.suffix.lower() == ".md"
    for part in rel.parts:
        problem = name_problem(part) or (url_problem(part) if page else None)
        if problem:
            return f"'{part}' {problem}"
    if page and rel.suffix != ".md":
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
    source = _point_tree_paths(outcome, repo.paths, rel, source)
    expanded, left = 0, 0
    if USES_INCLUDES.search(data):
        source, expanded, left = _expand(outcome, repo.expander, rel, source)
    if repo.site_links is not None:
        source = _point_site_links(outcome, repo.site_links, rel, source)
    else:
        found = count_root_links(source.text_body)
        outcome.root_links += found
        outcome.root_link_pages += found > 0
    dest = destination(rel, repo.files)
    kind = _kind(dest)
    mapped = map_file(source, display, dest, kind, config, options, repo.facts(path))
    try:
        written = compose(source, mapped, display)
    except ComposeError as exc:
        outcome.notes.append(Note("left-out", display, 0, f"{exc}; not adopted, adopt this file by hand"))
        return
    outcome.notes.extend(mapped.notes)
    if not _write_new(outcome, outcome.target / dest, f"{target_display}{dest}", written, options):
        return
    if kind == "article":
        outcome.articles += 1
    else:
        outcome.sections += 1
    outcome.origins.update((key, origin) for key, origin in mapped.origins.items())
    outcome.foreign_keys.update(_foreign(source.fields, mapped))
    outcome.includes_expanded += expanded
    outcome.includes_left += left


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


def _write_new(outcome: Outcome, path: Path, display: str, data: bytes, options: Options) -> bool:
    """Create `path` with `data` unless something is already there; a refusal is a note, never an overwrite."""
    if path.exists() or path.is_symlink():
        outcome.notes.append(Note("refused", display, 0, "already exists; not overwritten (move it away to adopt)"))
        return False
    if options.dry_run:
        return True
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        _create(path, data)
    except FileExistsError:
        outcome.notes.append(Note("refused", display, 0, "already exists; not overwritten (move it away to adopt)"))
        return False
    except OSError as exc:
        outcome.notes.append(Note("refused", display, 0, f"cannot write it: {exc.strerror or exc}"))
        return False
    return True


def _create(path: Path, data: bytes) -> None:
    """Written in full beside the final name, then hard-linked into place: a crash never leaves half a file,
    and a name taken meanwhile raises FileExistsError instead of being replaced."""
    fd, tmp = tempfile.mkstemp(prefix=beside(path.name, ".kbgen-tmp"), suffix=".kbgen-tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        try:
            os.link(tmp, path)
        except FileExistsError:
            raise
        except OSError:  # a file system without hard links: exclusive create is the next safest
            with path.open("xb") as handle:
                handle.write(data)
    finally:
        Path(tmp).unlink(missing_ok=True)
