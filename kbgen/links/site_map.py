"""Resolves a link from one article the way the built site serves it (MkDocs' `use_directory_urls`).

MkDocs rewrites a relative Markdown link only when it names a source file exactly (`invoices.md`,
`../billing/index.md`, `../../assets/x.svg`), and kbgen a raw `<a href>` to a `.md` file too. Anything else
(`invoices/`, `../invoices`, `/en/billing/`, other raw HTML) is left as written, and the browser resolves it
against the page URL, which for an article is one folder deeper than its source file (with `use_directory_urls:
false`, in its source file's folder). Both paths are followed here, so a link passes exactly when it works.
"""

from __future__ import annotations

import difflib
import html
import posixpath
import re
import unicodedata
from dataclasses import dataclass
from typing import Literal, NamedTuple, Protocol
from urllib.parse import unquote

from kbgen.links.data_images import is_data_image
from kbgen.links.extract import Link, repointed_href
from kbgen.links.redirects import Redirect, redirect_table
from kbgen.model import Article, Corpus, Finding, Source, served_file

Status = Literal["ok", "missing", "unpublished", "unsafe", "external", "ignored"]
UNSAFE_SCHEMES = frozenset({"javascript", "vbscript", "data", "file"})
_SCHEME = re.compile(r"^([A-Za-z][A-Za-z0-9+.-]*):")
_URL_EDGES = "".join(map(chr, range(0x21)))  # C0 controls and space, which a browser strips from an address's ends
_URL_DROPPED = re.compile(r"[\t\n\r]")  # and tabs and line breaks, which it drops wherever they are


def as_browser_reads(target: str) -> str:
    """An address as a browser reads it from the page: its character references decoded (the page carries them as
    written: `&#106;avascript:`), then controls and spaces at its ends stripped and tabs and line breaks dropped
    (the URL standard's parser: `&Tab;javascript:`, `java&#9;script:`). Its scheme is the one that is followed."""
    decoded = html.unescape(target) if "&" in target else target
    return _URL_DROPPED.sub("", decoded.strip(_URL_EDGES))


SUGGESTION_CUTOFF = 0.6  # difflib's ratio: 'reset-password' ~ 'reset-your-password' (0.85); 'faq' !~ 'fees' (0.29)


def nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


@dataclass(frozen=True, slots=True)
class Entry:
    """Something at a source path or URL: a page, a file, or a reason it is not published."""

    kind: Literal["page", "section", "asset", "redirect"]
    source: str  # its source path (or, for a redirect, the article's)
    url: str
    article: Article | None = None
    unpublished: str = ""  # why customers cannot see it; empty when published


@dataclass(frozen=True, slots=True)
class Resolution:
    status: Status
    looked_for: str = ""
    entry: Entry | None = None
    fragment: str = ""
    hint: str = ""
    scheme: str = ""


class LinkingPage(Protocol):
    """The page a link is written in: an article, or a page refused for its front matter (still link-checked)."""

    @property
    def source(self) -> Source: ...

    @property
    def url(self) -> str: ...


def _reason(article: Article) -> str:
    return f"status: {article.status}" if article.status != "published" else f"audience: {article.audience}"


class SiteMap:
    """Every source path and URL the built site will have, keyed in NFC so either Unicode form resolves."""

    def __init__(self, corpus: Corpus) -> None:
        self.sources: dict[str, Entry] = {}
        self.urls: dict[str, Entry] = {}
        self.folded: dict[str, str] = {}
        self.slugs: dict[str, dict[str, list[str]]] = {}  # language -> slug -> article sources, for suggestions
        for article in corpus.articles:
            reason = "" if article.is_public else _reason(article)
            self._add(Entry("page", str(article.source.rel), article.url, article, reason))
            by_slug = self.slugs.setdefault(article.lang, {})
            by_slug.setdefault(nfc(article.slug), []).append(nfc(str(article.source.rel)))
        for section in corpus.sections:
            if section.source is not None:
                hidden = not corpus.shows(section)
                kind = "section" if section.path else "language"
                reason = f"a {kind} with no public article" if hidden else ""
                self._add(Entry("section", str(section.source.rel), section.url, unpublished=reason))
        for lang, path in corpus.published_folders():
            url = f"{lang}/{''.join(part + '/' for part in path)}"
            if nfc(url) not in self.urls:
                self._add(Entry("section", f"{url}index.md", url))
        self._add(Entry("section", "index.md", ""))
        for asset in corpus.assets:
            self._add(Entry("asset", str(asset), str(asset)))
        for rel in corpus.rejected:
            if nfc(str(rel)) not in self.sources:
                why = "kbgen rejected it; see the findings for that file"
                self.sources[nfc(str(rel))] = Entry("asset", str(rel), str(rel), unpublished=why)

    def add_redirects(self, redirects: dict[str, Redirect]) -> None:
        for redirect in redirects.values():
            entry = Entry("redirect", str(redirect.article.source.rel), redirect.old, redirect.article)
            self.urls.setdefault(nfc(redirect.old), entry)
            for old_source in redirect.old_sources:
                self.sources.setdefault(nfc(old_source), entry)

    def _add(self, entry: Entry) -> None:
        self.sources.setdefault(nfc(entry.source), entry)
        self.urls.setdefault(nfc(entry.url), entry)
        if entry.kind == "page":
            self.urls.setdefault(nfc(served_file(entry.url)), entry)
        self.folded.setdefault(nfc(entry.source).casefold(), entry.source)

    def url_entry(self, url: str) -> Entry | None:
        """What the web server answers for a site path (no leading slash)."""
        url = nfc(url)
        found = self.urls.get(url)
        if found is None and url.endswith("index.html"):
            url = url[: -len("index.html")]
            found = self.urls.get(url)
        if found is None and not url.endswith("/") and not posixpath.splitext(url)[1]:
            found = self.urls.get(url + "/")  # servers redirect a folder without its slash
        return found

    def resolve(self, link: Link, article: LinkingPage) -> Resolution:
        if link.kind == "html-link" and repointed_href(link.target):
            link = Link("link", link.target, link.line, link.column)  # the build repoints it as a Markdown link
        target = link.target.strip()
        scheme = _SCHEME.match(target) or _SCHEME.match(as_browser_reads(target))
        if scheme:
            name = scheme.group(1).lower()
            if name in UNSAFE_SCHEMES and not (link.is_image and is_data_image(target)):
                return Resolution("unsafe", scheme=name)
            return Resolution("external" if name in ("http", "https") else "ignored", scheme=name)
        if target.startswith("//"):
            return Resolution("external", scheme="https")
        raw_path, _, fragment = target.partition("#")
        raw_path = raw_path.partition("?")[0]
        fragment = nfc(unquote(fragment))
        source = str(article.source.rel)
        if not raw_path:
            return Resolution("ok", source, self.sources.get(nfc(source)), fragment)
        if "\\" in raw_path:
            fixed = raw_path.replace("\\", "/")
            hint = f"use '/' between folders, not '\\': '{fixed}'"
            return Resolution("missing", raw_path, hint=hint)
        path = nfc(unquote(raw_path))
        if path.startswith("/"):
            return self._absolute(path, fragment, source)
        if not link.is_html:
            written = posixpath.normpath(posixpath.join(posixpath.dirname(source), path))
            if written == ".." or written.startswith("../"):
                return Resolution("missing", path, hint="it points outside the content folder")
            entry = self.sources.get(written)
            if entry is not None:
                return self._found(entry, written, fragment)
        served = _join_url(article.url, path)
        if served is None:
            return Resolution("missing", path, hint="it points outside the site")
        entry = self.url_entry(served)
        if entry is not None:
            return self._found(entry, served, fragment)
        if not link.is_html and posixpath.splitext(path)[1]:
            served = posixpath.normpath(posixpath.join(posixpath.dirname(source), path))
        return Resolution("missing", served, hint=self._guess(source, path, link))

    def _absolute(self, path: str, fragment: str, source: str) -> Resolution:
        site_path = path.lstrip("/")
        entry = self.url_entry(site_path)
        if entry is not None:
            return self._found(entry, site_path, fragment)
        hint = ""
        candidate = self.sources.get(site_path)
        if candidate is not None:
            relative = posixpath.relpath(site_path, posixpath.dirname(source) or ".")
            hint = f"absolute links to .md files are not rewritten; did you mean '{relative}'?"
        return Resolution("missing", site_path, hint=hint)

    def _found(self, entry: Entry, looked_for: str, fragment: str) -> Resolution:
        status: Status = "unpublished" if entry.unpublished else "ok"
        return Resolution(status, looked_for, entry, fragment)

    def _guess(self, source: str, path: str, link: Link) -> str:
        folder = posixpath.dirname(source)
        written = posixpath.normpath(posixpath.join(folder, path))
        stem = written[: -len(".html")] if written.endswith(".html") else written
        for candidate in (written, stem + ".md", written + "/index.md", written + ".md"):
            entry = self.sources.get(candidate)
            if entry is None:
                continue
            relative = posixpath.relpath(candidate, folder or ".")
            if link.is_html:
                what = "image" if link.is_image else "link"
                return f"raw HTML is not rewritten; use a Markdown {what} to '{relative}'"
            return f"did you mean '{relative}'?"
        for candidate in (written, written + ".md"):
            actual = self.folded.get(candidate.casefold())
            if actual is not None:
                return (
                    f"names are case-sensitive on the web; did you mean '{posixpath.relpath(actual, folder or '.')}'?"
                )
        page_like = posixpath.splitext(written)[1].lower() in ("", ".md", ".html", ".htm")
        nearest = self._nearest(written, source) if page_like and not link.is_html and not link.is_image else None
        return f"did you mean '{posixpath.relpath(nearest, folder or '.')}'?" if nearest else ""

    def _nearest(self, written: str, source: str) -> str | None:
        """The article whose slug is closest to the one written (a typo, a renamed or moved article), preferring
        the language and category the link names; None when nothing is similar enough to be a useful guess."""
        parts = [part for part in written.split("/") if part]
        lang = parts[0] if parts and parts[0] in self.slugs else source.split("/")[0]
        slugs = self.slugs.get(lang)
        name = posixpath.splitext(parts[-1])[0] if parts else ""
        if name == "index" and len(parts) > 1:
            name = parts[-2]
        if not slugs or not name:
            return None
        close = difflib.get_close_matches(name, sorted(slugs), n=1, cutoff=SUGGESTION_CUTOFF)
        if not close:
            return None
        folder, category = posixpath.dirname(written), parts[1] if len(parts) > 2 else ""
        return min(slugs[close[0]], key=lambda c: (posixpath.dirname(c) != folder, c.split("/")[1] != category, c))


def source_of(looked_for: str) -> str:
    """The source file a site path most likely stands for (`en/a/b/` is the article `en/a/b.md`; `en/a/` the
    category page), so a broken link to an article that was renamed or deleted is known to point at its old file."""
    path = looked_for.removesuffix("index.html")
    if path.endswith(".html"):
        return path[: -len(".html")] + ".md"
    if posixpath.splitext(path)[1] and not path.endswith("/"):
        return path
    parts = [part for part in path.split("/") if part]
    return "/".join(parts) + ".md" if len(parts) >= 3 else "/".join([*parts, "index.md"])


def _join_url(page_url: str, path: str) -> str | None:
    """A relative URL resolved against the page URL, as a browser does; None if it climbs above the root.

    A folder URL (`en/a/b/`) is its own base; a file URL (`en/a/b.html`, `use_directory_urls: false`) its folder's."""
    parts = [p for p in page_url.split("/") if p]
    if page_url and not page_url.endswith("/"):
        parts = parts[:-1]
    segments = path.split("/")
    for index, segment in enumerate(segments):
        last = index == len(segments) - 1
        if segment in ("", "."):
            if last:
                parts.append("")
            continue
        if segment == "..":
            if not parts:
                return None
            parts.pop()
            if last:
                parts.append("")
            continue
        parts.append(segment)
    return "/".join(parts)


class BuiltSiteMap(NamedTuple):
    """The site's addresses including redirect pages, the redirect pages to write, and the invalid redirects."""

    site: SiteMap
    redirects: dict[str, Redirect]
    findings: tuple[Finding, ...]


def build_site_map(corpus: Corpus) -> BuiltSiteMap:
    """Built once per run (see `CheckContext`): the link check and the build's link rewriting share it."""
    site = SiteMap(corpus)
    redirects, findings = redirect_table(corpus, set(site.urls))
    site.add_redirects(redirects)
    return BuiltSiteMap(site, redirects, tuple(findings))
