"""Where a Markdown file sits in the content tree decides what it is: a home, a section page or an article.

`<lang>/index.md` is a language home; every folder below a language is a section (the first one a category)
whose page is its `index.md`; any other `.md` in a section is an article, and so is one directly in the
language folder (listed on the language's home page, as a Microsoft Learn `articles/` root has them).
Sections nest up to `max_depth` folders below the language, so a mistyped path cannot build an unbounded tree.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import PurePosixPath

from kbgen.config.settings import KbConfig
from kbgen.model import Finding
from kbgen.rules import rule


def not_an_article(rel: PurePosixPath, config: KbConfig) -> str | None:
    """Why a file named by its path under the content root is no article, or None: a command that rewrites an
    article's front matter (`kbgen review`) must not take a picture, a section's page or a stray file for one."""
    if rel.suffix != ".md":
        return "only Markdown files (.md) are articles"
    if len(rel.parts) < 2:
        return "a Markdown file directly in the content folder is in no language folder"
    if rel.name == "index.md":
        return "an index.md is the page of a section or a language's home, which has no review date"
    if not config.accepts_language(rel.parts[0]):
        known = ", ".join(config.languages) or "a language code such as 'en'"
        return f"'{rel.parts[0]}' is not a configured language ({known})"
    return None


@dataclass(frozen=True, slots=True)
class Placement:
    """`kind` is root, home, section or article; None with no finding means "leave it to the collision check"."""

    kind: str | None
    finding: Finding | None = None
    reject: bool = True  # False: the file is refused but stays out of `rejected` (another file owns its URL)


class Layout:
    """Knows every file of the tree, so it can tell a section folder from an article of the same name."""

    def __init__(self, files: Iterable[PurePosixPath], max_depth: int) -> None:
        self.max_depth = max_depth
        self.markdown = {rel for rel in files if rel.suffix.lower() == ".md"}
        # a folder holding any article, however deep, is a section with a page of its own; folders by their parts
        # (a tuple per folder, not a path: 10,000s of articles, several folders each)
        self.sections_with_articles = {
            rel.parts[:end] for rel in self.markdown if rel.name != "index.md" for end in range(1, len(rel.parts))
        }

    def place(self, rel: PurePosixPath, display: str) -> Placement:
        parts = rel.parts
        if parts == ("index.md",):
            return Placement("root")
        if len(parts) == 2 and parts[1] == "index.md":
            return Placement("home")
        if len(parts) < 2:
            message = (
                "Markdown files belong in a language folder: content/<lang>/<slug>.md, "
                "content/<lang>/<category>/<slug>.md, or in section folders below the category; move this file"
            )
            return Placement(None, rule("misplaced-article").finding(display, 1, 1, message))
        depth = len(parts) - 2
        if depth > self.max_depth:
            message = (
                f"this file is {depth} section folders below the language; the limit is max_depth: "
                f"{self.max_depth}: move it up, or raise max_depth in the kbgen plugin options"
            )
            return Placement(None, rule("too-deep").finding(display, 1, 1, message))
        if rel.name == "index.md":
            folder = rel.parent
            if folder.parent / f"{folder.name}.md" in self.markdown and folder.parts not in self.sections_with_articles:
                # `<slug>/index.md` beside `<slug>.md`: the duplicate-url check names both
                return Placement(None)
            return Placement("section")
        folder = rel.with_suffix("")
        if folder.parts in self.sections_with_articles:
            message = (
                f"'{rel}' and the section folder '{folder}/' would be written to the same URL ({folder}/); "
                "the section is published and this article is not: rename one of them"
            )
            return Placement(None, rule("duplicate-url").finding(display, 1, 1, message), reject=False)
        return Placement("article")
