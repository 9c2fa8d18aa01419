"""Words the outcome of an adoption: what was adopted and from where, what needed a default, what could not be
mapped, and the `foreign_keys` line that lets the source's own keys pass `kbgen check` quietly."""

from __future__ import annotations

import fnmatch
import re
from collections import defaultdict

import yaml

from kbgen.adopt.foreign_summary import foreign_lines
from kbgen.adopt.gitbook_facts import gitbook_lines
from kbgen.adopt.mapping import Note
from kbgen.adopt.outcome import Outcome
from kbgen.safe_text import one_line
from kbgen.wording import plural

_FIELDS = (
    "title", "summary", "order", "owner", "reviewed", "review_interval", "product_version", "status", "redirect_from",
)  # fmt: skip
_GLOB = re.compile(r"([*?\[])")


def suggested_foreign_keys(found: set[str], configured: tuple[str, ...]) -> list[str]:
    """The configured patterns plus one per new key family: `ms.date` and `ms.author` become `ms.*`."""
    patterns = list(configured)
    for key in sorted(found):
        if any(fnmatch.fnmatchcase(key, pattern) for pattern in patterns):
            continue
        head, dot, _ = key.partition(".")
        patterns.append(f"{_literal(head)}.*" if dot and head else _literal(key))
    return sorted(dict.fromkeys(patterns))


def _literal(name: str) -> str:
    """A key name as a glob pattern that matches only itself."""
    return _GLOB.sub(r"[\1]", name)


def foreign_keys_line(patterns: list[str]) -> str:
    return "foreign_keys: " + yaml.safe_dump(patterns, default_flow_style=True, width=2**30).strip()


def _section(title: str, notes: list[Note], lines: list[str]) -> None:
    if notes:
        lines.append(f"{title} ({len(notes)}):")
        lines.extend(f"  {note.format()}" for note in sorted(notes, key=lambda n: (n.path, n.line, n.message)))


def format_summary(
    outcome: Outcome,
    target_display: str,
    configured: tuple[str, ...],
    dry_run: bool,
    extensions: frozenset[str] | None = None,
) -> str:
    """The summary; `extensions`: the Markdown extensions mkdocs.yml lists, to name the ones adopted pages need."""
    lines = [
        f"{'would adopt' if dry_run else 'adopted'} {outcome.source.as_posix()} into {target_display}: "
        f"{plural(outcome.articles, 'article')}, {plural(outcome.sections, 'section page')}, "
        f"{plural(outcome.assets, 'asset')}{' (dry run: nothing written)' if dry_run else ''}"
    ]
    for name in _FIELDS:
        counts = sorted(((n, origin) for (key, origin), n in outcome.origins.items() if key == name), reverse=True)
        if counts:
            lines.append(f"  {name}: " + ", ".join(f"{n} from {origin}" for n, origin in counts))
    lines.append(f"  git: {outcome.history or 'history read'}; CODEOWNERS: {outcome.codeowners or 'none found'}")
    defaults: dict[str, list[str]] = defaultdict(list)
    for note in outcome.of_kind("default"):
        defaults[note.path].append(note.message)
    if defaults:
        lines.append(f"needed a default ({plural(len(defaults), 'file')}):")
        for path, messages in sorted(defaults.items()):
            lines.append(f"  {one_line(path)}: {one_line('; '.join(messages))}")
    _section("could not be mapped", outcome.of_kind("unmapped"), lines)
    _section("not overwritten", outcome.of_kind("refused"), lines)
    _section("left out", outcome.of_kind("left-out"), lines)
    _section("includes not expanded", outcome.of_kind("include"), lines)
    _section("paths out of the adopted folder, not rewritten", outcome.of_kind("path"), lines)
    _section(
        "table of contents problems (TOC.yml, _category_, SUMMARY.md, .gitbook.yaml, mkdocs.yml nav)",
        outcome.of_kind("toc"),
        lines,
    )
    _section("MDX components not converted (their text is kept)", outcome.of_kind("mdx"), lines)
    _section("Hugo shortcodes left as written", outcome.of_kind("shortcode"), lines)
    _section("GitBook blocks left as written", outcome.of_kind("gitbook"), lines)
    _section("VitePress code imports and includes not expanded", outcome.of_kind("vitepress"), lines)
    if outcome.hero_pages:
        lines.append(
            f"{plural(outcome.hero_pages, 'home page')} (VitePress' layout: home, Starlight's hero) given the text of "
            "their hero and features, which kbgen's pages do not draw from front matter"
        )
    if outcome.starlight_components:
        lines.append(
            f"components made Markdown: {plural(outcome.starlight_components, 'Starlight or VitePress component')} "
            "(<Aside>, <Steps>, <FileTree>, <Card>, <LinkCard>, <LinkButton>, <Badge>) as admonitions, lists, links "
            "and badges"
        )
    if outcome.code_groups or outcome.toc_markers or outcome.code_imports:
        lines.append(
            f'VitePress: {plural(outcome.code_groups, "code group")} made content tabs (=== "npm"), '
            f"{plural(outcome.toc_markers, '[[toc]] marker')} made [TOC], "
            f"{outcome.code_imports} code imports and includes (<<< @/file, <!--@include: file-->) expanded"
        )
    if outcome.myst_directives or outcome.myst_roles or outcome.myst_includes:
        myst = (
            f"MyST: {plural(outcome.myst_directives, 'directive')} ({{note}}, {{tab-item}}, {{code-block}}, {{figure}})"
            f" and {plural(outcome.myst_roles, 'role')} ({{ref}}, {{doc}}, {{kbd}}) made Markdown"
        )
        if outcome.myst_includes:
            myst += f"; {plural(outcome.myst_includes, 'include')} ({{include}}, {{literalinclude}}) expanded"
        if outcome.fragments and not (outcome.includes_expanded or outcome.includes_left):
            pages = "a page" if outcome.fragments == 1 else "pages"
            myst += f"; {plural(outcome.fragments, 'included file')} not adopted as {pages} (the text is in its pages)"
        lines.append(myst)
    _section("MyST directives and roles left as written", outcome.of_kind("myst"), lines)
    _section("page addresses and aliases not mapped", outcome.of_kind("address"), lines)
    if outcome.includes_expanded or outcome.includes_left:
        left = f"{outcome.includes_left} left as written{' (listed above)' if outcome.includes_left else ''}"
        directive = "include directive" if outcome.gitbook else "[!INCLUDE] directive"
        line = f"includes: {plural(outcome.includes_expanded, directive)} expanded, {left}"
        if outcome.fragments == 1:
            line += "; 1 included file not adopted as a page (its text is in the pages that include it)"
        elif outcome.fragments:
            line += f"; {outcome.fragments} included files not adopted as pages (their text is in the pages that "
            line += "include them)"
        lines.append(line)
    reusable = sorted(path for path in outcome.unused_includes if "/.gitbook/includes/" in f"/{path}")
    snippets = sorted(path for path in outcome.unused_includes if path not in reusable)
    if snippets:
        lines.append(
            f"not carried: {plural(len(snippets), 'file')} in an includes/ folder that no page "
            "includes (snippets, which a DocFX site never shows as pages; to publish one as a page, move it out of "
            "includes/ in the source first):"
        )
        lines.extend(f"  {path}" for path in snippets)
    if reusable:
        lines.append(
            f"not carried: {plural(len(reusable), 'file')} of GitBook's reusable content (.gitbook/includes/) "
            "that no page includes (never a page of the book; to publish one, include it in a page first):"
        )
        lines.extend(f"  {path}" for path in reusable)
    if outcome.climbing_paths:
        lines.append(
            f"{plural(outcome.climbing_paths, 'path')} out of the adopted folder and back into it (such as "
            "../../../articles/media/a.png) now written from inside it: as written they lead nowhere in content/"
        )
    if outcome.case_paths:
        lines.append(
            f"{plural(outcome.case_paths, 'path')} to a file in another letter case (../psa/FAQ-bookings.md for "
            "faq-bookings.md) now spelt as the file is: a case-insensitive site served them, a case-sensitive one "
            "would not"
        )
    if outcome.tocs_read:
        lines.append(
            f"sections named by {plural(outcome.tocs_read, 'TOC.yml file')}: "
            f"{plural(outcome.toc_sections, 'section index.md file')} written with the TOC's title and order"
            + (
                f"; {len(outcome.toc_kept)} already in the content folder, kept as they are:"
                if outcome.toc_kept
                else ""
            )
        )
        lines.extend(f"  {path}" for path in sorted(outcome.toc_kept))
    if outcome.categories_read:
        lines.append(
            f"sections named by {plural(outcome.categories_read, '_category_ file')}: "
            f"{plural(outcome.category_sections, 'section index.md file')} written with the category's label, "
            "position and description"
        )
    lines += gitbook_lines(outcome)
    lines += [outcome.mkdocs_nav] if outcome.mkdocs_nav else []
    lines += [outcome.myst_toctrees] if outcome.myst_toctrees else []
    lines += _language_lines(outcome)
    if outcome.translation_docs:
        lines.append(
            f"a Docusaurus translation: sections named by {plural(outcome.default_categories, '_category_ file')} of "
            f"{outcome.translation_docs}, {outcome.translated_categories} of their labels translated by "
            f"{outcome.translation_file or 'no current.json (none beside the folder)'}"
        )
    if outcome.untranslated_links:
        lines.append(
            f"{plural(outcome.untranslated_links, 'link')} to pages and images not translated now lead to the default "
            "language's adopted files (../en/...), as Docusaurus falls back to them"
        )
    if outcome.links_into_tree or outcome.links_to_site:
        lines.append(
            f"links to the published site: {outcome.links_into_tree} now relative, to the adopted page they named; "
            f"{outcome.links_to_site} now absolute addresses on that site"
        )
    if outcome.root_links:
        lines.append(
            f"{plural(outcome.root_links, 'link')} in {plural(outcome.root_link_pages, 'page')} "
            f"{'starts' if outcome.root_links == 1 else 'start'} at a site's root (/x/y): written for the site these "
            "pages were published on, they lead nowhere on the help center and `kbgen check` reports each; adopt "
            "with --published-at URL (where the source was published) to point them at the adopted pages or at "
            "that site"
        )
    lines += foreign_lines(outcome, extensions)
    suggested = suggested_foreign_keys(outcome.foreign_keys, configured)
    if suggested != sorted(configured):
        lines.append("add to the kbgen plugin options in mkdocs.yml, so the source's own keys pass `kbgen check`:")
        lines.append(f"  {foreign_keys_line(suggested)}")
    return "\n".join(lines) + "\n"


def _language_lines(outcome: Outcome) -> list[str]:
    """What the language in the files' names decided (`install.fr.md` beside `install.md`), and the locale folders
    left to their own --lang."""
    lines = [_locale_line(outcome)] if outcome.locale_folders else []
    if not outcome.named_by_language:
        return lines
    line = (
        f"files named by language (install.fr.md beside install.md; names without one taken as "
        f"'{outcome.untagged_lang}'): {plural(outcome.renamed_by_language, 'file')} adopted under the name without "
        "the language, so each lands at its source's path"
    )
    if outcome.other_languages:
        counts = ", ".join(f"{code} {n}" for code, n in sorted(outcome.other_languages.items()))
        line += f"; pages in other languages not adopted ({counts}): adopt each with its own --lang"
    return [*lines, line]


def _locale_line(outcome: Outcome) -> str:
    folders = ", ".join(f"{name}/ ({plural(n, 'page')})" for name, n in sorted(outcome.locale_folders.items()))
    first = min(outcome.locale_folders)
    return (
        f"locale folders beside the root language, not adopted: {folders}; adopt each on its own, at the same paths, "
        f"so translations pair: kbgen adopt {(outcome.source / first).as_posix()} --lang {first}"
    )
