"""One Markdown converter serves a process's pages (kbgen.mkdocs_plugin.page_reading): every page must still come out
exactly as MkDocs' own `Page.render`, with a new converter, makes it, whatever pages were converted before it."""

from __future__ import annotations

import itertools
from pathlib import Path
from typing import Any

import markdown  # type: ignore[import-untyped]
import pytest
from markdown.blockparser import BlockParser  # type: ignore[import-untyped]
from markdown.extensions import Extension  # type: ignore[import-untyped]
from markdown.preprocessors import Preprocessor  # type: ignore[import-untyped]
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page

from kbgen.mkdocs_plugin.page_reading import render

# Each page uses what an extension keeps of a document: abbreviations, footnotes, heading ids, tab groups, stashed
# fences and HTML blocks, and links into another page's headings.
PAGES = {
    "en/a.md": """# Single sign-on

*[SSO]: Single sign-on

Turn on SSO.[^1] See [setup](b.md#setup).

[^1]: Admins only.

## Setup

=== "Windows"

    Press ++ctrl+alt+del++.

=== "macOS"

    ```bash
    echo done
    ```

<div markdown="1">
*Inside* a block.
</div>

## Setup
""",
    "en/b.md": """# Setup

SSO is not expanded here, and no footnote is listed.

## Setup

=== "Only tab"

    Text.

- [x] done
- [ ] to do

Term
: Definition
""",
    "en/c.md": """Plain text with ~~struck~~ words and no heading.

!!! note "A note"
    Body with `code`.

??? tip "Closed"
    Hidden.
""",
}

EXTENSIONS: list[Any] = [
    "toc", "tables", "fenced_code", "admonition", "abbr", "footnotes", "attr_list", "md_in_html", "def_list",
    "sane_lists", "pymdownx.superfences", "pymdownx.tabbed", "pymdownx.details", "pymdownx.tasklist",
    "pymdownx.keys", "pymdownx.tilde",
]  # fmt: skip


def _config(tmp_path: Path, extensions: list[Any]) -> MkDocsConfig:
    config = MkDocsConfig()
    config.load_dict(
        {
            "site_name": "Help",
            "docs_dir": str(tmp_path),
            "markdown_extensions": extensions,
            "mdx_configs": {},
        }
    )
    config.validate()
    config.mdx_configs.update({"pymdownx.tabbed": {"alternate_style": True}, "toc": {"permalink": True}})
    return config


def _pages(tmp_path: Path) -> tuple[Files, dict[str, File]]:
    files = {uri: File(uri, str(tmp_path), str(tmp_path / "site"), True) for uri in PAGES}
    return Files(list(files.values())), files


def _shown(page: Page) -> tuple[Any, ...]:
    return (
        page.content,
        [(item.title, item.id, [child.id for child in item.children]) for item in page.toc],
        page._title_from_render,
        sorted(page.present_anchor_ids),
        {target.src_uri: links for target, links in (page.links_to_anchors or {}).items()},
    )


def _as_mkdocs(tmp_path: Path, config: MkDocsConfig, uri: str) -> tuple[Any, ...]:
    files, by_uri = _pages(tmp_path)
    page = Page(None, by_uri[uri], config)
    page.markdown = PAGES[uri]
    page.render(config, files)  # MkDocs' own: a new converter
    return _shown(page)


@pytest.mark.parametrize("order", list(itertools.permutations(PAGES)), ids="-".join)
def test_each_page_renders_as_with_a_converter_of_its_own(tmp_path: Path, order: tuple[str, ...]) -> None:
    config = _config(tmp_path, EXTENSIONS)
    expected = {uri: _as_mkdocs(tmp_path, config, uri) for uri in PAGES}
    files, by_uri = _pages(tmp_path)
    for uri in [*order, *order]:  # each page twice, after each of the others
        page = Page(None, by_uri[uri], config)
        page.markdown = PAGES[uri]
        render(page, config, files)
        assert _shown(page) == expected[uri], uri
    assert "Single sign-on" in expected["en/a.md"][0] and "fn:1" in expected["en/a.md"][0]  # the features are used


class _Counting(Preprocessor):  # type: ignore[misc]
    """Numbers the documents its converter has converted: state an extension keeps across documents."""

    def __init__(self) -> None:
        super().__init__()
        self.seen = 0

    def run(self, lines: list[str]) -> list[str]:
        self.seen += 1
        return [*lines, "", f"Document {self.seen}."]


class CountingExtension(Extension):  # type: ignore[misc]
    def extendMarkdown(self, md: markdown.Markdown) -> None:
        md.preprocessors.register(_Counting(), "counting", 0)


def test_an_extension_kbgen_has_not_read_gets_a_new_converter_for_every_page(tmp_path: Path) -> None:
    config = _config(tmp_path, [*EXTENSIONS, f"{__name__}:CountingExtension"])
    files, by_uri = _pages(tmp_path)
    for uri in [*PAGES, *PAGES]:
        page = Page(None, by_uri[uri], config)
        page.markdown = PAGES[uri]
        render(page, config, files)
        assert page.content is not None and "<p>Document 1.</p>" in page.content, uri


def test_a_page_that_fails_half_way_leaves_nothing_to_the_next(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A conversion that stops inside a nested block leaves the parser's state stack as it was then: the next page
    must not be parsed as if it were still inside that block."""
    config = _config(tmp_path, EXTENSIONS)
    expected = _as_mkdocs(tmp_path, config, "en/b.md")
    files, by_uri = _pages(tmp_path)
    parse_blocks = BlockParser.parseBlocks

    def stop_inside(self: BlockParser, parent: Any, blocks: list[str]) -> None:
        if self.state:  # inside a list item: the state the list set is still on
            raise RuntimeError("stopped half-way")
        parse_blocks(self, parent, blocks)

    broken = Page(None, by_uri["en/b.md"], config)
    broken.markdown = "- one\n\n    more of one\n\n- two\n"
    with monkeypatch.context() as patched:
        patched.setattr(BlockParser, "parseBlocks", stop_inside)
        with pytest.raises(RuntimeError, match="half-way"):
            render(broken, config, files)
    page = Page(None, by_uri["en/b.md"], config)
    page.markdown = PAGES["en/b.md"]
    render(page, config, files)
    assert _shown(page) == expected
