"""DocFX's `:::image:::` (Microsoft Learn's screenshots, about one English article in ten of the d365 corpus) is shown
as an image and its files are checked, at the line the writer wrote it."""

from __future__ import annotations

import json
import re
from collections.abc import Callable

from click.testing import Result
from hypothesis import given
from hypothesis import strategies as st

from kbgen.docfx_images import with_markdown_images
from kbgen.links.extract import link_targets
from kbgen.publishing.site_build import build_site
from tests.support.project import SAMPLE_TODAY, Site, article

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 16

BODY = """\
Open the grid.

:::image type="content" source="media/grid.png" alt-text="The [itemization] grid." lightbox="media/grid-large.png":::

Select :::image type="icon" source="media/gear.png" border="false"::: to open the settings.

:::image type="complex" source="media/flow.png" alt-text="The approval flow.":::
   Submitted entries go to the project manager, then to finance.
:::image-end:::

Write it like this:

```md
:::image type="content" source="media/example.png" alt-text="An example.":::
```

And inline, as `:::image source="media/inline.png":::`.
"""


def _images(site: Site) -> list[tuple[str, str]]:
    page = site.read_output("en/expenses/itemize/index.html")
    content = page[page.index('<article class="md-content__inner') :]
    return re.findall(r'<img alt="([^"]*)"[^>]*?src="([^"]+)"', content)


def test_docfx_images_are_shown_as_images_with_their_alt_text(site: Site) -> None:
    site.write("en/expenses/itemize.md", article(title="Itemize expenses", body=BODY))
    for name in ("grid.png", "grid-large.png", "gear.png", "flow.png"):
        site.write(f"en/expenses/media/{name}", PNG)
    build_site(site.config_file, None, SAMPLE_TODAY, strict=True)
    page = site.read_output("en/expenses/itemize/index.html")
    assert _images(site) == [
        ("The [itemization] grid.", "../media/grid.png"),
        ("", "../media/gear.png"),
        ("The approval flow.", "../media/flow.png"),
    ]
    assert '<a href="../media/grid-large.png"><img alt="The [itemization] grid."' in page
    assert "Submitted entries go to the project manager, then to finance." in page
    assert ":::image-end:::" not in page
    # the examples in code are shown as written
    assert page.count(":::image") == 2 and "media/example.png" in page and "media/inline.png" in page
    assert "<img" not in page.split("Write it like this")[1].split("</article>")[0]


def test_a_docfx_image_whose_file_is_missing_is_reported_at_its_line(
    site: Site, run_kbgen: Callable[..., Result]
) -> None:
    site.write("en/expenses/itemize.md", article(title="Itemize expenses", body=BODY))
    site.write("en/expenses/media/gear.png", PNG)
    site.write("en/expenses/media/flow.png", PNG)
    result = run_kbgen("check", "--today", SAMPLE_TODAY.isoformat(), cwd=site.root)
    assert result.exit_code == 1
    # the article's body starts on line 8 (six lines of front matter and a blank line)
    lines = [line for line in result.output.splitlines() if "KB303" in line]
    assert len(lines) == 2, result.output
    assert all(line.startswith("content/en/expenses/itemize.md:10:") for line in lines)
    assert any("media/grid.png" in line for line in lines) and any("media/grid-large.png" in line for line in lines)
    assert "example.png" not in result.output and "inline.png" not in result.output


def test_a_directive_markdown_cannot_carry_is_left_as_written() -> None:
    body = ':::image source="a<b>.png" alt-text="x":::\n:::image alt-text="no source":::\n'
    assert with_markdown_images(body) == body


@given(st.text(alphabet=st.sampled_from(list(':image-end"=sourcalt x\n`<>[]\\')), max_size=200))
def test_the_reading_keeps_every_line_where_it_was(body: str) -> None:
    """Findings name the line the writer wrote: the converted body has the same lines, and a body without a
    directive is returned unchanged."""
    converted = with_markdown_images(body)
    assert converted.count("\n") == body.count("\n")
    if ":::image" not in body:
        assert converted == body


def test_an_export_record_holds_the_text_a_reader_sees_not_the_directive(
    site: Site, run_kbgen: Callable[..., Result]
) -> None:
    site.write("en/expenses/itemize.md", article(title="Itemize expenses", body=BODY))
    result = run_kbgen("export", "--today", SAMPLE_TODAY.isoformat(), cwd=site.root)
    record = next(json.loads(line) for line in result.stdout.splitlines() if "Itemize expenses" in line)
    assert "Submitted entries go to the project manager, then to finance." in record["body"]
    prose = record["body"].split("Write it like this")[0]
    assert "Select to open the settings." in prose and ":::image" not in prose


def test_a_rewriter_finds_a_directives_addresses_where_they_are_written() -> None:
    """kbgen adopt rebases the links of an included file (kbgen.adopt.tree_links) at the offsets link_targets
    gives: a screenshot in an include must move with it like any Markdown image."""
    body = 'See [x](a.md).\n:::image source=" media/b.png" alt-text="B" lightbox="media/big.png":::\n'
    spans = link_targets(body)
    assert [(kind, target) for kind, target, _ in spans] == [
        ("link", "a.md"),
        ("image", "media/b.png"),
        ("link", "media/big.png"),
    ]
    assert all(body[at : at + len(target)] == target for _, target, at in spans)
