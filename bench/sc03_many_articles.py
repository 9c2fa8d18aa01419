"""SC03 benchmark: build a generated help center of N valid articles and log time, peak RSS and output size.

Run nightly, not in the unit suite:  python bench/sc03_many_articles.py [--articles 5000] [--budget 600]
Writes bench/results/sc03-last.json and compares it with the previous run (a >25% slowdown or growth is reported
and makes the exit code 1; exceeding --budget seconds too).
"""

from __future__ import annotations

import argparse
import json
import resource
import shutil
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from kbgen.publishing.site_build import build_site  # noqa: E402

CATEGORIES = ["account", "billing", "projects", "integrations", "getting-started", "admin", "mobile", "reports",
              "security", "api"]  # fmt: skip
RESULTS = REPO / "bench" / "results" / "sc03-last.json"


def generate(root: Path, count: int) -> None:
    shutil.copytree(REPO / "theme", root / "theme")
    config = (REPO / "mkdocs.yml").read_text(encoding="utf-8")
    (root / "mkdocs.yml").write_text(config.replace("languages: [en, tr, ro, zh]", "languages: [en]"), "utf-8")
    for number in range(count):
        category = CATEGORIES[number % len(CATEGORIES)]
        folder = root / "content" / "en" / category
        folder.mkdir(parents=True, exist_ok=True)
        front = (
            f"---\ntitle: Generated article {number}\nowner: bench.bot\nreviewed: 2026-09-01\n"
            f'product_version: ["3.2", "4.0"]\nsummary: How to do task number {number}.\n---\n\n'
        )
        body = (
            f"## Steps\n\n1. Open **Settings**.\n2. Choose *Task {number}*.\n\n"
            f"See [the first article](article-{number % 10:05}.md) for background.\n\n"
        )
        (folder / f"article-{number:05}.md").write_text(front + body * 3, encoding="utf-8")


def folder_size(root: Path) -> int:
    return sum(p.stat().st_size for p in root.rglob("*") if p.is_file())


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=5000)
    parser.add_argument("--budget", type=float, default=600.0, help="seconds allowed for the build")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="kbgen-sc03-") as temp:
        root = Path(temp)
        started = time.monotonic()
        generate(root, args.articles)
        generated = time.monotonic() - started
        started = time.monotonic()
        result = build_site(root / "mkdocs.yml", root / "site", date(2026, 11, 22), strict=False)
        built = time.monotonic() - started
        site = root / "site"
        index_files = [p for p in (site / "kb-search").rglob("*") if p.is_file()]  # kbgen's sharded search index
        numbers = {
            "articles": args.articles,
            "generate_seconds": round(generated, 2),
            "build_seconds": round(built, 2),
            "peak_rss_mib": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
            "output_mib": round(folder_size(site) / 2**20, 1),
            "html_pages": sum(1 for _ in site.rglob("*.html")),
            "search_index_kib": round(sum(p.stat().st_size for p in index_files) / 1024, 1) if index_files else None,
            "findings": len(result.findings),
        }
    previous = json.loads(RESULTS.read_text()) if RESULTS.exists() else None
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(json.dumps(numbers, indent=2, sort_keys=True) + "\n")
    print(json.dumps(numbers, indent=2, sort_keys=True))
    failed = numbers["build_seconds"] > args.budget
    if previous and previous.get("articles") == numbers["articles"]:
        for key in ("build_seconds", "peak_rss_mib", "output_mib"):
            if previous.get(key) and numbers[key] > previous[key] * 1.25:
                print(f"regression: {key} {previous[key]} -> {numbers[key]}", file=sys.stderr)
                failed = True
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
