"""`kbgen adopt` on Docusaurus MDX: `.mdx` pages adopted as `.md`, their imports dropped, `mdx-code-block` fences
read as the page's text, `<Tabs>` made content tabs, other components unwrapped with their text kept and listed,
and links to `x.mdx` pointed at the adopted `x.md`.

Pages trimmed from facebook/docusaurus (MIT License, Copyright (c) Facebook, Inc. and its affiliates):
website/docs/guides/markdown-features/markdown-features-tabs.mdx, website/docs/api/plugins/plugin-debug.mdx and
website/docs/api/plugins/plugin-google-analytics.mdx; the trees are written in tmp_path by each test. The tabs
in a list item are from dagger/dagger (Apache License 2.0), docs/current/faq.md at commit
6313ffc8f356321e62b9e11cf6c155d743dd2752 ("How do I update Dagger?", its Go SDK item left out).
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import markdown
import yaml

from kbgen.adopt.mdx_components import convert_components
from kbgen.adopt.mdx_prepare import looks_like_mdx, prepare
from kbgen.publishing.site_build import build_site
from tests.adopt.conftest import TODAY, Run, adopt, body_of, front_matter, suggested_foreign_keys
from tests.adopt.test_adopt_includes import summary_lines
from tests.support.project import Site

TABS_PAGE = """\
---
id: tabs
title: Tabs
description: Using tabs inside Docusaurus Markdown
slug: /markdown-features/tabs
---

import Tabs from '@theme/Tabs';

import TabItem from '@theme/TabItem';

To show tabbed content within Markdown files, you can fall back on MDX. Docusaurus provides `<Tabs>` components.

```jsx
<Tabs>
  <TabItem value="apple" label="Apple" default>
    This is an apple 🍎
  </TabItem>
</Tabs>;
```

And you will get the following:

```mdx-code-block
<Tabs>
  <TabItem value="apple" label="Apple" default>This is an apple 🍎</TabItem>
  <TabItem value="orange" label="Orange">This is an orange 🍊</TabItem>
</Tabs>
```

<Tabs groupId="operating-systems">
  <TabItem value="win" label="Windows">Use Ctrl + C to copy.</TabItem>
  <TabItem value="mac" label="macOS">Use Command + C to copy.</TabItem>
</Tabs>

<Tabs
  defaultValue="mac"
  values={[
    {label: 'Windows', value: 'win'},
    {label: 'macOS', value: 'mac'},
  ]}>
  <TabItem value="win">Use Ctrl + V to paste.</TabItem>
  <TabItem value="mac">Use Command + V to paste.</TabItem>
</Tabs>

See the [debug plugin](../../api/plugins/plugin-debug.mdx#installation) {/* keep in sync */}.
"""

DEBUG_PAGE = """\
---
sidebar_position: 5
slug: /api/plugins/@docusaurus/plugin-debug
---

# 📦 plugin-debug

```mdx-code-block
import Tabs from '@theme/Tabs';
import TabItem from '@theme/TabItem';
```

The debug plugin will display useful debug information.

## Installation {#installation}

<Tabs>
<TabItem value="Preset Options">

If you use a preset, configure this plugin through the preset options:

```js title="docusaurus.config.js"
module.exports = {debug: true};
```

</TabItem>
<TabItem value="Plugin Options">

If you are using a standalone plugin, provide options directly to the plugin.

</TabItem>
</Tabs>
"""

ANALYTICS_PAGE = """\
---
slug: /api/plugins/@docusaurus/plugin-google-analytics
---

import APITable from '@site/src/components/APITable';

# 📦 plugin-google-analytics

<APITable>

| Name | Type | Default |
| --- | --- | --- |
| `trackingID` | `string` | **Required** |

</APITable>

Press <kbd>Enter</kbd> or <Highlight color="#25c2a0">Docusaurus green</Highlight>.

<DocCardList />
"""


def _tree(tmp_path: Path, files: dict[str, str]) -> Path:
    source = tmp_path / "docusaurus" / "website" / "docs"
    for rel, text in files.items():
        (source / rel).parent.mkdir(parents=True, exist_ok=True)
        (source / rel).write_text(text, encoding="utf-8")
    return source


def _with_extensions(site: Site, *extensions: object) -> None:
    config = yaml.safe_load(site.config_file.read_text(encoding="utf-8").replace("!!python/name:", ""))
    text = site.config_file.read_text(encoding="utf-8")
    added = yaml.safe_dump(list(extensions), default_flow_style=False)
    assert "markdown_extensions:\n" in text and config["markdown_extensions"]
    site.config_file.write_text(text.replace("markdown_extensions:\n", "markdown_extensions:\n" + added), "utf-8")


def test_imports_and_fences_of_mdx_are_blanked_line_for_line() -> None:
    body = TABS_PAGE.split("---\n", 2)[2]
    prepared = prepare(body)
    assert prepared.statements == 2 and prepared.unwrapped == 1
    assert len(prepared.text.split("\n")) == len(body.split("\n"))
    assert "import Tabs" not in prepared.text and "mdx-code-block" not in prepared.text
    assert "```jsx\n<Tabs>" in prepared.text  # code stays code
    assert "<!-- keep in sync -->" in prepared.text
    assert looks_like_mdx(body) and not looks_like_mdx("Import the file, then import the data.\n")


def test_tabs_become_content_tabs_with_their_labels_and_defaults() -> None:
    converted = convert_components(prepare(TABS_PAGE.split("---\n", 2)[2]).text, 8)
    text = converted.text
    assert converted.tab_sets == 3 and converted.unconverted == []
    assert '===+ "Apple"\n    This is an apple 🍎\n=== "Orange"\n    This is an orange 🍊' in text
    assert '===! "Windows"\n    Use Ctrl + C to copy.' in text  # right after another set: a set of its own
    assert '===! "Windows"\n    Use Ctrl + V to paste.\n===+ "macOS"' in text  # labels and default from <Tabs>
    assert "```jsx\n<Tabs>\n  <TabItem" in text


def test_a_multi_line_tab_keeps_every_line_where_it_was() -> None:
    body = DEBUG_PAGE.split("---\n", 2)[2]
    converted = convert_components(prepare(body).text, 5)
    assert len(converted.text.split("\n")) == len(body.split("\n"))
    assert '=== "Preset Options"\n\n    If you use a preset' in converted.text
    assert '    ```js title="docusaurus.config.js"\n    module.exports = {debug: true};\n    ```' in converted.text


DAGGER_FAQ = """\
To update a Dagger SDK, follow the same procedure that you would follow to update any other SDK package in your \
chosen development environment. For example:

- Node.js SDK

  <Tabs>
  <TabItem value="npm">

  ```shell
  npm install @dagger.io/dagger@latest --save-dev
  ```

  </TabItem>
  <TabItem value="yarn">

  ```shell
  yarn upgrade --latest @dagger.io/dagger --dev
  ```

  </TabItem>
  </Tabs>

- Python SDK
"""


def test_tabs_in_a_list_item_are_written_at_the_items_indent_and_stay_in_it() -> None:
    converted = convert_components(DAGGER_FAQ).text
    lines = converted.split("\n")
    assert len(lines) == len(DAGGER_FAQ.split("\n"))
    assert lines[DAGGER_FAQ.split("\n").index('  <TabItem value="npm">')] == '    === "npm"'
    assert "\n        ```shell\n        npm install" in converted  # the tab's text under its label
    assert "\n  === " not in converted  # two spaces would end the list: Python-Markdown nests by four
    html = markdown.markdown(
        converted,
        extensions=["sane_lists", "pymdownx.superfences", "pymdownx.tabbed"],
        extension_configs={"pymdownx.tabbed": {"alternate_style": True}},
    )
    item = html[html.index("<li>") : html.index("</li>")]
    assert "Node.js SDK" in item and '<div class="tabbed-set' in item and "@dagger.io/dagger@latest" in item
    assert html.count("<ul>") == 1  # one list: the Python SDK item is still in it


def test_other_components_keep_their_text_and_are_listed_with_their_line() -> None:
    body = ANALYTICS_PAGE.split("---\n", 2)[2]
    converted = convert_components(prepare(body).text, 4)
    assert "| `trackingID` | `string` | **Required** |" in converted.text
    assert "Press <kbd>Enter</kbd> or Docusaurus green." in converted.text  # HTML is not a component
    assert "<APITable>" not in converted.text and "<DocCardList" not in converted.text
    assert [(left.line, left.message.split(":")[0]) for left in converted.unconverted] == [
        (9, "<APITable> taken out, its text kept"),
        (17, "<Highlight> taken out, its text kept"),
        (19, "<DocCardList /> removed"),
    ]


def test_a_component_computed_by_javascript_is_removed_and_listed() -> None:
    text = (
        "<CodeBlock className=\"language-js\">\n  {require('!!raw-loader!@site/sidebars.js').default}\n</CodeBlock>\n"
    )
    converted = convert_components(text)
    assert converted.text.strip() == ""
    assert converted.unconverted[0].message.startswith("<CodeBlock> removed: what it shows is computed by JavaScript")


def test_mdx_pages_are_adopted_as_md_and_their_tabs_show_as_tabs(tmp_path: Path, site: Site, run_kbgen: Run) -> None:
    source = _tree(
        tmp_path,
        {
            "guides/markdown-features/markdown-features-tabs.mdx": TABS_PAGE,
            "api/plugins/plugin-debug.mdx": DEBUG_PAGE,
            "api/plugins/plugin-google-analytics.md": ANALYTICS_PAGE,
        },
    )
    result = adopt(run_kbgen, site, source, "--owner", "docs")
    assert result.exit_code == 1, result.output  # components listed, dates defaulted
    lines = summary_lines(result.stdout, source)
    assert lines[0].endswith("3 articles, 0 section pages, 0 assets")
    assert "MDX components not converted (their text is kept) (3):" in lines
    analytics_line = "  SRC/api/plugins/plugin-google-analytics.md:9: <APITable> taken out, its text kept: kbgen "
    assert analytics_line + "cannot run the component" in lines
    assert (
        "MDX: 3 pages read as Markdown: 4 import/export statements dropped, 2 mdx-code-block fences unwrapped, "
        '4 sets of <Tabs> made content tabs (=== "Label"), 0 <Link>s made Markdown links; other components are '
        "listed above"
    ) in lines
    assert "  - pymdownx.tabbed:" in lines  # the test project's mkdocs.yml has no content tabs
    tabs = site.content / "en" / "guides" / "markdown-features" / "markdown-features-tabs.md"
    assert not tabs.with_suffix(".mdx").exists()
    assert front_matter(tabs.read_bytes())["title"] == "Tabs"
    body = body_of(tabs.read_bytes()).decode("utf-8")
    assert "[debug plugin](../../api/plugins/plugin-debug.md#installation)" in body  # x.mdx is x.md now
    assert "plugin-debug.mdx" not in body

    site.configure(foreign_keys=suggested_foreign_keys(result.stdout))
    _with_extensions(site, {"pymdownx.tabbed": {"alternate_style": True}})
    build_site(site.config_file, site.site_dir, date.fromisoformat(TODAY), strict=False)
    page = site.read_output("en/api/plugins/plugin-debug/index.html")
    assert '<label for="__tabbed_1_1">Preset Options</label><label for="__tabbed_1_2">Plugin Options</label>' in page
    assert "import Tabs" not in page and "&lt;TabItem" not in page and "TabItem" not in page
    assert "module" in page and "standalone plugin" in page
    analytics = site.read_output("en/api/plugins/plugin-google-analytics/index.html")
    assert "<table>" in analytics and "trackingID" in analytics and "APITable" not in analytics


def test_a_page_with_both_names_keeps_the_md_and_leaves_the_mdx_out(tmp_path: Path, site: Site, run_kbgen: Run) -> None:
    source = _tree(tmp_path, {"intro.md": "# Intro\n\nMarkdown.\n", "intro.mdx": "# Intro\n\nMDX.\n"})
    result = adopt(run_kbgen, site, source, "--owner", "docs")
    assert "  SRC/intro.mdx: intro.md is there too; adopt one of the two by hand" in summary_lines(
        result.stdout, source
    )
    assert b"Markdown." in (site.content / "en" / "intro.md").read_bytes()


def test_a_page_that_opens_with_tabs_gets_a_summary_of_prose(tmp_path: Path, site: Site, run_kbgen: Run) -> None:
    """The converted tab line was read as the first paragraph: the summary (the page's description and search
    excerpt) read `=== "macOS" Use Homebrew.`"""
    page = (
        "---\ntitle: Install\n---\nimport Tabs from '@theme/Tabs';\n\n<Tabs>\n"
        '<TabItem value="mac" label="macOS">\n\nUse Homebrew.\n\n</TabItem>\n</Tabs>\n\nThen sign in.\n'
    )
    source = _tree(tmp_path, {"install.mdx": page})
    adopt(run_kbgen, site, source)
    summary = front_matter((site.content / "en" / "install.md").read_bytes())["summary"]
    assert summary == "Then sign in."  # the tab's text is indented under it, as code would be: not read
