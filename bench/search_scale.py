"""Search at 10,000 and 100,000 articles: kbgen's prebuilt index against Pagefind, on the same text, in one run.

    python bench/search_scale.py --sizes 10000 100000 [--repeat 3] [--corpus DIR] [--out DIR] [--reuse | --reindex]

A full site build of 100,000 articles takes an hour per system on two cores, and the search side does not need
one: for each N this writes the articles `bench/generate.py` gives (four languages, corpus prose) as plain search
documents, builds kbgen's index from them (`build_search_assets`, as `kbgen build` does) and, from the same
title, summary and text, one minimal HTML page per article for Pagefind (`--root-selector article`). Both are then
served with gzip (`server.py`) and measured in headless Chromium exactly as `run.py` measures them (`kbgen-bare`
and `pagefind`: a page holding only the search UI, `?q=expense approval`): time to the first result, bytes of
search requests finished by then and 1.5 s later, and a later query's time. Printed as a table with each size's
ratio to the smallest; written to `bench/results/search-scale.json`.
"""

from __future__ import annotations

import argparse
import json
import re
import shutil
import subprocess
import sys
import time
from html import escape
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(HERE))

from corpus import add_corpus_option, corpus_dir  # noqa: E402
from generate import Article, generate  # noqa: E402
from run import CHROMIUM_ARGS, PAGEFIND_JS, SYSTEMS, Server, measure  # noqa: E402

from kbgen.mkdocs_plugin.scripts import SEARCH_SCRIPTS, minified  # noqa: E402
from kbgen.render.i18n import script_strings  # noqa: E402
from kbgen.search.build import build_search_assets  # noqa: E402
from kbgen.search.documents import SearchDocument  # noqa: E402
from kbgen.search.folders import PREFIX  # noqa: E402
from kbgen.search.vendor import vendor_files  # noqa: E402

ASSETS = ROOT / "theme" / "assets" / "search"
_MARKUP = re.compile(r"[#*_`>|\[\]()!]+|<[^>]+>")
PAGEFIND_BARE = """<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Pagefind bench</title>
<link href="pagefind/pagefind-ui.css" rel="stylesheet"><script src="pagefind/pagefind-ui.js"></script></head>
<body><div id="search"></div><script src="pagefind-bench.js"></script></body></html>"""


def document(article: Article) -> SearchDocument:
    text = " ".join(_MARKUP.sub(" ", article.body).split())
    return SearchDocument(
        url=article.url,
        title=article.title,
        summary=article.summary,
        text=text,
        lang=article.lang,
        category=article.category,
        versions=article.versions,
        section=" › ".join((article.category, *article.sections)),
    )


def copy_scripts(site: Path) -> None:
    """The search scripts and styles of this checkout as `kbgen build` ships them (scripts minified), lunr's
    files too: a reused index is measured with this checkout's code."""
    shutil.copytree(ASSETS, site / "assets" / "search", dirs_exist_ok=True)
    for uri in SEARCH_SCRIPTS:
        (site / uri).write_text(minified(ROOT / "theme" / uri), encoding="utf-8")
    for name, data in vendor_files().items():
        (site / PREFIX / "lunr" / name).write_bytes(data)


def build_kbgen(n: int, site: Path, corpus: Path, timings: dict[str, Any]) -> list[SearchDocument]:
    """kbgen's index and its bench page in site; the documents it was built from."""
    started = time.perf_counter()
    documents = [document(article) for article in generate(n, corpus)]
    timings["generate_s"] = round(time.perf_counter() - started, 1)
    started = time.perf_counter()
    build_search_assets(documents, site)
    timings["kbgen_index_s"] = round(time.perf_counter() - started, 1)
    copy_scripts(site)
    bare = (ROOT / "tests" / "search" / "site" / "page.html").read_text(encoding="utf-8")
    strings = json.dumps(script_strings("en"), sort_keys=True).replace("<", "\\u003c")
    (site / "kbgen-bench.html").write_text(bare.replace("{lang}", "en").replace("{text}", strings), encoding="utf-8")
    timings["index_bytes"] = {
        **timings.get("index_bytes", {}),
        "kbgen": sum(p.stat().st_size for p in (site / "kb-search").rglob("*") if p.is_file()),
    }
    return documents


def build(n: int, out: Path, corpus: Path) -> dict[str, Any]:
    """kbgen's index and Pagefind's, from the same N documents, in out/site."""
    site = out / "site"
    if site.exists():
        shutil.rmtree(site)
    site.mkdir(parents=True)
    timings: dict[str, Any] = {}
    documents = build_kbgen(n, site, corpus, timings)
    for doc in documents:
        folder = site / doc.url
        folder.mkdir(parents=True, exist_ok=True)
        (folder / "index.html").write_text(
            f'<!doctype html><html lang="{doc.lang}"><head><meta charset="utf-8"><title>{escape(doc.title)}</title>'
            f"</head><body><article><h1>{escape(doc.title)}</h1><p>{escape(doc.summary)}</p>"
            f"<p>{escape(doc.text)}</p></article></body></html>",
            encoding="utf-8",
        )
    started = time.perf_counter()
    subprocess.run(
        [sys.executable, "-m", "pagefind", "--site", str(site), "--root-selector", "article", "--quiet"], check=True
    )
    timings["pagefind_index_s"] = round(time.perf_counter() - started, 1)
    (site / "pagefind-bench.html").write_text(PAGEFIND_BARE, encoding="utf-8")
    (site / "pagefind-bench.js").write_text(PAGEFIND_JS, encoding="utf-8")
    timings["index_bytes"]["pagefind"] = sum(p.stat().st_size for p in (site / "pagefind").rglob("*") if p.is_file())
    return timings


def measure_size(n: int, out: Path, repeat: int) -> dict[str, Any]:
    from playwright.sync_api import sync_playwright

    server = Server(out / "site")
    results: dict[str, Any] = {}
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS)
            for name, page in (("kbgen-bare", "kbgen-bench.html"), ("pagefind", "pagefind-bench.html")):
                runs = [measure(browser, server.url + page, SYSTEMS[name]) for _ in range(repeat)]
                best = sorted(runs, key=lambda r: r["first_ms"])[len(runs) // 2]
                results[name] = {**best, "first_ms_runs": [round(r["first_ms"], 1) for r in runs]}
            browser.close()
    finally:
        server.stop()
    return results


def table(rows: dict[int, dict[str, Any]]) -> str:
    smallest = min(rows)
    lines = [
        f"| N | system | first result ms | vs N={smallest} | search KB by first | of which code | KB settled "
        "| later query ms | index MiB |",
        "|---|---|---|---|---|---|---|---|---|",
    ]
    for n, row in sorted(rows.items()):
        for name, key in (("kbgen-bare", "kbgen"), ("pagefind", "pagefind")):
            found = row["systems"][name]
            ratio = found["first_ms"] / rows[smallest]["systems"][name]["first_ms"]
            lines.append(
                f"| {n:,} | {name} | {found['first_ms']:.0f} | {ratio:.2f} | {found['bytes_first'] / 1024:.1f} | "
                f"{found.get('bytes_first_code', 0) / 1024:.1f} | "
                f"{found['bytes_settled'] / 1024:.1f} | {found['later_ms']:.0f} | "
                f"{row['build']['index_bytes'][key] / 2**20:.1f} |"
            )
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--out", type=Path, default=HERE / "out" / "search-scale")
    parser.add_argument("--reuse", action="store_true", help="measure the sites an earlier run built")
    parser.add_argument(
        "--reindex",
        action="store_true",
        help="keep an earlier run's pages and Pagefind index; rebuild only kbgen's index (a change to its format)",
    )
    parser.add_argument("--no-save", action="store_true", help="print only; do not write bench/results")
    add_corpus_option(parser)
    args = parser.parse_args()
    corpus = corpus_dir(args.corpus)
    rows: dict[int, dict[str, Any]] = {}
    for n in args.sizes:
        out = args.out / str(n)
        saved_build = out / "build.json"
        if args.reindex and saved_build.is_file():
            build_timings = json.loads(saved_build.read_text())
            shutil.rmtree(out / "site" / "kb-search", ignore_errors=True)  # gone if an earlier --reindex was stopped
            build_kbgen(n, out / "site", corpus, build_timings)
            saved_build.write_text(json.dumps(build_timings))
        elif args.reuse and saved_build.is_file():
            build_timings = json.loads(saved_build.read_text())
            # the index is reused, not the scripts: measure the search code of this checkout
            copy_scripts(out / "site")
        else:
            build_timings = build(n, out, corpus)
            saved_build.write_text(json.dumps(build_timings))
        rows[n] = {"build": build_timings, "systems": measure_size(n, out, args.repeat)}
        print(f"N = {n:,}: {json.dumps(build_timings)}", flush=True)
    print(table(rows))
    if not args.no_save:
        saved = {"corpus": corpus.name if corpus.is_dir() else "synthetic", "query": "expense approval", "rows": rows}
        (HERE / "results" / "search-scale.json").write_text(json.dumps(saved, indent=1, sort_keys=True) + "\n")


if __name__ == "__main__":
    main()
