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
    ],
)
def test_redirect_paths_normalize_to_site_paths(entry: str, expected: str) -> None:
    assert normalize_old_path(entry) == (expected, "")


@pytest.mark.parametrize(
    "entry", ["https://evil.example", "//evil.example/x", "../../../x", "en/../../x", "en/a b", "", "/", 'a"><x']
)
def test_redirect_paths_outside_the_site_are_refused(entry: str) -> None:
    path, reason = normalize_old_path(entry)
    assert path is None and reason
