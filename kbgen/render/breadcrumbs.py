"""The breadcrumb trail of a page (Home > category > section > … > page), shown and as schema.org JSON-LD.

The JSON-LD goes in a `<script type="application/ld+json">`, a data block browsers never execute (so the CSP's
`script-src 'self'` does not apply), but the HTML parser still ends it at the first `</script`; every `<`, `>`
and `&` is therefore written as a JSON `\\u` escape, which no title can break out of.
"""

from __future__ import annotations

import json
from typing import Any

from kbgen.links.redirects import relative_url
from kbgen.model import served_file
from kbgen.render.i18n import strings
from kbgen.render.seo import absolute_url
from kbgen.render.tree import Node

_SCRIPT_SAFE = str.maketrans({"<": "\\u003c", ">": "\\u003e", "&": "\\u0026"})


def trail(node: Node, current: str = "", current_url: str = "") -> list[dict[str, str]]:
    """Each step as {title, url} (site-relative): the language home as "Home", the sections down to `node`,
    then the current page when it is an article (`current`, its title; `current_url`, its URL)."""
    steps = [{"title": strings(node.lang)["home"], "url": node.trail()[0].url}]
    steps += [{"title": section.title, "url": section.url} for section in node.trail()[1:]]
    if current:
        steps.append({"title": current, "url": current_url})
    return steps


def json_ld(steps: list[dict[str, str]], page_url: str, site_url: str = "") -> str:
    """A BreadcrumbList; URLs are absolute when the site's address is known, else relative to the page."""

    def address(url: str) -> str:
        if site_url:
            return absolute_url(site_url, url)
        return relative_url(url, served_file(page_url))

    items: list[dict[str, Any]] = [
        {"@type": "ListItem", "position": index, "name": step["title"], "item": address(step["url"])}
        for index, step in enumerate(steps, start=1)
    ]
    document = {"@context": "https://schema.org", "@type": "BreadcrumbList", "itemListElement": items}
    return json.dumps(document, ensure_ascii=False, sort_keys=True).translate(_SCRIPT_SAFE)
