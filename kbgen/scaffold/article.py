"""Writes a new article with complete, valid front matter, so a writer starts from a file `kbgen check` accepts.

The review interval is shown in a comment rather than written as `review_interval`: a copied value would pin the
article to today's setting and silently ignore a later change to `category_intervals` or the site default.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path, PurePosixPath

from kbgen.config.settings import KbConfig
from kbgen.loading.frontmatter import parse_document
from kbgen.loading.path_safety import name_problem
from kbgen.loading.schema import validate_article
from kbgen.model import title_from_slug
from kbgen.review.durations import Interval
from kbgen.scaffold import ScaffoldRefused
from kbgen.scaffold.slugs import NoSlug, slug_from_title, slug_problem
from kbgen.scaffold.texts import fill, template, template_exists, yaml_list, yaml_scalar


@dataclass(frozen=True, slots=True)
class ArticleRequest:
    title: str
    category: str  # the folder under content/<lang>/, e.g. `billing`; `content/en/billing` is understood too
    lang: str | None
    owner: str
    reviewed: date
    slug: str | None = None
    versions: tuple[str, ...] = ()  # empty: the default (see default_versions)


@dataclass(frozen=True, slots=True)
class ArticlePlan:
    rel: PurePosixPath  # under the content root
    display: str  # as findings name it, e.g. content/en/billing/invoices.md
    text: str
    lang: str
    category: str
    versions: tuple[str, ...]
    interval: Interval
    interval_source: str


def default_versions(config: KbConfig) -> tuple[str, ...]:
    """The newest supported version: what a writer documents today. Versions unset: "all"."""
    for versions in (config.supported_versions, config.product_versions):
        if versions:
            return (_newest(versions),)
    return ("all",)


def _newest(versions: tuple[str, ...]) -> str:
    if all(re.fullmatch(r"\d+(\.\d+)*", v) for v in versions):
        return max(versions, key=lambda v: tuple(int(part) for part in v.split(".")))
    return versions[-1]  # names, not numbers: the configuration lists them oldest first


def category_interval(config: KbConfig, category: str) -> tuple[Interval, str]:
    """The interval the article will get from configuration, nearest category first, and where it comes from."""
    parts = category.split("/")
    for depth in range(len(parts), 0, -1):
        name = "/".join(parts[:depth])
        if name in config.category_intervals:
            return config.category_intervals[name], f"category_intervals.{name} in mkdocs.yml"
    return config.review_interval, "review_interval in mkdocs.yml"


def split_category(value: str, lang: str | None, docs_name: str, config: KbConfig) -> tuple[str, str]:
    """(language, category) from `--category` and `--lang`; a path such as `content/en/billing` names both."""
    parts = [p for p in PurePosixPath(value.replace("\\", "/")).parts if p not in ("", "/")]
    if len(parts) >= 3 and parts[0] == docs_name and config.accepts_language(parts[1]):
        if lang is not None and lang != parts[1]:
            raise ScaffoldRefused(f"--category {value} is in '{parts[1]}' but --lang is '{lang}'; drop one of them")
        lang, parts = parts[1], parts[2:]
    language = lang or config.default_language
    if not config.accepts_language(language):
        known = ", ".join(config.languages) or "a language code such as 'en'"
        raise ScaffoldRefused(f"--lang '{language}' is not a configured language ({known})")
    if not parts:
        raise ScaffoldRefused("--category is empty; name the category folder, e.g. --category billing")
    for part in parts:
        problem = "is not a folder name" if part in (".", "..") or part.startswith(".") else name_problem(part)
        if problem:
            raise ScaffoldRefused(f"--category '{value}': '{part}' {problem}")
    return language, "/".join(parts)


def plan_article(request: ArticleRequest, config: KbConfig, docs_name: str, display_prefix: str) -> ArticlePlan:
    """Everything about the new file except writing it; refuses a name or field kbgen check would reject."""
    lang, category = split_category(request.category, request.lang, docs_name, config)
    title = request.title.strip()
    if not title:
        raise ScaffoldRefused("the title is empty; give the article's title in quotes")
    slug = request.slug
    if slug is not None:
        problem = slug_problem(slug)
        if problem:
            raise ScaffoldRefused(f"--slug {problem}")
    else:
        try:
            slug = slug_from_title(title)
        except NoSlug as exc:
            raise ScaffoldRefused(str(exc)) from None
    versions = request.versions or default_versions(config)
    interval, source = category_interval(config, category)
    body_lang = lang if template_exists(f"article-body/{lang}.md") else "en"
    text = fill(
        template(f"article-body/{body_lang}.md"),
        {
            "title": yaml_scalar(title),
            "owner": yaml_scalar(request.owner.strip()),
            "reviewed": request.reviewed.isoformat(),
            "versions": yaml_list(versions),
            "interval": f"{interval}",
            "interval_source": source,
        },
    )
    rel = PurePosixPath(lang, *category.split("/"), f"{slug}.md")
    display = f"{display_prefix}{rel}"
    _refuse_invalid(text, display, config)
    return ArticlePlan(rel, display, text, lang, category, versions, interval, source)


def _refuse_invalid(text: str, display: str, config: KbConfig) -> None:
    """The same parser and schema as `kbgen check`: a value that would not pass is refused before it is written."""
    parsed = parse_document(text, display)
    findings = parsed.findings + validate_article(parsed.fields, display, config).findings
    if findings:
        raise ScaffoldRefused("; ".join(finding.format() for finding in findings))


def write_article(content_root: Path, plan: ArticlePlan) -> list[PurePosixPath]:
    """Creates missing folders (a new category gets an index.md to title it), then the article, never overwriting.

    Returns what was created, relative to the content root, in the order it was created.
    """
    target = content_root / plan.rel
    if target.exists():
        raise ScaffoldRefused(f"{plan.display} already exists; choose another title or --slug (nothing was changed)")
    created: list[PurePosixPath] = []
    folder = PurePosixPath(plan.lang)
    for part in plan.category.split("/"):
        folder = folder / part
        path = content_root / folder
        if path.is_dir():
            continue
        path.mkdir(parents=True)
        created.append(folder)
        index = folder / "index.md"
        (content_root / index).write_text(f"---\ntitle: {yaml_scalar(title_from_slug(part))}\n---\n", "utf-8")
        created.append(index)
    try:
        with (content_root / plan.rel).open("x", encoding="utf-8", newline="\n") as handle:
            handle.write(plan.text)
    except FileExistsError:  # made between the check above and now
        raise ScaffoldRefused(f"{plan.display} already exists; nothing was changed") from None
    created.append(plan.rel)
    return created
