"""Unit tests: heading ids agree with the real renderer, link positions, resolution styles, redirect paths."""

from __future__ import annotations

import re
import time
from html import unescape

import markdown
import pytest
from pymdownx.slugs import slugify as pymdownx_slugify

from kbgen.links.anchors import page_anchors
from kbgen.links.extract import extract_links, link_targets
from kbgen.links.redirects import normalize_old_path
from kbgen.links.slugs import slugify
from kbgen.render.renderer_source import renderer_source

HEADINGS = """# Title

## Şifrenizi sıfırlayın

## The **Billing** `tab_name` & more

## Intro

## Intro

## Custom {#my-id}

Setext heading
--------------

## [Link](x.md) and ![img](y.png) in heading

## 账单与发票

## Intro_1

```
## not a heading
```

!!! note "X"
    ## Heading in admonition

<a id="raw-anchor"></a>

## Ünicode: café — naïve?

## snake_case_name and *emph* _under_

    # indented code
"""


def rendered_ids(body: str) -> set[str]:
    md = markdown.Markdown(
        extensions=["attr_list", "admonition", "tables", "pymdownx.superfences", "toc"],
        extension_configs={"toc": {"slugify": slugify, "permalink": True}},
    )
    return set(re.findall(r' id="([^"]+)"', md.convert(body)))


def test_heading_ids_match_the_renderer_exactly() -> None:
    assert page_anchors(HEADINGS) == rendered_ids(HEADINGS)
    assert {"şifrenizi-sıfırlayın", "账单与发票", "intro_1", "intro_2", "my-id"} <= page_anchors(HEADINGS)


@pytest.mark.parametrize("text", ["Şifrenizi sıfırlayın", "账单 与 发票", "A & B", "Çok  boşluk", "Ünïcode <b>x</b>"])
def test_slugify_follows_pymdownx_lowercase_unicode(text: str) -> None:
    assert slugify(text, "-") == pymdownx_slugify(case="lower")(text, "-")


def test_link_positions_count_front_matter_lines_and_characters() -> None:
    links = extract_links("Intro line.\n    [x](missing.md) and ![ü](a.png)\n", first_line=8)
    assert [(link.kind, link.target, link.line, link.column) for link in links] == [
        ("link", "missing.md", 9, 5),
        ("image", "a.png", 9, 25),
    ]


def test_links_in_code_are_not_links() -> None:
    body = "`[a](a.md)`\n\n```\n[b](b.md)\n```\n\n    [c](c.md)\n\n<!-- [d](d.md) -->\n[e](e.md)\n"
    assert [link.target for link in extract_links(body)] == ["e.md"]


def test_a_link_whose_text_wraps_is_found_on_its_first_line() -> None:
    (link,) = extract_links("See [the long\nname](x.md).\n", first_line=3)
    assert (link.line, link.column, link.target) == (3, 5, "x.md")


def test_link_targets_say_where_each_target_is_written_after_code_blocks_too() -> None:
    body = (
        "```\n[a](code.md)\n```\n"
        'See [b](<b c.md> "t"), ![i](i.png){: .x}, [r][1] and `[s](s.md)`.\n'
        "<img src='h.png'> <https://example.com>\n\n[1]:  <ref.md>\n"
    )
    spans = link_targets(body)
    assert [(kind, target) for kind, target, _ in spans] == [
        ("link", "b c.md"),
        ("image", "i.png"),
        ("html-image", "h.png"),
        ("autolink", "https://example.com"),
        ("definition", "ref.md"),
    ]
    assert all(body[at : at + len(target)] == target for _, target, at in spans)


def rendered_addresses(body: str) -> list[str]:
    html = markdown.markdown(body, extensions=["attr_list", "tables"])
    return [unescape(address) for address in re.findall(r' (?:href|src)="([^"]*)"', html)]


@pytest.mark.parametrize(
    "body",
    [
        '[t](file_name.md "Click "Save" first")',  # a title may quote words
        "[t](file_name.md 'Don't forget')",
        '[t](file_name.md "Say \\"hi\\"")',
        '[t](file_name.md"no space")',
        '[t](file_name.md "x (y)")',
        '[t](file_name.md "ends in )")',
        '[t](file_name.md "one" "two")',
        "[t](file\\_name.md)",  # pandoc and other converters escape underscores
        "[t](file_name.md#step\\_2)",
        "![i](screen\\_shot.png 'The \"Save\" button')",
        "[t](<file\\_name.md> 't')",
        "[t](a\\)b.md)",
        "[t](file_name.md (title))",  # not a title to Python-Markdown: part of the address
        "[t](don't.md)",
        "[t](a(b)c.md)",
        "[a](b.md) [c](d.md 'e') [f](g.md)",
    ],
)
def test_an_inline_link_s_address_is_the_one_the_page_gets(body: str) -> None:
    assert [link.target for link in extract_links(body)] == rendered_addresses(body)


def test_link_targets_give_an_escaped_address_as_written_for_a_rewrite() -> None:
    body = 'See [a](file\\_name.md "it\'s "here"") and ![b](x\\_y.png).\n'
    spans = link_targets(body)
    assert [target for _, target, _ in spans] == ["file\\_name.md", "x\\_y.png"]
    assert all(body[at : at + len(target)] == target for _, target, at in spans)


def test_a_raw_html_tag_with_a_quoted_greater_than_sign_is_still_checked() -> None:
    """A menu path in alt or title text ("Settings > Security") hid the tag's src and href from the link check."""
    body = '<img alt="Settings > Security" src="missing.png">\n\n<a title=\'Open > Save\' href="gone.md" id="x">s</a>\n'
    assert [(link.kind, link.target) for link in extract_links(body)] == [
        ("html-image", "missing.png"),
        ("html-link", "gone.md"),
    ]
    assert "x" in page_anchors(body)


@pytest.mark.parametrize(
    "body",
    [
        "<a " * 40_000,  # tags that never close: each was scanned to the end of the file
        "<img \n\n" * 30_000,  # in paragraphs too small for the render budget to refuse
        "<a id=x " * 15_000,
        '<a title="' * 12_000,
        "<!--" * 30_000,  # comments that never close
        "`` x `" * 20_000,  # code spans that never close
    ],
)
def test_hostile_raw_html_comments_and_code_spans_are_scanned_in_linear_time(body: str) -> None:
    """Each took `kbgen check` 20 to 40 s at 100 KB, and minutes at the 1 MiB file cap."""
    start = time.process_time()
    extract_links(body)
    page_anchors(body)
    assert time.process_time() - start < 2


@pytest.mark.parametrize(
    ("entry", "expected"),
    [
        ("en/billing/old/", "en/billing/old/"),
        ("/en/billing/old", "en/billing/old/"),
        ("en/billing/old.md", "en/billing/old/"),
        ("en/billing/old/index.md", "en/billing/old/"),
        ("en/old.html", "en/old.html"),
        (" en/billing/old.md ", "en/billing/old/"),  # spaces around are no part of it (KB310 says so)
    ],
)
def test_redirect_paths_normalize_to_site_paths(entry: str, expected: str) -> None:
    assert normalize_old_path(entry) == (expected, "")


@pytest.mark.parametrize(
    "entry",
    [
        "https://evil.example",
        "//evil.example/x",
        "../../../x",
        "en/../../x",
        "en/a b",
        "",
        "/",
        'a"><x',
        "en/a\u200b/",
        "en/a\u00a0b/",
        "\ufeffen/a/",  # invisible: an address nobody can type
    ],
)
def test_redirect_paths_outside_the_site_are_refused(entry: str) -> None:
    path, reason = normalize_old_path(entry)
    assert path is None and reason


HTML_BLOCKS = [
    "<div>\n[a](a.md)\n\n[b](b.md)\n</div>\n\n[c](c.md)\n",
    "text\n<div>[a](a.md)</div>\n",
    "<p>[a](a.md)</p> and [b](b.md)\n",
    "<div><br>[a](a.md)</div> [b](b.md)\n",
    "   <section>[a](a.md)</section>\n\n    <div>[b](b.md)</div>\n",
    "Inline <span>[a](a.md)</span> <div>[b](b.md)</div>.\n",
    "<div>\n<div>[a](a.md)</div>\n[b](b.md)\n</div>\n[c](c.md)\n",
    "<div>never closed\n\n[a](a.md)\n",
    "<hr>\n[a](a.md)\n\n<div/>\n[b](b.md)\n",
    '<div markdown="1">\n[a](a.md) <a href="raw.md">raw</a>\n</div>\n',
    "```html\n<div>\n```\n\n[a](a.md)\n\n`<div>` [b](b.md)\n",
    "- item\n\n  <div>[a](a.md)</div>\n\n  [b](b.md)\n",
    "<table><tr><td>[a](a.md)</td></tr></table>\n\n<https://example.com/x>\n",
    "<details>\n<summary>Q [s](s.md)</summary>\n\nAnswer [a](a.md).\n</details>\n",
    '<div class="faq">\n<div class="inner">\n[n](n.md)\n</div>\n\n[a](a.md) <a href="raw.md">r</a>\n</div>\n',
    "1. Step\n\n    <details>\n    <summary>More</summary>\n\n    [a](a.md)\n    </details>\n",
    '<details markdown="0">\n\n[a](a.md)\n</details>\n<table>\n<tr><td>x</td>\n\n<td>[b](b.md)</td></tr>\n</table>\n',
]


@pytest.mark.parametrize("markdown_in_html", [False, True])
@pytest.mark.parametrize("body", HTML_BLOCKS)
def test_links_the_check_reads_are_the_links_the_renderer_makes(body: str, markdown_in_html: bool) -> None:
    """Markdown in a raw HTML block is text on the page (to Python-Markdown, up to the block's end tag, blank lines
    included); `markdown="1"` makes it Markdown only with md_in_html, as does a blank line in a `<div>` or a
    `<details>` (GitHub reads Markdown after it). A raw `<a href>` is a link wherever it is."""
    extensions = ["admonition", "pymdownx.superfences", "attr_list", "tables", "sane_lists"]
    rendered = markdown.markdown(
        renderer_source(body), extensions=[*extensions, *(["md_in_html"] if markdown_in_html else [])]
    )
    made = sorted(re.findall(r'<a href="([^"]*)"', rendered))
    read = sorted(
        link.target
        for link in extract_links(body)
        if link.kind in ("link", "html-link", "autolink") and link.shown(markdown_in_html)
    )
    assert read == made


TABS = [
    '=== "A"\n\n    [a](a.md)\n\n=== "B"\n    [b](b.md)\n\n        code [c](c.md)\n',
    '===+ "A"\n    ```js title="x.js" showLineNumbers\n    [x](x.md)\n    ```\n    [y](y.md)\n\n[z](z.md)\n',
    '- Step\n\n    === "Windows"\n\n        [w](w.md)\n\n    ===! "Mac"\n        [m](m.md)\n',
]


@pytest.mark.parametrize("body", TABS)
def test_links_in_content_tabs_are_the_links_the_renderer_makes(body: str) -> None:
    """A content tab's text is indented under its `=== "Label"` line, like a note's: Markdown, not code."""
    extensions = ["admonition", "pymdownx.superfences", "attr_list", "sane_lists", "pymdownx.tabbed"]
    rendered = markdown.markdown(renderer_source(body), extensions=extensions)
    made = sorted(re.findall(r'<a href="([^"]*)"', rendered))
    read = sorted(link.target for link in extract_links(body) if link.kind == "link")
    assert read == made and made


HEADINGS_IN_HTML = [
    "<div>\n## Hidden\n\n## Also hidden {#custom}\n</div>\n\n## Shown\n",
    '<details id="more">\n<summary>More</summary>\n\n## Inside\n</details>\n\n## Inside\n',
    '<div markdown="1">\n## Read with md_in_html\n</div>\n\n## After\n',
    "## Twice\n\n<div>\n## Twice\n</div>\n\n## Twice\n",
    "<details>\n<summary>Question</summary>\n\n## In the answer\n\n<div>\n## Raw inside\n</div>\n</details>\n",
]


@pytest.mark.parametrize("markdown_in_html", [False, True])
@pytest.mark.parametrize("body", HEADINGS_IN_HTML)
def test_ids_the_check_knows_are_the_ids_the_renderer_makes_around_raw_html(body: str, markdown_in_html: bool) -> None:
    """A heading in a raw HTML block is text, so no `#fragment` may pass for it (nor count in its slug's `_1`);
    an `id` attribute there is an anchor."""
    md = markdown.Markdown(
        extensions=["attr_list", "toc", *(["md_in_html"] if markdown_in_html else [])],
        extension_configs={"toc": {"slugify": slugify}},
    )
    assert page_anchors(body, markdown_in_html) == set(re.findall(r' id="([^"]+)"', md.convert(renderer_source(body))))
