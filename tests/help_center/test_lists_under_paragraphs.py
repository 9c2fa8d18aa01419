"""A list written right under a paragraph line is a list, as on GitHub and Microsoft Learn (27 of 926 English d365
articles write one: "The following issues have been fixed:" then the issues)."""

from __future__ import annotations

from collections.abc import Callable

from click.testing import Result
from hypothesis import given
from hypothesis import strategies as st

from kbgen.publishing.site_build import build_site
from kbgen.render.list_breaks import break_before_lists
from tests.support.project import SAMPLE_TODAY, Site, article

BODY = """\
The following issues have been fixed:
- Slow project creation.
- A wrong [unit](missing-page.md).

Steps:
1. Open **Settings**.
2. Save.

- Tight item
lazily continued
- Second tight item

The total is
2. not a list: CommonMark starts one under a paragraph only at 1.

```
Written under a line:
- in code, as written
```
"""


def test_a_list_under_a_paragraph_line_is_shown_as_a_list(site: Site) -> None:
    site.write("en/release/fixes.md", article(title="Fixes", body=BODY))
    build_site(site.config_file, None, SAMPLE_TODAY, strict=False)
    page = site.read_output("en/release/fixes/index.html")
    assert "<p>The following issues have been fixed:</p>\n<ul>\n<li>Slow project creation.</li>" in page
    assert "<p>Steps:</p>\n<ol>\n<li>Open <strong>Settings</strong>.</li>\n<li>Save.</li>\n</ol>" in page
    assert "<li>Tight item\nlazily continued</li>\n<li>Second tight item</li>" in page  # one tight list, as before
    assert "<p>The total is\n2. not a list" in page
    assert "Written under a line:\n- in code, as written" in page


def test_findings_keep_the_lines_the_writer_wrote(site: Site, run_kbgen: Callable[..., Result]) -> None:
    site.write("en/release/fixes.md", article(title="Fixes", body=BODY))
    result = run_kbgen("check", "--today", SAMPLE_TODAY.isoformat(), cwd=site.root)
    assert "content/en/release/fixes.md:10:" in result.output and "missing-page.md" in result.output


def test_quotes_tables_html_and_indented_text_are_left_as_they_are() -> None:
    body = "> quoted\n- item\n\n| a |\n- b\n\n<div>\n- c\n\n    code\n- d\n\n# Title\n- e\n"
    assert break_before_lists(body) == body


@given(st.text(alphabet=st.sampled_from(list("-*+1.) \t\n>|<#ab`~")), max_size=200))
def test_only_blank_lines_are_ever_added(body: str) -> None:
    given_lines = body.split("\n")
    out = break_before_lists(body).split("\n")
    assert [line for line in out if line != ""] == [line for line in given_lines if line != ""]
    assert len(out) >= len(given_lines)
