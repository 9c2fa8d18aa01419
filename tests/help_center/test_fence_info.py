"""Code fences whose info string says more than a language (Docusaurus' ```bash npm2yarn, ```js config-tabs,
```md title="x" {1-4}) are drawn as code blocks, not as a paragraph followed by everything down to the next fence
as code. The fixture's fences are as facebook/docusaurus' website/docs write them (MIT licence)."""

from __future__ import annotations

import pytest

from kbgen.publishing.site_build import build_site
from kbgen.render.fence_info import renderable_info, with_renderable_fences
from kbgen.render.renderer_source import renderer_source
from tests.support.project import SAMPLE_TODAY, Site, article

BODY = """\
## Installation

```bash npm2yarn
npm install --save @docusaurus/plugin-debug
```

:::tip

You can configure this plugin through the preset options.

:::

```md title="docs/hello.md" {1-4}
---
sidebar_label: 'Hi!'
---
```

```js config-tabs
const config = {trackingID: 'UA-1'};
```

The end.
"""


@pytest.mark.parametrize(
    ("info", "expected"),
    [
        ("bash npm2yarn", "bash"),
        ("js config-tabs", "js"),
        ("jsx live", "jsx"),
        ('md title="docs/hello.md" {1-4}', 'md title="docs/hello.md" hl_lines="1-4"'),
        ("js {1,4-6,11} showLineNumbers", 'js hl_lines="1 4-6 11" linenums="1"'),
        ("js showLineNumbers=3", 'js linenums="3"'),
        ("js title=sidebars.js npm2yarn", 'js title="sidebars.js"'),
        ('js title="a.js"', 'js title="a.js"'),
        ("c++", "c++"),
        ("{.python .numbered}", "{.python .numbered}"),
        ("", ""),
        # values superfences refuses, with the whole fence: dropped, so the code is still a code block
        ('python linenums="-1"', "python"),
        ('python title="a" linenums="abc"', 'python title="a"'),
        ("python {-5}", "python"),
        ('python hl_lines="1-3 x"', "python"),
        ("""python title=it's"q" {2}""", 'python hl_lines="2"'),
        ('python linenums="1 -2"', 'python linenums="1 -2"'),  # superfences reads the start: kept
        # VitePress (vuejs/vitepress docs/en/guide/markdown.md, MIT): options joined to the language, [file name]
        ("js{4}", 'js hl_lines="4"'),
        ("js{1,4,6-8}", 'js hl_lines="1 4 6-8"'),
        ("ts:line-numbers {1}", 'ts linenums="1" hl_lines="1"'),
        ("ts:line-numbers=2 {1}", 'ts linenums="2" hl_lines="1"'),
        ("js:no-line-numbers", "js"),
        ("js [.vitepress/config.js]", 'js title=".vitepress/config.js"'),
        ("sh [yarn (pnp)]", 'sh title="yarn (pnp)"'),
    ],
)
def test_info_strings_keep_what_the_renderer_shows(info: str, expected: str) -> None:
    assert renderable_info(info) == expected


def test_only_opening_lines_change_and_code_inside_code_is_left() -> None:
    body = "````md\n```bash npm2yarn\nnpm i\n```\n````\n\n    ```js live\n"
    assert with_renderable_fences(body) == body
    converted = renderer_source(BODY)
    assert converted.count("\n") == BODY.count("\n")
    assert "```bash\n" in converted and "```js\n" in converted and "npm2yarn" not in converted


def test_docusaurus_fences_are_code_blocks(site: Site) -> None:
    site.write("en/account/plugin.md", article(title="Debug plugin", body=BODY))
    build_site(site.config_file, None, SAMPLE_TODAY, strict=False)
    page = site.read_output("en/account/plugin/index.html")
    assert "npm2yarn" not in page and "config-tabs" not in page and "{1-4}" not in page
    assert '<span class="filename">docs/hello.md</span>' in page
    assert '<div class="admonition tip">' in page and "<p>The end.</p>" in page
    assert "```" not in page


def test_a_vitepress_fence_with_lines_to_highlight_is_a_code_block(site: Site) -> None:
    """```` ```js{4} ```` was read as no fence at all: its code showed as one inline code span in a paragraph."""
    body = "```js{2}\nexport default {\n  title: 'VitePress',\n}\n```\n\nThe end.\n"
    site.write("en/account/config.md", article(title="Config", body=body))
    build_site(site.config_file, None, SAMPLE_TODAY, strict=False)
    page = site.read_output("en/account/config/index.html")
    assert '<span class="hll">' in page and "js{2}" not in page and "<p>The end.</p>" in page
    assert "<p><code>" not in page


def test_a_fence_with_a_value_the_renderer_refuses_is_still_code(site: Site) -> None:
    """`linenums="-1"` made superfences refuse the fence: its code showed as a paragraph, and the next fence's
    closing line opened a code block that swallowed the prose after it."""
    body = '```python linenums="-1"\nprint(1)\n```\n\nBetween.\n\n```js {-5}\nx()\n```\n\nThe end.\n'
    site.write("en/account/numbers.md", article(title="Numbers", body=body))
    build_site(site.config_file, None, SAMPLE_TODAY, strict=False)
    page = site.read_output("en/account/numbers/index.html")
    assert "<p>Between.</p>" in page and "<p>The end.</p>" in page
    assert page.count('<div class="highlight">') == 2 and "```" not in page
