"""What a `kbgen serve` page says about problems: the banner of an edit that was not shown, and the errors the
site shown has in that page's own file.

The two are different news. An edit refused for its new errors (or a build that failed) is the writer's to fix
now: a banner on every page, naming each new error. The errors the site shown already had (an overdue review, a
broken link in an article nobody touched) are not about the latest edit: each page lists only those of its own
file, below the banner's place, and the terminal lists them all. Listing every one on every page buried the
article: a help center with 2,400 overdue articles got a 680 KB sticky banner taller than any screen, which
also said, wrongly, that the latest edit was not built.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable, Mapping, Sequence
from urllib.parse import unquote

from kbgen.model import Finding
from kbgen.wording import plural


def page_key(url: str) -> str:
    """A page's address as the server compares it: decoded, without its leading '/' or a final 'index.html'."""
    path = unquote(url).lstrip("/")
    return path.removesuffix("index.html") if path == "index.html" or path.endswith("/index.html") else path


def errors_by_page(errors: Iterable[Finding], pages: Mapping[str, str]) -> dict[str, list[str]]:
    """Each page's errors, formatted, by `page_key`; `pages` maps a file as findings name it to its page's URL."""
    found: dict[str, list[str]] = {}
    for finding in sorted(errors, key=Finding.sort_key):
        url = pages.get(finding.path)
        if url is not None:
            found.setdefault(page_key(url), []).append(finding.format())
    return found


def _banner(problems: Sequence[str], shown: bool) -> str:
    items = "".join(f"<li>{html.escape(problem)}</li>" for problem in problems)
    state = "showing the last good site" if shown else "there is no good build to show yet"
    return (
        '<div class="kbgen-serve-problems" role="alert"><p>kbgen: the latest edit was not built; '
        f"{state}.</p><ul>{items}</ul></div>"
    )


def _own_errors(own: Sequence[str], total: int) -> str:
    items = "".join(f"<li>{html.escape(error)}</li>" for error in own)
    others = total - len(own)
    elsewhere = f", and {plural(others, 'error')} in other files" if others else ""
    return (
        f'<div class="kbgen-serve-page-errors" role="note"><p>kbgen: {plural(len(own), "error")} in this page'
        f"'s file{elsewhere} (the terminal lists every one, as does kbgen check).</p><ul>{items}</ul></div>"
    )


def decorate(
    page: bytes, generation: int, problems: Sequence[str], own: Sequence[str] = (), total: int = 0, shown: bool = True
) -> bytes:
    """Add the reload script, the banner when the latest edit is not shown, and the page's own errors (`own`, of
    `total` in the site shown); every problem text is escaped."""
    text = page.decode("utf-8", errors="replace")
    head = (
        '<link rel="stylesheet" href="/__kbgen__/serve.css">'
        f'<script src="/__kbgen__/live.js" data-generation="{generation}" defer></script>'
    )
    text = text.replace("</head>", head + "</head>", 1)
    notices = (_banner(problems, shown) if problems else "") + (_own_errors(own, total) if own else "")
    if notices:
        text = re.sub(r"(<body[^>]*>)", lambda m: m.group(1) + notices, text, count=1)
    return text.encode("utf-8")
