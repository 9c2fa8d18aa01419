"""Link checks: every link, image and anchor in every article and section text must work on the built site."""

from __future__ import annotations

import difflib
import posixpath
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import replace
from functools import lru_cache, partial
from typing import TYPE_CHECKING

from kbgen.config.settings import KbConfig
from kbgen.links.anchors import heading_ids, page_anchors
from kbgen.links.extract import Link, extract_links
from kbgen.links.site_map import BuiltSiteMap, Entry, Resolution, source_of
from kbgen.loading.load_memo import LoadMemo, entry_key
from kbgen.model import Article, Corpus, Finding, RejectedPage, Section, WrittenSection
from kbgen.render.page_ids import home_headings
from kbgen.render.section_intro import shown_body
from kbgen.render.tree import SiteTree
from kbgen.rules import rule
from kbgen.workers import run_shared, worker_count

if TYPE_CHECKING:
    from kbgen.checks import CheckContext

_PAGE_EXTENSIONS = frozenset({"", ".md", ".html", ".htm"})
LISTED_HEADINGS = 10  # a broken anchor lists this many of the target's heading ids


_REMEMBERED = 65_536  # articles whose links are kept, at least: bounded, so `kbgen serve` does not grow forever
_links: dict[Article, tuple[Link, ...]] = {}
_capacity = _REMEMBERED  # raised to twice the largest site read, so a whole site (and the one before) always fits


def article_links(article: Article) -> tuple[Link, ...]:
    """Remembered: the link check and kbgen.links.publication both read every public article's links."""
    found = _links.get(article)
    if found is None:
        found = _remember(article, tuple(extract_links(article.body, article.body_line)))
    return found


def read_links(
    articles: Sequence[Article],
    jobs: int | None,
    memo: LoadMemo | None = None,
    load_keys: Mapping[str, str] | None = None,
) -> None:
    """Extract the links of every article not yet remembered, on every core (kbgen.workers) when `jobs` allows;
    `memo` answers for bodies an earlier run read and keeps this run's. An article's load key (`load_keys`, by
    source path: kbgen.loading.loader) names its links too, since it names the file's bytes: hashing 10,000
    bodies again for their links' keys was a twentieth of a second of every rebuild."""
    global _capacity  # the store's bound follows the largest site this process has read
    kept = memo is not None  # a memo to keep for the next run (else one for this call only)
    memo = memo if memo is not None else LoadMemo()
    # a first-in-first-out store smaller than the site would miss on every article of the link check's pass
    _capacity = max(_capacity, 2 * len(articles))
    keys: dict[Article, str | None] = {}
    missing = []
    for article in articles:
        if article in _links and not kept:
            continue  # nothing to keep: no body to digest
        loaded = load_keys.get(str(article.source.rel)) if load_keys is not None else None
        if loaded is not None:
            key = keys[article] = entry_key("links of", loaded)
        else:
            key = keys[article] = entry_key("links", article.body.encode("utf-8", "surrogatepass"), article.body_line)
        if article in _links:
            memo.put(key, _links[article])  # so the memo still holds it for the next process
            continue
        found = memo.get(key)
        if found is None:
            missing.append(article)
        else:
            _remember(article, found)

    def extract(article: Article) -> tuple[Link, ...]:
        return tuple(extract_links(article.body, article.body_line))

    def keep(article: Article, links: tuple[Link, ...]) -> None:
        memo.put(keys[article], links)
        _remember(article, links)

    run_shared(missing, extract, keep, worker_count(jobs, len(missing)))


def _remember(article: Article, links: tuple[Link, ...]) -> tuple[Link, ...]:
    if len(_links) >= _capacity:
        del _links[next(iter(_links))]  # the oldest
    _links[article] = links
    return links


def check_links(context: CheckContext) -> list[Finding]:
    return link_findings(context.corpus, context.site_map, context.config)


def link_findings(corpus: Corpus, site_map: BuiltSiteMap, config: KbConfig | None = None) -> list[Finding]:
    """Findings for every link in every article and in the text of every section page and home (and in every
    page refused for its front matter, so one round fixes both), plus those for invalid `redirect_from` entries.

    `config` decides what a language home shows (its contact card); without it, the defaults'."""
    site, findings = site_map.site, list(site_map.findings)
    anchors = lru_cache(maxsize=None)(partial(page_anchors, markdown_in_html=corpus.markdown_in_html))
    sections = _SectionPages(corpus, config if config is not None else KbConfig())
    pages: list[Article | WrittenSection | RejectedPage] = [
        *corpus.articles, *corpus.written_sections(), *corpus.rejected_pages
    ]  # fmt: skip
    for page in pages:
        public = page.is_public if isinstance(page, Article) else isinstance(page, WrittenSection) and page.public
        links = article_links(page) if isinstance(page, Article) else extract_links(page.body, page.body_line)
        for link in links:
            if not link.shown(corpus.markdown_in_html):
                continue  # Markdown in a raw HTML block: text on the page, not a link
            resolution = site.resolve(link, page)
            judged = _judge(page, public, link, resolution, anchors, sections)
            findings.extend(replace(f, target=_target(corpus.display_prefix, resolution)) for f in judged)
    return findings


def _target(prefix: str, found: Resolution) -> str:
    """The content file a link points at, as findings name files; for a missing one, the file it would be."""
    if found.entry is not None:
        return prefix + found.entry.source
    if found.status == "missing" and found.looked_for:
        return prefix + source_of(found.looked_for)
    return ""


def _judge(
    page: Article | WrittenSection | RejectedPage,
    public: bool,
    link: Link,
    found: Resolution,
    anchors: Callable[[str], frozenset[str]],
    sections: _SectionPages,
) -> Iterator[Finding]:
    path, line, column = page.source.display, link.line, link.column
    what = "image" if link.is_image else "link"
    if found.status == "unsafe":
        message = f"{what} '{_short(link.target)}' uses the '{found.scheme}:' scheme, which is not allowed"
        yield rule("unsafe-link-scheme").finding(path, line, column, message + "; link to a page or an https:// URL")
        return
    if found.status == "external" and link.is_image:
        message = (
            f"image '{_short(link.target)}' is on another site, and the help center makes no request to another "
            "site: readers see only its alt text; download it into the content folder and link it from there"
        )
        yield rule("external-image").finding(path, line, column, message)
        return
    if found.status == "missing":
        hint = f"; {found.hint}" if found.hint else ""
        extension = posixpath.splitext(found.looked_for.rstrip("/"))[1].lower()
        if link.is_image or extension not in _PAGE_EXTENSIONS:
            message = f"{what} target '{link.target}' is not in the content folder (looked for {found.looked_for})"
            yield rule("missing-image").finding(
                path, line, column, message + (hint or "; add the file or fix the path")
            )
        else:
            message = f"link target '{link.target}' not found (looked for {found.looked_for or 'the site root'})"
            yield rule("broken-link").finding(path, line, column, message + hint)
        return
    entry = found.entry
    drawn: tuple[str, ...] = ()  # the ids of the headings a home's template draws
    if isinstance(page, RejectedPage) and entry is not None and entry.source == str(page.source.rel):
        target_body, target = page.body, "this page"  # a refused page's own #fragment
    elif isinstance(page, WrittenSection) and entry is not None and entry.source == str(page.source.rel):
        _, target_body, drawn = sections.page(entry)  # a section's or home's own #fragment
        target = "this page"
    elif found.status == "unpublished" and entry is not None:
        if public:
            message = (
                f"links to a page that is not published ({entry.unpublished}): '{link.target}'; customers would get "
                "a 404, so link a published article or publish this one"
            )
            yield rule("link-to-unpublished").finding(path, line, column, message)
        return
    elif entry is not None and entry.kind == "section":  # another section page, a language home or the root
        if found.fragment in ("", "top"):
            return  # most links to such a page: its ids (a home's need the site's tree) are not worked out
        target, target_body, drawn = sections.page(entry)
    elif entry is None or entry.kind not in ("page", "redirect") or entry.article is None:
        return  # an asset: its fragments (`#page=2`) are the viewer's
    elif entry.kind == "redirect" and not found.looked_for.endswith(".md"):
        return  # an article's old address: the redirect page's refresh drops the fragment
    else:  # an article, or its old source (`old-name.md#steps`): repointed at the article, fragment and all
        target_body = entry.article.body
        target = "this page" if entry.article == page else entry.article.source.display
    if found.status not in ("ok", "unpublished") or not found.fragment or found.fragment == "top":
        return
    known = anchors(target_body) | frozenset(drawn)
    if found.fragment in known:
        return
    hint = _anchor_hint(found.fragment, known, (*heading_ids(target_body, sections.corpus.markdown_in_html), *drawn))
    yield rule("broken-anchor").finding(path, line, column, f"anchor '#{found.fragment}' not found in {target}{hint}")


class _SectionPages:
    """What a link's `#fragment` may name on a section page, a language home or the site's root: the ids of the
    text its `index.md` shows (kbgen.render.section_intro) and of the headings its template draws."""

    def __init__(self, corpus: Corpus, config: KbConfig) -> None:
        self.corpus, self.config = corpus, config
        self._tree: SiteTree | None = None  # made for the first link into a home that names a fragment
        self._homes: dict[str, tuple[str, ...]] = {}

    def page(self, entry: Entry) -> tuple[str, str, tuple[str, ...]]:
        """The page as a finding names it, the text it shows, and the ids of its template's headings."""
        written = self.corpus.by_source(entry.source)
        if isinstance(written, Section) and written.source is not None:
            name, body, lang, folders = written.source.display, shown_body(written.body), written.lang, written.path
        else:
            parts = entry.source.split("/")[:-1]  # kbgen makes the page of a folder with no index.md
            lang, folders = (parts[0], tuple(parts[1:])) if parts else ("", ())
            page = f"the page '{entry.url}'" if parts else "the site's root page"
            name, body = f"{page} (kbgen makes it; it has no index.md)", ""
        return name, body, self._template(lang, folders)

    def _template(self, lang: str, folders: tuple[str, ...]) -> tuple[str, ...]:
        if not lang or folders:
            return ()  # neither a section page's template nor the root's draws a heading with an id
        if lang not in self._homes:
            if self._tree is None:
                self._tree = SiteTree(self.corpus, self.config.default_language)
            self._homes[lang] = home_headings(self._tree, self.config, lang)
        return self._homes[lang]


def _anchor_hint(fragment: str, known: frozenset[str], headings: tuple[str, ...]) -> str:
    """The likeliest id, then the page's heading ids (the first few), so the fix needs no trip to the page."""
    close = difflib.get_close_matches(fragment, sorted(known), n=1, cutoff=0.6)
    lowered = [anchor for anchor in sorted(known) if anchor.casefold() == fragment.casefold()]
    suggestion = (lowered or close or [""])[0]
    listed = ", ".join(f"#{anchor}" for anchor in headings[:LISTED_HEADINGS])
    listed += f", … ({len(headings)} in all)" if len(headings) > LISTED_HEADINGS else ""
    if suggestion:
        return f"; did you mean '#{suggestion}'?" + (f" (headings: {listed})" if headings else "")
    return f"; its headings are {listed}" if headings else "; the page has no heading with that id"


def _short(text: str, limit: int = 60) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"
