"""Docusaurus' `<Link to="...">words</Link>` adopted as the Markdown link `[words](...)`, whose address is then
pointed at the adopted page like any other link's, rather than unwrapped to bare words that lead nowhere.

The Tabs page is trimmed from facebook/docusaurus (MIT License), website/docs/guides/markdown-features/
markdown-features-tabs.mdx; the page linking to it is written for the test in the same style.
"""

from __future__ import annotations

from pathlib import Path

from kbgen.adopt.mdx_links import convert_links
from tests.adopt.conftest import Run, adopt, body_of
from tests.adopt.test_adopt_includes import summary_lines
from tests.adopt.test_adopt_mdx import TABS_PAGE, _tree
from tests.support.project import Site

INTRO = """\
---
title: Guides
---

import Link from '@docusaurus/Link';

Show choices side by side with <Link to="/markdown-features/tabs">tabs</Link>, or read the
<Link className="button" href="https://docusaurus.io/docs">Docusaurus docs</Link>.

<Link to={useBaseUrl('/img/logo.svg')}>the logo</Link>
"""


def test_a_link_component_becomes_a_markdown_link_pointed_at_the_adopted_page(
    tmp_path: Path, site: Site, run_kbgen: Run
) -> None:
    source = _tree(tmp_path, {"guides/intro.mdx": INTRO, "guides/markdown-features/tabs.mdx": TABS_PAGE})
    result = adopt(run_kbgen, site, source, "--owner", "docs")
    body = body_of((site.content / "en" / "guides" / "intro.md").read_bytes()).decode("utf-8")
    # the slug the Link named is the adopted page's path now, as for a Markdown link
    assert "side by side with [tabs](markdown-features/tabs.md), or read the" in body
    assert "[Docusaurus docs](https://docusaurus.io/docs)." in body
    assert "<Link" not in body and "the logo" in body  # an address computed by JavaScript: unwrapped, named
    lines = summary_lines(result.stdout, source)
    assert any("2 <Link>s made Markdown links" in line for line in lines)
    assert "  SRC/guides/intro.mdx:10: <Link> taken out, its text kept: kbgen cannot run the component" in lines


def test_only_a_link_with_an_address_and_words_on_one_line_is_converted() -> None:
    assert convert_links('<Link to="a b">x [1]</Link>').text == r"[x \[1\]](<a b>)"
    assert convert_links("<Link to={'/docs/x'}>X</Link>").text == "[X](/docs/x)"
    assert convert_links('`<Link to="/x">X</Link>`').links == 0  # code is an example
    card = '<Link to="./a">\n  <h2>A</h2>\n</Link>'
    assert convert_links(card).text == card  # a card spanning lines: the component step keeps its text
    nested = '<Link to="./a"><Icon /> A</Link>'
    assert convert_links(nested).text == nested
