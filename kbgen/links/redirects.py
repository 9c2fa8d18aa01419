"""Front matter `redirect_from:`: validates each old path and builds the table of redirect pages to generate.

An old path is a site path (`en/billing/old-name/`, `/en/billing/old-name`, `en/billing/old-name.md` or
`en/old.html`); it never has a scheme or host and never leaves the site. The redirect page is plain HTML:
a `<meta http-equiv="refresh">` and a link, with the target URL- and attribute-escaped and no script.
"""

from __future__ import annotations

import html
import posixpath
import re
import unicodedata
from dataclasses import dataclass
from urllib.parse import quote, unquote

from kbgen.model import Article, Corpus, Finding
from kbgen.rules import rule

_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:")
_FORBIDDEN = re.compile(r"[\x00-\x20\x7f\\?#\"'<>`]")


@dataclass(frozen=True, slots=True)
class Redirect:
    """`old` is the site path of the redirect page, without a leading slash; a folder path ends in '/'."""

    old: str
    article: Article

    @property
    def output_file(self) -> str:
        return self.old + "index.html" if self.old.endswith("/") else self.old

    @property
    def old_sources(self) -> tuple[str, ...]:
        """The source paths a writer may still link with `.md` and expect to land here."""
        if not self.old.endswith("/"):
            return ()
        folder = self.old.rstrip("/")
        return (folder + ".md", folder + "/index.md")


def normalize_old_path(entry: str) -> tuple[str | None, str]:
    """The site path an entry stands for, or None and the reason it is not allowed."""
    value = entry.strip()
    if not value:
        return None, "an empty path"
    if _SCHEME.match(value) or value.startswith("//"):
        return None, "a URL with a scheme or host; redirects only work inside the site (use e.g. 'en/billing/old/')"
    if _FORBIDDEN.search(value):
        return None, "a path with a space, quote, backslash, '?' or '#'; write a plain site path"
    path = unicodedata.normalize("NFC", unquote(value)).lstrip("/")
    parts = path.rstrip("/").split("/")
    if any(part in ("..", ".") for part in parts):
        return (
            None,
            "a path with '..' or '.' segments, which could leave the site; write the full path from the site root",
        )
    if not path.rstrip("/"):
        return None, "the site root; a redirect cannot replace the home page"
    if path.endswith(".md"):
        path = path[: -len(".md")]
        path = path[: -len("index")] if path.endswith("/index") else path + "/"
    elif not path.endswith((".html", "/")):
        path += "/"
    return path, ""


def redirect_table(corpus: Corpus, taken: set[str]) -> tuple[dict[str, Redirect], list[Finding]]:
    """Redirects of published articles by old path; `taken` holds every URL and file the site already has."""
    table: dict[str, Redirect] = {}
    findings: list[Finding] = []
    invalid = rule("invalid-redirect")
    for article in corpus.articles:
        line = article.line_of("redirect_from")
        for entry in article.redirect_from:
            old, _ = normalize_old_path(entry)
            path = article.source.display
            if old is None:
                continue  # the schema reported it, at the entry's own line
            if old in taken or old.rstrip("/") + "/" in taken:
                message = f"redirect_from entry '{entry}' is the address of an existing page or file; remove it"
                findings.append(invalid.finding(path, line, 1, message))
                continue
            if old in table:
                other = table[old].article.source.display
                message = f"redirect_from entry '{entry}' is already claimed by {other}; keep it in one article"
                findings.append(invalid.finding(path, line, 1, message))
                continue
            if article.is_public:
                table[old] = Redirect(old, article)
    return table, findings


def relative_url(target: str, from_file: str) -> str:
    """The URL of site path `target` as seen from the output file `from_file` (both without a leading slash)."""
    folder = posixpath.dirname(from_file)
    relative = posixpath.relpath(target or ".", folder or ".")
    if target.endswith("/") or not target:
        relative = relative.rstrip("/") + "/"
    return "./" if relative == "./" or relative == "." else relative


def redirect_page(redirect: Redirect) -> str:
    """A small page that sends the browser on to the article, with a link for anything that ignores refresh."""
    href = html.escape(quote(relative_url(redirect.article.url, redirect.output_file), safe="/._-~"), quote=True)
    title = html.escape(redirect.article.title)
    lang = html.escape(redirect.article.lang, quote=True)
    return (
        f'<!doctype html>\n<html lang="{lang}">\n<head>\n<meta charset="utf-8">\n'
        f'<meta http-equiv="refresh" content="0; url={href}">\n<meta name="robots" content="noindex">\n'
        f'<link rel="canonical" href="{href}">\n<title>{title}</title>\n</head>\n'
        f'<body>\n<p>This page has moved: <a href="{href}">{title}</a></p>\n</body>\n</html>\n'
    )
