"""Measures how Python-Markdown's render time grows with repeated inline constructs, to set kbgen's render budget.

Each construct is repeated n times on one line (and, as a control, one per line in a single paragraph) and
rendered with the Markdown extensions of mkdocs.yml. A construct whose time roughly quadruples when n doubles is
super-linear; those are the ones `kbgen.loading.render_budget` bounds before rendering.

    python bench/inline_budget.py                 # n = 1k..8k: about a minute on one core
    python bench/inline_budget.py --sizes 8000 16000 32000 --only html-pair entity link emphasis escape

Below ~8k repetitions the string copies are cheap next to Python's per-element overhead and growth looks linear;
from 8k to 32k each doubling costs 2.5-7x (16,000 `<b>x</b>` on one line: 4 s; 32,000: 17 s).
"""

from __future__ import annotations

import argparse
import itertools
import time
from collections.abc import Callable

import markdown

from kbgen.links.slugs import slugify

EXTENSIONS: list[str] = ["admonition", "attr_list", "tables", "pymdownx.superfences", "toc"]
EXTENSION_CONFIGS = {"toc": {"permalink": True, "slugify": slugify}}
CONSTRUCTS: dict[str, str] = {
    "words": "word ",
    "html-pair": "<b>x</b> ",
    "html-open": "<span> ",
    "html-comment": "<!-- c --> ",
    "entity": "&amp; ",
    "numeric-ref": "&#123; ",
    "link": "[a](b) ",
    "ref-link": "[a][b] ",
    "image": "![a](b) ",
    "emphasis": "*a* ",
    "strong": "**a** ",
    "underscore": "_a_ ",
    "code-span": "`a` ",
    "lone-backtick": "` ",
    "autolink": "<http://a.example/> ",
    "email-autolink": "<a@b.example> ",
    "escape": "\\* ",
    "attr-list": "x{: .c} ",
    "table-cell": "| a ",
}
STOP_AFTER_SECONDS = 20.0  # do not try a larger n once one size took this long


def render_seconds(text: str) -> float:
    start = time.process_time()
    markdown.markdown(text, extensions=EXTENSIONS, extension_configs=EXTENSION_CONFIGS)
    return time.process_time() - start


def measure(unit: str, sizes: list[int], shape: Callable[[str, int], str]) -> list[float | None]:
    times: list[float | None] = []
    for n in sizes:
        if times and times[-1] is not None and times[-1] > STOP_AFTER_SECONDS:
            times.append(None)
            continue
        times.append(render_seconds(shape(unit, n)))
    return times


def one_line(unit: str, n: int) -> str:
    return "Intro\n\n" + unit * n + "\n"


def one_per_line(unit: str, n: int) -> str:
    return "Intro\n\n" + (unit.rstrip() + "\n") * n


def growth(times: list[float | None]) -> str:
    """Time ratio for each doubling: ~2 is linear, ~4 quadratic."""
    ratios = [b / a for a, b in itertools.pairwise(times) if a and b and a > 0.002]
    return " ".join(f"{r:.1f}" for r in ratios) or "-"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 2000, 4000, 8000])
    parser.add_argument("--only", nargs="*", help="construct names (default: all)")
    parser.add_argument("--shape", choices=["line", "lines", "both"], default="both")
    args = parser.parse_args()
    shapes = {"line": one_line, "lines": one_per_line}
    chosen = list(shapes) if args.shape == "both" else [args.shape]
    header = "| construct | shape | " + " | ".join(f"n={n}" for n in args.sizes) + " | x per doubling |"
    print(header)
    print("|" + "---|" * (len(args.sizes) + 3))
    for name, unit in CONSTRUCTS.items():
        if args.only and name not in args.only:
            continue
        for shape in chosen:
            times = measure(unit, args.sizes, shapes[shape])
            cells = " | ".join("skipped" if t is None else f"{t:.2f}s" for t in times)
            print(f"| `{unit.strip()}` ({name}) | {shape} | {cells} | {growth(times)} |", flush=True)


if __name__ == "__main__":
    main()
