"""Generates a deterministic multilingual help center of N articles for the search and build benchmarks.

Text comes from the d365-project-operations corpus (en, tr, ro, zh; CC BY 4.0, see its SOURCE.txt) when it is
present: each article is one corpus article, and articles beyond the corpus size remix paragraphs of two.
Without the corpus (or for a language whose folder holds no articles) a small synthetic vocabulary is used,
which is enough to smoke-test the bench itself.

`write_docs` writes plain Markdown for the search bench (bench/hook.py plays the plugin); `write_project` writes
the same articles as a kbgen content folder: kbgen front matter with a share of stale and due-soon review dates,
section index pages, and bodies with headings, lists, code, a table, an admonition, an image and links to
another article and to the section.
"""

from __future__ import annotations

import json
import posixpath
import random
import re
from dataclasses import dataclass
from datetime import date, timedelta
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
    number: int = 0  # the article's position within its language

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
    blocks = [p.strip() for p in _whole_code_blocks(_clean(body).split("\n\n"))]
    paragraphs = [p for p in blocks if p and not p.startswith("#")]
    return (
        (title.group(1) if title else path.stem).strip().strip("'\""),
        (summary.group(1) if summary else "").strip().strip("'\""),
        paragraphs,
    )


_FENCE_LINE = re.compile(r"^[ \t]*(?:`{3,}|~{3,})", re.M)


def _whole_code_blocks(chunks: list[str]) -> list[str]:
    """The chunks between blank lines, with a fenced code block that holds blank lines made one chunk again: split
    and remixed, its fences would be left open (the site then shows the rest of the article as text). A block the
    source never closes is dropped."""
    out: list[str] = []
    pending: list[str] = []
    for chunk in chunks:
        pending.append(chunk)
        if len(_FENCE_LINE.findall("\n\n".join(pending))) % 2 == 0:
            out.append("\n\n".join(pending))
            pending = []
    return out


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


ZH_WORDS = ["账户", "项目", "发票", "费用", "时间", "审批", "资源", "价格", "报告", "团队", "设置"]


def _synthetic(lang: str) -> list[tuple[str, str, str, list[str]]]:
    rng = random.Random(lang)
    if lang == "zh":
        return [("general", "".join(rng.sample(ZH_WORDS, 3)), "", ["".join(rng.choices(ZH_WORDS, k=60))])]
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
        sources = (_sources(corpus, folder) if corpus.is_dir() else []) or _synthetic(lang)
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
                    number=k,
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


# Review dates relative to the build's --today, with kbgen's sample settings (review_interval 180d, due_soon 30d):
# one article in STALE_EVERY is past its review date, one in DUE_SOON_EVERY is due within the month.
STALE_EVERY, DUE_SOON_EVERY = 10, 7
OWNERS = ("maria.popescu", "emre.kaya", "jordan.blake", "li.wei")
FIGURE = "assets/images/bench-figure.svg"
FIGURE_SVG = (
    '<svg xmlns="http://www.w3.org/2000/svg" width="320" height="120" viewBox="0 0 320 120">'
    '<rect width="320" height="120" fill="#e6f2f1"/><rect x="16" y="16" width="120" height="88" fill="#0f6b63"/>'
    "</svg>\n"
)


def reviewed_on(number: int, today: date) -> date:
    """Stale, due soon or fresh, by the article's number, so every size has the same shares."""
    if number % STALE_EVERY == STALE_EVERY - 1:
        return today - timedelta(days=180 + 20 + number % 200)
    if number % DUE_SOON_EVERY == DUE_SOON_EVERY - 1:
        return today - timedelta(days=180 - 10 - number % 15)
    return today - timedelta(days=10 + number % 120)


def _link(source: str, target: str) -> str:
    return posixpath.relpath(target, posixpath.dirname(source))


def _body(article: Article, previous: Article | None) -> str:
    paragraphs = article.body.split("\n\n")
    head, rest = paragraphs[:2], paragraphs[2:]
    see = f"See [{previous.title}]({_link(article.path, previous.path)}) and " if previous else "See "
    section = _link(article.path, posixpath.join(posixpath.dirname(article.path), "index.md"))
    parts = [
        *head,
        "## Steps",
        f"1. Open **Settings** and choose *{article.slug}*.\n2. Select **Save**.\n3. {see}[the section]({section}).",
        f"![A diagram for {article.slug}]({_link(article.path, FIGURE)})",
        "!!! note\n\n    Changes apply to every project in the workspace.",
        "## Reference",
        "| Setting | Default |\n|---|---|\n| Approval | Required |\n| Currency | USD |",
        f'```json\n{{"article": "{article.slug}", "enabled": true}}\n```',
        *rest,
    ]
    return "\n\n".join(parts)


def _front_matter(values: dict[str, object]) -> str:
    """YAML front matter; JSON scalars are YAML too, and a date stays a plain YAML date."""
    return (
        "---\n"
        + "".join(
            f"{key}: {value.isoformat() if isinstance(value, date) else json.dumps(value, ensure_ascii=False)}\n"
            for key, value in values.items()
        )
        + "---\n"
    )


def write_project(articles: list[Article], content: Path, today: date) -> None:
    """`articles` as a kbgen content folder (see the module docstring); the same files build with plain MkDocs."""
    previous: dict[str, Article] = {}
    sections: dict[str, str] = {}
    for number, article in enumerate(articles):
        folder = posixpath.dirname(article.path)
        while folder.count("/") >= 1 and folder not in sections:
            name = folder.rsplit("/", 1)[1]
            sections[folder] = name.replace("-", " ").capitalize()
            folder = posixpath.dirname(folder)
        front = {
            "title": article.title,
            "owner": OWNERS[number % len(OWNERS)],
            "reviewed": reviewed_on(article.number, today),
            "product_version": list(article.versions or ("3.2", "4.0")),
        }
        if article.summary:
            front["summary"] = article.summary
        path = content / article.path
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(_front_matter(front) + "\n" + _body(article, previous.get(article.lang)) + "\n", "utf-8")
        previous[article.lang] = article
    for folder, title in sorted(sections.items()):
        (content / folder / "index.md").write_text(_front_matter({"title": title}), encoding="utf-8")
    figure = content / FIGURE
    figure.parent.mkdir(parents=True, exist_ok=True)
    figure.write_text(FIGURE_SVG, encoding="utf-8")
