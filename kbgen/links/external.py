"""`kbgen check --external`: asks each external URL once, in parallel and with a timeout, and caches answers.

The cache is `.kbgen/cache/external-links.json` beside mkdocs.yml: a URL that answered is not asked again for a
day; one that failed is asked again next run. Unreachable links are warnings: the web changes under us.
"""

from __future__ import annotations

import json
import time
import urllib.error
import urllib.request
from collections import defaultdict
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from kbgen.links.extract import extract_links
from kbgen.model import Article, Corpus, Finding, WrittenSection
from kbgen.rules import rule

CACHE_FILE = Path(".kbgen") / "cache" / "external-links.json"
FRESH_SECONDS = 24 * 60 * 60
_USER_AGENT = "kbgen-link-check/0.1 (+https://github.com/)"
_RETRY_WITH_GET = frozenset({403, 405, 501})


@dataclass(frozen=True, slots=True)
class Answer:
    ok: bool
    detail: str  # "HTTP 404", "timed out after 10 s", ...


def external_urls(corpus: Corpus) -> dict[str, list[tuple[str, int, int]]]:
    """Every http(s) URL in every article and section text (fragment dropped) and where each one is written."""
    found: dict[str, list[tuple[str, int, int]]] = defaultdict(list)
    pages: list[Article | WrittenSection] = [*corpus.articles, *corpus.written_sections()]
    for page in pages:
        for link in extract_links(page.body, page.body_line):
            if not link.shown(corpus.markdown_in_html):
                continue
            target = link.target.strip()
            if target.lower().startswith(("http://", "https://", "//")):
                url = ("https:" + target if target.startswith("//") else target).partition("#")[0]
                found[url].append((page.source.display, link.line, link.column))
    return dict(found)


def fetch(url: str, timeout: float) -> Answer:
    """HEAD first; some servers refuse HEAD, so a refusal is asked again with GET."""
    for method in ("HEAD", "GET"):
        request = urllib.request.Request(url, method=method, headers={"User-Agent": _USER_AGENT})
        try:
            with urllib.request.urlopen(request, timeout=timeout) as response:
                return Answer(True, f"HTTP {response.status}")
        except urllib.error.HTTPError as exc:
            if method == "HEAD" and exc.code in _RETRY_WITH_GET:
                continue
            return Answer(False, f"HTTP {exc.code}")
        except TimeoutError:
            return Answer(False, f"timed out after {timeout:g} s")
        except (urllib.error.URLError, OSError, ValueError) as exc:
            reason = getattr(exc, "reason", exc)
            if isinstance(reason, TimeoutError):
                return Answer(False, f"timed out after {timeout:g} s")
            return Answer(False, f"cannot connect: {reason}")
    return Answer(False, "no answer")


def _load_cache(path: Path) -> dict[str, dict[str, object]]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def check_external(
    corpus: Corpus, cache_file: Path, timeout: float = 10.0, workers: int = 8, now: float | None = None
) -> list[Finding]:
    urls = external_urls(corpus)
    now = time.time() if now is None else now
    cache = _load_cache(cache_file)
    answers: dict[str, Answer] = {}
    to_ask = []
    for url in sorted(urls):
        cached = cache.get(url)
        checked = cached.get("checked") if isinstance(cached, dict) else None
        fresh = isinstance(checked, int | float) and now - checked < FRESH_SECONDS
        if isinstance(cached, dict) and cached.get("ok") and fresh:
            answers[url] = Answer(True, str(cached.get("detail", "")))
            continue
        to_ask.append(url)
    with ThreadPoolExecutor(max_workers=max(1, workers)) as pool:
        for url, answer in zip(to_ask, pool.map(lambda u: fetch(u, timeout), to_ask), strict=True):
            answers[url] = answer
            cache[url] = {"ok": answer.ok, "detail": answer.detail, "checked": now}
    _save_cache(cache_file, cache)
    unreachable = rule("external-link-unreachable")
    findings = []
    for url, answer in answers.items():
        if not answer.ok:
            for path, line, column in urls[url]:
                message = f"external link '{url}' is unreachable ({answer.detail}); fix or remove it"
                findings.append(unreachable.finding(path, line, column, message))
    return findings


def _save_cache(path: Path, cache: dict[str, dict[str, object]]) -> None:
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(cache, sort_keys=True, indent=1) + "\n", encoding="utf-8")
    except OSError:
        pass  # a cache that cannot be written only costs time next run
