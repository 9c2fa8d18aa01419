"""Collision checks: two sources written to one URL (MkDocs silently keeps one), and repeated titles."""

from __future__ import annotations

import unicodedata
from collections import defaultdict
from pathlib import PurePosixPath
from typing import TYPE_CHECKING

from kbgen.model import Article, Corpus, Finding, page_file
from kbgen.rules import rule

if TYPE_CHECKING:
    from kbgen.checks import CheckContext


def output_path(rel: PurePosixPath, directory_urls: bool = True) -> str:
    """The file MkDocs writes for a source (`use_directory_urls` is `directory_urls`)."""
    return page_file(rel, directory_urls) if rel.suffix.lower() == ".md" else str(rel)


def collision_key(output: str) -> str:
    """Two outputs with the same key overwrite each other on some disk or web server in real use:
    macOS and Windows ignore case, and macOS does not tell NFC from NFD."""
    return unicodedata.normalize("NFC", output).casefold()


def check_collisions(context: CheckContext) -> list[Finding]:
    return duplicate_urls(context.corpus) + duplicate_titles(context.corpus)


def duplicate_urls(corpus: Corpus) -> list[Finding]:
    display_prefix = corpus.display_prefix
    sources = [a.source.rel for a in corpus.articles]
    sources += [s.source.rel for s in corpus.sections if s.source is not None]
    sources += list(corpus.assets)
    sources += [rel for rel in corpus.rejected if rel.suffix.lower() == ".md"]
    generated = _generated_pages(corpus, set(sources))
    groups: dict[str, list[PurePosixPath]] = defaultdict(list)
    # a page kbgen makes comes first, so the finding lands on a file the writer can rename
    for rel in sorted({*sources, *generated}, key=lambda rel: (rel not in generated, str(rel))):
        groups[collision_key(output_path(rel, corpus.directory_urls))].append(rel)
    findings = []
    for group in groups.values():
        if len(group) < 2:
            continue
        first = group[0]
        for other in group[1:]:
            findings.append(_collision(first, other, display_prefix, corpus.directory_urls, generated))
    return findings


def _generated_pages(corpus: Corpus, sources: set[PurePosixPath]) -> dict[PurePosixPath, PurePosixPath]:
    """The `index.md` of each folder holding an article (in it or below) that has none, each with the first such
    article: kbgen writes that page itself, so a `README.md` beside it, or a folder named like it but for case or
    normalization, collides; the finding goes on that article, a file the writer can open."""
    pages: dict[PurePosixPath, PurePosixPath] = {}
    written = {str(rel) for rel in sources}
    seen: set[str] = set()  # folders met, with every folder above them: each is looked at once, as a string
    for article in corpus.articles:  # sorted by path: the first one below a folder is kept
        folder = str(article.source.rel).rpartition("/")[0]
        while folder and folder not in seen:
            seen.add(folder)
            if f"{folder}/index.md" not in written:
                pages[PurePosixPath(folder, "index.md")] = article.source.rel
            folder = folder.rpartition("/")[0]
    return pages


def _collision(
    first: PurePosixPath,
    other: PurePosixPath,
    display_prefix: str,
    directory_urls: bool,
    generated: dict[PurePosixPath, PurePosixPath],
) -> Finding:
    a, b = output_path(first, directory_urls), output_path(other, directory_urls)
    if a == b:
        why = f"both produce {a}"
    elif unicodedata.normalize("NFC", a) == unicodedata.normalize("NFC", b):
        why = "they differ only in Unicode normalization (NFC and NFD look identical)"
    else:
        why = "they differ only in case, which macOS, Windows and many web servers treat as the same"
    message = (
        f"{_named(first, generated)} and {_named(other, generated)} would be written to the same URL: {why}; "
        "rename or merge one"
    )
    return rule("duplicate-url").finding(f"{display_prefix}{generated.get(other, other)}", 1, 1, message)


def _named(rel: PurePosixPath, generated: dict[PurePosixPath, PurePosixPath]) -> str:
    return f"the folder '{rel.parent}/' (its page, which kbgen writes)" if rel in generated else f"'{rel}'"


def duplicate_titles(corpus: Corpus) -> list[Finding]:
    """Reported on every article of the group, so each owner sees it."""
    groups: dict[tuple[str, str, str], list[Article]] = defaultdict(list)
    for article in corpus.articles:  # one listing: the articles of one section
        key = (article.lang, article.folder, unicodedata.normalize("NFC", article.title).casefold().strip())
        groups[key].append(article)
    findings = []
    for group in groups.values():
        for article in group if len(group) > 1 else ():
            others = ", ".join(other.source.display for other in group if other is not article)
            message = (
                f"title '{article.title}' is also used by {others}; readers cannot tell them apart in "
                "lists and search, so make one title more specific"
            )
            line = article.line_of("title")
            findings.append(rule("duplicate-title").finding(article.source.display, line, 1, message))
    return findings
