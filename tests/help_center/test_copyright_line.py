"""mkdocs.yml's `copyright` shows its character references as the characters (© for `&copy;`), never markup."""

from __future__ import annotations

import json
import re

from kbgen.publishing.site_build import build_site
from tests.support.project import SAMPLE_TODAY, Site, article


def footer_copyright(site: Site, written: str) -> str:
    with site.config_file.open("a", encoding="utf-8") as config:
        config.write(f"copyright: {json.dumps(written)}\n")  # a JSON string is a YAML double-quoted one
    site.write("en/billing/invoices.md", article(title="Invoices"))
    page = build_site(site.config_file, None, SAMPLE_TODAY, strict=False).site_dir / "en/billing/invoices/index.html"
    (line,) = re.findall(r'<div class="md-copyright kb-footer__copyright">(.*?)</div>', page.read_text("utf-8"), re.S)
    return line


def test_an_entity_in_the_copyright_shows_as_its_character(site: Site) -> None:
    assert footer_copyright(site, "&copy; 2026 Tessera &amp; Co &#8212; all rights reserved") == (
        "© 2026 Tessera &amp; Co — all rights reserved"
    )


def test_a_tag_or_an_encoded_tag_in_the_copyright_stays_text(site: Site) -> None:
    """Decoded once, then escaped: `&lt;script&gt;` shows as <script>, it does not become one."""
    line = footer_copyright(site, '<b onclick="x()">Tessera</b> &lt;script&gt;alert(1)&lt;/script&gt;')
    assert line == "&lt;b onclick=&#34;x()&#34;&gt;Tessera&lt;/b&gt; &lt;script&gt;alert(1)&lt;/script&gt;"
