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

from kbgen.model import Article, Corpus, Finding, served_file
from kbgen.publishing.manifest import HOST_FILES, MANIFEST_NAME
from kbgen.rules import rule
from kbgen.search.folders import PREFIX as SEARCH_PREFIX

_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:")
# spaces of every kind and the invisible characters a paste brings along (no-break and zero-width spaces, bidi
# marks, a BOM): in the middle of a path they make an address nobody types
_FORBIDDEN = re.compile(
    r"[\x00-\x20\x7f-\xa0\xad\\?#\"'<>`\u1680\u180e\u2000-\u200f\u2028-\u202f\u205f-\u206f\u3000\ufeff]"
)
# Top-level names the build itself writes (MkDocs, the theme, kbgen's search, manifest and dashboard) or the host
# owns; a redirect page there would overwrite them or need a folder where a file must be. Compared casefolded,
# since the site may be served from a case-insensitive disk.
BUILD_OUTPUTS = frozenset(
    name.casefold()
    for name in (
        "index.html", "404.html", "robots.txt", "sitemap.xml", "sitemap.xml.gz", MANIFEST_NAME, *HOST_FILES,
        "assets", "search", SEARCH_PREFIX, "kb-dashboard", "kb-dashboard.html",  # kbgen.mkdocs_plugin.dashboard
    )
)  # fmt: skip


@dataclass(frozen=True, slots=True)
class Redirect:
    """`old` is the site path of the redirect page, without a leading slash; a folder path ends in '/'."""

    old: str
    article: Article

    @property
    def output_file(self) -> str:
        return served_file(self.old)

    @property
    def old_sources(self) -> tuple[str, ...]:
        """The source paths a writer may still link with `.md` and expect to land here."""
        if not self.old.endswith("/"):
            return ()
        folder = self.old.rstrip("/")
        return (folder + ".md", folder + "/index.md")


def normalize_old_path(entry: str) -> tuple[str | None, str]:
    """The site path an entry stands for, or None and the reason it is not allowed. Spaces around the entry are
    no part of it (front matter's text is read trimmed; kbgen.loading.schema warns of them)."""
    value = entry.strip()
    if not value:
        return None, "an empty path"
    if _SCHEME.match(value) or value.startswith("//"):
        return None, "a URL with a scheme or host; redirects only work inside the site (use e.g. 'en/billing/old/')"
    if (forbidden := _FORBIDDEN.search(value)) is not None:
        char = forbidden.group()
        if char.isprintable() and char != "\xa0":
            return None, "a path with a space, quote, backslash, '?' or '#'; write a plain site path"
        name = unicodedata.name(char, "a control character")
        return None, f"a path with U+{ord(char):04X} ({name}), which no one sees or types in an address; remove it"
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
    outputs = _Outputs(taken, {a.lang for a in corpus.articles} | {s.lang for s in corpus.sections})
    for article in corpus.articles:
        line = article.line_of("redirect_from")
        for entry in article.redirect_from:
            old, _ = normalize_old_path(entry)
            path = article.source.display
            if old is None:
                continue  # the schema reported it, at the entry's own line
            if old in table and table[old].article is article:
                message = f"redirect_from entry '{entry}' names the same address as an entry above it; keep one"
                findings.append(invalid.finding(path, line, 1, message))
                continue
            if old in table:
                other = table[old].article.source.display
                message = f"redirect_from entry '{entry}' is already claimed by {other}; keep it in one article"
                findings.append(invalid.finding(path, line, 1, message))
                continue
            problem = outputs.conflict(old)
            if problem:
                findings.append(invalid.finding(path, line, 1, f"redirect_from entry '{entry}' {problem}; remove it"))
                continue
            if article.is_public:
                table[old] = Redirect(old, article)
                outputs.claim(table[old].output_file)
    return table, findings


class _Outputs:
    """Every file path the build will write, and every folder those paths need, to test a redirect page against.

    A redirect clashes when its file is already written, when its file would have to be a folder the site needs
    (`sitemap.xml` is a file, so `sitemap.xml/index.html` cannot exist), or when one of its folders is a file.
    """

    def __init__(self, taken: set[str], languages: set[str]) -> None:
        self.files: set[str] = set()
        self.folders: set[str] = set()
        self.languages = {_key(lang) for lang in languages}  # each has its own 404 page (kbgen.mkdocs_plugin.not_found)
        for url in taken:
            self.claim(served_file(url))

    def claim(self, file: str) -> None:
        key = _key(file)
        self.files.add(key)
        parts = key.split("/")
        self.folders.update("/".join(parts[:end]) for end in range(1, len(parts)))

    def conflict(self, old: str) -> str:
        key = _key(served_file(old))
        parts = key.split("/")
        if parts[0] in BUILD_OUTPUTS or parts[0].startswith("."):
            where = "is" if len(parts) == 1 else "is under"
            return f"{where} '{parts[0]}', which the build writes (or the host owns)"
        if len(parts) == 2 and parts[0] in self.languages and parts[1] == "404.html":
            return f"is '{parts[0]}/404.html', where the build writes that language's own 'page not found' page"
        hidden = next((part for part in parts if part.startswith(".")), None)
        if hidden is not None:
            return f"has '{hidden}' in it, and a name starting with '.' is never published, so no redirect is written"
        folders = ["/".join(parts[:end]) for end in range(1, len(parts))]
        if key in self.files or any(folder in self.files for folder in folders) or key in self.folders:
            return "is the address of an existing page or file"
        return ""


def _key(path: str) -> str:
    return unicodedata.normalize("NFC", path).casefold()


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
