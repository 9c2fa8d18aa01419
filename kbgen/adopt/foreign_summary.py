"""Words what adopt made of other generators' syntax (MDX, Hugo shortcodes, page addresses), and the Markdown
extensions the project's mkdocs.yml needs to show it: content tabs and definition lists print as plain text
without theirs."""

from __future__ import annotations

from kbgen.adopt.outcome import Outcome
from kbgen.wording import plural

TABBED = "pymdownx.tabbed"
DEF_LIST = "def_list"
_DEF_LIST_NAMES = frozenset({DEF_LIST, "markdown.extensions.def_list", "extra", "markdown.extensions.extra"})


def foreign_lines(outcome: Outcome, extensions: frozenset[str] | None) -> list[str]:
    """The summary's lines about other generators' syntax; `extensions`: the names mkdocs.yml's
    markdown_extensions lists (None when unknown: nothing is suggested)."""
    lines: list[str] = []
    if outcome.mdx_pages:
        lines.append(
            f"MDX: {plural(outcome.mdx_pages, 'page')} read as Markdown: "
            f"{plural(outcome.mdx_statements, 'import/export statement')} dropped, "
            f"{plural(outcome.mdx_blocks, 'mdx-code-block fence')} unwrapped, "
            f'{plural(outcome.tab_sets, "set")} of <Tabs> made content tabs (=== "Label"), '
            f"{plural(outcome.mdx_links, '<Link>')} made Markdown links; other components are listed above"
        )
    done = outcome.shortcode_refs + outcome.shortcode_callouts + outcome.shortcode_code
    if done + outcome.shortcode_figures + outcome.shortcode_details:
        line = (
            f"Hugo shortcodes: {plural(outcome.shortcode_refs, 'ref/relref')} made relative paths, "
            f"{plural(outcome.shortcode_callouts, 'callout')} made admonitions, "
            f"{plural(outcome.shortcode_code, 'highlight/code-toggle')} made code fences"
        )
        if outcome.shortcode_figures or outcome.shortcode_details:
            line += (
                f", {plural(outcome.shortcode_figures, 'figure')} made images, "
                f"{plural(outcome.shortcode_details, 'details block')} made collapsible notes (??? note)"
            )
        lines.append(line)
    if outcome.gitbook_blocks:
        lines.append(
            f"GitBook: {plural(outcome.gitbook_blocks, 'block')} converted: hints made admonitions, tabs content "
            'tabs (=== "Label"), code titles fence titles, embeds and files links'
        )
    if outcome.gitbook_figures:
        lines.append(
            f"GitBook: {plural(outcome.gitbook_figures, 'figure')} (<figure><img>) made Markdown images, the caption "
            "their title: raw HTML paths are not followed or rewritten"
        )
    if outcome.address_links:
        lines.append(
            f"{plural(outcome.address_links, 'link')} to a page's id, slug, alias or other file name (x.mdx, "
            "_index.md, a GitBook README.md or .gitbook/assets/ file) now the relative path to its adopted file"
        )
    if outcome.redirects:
        what = "GitBook redirects (.gitbook.yaml)" if outcome.gitbook else "Hugo aliases"
        lines.append(
            f"{what}: {outcome.redirects} written as redirect_from entries, so each old address leads to its "
            "page on the help center"
        )
    if extensions is None:
        return lines
    needed: list[str] = []
    tabs = outcome.tab_sets or outcome.gitbook_blocks
    if tabs and TABBED not in extensions:
        needed += [f"  - {TABBED}:", "      alternate_style: true"]
    if outcome.definition_lists and not extensions & _DEF_LIST_NAMES:
        needed.append(f"  - {DEF_LIST}")
    if needed:
        what = " and ".join(
            part
            for part, shown in (
                ("content tabs", tabs and TABBED not in extensions),
                (
                    f"the definition lists of {plural(outcome.definition_lists, 'page')}",
                    outcome.definition_lists and not extensions & _DEF_LIST_NAMES,
                ),
            )
            if shown
        )
        lines.append(f"add to markdown_extensions in mkdocs.yml, so {what} show as such (not as plain text):")
        lines.extend(needed)
    return lines
