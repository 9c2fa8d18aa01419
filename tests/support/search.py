"""Helpers shared by the search tests: sample articles, a recording Chromium page, the node harness."""

from __future__ import annotations

import gzip
import itertools
import json
import shutil
import subprocess
from collections.abc import Sequence
from pathlib import Path
from typing import Any
from urllib.parse import quote, urlparse

import pytest

from kbgen.search import build as search_build
from kbgen.search import index as search_index
from kbgen.search.documents import SearchDocument
from kbgen.search.index import FIELDS
from tests.support.project import REPO
from tests.support.recording import record_calls

HERE = REPO / "tests" / "search"
FIXTURES = HERE / "fixtures"
ASSETS = REPO / "theme" / "assets" / "search"
CORE_JS = ASSETS / "kb-search-core.js"
CONTACT = (
    ("Email support", "mailto:support@example.com"),
    ("Open a ticket", "https://support.example.com/new"),
)
XSS_TITLE = "Paste <img src=x onerror=alert(1)> into the editor"
# Synonym groups the test site is built with, as a content team would write them in synonyms/<lang>.yml.
SYNONYMS: dict[str, list[list[str]]] = {
    "en": [["invoice", "bill"], ["log in", "sign in", "login"], ["expense report", "refund claim"]],
    "tr": [["şifre", "parola"], ["fatura", "hesap pusulası"]],
    "ro": [["factură", "notă de plată"]],
    "zh": [["发票", "账单"], ["收据", "小票"]],
}

# Articles written for these tests (the corpus has no password reset or API keys); the rest are derived from
# the d365-project-operations corpus, see fixtures/articles.json for the attribution.
EXTRA = (
    SearchDocument(
        url="tr/account/reset-password/",
        title="Şifrenizi sıfırlama",
        summary="Hesabınızın şifresini unuttuysanız yeni bir şifre oluşturun.",
        text="Oturum açma sayfasında Şifremi unuttum bağlantısını seçin. Şifre sıfırlama e-postasındaki "
        "bağlantıyı açın ve yeni şifrenizi iki kez girin. İşlem tamamlandığında hesabınıza giriş yapın.",
        lang="tr",
        category="Hesap",
    ),
    SearchDocument(
        url="ro/projects/archive/",
        title="Arhivarea proiectelor încheiate",
        summary="Cum se arhivează un proiect după facturarea finală.",
        text="Proiectul arhivat rămâne disponibil pentru rapoarte. Selectați proiectul, apoi Arhivare. "
        "Proiectele arhivate nu mai acceptă înregistrări de timp și cheltuieli.",
        lang="ro",
        category="Proiecte",
        versions=("2024",),
    ),
    SearchDocument(
        url="en/account/api-keys/",
        title="Regenerate an API key",
        summary="Replace a leaked key in a day without downtime.",
        text="Open Settings, then Keys. Select the key and choose Regenerate. The display shows the new key "
        "once; copy it the same day. Old keys stop working after 24 hours.",
        lang="en",
        category="Account",
        versions=("2024",),
    ),
    SearchDocument(
        url="en/integrations/api-keys/",
        title="Regenerate an API key",
        summary="Rotate the key an integration signs its requests with.",
        text="Open Integrations, select the connection and choose Regenerate. Paste the new value into the "
        "integration before the old one expires.",
        lang="en",
        category="Integrations",
    ),
    SearchDocument(
        url="en/editor/paste-html/",
        title=XSS_TITLE,
        summary="Pasted <script>window.__kbxss = 1</script> markup is shown as text.",
        text="The editor keeps <b>markup</b> literal: <script>window.__kbxss = 1</script> is text, not code.",
        lang="en",
        category="Editor",
    ),
    SearchDocument(
        url="zh/expense/receipts/",
        title="上传报销收据",
        summary="在移动应用中为支出上传收据。",
        text="打开支出，选择附加收据，然后拍照上传。财务经理审批报销后，款项将在三个工作日内到账。",
        lang="zh",
        category="支出",
    ),
)


def query_doc(lang: str, slug: str, title: str, text: str) -> SearchDocument:
    """A public article at `<lang>/<slug>/`, no summary, in one category: the reader-query tests' documents."""
    return SearchDocument(url=f"{lang}/{slug}/", title=title, summary="", text=text, lang=lang, category="Test")


def pasted_paragraph(articles: Sequence[SearchDocument], words: int = 500) -> str:
    """About 500 words of running English from the sample articles, as a reader might paste from an email."""
    found = " ".join(doc.text for doc in articles if doc.lang == "en").split()[:words]
    assert len(found) == words
    return " ".join(found)


def with_typo(text: str, seed: int) -> str:
    """``text`` with one typo in its longest word, the same for the same seed: a letter dropped, two swapped
    or one replaced (by turns), never the first letter."""
    from kbgen.search.tokenize import words

    found = [w for w, han in words(text) if not han]
    if not found:
        return text
    longest = max(found, key=len)
    chars = list(longest)
    if len(chars) < 3:
        return text
    at = 1 + seed * 7 % (len(chars) - 2)
    kind = seed % 3
    if kind == 0:
        del chars[at]
    elif kind == 1 and chars[at] != chars[at + 1]:
        chars[at], chars[at + 1] = chars[at + 1], chars[at]
    elif kind == 1:
        del chars[at]
    else:
        chars[at] = "e" if chars[at].lower() not in "eé" else "a"
    start = text.index(longest)
    return text[:start] + "".join(chars) + text[start + len(longest) :]


def load_articles() -> list[SearchDocument]:
    data = json.loads((FIXTURES / "articles.json").read_text(encoding="utf-8"))
    docs = [
        SearchDocument(
            url=a["url"],
            title=a["title"],
            summary=a["summary"],
            text=a["text"],
            lang=a["lang"],
            category=a["category"],
            versions=tuple(a["versions"]),
        )
        for a in data["articles"]
    ]
    return docs + list(EXTRA)


RESULT = ".kb-search__results .kb-search__result"
# kb-search.js sets aria-busy="false" once every answer to the latest query has arrived
SETTLED = '.kb-search__results[aria-busy="false"]'


class Session:
    """One page with every request, console message, page error and dialog recorded."""

    def __init__(self, browser: Any, base_url: str) -> None:
        self.context = browser.new_context()
        self.page = self.context.new_page()
        self.base_url = base_url
        self.hosts: set[str] = set()
        self.paths: list[str] = []  # every request's path, in order
        self.console: list[str] = []
        self.errors: list[str] = []
        self.dialogs: list[str] = []
        self.page.on("request", self._record)
        self.page.on("console", lambda m: self.console.append(m.text))
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))
        self.page.on("dialog", lambda d: (self.dialogs.append(d.message), d.dismiss()))

    def _record(self, request: Any) -> None:
        url = urlparse(request.url)
        self.hosts.add(url.hostname or request.url)
        self.paths.append(url.path)

    def open(self, lang: str, query: str | None = None) -> None:
        suffix = f"?q={quote(query)}" if query is not None else ""
        self.page.goto(f"{self.base_url}{lang}.html{suffix}")

    def type(self, query: str, *, enter: bool = True) -> None:
        box = self.page.locator("#kb-search-hero-input")
        box.fill("")
        box.press_sequentially(query, delay=15)
        if enter:
            box.press("Enter")

    def top(self, count: int = 3) -> list[str]:
        # the answer to what the box says now: typing without Enter leaves the previous word's results settled
        # until the debounced search starts and clears them
        self.page.wait_for_function(
            """() => Array.from(document.querySelectorAll('.kb-search__results')).some((list) => {
              const input = list.closest('form') && list.closest('form').querySelector('.kb-search__input');
              return list.getAttribute('aria-busy') === 'false' && input && list.dataset.query === input.value
                && list.querySelector('.kb-search__result') !== null;
            })""",
            timeout=10_000,
        )
        hrefs = self.page.eval_on_selector_all(f"{RESULT} a", "els => els.map(e => e.getAttribute('href'))")
        return [urlparse(h).path.lstrip("/") for h in hrefs[:count]]

    def close(self) -> None:
        self.context.close()


def write_search_site(site_dir: Path, articles: list[SearchDocument], langs: tuple[str, ...], **options: Any) -> Path:
    """A static folder holding the search assets built from `articles` (`options` go to build_search_assets),
    the client files and one test page per language of `langs`."""
    from jinja2.utils import htmlsafe_json_dumps

    from kbgen.render.i18n import script_strings

    search_build.build_search_assets(articles, site_dir, **options)
    shutil.copytree(ASSETS, site_dir / "assets" / "search")
    page = (HERE / "site" / "page.html").read_text(encoding="utf-8")
    for lang in langs:
        text = htmlsafe_json_dumps(script_strings(lang), sort_keys=True)  # as the search form's `tojson`
        (site_dir / f"{lang}.html").write_text(page.replace("{lang}", lang).replace("{text}", text), encoding="utf-8")
    return site_dir


def run_node(search_root: Path, tasks: list[dict[str, Any]]) -> list[Any]:
    node = shutil.which("node")
    assert node, "node is required for the parity tests"
    request = {
        "lunrDir": str(search_root / "lunr"),
        "core": str(CORE_JS),
        "root": str(search_root),
        "tasks": tasks,
    }
    done = subprocess.run(
        [node, str(HERE / "node_harness.js")],
        input=json.dumps(request),
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)  # type: ignore[no-any-return]


def record_indexed_languages(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The languages builds index from now on, in order; a language a rebuild reuses is not indexed again."""
    indexed: list[str] = []
    original = search_build.language_files

    def counting(lang: str, *args: Any, **kwargs: Any) -> Any:
        indexed.append(lang)
        return original(lang, *args, **kwargs)

    monkeypatch.setattr(search_build, "language_files", counting)
    return indexed


def record_analysed_documents(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The URLs of the documents builds tokenise and stem from now on; one remembered from a build is not."""
    analysed: list[str] = []
    original = search_index.document_terms

    def counting(doc: SearchDocument, *args: Any) -> Any:
        analysed.append(doc.url)
        return original(doc, *args)

    monkeypatch.setattr(search_index, "document_terms", counting)
    return analysed


def read_term_shard(data: bytes, tail: bytes | None = None) -> dict[str, Any]:
    """A term shard as the browser reads it (kb-search-core.js readShard, then readTail with `tail`), written again
    here from the format's description so that a mistake in either shows: {"terms": [[term, index, flat per
    field]]}, a flat list being [ref gap, weight, ...]. Without its tail, a tiered word's bounded weights read as
    the top of their buckets."""
    raw = _inflated(data)
    cut = raw.index(b"\n")
    shard: dict[str, Any] = json.loads(raw[:cut])
    read = _Reader(raw, cut + 1)
    tails: list[tuple[list[int], list[int]]] = []  # each tiered word's last flat list, and its bounded positions
    terms = []
    for term, index, *rest in shard["terms"]:
        flats: list[list[int]] = []
        for n, count in enumerate(rest[: len(FIELDS)]):
            gaps = read.varints(count)
            refs = list(itertools.accumulate(gaps))
            kept, edges = list(range(count)), []
            if n == len(FIELDS) - 1 and len(rest) > len(FIELDS):  # tiered (kbgen.search.shards.tier)
                edges, extra = rest[len(FIELDS) :]
                held = {ref for flat in flats for ref in itertools.accumulate(flat[0::2])}
                extras = set(itertools.accumulate(g - 1 if i == 0 else g for i, g in enumerate(read.varints(extra))))
                kept = [i for i in range(count) if refs[i] in held or i in extras]
            weights = [0] * count
            for i, weight in zip(kept, read.weights(len(kept)), strict=True):
                weights[i] = weight
            bounded = sorted(set(range(count)) - set(kept))
            for i in bounded:  # each bounded weight's bucket, read as its highest possible weight
                weights[i] = edges[read.raw[read.at] + 1]
                read.at += 1
            flat = [v for gap, weight in zip(gaps, weights, strict=True) for v in (gap, weight)]
            if bounded:
                tails.append((flat, bounded))
            flats.append(flat)
        terms.append([term, index, *flats])
    assert read.at == len(raw), "postings end before the shard does"
    if tail is not None:
        read = _Reader(_inflated(tail), 0)
        for flat, positions in tails:
            for i, weight in zip(positions, read.weights(len(positions)), strict=True):
                flat[2 * i + 1] = weight
        assert read.at == len(read.raw), "tail weights end before the tail does"
    shard["terms"] = terms
    return shard


def read_term_shards(files: dict[str, Any], lang: str) -> dict[str, list[list[int]]]:
    """Every term's postings (flat lists per field) from a language's shards, each read with its tail."""
    tails = {path.rsplit("-", 1)[-1]: files[path] for path in files if path.startswith(f"immutable/{lang}/w/")}
    found: dict[str, list[list[int]]] = {}
    for path in (p for p in files if p.startswith(f"immutable/{lang}/t/")):
        shard = read_term_shard(files[path], tails.get(path.rsplit("-", 1)[-1]))
        found.update({entry[0]: entry[2:] for entry in shard["terms"]})
    return found


def _inflated(data: bytes) -> bytes:
    return gzip.decompress(data) if data[:2] == b"\x1f\x8b" else data


class _Reader:
    """LEB128 varints and weights (high parts, then low bytes) from ``raw``, from ``at`` on."""

    def __init__(self, raw: bytes, at: int) -> None:
        self.raw, self.at = raw, at

    def varints(self, count: int) -> list[int]:
        values = []
        for _ in range(count):
            value = shift = 0
            while True:
                byte = self.raw[self.at]
                self.at += 1
                value |= (byte & 0x7F) << shift
                shift += 7
                if byte < 0x80:
                    break
            values.append(value)
        return values

    def weights(self, count: int) -> list[int]:
        high = self.varints(count)
        low = self.raw[self.at : self.at + count]
        self.at += count
        return [h * 256 + lo for h, lo in zip(high, low, strict=True)]


def inverted_index(index: search_index.LanguageIndex) -> dict[str, dict[str, Any]]:
    """lunr's inverted index (term -> ``_index`` and field -> ref -> {}), read back from the index's postings:
    what the reference search hands lunr.py."""
    found: dict[str, dict[str, Any]] = {}
    for term, fields in index.postings.items():
        posting: dict[str, Any] = {"_index": index.terms[term]}
        for (name, _), flat in zip(search_index.FIELDS, fields, strict=True):
            posting[name] = {str(ref): {} for ref in itertools.accumulate(flat[0::2])}
        found[term] = posting
    return found


def shaped_documents(shapes: Sequence[tuple[int, int, int, int]], words: int = 50) -> list[SearchDocument]:
    """English documents of made-up words ``w0``, ``w1``...: per shape its title, summary and body lengths in
    words and a stride that repeats body words, for the index's arithmetic on fields of any length and count."""
    vocabulary = [f"w{n}" for n in range(words)]
    return [
        SearchDocument(
            url=f"/en/{n:04}/",
            title=" ".join(vocabulary[n % 7 : n % 7 + title]),
            summary=" ".join(vocabulary[(n + k) % words] for k in range(summary)),
            text=" ".join(vocabulary[(n * stride + k * k) % words] for k in range(text)),
            lang="en",
            category="c",
        )
        for n, (title, summary, text, stride) in enumerate(shapes)
    ]


def field_vectors(index: search_index.LanguageIndex) -> dict[str, list[float]]:
    """lunr's field vectors (``field/ref`` -> ``[term index, weight, ...]`` by term index), read back from the
    index's postings: what the parity tests hand lunr.py."""
    vectors: dict[str, list[tuple[int, float]]] = {}
    for term, fields in index.postings.items():
        number = index.terms[term]
        for (name, _), flat in zip(search_index.FIELDS, fields, strict=True):
            ref = 0
            for i in range(0, len(flat), 2):
                ref += flat[i]
                vectors.setdefault(f"{name}/{ref}", []).append((number, flat[i + 1] / 1000))
    return {ref: [value for pair in sorted(pairs) for value in pair] for ref, pairs in vectors.items()}


def record_compressions(monkeypatch: pytest.MonkeyPatch) -> list[bytes]:
    """Every blob the search build compresses from now on (kbgen.search.build._compress), in order."""
    return record_calls(monkeypatch, search_build, "_compress")
