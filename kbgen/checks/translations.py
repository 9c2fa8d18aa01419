"""The KB41x checks: translations whose source changed, vanished or was never recorded, missing ones, and public
ones of a source that is not."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from typing import TYPE_CHECKING

from kbgen.model import Article, Finding, Severity
from kbgen.rules import rule
from kbgen.translations.status import Entry, State

if TYPE_CHECKING:  # the registry in kbgen.checks imports this module
    from kbgen.checks import CheckContext


def check_translations(context: CheckContext) -> Iterator[Finding]:
    status = context.translations
    outdated_severity = Severity.ERROR if context.config.outdated_translations == "error" else Severity.WARNING
    missing: dict[str, list[Entry]] = {}
    sources = {a.source.display: a for a in context.corpus.articles if a.lang == status.default_language}
    for entry in status.entries:
        original = sources.get(entry.source)
        if entry.translation is not None and entry.translation.is_public and original and not original.is_public:
            yield _public_translation_of_unpublished(entry, entry.translation, original)
        if entry.state is State.OUTDATED:
            yield dataclasses.replace(_outdated(entry), severity=outdated_severity)
        elif entry.state is State.ORPHANED:
            yield _orphan(entry, status.default_language)
        elif entry.state is State.UNVERIFIED and entry.current:
            yield _unverified(entry)
        elif entry.state is State.MISSING and entry.required:
            missing.setdefault(entry.source, []).append(entry)
    for source, entries in sorted(missing.items()):
        langs = ", ".join(e.lang for e in entries)
        paths = ", ".join(e.path for e in entries)
        message = f"no translation in {langs} (required_languages); translate it as {paths}"
        yield rule("missing-translation").finding(source, 1, 1, message)


def _review_hint(entry: Entry) -> str:
    return f"run 'kbgen review {entry.path}' to record the source it now matches"


def _outdated(entry: Entry) -> Finding:
    assert entry.translation is not None
    message = (
        f"the source {entry.source} changed since this translation was made (source_hash {entry.recorded}, "
        f"now {entry.current}); update the translation from it, then {_review_hint(entry)}"
    )
    line = entry.translation.line_of("source_hash")
    return rule("translation-outdated").finding(entry.path, line, 1, message)


def _orphan(entry: Entry, default: str) -> Finding:
    assert entry.translation is not None
    if entry.moved_to:
        target = entry.moved_to.replace(f"/{default}/", f"/{entry.lang}/", 1)
        hint = f"its source appears to have moved to {entry.moved_to} (same text): move this file to {target}"
    else:
        hint = f"move it beside its source's new place in {default}, or delete it (or set 'status: archived')"
    message = f"translation of {entry.source}, which no longer exists; {hint}"
    return rule("orphan-translation").finding(entry.path, 1, 1, message)


def _unverified(entry: Entry) -> Finding:
    message = (
        f"no 'source_hash', so kbgen cannot tell whether it matches {entry.source}; once it does, {_review_hint(entry)}"
    )
    return rule("translation-unverified").finding(entry.path, 1, 1, message)


def _public_translation_of_unpublished(entry: Entry, translation: Article, source: Article) -> Finding:
    """Withdrawing an article (draft, archived, internal) leaves its translations public: its content would
    stay on the site in another language, so the translation is told to follow."""
    key, value = ("status", source.status) if source.status != "published" else ("audience", source.audience)
    origin = source.inherited.get(key)
    why = f"{key}: {value}" + (f", set by {origin.display}" if origin else "")
    message = (
        f"this translation is public but its source {entry.source} is not ({why}), so the site still publishes "
        f"its content in {entry.lang}; set '{key}: {value}' here too, or publish the source"
    )
    line = translation.line_of("source_hash")  # the key that ties it to the source, else the front matter's start
    return rule("translation-of-unpublished").finding(entry.path, line, 1, message)
