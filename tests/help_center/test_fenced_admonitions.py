"""Docusaurus' (`:::tip[Title]`) and VitePress' (`::: warning`) admonitions are drawn as boxes, titled as written or
in the page's language, not shown as their markers."""

from __future__ import annotations

from kbgen.publishing.site_build import build_site
from kbgen.render.fenced_admonitions import as_mkdocs_admonitions
from tests.support.project import SAMPLE_TODAY, Site, article

BODY = """\
:::tip[Before you start]
Export your data:
- projects
- invoices

::::danger
It cannot be undone.
::::
:::

::: warning
Back up first.
:::

```
:::note
in code, as written
:::
```

:::zone pivot="web"
DocFX's zones are not boxes.
:::zone-end:::

:::note
Never closed.
"""


def test_docusaurus_and_vitepress_admonitions_are_boxes(site: Site) -> None:
    site.write("tr/account/export.md", article(title="Dışa aktar", body=BODY))
    build_site(site.config_file, None, SAMPLE_TODAY, strict=False)
    page = site.read_output("tr/account/export/index.html")
    assert '<div class="admonition tip">\n<p class="admonition-title">Before you start</p>' in page
    assert "<p>Export your data:</p>\n<ul>\n<li>projects</li>" in page
    assert '<div class="admonition danger">\n<p class="admonition-title kb-admonition-label">Tehlike</p>' in page
    assert '<p class="admonition-title kb-admonition-label">Uyarı</p>\n<p>Back up first.</p>' in page
    assert ":::note\nin code, as written\n:::" in page
    assert ':::zone pivot="web"' in page and "<p>:::note\nNever closed.</p>" in page
    assert "[Before you start]" not in page and "::::" not in page


def test_every_line_stays_where_it_was() -> None:
    converted = as_mkdocs_admonitions(BODY)
    assert converted.count("\n") == BODY.count("\n")
    assert [line.strip() for line in converted.split("\n")][1:3] == ["Export your data:", "- projects"]
