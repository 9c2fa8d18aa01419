"""Generates a deterministic multilingual help center of N articles for the search benchmark.

Text comes from the d365-project-operations corpus (en, tr, ro, zh; CC BY 4.0, see its SOURCE.txt) when it is
present: each article is one corpus article, and articles beyond the corpus size remix paragraphs of two.
Without the corpus a small synthetic vocabulary is used, which is enough to smoke-test the bench itself.
"""

from __future__ import annotations

import random
import re
from dataclasses import dataclass
from pathlib import Path

SHARES = (("en", "en-us", 0.4), ("tr", "tr-tr", 0.2), ("ro", "ro-ro", 0.2), ("zh", "zh-cn", 0.2))
VERSIONS = ((), ("3.2",), ("4.0",), ("3.2", "4.0"))
# Articles sit three folders deep (category, section, subsection), as in a real product's docs tree: each
# category holds up to SECTIONS sections of up to SUBSECTIONS subsections, filled in turn so every level has siblings.
SECTIONS, SUBSECTIONS = 6, 4


@dataclass(frozen=True, slots=True)
class Article:
    lang: str
    category: str
    sections: tuple[str, ...]
    slug: str
    title: str
    summary: str
    body: str
    versions: tuple[str, ...]

    @property
    def path(self) -> str:
        return "/".join((self.lang, self.category, *self.sections, f"{self.slug}.md"))

    @property
    def url(self) -> str:
        return self.path.removesuffix(".md") + "/"


def _clean(markdown: str) -> str:
    text = re.sub(r"<!--.*?-->", " ", markdown, flags=re.S)
    text = re.sub(r"\[!INCLUDE[^\]]*\]\([^)]*\)", " ", text)
    text = re.sub(r"^:::.*$", " ", text, flags=re.M)
    text = re.sub(r"!\[[^\]]*\]\([^)]*\)", " ", text)
    text = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", text)
    text = re.sub(r"<[^>]+>", " ", text)
    return re.sub(r"^>\s*\[!\w+\]\s*$", "", text, flags=re.M)


def _parse(path: Path) -> tuple[str, str, list[str]]:
    raw = path.read_text(encoding="utf-8")
    body = raw.split("\n---\n", 1)[1] if raw.startswith("---") and "\n---\n" in raw else raw
    title = re.search(r"^title:\s*(.+)$", raw, re.M)
    summary = re.search(r"^description:\s*(.+)$", raw, re.M)
    paragraphs = [p.strip() for p in _clean(body).split("\n\n") if p.strip() and not p.strip().startswith("#")]
    return (
        (title.group(1) if title else path.stem).strip().strip("'\""),
        (summary.group(1) if summary else "").strip().strip("'\""),
        paragraphs,
    )


def _sources(corpus: Path, folder: str) -> list[tuple[str, str, str, list[str]]]:
    root = corpus / folder / "articles"
    found = []
    for path in sorted(root.rglob("*.md")):
        if "includes" in path.parts:
            continue
        title, summary, paragraphs = _parse(path)
        if paragraphs:
            found.append((path.relative_to(root).parts[0], title, summary, paragraphs))
    return found


def _synthetic(lang: str) -> list[tuple[str, str, str, list[str]]]:
    rng = random.Random(lang)
    words = [
        "account",
        "project",
        "invoice",
        "expense",
        "time",
        "approval",
        "resource",
        "price",
        "report",
        "team",
        "setting",
    ]
    return [
        ("general", " ".join(rng.sample(words, 3)).capitalize(), "", [" ".join(rng.choices(words, k=60))])
        for _ in range(50)
    ]


def generate(n: int, corpus: Path) -> list[Article]:
    """N articles from `corpus` (see bench/corpus.py for where it is), or synthetic text when it is absent."""
    articles: list[Article] = []
    for lang, folder, share in SHARES:
        count = round(n * share) if lang != SHARES[-1][0] else n - len(articles)
        sources = _sources(corpus, folder) if corpus.is_dir() else _synthetic(lang)
        rng = random.Random(f"{lang}-{n}")
        for k in range(count):
            category, title, summary, paragraphs = sources[k % len(sources)]
            variant = k // len(sources)
            if variant:
                _, other_title, _, other = sources[rng.randrange(len(sources))]
                paragraphs = rng.sample(paragraphs, len(paragraphs)) + other[: max(1, len(other) // 3)]
                title = f"{title}: {other_title}"
            articles.append(
                Article(
                    lang=lang,
                    category=category,
                    sections=(f"section-{k % SECTIONS + 1}", f"topic-{k // SECTIONS % SUBSECTIONS + 1}"),
                    slug=f"a{k:05d}",
                    title=title,
                    summary=summary,
                    body="\n\n".join(paragraphs),
                    versions=VERSIONS[k % len(VERSIONS)],
                )
            )
    return articles


def write_docs(articles: list[Article], docs: Path) -> None:
    for article in articles:
        path = docs / article.path
        path.parent.mkdir(parents=True, exist_ok=True)
        title = article.title.replace('"', "'")
        summary = article.summary.replace('"', "'")
        path.write_text(
            f'---\ntitle: "{title}"\ndescription: "{summary}"\nversions: {list(article.versions)}\n---\n\n'
            f"# {article.title}\n\n{article.body}\n",
            encoding="utf-8",
        )
    (docs / "index.md").write_text("# Help center\n\nSearch the help center.\n", encoding="utf-8")
