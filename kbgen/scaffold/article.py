"""Writes a new article with complete, valid front matter, so a writer starts from a file `kbgen check` accepts.

What the folder decides (the review interval, and an owner or versions a section sets) is shown in a comment
rather than copied into the article: a copy would pin it to today's setting and silently ignore a later change
to `category_intervals`, the site default or the section's `index.md`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path, PurePosixPath

from kbgen.config.settings import LANGUAGE_CODE, KbConfig
from kbgen.loading.frontmatter import parse_document
from kbgen.loading.inheritance import Inheritance, SectionLookup, inheritance
from kbgen.loading.path_safety import name_problem, url_problem
from kbgen.loading.schema import validate_article
from kbgen.model import title_from_slug
from kbgen.review.durations import Interval
from kbgen.review.schedule import folder_interval
from kbgen.scaffold import ScaffoldRefused, take_back
from kbgen.scaffold.slugs import NoSlug, slug_from_title, slug_problem
from kbgen.scaffold.texts import fill, template, template_exists, yaml_list, yaml_scalar


@dataclass(frozen=True, slots=True)
class ArticleRequest:
    title: str
    category: str  # the folder under content/<lang>/, e.g. `billing` or `billing/invoices`; `content/en/billing` too
    lang: str | None
    owner: str | None  # --owner; else a section's owner, else git_owner
    reviewed: date
    slug: str | None = None
    versions: tuple[str, ...] = ()  # --product-version; else a section's, else default_versions
    git_owner: str | None = None


@dataclass(frozen=True, slots=True)
class ArticlePlan:
    rel: PurePosixPath  # under the content root
    display: str  # as findings name it, e.g. content/en/billing/invoices.md
    text: str
    lang: str
    category: str
    owner: tuple[str, str]  # the value and where it comes from
    versions: tuple[tuple[str, ...], str]
    interval: tuple[Interval, str]
    internal: str | None  # the section index.md that keeps this article off the public site, if any


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


def split_category(value: str, lang: str | None, docs_name: str, config: KbConfig) -> tuple[str, str]:
    """(language, category) from `--category` and `--lang`; a path such as `content/en/billing` names both."""
    parts = [p for p in PurePosixPath(value.replace("\\", "/")).parts if p not in ("", "/")]
    if len(parts) >= 3 and parts[0] == docs_name and config.accepts_language(parts[1]):
        if lang is not None and lang != parts[1]:
            raise ScaffoldRefused(f"--category {value} is in '{parts[1]}' but --lang is '{lang}'; drop one of them")
        lang, parts = parts[1], parts[2:]
    elif len(parts) >= 3 and parts[0] == docs_name and LANGUAGE_CODE.match(parts[1]):
        known = ", ".join(config.languages) or "a language code such as 'en'"
        raise ScaffoldRefused(
            f"--category {value} is under {docs_name}/{parts[1]}/, but '{parts[1]}' is not a configured language "
            f"({known}); add it to 'languages' in mkdocs.yml first (nothing was changed)"
        )
    language = lang or config.default_language
    if not config.accepts_language(language):
        known = ", ".join(config.languages) or "a language code such as 'en'"
        raise ScaffoldRefused(f"--lang '{language}' is not a configured language ({known})")
    if not parts:
        raise ScaffoldRefused("--category is empty; name the category folder, e.g. --category billing")
    for part in parts:
        problem = (
            "is not a folder name" if part in (".", "..") or part.startswith(".") else name_problem(part)
        ) or url_problem(part)
        if problem:
            raise ScaffoldRefused(f"--category '{value}': '{part}' {problem}")
    return language, "/".join(parts)


def plan_article(
    request: ArticleRequest, config: KbConfig, docs_name: str, display_prefix: str, sections: SectionLookup
) -> ArticlePlan:
    """Everything about the new file except writing it; refuses a name or field kbgen check would reject.

    What a section `index.md` above already sets (owner, product_version) is left for the article to inherit,
    and named in a comment, unless the writer gave it: a copy would hide a later change to the section.
    """
    lang, category = split_category(request.category, request.lang, docs_name, config)
    path = tuple(category.split("/"))
    if len(path) > config.max_depth:
        raise ScaffoldRefused(
            f"--category '{category}' is {len(path)} section folders deep; the limit is max_depth: {config.max_depth}"
        )
    title = request.title.strip()
    if not title:
        raise ScaffoldRefused("the title is empty; give the article's title in quotes")
    slug = _slug(title, request.slug)
    above = inheritance(sections, lang, path)
    owner, owner_line = _owner(request, above)
    versions, versions_line = _versions(request, above, config)
    inherited = (above.review_interval[0], above.review_interval[1]) if above.review_interval else None
    interval = folder_interval(inherited, path, config)
    body_lang = lang if template_exists(f"article-body/{lang}.md") else "en"
    text = fill(
        template(f"article-body/{body_lang}.md"),
        {
            "title": yaml_scalar(title),
            "owner_line": owner_line,
            "reviewed": request.reviewed.isoformat(),
            "versions_line": versions_line,
            "interval": f"{interval[0]}",
            "interval_source": interval[1],
        },
    )
    rel = PurePosixPath(lang, *path, f"{slug}.md")
    display = f"{display_prefix}{rel}"
    _refuse_invalid(text, display, config, above.required_keys)
    internal = above.internal.display if above.internal else None
    return ArticlePlan(rel, display, text, lang, category, owner, versions, interval, internal)


def _slug(title: str, given: str | None) -> str:
    if given is not None:
        problem = slug_problem(given)
        if problem:
            raise ScaffoldRefused(f"--slug {problem}")
        return given
    try:
        return slug_from_title(title)
    except NoSlug as exc:
        raise ScaffoldRefused(str(exc)) from None


def _owner(request: ArticleRequest, above: Inheritance) -> tuple[tuple[str, str], str]:
    """--owner, else the section's owner (inherited, so not written), else the git user."""
    if request.owner and request.owner.strip():
        return (request.owner.strip(), "--owner"), f"owner: {yaml_scalar(request.owner.strip())}"
    if above.owner:
        name, origin = above.owner
        return (name, f"from {origin.display}"), f"# owner: {name} (from {origin.display}); set owner: to change it"
    if request.git_owner:
        return (request.git_owner, "from git config"), f"owner: {yaml_scalar(request.git_owner)}"
    raise ScaffoldRefused("who owns this article? no section above sets an owner and git has no user.email or "
                          "user.name here; pass --owner NAME")  # fmt: skip


def _versions(request: ArticleRequest, above: Inheritance, config: KbConfig) -> tuple[tuple[tuple[str, ...], str], str]:
    """--product-version, else the section's (inherited, so not written), else the newest supported version."""
    if request.versions:
        return (request.versions, "--product-version"), f"product_version: {yaml_list(request.versions)}"
    if above.versions:
        versions, origin = above.versions
        line = f"# product_version: {yaml_list(versions)} (from {origin.display}); set product_version: to change it"
        return (versions, f"from {origin.display}"), line
    versions = default_versions(config)
    source = "no versions configured" if versions == ("all",) else "the newest supported version"
    return (versions, source), f"product_version: {yaml_list(versions)}"


def _refuse_invalid(text: str, display: str, config: KbConfig, inherited: frozenset[str]) -> None:
    """The same parser and schema as `kbgen check`: a value that would not pass is refused before it is written."""
    parsed = parse_document(text, display)
    findings = parsed.findings + validate_article(parsed.fields, display, config, inherited).findings
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
    try:
        folder = PurePosixPath(plan.lang)
        for part in plan.category.split("/"):
            folder = folder / part
            path = content_root / folder
            if path.is_symlink():  # it could lead out of the content folder, which check refuses (KB143)
                raise ScaffoldRefused(
                    f"{content_root.name}/{folder} is a symbolic link; kbgen new writes only into real folders of "
                    "the content folder: make it a real folder (nothing was changed)"
                )
            if path.is_dir():
                continue
            path.mkdir(parents=True)
            created.append(folder)
            index = folder / "index.md"
            created.append(index)
            (content_root / index).write_text(f"---\ntitle: {yaml_scalar(title_from_slug(part))}\n---\n", "utf-8")
        try:
            handle = (content_root / plan.rel).open("x", encoding="utf-8", newline="\n")
        except FileExistsError:  # made between the check above and now
            raise ScaffoldRefused(f"{plan.display} already exists; nothing was changed") from None
        created.append(plan.rel)
        with handle:
            handle.write(plan.text)
    except BaseException:
        take_back([content_root / rel for rel in created])
        raise
    return created
