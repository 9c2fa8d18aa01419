"""The steps that rewrite what another generator's syntax means in an adopted body, each counted and its leftovers
noted with file:line: MDX (kbgen.adopt.mdx_prepare, kbgen.adopt.mdx_components), Hugo shortcodes
(kbgen.adopt.hugo_shortcodes), GitBook's block tags (kbgen.adopt.gitbook_blocks), VitePress' extensions
(kbgen.adopt.vitepress_syntax) and links by a page's address (kbgen.adopt.page_addresses)."""

from __future__ import annotations

import dataclasses
import re
from pathlib import Path, PurePosixPath

from kbgen.adopt.gitbook_blocks import convert_gitbook_blocks, uses_gitbook_blocks
from kbgen.adopt.gitbook_figures import convert_figures
from kbgen.adopt.hugo_shortcodes import Resolve, convert_shortcodes
from kbgen.adopt.mapping import Note
from kbgen.adopt.mdx_components import convert_components
from kbgen.adopt.mdx_links import convert_links
from kbgen.adopt.mdx_prepare import looks_like_mdx, prepare
from kbgen.adopt.myst_directives import convert_directives, uses_directives
from kbgen.adopt.myst_includes import expand_includes, uses_includes
from kbgen.adopt.myst_roles import MystIndex, convert_roles, uses_myst_inline
from kbgen.adopt.outcome import Outcome
from kbgen.adopt.page_addresses import Addresses
from kbgen.adopt.source_file import SourceFile
from kbgen.adopt.starlight_components import convert_starlight
from kbgen.adopt.vitepress_syntax import convert_vitepress, uses_vitepress_syntax
from kbgen.links.code_mask import mask_blocks

# a definition: `: text` right under its term, or one blank line below it (Python-Markdown's def_list)
_DEFINITION = re.compile(r"^[^\s:][^\n]*\n(?:[ \t]*\n)?:[ \t]+\S", re.M)


def with_text(source: SourceFile, text: str) -> SourceFile:
    """The source with `text` as its body (in the source's own line endings)."""
    if text == source.text_body:
        return source
    return dataclasses.replace(source, text_body=text, body=text.replace("\n", source.newline).encode("utf-8"))


def is_mdx(rel: PurePosixPath, source: SourceFile) -> bool:
    return rel.suffix.lower() == ".mdx" or looks_like_mdx(source.text_body)


def drop_mdx_scripts(outcome: Outcome, source: SourceFile) -> SourceFile:
    """MDX's import/export statements blanked, mdx-code-block fences read as text, JSX comments made HTML ones."""
    prepared = prepare(source.text_body)
    outcome.mdx_pages += 1
    outcome.mdx_statements += prepared.statements
    outcome.mdx_blocks += prepared.unwrapped
    return with_text(source, prepared.text)


def mdx_links(outcome: Outcome, source: SourceFile) -> SourceFile:
    """Docusaurus' `<Link to>` made Markdown links, before the page's links are pointed at adopted files."""
    converted = convert_links(source.text_body)
    outcome.mdx_links += converted.links
    return with_text(source, converted.text)


def mdx_components(outcome: Outcome, display: str, source: SourceFile) -> SourceFile:
    """Docusaurus' tabs made content tabs; other components unwrapped, each noted."""
    converted = convert_components(source.text_body, source.body_line)
    outcome.tab_sets += converted.tab_sets
    outcome.notes.extend(Note("mdx", display, left.line, left.message) for left in converted.unconverted)
    return with_text(source, converted.text)


def starlight_components(outcome: Outcome, source: SourceFile, mdx: bool) -> SourceFile:
    """Starlight's asides, steps, file trees, cards and badges made Markdown (in an MDX page; a badge, VitePress'
    too, in any page), before the page's links are pointed at adopted files."""
    if not mdx and "<Badge" not in source.text_body:
        return source
    converted = convert_starlight(source.text_body)
    outcome.starlight_components += converted.components
    return with_text(source, converted.text)


def myst_syntax(outcome: Outcome, display: str, rel: PurePosixPath, source: SourceFile, index: MystIndex) -> SourceFile:
    """MyST's directives made admonitions, tabs, fences and images; its roles links and text, its `(label)=`
    targets heading ids, its `%` comments gone; its includes expanded first; what is left is noted with the line
    the writer wrote it on."""
    origins: list[int] = []
    if uses_includes(source.text_body):
        included = expand_includes(source.text_body, Path(outcome.source), rel, source.body_line)
        outcome.myst_includes += included.expanded
        outcome.notes.extend(Note("myst", display, left.line, left.message) for left in included.left)
        source, origins = with_text(source, included.text), included.origins

    def written(line: int) -> int:  # a line of the expanded text, as the page numbers it
        index = line - source.body_line
        return origins[index] if 0 <= index < len(origins) else line

    if uses_directives(source.text_body):
        directives = convert_directives(source.text_body, source.body_line)
        outcome.myst_directives += directives.directives
        outcome.notes.extend(Note("myst", display, written(left.line), left.message) for left in directives.left)
        source = with_text(source, directives.text)
    if uses_myst_inline(source.text_body):
        roles = convert_roles(source.text_body, rel, index, source.body_line)
        outcome.myst_roles += roles.roles
        outcome.notes.extend(Note("myst", display, written(left.line), left.message) for left in roles.left)
        source = with_text(source, roles.text)
    return source


def hugo_shortcodes(
    outcome: Outcome, display: str, rel: PurePosixPath, source: SourceFile, resolve: Resolve
) -> SourceFile:
    """Refs made relative paths, callouts admonitions, code shortcodes fences; the rest noted."""
    if "{{" not in source.text_body:
        return source
    converted = convert_shortcodes(source.text_body, rel, resolve, source.body_line)
    outcome.shortcode_refs += converted.refs
    outcome.shortcode_callouts += converted.callouts
    outcome.shortcode_code += converted.code
    outcome.shortcode_figures += converted.figures
    outcome.shortcode_details += converted.details
    outcome.notes.extend(Note("shortcode", display, left.line, left.message) for left in converted.left)
    return with_text(source, converted.text)


def gitbook_blocks(outcome: Outcome, display: str, source: SourceFile) -> SourceFile:
    """Hints made admonitions, tabs content tabs, code titles fence titles, embeds and files links; a page whose
    blocks do not nest is left as written, and noted. GitBook's one-line figures are made Markdown images."""
    figures = convert_figures(source.text_body)
    outcome.gitbook_figures += figures.converted
    source = with_text(source, figures.text)
    if not uses_gitbook_blocks(source.text_body):
        return source
    converted = convert_gitbook_blocks(source.text_body, source.body_line)
    outcome.gitbook_blocks += converted.blocks
    outcome.notes.extend(Note("gitbook", display, line, f"{why}; the page's GitBook blocks were left as written")
                         for line, why in converted.left)  # fmt: skip
    return with_text(source, converted.text)


def vitepress_syntax(outcome: Outcome, display: str, rel: PurePosixPath, source: SourceFile) -> SourceFile:
    """Code groups made content tabs, `[[toc]]` markers `[TOC]`, code imports expanded; an import left is noted."""
    if not uses_vitepress_syntax(source.text_body):
        return source
    converted = convert_vitepress(source.text_body, Path(outcome.source), rel, source.body_line)
    outcome.code_groups += converted.code_groups
    outcome.toc_markers += converted.tocs
    outcome.code_imports += converted.imports
    outcome.notes.extend(Note("vitepress", display, left.line, left.message) for left in converted.left)
    return with_text(source, converted.text)


def included_text(text: str, rel: PurePosixPath, first_line: int, resolve: Resolve, gitbook: bool) -> str:
    """An included file's text converted as a page's is before its includes are expanded: its Hugo shortcodes (refs
    found from the included file), and in a GitBook tree its hints, tabs and figures. What cannot be converted stays
    as written: `kbgen check` warns of it (KB150) in the page it went into."""
    if "{{" in text:
        text = convert_shortcodes(text, rel, resolve, first_line).text
    return gitbook_text(text, first_line) if gitbook else text


def gitbook_text(text: str, first_line: int) -> str:
    """An included GitBook file's text converted as a page's is (its hints, tabs and figures), before it goes in."""
    text = convert_figures(text).text
    return convert_gitbook_blocks(text, first_line).text if uses_gitbook_blocks(text) else text


def page_addresses(
    outcome: Outcome, display: str, rel: PurePosixPath, source: SourceFile, addresses: Addresses
) -> SourceFile:
    """Links by a page's id, slug, alias or old file name made the relative path to its adopted file."""
    pointed = addresses.point(source.text_body, rel, source.body_line)
    outcome.address_links += pointed.mapped
    outcome.notes.extend(Note("address", display, line, message) for line, message in pointed.unmapped)
    return with_text(source, pointed.text)


def count_definition_lists(outcome: Outcome, source: SourceFile) -> None:
    """Pages with a definition list, which shows as a list only with the def_list extension."""
    if "\n:" in source.text_body and _DEFINITION.search(mask_blocks(source.text_body)):
        outcome.definition_lists += 1
