"""A GitBook tree adopted as kbgen's tree: its README.md files as folder pages, `.gitbook/assets/` made visible,
and SUMMARY.md's order and names.

A tree is GitBook's when `.gitbook.yaml` or its SUMMARY.md is at the top. There, a folder's `README.md` is the
folder's own page (the book's first page, `README.md` or `structure.readme`, is the home), so it is adopted as the
folder's `index.md`, unless the folder has an `index.md` already; in any other tree a README.md stays an article
(Microsoft Learn's describes the repository). GitBook keeps every uploaded image and file in `.gitbook/assets/`,
which kbgen, publishing no dot-folder, would leave out: its files are adopted into `assets/` beside the book's
first page (`gitbook-assets/` when the tree has an `assets` folder, or the content folder other files under their
names). Links to either are rewritten as links to any file adopted under another name are
(kbgen.adopt.page_addresses).
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from kbgen.adopt.gitbook_config import CONFIG_NAME, README, SUMMARY, GitBookConfig, read_config
from kbgen.adopt.gitbook_summary import Summary, read_summary
from kbgen.adopt.section_pages import has_index
from kbgen.adopt.toc import file_problem
from kbgen.loading.frontmatter import decode

ASSETS = PurePosixPath(".gitbook/assets")
BOOK_INCLUDES = PurePosixPath(".gitbook/includes")  # reusable content, expanded where `{% include %}` names it
ASSETS_NAME = "assets"


@dataclass(slots=True)
class GitBook:
    """How a GitBook tree's files are placed; `problems` are (file, line, message) in its two structure files."""

    config: GitBookConfig
    assets: PurePosixPath  # `.gitbook/assets` of the book, from the tree's top
    visible_assets: PurePosixPath  # where its files are adopted
    folder_pages: dict[PurePosixPath, PurePosixPath]  # a README (as adopted) -> the index.md it is adopted as
    summary: Summary = field(default_factory=Summary)
    seen: set[PurePosixPath] = field(default_factory=set)  # .gitbook.yaml and SUMMARY.md: read, not adopted
    summary_read: bool = False
    problems: list[tuple[PurePosixPath, int, str]] = field(default_factory=list)

    def place(self, name: PurePosixPath) -> PurePosixPath:
        """Where a file, adopted as `name` before GitBook's renames, is written."""
        if self.assets in name.parents:
            return self.visible_assets / name.relative_to(self.assets)
        return self.folder_pages.get(name, name)

    def carries(self, rel: PurePosixPath) -> bool:
        """Whether a file in a dot-folder is adopted all the same: one of `.gitbook/assets/`, itself not hidden."""
        return self.assets in rel.parents and not any(p.startswith(".") for p in rel.relative_to(self.assets).parts)


def find_gitbook(
    source: Path, files: Collection[PurePosixPath], named: Collection[PurePosixPath], target: Path
) -> GitBook | None:
    """The GitBook layout of the tree at `source`, or None when it is not a GitBook tree; `named` holds every file
    as it is adopted before kbgen's renames, `target` the content folder it is adopted into."""
    listed = set(files)
    config_file = PurePosixPath(CONFIG_NAME)
    config = read_config(source)
    if config_file not in listed and config.summary not in listed:
        return None
    readmes = {
        name: name.with_name("index.md")
        for name in named
        if _is_folder_page(name, config) and not has_index(name.parent, named)
    }
    assets = config.root / ASSETS
    book = GitBook(config, assets, _visible_assets(source, assets, files, named, target), readmes)
    book.problems.extend((config_file, line, message) for line, message in config.problems)
    if config_file in listed:
        book.seen.add(config_file)
    return book


def _is_folder_page(name: PurePosixPath, config: GitBookConfig) -> bool:
    if name.parent == config.root:
        return name == config.readme
    return name.name == README and (config.root == PurePosixPath(".") or config.root in name.parents)


def _visible_assets(
    source: Path,
    assets: PurePosixPath,
    files: Collection[PurePosixPath],
    named: Collection[PurePosixPath],
    target: Path,
) -> PurePosixPath:
    """`assets/` in the book's folder, or the first of `gitbook-assets/`, `gitbook-assets-2/`... that the tree has
    not and where the content folder holds no other file under one of the assets' names: nothing is replaced, and
    adopting the book again finds its own assets where it left them."""
    taken = {part for name in named for part in [*name.parents, name]}
    carried = [rel.relative_to(assets) for rel in files if assets in rel.parents]
    candidates = [ASSETS_NAME, "gitbook-assets", *(f"gitbook-assets-{n}" for n in range(2, 100))]
    for candidate in candidates:
        folder = assets.parent.parent / candidate
        clash = any(_differs(source / assets / name, target / folder / name) for name in carried)
        if folder not in taken and not clash:
            return folder
    raise AssertionError("a hundred asset folders taken")  # pragma: no cover


def _differs(source: Path, adopted: Path) -> bool:
    """Whether the content folder has a file (or anything else) at `adopted` other than the one at `source`."""
    if not adopted.exists() and not adopted.is_symlink():
        return False
    try:
        return adopted.is_symlink() or not adopted.is_file() or adopted.read_bytes() != source.read_bytes()
    except OSError:
        return True


def read_book_summary(
    book: GitBook, source: Path, files: Collection[PurePosixPath], folder_pages: Collection[PurePosixPath]
) -> None:
    """Read the book's SUMMARY.md (a problem when it cannot be read); `folder_pages` are the files adopted as a
    folder's index.md. Without one GitBook lists the tree as it is, and so does kbgen."""
    rel = book.config.summary
    if rel not in files:
        if rel != book.config.root / SUMMARY:  # named in .gitbook.yaml
            message = f"structure.summary names {rel}, which is not in the tree; pages are listed by title"
            book.problems.append((PurePosixPath(CONFIG_NAME), 0, message))
        return
    book.seen.add(rel)
    problem = file_problem(source / rel)
    if problem is not None:
        book.problems.append((rel, 0, f"{problem}; the pages are not placed"))
        return
    text, findings = decode((source / rel).read_bytes(), rel.as_posix())
    if text is None:
        book.problems.append((rel, findings[0].line, f"{findings[0].message}; the pages are not placed"))
        return
    book.summary = read_summary(text, rel, book.config.root, files, folder_pages)
    book.summary_read = True
    book.problems.extend((rel, line, message) for line, message in book.summary.problems)
