"""Times a full `kbgen build`, a one-edit rebuild and `kbgen check` on a generated help center of N articles.

    python bench/incremental.py --articles 1000 [--corpus DIR] [--keep DIR]

Writes the site with bench/generate.py (kbgen front matter added), builds it with `kbgen build --clean`, edits
one article's body, rebuilds with `kbgen build` (reusing the unchanged pages), builds the edited content again
from scratch into another folder and checks both outputs are byte-identical, then prints the wall times and
the ratio. Each command runs in its own process, as a writer would run it.
"""

from __future__ import annotations

import argparse
import filecmp
import json
import os
import subprocess
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # this checkout's kbgen, not an installed one

from corpus import add_corpus_option, corpus_dir
from generate import generate

REPO = Path(__file__).resolve().parent.parent
TODAY = "2026-11-26"
CONFIG = """site_name: Bench Help Center
docs_dir: content
use_directory_urls: true
theme:
  name: material
  features: [navigation.tabs, navigation.indexes, navigation.prune]
plugins:
  - kbgen:
      review_interval: 365d
      languages: [en, tr, ro, zh]
      product_versions: ["3.2", "4.0"]
markdown_extensions: [admonition, attr_list, tables]
validation:
  links: {not_found: info, anchors: info, absolute_links: info, unrecognized_links: info}
"""


def write_site(root: Path, n: int, corpus: Path) -> list[Path]:
    """mkdocs.yml and N kbgen articles; returns the article paths in generation order."""
    (root / "mkdocs.yml").write_text(CONFIG, encoding="utf-8")
    paths = []
    for article in generate(n, corpus):
        path = root / "content" / article.path
        path.parent.mkdir(parents=True, exist_ok=True)
        front = {
            "title": article.title,
            "owner": "bench.writer",
            "reviewed": "2026-06-01",
            "summary": article.summary or article.title,
            **({"product_version": list(article.versions)} if article.versions else {}),
        }
        lines = "".join(f"{key}: {json.dumps(value, ensure_ascii=False)}\n" for key, value in front.items())
        path.write_text(f"---\n{lines}---\n\n{article.body}\n", encoding="utf-8")
        paths.append(path)
    return paths


def kbgen(root: Path, *args: str) -> float:
    started = time.monotonic()
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    subprocess.run(
        [sys.executable, "-m", "kbgen", *args, "--today", TODAY], cwd=root, env=env, check=False,
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    return time.monotonic() - started


def same_tree(left: Path, right: Path) -> list[str]:
    """Paths that differ in bytes, or exist on one side only."""
    names = {p.relative_to(left) for p in left.rglob("*") if p.is_file()}
    names |= {p.relative_to(right) for p in right.rglob("*") if p.is_file()}
    return sorted(
        str(name) for name in names
        if not ((left / name).is_file() and (right / name).is_file() and filecmp.cmp(left / name, right / name, False))
    )  # fmt: skip


def serve_times(root: Path, edited: Path) -> tuple[float, float]:
    """`kbgen serve`'s first build and its rebuild after one saved edit, in one process as serve runs them."""
    from kbgen.publishing.serve import Preview

    preview = Preview(root / "mkdocs.yml", date.fromisoformat(TODAY), [root / "content"], say=lambda line: None)
    try:
        started = time.monotonic()
        preview.rebuild()
        first = time.monotonic() - started
        edited.write_text(edited.read_text(encoding="utf-8") + "\nSaved in the preview.\n", "utf-8")
        started = time.monotonic()
        preview.rebuild()
        return first, time.monotonic() - started
    finally:
        preview.stop()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--articles", type=int, default=1000)
    parser.add_argument("--keep", type=Path, help="write the site here and keep it (default: a temp folder)")
    add_corpus_option(parser)
    options = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="kbgen-incremental-") as temporary:
        root = options.keep or Path(temporary)
        root.mkdir(parents=True, exist_ok=True)
        paths = write_site(root, options.articles, corpus_dir(options.corpus))
        full = kbgen(root, "build", "--clean", "--site-dir", "site")
        unchanged = kbgen(root, "build", "--site-dir", "site")
        edited = paths[len(paths) // 2]
        edited.write_text(edited.read_text(encoding="utf-8") + "\nOne more sentence for the bench.\n", "utf-8")
        one_edit = kbgen(root, "build", "--site-dir", "site")
        kbgen(root, "build", "--clean", "--site-dir", "clean")
        check = kbgen(root, "check")
        differ = same_tree(root / "site", root / "clean")
        first_serve, serve_save = serve_times(root, paths[len(paths) // 3])
        rows = [
            ("full build (--clean)", full),
            ("rebuild, nothing changed", unchanged),
            (f"rebuild after editing {edited.relative_to(root)}", one_edit),
            ("kbgen check", check),
            ("kbgen serve: first build (in-process)", first_serve),
            ("kbgen serve: rebuild after a save", serve_save),
        ]
        print(f"{options.articles} articles, {len(list((root / 'site').rglob('*.html')))} HTML files")
        for name, seconds in rows:
            print(f"  {name:<60} {seconds:7.2f} s  {seconds / full:6.1%} of full")
        print("  one-edit output byte-identical to a clean build:", "yes" if not differ else f"NO: {differ[:5]}")
        if differ:
            raise SystemExit(1)


if __name__ == "__main__":
    main()
