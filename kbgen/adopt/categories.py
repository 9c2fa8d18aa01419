"""Reads Docusaurus' `_category_.json` and `_category_.yml` files for the names its writers gave the tree's folders.

Docusaurus titles a sidebar category, places it among its siblings and describes it in a file inside the folder:

    {"label": "Tutorial - Basics", "position": 2, "link": {"type": "generated-index", "description": "..."}}

kbgen has no such file: a section is titled, placed and summarised by its `index.md`, else titled by the folder's
name ("Misc" for "Miscellaneous"). The `label` is the section's `title`, the `position` its `order` (Docusaurus
allows 2.5, between 2 and 3: it is placed after 2) and the description, the category's own or its generated
index page's, its `summary`. A file that cannot be read is a note with its line, never a crash.
"""

from __future__ import annotations

import json
import math
import reprlib
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Any

import yaml

from kbgen.adopt.toc import SectionName, file_problem
from kbgen.loading.frontmatter import decode
from kbgen.yaml_loader import WriterLoader, refused_event, yaml_problem

CATEGORY_NAMES = frozenset({"_category_.json", "_category_.yml", "_category_.yaml"})


@dataclass(slots=True)
class Categories:
    """The folder names of every category file of a tree, and what could not be read (file, line, message)."""

    sections: dict[PurePosixPath, SectionName] = field(default_factory=dict)
    read: set[PurePosixPath] = field(default_factory=set)
    seen: set[PurePosixPath] = field(default_factory=set)  # every category file, read or noted as a problem
    problems: list[tuple[PurePosixPath, int, str]] = field(default_factory=list)


def is_category_file(rel: PurePosixPath) -> bool:
    return rel.name.lower() in CATEGORY_NAMES


def read_categories(root: Path, files: Iterable[PurePosixPath]) -> Categories:
    """The section names of every category file below `root`; a folder's JSON file before its YAML one."""
    categories = Categories()
    for rel in sorted((rel for rel in files if is_category_file(rel)), key=lambda rel: (rel.parent, rel.suffix)):
        categories.seen.add(rel)
        data = _load(root, rel, categories)
        if data is None:
            continue
        categories.read.add(rel)
        name = _section_name(data, rel, categories)
        if name is not None and rel.parent.parts:
            categories.sections.setdefault(rel.parent, name)
    return categories


def _load(root: Path, rel: PurePosixPath, categories: Categories) -> dict[str, Any] | None:
    problem = file_problem(root / rel)
    if problem is not None:
        categories.problems.append((rel, 0, f"{problem}; its section name is not used"))
        return None
    text, findings = decode((root / rel).read_bytes(), rel.as_posix())
    if text is None:
        categories.problems.append((rel, findings[0].line, f"{findings[0].message}; its section name is not used"))
        return None
    try:
        if rel.suffix.lower() == ".json":
            data = json.loads(text)
        else:
            refused = refused_event(text)
            if refused is not None:  # a billion laughs is refused rather than expanded, deep nesting not recursed
                line, what = refused
                said = "an alias (*name); write the value out" if what == "alias" else f"{what}; flatten them"
                categories.problems.append((rel, line, f"{said}. Not used"))
                return None
            data = yaml.load(text, Loader=WriterLoader)  # WriterLoader is PyYAML's safe loader
    except RecursionError:  # json's decoder recurses once a level
        categories.problems.append((rel, 1, "JSON nested too deep to read; its section name is not used"))
        return None
    except json.JSONDecodeError as exc:
        categories.problems.append((rel, exc.lineno, f"JSON syntax error: {exc.msg}; its section name is not used"))
        return None
    except yaml.YAMLError as exc:
        line, problem = yaml_problem(exc)
        categories.problems.append((rel, line, f"YAML syntax error: {problem}; its section name is not used"))
        return None
    if data is None:
        return {}
    if not isinstance(data, dict):
        categories.problems.append((rel, 1, "not a mapping (label:, position:); its section name is not used"))
        return None
    return data


def _section_name(data: dict[str, Any], rel: PurePosixPath, categories: Categories) -> SectionName | None:
    label = data.get("label")
    title = label.strip() if isinstance(label, str) else ""
    if label is not None and not title:
        categories.problems.append(
            (rel, 0, f"'label' is {reprlib.repr(label)}, not text; the folder's name is its title")
        )
    order = _order(data.get("position"))
    if data.get("position") is not None and order is None:
        categories.problems.append((rel, 0, f"'position' is {reprlib.repr(data['position'])}, not a number; not used"))
    link = data.get("link")
    described = data.get("description") or (link.get("description") if isinstance(link, dict) else None)
    summary = described.strip() if isinstance(described, str) else ""
    if not title and order is None and not summary:
        return None
    return SectionName(title, order, rel, 0, summary)


def _order(position: object) -> int | None:
    if isinstance(position, bool) or not isinstance(position, int | float) or not math.isfinite(position):
        return None
    return math.ceil(position)
