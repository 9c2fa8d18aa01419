"""Adopt a real Microsoft Learn tree with `kbgen adopt`, check it, and time its build next to plain mkdocs-material.

    python bench/adopt_corpus.py                                  # corpus from --corpus, $KBGEN_CORPUS, or
    python bench/adopt_corpus.py --corpus /work/shared/corpora/d365-project-operations   # ../shared/... by default

In a temporary project (the repository's mkdocs.yml and theme, languages en, tr, ro, zh) it runs, as a user
would, `kbgen adopt <corpus>/<xx-yy>/articles --lang <xx>` for each language, adds the suggested `foreign_keys`
line, runs `kbgen check --format json` and `kbgen build`, then builds the same content folder with plain
mkdocs-material (a minimal mkdocs.yml with `navigation.prune`, MkDocs' default search plugin). It prints the
adoption counts, findings by rule, broken relative `.md` links per language next to an independent naive count
on the source (bench/links_corpus.py), and a timing table.
"""

from __future__ import annotations

import argparse
import collections
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import yaml

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))

from links_corpus import naive_broken_md_links  # noqa: E402

LANGS = {"en-us": "en", "tr-tr": "tr", "ro-ro": "ro", "zh-cn": "zh"}
TODAY = "2026-11-26"
_COUNT = re.compile(r"^(needed a default|could not be mapped|not overwritten|left out|includes not expanded) \((\d+)")
_ORIGIN = re.compile(r"^  (title|summary|owner|reviewed|product_version|git): ")
_RELATIVE_MD = re.compile(r"target '([^':/#][^']*\.md)(#[^']*)?' not found")


def default_corpus() -> Path:
    return Path(os.environ.get("KBGEN_CORPUS") or ROOT.parent / "shared/corpora/d365-project-operations")


def run(args: list[str], cwd: Path) -> tuple[subprocess.CompletedProcess[str], float]:
    env = {**os.environ, "PYTHONPATH": str(ROOT), "KBGEN_TODAY": TODAY}
    started = time.perf_counter()
    done = subprocess.run(args, cwd=cwd, env=env, capture_output=True, text=True, check=False)
    return done, time.perf_counter() - started


def make_project(root: Path) -> None:
    (root / "content").mkdir(parents=True)
    shutil.copytree(ROOT / "theme", root / "theme")
    shutil.copy(ROOT / "mkdocs.yml", root / "mkdocs.yml")


def add_foreign_keys(config_file: Path, line: str) -> None:
    """Insert the suggested line into the kbgen block, as a user would paste it."""
    text = config_file.read_text(encoding="utf-8")
    text = re.sub(
        r"^(\s*)(languages: .*)$", lambda m: f"{m.group(1)}{m.group(2)}\n{m.group(1)}{line}", text, count=1, flags=re.M
    )
    config_file.write_text(text, encoding="utf-8")


def adopt_all(corpus: Path, project: Path, dirs: list[str]) -> tuple[dict[str, dict[str, Any]], list[str]]:
    results: dict[str, dict[str, Any]] = {}
    patterns: set[str] = set()
    for folder in dirs:
        lang = LANGS[folder]
        command = [sys.executable, "-m", "kbgen", "adopt", str(corpus / folder / "articles"), "--lang", lang]
        done, seconds = run(command, project)
        counts = {m.group(1): int(m.group(2)) for line in done.stdout.splitlines() if (m := _COUNT.match(line))}
        origins = [line.strip() for line in done.stdout.splitlines() if _ORIGIN.match(line)]
        results[lang] = {"exit": done.returncode, "seconds": seconds, "counts": counts, "origins": origins,
                         "headline": done.stdout.splitlines()[0] if done.stdout else done.stderr.strip()}  # fmt: skip
        for line in done.stdout.splitlines():
            if line.strip().startswith("foreign_keys:"):
                patterns.update(yaml.safe_load(line.strip())["foreign_keys"])
    return results, sorted(patterns)


def plain_material(project: Path) -> Path:
    config = {
        "site_name": "Plain material",
        "docs_dir": "content",
        "site_dir": "site-material",
        "theme": {"name": "material", "features": ["navigation.prune"]},
    }
    path = project / "plain-mkdocs.yml"
    path.write_text(yaml.safe_dump(config), encoding="utf-8")
    return path


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=default_corpus(), help="the d365-project-operations folder")
    parser.add_argument("--langs", nargs="+", default=list(LANGS), choices=list(LANGS))
    parser.add_argument("--keep", type=Path, help="adopt into this (new) folder and keep it")
    args = parser.parse_args()
    if not args.corpus.is_dir():
        print(f"{args.corpus} not found; pass --corpus or set KBGEN_CORPUS", file=sys.stderr)
        return 2
    with tempfile.TemporaryDirectory() as tmp:
        project = args.keep or Path(tmp) / "project"
        make_project(project)
        adopted, patterns = adopt_all(args.corpus, project, args.langs)
        add_foreign_keys(project / "mkdocs.yml", "foreign_keys: " + json.dumps(patterns))
        check, check_s = run([sys.executable, "-m", "kbgen", "check", "--format", "json"], project)
        findings = json.loads(check.stdout)["findings"] if check.stdout.startswith("{") else []
        build, build_s = run([sys.executable, "-m", "kbgen", "build", "--site-dir", "site-kbgen"], project)
        plain, plain_s = run(
            [sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(plain_material(project))], project
        )
        pages = {name: sum(1 for _ in (project / name).rglob("index.html")) for name in ("site-kbgen", "site-material")}
    for lang, result in adopted.items():
        print(f"[{lang}] exit {result['exit']}, {result['seconds']:.1f} s: {result['headline']}")
        print(f"     {result['counts'] or 'everything adopted'}")
        for line in result["origins"]:
            print(f"     {line}")
    print(f"foreign_keys: {json.dumps(patterns)}")
    by_rule = collections.Counter(f["rule"] for f in findings)
    print(f"kbgen check: exit {check.returncode}, {check_s:.1f} s; findings by rule: {dict(sorted(by_rule.items()))}")
    print(f"misplaced-article findings: {by_rule.get('misplaced-article', 0)}")
    for folder in args.langs:
        lang = LANGS[folder]
        mine = sum(
            1
            for f in findings
            if f["rule"] == "broken-link"
            and f["path"].startswith(f"content/{lang}/")
            and _RELATIVE_MD.search(f["message"])
        )
        naive = naive_broken_md_links(args.corpus / folder)
        print(f"{lang}: broken relative .md links after adoption (kbgen check) {mine}; in the source (naive) {naive}")
    print()
    print("| build (same content, all languages) | exit | seconds | pages |")
    print("|---|---|---|---|")
    print(f"| `kbgen build` | {build.returncode} | {build_s:.1f} | {pages['site-kbgen']} |")
    plain_row = f"| `mkdocs build` (plain material, navigation.prune) | {plain.returncode} | {plain_s:.1f}"
    print(f"{plain_row} | {pages['site-material']} |")
    if build.returncode:
        print(build.stderr[-2000:], file=sys.stderr)
    if plain.returncode:
        print(plain.stderr[-2000:], file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
