"""What `kbgen adopt` does for a tree in several languages, beside the adoption itself: it refuses a tree holding a
folder per language (each is adopted on its own), and tells the summary what the languages in the file names
decided (kbgen.adopt.page_languages) and where a Docusaurus translation's section names came from
(kbgen.adopt.docusaurus_i18n)."""

from __future__ import annotations

from pathlib import Path, PurePosixPath

from kbgen.adopt.docusaurus_i18n import TranslatedCategories
from kbgen.adopt.mapping import Note
from kbgen.adopt.outcome import Outcome
from kbgen.adopt.page_languages import PageLanguages, language_folders, locale_folders
from kbgen.adopt.section_pages import PAGE_SUFFIXES


class LanguageFoldersError(Exception):
    """The source holds a folder per language: nothing was written."""


def refuse_language_folders(
    source: Path, files: list[PurePosixPath], lang: str, known: tuple[str, ...], target_display: str
) -> None:
    """A tree holding a folder per language is adopted one folder at a time, each with its own --lang. A tree whose
    root language sits at its top, its translations in locale folders beside it (VitePress, Starlight), is adopted
    in the root language, the locale folders left out; asked for a locale's language, it names the folder."""
    locales = locale_folders(files, known)
    if lang in locales:
        raise LanguageFoldersError(
            f"{source.as_posix()}/{lang}/ holds the '{lang}' translation of the pages at the top of "
            f"{source.as_posix()}, which are in the root language; adopt {(source / lang).as_posix()} with --lang "
            f"{lang}, and the tree itself with the root language's --lang"
        )
    if locales:
        return
    folders = [entry for entry in source.iterdir() if entry.is_dir() and not entry.is_symlink()]
    found = language_folders([folder.name for folder in folders], known)
    found = [name for name in found if _holds_pages(source / name)]
    if len(found) < 2:
        return
    listed = ", ".join(f"{name}/" for name in found)
    hint = f"adopt {(source / lang).as_posix()} with --lang {lang}" if lang in found else "adopt each one"
    raise LanguageFoldersError(
        f"{source.as_posix()} holds a folder per language ({listed}); adopted whole, each would land inside "
        f"{target_display}. {hint[0].upper()}{hint[1:]}, and each other folder with its own --lang"
    )


def _holds_pages(folder: Path) -> bool:
    return any(path.suffix.lower() in PAGE_SUFFIXES for path in folder.rglob("*"))


def tell_translated(outcome: Outcome, translated: TranslatedCategories | None) -> None:
    """Where a Docusaurus translation's section names came from, for the summary; what could not be read."""
    if translated is None:
        return
    outcome.notes.extend(Note("toc", path, line, message) for path, line, message in translated.problems)
    if translated.docs is not None:
        outcome.translation_docs = translated.docs.as_posix()
        outcome.translation_file = translated.translations.as_posix() if translated.translations else ""
        outcome.translated_categories = len(translated.sections)
        outcome.default_categories = translated.category_files


def tell_languages(outcome: Outcome, languages: PageLanguages, untagged: str) -> None:
    """What the language of the files' names decided, for the summary: a twin left out is listed with the version
    adopted instead."""
    outcome.named_by_language = languages.named
    outcome.renamed_by_language = len(languages.renamed)
    outcome.other_languages = dict(languages.others)
    outcome.locale_folders = dict(languages.locales)
    outcome.untagged_lang = untagged
    for left, adopted in languages.twins:
        message = f"{adopted.name} is its version in the same language, adopted as {languages.name(adopted).name}"
        outcome.notes.append(Note("left-out", (outcome.source / left).as_posix(), 0, message))
