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
    groups: dict[str, list[PurePosixPath]] = defaultdict(list)
    for rel in sorted(set(sources), key=str):
        groups[collision_key(output_path(rel, corpus.directory_urls))].append(rel)
    findings = []
    for group in groups.values():
        if len(group) < 2:
            continue
        first = group[0]
        for other in group[1:]:
            findings.append(_collision(first, other, display_prefix, corpus.directory_urls))
    return findings


def _collision(first: PurePosixPath, other: PurePosixPath, display_prefix: str, directory_urls: bool) -> Finding:
    a, b = output_path(first, directory_urls), output_path(other, directory_urls)
    if a == b:
        why = f"both produce {a}"
    elif unicodedata.normalize("NFC", a) == unicodedata.normalize("NFC", b):
        why = "they differ only in Unicode normalization (NFC and NFD look identical)"
    else:
        why = "they differ only in case, which macOS, Windows and many web servers treat as the same"
    message = f"'{first}' and '{other}' would be written to the same URL: {why}; rename or merge one"
    return rule("duplicate-url").finding(f"{display_prefix}{other}", 1, 1, message)


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
