"""Decides, before anything is written, which Markdown files are include sources rather than pages.

Two kinds of file are include sources and are not carried as articles:

- a file whose text an `[!INCLUDE]` put into the pages that include it (adopted, each would be a bare page such
  as "Footer banner"); it stays a page when something else needs it: an ordinary link to it, a directive to it
  that could not be expanded (left as written, it is a link), or a `title` in its own front matter (an article
  that another one also includes);
- any file in a folder named `includes`, included or not: that is DocFX's convention, and Microsoft Learn's
  `docfx.json` leaves `**/includes/**` out of the build, so such a file was never a page. Only a link from a
  page (or a directive left as written) keeps one, since dropping it would break that link; a `title` does not
  (DocFX's include template writes `title: include file`). The ones nobody includes are listed in the summary,
  so a snippet never vanishes unsaid;
- in a GitBook tree, any file of `.gitbook/includes/` (GitBook's reusable content, each with a `title` that names
  it in GitBook's editor, never a page of the book): its `{% include %}` tags are expanded.
"""

from __future__ import annotations

import stat
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from kbgen.adopt.hugo_shortcodes import page_finder
from kbgen.adopt.include_files import Fragments, Prepare
from kbgen.adopt.includes import DIRECTIVE, GITBOOK_INCLUDE, USES_INCLUDES, Expander, directives
from kbgen.adopt.source_file import split_source
from kbgen.adopt.tree_links import linked_file
from kbgen.adopt.tree_paths import TreePaths
from kbgen.links.extract import extract_links
from kbgen.loading.render_budget import check_body
from kbgen.model import Finding

INCLUDES_FOLDER = "includes"


@dataclass(slots=True)
class IncludePlan:
    """The Markdown files not to carry as articles: those included somewhere, and those in an `includes` folder
    that nothing includes."""

    included: set[PurePosixPath] = field(default_factory=set)
    unused: set[PurePosixPath] = field(default_factory=set)
    needed: set[PurePosixPath] = field(default_factory=set)  # linked from a page (or titled): pages, included or not

    def __contains__(self, rel: object) -> bool:
        return rel in self.included or rel in self.unused


def in_includes_folder(rel: PurePosixPath) -> bool:
    """Whether a file lies in a folder named `includes` (any depth, any case, as Windows checkouts spell it)."""
    return any(part.lower() == INCLUDES_FOLDER for part in rel.parts[:-1])


def plan_includes(
    root: Path,
    files: list[PurePosixPath],
    paths: TreePaths,
    book_includes: PurePosixPath | None = None,
    prepare: Prepare | None = None,
) -> tuple[Expander, IncludePlan]:
    """An expander for the tree (its reads cached for the adoption that follows) and the files not to carry;
    `book_includes` is a GitBook tree's `.gitbook/includes`, and `prepare` converts an included file's text."""
    directive = directives(GITBOOK_INCLUDE) if book_includes is not None else DIRECTIVE
    expander = Expander(Fragments(root, paths, prepare), directive, page_finder(files))
    included: set[PurePosixPath] = set()
    needed: set[PurePosixPath] = set()
    snippets: set[PurePosixPath] = set()
    for rel in files:
        path = root / rel
        if rel.suffix.lower() != ".md":
            continue
        try:  # a link, a pipe (reading one would wait forever) or a device is left out when adopted, and not read
            data = path.read_bytes() if stat.S_ISREG(path.lstat().st_mode) else None
        except OSError:
            continue  # reported when the file itself is adopted
        if data is None:
            continue
        source = split_source(data, path.as_posix())
        if isinstance(source, Finding):
            continue  # not UTF-8: left out, and named, when adopted
        snippet = in_includes_folder(rel) and not any(part.startswith(".") for part in rel.parts)
        snippet = snippet or (book_includes is not None and book_includes in rel.parents)
        if snippet:
            snippets.add(rel)
        if "title" in source.fields and not snippet:
            needed.add(rel)
        text = source.text_body
        if check_body(text, source.body_line, path.as_posix()):
            continue  # kept as written when adopted (its includes too): reading its links would take minutes
        if USES_INCLUDES.search(data):
            expansion = expander.expand(rel, text, source.body_line)
            included |= expansion.used
            text = expansion.text
        if snippet:
            continue  # not a page: its links count where its text is included, in the including page
        for link in extract_links(text):
            target = linked_file(link.target, rel.parent)
            if target is not None:
                needed.add(target)
    return expander, IncludePlan(included - needed, snippets - included - needed, needed)
