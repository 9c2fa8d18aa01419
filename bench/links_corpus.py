"""Benchmark kbgen's link checker on a real corpus: Microsoft Learn's Dynamics 365 Project Operations docs.

Lays `<corpus>/<lang>/articles/**.md` out as a kbgen content tree in a temp
folder (`articles/<a>/<b>/x.md` -> `<lang>/<a>--<b>/x.md`; `ms.author` -> owner, `ms.date` -> reviewed), keeps
each body's lines as they are (relative link paths are re-pointed to the new layout; learn.microsoft.com
site-absolute links become kbgen site paths or https:// URLs), times the link checks and prints findings by rule.
It also counts the corpus's broken relative `.md` links with a naive, independent resolver and compares.

    python bench/links_corpus.py            # English
    python bench/links_corpus.py --all      # en + tr + ro + zh
    python bench/links_corpus.py --corpus DIR   # or KBGEN_CORPUS=DIR; default ../shared/corpora/d365-project-operations
"""

from __future__ import annotations

import argparse
import collections
import datetime
import posixpath
import re
import sys
import tempfile
import time
from pathlib import Path

import yaml
from corpus import add_corpus_option, corpus_dir

from kbgen.checks.collisions import duplicate_urls
from kbgen.checks.links import link_findings
from kbgen.config.settings import KbConfig
from kbgen.links.site_map import build_site_map
from kbgen.loading.loader import load_corpus

LANGS = {"en-us": "en", "tr-tr": "tr", "ro-ro": "ro", "zh-cn": "zh"}
DOCSET = "/dynamics365/project-operations/"
_TARGET = re.compile(r"(\]\(\s*<?|^\s*\[[^\]\n]+\]:\s*<?|(?:href|src)=\")([^)\s>\"#?]+)", re.M)
_SIMPLE_LINK = re.compile(r"\]\(([^)\s]+?)\)")


def new_path(rel: str, lang: str) -> str:
    """`articles`-relative path -> kbgen content path (three levels: lang/category/slug.md)."""
    parts = rel.split("/")
    if len(parts) == 1:
        return f"{lang}/root/{parts[0]}"
    return f"{lang}/{'--'.join(parts[:-1])}/{parts[-1]}"


def repoint(body: str, old_src: str, new_src: str, lang: str) -> str:
    def one(match: re.Match[str]) -> str:
        target = match.group(2)
        if target.startswith(DOCSET):
            rest = target[len(DOCSET) :].strip("/")
            return match.group(1) + "/" + new_path(rest, lang).removesuffix(".md") + "/"
        if target.startswith("/"):
            return match.group(1) + "https://learn.microsoft.com" + target
        if re.match(r"^[a-zA-Z][\w+.-]*:", target):
            return match.group(0)
        old_abs = posixpath.normpath(posixpath.join(posixpath.dirname(old_src), target))
        if old_abs.startswith("../"):
            return match.group(0)
        if posixpath.splitext(old_abs)[1] == ".md":
            new_abs = new_path(old_abs, lang)
        else:  # a folder or an image: keep it under the article's new category folder
            new_abs = posixpath.join(posixpath.dirname(new_path(old_abs + "/x", lang)))
        relative = posixpath.relpath(new_abs, posixpath.dirname(new_src))
        return match.group(1) + relative + ("/" if target.endswith("/") else "")

    return _TARGET.sub(one, body)


def front_matter(text: str, rel: str) -> tuple[dict[str, object], str, int]:
    if text.startswith("---"):
        end = text.find("\n---", 3)
        if end > 0:
            block = text[3:end]
            rest = text[end + 4 :]
            rest = rest.split("\n", 1)[1] if "\n" in rest else ""
            try:
                data = yaml.safe_load(block) or {}
            except yaml.YAMLError:
                data = {}
            return (data if isinstance(data, dict) else {}), rest, block.count("\n") + 2
    return {}, text, 0


def convert(lang_dir: Path, lang: str, out: Path) -> int:
    count = 0
    for path in sorted((lang_dir / "articles").rglob("*.md")):
        rel = path.relative_to(lang_dir / "articles").as_posix()
        target = new_path(rel, lang)
        text = path.read_text(encoding="utf-8-sig").replace("\r\n", "\n")
        data, body, lines = front_matter(text, rel)
        title = str(data.get("title") or Path(rel).stem.replace("-", " ").capitalize()).replace('"', "'")
        try:
            reviewed = datetime.datetime.strptime(str(data.get("ms.date")), "%m/%d/%Y").date().isoformat()
        except ValueError:
            reviewed = "2022-01-01"
        owner = str(data.get("ms.author") or data.get("author") or "docs-team")
        if target.endswith("/index.md"):
            fields = [f'title: "{title}"']
        else:
            fields = [f'title: "{title}"', f"owner: {owner}", f"reviewed: {reviewed}", 'product_version: "all"']
        fields += ["# (padding keeps body lines where they were)"] * max(0, lines - len(fields) - 2)
        new_text = "---\n" + "\n".join(fields) + "\n---\n" + repoint(body, rel, target, lang)
        (out / target).parent.mkdir(parents=True, exist_ok=True)
        (out / target).write_text(new_text, encoding="utf-8")
        count += 1
    return count


def naive_broken_md_links(lang_dir: Path) -> int:
    """Independent count: relative `.md` links (outside fences) whose file does not exist."""
    broken = 0
    for path in (lang_dir / "articles").rglob("*.md"):
        in_fence = False
        for line in path.read_text(encoding="utf-8-sig").splitlines():
            if line.lstrip().startswith("```"):
                in_fence = not in_fence
            if in_fence:
                continue
            for target in _SIMPLE_LINK.findall(line):
                target = target.strip("<>").split("#")[0]
                relative_md = target.endswith(".md") and ":" not in target and not target.startswith("/")
                if relative_md and not (path.parent / target).exists():
                    broken += 1
    return broken


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--all", action="store_true", help="en, tr, ro and zh together")
    parser.add_argument("--show", metavar="RULE", help="print every finding of this rule")
    add_corpus_option(parser)
    args = parser.parse_args()
    corpus_root = corpus_dir(args.corpus)
    if not corpus_root.is_dir():
        print(f"{corpus_root} not found (set --corpus or KBGEN_CORPUS); nothing to measure", file=sys.stderr)
        return 0
    dirs = list(LANGS) if args.all else ["en-us"]
    with tempfile.TemporaryDirectory() as tmp:
        content = Path(tmp) / "content"
        files = sum(convert(corpus_root / d, LANGS[d], content) for d in dirs)
        started = time.perf_counter()
        corpus = load_corpus(content, KbConfig(), "content/")
        loaded = time.perf_counter()
        findings = link_findings(corpus, build_site_map(corpus)) + duplicate_urls(corpus)
        done = time.perf_counter()
    by_rule = collections.Counter(f.rule for f in findings)
    print(f"{files} files ({', '.join(LANGS[d] for d in dirs)}), {len(corpus.articles)} articles")
    print(f"load {loaded - started:.2f} s, link checks {done - loaded:.2f} s, total {done - started:.2f} s")
    for rule_slug, count in sorted(by_rule.items()):
        print(f"  {rule_slug:24} {count}")
    md_broken = [
        f
        for f in findings
        if f.rule == "broken-link" and re.search(r"target '[^':/][^']*\.md(#[^']*)?' not found", f.message)
    ]
    for d in dirs:
        mine = sum(f.path.startswith(f"content/{LANGS[d]}/") for f in md_broken)
        naive = naive_broken_md_links(corpus_root / d)
        print(f"{LANGS[d]}: broken relative .md links: kbgen {mine}, naive resolver {naive}")
    for finding in findings if args.show else ():
        if finding.rule == args.show:
            print(finding.format())
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
