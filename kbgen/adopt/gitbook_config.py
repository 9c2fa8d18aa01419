"""Reads GitBook's `.gitbook.yaml`: the folder the book starts in (`root:`) and the names of its first page and
table of contents (`structure: {readme: ..., summary: ...}`).

GitBook's Git Sync looks for `.gitbook.yaml` at the top of the repository; without it the book starts there, with
`README.md` and `SUMMARY.md`. The file is read with the writers' safe YAML loader, aliases refused, nothing
executed; a file that cannot be read, or a value that is not a path inside the tree, is a problem with its line and
the defaults stand. Its `redirects:` (an old address: the file now there, from the book's root) are read for
kbgen.adopt.gitbook_redirects; an entry that is not one is a problem with its line.
"""

from __future__ import annotations

import posixpath
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

import yaml

from kbgen.adopt.toc import file_problem
from kbgen.loading.frontmatter import decode
from kbgen.yaml_loader import WriterLoader, yaml_problem

CONFIG_NAME = ".gitbook.yaml"
README = "README.md"
SUMMARY = "SUMMARY.md"
_TOP = PurePosixPath(".")


@dataclass(frozen=True, slots=True)
class BookRedirect:
    """One entry of `redirects:`: the old address as written, the file it leads to from the tree's top, its line."""

    old: str
    target: PurePosixPath
    line: int


@dataclass(slots=True)
class GitBookConfig:
    """Where the book's files are, from the tree's top; `problems` are (line, message) in `.gitbook.yaml`."""

    root: PurePosixPath = _TOP
    readme: PurePosixPath = PurePosixPath(README)
    summary: PurePosixPath = PurePosixPath(SUMMARY)
    problems: list[tuple[int, str]] = field(default_factory=list)
    redirects: list[BookRedirect] = field(default_factory=list)


def read_config(top: Path) -> GitBookConfig:
    """The book's layout as `.gitbook.yaml` at `top` sets it (the defaults when there is none)."""
    config = GitBookConfig()
    path = top / CONFIG_NAME
    if not path.exists() and not path.is_symlink():
        return config
    node = _load(path, config)
    if node is None:
        return config
    if not isinstance(node, yaml.MappingNode):
        config.problems.append((node.start_mark.line + 1, "not a mapping (root:, structure:); GitBook's defaults used"))
        return config
    values = _mapping(node)
    root = _path(values.get("root"), _TOP, "root", config)
    if root is not None:
        config.root = root
    config.readme, config.summary = config.root / README, config.root / SUMMARY
    structure = values.get("structure")
    if isinstance(structure, yaml.MappingNode):
        names = _mapping(structure)
        for key in ("readme", "summary"):
            found = _path(names.get(key), config.root, f"structure.{key}", config)
            if found is not None:
                setattr(config, key, found)
    elif structure is not None:
        config.problems.append((structure.start_mark.line + 1, "'structure' is not a mapping (readme:, summary:)"))
    _read_redirects(values.get("redirects"), config)
    return config


def _read_redirects(node: yaml.Node | None, config: GitBookConfig) -> None:
    """`redirects:`, each `old/address: new/file.md` from the book's root; anything else is a problem."""
    if node is None or (isinstance(node, yaml.ScalarNode) and not node.value.strip()):
        return
    if not isinstance(node, yaml.MappingNode):
        config.problems.append((node.start_mark.line + 1, "'redirects' is not a mapping (old/address: new/file.md)"))
        return
    for key, value in node.value:
        line = key.start_mark.line + 1
        if not isinstance(key, yaml.ScalarNode) or not isinstance(value, yaml.ScalarNode) or not value.value.strip():
            config.problems.append((line, "a redirect that is not 'old/address: new/file.md'; not carried"))
            continue
        written = value.value.strip()
        joined = posixpath.normpath(posixpath.join(config.root.as_posix(), written.lstrip("/")))
        if joined == ".." or joined.startswith("../"):
            message = f"redirect '{key.value}' leads to '{written}', out of the adopted folder; not carried"
            config.problems.append((line, message))
            continue
        config.redirects.append(BookRedirect(key.value.strip(), PurePosixPath(joined), line))


def _load(path: Path, config: GitBookConfig) -> yaml.Node | None:
    problem = file_problem(path)
    if problem is not None:
        config.problems.append((0, f"{problem}; GitBook's defaults used"))
        return None
    text, findings = decode(path.read_bytes(), path.as_posix())
    if text is None:
        config.problems.append((findings[0].line, f"{findings[0].message}; GitBook's defaults used"))
        return None
    try:
        alias = next((e for e in yaml.parse(text, Loader=WriterLoader) if isinstance(e, yaml.AliasEvent)), None)
        if alias is not None:
            line = alias.start_mark.line + 1 if alias.start_mark is not None else 0
            config.problems.append((line, "an alias (*name); write the value out. GitBook's defaults used"))
            return None
        node: yaml.Node | None = yaml.compose(text, Loader=WriterLoader)
    except yaml.YAMLError as exc:
        line, problem = yaml_problem(exc)
        config.problems.append((line, f"YAML syntax error: {problem}; GitBook's defaults used"))
        return None
    return node


def _mapping(node: yaml.MappingNode) -> dict[str, yaml.Node]:
    return {key.value: value for key, value in node.value if isinstance(key, yaml.ScalarNode)}


def _path(node: yaml.Node | None, base: PurePosixPath, key: str, config: GitBookConfig) -> PurePosixPath | None:
    """The path a value names, from the tree's top (`base` is the folder it is written from); None, and a problem,
    for one that is not text or leads out of the tree."""
    if node is None:
        return None
    line = node.start_mark.line + 1
    if not isinstance(node, yaml.ScalarNode) or not node.value.strip():
        config.problems.append((line, f"'{key}' is not a path; GitBook's default used"))
        return None
    written = node.value.strip()
    joined = posixpath.normpath(posixpath.join(base.as_posix(), written.lstrip("/")))
    if joined == ".." or joined.startswith("../") or written.startswith("~"):
        config.problems.append((line, f"'{key}: {written}' leads out of the adopted folder; GitBook's default used"))
        return None
    return PurePosixPath(joined)
