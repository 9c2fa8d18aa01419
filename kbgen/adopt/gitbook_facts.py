"""What a GitBook tree's structure adds to adopting it: each page's place and name from SUMMARY.md, and the
problems and counts the summary reports."""

from __future__ import annotations

import dataclasses
from pathlib import PurePosixPath

from kbgen.adopt.gitbook_tree import GitBook
from kbgen.adopt.mapping import Note, RepoFacts
from kbgen.adopt.outcome import Outcome
from kbgen.wording import plural


def tell_gitbook(outcome: Outcome, book: GitBook) -> None:
    """The book's structure files: the problems found in them, and what SUMMARY.md gave."""
    outcome.gitbook = True
    outcome.gitbook_assets_folder = book.visible_assets.as_posix()
    for rel, line, message in book.problems:
        outcome.notes.append(Note("toc", (outcome.source / rel).as_posix(), line, message))
    if book.summary_read:
        outcome.gitbook_summary = book.config.summary.as_posix()
        outcome.summary_entries = book.summary.entries
        outcome.summary_sections = sum(1 for name in book.summary.sections.values() if name.title)


def gitbook_facts(book: GitBook, rel: PurePosixPath, kind: str, facts: RepoFacts) -> RepoFacts:
    """The page's place and name in SUMMARY.md (a home page has no place)."""
    if not book.summary_read:
        return facts
    place = book.summary.places.get(rel) if kind != "home" else None
    title = book.summary.titles.get(rel, "")
    return dataclasses.replace(facts, place=place, nav_title=title, nav_origin=book.config.summary.name)


def count_gitbook_page(outcome: Outcome, book: GitBook, rel: PurePosixPath, dest: PurePosixPath, kind: str) -> None:
    """Count a written page: a README made its folder's page, a page SUMMARY.md does not list."""
    if dest.name == "index.md" and rel.name != "index.md":
        outcome.gitbook_readmes += 1
    if book.summary_read and kind != "home" and rel not in book.summary.titles:
        outcome.gitbook_unlisted.append((outcome.source / rel).as_posix())


def gitbook_lines(outcome: Outcome) -> list[str]:
    """The summary's lines on a GitBook tree's structure."""
    if not outcome.gitbook:
        return []
    entries = f"{outcome.summary_entries} {'entry' if outcome.summary_entries == 1 else 'entries'}"
    read = (
        f"{outcome.gitbook_summary} read ({entries}): pages placed in its order, "
        f"{plural(outcome.summary_sections, 'section')} named"
        if outcome.gitbook_summary
        else "no SUMMARY.md read: pages listed by title"
    )
    lines = [
        f"GitBook: {read}; {plural(outcome.gitbook_readmes, 'README.md file')} adopted as the folder's index.md; "
        f"{plural(outcome.gitbook_assets, 'asset')} carried from .gitbook/assets/ to {outcome.gitbook_assets_folder}/"
    ]
    if outcome.gitbook_unlisted:
        lines.append(
            f"{plural(len(outcome.gitbook_unlisted), 'page')} {outcome.gitbook_summary} does not list, adopted "
            "without a place (kbgen lists them by title after the pages it places; check each is meant to be shown):"
        )
        lines.extend(f"  {path}" for path in sorted(outcome.gitbook_unlisted))
    return lines
