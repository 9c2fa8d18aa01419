"""Which files of a tree named by language are in the language being adopted, and the names they are adopted under.

Hugo and mkdocs-static-i18n can keep every language in one tree, telling them apart by a suffix on the file name:
`install.fr.md` and `_index.fr.md` are the French versions of `install.md` and `_index.md`, whose name carries no
language and which are in the site's default language (`install.en.md` may name it too). Adopting such a tree with
`--lang fr` takes the `.fr.` files only, each under its name without the suffix (`install.md`), so it lands at the
path of its English source and kbgen pairs the two as a translation; adopting it in the default language takes the
files whose name carries no language, and the `.en.` ones. Pages in other languages are counted, never read.

The language of a name is its last dot-separated part before the extension when that part is a language code: one
of the project's languages, the one being adopted, or an ISO 639-1 code (`de`, `pt-br`, `zh_CN`, `zh-hans`). A
name such as `what.is.md` would read as Icelandic, so a tree counts as named by language only when some page has a
twin in another language in the same folder (`install.md` and `install.fr.md`); any other tree is adopted whole.
Images and other files follow the same rule, but one whose name carries no language is shared by every language
(mkdocs-static-i18n's fallback) unless the adopted language has its own (`logo.fr.png` over `logo.png`).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Collection, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import PurePosixPath

from kbgen.adopt.section_pages import PAGE_SUFFIXES

# ISO 639-1: every two-letter language code (a fixed list of 183, from the standard itself)
_ISO_639_1_CODES = (
    "aa ab ae af ak am an ar as av ay az ba be bg bi bm bn bo br bs ca ce ch co cr cs cu cv cy da de dv dz ee el en "
    "eo es et eu fa ff fi fj fo fr fy ga gd gl gn gu gv ha he hi ho hr ht hu hy hz ia id ie ig ii ik io is it iu ja "
    "jv ka kg ki kj kk kl km kn ko kr ks ku kv kw ky la lb lg li ln lo lt lu lv mg mh mi mk ml mn mr ms mt my na nb "
    "nd ne ng nl nn no nr nv ny oc oj om or os pa pi pl ps pt qu rm rn ro ru rw sa sc sd se sg si sk sl sm sn so sq "
    "sr ss st su sv sw ta te tg th ti tk tl tn to tr ts tt tw ty ug uk ur uz ve vi vo wa wo xh yi yo za zh zu"
)
ISO_639_1 = frozenset(_ISO_639_1_CODES.split())
_TAG = re.compile(r"^([A-Za-z]{2,3})((?:[-_][A-Za-z0-9]{2,8})*)$")


def normal_code(code: str) -> str:
    """A language code as kbgen writes it: lower case, subtags joined by hyphens (`zh_CN` is `zh-cn`)."""
    return code.lower().replace("_", "-")


def language_of(name: str, known: Collection[str]) -> tuple[str, str] | None:
    """(the name without its language, the language) for `install.fr.md` -> (`install.md`, `fr`); None when the
    name carries no language. `known` holds codes taken as languages beyond ISO 639-1 (the project's own)."""
    stem, dot, extension = name.rpartition(".")
    base, dot2, tag = stem.rpartition(".")
    if not dot or not dot2 or not base:
        return None
    match = _TAG.match(tag)
    if match is None:
        return None
    code = normal_code(tag)
    if code not in known and match.group(1).lower() not in ISO_639_1:
        return None
    return f"{base}.{extension}", code


@dataclass(slots=True)
class PageLanguages:
    """What the language of the files' names decided: `renamed` maps each file adopted under another name to it,
    `others` counts the pages left to other languages by language, `twins` lists the pages left out because the
    adopted language has its own version (with that version)."""

    named: bool = False  # the tree names its files by language
    renamed: dict[PurePosixPath, PurePosixPath] = field(default_factory=dict)
    others: Counter[str] = field(default_factory=Counter)
    skipped: set[PurePosixPath] = field(default_factory=set)  # every file not adopted: other languages and twins
    twins: list[tuple[PurePosixPath, PurePosixPath]] = field(default_factory=list)  # (left out, adopted instead)
    locales: dict[str, int] = field(default_factory=dict)  # locale folders beside the root language: pages in each

    def name(self, rel: PurePosixPath) -> PurePosixPath:
        """The path the file at `rel` is adopted under, before kbgen's own renames (`_index.md`, `.mdx`)."""
        return self.renamed.get(rel, rel)


def sort_by_language(files: Iterable[PurePosixPath], lang: str, untagged: str, known: Collection[str]) -> PageLanguages:
    """Sort the files of a tree for adopting it in `lang`; `untagged` is the language of names that carry none."""
    files = list(files)
    locales = locale_folders(files, known)
    in_locale = {rel for rel in files if len(rel.parts) > 1 and rel.parts[0] in locales}
    files = [rel for rel in files if rel not in in_locale]
    tagged: dict[PurePosixPath, tuple[PurePosixPath, str]] = {}
    for rel in files:
        found = language_of(rel.name, known)
        if found is not None:
            tagged[rel] = (rel.with_name(found[0]), found[1])
    result = PageLanguages(skipped=in_locale, locales=locales)
    result.named = _has_twins(files, tagged)
    if not result.named:
        return result
    _twins_of_any_code(files, tagged)
    lang, untagged = normal_code(lang), normal_code(untagged)
    chosen: dict[PurePosixPath, PurePosixPath] = {}  # adopted name -> the file chosen for it
    for rel in files:
        base, code = tagged.get(rel, (rel, ""))
        page = rel.suffix.lower() in PAGE_SUFFIXES
        if code and code != lang:
            result.others[code] += page
            result.skipped.add(rel)
        elif not code and page and untagged != lang:
            result.others[untagged] += 1
            result.skipped.add(rel)
        elif base in chosen and not code:
            result.skipped.add(rel)  # `install.fr.md` seen first wins over `install.md`: the adopted language's own
            if page:
                result.twins.append((rel, chosen[base]))
        else:
            if base in chosen:  # `install.md` seen first, then `install.fr.md`: the language's own wins
                result.skipped.add(chosen[base])
                if page:  # an image without a language is every language's until one has its own: no twin
                    result.twins.append((chosen[base], rel))
            chosen[base] = rel
            if code:
                result.renamed[rel] = base
    result.others = Counter({code: n for code, n in result.others.items() if n})
    result.twins.sort()
    return result


def _twins_of_any_code(files: list[PurePosixPath], tagged: dict[PurePosixPath, tuple[PurePosixPath, str]]) -> None:
    """In a tree named by language, a name shaped like one (`tags.pir.md`) beside the page it translates
    (`tags.md`, `tags.en.md`) is taken as a language too, though no list knows the code (Hugo's sites may make up
    their own): it is not adopted as a page named `tags.pir`."""
    bases = {base for base, _ in tagged.values()} | {rel for rel in files if rel not in tagged}
    for rel in files:
        if rel in tagged:
            continue
        found = language_of(rel.name, _AnyCode())
        if found is not None and rel.with_name(found[0]) in bases:
            tagged[rel] = (rel.with_name(found[0]), found[1])


class _AnyCode:
    """Every code is known: for names shaped like a language beside their twin."""

    def __contains__(self, code: object) -> bool:
        return True

    def __iter__(self) -> Iterator[str]:
        return iter(())

    def __len__(self) -> int:
        return 0


def _has_twins(files: list[PurePosixPath], tagged: dict[PurePosixPath, tuple[PurePosixPath, str]]) -> bool:
    """Whether some page has a version in another language beside it: `install.md` and `install.fr.md`."""
    versions: dict[PurePosixPath, set[str]] = {}
    for rel in files:
        if rel.suffix.lower() not in PAGE_SUFFIXES:
            continue
        base, code = tagged.get(rel, (rel, ""))
        versions.setdefault(base, set()).add(code)
    return any(len(codes) > 1 for codes in versions.values())


def locale_folders(files: Iterable[PurePosixPath], known: Collection[str]) -> dict[str, int]:
    """The top folders that hold a translation of the pages beside them, with the number of pages in each: VitePress
    and Starlight keep the root language at the top of the tree and each other one in a folder named as its locale
    (`index.md`, `guide/intro.md` beside `zh/index.md`, `zh/guide/intro.md`). A folder counts only when named as a
    language and holding a page at the path of a root page, so a topic folder named `it/` stays a section."""
    pages = [rel for rel in files if rel.suffix.lower() in PAGE_SUFFIXES]
    root = {_stem(rel) for rel in pages if len(rel.parts) == 1 or not _is_code(rel.parts[0], known)}
    found: dict[str, int] = {}
    for rel in pages:
        if len(rel.parts) > 1 and _is_code(rel.parts[0], known):
            found.setdefault(rel.parts[0], 0)
            found[rel.parts[0]] += 1
    mirrored = {rel.parts[0] for rel in pages if rel.parts[0] in found and _stem(PurePosixPath(*rel.parts[1:])) in root}
    return {name: count for name, count in sorted(found.items()) if name in mirrored}


def _stem(rel: PurePosixPath) -> PurePosixPath:
    """A page's path without its extension: `index.mdx` translates `index.md`."""
    return rel.with_suffix("")


def language_folders(folders: Iterable[str], known: Collection[str]) -> list[str]:
    """The folders named as languages (`en`, `fr`, `pt-br`) among a tree's top folders, when there are two or more:
    Hugo's `content/en/` and `content/fr/`, mkdocs-static-i18n's `docs/en/` and `docs/fr/`. Adopted whole, such a
    tree would put `content/fr/en/` beside `content/fr/fr/`; each folder is adopted on its own."""
    found = sorted(name for name in folders if _is_code(name, known))
    return found if len(found) > 1 else []


def _is_code(name: str, known: Collection[str]) -> bool:
    match = _TAG.match(name)
    return match is not None and (normal_code(name) in known or match.group(1).lower() in ISO_639_1)
