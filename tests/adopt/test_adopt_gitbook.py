"""`kbgen adopt` on GitBook's block tags: hints made admonitions, tabs content tabs, code titles fence titles,
embeds and files links; tags in code left alone, and a page whose blocks do not nest left as written and listed.

The pages are written for these tests in the shapes GitBook's editor saves (tags alone on their lines, a
`{% code %}` around a fence inside a tab, an `{% embed %}` with a caption).
"""

from __future__ import annotations

import html
import re
import time
from datetime import date
from pathlib import Path

from kbgen.adopt.gitbook_blocks import convert_gitbook_blocks
from kbgen.publishing.site_build import build_site
from tests.adopt.conftest import TODAY, Run, adopt
from tests.adopt.test_adopt_includes import summary_lines
from tests.adopt.test_adopt_mdx import _with_extensions
from tests.support.project import Site

UNSUBSCRIBE = """\
# Cancel a subscription

{% hint style="warning" %}
You can hold at most **50** subscriptions.

Each needs its own id.
{% endhint %}

## Request

{% tabs %}
{% tab title="cURL" %}
{% code title="cURL (wscat)" overflow="wrap" lineNumbers="true" %}
```bash
wscat -c wss://api.example.com/
```
{% endcode %}
{% endtab %}

{% tab title="JavaScript" %}
```javascript
const ws = new WebSocket(url);
```
{% endtab %}
{% endtabs %}

{% content-ref url="subscribe.md" %}
[subscribe.md](subscribe.md)
{% endcontent-ref %}

{% embed url="https://www.youtube.com/watch?v=abc" %}
A two-minute walkthrough
{% endembed %}

GitBook's own syntax, as a writer documents it:

```liquid
{% hint style="info" %}
```
"""

SUBSCRIBE = """\
# Subscribe

{% hint style="success" %}
Subscriptions are free.
{% endhint %}

{% file src="guide.pdf" %}
"""

BROKEN = """\
# Broken

{% tabs %}
{% tab title="A" %}
Text.
{% endhint %}
{% endtabs %}
"""


def test_blocks_become_markdown_line_for_line() -> None:
    converted = convert_gitbook_blocks(UNSUBSCRIBE, 1)
    text = converted.text
    assert converted.blocks == 5 and converted.left == []
    assert "!!! warning\n    You can hold at most **50** subscriptions.\n\n    Each needs its own id.\n" in text
    assert '=== "cURL"\n\n    ```bash title="cURL (wscat)" showLineNumbers\n    wscat -c' in text
    assert '=== "JavaScript"\n    ```javascript\n' in text
    assert (
        "[https://www.youtube.com/watch?v=abc](<https://www.youtube.com/watch?v=abc>)\nA two-minute walkthrough" in text
    )
    assert "\n[subscribe.md](subscribe.md)\n" in text
    assert text.endswith('```liquid\n{% hint style="info" %}\n```\n')  # code is text
    assert text.count("{%") == 1
    assert len(text.split("\n")) == len(UNSUBSCRIBE.split("\n"))  # every line where it was


def test_blocks_that_do_not_nest_leave_the_page_as_written() -> None:
    converted = convert_gitbook_blocks(BROKEN, 10)
    assert converted.text == BROKEN
    assert converted.left == [(15, "'{% endhint %}' closes no open 'hint' block")]
    unclosed = convert_gitbook_blocks('{% hint style="info" %}\nText.\n', 3)
    assert unclosed.left == [(3, "'{% hint %}' is never closed")]


def test_blocks_nested_without_end_are_left_as_written_in_linear_time() -> None:
    # 20,000 open hints (200 KB) gave 800 MB of indents and took 8 s; 100,000 ran out of memory
    opened = '{% hint style="info" %}\n' * 20_000
    started = time.perf_counter()
    converted = convert_gitbook_blocks(opened)
    assert time.perf_counter() - started < 2
    assert converted.text == opened and converted.blocks == 0
    assert converted.left == [(33, "blocks nested deeper than 32 levels")]
    nested = "{% hint %}\n" * 32 + "Deep.\n" + "{% endhint %}\n" * 32
    assert convert_gitbook_blocks(nested).left == []


def test_gitbook_tree_adopted_and_built(tmp_path: Path, site: Site, run_kbgen: Run) -> None:
    source = tmp_path / "docs"
    (source / "api").mkdir(parents=True)
    for name, text in {"unsubscribe.md": UNSUBSCRIBE, "subscribe.md": SUBSCRIBE, "broken.md": BROKEN}.items():
        (source / "api" / name).write_text(text, encoding="utf-8")
    (source / "api" / "guide.pdf").write_bytes(b"%PDF-1.4\n")
    result = adopt(run_kbgen, site, source, "--owner", "docs")
    lines = summary_lines(result.stdout, source)
    assert "GitBook blocks left as written (1):" in lines
    assert any(line.startswith("GitBook: 7 blocks converted") for line in lines)
    assert (
        "  SRC/api/broken.md:6: '{% endhint %}' closes no open 'hint' block; the page's GitBook blocks were left as "
        "written" in lines
    )
    assert "  - pymdownx.tabbed:" in lines  # the test project's mkdocs.yml has no content tabs: adopt says so
    _with_extensions(site, {"pymdownx.tabbed": {"alternate_style": True}})
    build_site(site.config_file, None, date.fromisoformat(TODAY), strict=False)
    page = site.read_output("en/api/unsubscribe/index.html")
    article = page[page.index("<article") : page.index("</article>")]
    assert re.search(r'<div class="admonition warning">\s*<p class="admonition-title[^"]*">Warning</p>', article)
    labels = re.findall(r'<label for="__tabbed_1_\d">([^<]*)</label>', article)
    assert labels == ["cURL", "JavaScript"]  # one set of two tabs
    assert '<span class="filename">cURL (wscat)</span>' in article
    assert '<a href="https://www.youtube.com/watch?v=abc">' in article and "<iframe" not in article
    shown = html.unescape(re.sub(r"<[^>]+>", "", article))
    assert shown.count("{%") == 1 and '{% hint style="info" %}' in shown  # only the one in code shows
    subscribe = site.read_output("en/api/subscribe/index.html")
    assert re.search(r'<div class="admonition success">', subscribe) and 'href="../guide.pdf"' in subscribe
