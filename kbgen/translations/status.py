"""Where every translation stands against its source: up to date, outdated, unverified, orphaned, unreadable or
missing.

One pass over the corpus answers `kbgen check`, `kbgen translate-status`, the report and the site alike, so
they can never disagree about a translation.
"""

from __future__ import annotations

import enum
from collections import Counter
from dataclasses import dataclass
from pathlib import PurePosixPath

from kbgen.config.settings import KbConfig
from kbgen.model import Article, Corpus
from kbgen.translations.source_hash import source_rel


class State(enum.Enum):
    """In the order `kbgen translate-status` lists them."""

    UP_TO_DATE = "up-to-date"
    OUTDATED = "outdated"
    UNVERIFIED = "unverified"
    ORPHANED = "orphaned"
    UNREADABLE = "unreadable"  # the translation's file is there but failed to load (`kbgen check` says why)
    MISSING = "missing"

    def __str__(self) -> str:
        return self.value


_LISTING_ORDER = {state: n for n, state in enumerate(State)}

STATES: tuple[str, ...] = tuple(str(state) for state in State)


@dataclass(frozen=True, slots=True)
class Entry:
    """One translation (or, for MISSING, one that should exist) and its source."""

    lang: str
    state: State
    path: str  # the translation as findings name it; for MISSING, where it would be
    source: str  # the source article as findings name it
    recorded: str = ""  # the source_hash the translation carries
    current: str = ""  # the source's hash today; empty when the source is gone
    translation: Article | None = None
    moved_to: str = ""  # ORPHANED: a default-language article with exactly the recorded body, if one exists
    required: bool = False  # MISSING: the language is in required_languages

    def as_dict(self) -> dict[str, str | bool]:
        return {
            "lang": self.lang,
            "state": str(self.state),
            "path": self.path,
            "source": self.source,
            "recorded_hash": self.recorded,
            "source_hash": self.current,
            "moved_to": self.moved_to,
            "required": self.required,
        }


@dataclass(frozen=True, slots=True)
class TranslationStatus:
    default_language: str
    languages: tuple[str, ...]  # the translated languages, default excluded
    required: tuple[str, ...]
    entries: tuple[Entry, ...]  # sorted by language, state, path

    def counts(self, lang: str) -> dict[str, int]:
        """A count for every state, zeros included, in state order."""
        found = Counter(str(e.state) for e in self.entries if e.lang == lang)
        return {state: found[state] for state in STATES}

    def failing(self) -> list[Entry]:
        """What `kbgen translate-status` exits 1 for: outdated, orphaned, unreadable, or missing in a required
        language."""
        return [
            e
            for e in self.entries
            if e.state in (State.OUTDATED, State.ORPHANED, State.UNREADABLE)
            or (e.state is State.MISSING and e.required)
        ]

    def to_check(self) -> list[Entry]:
        """Everything a translator should look at: all but up-to-date ones and missing optional languages."""
        return [
            e for e in self.entries if e.state is not State.UP_TO_DATE and (e.state is not State.MISSING or e.required)
        ]

    def only(self, lang: str) -> TranslationStatus:
        return TranslationStatus(
            self.default_language, (lang,), self.required, tuple(e for e in self.entries if e.lang == lang)
        )


def translation_status(corpus: Corpus, config: KbConfig) -> TranslationStatus:
    """Archived translations are left out: nobody keeps them current. A source that failed to load is
    neither gone nor comparable, so its translations count as unverified until it loads again."""
    default = config.default_language
    sources = {a.source.rel: a for a in corpus.articles if a.lang == default}
    hashes = {rel: a.body_hash for rel, a in sources.items()}
    by_hash: dict[str, list[str]] = {}
    for rel, digest in sorted(hashes.items()):
        by_hash.setdefault(digest, []).append(sources[rel].source.display)
    languages = _languages(corpus, config)
    entries: list[Entry] = []
    present: set[tuple[str, PurePosixPath]] = set()
    for article in corpus.articles:
        origin = source_rel(article.source.rel, default)
        if origin is None:
            continue
        present.add((article.lang, origin))
        if article.status == "archived":
            continue
        if origin not in sources and not article.source_hash and origin not in corpus.rejected:
            continue  # written in its own language, never translated from one: an original, not an orphan
        entries.append(_entry(article, origin, sources, hashes, by_hash, corpus))
    for rel, source in sorted(sources.items()):
        if not source.is_public:
            continue
        for lang in languages:
            if (lang, rel) not in present:
                translated = PurePosixPath(lang, *rel.parts[1:])  # rel: <default>/<path>
                where = f"{corpus.display_prefix}{translated}"
                required = lang in config.required_languages
                # a file that failed to load is there, not missing: a translator would otherwise write it again
                state = State.UNREADABLE if translated in corpus.rejected else State.MISSING
                entries.append(Entry(lang, state, where, source.source.display, required=required))
    entries.sort(key=lambda e: (e.lang, _LISTING_ORDER[e.state], e.path))
    return TranslationStatus(default, languages, config.required_languages, tuple(entries))


def _entry(
    article: Article,
    origin: PurePosixPath,
    sources: dict[PurePosixPath, Article],
    hashes: dict[PurePosixPath, str],
    by_hash: dict[str, list[str]],
    corpus: Corpus,
) -> Entry:
    def entry(state: State, current: str = "", moved_to: str = "") -> Entry:
        source = f"{corpus.display_prefix}{origin}"
        return Entry(article.lang, state, article.source.display, source, article.source_hash, current, article,
                     moved_to)  # fmt: skip

    if origin not in sources:
        if origin in corpus.rejected:
            return entry(State.UNVERIFIED)
        moved = by_hash.get(article.source_hash, []) if article.source_hash else []
        return entry(State.ORPHANED, moved_to=moved[0] if moved else "")
    current = hashes[origin]
    if not article.source_hash:
        return entry(State.UNVERIFIED, current)
    return entry(State.UP_TO_DATE if article.source_hash == current else State.OUTDATED, current)


def _languages(corpus: Corpus, config: KbConfig) -> tuple[str, ...]:
    """The configured languages after the default; without a list, every language the content has."""
    default = config.default_language
    listed = config.languages or tuple(sorted({a.lang for a in corpus.articles}))
    return tuple(lang for lang in listed if lang != default)
