"""The body sanitiser: hostile raw HTML never survives, and the markup Markdown and material produce does."""

from __future__ import annotations

import re
from html.parser import HTMLParser

import markdown
import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st
from jinja2 import Environment
from markupsafe import Markup

from kbgen.render.sanitize import escaped, html_text_escaped, protect_new_tab_links, sanitize_html
from tests.support.canary import SOURCE
from tests.support.site_audit import html_problems

PAYLOADS = [
    "<script>window.__kbxss=1</script>",
    "<SCRIPT SRC=https://evil.example/x.js></SCRIPT>",
    '<img src=x onerror="window.__kbxss=1">',
    "<img src=x onerror=window.__kbxss=1//",
    '<svg onload="window.__kbxss=1"><script>window.__kbxss=1</script></svg>',
    '<a href="javascript:window.__kbxss=1">x</a>',
    '<a href="  JaVaScRiPt:window.__kbxss=1">x</a>',
    '<a href="jav&#x09;ascript:window.__kbxss=1">x</a>',
    '<a href="&#106;avascript:window.__kbxss=1">x</a>',
    '<a href="vbscript:msgbox(1)">x</a>',
    '<a href="data:text/html,&lt;script&gt;window.__kbxss=1&lt;/script&gt;">x</a>',
    '<iframe srcdoc="<script>parent.__kbxss=1</script>"></iframe>',
    '<iframe src="https://evil.example/"></iframe>',
    '<object data="javascript:window.__kbxss=1"></object>',
    '<embed src="javascript:window.__kbxss=1">',
    '<form action="javascript:window.__kbxss=1"><button formaction="javascript:1">go</button></form>',
    '<math><mtext><table><mglyph><style><img src=x onerror="window.__kbxss=1"></style></mglyph></table></mtext></math>',
    '<noscript><p title="</noscript><img src=x onerror=window.__kbxss=1>"></noscript>',
    '<base href="https://evil.example/">',
    '<meta http-equiv="refresh" content="0;url=javascript:window.__kbxss=1">',
    '<link rel="stylesheet" href="https://evil.example/x.css">',
    "<style>@import url(https://evil.example/x.css)</style>",
    '<p style="background:url(https://evil.example/p.png)">x</p>',
    '<details open ontoggle="window.__kbxss=1"><summary>s</summary></details>',
    '<video src="https://evil.example/v.mp4" poster="https://evil.example/p.png"></video>',
    '<img src="https://evil.example/track.png" srcset="https://evil.example/2x.png 2x">',
    '<img src="//evil.example/track.png">',
    '<input type="image" src="https://evil.example/x.png" onfocus="window.__kbxss=1" autofocus>',
    '<a href="https://example.com/" target="_blank" rel="opener">x</a>',
    "<!--<img src=x onerror=window.__kbxss=1>-->",
    '<div id="__config">{"search": "w.js"}</div>',
]


@pytest.mark.parametrize("payload", PAYLOADS)
def test_hostile_html_comes_out_harmless(payload: str) -> None:
    clean = sanitize_html(payload)
    assert html_problems(clean) == []
    assert "__kbxss" not in re.sub(r">[^<]*<", "><", f">{clean}<")  # a payload may survive only as text
    assert "evil.example" not in clean
    assert 'id="__config"' not in clean


def test_comments_are_removed_and_the_text_around_them_kept() -> None:
    assert sanitize_html("<p>before<!-- internal: CANARY-7f3 -->after</p>") == "<p>beforeafter</p>"


def test_new_tab_links_get_noopener_noreferrer_and_other_links_are_left_alone() -> None:
    clean = sanitize_html('<a href="https://example.com/" target="_blank">a</a> <a href="#top">b</a>')
    assert clean == (
        '<a href="https://example.com/" target="_blank" rel="noopener noreferrer">a</a> <a href="#top">b</a>'
    )


def test_theme_new_tab_links_keep_their_other_rel_tokens() -> None:
    page = '<a href="https://social.example/@me" target="_blank" rel="noopener me">m</a>'
    assert protect_new_tab_links(page) == (
        '<a href="https://social.example/@me" target="_blank" rel="noopener noreferrer me">m</a>'
    )


def test_images_may_use_data_urls_and_the_site_itself_but_not_other_hosts() -> None:
    pixel = "data:image/png;base64,iVBORw0KGgo="
    assert sanitize_html(f'<img src="{pixel}" alt="p">') == f'<img src="{pixel}" alt="p">'
    assert sanitize_html('<img src="../pixel.png" alt="p">') == '<img src="../pixel.png" alt="p">'
    assert sanitize_html('<img src="https://cdn.example/p.png" alt="p">') == '<img alt="p">'
    assert sanitize_html(f'<a href="{pixel}">p</a>') == "<a>p</a>"


def test_table_alignment_survives_as_an_attribute_the_csp_allows() -> None:
    rendered = markdown.markdown("| a | b |\n|:--|--:|\n| 1 | 2 |", extensions=["tables"])
    assert 'style="text-align: left;"' in rendered
    clean = sanitize_html(rendered)
    assert '<th align="left">a</th>' in clean and '<td align="right">2</td>' in clean
    assert "style=" not in clean


_VOID = frozenset({"area", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"})


class _Shape(HTMLParser):
    """The element and attribute structure of a fragment, with its text, for before/after comparison.

    Differences only in serialisation are ignored: `<hr/>` or `<hr>`, and the `<tbody>` every HTML parser implies.
    """

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.items: list[object] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag != "tbody" or attrs:
            self.items.append((tag, sorted((name, value or "") for name, value in attrs)))

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)
        self.handle_endtag(tag)  # <path/> in SVG is <path></path>

    def handle_endtag(self, tag: str) -> None:
        if tag not in _VOID and tag != "tbody":
            self.items.append(f"/{tag}")

    def handle_data(self, data: str) -> None:
        if data.strip():
            self.items.append(data.strip())


def _shape(fragment: str) -> list[object]:
    parser = _Shape()
    parser.feed(fragment)
    return parser.items


def _canary_markdown() -> markdown.Markdown:
    """The Markdown extensions of the canary site (admonitions, pymdownx highlight, tabs, tasks, emoji, ...)."""
    config = yaml.unsafe_load((SOURCE / "mkdocs.yml").read_text(encoding="utf-8"))  # our own test file
    names, configs = [], {}
    for entry in config["markdown_extensions"]:
        name, options = next(iter(entry.items())) if isinstance(entry, dict) else (entry, {})
        names.append(name)
        configs[name] = options or {}
    return markdown.Markdown(extensions=names, extension_configs=configs)


def test_material_markup_passes_through_unchanged() -> None:
    source = (SOURCE / "content/en/canary/material-markup.md").read_text(encoding="utf-8").split("---", 2)[2]
    rendered = _canary_markdown().convert(source)
    features = ('class="admonition note"', "<details", 'class="highlighttable"', 'class="tabbed-set', "<time",
                'type="checkbox"', 'class="footnote"', "<abbr", 'class="twemoji"', 'loading="lazy"')  # fmt: skip
    assert [feature for feature in features if feature not in rendered] == []
    expected = re.sub(r' style="text-align: (\w+);"', r' align="\1"', rendered)
    assert _shape(sanitize_html(rendered)) == _shape(expected)


def test_headerlinks_from_toc_survive() -> None:
    rendered = markdown.markdown("## Set up", extensions=["toc"], extension_configs={"toc": {"permalink": True}})
    assert _shape(sanitize_html(rendered)) == _shape(rendered)


@settings(max_examples=300, deadline=None)
@given(
    st.lists(
        st.sampled_from(
            [
                "<",
                ">",
                "/",
                '"',
                "'",
                "=",
                " ",
                "\t",
                "&#",
                "x",
                ";",
                "script",
                "img",
                "svg",
                "a",
                "href",
                "src",
                "onerror",
                "onload",
                "javascript:",
                "data:",
                "<!--",
                "-->",
                "style",
                "math",
                "iframe",
                "`",
                "\\",
            ]
        ),
        max_size=40,
    ).map("".join)
)
def test_no_markup_soup_produces_a_handler_script_or_unsafe_url(soup: str) -> None:
    assert html_problems(sanitize_html(soup)) == []


def test_escaped_titles_are_escaped_exactly_once_by_every_template_filter() -> None:
    title = escaped('T1 <img src=x onerror="alert(1)"> & co')
    env = Environment(autoescape=False)
    for source in ("{{ t }}", "{{ t | e }}", "{{ t | e | e }}"):
        assert env.from_string(source).render(t=title) == "T1 &lt;img src=x onerror=&#34;alert(1)&#34;&gt; &amp; co"
    assert escaped(title) is title  # a second pass changes nothing


def test_heading_titles_become_escaped_plain_text() -> None:
    assert html_text_escaped("H &lt;b&gt; <b>bold</b> 1 &lt; 2") == Markup("H &lt;b&gt; bold 1 &lt; 2")
