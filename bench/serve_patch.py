"""How long `kbgen serve` takes to patch a body edit, per language, on an existing kbgen project.

    python bench/serve_patch.py PROJECT [--edits 6] [--today 2026-11-26]

Runs serve's build side in this process (kbgen.publishing.serve.Preview, no HTTP): one build of PROJECT (in
full: a preview builds into a folder of its own), then edits that many articles spread over the content, one
after another, and for each times the watcher's look and the patch (or rebuild) apart, and prints serve's own
line for it. Unlike `bench/build_scale.py`'s serve row (three English articles, save to shown, watcher
included), this shows the spread between languages of different sizes. The edits are appended to the articles
of PROJECT: run it on a copy (bench/build_scale.py --keep DIR leaves one).
"""

from __future__ import annotations

import argparse
import sys
import time
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from kbgen.heap import collect_less
from kbgen.publishing.serve import Preview


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("project", type=Path)
    parser.add_argument("--edits", type=int, default=6)
    parser.add_argument("--today", default="2026-11-26")
    args = parser.parse_args()
    project: Path = args.project.resolve()
    collect_less()  # as the `kbgen` command line does
    lines: list[str] = []
    preview = Preview(project / "mkdocs.yml", date.fromisoformat(args.today), [project / "content"], lines.append)
    try:
        started = time.monotonic()
        preview.rebuild()
        print(f"first build: {time.monotonic() - started:.1f} s ({lines[-1]})", flush=True)
        last = preview.snapshot()
        content = project / "content"
        articles = sorted(p for p in content.rglob("*.md") if p.name != "index.md")
        for number in range(1, args.edits + 1):
            article = articles[len(articles) * number // (args.edits + 1)]
            article.write_text(article.read_text(encoding="utf-8") + f"\nEdited by the bench, {number}.\n")
            looked = time.monotonic()
            current = preview.snapshot()
            changed = preview.changed_articles(last, current)
            last = current
            built = time.monotonic()
            preview.rebuild(changed)
            done = time.monotonic()
            where = article.relative_to(content)
            print(f"{where}: look {built - looked:.2f} s, then {done - built:.2f} s: {lines[-1]}", flush=True)
    finally:
        preview.stop()


if __name__ == "__main__":
    main()
