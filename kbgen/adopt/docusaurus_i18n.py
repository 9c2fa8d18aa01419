"""Section names for a Docusaurus translation: the default language's category files, in the translation's words.

Docusaurus keeps the French docs in `i18n/fr/docusaurus-plugin-content-docs/current/`, at the paths of the default
language's `docs/`, and builds the French sidebar from `docs/` itself: its `_category_.json` files give each
folder's label, position and description, and a `_category_.json` put in the translation folder is not read. The
words are translated in the `current.json` beside the translation folder, keyed by the sidebar and the label:

    "sidebar.tutorialSidebar.category.Tutorial - Basics": {"message": "Tutoriel - Bases"},
    "sidebar.tutorialSidebar.category.Tutorial - Basics.link.generated-index.description": {"message": "..."}

So adopting the translation folder reads the default language's category files (beside it in the site: `docs/`,
`versioned_docs/version-X/` for a version, `<id>/` for a docs plugin with its own id) and names each folder with
the translated label and description, else with the default language's, as Docusaurus shows an untranslated one;
the position is the same in every language. A translation folder's own category file is still read, and a label
current.json translates wins over it, as on the Docusaurus site.

A translation is often partial: Docusaurus resolves a relative link or image that names no file of the translation
folder against the default language's docs folder, so `[Intro](../intro.md)` in a French page leads to the
English page while it is untranslated. Adopted, that link would lead nowhere in `content/fr/`; it is written to
the default language's adopted file instead (`../../en/intro.md`), where adopting `docs/` puts it.
"""

from __future__ import annotations

import dataclasses
import json
import os
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from kbgen.adopt.categories import is_category_file, read_categories
from kbgen.adopt.toc import SectionName, file_problem
from kbgen.adopt.tree_links import linked_file, split_target
from kbgen.links.extract import link_targets
from kbgen.loading.frontmatter import decode

_PLUGIN = "docusaurus-plugin-content-docs"
_DESCRIPTION = ".link.generated-index.description"
_GENERATED_TITLE = ".link.generated-index.title"


@dataclass(slots=True)
class TranslatedCategories:
    """Section names from the default language's category files, translated; what could not be read."""

    docs: Path | None = None  # the default language's docs folder, when found
    translations: Path | None = None  # the current.json read, when there is one
    sections: dict[PurePosixPath, SectionName] = field(default_factory=dict)  # translated by current.json
    untranslated: dict[PurePosixPath, SectionName] = field(default_factory=dict)  # in the default language's words
    category_files: int = 0  # category files of the default language read
    problems: list[tuple[str, int, str]] = field(default_factory=list)  # (file, line, message)


def translation_folder(source: Path) -> tuple[Path, Path] | None:
    """(the default language's docs folder, the translations file) when `source` is a Docusaurus docs translation
    folder (`<site>/i18n/<locale>/docusaurus-plugin-content-docs[-<id>]/<version>`); None for any other folder."""
    parts = source.absolute().parts
    if len(parts) < 5 or parts[-4] != "i18n" or not parts[-2].startswith(_PLUGIN):
        return None
    version, plugin = parts[-1], parts[-2][len(_PLUGIN) :]
    if plugin and not plugin.startswith("-"):
        return None
    site = source.absolute().parents[3]
    plugin_id = plugin.lstrip("-")
    if version == "current":
        docs = site / (plugin_id or "docs")
    elif version.startswith("version-"):
        docs = site / (f"{plugin_id}_versioned_docs" if plugin_id else "versioned_docs") / version
    else:
        return None
    return docs, source.absolute().parent / f"{version}.json"


def read_translated_categories(source: Path) -> TranslatedCategories | None:
    """The section names a Docusaurus translation folder takes from its site; None for any other folder."""
    found = translation_folder(source)
    if found is None:
        return None
    docs, translations = found
    result = TranslatedCategories()
    if not docs.is_dir():
        message = f"the default language's docs folder {docs.as_posix()} is not there; its category names are not used"
        result.problems.append((source.as_posix(), 0, message))
        return result
    result.docs = docs
    labels, descriptions = _read_translations(translations, result)
    # The default language's own problems are its adoption's to report; here an unreadable file only names nothing.
    categories = read_categories(docs, _category_files(docs))
    result.category_files = len(categories.read)
    for folder, name in categories.sections.items():
        label = labels.get(name.title)
        description = descriptions.get(name.title, name.summary)
        if label is None:
            result.untranslated[folder] = dataclasses.replace(name, summary=description)
        else:
            result.sections[folder] = dataclasses.replace(name, title=label, summary=description)
    return result


def _category_files(docs: Path) -> list[PurePosixPath]:
    found: list[PurePosixPath] = []
    for folder, dirs, files in os.walk(docs, followlinks=False):
        base = PurePosixPath(Path(folder).relative_to(docs).as_posix())
        dirs.sort()
        found.extend(base / name for name in sorted(files) if is_category_file(base / name))
    return found


def _read_translations(path: Path, result: TranslatedCategories) -> tuple[dict[str, str], dict[str, str]]:
    """Each category label's translation, and each generated index's description's, by the default language's
    label; a file that cannot be read is a problem with its line, and translates nothing."""
    labels: dict[str, str] = {}
    descriptions: dict[str, str] = {}
    if not path.exists():
        return labels, descriptions
    display = path.as_posix()
    problem = file_problem(path)
    if problem is not None:
        result.problems.append((display, 0, f"{problem}; no category label is translated"))
        return labels, descriptions
    text, findings = decode(path.read_bytes(), display)
    if text is None:
        result.problems.append((display, findings[0].line, f"{findings[0].message}; no category label is translated"))
        return labels, descriptions
    try:
        data = json.loads(text)
    except RecursionError:  # json's decoder recurses once a level: `[[[…` thousands deep ends it
        result.problems.append((display, 1, "JSON nested too deep to read; no category label is translated"))
        return labels, descriptions
    except json.JSONDecodeError as exc:
        result.problems.append((display, exc.lineno, f"JSON syntax error: {exc.msg}; no category label is translated"))
        return labels, descriptions
    if not isinstance(data, dict):
        result.problems.append((display, 1, "not a mapping of keys to messages; no category label is translated"))
        return labels, descriptions
    result.translations = path
    for key, entry in sorted(data.items()):
        message = entry.get("message") if isinstance(entry, dict) else None
        if not isinstance(key, str) or not isinstance(message, str) or not message.strip():
            continue
        head, sep, rest = key.partition(".category.")
        if not sep or not head.startswith("sidebar."):
            continue
        if rest.endswith(_DESCRIPTION):
            descriptions.setdefault(rest[: -len(_DESCRIPTION)], message.strip())
        elif not rest.endswith(_GENERATED_TITLE):
            labels.setdefault(rest, message.strip())
    return labels, descriptions


@dataclass(slots=True)
class Fallen:
    text: str
    links: int = 0  # links to files only the default language has, now written to its adopted file


def point_untranslated(
    text: str,
    page: PurePosixPath,
    files: frozenset[PurePosixPath],
    docs: Path,
    default_lang: str,
    place: Callable[[PurePosixPath], PurePosixPath],
) -> Fallen:
    """`text`, the body of the translated page `page` (from the translation folder's top, whose files are
    `files`), with each relative link to a file it lacks but the default language's `docs` has written to that
    file as adopted into `content/<default_lang>/` (`place` gives a file's adopted path)."""
    result = Fallen(text)
    pieces: list[str] = []
    done = 0
    for _, target, at in link_targets(text):
        linked = linked_file(target, page.parent)
        if linked is None or linked in files or not linked.parts:
            continue
        found = next((rel for rel in _spellings(linked) if (docs / rel).is_file()), None)
        if found is None:
            continue
        _, rest = split_target(target)
        up = "../" * (len(page.parent.parts) + 1)
        pieces += [text[done:at], f"{up}{default_lang}/{place(found).as_posix()}{rest}"]
        done = at + len(target)
        result.links += 1
    result.text = "".join(pieces) + text[done:]
    return result


def _spellings(linked: PurePosixPath) -> list[PurePosixPath]:
    """The file a link names, as written, or by its page's path without the extension (`../intro`)."""
    if linked.suffix:
        return [linked]
    return [linked, linked.with_name(f"{linked.name}.md"), linked.with_name(f"{linked.name}.mdx")]
