"""Search quality on a real help center: does the article a customer names come first, typo or not?

    python bench/search_quality.py [--corpus DIR] [--per-language 100] [--baseline DIR] [--systems ...]

Corpus: every article of d365-project-operations in en, tr, ro and zh (bench/corpus.py finds it), rendered
from Markdown to text as the build does. Queries: a seeded sample of article titles per language, each also
with one typo in its longest word (``with_typo`` in tests/support/search.py: a letter dropped, two swapped or
one replaced, by turns, never the first letter). Chinese titles get no typo variant (a Han query is matched
as typed; typos do not apply). Success@3: the article, or one with the very same title, among the first three.

Systems:

- ``kbgen``: the shipped browser search (theme/assets/search/kb-search-core.js under node, through
  tests/search/node_harness.js) on the index this checkout builds; each query starts cold, so the bytes it
  fetched (gzip'd shards, manifest excluded) are reported too. ``--baseline DIR`` measures another kbgen
  checkout (e.g. main) the same way, with its own Python and its own kb-search-core.js.
- ``material``: mkdocs-material's own search worker (its bundled lunr.js and query handling) under node
  (bench/material_search.js), on an index in the form its search plugin writes for a site in that language
  (the theme language's lang, separator and pipeline; Chinese cut by jieba as the plugin does), one entry
  per article (the plugin adds one per heading too, which this leaves out).
- ``pagefind``: a Pagefind index built with its Python API, searched by pagefind.js in headless Chromium.

Results: bench/out/search-quality.json and a Markdown table on stdout.
"""

from __future__ import annotations

import argparse
import asyncio
import gzip
import json
import os
import random
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(HERE))

from corpus import add_corpus_option, corpus_dir  # noqa: E402
from generate import SHARES, _sources  # noqa: E402
from run import Server  # noqa: E402

from tests.support.search import with_typo  # noqa: E402

LANGS = [lang for lang, _, _ in SHARES]
NODE_HARNESS = ROOT / "tests" / "search" / "node_harness.js"
MATERIAL_RUNNER = HERE / "material_search.js"
# Writes the kbgen index for documents.jsonl; run with the measured checkout first on PYTHONPATH.
BUILD = """import json, sys
from pathlib import Path
from kbgen.search.build import build_search_assets
from kbgen.search.documents import SearchDocument
docs = [SearchDocument(**json.loads(line)) for line in open(sys.argv[1], encoding="utf-8")]
build_search_assets(docs, Path(sys.argv[2]))
"""


def documents(corpus: Path) -> list[dict[str, Any]]:
    """Every corpus article as a search document (the fields of kbgen's SearchDocument)."""
    import markdown

    from kbgen.search.text import html_to_text

    docs = []
    for lang, folder, _ in SHARES:
        for k, (category, title, summary, paragraphs) in enumerate(_sources(corpus, folder)):
            text = html_to_text(markdown.markdown("\n\n".join(paragraphs), extensions=["tables"]))
            docs.append(
                {"url": f"{lang}/{category}/a{k:04d}/", "title": title, "summary": summary, "text": text,
                 "lang": lang, "category": category}
            )  # fmt: skip
    return docs


def queries(docs: list[dict[str, Any]], per_language: int) -> dict[str, list[dict[str, Any]]]:
    """Per language: sampled titles, each with its typo variant (None for Chinese) and the accepted URLs."""
    out: dict[str, list[dict[str, Any]]] = {}
    for lang in LANGS:
        mine = [d for d in docs if d["lang"] == lang]
        by_title: dict[str, list[str]] = {}
        for d in mine:
            by_title.setdefault(d["title"], []).append(d["url"])
        picked = random.Random(f"search-quality-{lang}").sample(mine, min(per_language, len(mine)))
        out[lang] = [
            {"title": d["title"], "typo": None if lang == "zh" else with_typo(d["title"], i),
             "urls": by_title[d["title"]]}
            for i, d in enumerate(picked)
        ]  # fmt: skip
    return out


def success(ranked: list[str], urls: list[str]) -> bool:
    return any(url in urls for url in ranked[:3])


def run_kbgen(checkout: Path, docs: list[dict[str, Any]], asked: dict[str, list[dict[str, Any]]], work: Path) -> Any:
    """Ranked URLs per language and variant, and the bytes each typo query fetched, for one kbgen checkout."""
    folder = work / f"kbgen-{checkout.name}"
    shutil.rmtree(folder, ignore_errors=True)
    jsonl = work / "documents.jsonl"
    env = dict(os.environ, PYTHONPATH=str(checkout))
    subprocess.run([sys.executable, "-c", BUILD, str(jsonl), str(folder)], check=True, env=env, cwd=checkout)
    root = folder / "kb-search"
    tasks = []
    for lang in LANGS:
        texts = [q["title"] for q in asked[lang]] + [q["typo"] for q in asked[lang] if q["typo"] is not None]
        tasks.append({"op": "search", "lang": lang, "queries": [{"query": t, "fresh": True} for t in texts]})
    request = {"lunrDir": str(root / "lunr"), "core": str(checkout / "theme/assets/search/kb-search-core.js"),
               "root": str(root), "tasks": tasks}  # fmt: skip
    done = subprocess.run(
        ["node", str(NODE_HARNESS)], input=json.dumps(request), capture_output=True, text=True, check=True
    )
    answers = json.loads(done.stdout)
    result: dict[str, Any] = {}
    for lang, answer in zip(LANGS, answers, strict=True):
        urls = sorted(d["url"] for d in docs if d["lang"] == lang)  # refs are documents in URL order
        ranked = [[urls[ref] for ref, _, _ in a["hits"][:10]] for a in answer]

        manifest = json.loads(gzip.decompress((root / lang / "manifest.kbs").read_bytes()))

        def size(kind: str, numbers: list[int], lang: str = lang, manifest: Any = manifest) -> int:
            # shards are named by their group's content, listed in the manifest (a baseline from before: n.kbs)
            if "files" not in manifest:
                return sum((root / lang / kind / f"{n}.kbs").stat().st_size for n in numbers)
            names = [f"{manifest['files'][kind][n // manifest['fileGroups'][kind]]}-{n}.kbs" for n in numbers]
            return sum((root / "immutable" / lang / kind / name).stat().st_size for name in names)

        fetched = [size("t", a["shards"]) + size("n", a.get("near", [])) for a in answer]
        n = len(asked[lang])
        result[lang] = {"plain": ranked[:n], "typo": ranked[n:], "bytes_plain": fetched[:n], "bytes_typo": fetched[n:]}
    return result


def _material_config(lang: str) -> dict[str, Any]:
    """What material's search plugin writes for a site whose theme language is ``lang``."""
    templates = Path(__import__("material").__file__).parent / "templates" / "partials" / "languages"

    def setting(name: str, language: str) -> str | None:
        found = re.search(rf'"search\.config\.{name}": "(.*?)"', (templates / f"{language}.html").read_text())
        return found.group(1).encode().decode("unicode_escape") if found else None

    pipeline = setting("pipeline", lang) or setting("pipeline", "en") or ""
    return {
        "lang": [setting("lang", lang) or "en"],
        "separator": setting("separator", lang) or setting("separator", "en"),
        "pipeline": [p.strip() for p in pipeline.split(",") if p.strip()],
        "fields": {"title": {"boost": 1e3}, "text": {"boost": 1.0}, "tags": {"boost": 1e6}},
    }


def run_material(docs: list[dict[str, Any]], asked: dict[str, list[dict[str, Any]]]) -> Any:
    from material.plugins.search.plugin import SearchIndex

    segment = SearchIndex._segment_chinese  # the plugin's own jieba step, applied when jieba is installed
    worker = next(
        (Path(__import__("material").__file__).parent / "templates/assets/javascripts/workers").glob("search.*.min.js")
    )
    languages = []
    for lang in LANGS:
        entries = [
            {"location": d["url"], "title": segment(None, d["title"]), "text": segment(None, d["text"])}
            for d in docs
            if d["lang"] == lang
        ]
        texts = [q["title"] for q in asked[lang]] + [q["typo"] for q in asked[lang] if q["typo"] is not None]
        languages.append({"config": _material_config(lang), "docs": entries, "queries": texts})
    done = subprocess.run(
        ["node", str(MATERIAL_RUNNER)],
        input=json.dumps({"worker": str(worker), "languages": languages}),
        capture_output=True,
        text=True,
        check=True,
    )
    answers = json.loads(done.stdout)
    return {
        lang: {"plain": a[: len(asked[lang])], "typo": a[len(asked[lang]) :]}
        for lang, a in zip(LANGS, answers, strict=True)
    }


PAGEFIND_QUERY = """async ([queries, lang]) => {
  document.documentElement.lang = lang;  // Pagefind searches the index of the page's language
  const pagefind = await import('/pagefind/pagefind.js');
  await pagefind.options({ basePath: '/pagefind/' });
  const out = [];
  for (const q of queries) {
    const found = await pagefind.search(q);
    const top = await Promise.all(found.results.slice(0, 3).map((r) => r.data()));
    out.push(top.map((d) => d.meta.url));
  }
  return out;
}"""


def run_pagefind(docs: list[dict[str, Any]], asked: dict[str, list[dict[str, Any]]], work: Path) -> Any:
    """Pagefind indexes each article as a custom record (its language, its title) and searches in Chromium."""
    from pagefind.index import IndexConfig, PagefindIndex
    from playwright.sync_api import sync_playwright

    site = work / "pagefind-site"
    shutil.rmtree(site, ignore_errors=True)
    site.mkdir(parents=True)

    async def build() -> None:
        # leaving the block writes the files again, to output_path: the site's, not ./pagefind
        async with PagefindIndex(IndexConfig(output_path=str(site / "pagefind"))) as index:
            for d in docs:
                await index.add_custom_record(
                    url=d["url"], content=f"{d['title']}\n{d['summary']}\n{d['text']}", language=d["lang"],
                    meta={"title": d["title"], "url": d["url"]},
                )  # fmt: skip

    asyncio.run(build())
    (site / "index.html").write_text("<!doctype html><title>q</title>", encoding="utf-8")
    server = Server(site)
    try:
        result = {}
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path="/usr/bin/chromium", args=["--no-sandbox"])
            for lang in LANGS:
                page = browser.new_page()
                page.goto(f"{server.url}index.html")
                texts = [q["title"] for q in asked[lang]] + [q["typo"] for q in asked[lang] if q["typo"] is not None]
                ranked = page.evaluate(PAGEFIND_QUERY, [texts, lang])
                n = len(asked[lang])
                result[lang] = {"plain": ranked[:n], "typo": ranked[n:]}
                page.close()
            browser.close()
    finally:
        server.stop()
    return result


def score(asked: dict[str, list[dict[str, Any]]], ranked: dict[str, Any]) -> dict[str, Any]:
    out = {}
    for lang in LANGS:
        plain = [success(r, q["urls"]) for r, q in zip(ranked[lang]["plain"], asked[lang], strict=True)]
        typos = [q for q in asked[lang] if q["typo"] is not None]
        typo = [success(r, q["urls"]) for r, q in zip(ranked[lang]["typo"], typos, strict=True)]
        row: dict[str, Any] = {"plain": sum(plain) / len(plain), "typo": sum(typo) / len(typo) if typo else None}
        if "bytes_typo" in ranked[lang]:
            row["kb_plain"] = statistics.median(ranked[lang]["bytes_plain"]) / 1024
            row["kb_typo"] = statistics.median(ranked[lang]["bytes_typo"]) / 1024 if typo else None
        row["misses_typo"] = [q["typo"] for q, ok in zip(typos, typo, strict=True) if not ok][:10]
        out[lang] = row
    return out


def table(results: dict[str, dict[str, Any]]) -> str:
    lines = ["| system | lang | success@3 | with a typo | typo / plain | median KB fetched (plain / typo) |",
             "|---|---|---|---|---|---|"]  # fmt: skip
    for system, by_lang in results.items():
        for lang, r in by_lang.items():
            typo = "n/a" if r["typo"] is None else f"{r['typo']:.0%}"
            ratio = "n/a" if r["typo"] is None or not r["plain"] else f"{r['typo'] / r['plain']:.0%}"
            kb = f"{r['kb_plain']:.1f} / {r['kb_typo']:.1f}" if r.get("kb_typo") is not None else (
                f"{r['kb_plain']:.1f} / n/a" if "kb_plain" in r else "")  # fmt: skip
            lines.append(f"| {system} | {lang} | {r['plain']:.0%} | {typo} | {ratio} | {kb} |")
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    add_corpus_option(parser)
    parser.add_argument("--per-language", type=int, default=100)
    parser.add_argument("--baseline", type=Path, help="another kbgen checkout to measure the same way (e.g. main)")
    parser.add_argument("--systems", nargs="+", default=["kbgen", "material", "pagefind"])
    parser.add_argument("--out", type=Path, default=HERE / "out" / "search-quality.json")
    args = parser.parse_args()
    corpus = corpus_dir(args.corpus)
    docs = documents(corpus)
    asked = queries(docs, args.per_language)
    with tempfile.TemporaryDirectory(prefix="kbgen-quality-") as tmp:
        work = Path(tmp)
        with (work / "documents.jsonl").open("w", encoding="utf-8") as handle:
            for d in docs:
                handle.write(json.dumps({**d, "versions": []}, ensure_ascii=False) + "\n")
        results: dict[str, dict[str, Any]] = {}
        if "kbgen" in args.systems:
            results["kbgen"] = score(asked, run_kbgen(ROOT, docs, asked, work))
        if args.baseline:
            results[f"kbgen ({args.baseline.name})"] = score(
                asked, run_kbgen(args.baseline.resolve(), docs, asked, work)
            )
        if "material" in args.systems:
            results["material"] = score(asked, run_material(docs, asked))
        if "pagefind" in args.systems:
            results["pagefind"] = score(asked, run_pagefind(docs, asked, work))
    args.out.parent.mkdir(parents=True, exist_ok=True)
    report = {"corpus": str(corpus), "per_language": args.per_language, "queries": asked, "results": results}
    args.out.write_text(json.dumps(report, ensure_ascii=False, indent=1, sort_keys=True), encoding="utf-8")
    print(table(results))


if __name__ == "__main__":
    main()
