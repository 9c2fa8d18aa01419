"""Microsoft Learn's layout markup and tables written under a paragraph line show as Learn shows them.

The row of columns and the bordered screenshot are shaped as in the d365-project-operations corpus
(MicrosoftDocs, CC BY 4.0): `prod-pma/overview-project-management-accounting.md` and
`psa/FAQ-assign-resources-to-tasks-in-web-app.md`.
"""

from __future__ import annotations

from collections.abc import Callable

from click.testing import Result

from kbgen.publishing.site_build import build_site
from kbgen.render.table_breaks import break_before_tables
from tests.support.project import SAMPLE_TODAY, Site, article

BODY = """\
You can compare the two pages.

:::row:::
    :::column:::
        #### Cash flow page
        - Cash inflows
        - [Net cash flows](missing-flows.md)
    :::column-end:::
    :::column:::
        #### Project statements page
        - Revenue
    :::column-end:::
:::row-end:::

1. Select the dates.

    > [!div class="mx-imgBorder"]
    > ![Screenshot of the dates.](media/dates.png)

> [!VIDEO https://www.microsoft.com/en-us/videoplayer/embed/RE4vJ]

Set these values:
| Attribute | Value |
| --- | --- |
| Start | Jan 1 |

```
:::row:::
| in | code |
| -- | ---- |
```
"""


def test_columns_bordered_screenshots_videos_and_tables_show_as_on_learn(site: Site) -> None:
    site.write("en/billing/layout.md", article(title="Layout", body=BODY))
    (site.content / "en/billing/media").mkdir(parents=True)
    (site.content / "en/billing/media/dates.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    build_site(site.config_file, None, SAMPLE_TODAY, strict=False)
    page = site.read_output("en/billing/layout/index.html")
    assert '<h4 id="cash-flow-page">Cash flow page' in page and '<h4 id="project-statements-page">' in page
    assert "<li>Cash inflows</li>" in page and "<li>Revenue</li>" in page
    assert '<img alt="Screenshot of the dates." src="../media/dates.png"' in page
    assert '<a href="https://www.microsoft.com/en-us/videoplayer/embed/RE4vJ"' in page
    assert "<p>Set these values:</p>\n<table>" in page and "<td>Jan 1</td>" in page
    assert ":::row:::\n| in | code |" in page  # code as written
    body = page[page.index("<article") :]
    for raw in (":::column", "[!div", "[!VIDEO", "<blockquote>"):
        assert raw not in body.replace(":::row:::\n| in | code |", "")


def test_a_link_in_a_column_is_checked_at_the_writer_s_line(site: Site, run_kbgen: Callable[..., Result]) -> None:
    site.write("en/billing/layout.md", article(title="Layout", body=BODY))
    result = run_kbgen("check", "--today", SAMPLE_TODAY.isoformat(), cwd=site.root)
    assert "content/en/billing/layout.md:" in result.output and "missing-flows.md" in result.output


def test_a_table_under_a_paragraph_gets_a_blank_line_only_where_it_is_a_table() -> None:
    assert break_before_tables("Values:\n| a | b |\n| - | - |\n") == "Values:\n\n| a | b |\n| - | - |\n"
    for body in (
        "Values:\n| a | b |\n| - |\n",  # cells do not match: no table
        "Title | more\n---\n",  # a setext heading
        "| a | b |\n| - | - |\n",  # a table already
        "- item\n| a | b |\n| - | - |\n",  # a list item's paragraph
        "    Values:\n    | a | b |\n    | - | - |\n",  # code
    ):
        assert break_before_tables(body) == body, body
