"""kbgen search benchmark: kbgen vs mkdocs-material's search vs Pagefind on the same generated help center.

    python bench/run.py --sizes 1000 10000

For each size N: generate N articles (bench/generate.py), build them with MkDocs twice (kbgen's theme and
search; stock material with its search plugin), index the kbgen build with Pagefind, serve both folders on
127.0.0.1 (bench/server.py, gzip for text as a CDN would) and drive headless Chromium. Reported per system:
time from navigation start to the first visible result for ``?q=<query>`` (median of --repeat fresh
browser contexts), bytes the search fetched by then and once settled, and the median latency of later queries
typed into the same page. Results go to bench/out/results-<N>.json and a Markdown table on stdout.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any
from urllib.parse import quote, urlsplit

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(HERE))

from corpus import add_corpus_option, corpus_dir  # noqa: E402
from generate import generate, write_docs  # noqa: E402

CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
]
# Without pruning every page carries the whole 10,000-entry nav and the MkDocs build turns quadratic.
PRUNE = ["navigation.prune"]
FIRST_QUERY = "expense approval"
LATER_QUERIES = ("project invoice", "time entries", "resource booking", "price list", "vendor invoice")
SYSTEMS: dict[str, dict[str, Any]] = {
    "kbgen": {"site": "site-kbgen", "result": ".kb-search__result", "input": ".kb-search__input",
              "search": ("/kb-search/", "/assets/search/"), "submit": "Enter"},
    "kbgen-bare": {"site": "site-kbgen", "result": ".kb-search__result", "input": ".kb-search__input",
                   "search": ("/kb-search/", "/assets/search/"), "submit": "Enter"},
    "pagefind-page": {"site": "site-kbgen", "result": ".pagefind-ui__result", "input": ".pagefind-ui__search-input",
                      "search": ("/pagefind/",), "submit": "End"},
    "material": {"site": "site-material", "result": ".md-search-result__item", "input": ".md-search__input",
                 "search": ("/search/", "/workers/"), "submit": "End"},
    "pagefind": {"site": "site-kbgen", "result": ".pagefind-ui__result", "input": ".pagefind-ui__search-input",
                 "search": ("/pagefind/",), "submit": "End"},
}  # fmt: skip
OBSERVER = """(() => {
  const sel = %s;
  const check = () => {
    if (window.__benchFirst === undefined && document.querySelector(sel)) window.__benchFirst = performance.now();
    if (window.__benchT0 !== undefined && window.__benchNext === undefined
        && document.querySelector(sel + ':not([data-bench-old])')) window.__benchNext = performance.now();
  };
  new MutationObserver(check).observe(document, {subtree: true, childList: true, attributes: true});
})();"""
PAGEFIND_PAGE = """<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Pagefind bench</title>
<link href="pagefind/pagefind-ui.css" rel="stylesheet"><script src="pagefind/pagefind-ui.js"></script></head>
<body><div id="search"></div><script src="pagefind-bench.js"></script></body></html>"""
PAGEFIND_JS = """const ui = new PagefindUI({element: "#search", showSubResults: false, debounceTimeoutMs: 0});
const q = new URLSearchParams(location.search).get("q");
if (q) ui.triggerSearch(q);"""


def mkdocs_build(out: Path, name: str, config: dict[str, Any], root: Path = ROOT) -> float:
    """Build with the kbgen (and bench hook) of the checkout at `root`: this one, or --baseline's."""
    path = out / f"mkdocs-{name}.json"  # JSON is valid YAML
    path.write_text(json.dumps(config), encoding="utf-8")
    env = dict(os.environ, PYTHONPATH=f"{root}{os.pathsep}{HERE}")
    started = time.perf_counter()
    # cwd=root: `python -m` puts the working directory first on sys.path, ahead of PYTHONPATH
    subprocess.run([sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(path)], check=True, env=env, cwd=root)
    return time.perf_counter() - started


def _kbgen_config(base: dict[str, Any], site: Path, root: Path) -> dict[str, Any]:
    theme = {"name": "material", "custom_dir": str(root / "theme"), "font": False, "features": PRUNE}
    # this checkout's hook for both: the harness stays the same, the kbgen and theme on the path differ
    return {**base, "site_dir": str(site), "plugins": [], "hooks": [str(HERE / "hook.py")], "theme": theme}


def _tree_bytes(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file())


def build_all(n: int, out: Path, corpus: Path, baseline: Path | None = None) -> dict[str, Any]:
    out.mkdir(parents=True, exist_ok=True)
    docs = out / "docs"
    if docs.exists():
        shutil.rmtree(docs)
    articles = generate(n, corpus)
    write_docs(articles, docs)
    base = {"site_name": f"Bench {n}", "docs_dir": str(docs), "use_directory_urls": True}
    timings: dict[str, Any] = {}
    timings["kbgen_mkdocs_s"] = mkdocs_build(out, "kbgen", _kbgen_config(base, out / "site-kbgen", ROOT))
    timings["kbgen_index_s"] = json.loads((out / "kbgen-index-build.json").read_text())["seconds"]
    if baseline is not None:
        site = out / "site-kbgen-base"
        timings["kbgen_base_mkdocs_s"] = mkdocs_build(out, "kbgen-base", _kbgen_config(base, site, baseline), baseline)
        timings["kbgen_base_index_s"] = json.loads((out / "kbgen-index-build.json").read_text())["seconds"]
    timings["material_mkdocs_s"] = mkdocs_build(
        out, "material",
        {**base, "site_dir": str(out / "site-material"), "plugins": ["search"],
         "theme": {"name": "material", "font": False, "features": PRUNE}},
    )  # fmt: skip
    started = time.perf_counter()
    subprocess.run(
        [sys.executable, "-m", "pagefind", "--site", str(out / "site-kbgen"), "--root-selector", "article",
         "--quiet"],
        check=True,
    )  # fmt: skip
    timings["pagefind_index_s"] = time.perf_counter() - started
    (out / "site-kbgen" / "pagefind-bench.html").write_text(PAGEFIND_PAGE, encoding="utf-8")
    bare = (ROOT / "tests" / "search" / "site" / "page.html").read_text(encoding="utf-8")
    (out / "site-kbgen" / "kbgen-bench.html").write_text(bare.replace("{lang}", "en"), encoding="utf-8")
    (out / "site-kbgen" / "pagefind-bench.js").write_text(PAGEFIND_JS, encoding="utf-8")
    timings["sizes_bytes"] = {
        "kbgen": _tree_bytes(out / "site-kbgen" / "kb-search"),
        **({"kbgen-base": _tree_bytes(out / "site-kbgen-base" / "kb-search")} if baseline else {}),
        "material": (out / "site-material" / "search" / "search_index.json").stat().st_size,
        "pagefind": sum(p.stat().st_size for p in (out / "site-kbgen" / "pagefind").rglob("*") if p.is_file()),
    }
    first = next(a for a in articles if a.lang == "en")
    timings["page"] = first.url
    # The same article page with Pagefind's UI in place of kbgen's search form, to compare on equal pages.
    page_dir = out / "site-kbgen" / timings["page"]
    html = (page_dir / "index.html").read_text(encoding="utf-8")
    html = re.sub(r'<form class="kb-search.*?</form>', '<div id="search"></div>', html, flags=re.S)
    html = re.sub(r'<link rel="stylesheet" href="[./]*assets/search/kb-search.css">', "", html)
    html = re.sub(r'<script src="[./]*assets/search/kb-search.js" async></script>', "", html)
    up = "../" * timings["page"].count("/")
    html = html.replace(
        "</body>",
        f'<link href="{up}pagefind/pagefind-ui.css" rel="stylesheet"><script src="{up}pagefind/pagefind-ui.js">'
        f'</script><script src="{up}pagefind-bench.js"></script></body>',
    )
    (page_dir / "pagefind.html").write_text(html, encoding="utf-8")
    return timings


class Server:
    def __init__(self, folder: Path) -> None:
        port_file = folder.parent / f".port-{folder.name}"
        port_file.unlink(missing_ok=True)
        self.process = subprocess.Popen([sys.executable, str(HERE / "server.py"), str(folder), str(port_file)])
        deadline = time.monotonic() + 20
        while not port_file.exists() or not port_file.read_text():
            if time.monotonic() > deadline:
                raise RuntimeError("bench server did not start")
            time.sleep(0.05)
        self.url = f"http://127.0.0.1:{port_file.read_text()}/"

    def stop(self) -> None:
        self.process.terminate()
        self.process.wait(timeout=10)


def _is_code(url: str) -> bool:
    return urlsplit(url).path.endswith((".js", ".mjs", ".css", ".wasm", ".pagefind"))


def measure(browser: Any, url: str, system: dict[str, Any]) -> dict[str, Any]:
    context = browser.new_context()
    page = context.new_page()
    page.add_init_script(script=OBSERVER % json.dumps(system["result"]))
    finished: list[Any] = []
    page.on("requestfinished", lambda request: finished.append(request))
    page.goto(url + "?q=" + quote(FIRST_QUERY), wait_until="commit")
    page.wait_for_function("() => window.__benchFirst !== undefined", timeout=300_000, polling=50)
    first_ms = page.evaluate("() => window.__benchFirst")
    origin = page.evaluate("() => performance.timeOrigin")
    page.wait_for_timeout(1500)

    def size(request: Any) -> int:
        sizes = request.sizes()
        return int(sizes["responseBodySize"] + sizes["responseHeadersSize"])

    def is_search(request: Any) -> bool:
        return any(part in request.url for part in system["search"])

    def done_by_first(request: Any) -> bool:
        timing = request.timing
        return timing["startTime"] + timing["responseEnd"] <= origin + first_ms

    result = {
        "first_ms": first_ms,
        "bytes_first": sum(size(r) for r in finished if is_search(r) and done_by_first(r)),
        "bytes_settled": sum(size(r) for r in finished if is_search(r)),
        "bytes_page_first": sum(size(r) for r in finished if done_by_first(r)),
        "requests_first": sum(1 for r in finished if is_search(r) and done_by_first(r)),
        # of bytes_first, the search code (scripts, styles, wasm): the same at every N, cached after a first visit
        "bytes_first_code": sum(size(r) for r in finished if is_search(r) and done_by_first(r) and _is_code(r.url)),
    }
    later = []
    box = page.locator(system["input"]).locator("visible=true").first
    for query in LATER_QUERIES:
        page.evaluate(
            "sel => { document.querySelectorAll(sel).forEach(e => e.setAttribute('data-bench-old', ''));"
            " window.__benchNext = undefined; window.__benchT0 = performance.now(); }",
            system["result"],
        )
        box.fill(query)
        box.press(system["submit"])
        page.wait_for_function("() => window.__benchNext !== undefined", timeout=120_000, polling=20)
        later.append(page.evaluate("() => window.__benchNext - window.__benchT0"))
    result["later_ms"] = statistics.median(later)
    context.close()
    return result


def run(
    n: int,
    out: Path,
    repeat: int,
    corpus: Path,
    reuse: bool = False,
    baseline: Path | None = None,
    only: Sequence[str] = (),
) -> dict[str, Any]:
    from playwright.sync_api import sync_playwright

    saved = out / "build.json"
    if reuse and saved.exists():
        timings = json.loads(saved.read_text())
    else:
        timings = build_all(n, out, corpus, baseline)
        saved.write_text(json.dumps(timings))
    load = os.getloadavg()[0]
    servers = {"site-kbgen": Server(out / "site-kbgen"), "site-material": Server(out / "site-material")}
    systems = dict(SYSTEMS)
    if "kbgen_base_mkdocs_s" in timings:  # the baseline's search on the same article page, beside this checkout's
        servers["site-kbgen-base"] = Server(out / "site-kbgen-base")
        systems["kbgen-base"] = {**SYSTEMS["kbgen"], "site": "site-kbgen-base"}
    results: dict[str, Any] = {"n": n, "build": timings, "query": FIRST_QUERY, "systems": {}, "load_before": load}
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS)
            for name, system in systems.items():
                if only and name not in only:
                    continue
                base = servers[system["site"]].url
                page = {
                    "pagefind": "pagefind-bench.html",
                    "kbgen-bare": "kbgen-bench.html",
                    "pagefind-page": timings["page"] + "pagefind.html",
                }.get(name, timings["page"])
                url = base + page
                runs = [measure(browser, url, system) for _ in range(repeat)]
                best = sorted(runs, key=lambda r: r["first_ms"])[len(runs) // 2]
                results["systems"][name] = {**best, "first_ms_runs": [r["first_ms"] for r in runs]}
            browser.close()
    finally:
        for server in servers.values():
            server.stop()
    (HERE / "out").mkdir(exist_ok=True)
    (HERE / "out" / f"results-{n}.json").write_text(json.dumps(results, indent=1, sort_keys=True))
    return results


def table(all_results: list[dict[str, Any]]) -> str:
    lines = [
        "| N | system | first result (ms) | search KB by first result | search KB settled | later query (ms) "
        "| index build (s) | index on disk (MB) |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for results in all_results:
        build = results["build"]
        index_s = {"kbgen": build["kbgen_index_s"], "kbgen-bare": build["kbgen_index_s"],
                   "material": build["material_mkdocs_s"], "pagefind": build["pagefind_index_s"],
                   "pagefind-page": build["pagefind_index_s"],
                   "kbgen-base": build.get("kbgen_base_index_s", 0.0)}  # fmt: skip
        for name, r in results["systems"].items():
            lines.append(
                f"| {results['n']:,} | {name} | {r['first_ms']:.0f} | {r['bytes_first'] / 1024:.0f} "
                f"| {r['bytes_settled'] / 1024:.0f} | {r['later_ms']:.0f} | {index_s[name]:.1f}"
                f"{' (whole mkdocs build)' if name == 'material' else ''} "
                f"| {build['sizes_bytes'].get(name, build['sizes_bytes'][name.split('-')[0]]) / 1e6:.1f} |"
            )
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--out", type=Path, default=HERE / "out")
    parser.add_argument("--reuse", action="store_true", help="measure the sites an earlier run built")
    parser.add_argument("--baseline", type=Path, help="another kbgen checkout (e.g. main) measured as kbgen-base")
    parser.add_argument("--systems", nargs="+", default=[], help="measure only these (default: every system)")
    add_corpus_option(parser)
    args = parser.parse_args()
    corpus = corpus_dir(args.corpus)
    baseline = args.baseline.resolve() if args.baseline else None
    all_results = [
        run(n, args.out / str(n), args.repeat, corpus, args.reuse, baseline, args.systems) for n in args.sizes
    ]
    print(table(all_results))


if __name__ == "__main__":
    main()
